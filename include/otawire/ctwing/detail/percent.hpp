// otawire CTWing: percent-encoding for the download URL's query values (RFC 3986 §2.1, §2.3).
#ifndef OTAWIRE_CTWING_DETAIL_PERCENT_HPP
#define OTAWIRE_CTWING_DETAIL_PERCENT_HPP

#include <cstddef>
#include <string>
#include <string_view>

namespace otawire::ctwing::detail {

/// RFC 3986 "unreserved": the only bytes the builder writes unescaped in a query value.
[[nodiscard]] constexpr bool is_unreserved(char c) noexcept {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
         c == '_' || c == '~';
}

/// Bytes that cannot appear raw anywhere in a URL: controls, space, DEL, non-ASCII and the
/// characters RFC 3986 excludes ("<>\"{}|\\^`"). A URL holding one is malformed (`bad_string`).
[[nodiscard]] constexpr bool is_url_byte(char ch) noexcept {
  const auto c = static_cast<unsigned char>(ch);
  if (c <= 0x20 || c >= 0x7F) return false;
  switch (c) {
    case '<': case '>': case '"': case '{': case '}': case '|': case '\\': case '^': case '`': return false;
    default: return true;
  }
}

[[nodiscard]] constexpr int hex_value(char c) noexcept {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

/// Appends `value` with every byte outside "unreserved" written as `%XX` (upper-case hex, as
/// RFC 3986 §2.1 recommends). A value made only of unreserved bytes — every value in the
/// sources — is written unchanged, byte for byte what [C2]'s `sprintf` produces.
inline void percent_encode(std::string_view value, std::string& out) {
  constexpr char digits[] = "0123456789ABCDEF";
  for (const char c : value) {
    if (is_unreserved(c)) {
      out += c;
    } else {
      const auto b = static_cast<unsigned char>(c);
      out += '%';
      out += digits[b >> 4];
      out += digits[b & 0x0F];
    }
  }
}

/// Decodes `%XX` escapes (either case). `+` stays `+`: this is a URI query, not a form body.
/// Returns the index of a malformed escape in `value`, or npos when it decoded.
inline std::size_t percent_decode(std::string_view value, std::string& out) {
  out.clear();
  out.reserve(value.size());
  for (std::size_t i = 0; i < value.size(); ++i) {
    if (value[i] != '%') {
      out += value[i];
      continue;
    }
    if (i + 2 >= value.size()) return i;  // needs two more bytes
    const int hi = hex_value(value[i + 1]);
    const int lo = hex_value(value[i + 2]);
    if (hi < 0 || lo < 0) return i;
    out += static_cast<char>(hi * 16 + lo);
    i += 2;
  }
  return std::string_view::npos;
}

}  // namespace otawire::ctwing::detail

#endif
