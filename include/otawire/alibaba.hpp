// otawire Alibaba Link OTA (umbrella): topics, messages, codec, session validator, digest check.
#ifndef OTAWIRE_ALIBABA_HPP
#define OTAWIRE_ALIBABA_HPP

#include <otawire/alibaba/codec.hpp>
#include <otawire/alibaba/messages.hpp>
#include <otawire/alibaba/session.hpp>
#include <otawire/alibaba/topic.hpp>
#include <otawire/alibaba/verify.hpp>

/// \namespace otawire::alibaba
/// Alibaba Cloud Link OTA over MQTT (`/ota/device/…`, `/sys/…/thing/ota/firmware/get`):
/// messages per module, topics, a decoder on either JSON backend, an encoder, the package digest
/// check and the per-(device, module) session validator.

#endif
