// CTWing fuzz input: "<topic>\n<json>". Without a newline the whole input is the JSON payload,
// tried on every topic.
#ifndef OTAWIRE_FUZZ_CTWING_INPUT_HPP
#define OTAWIRE_FUZZ_CTWING_INPUT_HPP

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace otawire::fuzz::ctwing {

struct input {
  std::string_view topic;  // empty: try every topic
  std::string_view json;
};

inline input split(const std::uint8_t* data, std::size_t size) {
  const std::string_view all(reinterpret_cast<const char*>(data), size);
  const auto newline = all.find('\n');
  if (newline == std::string_view::npos || newline > 64) return {{}, all};
  return {all.substr(0, newline), all.substr(newline + 1)};
}

}  // namespace otawire::fuzz::ctwing

#endif
