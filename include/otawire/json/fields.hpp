// otawire JSON families: one rule per kind of field, shared by Tencent, CTWing, JetLinks, Huawei
// and Alibaba (issue 12, item 18). Each family's decoder (and the checks its encoders make) calls
// these predicates; none writes its own. Where the sources disagree the rule is the lenient one
// (json-messages.md §0, huawei-alibaba-json.md §0: "decode leniently").
//
// | kind of field         | rule                                                                 |
// |-----------------------|----------------------------------------------------------------------|
// | MD5 digest            | exactly 32 hex digits, either case                                   |
// | SHA-256 digest        | exactly 64 hex digits, either case                                   |
// | digest, method unknown| 32 or 64 hex digits (what the Alibaba Link SDK accepts)              |
// | download URL          | absolute `http://` or `https://` URL (scheme in any case) with a     |
// |                       | non-empty host, no space or control character                        |
// | topic level           | non-empty UTF-8 without '/', '+', '#' or a control character        |
// |                       | (C0, DEL, C1)                                                        |
// | progress percentage   | decode: the family's range only; session: non-decreasing within one |
// |                       | download attempt (a new offer of the package starts a new attempt)   |
//
// Why, per rule:
// - Digests: Tencent's SDK compares the md5sum with its own lowercase digest [T1], iotkit v3 too
//   [A6], while Alibaba's Link SDK decodes either case [A7] and CTWing's doc says only "md5 value";
//   the sources disagree, so either case decodes. Nothing but hex of the digest's length can ever
//   verify a download, so anything else ("not-hex", masked doc samples such as "93230c…***") is
//   refused in every family. Huawei's `sign` is a SHA-256 hex digest [H3]; Alibaba's `sign` is MD5
//   or SHA-256 by `signMethod` and the Link SDK refuses any other length [A7][A8]; JetLinks'
//   `signMethod` is free text (Javadoc "md5, sha256" [J1]), so its `sign` is checked only when the
//   method names one of the two.
// - URLs: every SDK of every family downloads over HTTP(S) (Tencent [T1][T6], CTWing B.3 [C2],
//   Huawei "HTTPS download address" [H3], Alibaba OSS signed URLs [A1][A3], JetLinks'
//   `http://baidu.com/1.mp3` [J2]); no source shows another scheme (ftp or coap appear nowhere;
//   CoAP belongs to LwM2M's Package URI, not to these families). A scheme alone, "" or "not a url"
//   cannot be downloaded. RFC 3986 allows no space or control character in a URI.
// - Topic levels: MQTT 3.1.1 §1.5.3 requires well-formed UTF-8 without U+0000 and says topic
//   names SHOULD NOT hold U+0001–U+001F or U+007F–U+009F; §4.7.1 forbids the wildcards in a
//   published topic name. No SDK of these families writes any of them into a product or device
//   name, so a level holding one is refused everywhere (Alibaba accepted them before).
// - Progress: each SDK computes the percentage as fetched * 100 / size (Tencent A.4, CTWing B.4,
//   JetLinks C.5, Alibaba's iotkit [A6]), which cannot decrease within one download; the decoder
//   sees one message and so can only check the range. Session validators refuse a decrease within
//   one attempt, under one rule name, and start a new attempt wherever the family's platform
//   offers the package again (push, re-push after a reconnect, pull reply).
#ifndef OTAWIRE_JSON_FIELDS_HPP
#define OTAWIRE_JSON_FIELDS_HPP

#include <otawire/hex.hpp>
#include <otawire/result.hpp>

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

/// \namespace otawire::json::fields
/// One rule per kind of field (digests, download URLs, topic levels, progress), shared by the
/// five JSON families' decoders, encoders' checks and session validators.
namespace otawire::json::fields {

/// Hex digits of an MD5 digest (16 bytes).
inline constexpr std::size_t md5_hex_length = 32;
/// Hex digits of a SHA-256 digest (32 bytes).
inline constexpr std::size_t sha256_hex_length = 64;

/// An MD5 digest as text: 32 hex digits, either case.
[[nodiscard]] constexpr bool is_md5_hex(std::string_view s) noexcept {
  return s.size() == md5_hex_length && all_hex_digits(s);
}

/// A SHA-256 digest as text: 64 hex digits, either case.
[[nodiscard]] constexpr bool is_sha256_hex(std::string_view s) noexcept {
  return s.size() == sha256_hex_length && all_hex_digits(s);
}

/// A digest whose method is not known (yet): MD5 or SHA-256 hex.
[[nodiscard]] constexpr bool is_digest_hex(std::string_view s) noexcept {
  return is_md5_hex(s) || is_sha256_hex(s);
}

/// Whether two hex digests name the same bytes (hex case does not matter, as above).
[[nodiscard]] constexpr bool same_hex_digest(std::string_view a, std::string_view b) noexcept {
  if (a.size() != b.size()) return false;
  const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

/// Which digest a free-text sign method names (case-insensitive "md5" / "sha256").
enum class digest_method : std::uint8_t { unknown, md5, sha256 };

/// The digest `method` names, ignoring case; `unknown` for any other text (left unchecked).
[[nodiscard]] constexpr digest_method digest_method_of(std::string_view method) noexcept {
  const auto iequals = [](std::string_view a, std::string_view lower) {
    if (a.size() != lower.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
      char c = a[i];
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      if (c != lower[i]) return false;
    }
    return true;
  };
  if (iequals(method, "md5")) return digest_method::md5;
  if (iequals(method, "sha256")) return digest_method::sha256;
  return digest_method::unknown;
}

/// A digest of `method` as text (`unknown`: MD5 or SHA-256 length).
[[nodiscard]] constexpr bool is_digest_hex(std::string_view s, digest_method method) noexcept {
  switch (method) {
    case digest_method::md5: return is_md5_hex(s);
    case digest_method::sha256: return is_sha256_hex(s);
    case digest_method::unknown: break;
  }
  return is_digest_hex(s);
}

/// A download URL: `http://` or `https://` (scheme in any case), a non-empty host, and no
/// space or control character anywhere.
[[nodiscard]] constexpr bool is_download_url(std::string_view s) noexcept {
  const auto scheme_is = [&](std::string_view lower) {
    if (s.size() < lower.size()) return false;
    for (std::size_t i = 0; i < lower.size(); ++i) {
      char c = s[i];
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      if (c != lower[i]) return false;
    }
    return true;
  };
  std::size_t host = 0;
  if (scheme_is("http://")) {
    host = 7;
  } else if (scheme_is("https://")) {
    host = 8;
  } else {
    return false;
  }
  if (host == s.size() || s[host] == '/' || s[host] == '?' || s[host] == '#') return false;
  unsigned bad = 0;  // branch-free: URLs are the longest strings these decoders check
  for (const char c : s) {
    const auto u = static_cast<unsigned char>(c);
    bad |= (u <= 0x20U ? 1U : 0U) | (u == 0x7FU ? 1U : 0U);
  }
  return bad == 0;
}

/// Length of the well-formed UTF-8 sequence starting at `s[i]` (a byte >= 0x80), 0 if it is not
/// one (overlong forms, surrogates, code points above U+10FFFF, truncation).
[[nodiscard]] constexpr std::size_t utf8_sequence(std::string_view s, std::size_t i) noexcept {
  const auto c = static_cast<unsigned char>(s[i]);
  std::size_t len = 0;
  std::uint32_t cp = 0;
  if (c >= 0xC2 && c <= 0xDF) {
    len = 2;
    cp = c & 0x1Fu;
  } else if (c >= 0xE0 && c <= 0xEF) {
    len = 3;
    cp = c & 0x0Fu;
  } else if (c >= 0xF0 && c <= 0xF4) {
    len = 4;
    cp = c & 0x07u;
  } else {
    return 0;
  }
  if (i + len > s.size()) return 0;
  for (std::size_t k = 1; k < len; ++k) {
    const auto cc = static_cast<unsigned char>(s[i + k]);
    if ((cc & 0xC0u) != 0x80u) return 0;
    cp = (cp << 6) | (cc & 0x3Fu);
  }
  if ((len == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF))) {
    return 0;
  }
  return len;
}

/// An ASCII byte no topic level may hold: a control character (C0 or DEL) or an MQTT wildcard.
/// ('/' separates levels; callers that scan a whole topic treat it themselves.)
[[nodiscard]] constexpr bool is_forbidden_topic_ascii(unsigned char c) noexcept {
  return c < 0x20 || c == 0x7F || c == '+' || c == '#';
}

/// Whether the non-ASCII sequence at `s[i]` of length `len` (from `utf8_sequence`) is a C1
/// control character (U+0080–U+009F, encoded C2 80 … C2 9F).
[[nodiscard]] constexpr bool is_c1_control(std::string_view s, std::size_t i, std::size_t len) noexcept {
  return len == 2 && static_cast<unsigned char>(s[i]) == 0xC2 && static_cast<unsigned char>(s[i + 1]) <= 0x9F;
}

/// Where a non-ASCII topic byte at `s[i]` breaks the topic rule: the length of its (allowed)
/// UTF-8 sequence, or 0 when it is malformed UTF-8 or a C1 control character.
[[nodiscard]] constexpr std::size_t allowed_topic_sequence(std::string_view s, std::size_t i) noexcept {
  const std::size_t len = utf8_sequence(s, i);
  return len == 0 || is_c1_control(s, i, len) ? 0 : len;
}

/// What `find_forbidden_in_topic_level` returns when the level holds no forbidden byte.
inline constexpr std::size_t npos = static_cast<std::size_t>(-1);
/// Offset of the first byte of `level` that no topic level may hold ('/', an MQTT wildcard, a
/// control character, malformed UTF-8), or `npos` when there is none (`check_topic_level` adds
/// the emptiness check).
[[nodiscard]] constexpr std::size_t find_forbidden_in_topic_level(std::string_view level) noexcept {
  for (std::size_t i = 0; i < level.size(); ++i) {
    const auto c = static_cast<unsigned char>(level[i]);
    if (c < 0x80) {
      if (c == '/' || is_forbidden_topic_ascii(c)) return i;
      continue;
    }
    const std::size_t len = allowed_topic_sequence(level, i);
    if (len == 0) return i;
    i += len - 1;
  }
  return npos;
}

// How every MQTT family refuses a topic: one rule, written here once.
//   - not one of the family's topics (its fixed words, its number of levels): `foreign_topic`;
//   - a level that names the device (product, device, child) is empty: `missing_field` at it;
//   - a level holds a byte no topic level may: `bad_string` at that byte.
// A gateway that tries each family in turn can then tell "not this family's" (unknown_message)
// from "this family's, but broken" (any other code) without knowing which family it asked.

/// The refusal of a topic that is not one of the family's: `unknown_message` at `topic`, at the
/// offset where it stops matching the family's grammar.
[[nodiscard]] constexpr error foreign_topic(std::size_t offset) noexcept {
  return fail(errc::unknown_message, "topic", offset);
}

/// A topic level naming a device, at offset `at` of the topic: non-empty (else `missing_field`
/// at `where`) and free of what no topic level may hold (else `bad_string` at that byte).
[[nodiscard]] constexpr result<void> check_topic_level(std::string_view level, text_id where, std::size_t at) noexcept {
  if (level.empty()) return fail(errc::missing_field, where, at);
  if (const auto bad = find_forbidden_in_topic_level(level); bad != npos) return fail(errc::bad_string, where, at + bad);
  return ok();
}

/// The text of MQTT topic `t` as a string: every family's `format_topic(t)` is this, over the
/// family's `formatted_size(t)` (the exact size, first) and `format_topic(t, span)` (validates and
/// writes without allocating), found by argument-dependent lookup.
template <class Topic>
[[nodiscard]] result<std::string> topic_text(const Topic& t) {
  std::string s(formatted_size(t), '\0');
  const auto n = format_topic(t, std::span<char>(s.data(), s.size()));
  if (!n) return n.error();
  s.resize(*n);
  return s;
}

/// The `where` of the session rule below, the same in every family.
inline constexpr std::string_view rule_progress_non_decreasing = "progress_non_decreasing";

/// Whether percentage `next` may follow `last` within one download attempt (repeats allowed).
/// Session validators only: a decoder checks the family's range.
[[nodiscard]] constexpr bool progress_may_follow(std::int64_t last, std::int64_t next) noexcept {
  return next >= last;
}

}  // namespace otawire::json::fields

#endif
