// otawire: Huawei Cloud IoTDA MQTT software/firmware upgrade (`$ota` events) — everything.
#ifndef OTAWIRE_HUAWEI_HPP
#define OTAWIRE_HUAWEI_HPP

#include <otawire/huawei/codec.hpp>
#include <otawire/huawei/download.hpp>
#include <otawire/huawei/messages.hpp>
#include <otawire/huawei/session.hpp>
#include <otawire/huawei/topic.hpp>

#endif
