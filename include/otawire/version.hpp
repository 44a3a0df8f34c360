// otawire: library version.
#ifndef OTAWIRE_VERSION_HPP
#define OTAWIRE_VERSION_HPP

#define OTAWIRE_VERSION_MAJOR 0
#define OTAWIRE_VERSION_MINOR 1
#define OTAWIRE_VERSION_PATCH 0

namespace otawire {
inline constexpr int version_major = OTAWIRE_VERSION_MAJOR;
inline constexpr int version_minor = OTAWIRE_VERSION_MINOR;
inline constexpr int version_patch = OTAWIRE_VERSION_PATCH;
}  // namespace otawire

#endif
