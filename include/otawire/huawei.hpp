// otawire: Huawei Cloud IoTDA MQTT software/firmware upgrade (`$ota` events) — everything.
#ifndef OTAWIRE_HUAWEI_HPP
#define OTAWIRE_HUAWEI_HPP

#include <otawire/huawei/codec.hpp>
#include <otawire/huawei/download.hpp>
#include <otawire/huawei/messages.hpp>
#include <otawire/huawei/session.hpp>
#include <otawire/huawei/topic.hpp>

/// \namespace otawire::huawei
/// Huawei Cloud IoTDA software/firmware upgrade over MQTT (`$ota` events on
/// `$oc/devices/{id}/sys/events/up|down`): events, topics, a decoder on either JSON backend, an
/// encoder per SDK profile, package checks and the per-device session validator.

#endif
