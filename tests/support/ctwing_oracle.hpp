// CTWing oracles shared by the property tests and the fuzz targets: the two decoders agree, and
// every accepted message survives encode -> decode unchanged.
#ifndef OTAWIRE_TESTS_CTWING_ORACLE_HPP
#define OTAWIRE_TESTS_CTWING_ORACLE_HPP

#include <otawire/ctwing/codec.hpp>

#include <boost/json.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace otawire::test::ctwing {

namespace cw = otawire::ctwing;

/// Why the two decoders disagree on `text` (nullopt when they agree). They must agree on
/// accept/reject, on the decoded message, and for a rejection on whether (and for malformed JSON,
/// where) the JSON is malformed.
inline std::optional<std::string> differential(otawire::json::parser& fast, cw::topic t, std::string_view text) {
  auto a = cw::decode_payload(fast, t, text);
  boost::json::value storage;
  auto b = cw::decode_payload_dom(t, text, storage);
  const auto describe = [](const result<cw::message>& r) {
    if (r) return std::string("accepted");
    return std::string(otawire::name(r.error().code())) + " at '" + std::string(r.error().where()) + "'";
  };
  if (a.has_value() != b.has_value()) return "simdjson " + describe(a) + ", Boost.JSON " + describe(b);
  if (a) {
    if (!(*a == *b)) return std::string("decoded values differ");
    return std::nullopt;
  }
  // Both reject. Malformed JSON: both say so, at the same byte, each located on its own (the
  // fast decoder by json/scan.hpp, the DOM decoder by Boost.JSON). Otherwise the errors usually
  // match too, but need not: with repeated keys Boost.JSON keeps the first position with the
  // last value (the fast path cannot see positions it has passed), and some numbers only one
  // side can represent (Boost.JSON reads 0e+611 as NaN, simdjson as 0).
  const bool malformed_a = a.error().code() == errc::malformed_json;
  const bool malformed_b = b.error().code() == errc::malformed_json;
  if (malformed_a != malformed_b) return "simdjson " + describe(a) + ", Boost.JSON " + describe(b);
  if (malformed_a && a.error().offset() != b.error().offset()) {
    return "malformed at byte " + std::to_string(a.error().offset()) + " vs " + std::to_string(b.error().offset());
  }
  return std::nullopt;
}

/// Why `m` does not survive encode -> decode (both decoders) -> encode (nullopt when it does).
/// Precondition: `check(m)` passes.
inline std::optional<std::string> round_trip(otawire::json::parser& fast, const cw::message& m) {
  auto text = cw::encode(m);
  if (!text) return "encode failed: " + std::string(otawire::name(text.error().code())) + " at " +
                    std::string(text.error().where());
  const auto t = cw::topic_of(m);
  auto a = cw::decode_payload(fast, t, *text);
  if (!a) return "simdjson rejects its own encoding " + *text + ": " + std::string(otawire::name(a.error().code())) +
                 " at " + std::string(a.error().where());
  if (!(*a == m)) return "simdjson decodes " + *text + " to another message";
  auto again = cw::encode(*a);
  if (!again || *again != *text) return "re-encoding differs for " + *text;
  boost::json::value storage;
  auto b = cw::decode_payload_dom(t, *text, storage);
  if (!b) return "Boost.JSON rejects " + *text;
  if (!(*b == m)) return "Boost.JSON decodes " + *text + " to another message";
  return std::nullopt;
}

}  // namespace otawire::test::ctwing

#endif
