// otawire: umbrella header for the device-safe core (vocabulary and binary codecs).
// The JSON families (and PCP's UpgradeDesc.json descriptor) have their own umbrella,
// <otawire/otawire_json.hpp>.
#ifndef OTAWIRE_OTAWIRE_HPP
#define OTAWIRE_OTAWIRE_HPP

#include <otawire/bytes.hpp>
#include <otawire/contract.hpp>
#include <otawire/error.hpp>
#include <otawire/hex.hpp>
#include <otawire/result.hpp>
#include <otawire/version.hpp>

#include <otawire/lwm2m.hpp>
#include <otawire/pcp.hpp>

/// \namespace otawire
/// Typed codecs and session validators for IoT OTA upgrade wire formats. The vocabulary every
/// protocol shares (result, error, errc, byte_reader, byte_writer) lives directly here; each
/// protocol has its own namespace.

#endif
