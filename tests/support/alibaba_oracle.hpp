// Oracles shared by the Alibaba property tests and fuzz targets: the two decoders agree, and
// what decodes encodes back to the same message (in both encoding profiles).
#ifndef OTAWIRE_TESTS_ALIBABA_ORACLE_HPP
#define OTAWIRE_TESTS_ALIBABA_ORACLE_HPP

#include <otawire/alibaba.hpp>

#include <string>
#include <string_view>

namespace otawire::test::alibaba {

namespace ab = otawire::alibaba;

inline ab::topic topic_for(ab::topic_kind kind) { return ab::topic{kind, "a1pk", "dev"}; }

/// Where the two decoders disagree, a description; empty when they agree.
inline std::string differential(json::parser& parser, ab::topic_kind kind, std::string_view text) {
  const auto t = topic_for(kind);
  ab::message fast;
  const auto a = ab::decode_payload_into(parser, t, text, fast);
  auto dom_value = json::parse_dom(text);
  result<ab::message> b = dom_value ? ab::decode_payload_dom(t, *dom_value) : result<ab::message>(dom_value.error());
  if (a.has_value() != b.has_value()) {
    return std::string("accept/reject: simd ") + (a ? "accepts" : std::string(name(a.error().code())) + " at " +
                                                            std::string(a.error().where())) +
           ", dom " + (b ? "accepts" : std::string(name(b.error().code())) + " at " + std::string(b.error().where()));
  }
  if (a) {
    if (!(fast == *b)) return "decoded values differ";
    return {};
  }
  const bool malformed_a = a.error().code() == errc::malformed_json;
  const bool malformed_b = b.error().code() == errc::malformed_json;
  if (malformed_a != malformed_b) return "malformed_json verdicts differ";
  // The fast decoder locates malformed JSON by itself (json/scan.hpp): the same byte as Boost.JSON.
  if (malformed_a && a.error().offset() != b.error().offset()) {
    return "malformed at byte " + std::to_string(a.error().offset()) + " vs " + std::to_string(b.error().offset());
  }
  return {};
}

/// Decode → encode → decode must give the same message; empty when it does.
inline std::string round_trip(json::parser& first, json::parser& second, ab::topic_kind kind, std::string_view text) {
  const auto t = topic_for(kind);
  ab::message decoded;
  if (!ab::decode_payload_into(first, t, text, decoded)) return {};  // nothing to round-trip
  for (const auto p : {ab::profile::compact, ab::profile::link_sdk}) {
    const auto written = ab::encode(decoded, p);
    if (!written) return "encode refuses what decodes: " + std::string(name(written.error().code())) + " at " + std::string(written.error().where());
    const std::string& encoded = *written;
    ab::message again;
    auto r = ab::decode_payload_into(second, t, encoded, again);
    if (!r) return "re-decode failed: " + std::string(name(r.error().code())) + " at " + std::string(r.error().where()) + ": " + encoded;
    if (!(again == decoded)) return "round trip changed the message: " + encoded;
    // Encoding is a fixed point: the re-decoded message encodes to the same bytes.
    if (ab::encode(again, p) != written) return "encoding is not stable: " + encoded;
  }
  return {};
}

}  // namespace otawire::test::alibaba

#endif
