// Oracles shared by the Tencent property tests and fuzz targets (no rapidcheck here, so that the
// fuzz builds can include it).
#ifndef OTAWIRE_TESTS_SUPPORT_TENCENT_ORACLE_HPP
#define OTAWIRE_TESTS_SUPPORT_TENCENT_ORACLE_HPP

#include "support/reference_documents.hpp"

#include <otawire/tencent.hpp>

#include <memory>
#include <string>
#include <string_view>

namespace otawire::test::tencent {

/// A DOM decode together with the value its strings point into.
struct dom_decoded {
  std::unique_ptr<boost::json::value> value;
  result<otawire::tencent::message> message = fail(errc::malformed_json, "");
};

/// The DOM path from text: parse with the shared options, then decode.
inline dom_decoded decode_dom_text(std::string_view text) {
  dom_decoded d;
  auto v = json::parse_dom(text);
  if (!v) {
    d.message = v.error();
    return d;
  }
  d.value = std::make_unique<boost::json::value>(std::move(*v));
  d.message = otawire::tencent::decode_payload_dom(*d.value);
  return d;
}

/// What the differential oracle found.
enum class verdict { agree, accept_mismatch, value_mismatch, error_mismatch };

/// How much of a rejection both decoders must agree on.
enum class errors_agree {
  /// The kind and the JSON path (offsets differ: the DOM has none). For malformed JSON the kind
  /// and the byte: the fast path names the key it was reading, the DOM parser none.
  kind_and_path,
  /// Only whether the text is malformed JSON. With duplicate keys and several bad values the two
  /// backends may report different ones of the errors: the DOM walks keys in the order of their
  /// first occurrence (Boost.JSON keeps that slot for the last value), the simdjson walk reports
  /// the error recorded first. Both still reject; the fuzz target checks this much.
  malformed_only,
};

/// Both decoders on the same text: they must accept and reject alike, decode the same value, and
/// agree on the error as `mode` says.
inline verdict compare_decoders(json::parser& p, std::string_view text, errors_agree mode = errors_agree::kind_and_path) {
  auto fast = otawire::tencent::decode_payload(p, text);
  auto dom = decode_dom_text(text);
  if (fast.has_value() != dom.message.has_value()) return verdict::accept_mismatch;
  if (fast) return *fast == *dom.message ? verdict::agree : verdict::value_mismatch;
  const auto& a = fast.error();
  const auto& b = dom.message.error();
  const bool malformed = a.code() == errc::malformed_json;
  if (malformed != (b.code() == errc::malformed_json)) return verdict::error_mismatch;
  // Malformed JSON is located by each backend on its own (json/scan.hpp, Boost.JSON): one byte.
  if (malformed && a.offset() != b.offset()) return verdict::error_mismatch;
  if (mode == errors_agree::malformed_only) return verdict::agree;
  if (a.code() != b.code()) return verdict::error_mismatch;
  if (!malformed && a.where() != b.where()) return verdict::error_mismatch;
  return verdict::agree;
}

/// Round trip: a decoded message encodes (checked) and decodes to the same value, and the
/// encoder writes what the value built key by key prints (support/reference_documents.hpp).
inline bool round_trips(json::parser& p, const otawire::tencent::message& m) {
  auto text = otawire::tencent::encode(m);
  if (!text) return false;
  if (boost::json::serialize(otawire_test::reference::value_of(m)) != *text) return false;
  auto again = otawire::tencent::decode_payload(p, *text);
  return again && *again == m;
}

}  // namespace otawire::test::tencent

#endif
