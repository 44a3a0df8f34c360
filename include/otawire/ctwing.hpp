// otawire CTWing (China Telecom AIoT) MQTT FOTA: messages, topics, codec, download URL, session.
#ifndef OTAWIRE_CTWING_HPP
#define OTAWIRE_CTWING_HPP

#include <otawire/ctwing/codec.hpp>
#include <otawire/ctwing/messages.hpp>
#include <otawire/ctwing/session.hpp>
#include <otawire/ctwing/topic.hpp>
#include <otawire/ctwing/url.hpp>

/// \namespace otawire::ctwing
/// CTWing (China Telecom AIoT) FOTA over MQTT (`/ota/inform|upgrade|progress`): inform,
/// upgrade and progress messages, the download URL, a decoder on either JSON backend, an encoder
/// and the upgrade session validator.

#endif
