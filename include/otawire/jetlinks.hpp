// otawire JetLinks firmware messages: the eight message types, MQTT topics, codec, upgrade-task
// validator.
#ifndef OTAWIRE_JETLINKS_HPP
#define OTAWIRE_JETLINKS_HPP

#include <otawire/jetlinks/codec.hpp>
#include <otawire/jetlinks/messages.hpp>
#include <otawire/jetlinks/session.hpp>
#include <otawire/jetlinks/topic.hpp>

#endif
