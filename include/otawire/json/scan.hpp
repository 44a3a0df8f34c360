// otawire JSON layer: the strict scanner that decides, without allocating, whether a text is
// well-formed JSON and where it stops being so.
//
// The fast decoder needs a verdict on the whole text when it stops early (an unknown message
// type, a wrong root) and an exact position when simdjson rejects the text (stage 1 says only
// "something is wrong"). Both used to come from a second parse with Boost.JSON: a dozen heap
// allocations per rejected message, and a differential oracle that compared Boost.JSON with
// itself. This scanner gives both with no allocation and a small fixed frame (no recursion).
//
// What it accepts, and the offset it reports, are those of the DOM backend's parser
// (`json::parse_dom`: Boost.JSON, strict RFC 8259, `max_depth` containers, UTF-8 validated) byte
// for byte, so that both backends agree on every malformed input; the differential fuzz
// targets check it against Boost.JSON itself. The offset is the byte the parser cannot accept:
// the first byte of an invalid UTF-8 sequence, the bad character after a backslash, the `}`
// after a trailing comma, the container that is one too deep, the text's length when the text
// ends too early. Boost.JSON's own conventions are kept where they are coarser: a misspelt
// literal is reported at its first letter, a bad `\u` escape as Boost.JSON counts it, a number
// whose exponent overflows where Boost.JSON notices it.
#ifndef OTAWIRE_JSON_SCAN_HPP
#define OTAWIRE_JSON_SCAN_HPP

#include <otawire/error.hpp>
#include <otawire/json/common.hpp>

#include <climits>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace otawire::json::detail {

class strict_scanner {
 public:
  explicit strict_scanner(std::string_view text) noexcept
      : begin_(text.data()), end_(text.data() + text.size()) {}

  /// Offset of the first byte the strict parser refuses; `error::no_offset` for well-formed
  /// JSON.
  [[nodiscard]] std::size_t first_error() noexcept {
    // One bit per open container (1 = object); max_depth fits in the word.
    static_assert(max_depth <= 64);
    std::uint64_t objects = 0;
    std::size_t depth = 0;
    const char* p = whitespace(begin_);
    if (p == end_) return at(end_);

  value:
    switch (*p) {
      case '-': case '0': case '1': case '2': case '3': case '4':
      case '5': case '6': case '7': case '8': case '9':
        p = number(p);
        break;
      case 't': p = literal(p, "true"); break;
      case 'n': p = literal(p, "null"); break;
      case 'f': p = literal(p, "false"); break;
      case '"': p = string(p); break;
      case '[':
      case '{': {
        const bool object = *p == '{';
        if (depth == max_depth) return at(p);  // the container one too deep
        objects = (objects << 1) | (object ? 1U : 0U);
        ++depth;
        p = whitespace(p + 1);
        if (p == end_) return at(end_);
        if (*p == (object ? '}' : ']')) {
          ++p;
          objects >>= 1;
          --depth;
          break;
        }
        if (!object) goto value;
        if (*p != '"') return at(p);
        goto key;
      }
      default: return at(p);
    }
    if (p == nullptr) return failed_;

  after_value:
    p = whitespace(p);
    if (depth == 0) return p == end_ ? error::no_offset : at(p);  // anything after the root
    if (p == end_) return at(end_);
    if (*p == ',') {
      p = whitespace(p + 1);
      if (p == end_) return at(end_);
      if ((objects & 1U) == 0) goto value;  // `,]` fails there: `]` is no value
      if (*p != '"') return at(p);          // `,}` fails at the `}`
      goto key;
    }
    if (*p != ((objects & 1U) != 0 ? '}' : ']')) return at(p);
    ++p;
    objects >>= 1;
    --depth;
    goto after_value;

  key:
    p = string(p);
    if (p == nullptr) return failed_;
    p = whitespace(p);
    if (p == end_) return at(end_);
    if (*p != ':') return at(p);
    p = whitespace(p + 1);
    if (p == end_) return at(end_);
    goto value;
  }

  /// Scans the number token at `p` (within the scanned text); the end of the token, or nullptr
  /// (failed_ set) when Boost.JSON refuses it. Boost.JSON has two paths through a number,
  /// chosen by how much input follows it, that count insignificant digits differently; only
  /// the exponent-overflow check sees the count, so both are followed exactly.
  [[nodiscard]] const char* number(const char* p) noexcept {
    const bool negative = *p == '-';
    const bool zero_first = *p == '0';
    const bool nonzero_first = !negative && !zero_first;
    const char* cs = p + (negative ? 1 : 0);
    std::uint64_t mantissa = 0;
    std::int64_t bias = 0;  // decimal shift of the mantissa (Boost.JSON's `bias`)
    bool negative_exponent = false;
    std::int64_t exponent = 0;

    if (end_ - cs >= 16 + 1 + 16) {  // Boost.JSON's fast path: digits '.' digits fit
      int n1 = 0;
      if (nonzero_first || (negative && *cs != '0')) {
        n1 = leading_digits(cs);
        if (!nonzero_first && n1 == 0) return fail(cs);
        mantissa = digits_value(0, cs, n1);
        cs += n1;
        if (n1 == 16) goto integer_digits;
      } else {
        ++cs;  // a single 0
      }
      if (*cs != '.') {
        if ((*cs | 32) == 'e') {
          ++cs;
          goto exponent_sign;
        }
        return cs;
      }
      ++cs;
      const int n2 = leading_digits(cs);
      if (n2 == 0) return fail(cs);
      if (n1 + n2 >= 19) goto first_fraction_digit;
      mantissa = digits_value(mantissa, cs, n2);
      bias -= n2;
      cs += n2;
      if ((*cs | 32) == 'e') {
        ++cs;
        goto exponent_sign;
      }
      if (is_digit(*cs)) goto fraction_digits;
      return cs;
    }

    // The byte-by-byte path.
    if (cs == end_) return fail(end_);  // a lone '-'
    if (zero_first || *cs == '0') {
      ++cs;
      goto after_integer;
    }
    if (!is_digit(*cs)) return fail(cs);
    mantissa = static_cast<std::uint64_t>(*cs - '0');
    ++cs;

  integer_digits:  // significant digits left of the point
    for (;;) {
      if (cs == end_) return cs;
      const char c = *cs;
      if (!is_digit(c)) goto after_integer;
      ++cs;
      const bool overflows = negative ? (mantissa > 922337203685477580ULL || (mantissa == 922337203685477580ULL && c > '8'))
                                      : (mantissa > 1844674407370955161ULL || (mantissa == 1844674407370955161ULL && c > '5'));
      if (overflows) break;
      mantissa = 10 * mantissa + static_cast<std::uint64_t>(c - '0');
    }
    ++bias;
    for (;;) {  // insignificant digits left of the point
      if (cs == end_) return cs;
      const char c = *cs;
      if (is_digit(c)) {
        ++cs;
        ++bias;
      } else if (c == '.') {
        ++cs;
        break;
      } else if ((c | 32) == 'e') {
        ++cs;
        goto exponent_sign;
      } else {
        return cs;
      }
    }
    if (cs == end_ || !is_digit(*cs)) return fail(cs);  // a digit after the point
    ++cs;
    goto insignificant_fraction;

  after_integer:
    if (cs == end_) return cs;
    if (*cs == '.') {
      ++cs;
    } else if ((*cs | 32) == 'e') {
      ++cs;
      goto exponent_sign;
    } else {
      return cs;
    }

  first_fraction_digit:
    if (cs == end_ || !is_digit(*cs)) return fail(cs);

  fraction_digits:  // significant digits right of the point
    for (;;) {
      if (cs == end_) return cs;
      const char c = *cs;
      if (is_digit(c)) {
        ++cs;
        if (mantissa > 9007199254740991ULL) goto insignificant_fraction;  // 2^53 - 1
        --bias;
        mantissa = 10 * mantissa + static_cast<std::uint64_t>(c - '0');
      } else if ((c | 32) == 'e') {
        ++cs;
        goto exponent_sign;
      } else {
        return cs;
      }
    }

  insignificant_fraction:
    for (;;) {
      if (cs == end_) return cs;
      const char c = *cs;
      if (is_digit(c)) {
        ++cs;
      } else if ((c | 32) == 'e') {
        ++cs;
        goto exponent_sign;
      } else {
        return cs;
      }
    }

  exponent_sign:
    if (cs == end_) return fail(end_);
    if (*cs == '+') {
      ++cs;
    } else if (*cs == '-') {
      ++cs;
      negative_exponent = true;
    }
    if (cs == end_ || !is_digit(*cs)) return fail(cs);
    exponent = *cs - '0';
    ++cs;
    while (cs != end_ && is_digit(*cs)) {
      if (exponent > 214748364 || (exponent == 214748364 && *cs > '7')) return fail(cs);  // beyond INT_MAX
      exponent = 10 * exponent + (*cs - '0');
      ++cs;
    }
    if (negative_exponent ? bias < INT_MIN + exponent : bias > INT_MAX - exponent) return fail(cs);
    return cs;
  }

 private:
  static constexpr bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }
  static constexpr bool is_whitespace(char c) noexcept { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

  /// Digits at `p`, at most 16 (the fast path reads 16 bytes, which it has).
  static int leading_digits(const char* p) noexcept {
    int n = 0;
    while (n < 16 && is_digit(p[n])) ++n;
    return n;
  }
  static std::uint64_t digits_value(std::uint64_t v, const char* p, int n) noexcept {
    for (int i = 0; i < n; ++i) v = 10 * v + static_cast<std::uint64_t>(p[i] - '0');
    return v;
  }
  static int hex_value(char c) noexcept {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  }

  /// Length of the UTF-8 sequence a lead byte announces (0: no lead byte).
  static int utf8_length(unsigned char c) noexcept {
    if (c >= 0xC2 && c <= 0xDF) return 2;
    if (c >= 0xE0 && c <= 0xEF) return 3;
    if (c >= 0xF0 && c <= 0xF4) return 4;
    return 0;
  }
  /// Whether the `utf8_length(p[0])` bytes at `p` are one well-formed sequence (RFC 3629: no
  /// overlong form, no surrogate, nothing beyond U+10FFFF).
  static bool utf8_valid(const unsigned char* p) noexcept {
    const auto cont = [](unsigned char b) { return (b & 0xC0) == 0x80; };
    switch (utf8_length(p[0])) {
      case 2: return cont(p[1]);
      case 3: {
        const unsigned char lo = p[0] == 0xE0 ? 0xA0 : 0x80;
        const unsigned char hi = p[0] == 0xED ? 0x9F : 0xBF;
        return p[1] >= lo && p[1] <= hi && cont(p[2]);
      }
      case 4: {
        const unsigned char lo = p[0] == 0xF0 ? 0x90 : 0x80;
        const unsigned char hi = p[0] == 0xF4 ? 0x8F : 0xBF;
        return p[1] >= lo && p[1] <= hi && cont(p[2]) && cont(p[3]);
      }
      default: return false;
    }
  }

  const char* whitespace(const char* p) const noexcept {
    while (p != end_ && is_whitespace(*p)) ++p;
    return p;
  }

  std::size_t at(const char* p) const noexcept { return static_cast<std::size_t>(p - begin_); }
  const char* fail(const char* p) noexcept {
    failed_ = at(p);
    return nullptr;
  }

  /// `true`, `null`, `false`: compared whole when the input holds that many bytes (an error
  /// is then reported at the first letter), letter by letter otherwise.
  const char* literal(const char* p, std::string_view word) noexcept {
    if (static_cast<std::size_t>(end_ - p) >= word.size()) {
      if (std::memcmp(p, word.data(), word.size()) != 0) return fail(p);
      return p + word.size();
    }
    for (std::size_t i = 1; i < word.size(); ++i) {
      if (p + i == end_) return fail(end_);
      if (p[i] != word[i]) return fail(p + i);
    }
    return p + word.size();  // unreachable: a short input ends inside the word
  }

  /// Where Boost.JSON's escaped-string stream stops for a while: it unescapes into a buffer
  /// of BOOST_JSON_STACK_BUFFER_SIZE bytes and clips the input to that many bytes from where it
  /// last flushed; the `\u` fast path and a UTF-8 sequence split by the clip depend on it.
  static constexpr std::size_t unescape_buffer =
#ifdef BOOST_JSON_STACK_BUFFER_SIZE
      BOOST_JSON_STACK_BUFFER_SIZE;
#elif defined(__i386__) || defined(__x86_64__) || defined(_M_IX86) || defined(_M_X64)
      4096;
#else
      256;
#endif
  const char* clip_from(const char* p, std::size_t n = unescape_buffer) const noexcept {
    return static_cast<std::size_t>(end_ - p) > n ? p + n : end_;
  }

  /// Scans the string whose opening quote is at `p`; the byte after the closing quote, or
  /// nullptr (failed_ set).
  const char* string(const char* p) noexcept {
    const char* cs = p + 1;
    for (;;) {  // until the first escape: no buffer, no clip
      if (cs == end_) return fail(end_);
      const auto c = static_cast<unsigned char>(*cs);
      if (c == '"') return cs + 1;
      if (c == '\\') break;
      if (c < 0x20) return fail(cs);
      if (c < 0x80) {
        ++cs;
        continue;
      }
      const int length = utf8_length(c);
      if (end_ - cs < length) return fail(end_);  // cut off by the end of the text
      if (!utf8_valid(reinterpret_cast<const unsigned char*>(cs))) return fail(cs);
      cs += length;
    }

    const char* clip = clip_from(cs);
    bool buffer_empty = true;
    ++cs;  // past the backslash
  escape:
    if (cs >= clip) {
      buffer_empty = true;
      clip = clip_from(cs);
      if (cs == end_) return fail(end_);
    }
    switch (*cs) {
      case '"': case '\\': case '/': case 'b': case 'f': case 'n': case 'r': case 't':
        ++cs;
        buffer_empty = false;
        break;
      case 'u': {
        if (clip - cs > 10) {  // four digits, and room for a second escape of a surrogate pair
          const int d[4] = {hex_value(cs[1]), hex_value(cs[2]), hex_value(cs[3]), hex_value(cs[4])};
          if ((d[0] | d[1] | d[2] | d[3]) < 0) return fail(cs + (d[0] >= 0) + (d[1] >= 0) + (d[2] >= 0));
          const int u1 = (d[0] << 12) | (d[1] << 8) | (d[2] << 4) | d[3];
          if (u1 < 0xD800 || u1 > 0xDFFF) {
            cs += 5;
            buffer_empty = false;
            break;
          }
          if (u1 > 0xDBFF) return fail(cs);  // a trailing surrogate first
          cs += 5;
          if (*cs != '\\') return fail(cs);
          ++cs;
          if (*cs != 'u') return fail(cs);
          ++cs;
          const int e[4] = {hex_value(cs[0]), hex_value(cs[1]), hex_value(cs[2]), hex_value(cs[3])};
          if ((e[0] | e[1] | e[2] | e[3]) < 0) return fail(cs + (e[0] >= 0) + (e[1] >= 0) + (e[2] >= 0));
          const int u2 = (e[0] << 12) | (e[1] << 8) | (e[2] << 4) | e[3];
          if (u2 < 0xDC00 || u2 > 0xDFFF) return fail(cs);
          cs += 4;
          buffer_empty = false;
          break;
        }
        // Near the end of the text: digit by digit.
        if (!buffer_empty) {
          buffer_empty = true;
          clip = clip_from(cs);
        }
        ++cs;
        int u1 = 0;
        for (int i = 0; i < 4; ++i, ++cs) {
          if (cs == end_) return fail(end_);
          const int digit = hex_value(*cs);
          if (digit < 0) return fail(cs);
          u1 = (u1 << 4) | digit;
        }
        buffer_empty = false;
        if (u1 < 0xD800 || u1 > 0xDFFF) break;
        if (u1 > 0xDBFF) return fail(cs);
        if (cs == end_) return fail(end_);
        if (*cs != '\\') return fail(cs);
        ++cs;
        if (cs == end_) return fail(end_);
        if (*cs != 'u') return fail(cs);
        ++cs;
        int u2 = 0;
        for (int i = 0; i < 4; ++i, ++cs) {
          if (cs == end_) return fail(end_);
          const int digit = hex_value(*cs);
          if (digit < 0) return fail(cs);
          u2 = (u2 << 4) | digit;
        }
        if (u2 < 0xDC00 || u2 > 0xDFFF) return fail(cs);
        break;
      }
      default: return fail(cs);
    }

    for (;;) {  // after an escape
      if (cs >= clip) {
        buffer_empty = true;
        clip = clip_from(cs);
        if (cs == end_) return fail(end_);
      }
      const auto c = static_cast<unsigned char>(*cs);
      if (c == '"') return cs + 1;
      if (c & 0x80) {
        const int length = utf8_length(c);
        if (clip - cs < length) {
          // Split by the clip (or cut off by the end of the text): the rest is read after
          // the clip, and a bad sequence is reported there.
          const char* resume = clip;
          const auto missing = static_cast<std::size_t>(length - (clip - cs));
          if (static_cast<std::size_t>(end_ - resume) < missing) return fail(end_);
          if (!utf8_valid(reinterpret_cast<const unsigned char*>(cs))) return fail(resume);
          clip = clip_from(resume, unescape_buffer - static_cast<std::size_t>(length));
          cs = resume + missing;
          buffer_empty = false;
          continue;
        }
        if (!utf8_valid(reinterpret_cast<const unsigned char*>(cs))) return fail(cs);
        cs += length;
        buffer_empty = false;
        continue;
      }
      if (c == '\\') {
        ++cs;
        goto escape;
      }
      if (c < 0x20) return fail(cs);
      ++cs;
      buffer_empty = false;
    }
  }

  const char* begin_;
  const char* end_;
  std::size_t failed_ = error::no_offset;
};

/// Offset of the first byte of `text` that is not well-formed JSON (the strict rules both
/// backends share); `error::no_offset` when the text is well-formed. No allocation.
[[nodiscard]] inline std::size_t first_malformed_byte(std::string_view text) noexcept {
  return strict_scanner(text).first_error();
}

/// Whether the number token starting at `token` (inside a document that ends at `end`) is one
/// Boost.JSON accepts within the document: its exponent limits depend on how much of the
/// document follows the token.
[[nodiscard]] inline bool number_accepted_in(const char* token, const char* end) noexcept {
  strict_scanner s(std::string_view(token, static_cast<std::size_t>(end - token)));
  return s.number(token) != nullptr;
}

}  // namespace otawire::json::detail

#endif
