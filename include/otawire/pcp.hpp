// otawire: umbrella header for PCP (Huawei SOTA upgrade protocol), the device-safe part.
// The UpgradeDesc.json descriptor is in <otawire/pcp/descriptor.hpp> (otawire::json target).
#ifndef OTAWIRE_PCP_HPP
#define OTAWIRE_PCP_HPP

#include <otawire/pcp/checksum.hpp>
#include <otawire/pcp/codec.hpp>
#include <otawire/pcp/fragments.hpp>
#include <otawire/pcp/messages.hpp>
#include <otawire/pcp/session.hpp>
#include <otawire/pcp/source_versions.hpp>

/// \namespace otawire::pcp
/// PCP, the Huawei / China Unicom NB-IoT software upgrade protocol: binary frames carried in
/// LwM2M/CoAP payloads. Codec (constexpr), checksum, fragment planner and assembler, platform and
/// device session validators. Device-safe: the C++20 standard library only.

#endif
