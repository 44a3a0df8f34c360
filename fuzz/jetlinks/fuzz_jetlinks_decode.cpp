// Input: "<topic>\n<payload>". Oracles: a topic that parses formats back to itself (modulo the
// optional leading '/'); a message that decodes encodes to a payload that decodes to the same
// message (the doc-slip `message` of progress is not written, so it is cleared first); the
// validator takes any decoded message without crashing; decode_tagged never crashes.
#include "support/jetlinks_arbitrary.hpp"
#include "support/round_trip_limits.hpp"

#include <cstdlib>
#include <string>
#include <string_view>

namespace jl = otawire::jetlinks;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static otawire::json::parser parser;
  static otawire::json::parser second;  // decodes the re-encoded text while `parser`'s views live
  static jl::session session;
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const auto newline = input.find('\n');
  const std::string_view topic = input.substr(0, newline);
  const std::string_view payload = newline == std::string_view::npos ? std::string_view{} : input.substr(newline + 1);

  if (auto t = jl::parse_topic(topic)) {
    const auto text = jl::format_topic(*t);  // a parsed topic always formats
    if (!text) std::abort();
    const std::string& formatted = *text;
    if (formatted != (topic.front() == '/' ? std::string(topic) : "/" + std::string(topic))) std::abort();
    auto again = jl::parse_topic(formatted);
    if (!again || !(*again == *t)) std::abort();
  }

  // Raw values (parameters, properties, headers) are re-encoded through Boost.JSON: a payload
  // with an integer beyond 64 bits cannot round-trip exactly, so that check is skipped for it
  // (as for Alibaba's extData).
  auto decoded = jl::decode(parser, otawire::mqtt_publish{topic, payload});
  if (decoded && otawire::test::has_integer_beyond_64_bits(payload)) {
    (void)session.on(decoded->message);
  } else if (decoded) {
    jl::message m = decoded->message;
    if (auto* p = std::get_if<jl::upgrade_firmware_progress>(&m)) p->message.reset();
    const auto encoded = jl::encode(m);  // what decodes passes the encoder's checks
    if (!encoded) std::abort();
    auto back = jl::decode_payload(second, jl::type_of(m), *encoded);
    if (!back || !(*back == m)) std::abort();
    (void)session.on(decoded->message);
  } else if (decoded.error().where().empty() && decoded.error().code() != otawire::errc::malformed_json &&
             decoded.error().code() != otawire::errc::wrong_type) {
    std::abort();  // every other error names the field or the topic
  }
  (void)jl::decode_tagged(parser, payload);
  return 0;
}
