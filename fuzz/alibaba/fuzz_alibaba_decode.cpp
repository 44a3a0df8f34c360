// Alibaba decode target. Input: one byte choosing the topic (0-5: inform, upgrade, progress,
// request, firmware/get, get_reply; 6+: the rest is "<topic text>\n<payload>"), then the payload.
// Oracles: nothing crashes or throws; what decodes re-encodes to the same message in both
// profiles; the validator and the digest check take whatever decodes.
#include "support/alibaba_oracle.hpp"
#include "support/round_trip_limits.hpp"

#include <array>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  namespace ab = otawire::alibaba;
  static otawire::json::parser first, second;
  static ab::session validator;
  if (size == 0) return 0;
  std::string_view rest(reinterpret_cast<const char*>(data) + 1, size - 1);
  ab::topic topic{};
  if (data[0] < 6) {
    topic = otawire::test::alibaba::topic_for(static_cast<ab::topic_kind>(data[0]));
  } else {
    const auto newline = rest.find('\n');
    if (newline == std::string_view::npos) return 0;
    auto parsed = ab::parse_topic(rest.substr(0, newline));
    if (!parsed) return 0;
    topic = *parsed;
    rest.remove_prefix(newline + 1);
  }
  ab::message m;
  if (!ab::decode_payload_into(first, topic, rest, m)) return 0;
  // Raw values (extData) are re-encoded through Boost.JSON: an integer beyond 64 bits cannot come
  // back exactly, so the round trip is not checked then.
  if (!otawire::test::has_integer_beyond_64_bits(rest) &&
      !otawire::test::alibaba::round_trip(first, second, topic.kind, rest).empty()) {
    std::abort();
  }
  (void)validator.on(topic, m);
  if (validator.size() > 1000) validator = ab::session{};  // bound the fuzzer's memory
  if (const auto* u = std::get_if<ab::upgrade>(&m)) {
    static constexpr std::array<std::byte, 32> digest{};
    const bool verified = ab::verify_package(u->data, {ab::digest_algorithm::sha256, digest}) ||
                          ab::verify_package(u->data, {ab::digest_algorithm::md5, std::span(digest).first(16)});
    // A package without sign and md5 never verifies.
    if (verified && !u->data.sign && !u->data.md5) std::abort();
  }
  return 0;
}
