// otawire: library version.
#ifndef OTAWIRE_VERSION_HPP
#define OTAWIRE_VERSION_HPP

#define OTAWIRE_VERSION_MAJOR 0
#define OTAWIRE_VERSION_MINOR 1
#define OTAWIRE_VERSION_PATCH 0

namespace otawire {
/// Major version: changes when the API breaks (the library has no stable API before 1.0).
inline constexpr int version_major = OTAWIRE_VERSION_MAJOR;
/// Minor version: the installed package's CMake config accepts the same major.minor only.
inline constexpr int version_minor = OTAWIRE_VERSION_MINOR;
/// Patch version: fixes that keep the API.
inline constexpr int version_patch = OTAWIRE_VERSION_PATCH;
}  // namespace otawire

#endif
