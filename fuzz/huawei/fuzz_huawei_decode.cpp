// Huawei `$ota` messages, fast decoder: bad input never crashes and gets an error; anything
// accepted re-encodes (in every profile the message fits) to text that decodes to the same
// message, and feeds the session validator without trouble.
#include "support/huawei_arbitrary.hpp"

#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  namespace hw = otawire::huawei;
  static otawire::json::parser parser;
  static otawire::json::parser check_parser;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  (void)hw::parse_topic(text);
  auto m = hw::decode_payload(parser, text);
  if (!m) return 0;
  for (const auto prof : {hw::profile::compact, hw::profile::c_sdk, hw::profile::python}) {
    if (!otawire::test::huawei::round_trips(check_parser, *m, prof)) std::abort();
  }
  hw::session s;
  (void)s.on(hw::topic{"fuzz", otawire::direction::platform_to_device}, *m);
  (void)s.on(hw::topic{"fuzz", otawire::direction::device_to_platform}, *m);
  return 0;
}
