// otawire: build configuration shared by every header.
#ifndef OTAWIRE_CONFIG_HPP
#define OTAWIRE_CONFIG_HPP

#include <cstdlib>

// Preconditions that only a programming error can break (for example `result::value()` on an
// error). Bad *input* never reaches these: decoders report it as an `otawire::error`.
// Firmware builds may define OTAWIRE_ASSERT to their own trap before including otawire.
#ifndef OTAWIRE_ASSERT
#define OTAWIRE_ASSERT(cond) ((cond) ? static_cast<void>(0) : std::abort())
#endif

// OTAWIRE_DEVICE_PROFILE (define it before including otawire, or with -D): build for a device.
// The PCP checksum then references one 512-byte const table and a byte-wise loop instead of the
// 8 KiB slicing tables and the 13-lane fold (pcp/checksum.hpp). Behaviour is identical.

// Marks a parameter whose storage a returned view points into, so that clang warns when the
// argument is a temporary (`-Wdangling`). Other compilers ignore it; the deleted overloads for
// owning temporaries (`otawire::dangling_temporary`, bytes.hpp) are the portable guard.
#if defined(__clang__) && defined(__has_cpp_attribute)
#if __has_cpp_attribute(clang::lifetimebound)
#define OTAWIRE_LIFETIMEBOUND [[clang::lifetimebound]]
#endif
#endif
#ifndef OTAWIRE_LIFETIMEBOUND
#define OTAWIRE_LIFETIMEBOUND
#endif

#endif
