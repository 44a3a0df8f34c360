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

#endif
