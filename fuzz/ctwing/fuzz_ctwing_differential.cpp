// CTWing differential target: the simdjson decoder and the Boost.JSON decoder must agree on
// accept/reject, on the decoded message, and on the error's kind and path (byte for malformed
// JSON). Any disagreement aborts.
#include "input.hpp"
#include "support/ctwing_oracle.hpp"

#include <cstdio>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  namespace cw = otawire::ctwing;
  static otawire::json::parser decoder;
  const auto in = otawire::fuzz::ctwing::split(data, size);
  const auto check = [&](cw::topic t) {
    if (auto why = otawire::test::ctwing::differential(decoder, t, in.json)) {
      std::fprintf(stderr, "disagreement on %s: %s\n", std::string(cw::format_topic(t).value()).c_str(), why->c_str());
      std::abort();
    }
  };
  if (!in.topic.empty()) {
    if (auto t = cw::parse_topic(in.topic)) check(*t);
    return 0;
  }
  for (auto t : {cw::topic::inform, cw::topic::upgrade, cw::topic::progress}) check(t);
  return 0;
}
