// otawire JetLinks firmware messages: the eight message types, MQTT topics, codec, upgrade-task
// validator.
#ifndef OTAWIRE_JETLINKS_HPP
#define OTAWIRE_JETLINKS_HPP

#include <otawire/jetlinks/codec.hpp>
#include <otawire/jetlinks/messages.hpp>
#include <otawire/jetlinks/session.hpp>
#include <otawire/jetlinks/topic.hpp>

/// \namespace otawire::jetlinks
/// JetLinks firmware messages over MQTT (`/{productId}/{deviceId}/firmware/…`, gateway
/// child devices included): the eight message types, topics, a decoder on either JSON backend, an
/// encoder in Jackson's key order and the upgrade-task validator.

#endif
