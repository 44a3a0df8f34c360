// otawire: umbrella header for the device-safe core (vocabulary and binary codecs).
// The JSON families have their own umbrella, <otawire/otawire_json.hpp>.
#ifndef OTAWIRE_OTAWIRE_HPP
#define OTAWIRE_OTAWIRE_HPP

#include <otawire/bytes.hpp>
#include <otawire/error.hpp>
#include <otawire/hex.hpp>
#include <otawire/result.hpp>
#include <otawire/version.hpp>

#endif
