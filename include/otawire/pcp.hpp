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

#endif
