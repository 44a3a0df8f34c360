// Which JSON backend the inspector's JSON families decode with. The CLI takes the simdjson fast
// path. The WebAssembly build (scripts/web.sh) defines OTAWIRE_INSPECT_BOOST_JSON and takes the
// Boost.JSON DOM path, because Debian ships no simdjson implementation source to compile for
// WebAssembly. Both paths accept the same messages with the same error codes and paths (the
// differential fuzz targets check it); the DOM path gives a byte offset only for malformed JSON.
#ifndef OTAWIRE_INSPECT_JSON_BACKEND_HPP
#define OTAWIRE_INSPECT_JSON_BACKEND_HPP

#include <otawire/json/dom.hpp>

#ifndef OTAWIRE_INSPECT_BOOST_JSON
#include <otawire/json/simd.hpp>
#endif

namespace otawire::inspect {

#ifdef OTAWIRE_INSPECT_BOOST_JSON
inline constexpr bool uses_boost_json = true;
/// What a protocol session keeps between lines: the parsed document the decoded views point into.
struct json_state {
  boost::json::value document;
};
#else
inline constexpr bool uses_boost_json = false;
/// What a protocol session keeps between lines: the parser the decoded views point into.
struct json_state {
  json::parser parser;
};
#endif

}  // namespace otawire::inspect

#endif
