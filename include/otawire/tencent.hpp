// otawire Tencent Cloud IoT Hub / IoT Explorer firmware OTA over MQTT: messages, topics, codec,
// session validator.
#ifndef OTAWIRE_TENCENT_HPP
#define OTAWIRE_TENCENT_HPP

#include <otawire/tencent/codec.hpp>
#include <otawire/tencent/messages.hpp>
#include <otawire/tencent/session.hpp>
#include <otawire/tencent/topic.hpp>

/// \namespace otawire::tencent
/// Tencent Cloud IoT Hub / IoT Explorer firmware OTA over MQTT (`$ota/report|update/…`):
/// the four message types, topics, a decoder on either JSON backend, the C SDK's byte templates and
/// the upgrade session validator.

#endif
