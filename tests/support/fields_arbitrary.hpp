// rapidcheck generators for the field kinds every JSON family shares (json/fields.hpp), and the
// table of accepted and refused values that each family's field-rule test runs through its own
// decoder (issue 12, item 18: one rule per kind of field, in every family).
#ifndef OTAWIRE_TEST_SUPPORT_FIELDS_ARBITRARY_HPP
#define OTAWIRE_TEST_SUPPORT_FIELDS_ARBITRARY_HPP

#include <otawire/json/fields.hpp>
#include <otawire/result.hpp>

#include <rapidcheck.h>

#include <string>
#include <string_view>
#include <vector>

namespace otawire::test::fields {

/// `n` hex digits, each in either case.
inline rc::Gen<std::string> gen_hex(std::size_t n) {
  return rc::gen::container<std::string>(n, rc::gen::elementOf(std::string("0123456789abcdefABCDEF")));
}
inline rc::Gen<std::string> gen_md5_hex() { return gen_hex(json::fields::md5_hex_length); }
inline rc::Gen<std::string> gen_sha256_hex() { return gen_hex(json::fields::sha256_hex_length); }

/// A download URL the shared rule accepts: http(s) in any case, a host, then an optional path
/// and query of printable ASCII without spaces (percent escapes included).
inline rc::Gen<std::string> gen_download_url() {
  const std::string host_chars = "abcdefghijklmnopqrstuvwxyz0123456789.-";
  const std::string rest_chars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/?&=%._-~:;+*'\"\\{}";
  return rc::gen::map(
      rc::gen::tuple(rc::gen::element<std::string>("https://", "http://", "HTTPS://", "Http://"),
                     rc::gen::nonEmpty(rc::gen::container<std::string>(rc::gen::elementOf(host_chars))),
                     rc::gen::container<std::string>(rc::gen::elementOf(rest_chars))),
      [](const std::tuple<std::string, std::string, std::string>& t) {
        const auto& [scheme, host, rest] = t;
        return scheme + host + (rest.empty() ? std::string() : "/" + rest);
      });
}

/// One value of a field kind, and whether the shared rule accepts it.
struct field_case {
  std::string_view value;
  bool accepted;
};

// The tables hold only characters that need no JSON escape, so that tests can paste a value
// between quotes.

inline const std::vector<field_case> md5_cases{
    {"93230c3bde425a9d7984a594ac55ea1e", true},
    {"93230C3BDE425A9D7984A594AC55EA1E", true},   // uppercase: sources disagree, so it decodes
    {"93230c3BDE425a9d7984a594ac55EA1E", true},   // mixed case
    {"not-hex", false},
    {"", false},
    {"93230c3bde425a9d7984a594ac55ea1", false},    // 31 digits
    {"93230c3bde425a9d7984a594ac55ea1e0", false},  // 33 digits
    {"93230c3bde425a9d***", false},                // the docs' masked sample
    {"93230c3bde425a9d7984a594ac55ea1g", false},   // one non-hex letter
};

inline const std::vector<field_case> sha256_cases{
    {"71cfa4cfb93fce5c9677086ff7f5f2d786cfd2c6f27d4636978e1b9a8b2b12f5", true},
    {"71CFA4CFB93FCE5C9677086FF7F5F2D786CFD2C6F27D4636978E1B9A8B2B12F5", true},
    {"not-hex", false},
    {"", false},
    {"71cfa4cfb93fce5c9677086ff7f5f2d786cfd2c6f27d4636978e1b9a8b2b12f", false},  // 63 digits
    {"71cfa4cfb93fce5c9677086ff7f5f2d786cfd2c6f27d4636978e1b9a8b2b12fz", false},
    {"93230c3bde425a9d7984a594ac55ea1e", false},  // an MD5's length
};

inline const std::vector<field_case> url_cases{
    {"https://dmfile.ctwing.cn/file/upgrade/32128a6e8c3e15aea1c7/147589", true},
    {"http://download_url.com", true},
    {"HTTPS://OTA.example.com/fw.bin?Expires=1&Signature=nk0%2B", true},
    {"https://124.70.218.131:8943/iodm/dev/v2.0/upgradefile/applications/a/devices/d/packages/p", true},
    {"https://x", true},
    {"", false},
    {"not a url", false},
    {"u", false},
    {"https://", false},           // a scheme alone
    {"https:///path", false},      // no host
    {"ftp://host/fw.bin", false},  // no source downloads by another scheme
    {"coap://host/fw", false},
    {"//host/fw.bin", false},      // scheme-relative
    {"https://host/a b", false},   // a space
    {"固件文件下载地址", false},      // JetLinks' doc placeholder
};

/// Topic levels (a product or device name): each family builds its own topic around them.
inline const std::vector<field_case> topic_level_cases{
    {"dev1", true},
    {"a1B2c3_-.:@", true},
    {"设备", true},         // UTF-8
    {"dev\x01", false},    // C0 control
    {"de\tv", false},
    {"dev\x1f", false},
    {"dev\x7f", false},    // DEL
    {"dev\xc2\x85", false},  // C1 control (U+0085)
    {"dev+", false},       // MQTT wildcards
    {"dev#", false},
    {"dev\xff", false},    // malformed UTF-8
    {"dev\xc3", false},    // truncated UTF-8
};

/// A progress sequence within one attempt, and whether a session accepts it.
struct progress_case {
  std::vector<int> steps;
  bool accepted;
};
inline const std::vector<progress_case> progress_cases{
    {{0, 10, 10, 80, 100}, true},  // repeats allowed
    {{10, 80, 10}, false},         // the issue's 80 -> 10
    {{50, 49}, false},
};

// Table runners shared by the families' field-rule tests. They need no test framework (the fuzz
// targets include this header too): each returns a description of every case that broke the rule,
// empty when none did, for `EXPECT_EQ(..., "")`.

namespace detail {
inline std::string describe(std::string_view value, std::string_view what) {
  return "\"" + std::string(value) + "\": " + std::string(what) + "\n";
}
inline std::string describe_error(const error& e) {
  return "errc " + std::to_string(static_cast<int>(e.code())) + " at " + std::string(e.where());
}
}  // namespace detail

/// One field kind's table through a family's encoder and decoder (issue 12: an encoder never
/// writes what our own decoder rejects). For each value `v`:
/// - `decode(text(v))` is the decoder's verdict on a message holding `v` (must match `accepted`);
/// - `encode(v)` (a result<std::string>) refuses exactly the refused values, with the decoder's
///   errc and `where`; what it accepts decodes again with `decode`.
template <class Text, class Encode, class Decode>
[[nodiscard]] std::string encoder_follows_decoder(const std::vector<field_case>& cases, Text text, Encode encode,
                                                  Decode decode) {
  std::string broken;
  for (const auto& c : cases) {
    const auto decoded = decode(text(c.value));
    if (decoded.has_value() != c.accepted) {
      broken += detail::describe(c.value, c.accepted ? "the decoder refuses it" : "the decoder accepts it");
      continue;
    }
    const auto encoded = encode(c.value);
    if (c.accepted) {
      if (!encoded.has_value()) {
        broken += detail::describe(c.value, "the encoder refuses it: " + detail::describe_error(encoded.error()));
      } else if (!decode(*encoded).has_value()) {
        broken += detail::describe(c.value, "its encoding does not decode: " + *encoded);
      }
    } else if (encoded.has_value()) {
      broken += detail::describe(c.value, "the encoder writes it: " + *encoded);
    } else if (encoded.error().code() != decoded.error().code() || encoded.error().where() != decoded.error().where()) {
      broken += detail::describe(c.value, "the encoder says " + detail::describe_error(encoded.error()) +
                                              ", the decoder " + detail::describe_error(decoded.error()));
    }
  }
  return broken;
}

/// The decode-only form: `decode(text(v))` accepts exactly the accepted values and refuses the
/// others with `code` at `where`.
template <class Text, class Decode>
[[nodiscard]] std::string decoder_follows_rule(const std::vector<field_case>& cases, Text text, Decode decode, errc code,
                                               std::string_view where) {
  std::string broken;
  for (const auto& c : cases) {
    const auto decoded = decode(text(c.value));
    if (decoded.has_value() != c.accepted) {
      broken += detail::describe(c.value, c.accepted ? "refused" : "accepted");
    } else if (!c.accepted && (decoded.error().code() != code || decoded.error().where() != where)) {
      broken += detail::describe(c.value, detail::describe_error(decoded.error()));
    }
  }
  return broken;
}

}  // namespace otawire::test::fields

#endif
