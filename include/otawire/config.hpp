// otawire: build configuration shared by every header.
/// \file
/// Build configuration shared by every header: the macros a build may define before including
/// otawire (`OTAWIRE_ASSERT`, `OTAWIRE_DEVICE_PROFILE`) and the lifetime annotation decoders
/// carry. Defining `OTAWIRE_DEVICE_PROFILE` (before any otawire header, or with `-D`) builds for a
/// device: smaller tables, errors without texts, a trapping assert; decoding and encoding give
/// the same results.
#ifndef OTAWIRE_CONFIG_HPP
#define OTAWIRE_CONFIG_HPP

#include <cstdlib>

// OTAWIRE_DEVICE_PROFILE (define it before including otawire, or with -D): build for a device
// (flash, RAM and stack matter more than speed or diagnostics). What changes:
// - the PCP checksum is a byte-wise loop over two 16-entry const tables (64 bytes) instead of
//   the 8 KiB slicing tables and the 13-lane fold (pcp/checksum.hpp); same results;
// - error texts are dropped: `error::where()` and `error::state()` stay empty (`code()` and
//   `offset()` are kept); `text_id` and `rule` are empty types, so no field or rule name is
//   emitted (error.hpp, `keeps_error_texts`);
// - OTAWIRE_ASSERT traps (`__builtin_trap`) instead of calling `std::abort`, which newlib makes
//   pull in `signal` and `malloc`;
// - the PCP session keeps 32 bytes of state: it no longer remembers the version the device
//   reported (`session_rules::device_version()` is absent, so the rule `already_latest_version`
//   is the device's own check: answer 20 with 0x03), and counts fragments in 16 bits.
// Decoding and encoding give the same results in both profiles. A device decodes with
// `pcp::decode_downlink` (downlink kinds only, no std::variant), encodes with the typed
// `pcp::encode(m, out)` (one pass) and feeds sessions typed messages (`on(m)`).

// Preconditions that only a programming error can break (for example `result::value()` on an
// error). Bad *input* never reaches these: decoders report it as an `otawire::error`.
// Firmware builds may define OTAWIRE_ASSERT to their own trap before including otawire.
/// Checks a precondition only a programming error can break (`result::value()` on an error); bad
/// input never reaches it. Define it before including otawire to use your own trap.
#ifndef OTAWIRE_ASSERT
#if defined(OTAWIRE_DEVICE_PROFILE)
#define OTAWIRE_ASSERT(cond) ((cond) ? static_cast<void>(0) : __builtin_trap())
#else
#define OTAWIRE_ASSERT(cond) ((cond) ? static_cast<void>(0) : std::abort())
#endif
#endif

// Marks a parameter whose storage a returned view points into, so that clang warns when the
// argument is a temporary (`-Wdangling`). Other compilers ignore it; the deleted overloads for
// owning temporaries (`otawire::dangling_temporary`, bytes.hpp) are the portable guard.
/// Marks a parameter the returned views point into: `[[clang::lifetimebound]]` under clang, which
/// then warns when the argument is a temporary; empty elsewhere.
#if defined(__clang__) && defined(__has_cpp_attribute)
#if __has_cpp_attribute(clang::lifetimebound)
#define OTAWIRE_LIFETIMEBOUND [[clang::lifetimebound]]
#endif
#endif
#ifndef OTAWIRE_LIFETIMEBOUND
#define OTAWIRE_LIFETIMEBOUND
#endif

#endif
