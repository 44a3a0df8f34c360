// rapidcheck generators for the JetLinks firmware messages, and the oracle functions shared by
// the property tests and the fuzz targets (tests/jetlinks, fuzz/jetlinks).
#ifndef OTAWIRE_TESTS_SUPPORT_JETLINKS_ARBITRARY_HPP
#define OTAWIRE_TESTS_SUPPORT_JETLINKS_ARBITRARY_HPP

#include <otawire/jetlinks/codec.hpp>
#include <otawire/jetlinks/session.hpp>

#include <deque>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace otawire::test::jetlinks {

namespace jl = otawire::jetlinks;

// --- oracles (no rapidcheck: the fuzz targets use them too) ------------------------------------

/// A DOM decode whose views stay valid: the value lives on the heap, never moved.
struct dom_decoded {
  std::unique_ptr<boost::json::value> value;
  result<jl::message> msg = fail(errc::invalid_value, "");
};

inline dom_decoded decode_dom_payload(jl::message_type type, std::string_view text) {
  dom_decoded d;
  auto v = json::parse_dom(text);
  if (!v) {
    d.msg = v.error();
    return d;
  }
  d.value = std::make_unique<boost::json::value>(std::move(*v));
  d.msg = jl::decode_payload_dom(type, *d.value);
  return d;
}

/// Why the two decoders disagree on `text` as a `type` payload; empty when they agree on
/// acceptance, on the decoded value, and on the kind and (except for malformed JSON) the path of
/// the error.
inline std::string backends_disagree(json::parser& p, jl::message_type type, std::string_view text) {
  auto fast = jl::decode_payload(p, type, text);
  auto dom = decode_dom_payload(type, text);
  if (fast.has_value() != dom.msg.has_value()) {
    const auto& e = fast ? dom.msg.error() : fast.error();
    return std::string(fast ? "only simdjson accepts" : "only the DOM accepts") + " (" +
           std::string(otawire::name(e.code())) + " at '" + std::string(e.where()) + "')";
  }
  if (fast) return *fast == *dom.msg ? std::string() : std::string("decoded values differ");
  const auto& a = fast.error();
  const auto& b = dom.msg.error();
  // Both reject: they must agree on whether the JSON is malformed. Which error a rejected
  // document gets can differ legitimately when it repeats keys (Boost.JSON keeps the first
  // position with the last value; the fast path cannot see positions it has passed) or holds
  // numbers only one side can represent (Boost.JSON reads 0e+611 as NaN, simdjson as 0).
  if ((a.code() == errc::malformed_json) != (b.code() == errc::malformed_json)) {
    return "errors differ: simdjson " + std::string(otawire::name(a.code())) + " at '" + std::string(a.where()) +
           "', DOM " + std::string(otawire::name(b.code())) + " at '" + std::string(b.where()) + "'";
  }
  return {};
}

/// decode(encode(m)) == m through both decoders; empty when it holds.
inline std::string round_trip_fails(json::parser& p, const jl::message& m) {
  const auto encoded = jl::encode(m);
  if (!encoded) return "encode refuses it: " + std::string(otawire::name(encoded.error().code())) + " at " + std::string(encoded.error().where());
  const std::string& text = *encoded;
  auto fast = jl::decode_payload(p, jl::type_of(m), text);
  if (!fast) return "simdjson rejects " + text + ": " + std::string(otawire::name(fast.error().code())) + " at " + std::string(fast.error().where());
  if (!(*fast == m)) return "simdjson decodes " + text + " differently";
  auto dom = decode_dom_payload(jl::type_of(m), text);
  if (!dom.msg) return "DOM rejects " + text;
  if (!(*dom.msg == m)) return "DOM decodes " + text + " differently";
  return {};
}

}  // namespace otawire::test::jetlinks

#ifdef OTAWIRE_TESTS_WITH_RAPIDCHECK
#include "support/fields_arbitrary.hpp"

#include <rapidcheck.h>

namespace otawire::test::jetlinks {

/// A generated message and the storage its views point into.
struct owned_message {
  std::shared_ptr<std::deque<std::string>> arena = std::make_shared<std::deque<std::string>>();
  jl::message msg;

  std::string_view keep(std::string s) const {
    arena->push_back(std::move(s));
    return arena->back();
  }
};

/// Valid UTF-8 text with the characters that need care: quotes, backslash, controls, CJK.
inline rc::Gen<std::string> gen_text() {
  static const std::vector<std::string> pieces{"a", "Z", "0", "9", ".", "-", "_", " ", "/", ":", "\"", "\\",
                                               "\n", "\t", "\x01", "\x7f", "版", "本", "号", "é", "\xF0\x9F\x98\x80"};
  return rc::gen::map(rc::gen::container<std::vector<std::size_t>>(rc::gen::inRange<std::size_t>(0, pieces.size())),
                      [](const std::vector<std::size_t>& picks) {
                        std::string s;
                        for (const auto i : picks) s += pieces[i];
                        return s;
                      });
}

inline rc::Gen<jl::optional_string> gen_optional(const owned_message& o) {
  return rc::gen::map(rc::gen::maybe(gen_text()), [o](const rc::Maybe<std::string>& s) -> jl::optional_string {
    if (!s) return std::nullopt;
    return o.keep(*s);
  });
}

/// A JSON object (or absent), kept as compact text like the simdjson path keeps it.
inline rc::Gen<json::raw_json> gen_raw_object(const owned_message& o) {
  return rc::gen::map(rc::gen::maybe(rc::gen::container<std::vector<std::pair<std::string, int>>>(
                          rc::gen::pair(gen_text(), rc::gen::inRange(-3, 4)))),
                      [o](const rc::Maybe<std::vector<std::pair<std::string, int>>>& fields) -> json::raw_json {
                        if (!fields) return {};
                        boost::json::object obj;
                        for (const auto& [k, n] : *fields) {
                          // A mix of value kinds: arbitrary JSON must be kept as sent.
                          if (n < 0) obj[k] = boost::json::array{n, "x", nullptr};
                          else if (n == 0) obj[k] = false;
                          else obj[k] = boost::json::object{{"n", n}};
                        }
                        return json::raw_json{o.keep(boost::json::serialize(obj)), nullptr};
                      });
}

inline rc::Gen<std::optional<std::int64_t>> gen_timestamp() {
  return rc::gen::map(rc::gen::maybe(rc::gen::arbitrary<std::int64_t>()),
                      [](const rc::Maybe<std::int64_t>& t) { return t ? std::optional<std::int64_t>(*t) : std::nullopt; });
}

template <class Fields>
void fill_common(const owned_message& o, Fields& f, bool require_id) {
  f.code = *gen_optional(o);
  f.message_id = require_id ? jl::optional_string(o.keep(*gen_text())) : *gen_optional(o);
  f.device_id = *gen_optional(o);
  f.timestamp = *gen_timestamp();
  f.headers = *gen_raw_object(o);
  if constexpr (std::is_same_v<Fields, jl::device_reply_fields>) {
    f.success = *rc::gen::arbitrary<bool>();
    f.message = *gen_optional(o);
  }
}

template <class Msg>
void fill_firmware(const owned_message& o, Msg& m, bool require) {
  namespace tf = otawire::test::fields;
  const bool has_url = require || *rc::gen::arbitrary<bool>();
  m.url = has_url ? jl::optional_string(o.keep(*tf::gen_download_url())) : std::nullopt;
  m.version = require ? jl::optional_string(o.keep(*gen_text())) : *gen_optional(o);
  m.parameters = *gen_raw_object(o);
  // signMethod is free text; a sign it names a digest for is that digest's hex (json/fields.hpp).
  m.sign_method = *rc::gen::element<jl::optional_string>(std::nullopt, "md5", "sha256", "MD5", "sm3");
  const auto method = m.sign_method ? json::fields::digest_method_of(*m.sign_method) : json::fields::digest_method::unknown;
  if (method == json::fields::digest_method::md5) {
    m.sign = *rc::gen::arbitrary<bool>() ? jl::optional_string(o.keep(*tf::gen_md5_hex())) : std::nullopt;
  } else if (method == json::fields::digest_method::sha256) {
    m.sign = *rc::gen::arbitrary<bool>() ? jl::optional_string(o.keep(*tf::gen_sha256_hex())) : std::nullopt;
  } else {
    m.sign = *gen_optional(o);
  }
  m.firmware_id = *gen_optional(o);
  m.size = *rc::gen::arbitrary<std::int64_t>();
}

/// Any legal message of `type` (what the encoder writes and the decoder must read back).
inline rc::Gen<owned_message> gen_message(jl::message_type type) {
  return rc::gen::exec([type] {
    owned_message o;
    switch (type) {
      case jl::message_type::read_firmware: {
        jl::read_firmware m;
        fill_common<jl::device_message_fields>(o, m, false);
        o.msg = m;
        break;
      }
      case jl::message_type::read_firmware_reply: {
        jl::read_firmware_reply m;
        fill_common<jl::device_reply_fields>(o, m, true);
        m.version = *gen_optional(o);
        m.properties = *gen_raw_object(o);
        o.msg = m;
        break;
      }
      case jl::message_type::report_firmware: {
        jl::report_firmware m;
        fill_common<jl::device_message_fields>(o, m, false);
        m.version = *gen_optional(o);
        m.properties = *gen_raw_object(o);
        o.msg = m;
        break;
      }
      case jl::message_type::request_firmware: {
        jl::request_firmware m;
        fill_common<jl::device_message_fields>(o, m, false);
        m.current_version = *gen_optional(o);
        m.request_version = *gen_optional(o);
        o.msg = m;
        break;
      }
      case jl::message_type::request_firmware_reply: {
        jl::request_firmware_reply m;
        fill_common<jl::device_reply_fields>(o, m, true);
        fill_firmware(o, m, false);
        o.msg = m;
        break;
      }
      case jl::message_type::upgrade_firmware: {
        jl::upgrade_firmware m;
        fill_common<jl::device_message_fields>(o, m, false);
        fill_firmware(o, m, true);
        o.msg = m;
        break;
      }
      case jl::message_type::upgrade_firmware_reply: {
        jl::upgrade_firmware_reply m;
        fill_common<jl::device_reply_fields>(o, m, true);
        o.msg = m;
        break;
      }
      case jl::message_type::upgrade_firmware_progress: {
        jl::upgrade_firmware_progress m;
        fill_common<jl::device_message_fields>(o, m, false);
        m.progress = *rc::gen::arbitrary<std::int32_t>();
        m.complete = *rc::gen::arbitrary<bool>();
        m.version = o.keep(*gen_text());
        m.success = *rc::gen::arbitrary<bool>();
        m.error_reason = *gen_optional(o);
        m.firmware_id = *gen_optional(o);
        // m.message stays absent: the encoder never writes the doc slip.
        o.msg = m;
        break;
      }
    }
    return o;
  });
}

inline rc::Gen<jl::message_type> gen_message_type() { return rc::gen::elementOf(jl::all_message_types); }

}  // namespace otawire::test::jetlinks

namespace rc {
template <>
struct Arbitrary<otawire::test::jetlinks::owned_message> {
  static Gen<otawire::test::jetlinks::owned_message> arbitrary() {
    return gen::mapcat(otawire::test::jetlinks::gen_message_type(), otawire::test::jetlinks::gen_message);
  }
};
}  // namespace rc
#endif

#endif
