// otawire JSON layer: the simdjson On-Demand backend (the fast decoder).
//
// Strings decoded here are views into the parser's string buffer (or the input) and live until
// the parser decodes the next message; raw values are views into the input. A `json::parser` is
// meant to be kept and reused: after the first messages it allocates nothing.
#ifndef OTAWIRE_JSON_SIMD_HPP
#define OTAWIRE_JSON_SIMD_HPP

#include <otawire/contract.hpp>
#include <otawire/json/common.hpp>
#include <otawire/json/dom.hpp>
#include <otawire/json/scan.hpp>

#include <simdjson.h>

#include <array>
#include <bit>
#include <concepts>
#include <cstdint>
#include <cstring>
#include <memory>
#include <new>
#include <optional>
#include <span>
#include <type_traits>
#include <string_view>
#include <utility>

namespace otawire::json {

template <>
inline constexpr bool owns_json<simdjson::padded_string> = true;

/// The JSON text a decoder reads, as every family's `decode_payload` takes it: text with
/// `SIMDJSON_PADDING` readable bytes after it — a `simdjson::padded_string_view`, or a
/// `simdjson::padded_string` the caller keeps — is read in place (zero copy; the decoded views
/// point into it); any other text (`std::string_view`, `std::string`, a literal) is copied into
/// the parser's reused padded buffer (the views point into the parser). A temporary
/// `padded_string` does not convert: the decoded views would point into it (json::dangling_json).
class payload_text {
 public:
  /// Zero copy: `text` has `SIMDJSON_PADDING` readable bytes after it.
  payload_text(simdjson::padded_string_view text) noexcept
      : data_(text.data()), size_(text.size()), capacity_(text.capacity()), in_place_(true) {}
  /// Zero copy: a `padded_string` the caller keeps.
  payload_text(const simdjson::padded_string& text OTAWIRE_LIFETIMEBOUND) noexcept
      : payload_text(simdjson::padded_string_view(text)) {}
  /// Not from a temporary `padded_string` (json::dangling_json).
  payload_text(const simdjson::padded_string&&) = delete;
  /// Copied into the parser's buffer: any other text.
  template <class Text>
    requires std::convertible_to<const Text&, std::string_view> &&
             (!std::is_same_v<Text, simdjson::padded_string>) && (!std::is_same_v<Text, simdjson::padded_string_view>)
  payload_text(const Text& text) noexcept
      : payload_text(std::string_view(text), copied_t{}) {}

  /// The text.
  [[nodiscard]] std::string_view text() const noexcept { return {data_, size_}; }
  /// Whether it is read in place (padded); otherwise the parser copies it.
  [[nodiscard]] bool in_place() const noexcept { return in_place_; }
  /// The readable bytes from `text().data()` on, when in place.
  [[nodiscard]] std::size_t capacity() const noexcept { return capacity_; }

 private:
  struct copied_t {};
  payload_text(std::string_view text, copied_t) noexcept : data_(text.data()), size_(text.size()) {}

  const char* data_;
  std::size_t size_;
  std::size_t capacity_ = 0;
  bool in_place_ = false;
};

namespace detail {

/// Whether `token` (a raw number token, possibly followed by white space) is a JSON number.
[[nodiscard]] constexpr bool is_json_number(std::string_view token) noexcept {
  std::size_t i = 0;
  const auto digit = [&](std::size_t k) { return k < token.size() && token[k] >= '0' && token[k] <= '9'; };
  if (i < token.size() && token[i] == '-') ++i;
  if (!digit(i)) return false;
  if (token[i] == '0') {
    ++i;
  } else {
    while (digit(i)) ++i;
  }
  if (i < token.size() && token[i] == '.') {
    ++i;
    if (!digit(i)) return false;
    while (digit(i)) ++i;
  }
  if (i < token.size() && (token[i] == 'e' || token[i] == 'E')) {
    ++i;
    if (i < token.size() && (token[i] == '+' || token[i] == '-')) ++i;
    if (!digit(i)) return false;
    while (digit(i)) ++i;
  }
  for (; i < token.size(); ++i) {
    const char c = token[i];
    if (c == ',' || c == '}' || c == ']') return true;
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return false;
  }
  return true;
}

/// Whether Boost.JSON accepts a well-formed number token: it refuses exponents that overflow an
/// `int` once the digits beyond a 64-bit mantissa are counted in (`exponent_overflow`). A token
/// shorter than 300 characters with an exponent of at most 8 digits can never reach that; the
/// rare rest is settled by the strict scanner (json/scan.hpp), which follows Boost.JSON's count
/// exactly, without allocating. `document_end` is the end of the document the token is in.
[[nodiscard]] inline bool number_within_boost_limits(std::string_view token, const char* document_end) noexcept {
  std::size_t end = 0;
  while (end < token.size() && token[end] != ' ' && token[end] != '\t' && token[end] != '\n' &&
         token[end] != '\r' && token[end] != ',' && token[end] != '}' && token[end] != ']') {
    ++end;
  }
  token = token.substr(0, end);
  std::size_t exponent_digits = 0;
  if (const auto e = token.find_first_of("eE"); e != std::string_view::npos) {
    exponent_digits = token.size() - e - 1;
    if (exponent_digits > 0 && (token[e + 1] == '+' || token[e + 1] == '-')) --exponent_digits;
  }
  if (token.size() < 300 && exponent_digits <= 8) return true;
  return number_accepted_in(token.data(), document_end);
}

/// Whether a number token is one both decoders accept: JSON syntax, and within Boost.JSON's
/// limits. Every path that reads a number token itself (not through simdjson's fast integer
/// parse) asks this, so that a number Boost.JSON refuses (`1e623899999999999999999`) is
/// malformed JSON in both decoders even where the field's own rule would have said wrong_type
/// and a later duplicate key would have replaced the error (a fuzzer found that one).
[[nodiscard]] inline bool is_well_formed_number(std::string_view token, const char* document_end) noexcept {
  return is_json_number(token) && number_within_boost_limits(token, document_end);
}

/// Whether a raw number token has a fraction or an exponent.
[[nodiscard]] constexpr bool is_integer_token(std::string_view token) noexcept {
  for (const char c : token) {
    if (c == '.' || c == 'e' || c == 'E') return false;
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ',' || c == '}' || c == ']') break;
  }
  return true;
}

/// Integer tokens at least this long (with any white space after them) are read by
/// read_integer_words; shorter ones are quicker through simdjson's digit loop (CTWing's steps).
inline constexpr std::size_t long_integer_token = 8;

/// Reads an integer token of 1 to 15 digits (an optional '-' first) that ends in `,` `}` `]` or
/// white space, eight digits at a time; false for anything else (a leading zero, a fraction, an
/// exponent, a longer number, a token at the end of the input), which the caller leaves to the
/// general path. Timestamps in milliseconds have 13 digits: simdjson's digit-by-digit loop was
/// a tenth of a JetLinks decode. `p` must have 17 readable bytes: the input's padding (at least
/// SIMDJSON_PADDING bytes after any token) guarantees them.
[[nodiscard]] OTAWIRE_JSON_INLINE bool read_integer_words(const char* p, std::int64_t& out) noexcept {
  if constexpr (std::endian::native != std::endian::little) {
    return false;
  } else {
    constexpr std::uint64_t lows = 0x0F0F0F0F0F0F0F0FULL;
    constexpr std::uint64_t highs = 0xF0F0F0F0F0F0F0F0ULL;
    constexpr std::uint64_t sevens = 0x7F7F7F7F7F7F7F7FULL;
    const bool negative = *p == '-';
    p += negative ? 1 : 0;
    std::uint64_t first = 0;
    std::uint64_t second = 0;
    std::memcpy(&first, p, 8);
    std::memcpy(&second, p + 8, 8);
    // How many bytes, from the lowest, are digits: a byte is one when its high nibble is 3 and
    // its low nibble plus 6 does not carry into the high nibble (none of these sums crosses a
    // byte).
    const auto leading_digits = [&](std::uint64_t w) -> unsigned {
      const std::uint64_t odd = ((w & highs) ^ (0x30 * 0x0101010101010101ULL)) | (((w & lows) + 0x0606060606060606ULL) & highs);
      const std::uint64_t flagged = (odd | ((odd & sevens) + sevens)) & ~sevens;  // high bit of each non-zero byte
      return flagged == 0 ? 8U : static_cast<unsigned>(std::countr_zero(flagged)) >> 3;
    };
    // The value of the `n` (1..8) digits in the low bytes of `w`: moved to the top so that the
    // bytes below read as leading zeros, then combined pairwise (10, 100, 10000).
    const auto value_of = [](std::uint64_t w, unsigned n) -> std::uint64_t {
      w = ((w - 0x3030303030303030ULL) << (8 * (8 - n)));  // a borrow only reaches bytes shifted out
      w = (w * 10) + (w >> 8);
      w = (((w & 0x000000FF000000FFULL) * 0x000F424000000064ULL) +
           (((w >> 16) & 0x000000FF000000FFULL) * 0x0000271000000001ULL)) >> 32;
      return static_cast<std::uint32_t>(w);
    };
    unsigned digits = leading_digits(first);
    if (digits == 0 || (*p == '0' && digits > 1)) return false;
    std::uint64_t value = 0;
    if (digits < 8) {
      value = value_of(first, digits);
    } else {
      const unsigned more = leading_digits(second);
      if (more == 8) return false;  // 16 digits or more: the general path
      constexpr std::array<std::uint64_t, 8> scale{1, 10, 100, 1000, 10000, 100000, 1000000, 10000000};
      value = value_of(first, 8) * scale[more] + (more == 0 ? 0 : value_of(second, more));
      digits += more;
    }
    const char end = p[digits];
    if (end != ',' && end != '}' && end != ']' && end != ' ' && end != '\n' && end != '\r' && end != '\t') return false;
    out = negative ? -static_cast<std::int64_t>(value) : static_cast<std::int64_t>(value);
    return true;
  }
}

[[nodiscard]] constexpr std::string_view trim_right(std::string_view s) noexcept {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\n' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
}

struct simd_context {
  const char* base = nullptr;        // start of the document being walked
  std::size_t size = 0;              // length of that document
  const char* padded_end = nullptr;  // end of the readable (padded) input
  simdjson::ondemand::document* doc = nullptr;
  simdjson::ondemand::parser* nested = nullptr;  // for json::simd_value::reparse

  [[nodiscard]] std::size_t offset_of(const char* p) const noexcept {
    return static_cast<std::size_t>(p - base);
  }
  [[nodiscard]] const char* end() const noexcept { return base + size; }
  /// Offset of the iterator's next token, or no_offset at the end of the document. Only valid
  /// while the iterator has seen no error (simdjson abandons the iterator on one).
  [[nodiscard]] std::size_t location() noexcept {
    const char* p = nullptr;
    if (doc->current_location().get(p) != simdjson::SUCCESS) return error::no_offset;
    return offset_of(p);
  }
};

/// Errors a deferred object walk holds until the object ends (last occurrence of a key wins).
/// The slots are left uninitialised until used: every object walk makes one of these, and
/// zeroing 16 slots cost more than walking a small object.
class pending_errors {
 public:
  pending_errors() noexcept {}  // NOLINT: deliberately leaves storage_ uninitialised

  /// Records `e` for `key`; false when there is no room (the caller then fails at once).
  bool set(std::string_view key, const error& e) noexcept {
    for (std::size_t i = 0; i < size_; ++i) {
      if (at(i).key == key) {
        at(i).err = e;
        at(i).live = true;
        return true;
      }
    }
    if (size_ == capacity) return false;
    ::new (static_cast<void*>(storage_ + size_ * sizeof(slot))) slot{key, e, true};
    ++size_;
    return true;
  }
  OTAWIRE_JSON_INLINE void clear(std::string_view key) noexcept {
    if (size_ == 0) return;  // the common case: no error so far in this object
    for (std::size_t i = 0; i < size_; ++i) {
      if (at(i).key == key) at(i).live = false;
    }
  }
  [[nodiscard]] result<void> first() const noexcept {
    for (std::size_t i = 0; i < size_; ++i) {
      if (at(i).live) return at(i).err;
    }
    return ok();
  }

 private:
  struct slot {
    std::string_view key;
    error err;
    bool live = false;
  };
  static_assert(std::is_trivially_destructible_v<slot>);
  static constexpr std::size_t capacity = 16;

  slot& at(std::size_t i) noexcept { return *std::launder(reinterpret_cast<slot*>(storage_ + i * sizeof(slot))); }
  const slot& at(std::size_t i) const noexcept {
    return *std::launder(reinterpret_cast<const slot*>(storage_ + i * sizeof(slot)));
  }

  alignas(slot) unsigned char storage_[capacity * sizeof(slot)];
  std::size_t size_ = 0;
};

/// The text of a string token whose opening quote is at `quote` when it holds no escape (a view
/// into the input); empty optional when it does (the caller unescapes). Reads eight bytes at a
/// time, past the closing quote: the input is padded (SIMDJSON_PADDING readable bytes after the
/// document), and stage 1 has checked that every string is closed, so a quote or a backslash
/// always comes before the padding ends.
[[nodiscard]] OTAWIRE_JSON_INLINE std::optional<std::string_view> unescaped_view(const char* quote) noexcept {
  const char* const start = quote + 1;
  if constexpr (std::endian::native == std::endian::little) {
    constexpr std::uint64_t ones = 0x0101010101010101ULL;
    constexpr std::uint64_t highs = 0x8080808080808080ULL;
    for (const char* p = start;; p += 8) {
      std::uint64_t word = 0;
      std::memcpy(&word, p, sizeof word);
      const std::uint64_t q = word ^ (ones * '"');
      const std::uint64_t b = word ^ (ones * '\\');
      // A zero byte marks a match; the lowest flagged byte is always a true one (a borrow only
      // flags bytes above a real zero), and little-endian puts it first. Which of the two it is
      // comes from the masks, not from reading the byte again.
      const std::uint64_t quotes = (q - ones) & ~q & highs;
      const std::uint64_t hits = quotes | ((b - ones) & ~b & highs);
      if (hits == 0) continue;
      const std::uint64_t first = hits & (~hits + 1);
      if ((quotes & first) == 0) return std::nullopt;  // a backslash comes first: escaped
      return std::string_view(start, static_cast<std::size_t>(p - start) + (std::countr_zero(hits) >> 3));
    }
  } else {
    const char* p = start;
    while (*p != '"' && *p != '\\') ++p;
    if (*p != '"') return std::nullopt;
    return std::string_view(start, static_cast<std::size_t>(p - start));
  }
}

/// As above, for a value whose token (from the opening quote to the next structural character)
/// is `token`. Long strings (URLs, tokens) are searched with memchr, which outruns the
/// eight-byte scan once past a few words; the closing quote lies inside the token.
[[nodiscard]] OTAWIRE_JSON_INLINE std::optional<std::string_view> unescaped_view(std::string_view token) noexcept {
  if (token.size() <= 48) return unescaped_view(token.data());
  const char* start = token.data() + 1;
  const auto* end = static_cast<const char*>(std::memchr(start, '"', token.size() - 1));
  if (end == nullptr) return std::nullopt;  // cannot happen after stage 1; let simdjson decide
  const auto length = static_cast<std::size_t>(end - start);
  if (std::memchr(start, '\\', length) != nullptr) return std::nullopt;
  return std::string_view(start, length);
}

/// Validates and consumes `v` (whatever its kind) with the rules of the accessors below, for
/// values nobody reads: unknown keys, raw views, a value of the wrong type. Plain booleans, no
/// result objects: skipping was a tenth of a JetLinks decode through the general accessors.
/// False when malformed, `failed_at` then pointing at the offending value.
[[nodiscard]] OTAWIRE_JSON_OUTLINE inline bool skip_value(simdjson::ondemand::value v, std::size_t depth, const char* document_end,
                                                           const char*& failed_at) noexcept {
  const std::string_view token = v.raw_json_token();
  failed_at = token.data();
  switch (token.front()) {
    case '{': {
      simdjson::ondemand::object obj;
      if (depth + 1 > max_depth || v.get_object().get(obj) != simdjson::SUCCESS) return false;
      for (auto field_result : obj) {
        simdjson::ondemand::field field;
        if (std::move(field_result).get(field) != simdjson::SUCCESS) return false;
        if (!unescaped_view(field.key().raw() - 1)) {  // an escaped key must still unescape
          std::string_view key;
          if (field.unescaped_key().get(key) != simdjson::SUCCESS) return false;
        }
        if (!skip_value(field.value(), depth + 1, document_end, failed_at)) return false;
        failed_at = token.data();  // what fails from here on is this object's own syntax
      }
      return true;
    }
    case '[': {
      simdjson::ondemand::array arr;
      if (depth + 1 > max_depth || v.get_array().get(arr) != simdjson::SUCCESS) return false;
      for (auto element_result : arr) {
        simdjson::ondemand::value element;
        if (std::move(element_result).get(element) != simdjson::SUCCESS) return false;
        if (!skip_value(element, depth + 1, document_end, failed_at)) return false;
        failed_at = token.data();
      }
      return true;
    }
    case '"': {
      // Consumed either way: left to the parent's iterator, a string followed by `:` would be
      // skipped as if it were a key.
      if (unescaped_view(token)) {
        simdjson::ondemand::raw_json_string raw;
        return v.get_raw_json_string().get(raw) == simdjson::SUCCESS;
      }
      std::string_view unescaped;
      return v.get_string().get(unescaped) == simdjson::SUCCESS;
    }
    case 't':
    case 'f': {
      bool b = false;
      return v.get_bool().get(b) == simdjson::SUCCESS;
    }
    case 'n': {
      bool is = false;
      return v.is_null().get(is) == simdjson::SUCCESS && is;
    }
    default:
      // A number is left to the parent's iterator; only its syntax needs checking (anything
      // else here is no JSON value at all).
      return is_well_formed_number(token, document_end);
  }
}

}  // namespace detail

/// One JSON value in a document being decoded by simdjson On-Demand. Each value is read once:
/// call exactly one accessor (or none: the object walk then validates and skips it).
class simd_value {
 public:
  /// Wraps `v`, read at nesting `depth`; made by the walk, not by users.
  OTAWIRE_JSON_INLINE simd_value(simdjson::ondemand::value v, detail::simd_context* ctx, std::size_t depth) noexcept
      : value_(v), ctx_(ctx), depth_(depth) {}

  /// Byte offset of the value in the input (worked out when asked: error paths and range checks
  /// only, so the walk itself never pays for it).
  [[nodiscard]] OTAWIRE_JSON_INLINE std::size_t offset() const noexcept {
    return ctx_->offset_of(value_.raw_json_token().data());
  }
  /// Whether an accessor read the value (an unread one is validated and skipped by the walk).
  [[nodiscard]] OTAWIRE_JSON_INLINE bool consumed() const noexcept { return consumed_; }

  /// The first byte of the value's token: `{`, `[`, `"`, `t`, `f`, `n` or a number's first
  /// character in well-formed JSON. The accessors test it before anything else, so that the
  /// common case (the kind the field expects) costs one load; anything else takes the general
  /// path through type(), which also tells malformed JSON from a wrong type.
  [[nodiscard]] OTAWIRE_JSON_INLINE char first_byte() const noexcept { return *value_.raw_json_token().data(); }

  /// The value's kind (does not consume it).
  OTAWIRE_JSON_INLINE result<kind> type(text_id path) noexcept {
    simdjson::ondemand::json_type t{};
    if (value_.type().get(t) != simdjson::SUCCESS) return fail(errc::malformed_json, path, offset());
    switch (t) {
      case simdjson::ondemand::json_type::object: return kind::object;
      case simdjson::ondemand::json_type::array: return kind::array;
      case simdjson::ondemand::json_type::string: return kind::string;
      case simdjson::ondemand::json_type::number: return kind::number;
      case simdjson::ondemand::json_type::boolean: return kind::boolean;
      case simdjson::ondemand::json_type::null: return kind::null;
    }
    return fail(errc::malformed_json, path, offset());
  }

  /// The string's text (unescaped); `wrong_type` for any other kind.
  OTAWIRE_JSON_INLINE result<std::string_view> string(text_id path) noexcept {
    const std::string_view token = value_.raw_json_token();
    if (token.front() != '"') {  // not a string: validated, then wrong_type
      if (auto k = expect(kind::string, path); !k) return k.error();
    }
    consumed_ = true;
    // Most strings hold no escape: view them in the input (no copy into the string buffer). The
    // value must still be consumed here: left to the parent's iterator, a string followed by
    // `:` would be skipped as if it were a key (`"k":"v":1` accepted).
    if (auto plain = detail::unescaped_view(token)) {
      simdjson::ondemand::raw_json_string raw;
      if (value_.get_raw_json_string().get(raw) != simdjson::SUCCESS) return fail(errc::malformed_json, path, offset());
      return *plain;
    }
    std::string_view s;
    if (value_.get_string().get(s) != simdjson::SUCCESS) return fail(errc::malformed_json, path, offset());
    return s;
  }

  /// An integer token in int64 range; `wrong_type` for a fraction or another kind, `out_of_range` beyond it.
  OTAWIRE_JSON_INLINE result<std::int64_t> int64(text_id path) noexcept {
    if (std::int64_t fast = 0; long_integer(fast)) return fast;
    // Next fast path: simdjson accepts only a well-formed integer token in range (no leading zero,
    // no fraction, a terminator after it), and does not consume the value when it refuses.
    if (std::int64_t fast = 0; value_.get_int64().get(fast) == simdjson::SUCCESS) {
      consumed_ = true;
      return fast;
    }
    if (auto k = expect(kind::number, path); !k) return k.error();
    const std::string_view token = value_.raw_json_token();
    consumed_ = true;
    if (!detail::is_well_formed_number(token, ctx_->end())) return fail(errc::malformed_json, path, offset());
    if (!detail::is_integer_token(token)) return non_integer(path);
    std::int64_t i = 0;
    if (value_.get_int64().get(i) == simdjson::SUCCESS) return i;
    return fail(errc::out_of_range, path, offset());  // a well-formed integer beyond 64 bits
  }

  /// A non-negative integer token; `out_of_range` for a negative or too large one.
  OTAWIRE_JSON_INLINE result<std::uint64_t> uint64(text_id path) noexcept {
    if (std::int64_t fast = 0; first_byte() != '-' && long_integer(fast)) return static_cast<std::uint64_t>(fast);
    if (std::uint64_t fast = 0; value_.get_uint64().get(fast) == simdjson::SUCCESS) {  // as in int64()
      consumed_ = true;
      return fast;
    }
    if (auto k = expect(kind::number, path); !k) return k.error();
    const std::string_view token = value_.raw_json_token();
    consumed_ = true;
    if (!detail::is_well_formed_number(token, ctx_->end())) return fail(errc::malformed_json, path, offset());
    if (!detail::is_integer_token(token)) return non_integer(path);
    // `-0` is zero to Boost.JSON (an int64), so it is zero here too; any other negative integer
    // is out of range, as is one beyond 64 bits.
    if (std::int64_t i = 0; value_.get_int64().get(i) == simdjson::SUCCESS) {
      if (i < 0) return fail(errc::out_of_range, path, offset());
      return static_cast<std::uint64_t>(i);
    }
    return fail(errc::out_of_range, path, offset());
  }

  /// A number written `31` or `"31"` (see common.hpp).
  OTAWIRE_JSON_INLINE result<std::int64_t> int64_lenient(text_id path) noexcept {
    if (first_byte() != '"') return int64(path);
    auto s = string(path);
    if (!s) return s.error();
    return detail::parse_decimal_int64(*s, path, offset());
  }

  /// Any finite number, as a double.
  OTAWIRE_JSON_INLINE result<double> number(text_id path) noexcept {
    if (auto k = expect(kind::number, path); !k) return k.error();
    const std::string_view token = value_.raw_json_token();
    consumed_ = true;
    if (!detail::is_well_formed_number(token, ctx_->end())) return fail(errc::malformed_json, path, offset());
    double d = 0;
    if (value_.get_double().get(d) != simdjson::SUCCESS) return fail(errc::out_of_range, path, offset());
    return d;
  }

  /// `true` or `false`; `wrong_type` for any other kind.
  OTAWIRE_JSON_INLINE result<bool> boolean(text_id path) noexcept {
    // get_bool accepts exactly `true`/`false` followed by a terminator and leaves anything else
    // unconsumed, so the general path below sees it as it was.
    if (bool fast = false; value_.get_bool().get(fast) == simdjson::SUCCESS) {
      consumed_ = true;
      return fast;
    }
    if (auto k = expect(kind::boolean, path); !k) return k.error();
    bool b = false;
    consumed_ = true;
    if (value_.get_bool().get(b) != simdjson::SUCCESS) return fail(errc::malformed_json, path, offset());
    return b;
  }

  /// True when the value is `null` (consumed); false, unconsumed, for any other kind.
  OTAWIRE_JSON_INLINE result<bool> null(text_id path) noexcept {
    if (first_byte() != 'n') return false;  // not null (or malformed: the next accessor says so)
    auto k = type(path);
    if (!k) return k.error();
    if (*k != kind::null) return false;
    bool is = false;
    consumed_ = true;
    if (value_.is_null().get(is) != simdjson::SUCCESS || !is) return fail(errc::malformed_json, path, offset());
    return true;
  }

  /// Walks an object: `f(std::string_view key, simd_value& v) -> result<bool>` returns true when
  /// it consumed `v`, false to have an unknown key's value validated and skipped. The whole
  /// object is always walked; the first error is returned at its end (last occurrence of a key
  /// wins). Malformed JSON stops at once.
  template <class F>
  result<void> object_for_each(text_id path, F&& f) noexcept;

  /// Walks an array: `f(simd_value& element) -> result<void>` for each element; the first error
  /// is returned after the whole array was walked, with the element's number as its `index()`.
  template <class F>
  result<void> array_for_each(text_id path, F&& f) noexcept;

  /// The value as sent (validated; a view into the input).
  result<raw_json> raw(text_id path) noexcept {
    const std::string_view token = value_.raw_json_token();
    if (auto s = skip(path); !s) return s.error();
    if (token.front() != '{' && token.front() != '[') return raw_json{detail::trim_right(token), nullptr};
    // A container's text runs to where the iterator stopped after it.
    const auto end = ctx_->location();
    if (end == error::no_offset) return fail(errc::malformed_json, path, offset());
    const char* start = token.data();
    return raw_json{detail::trim_right(std::string_view(start, static_cast<std::size_t>(ctx_->base + end - start))), nullptr};
  }

  /// Validates and skips the value if no accessor read it; false when it is malformed (no error
  /// built: the fast walks below then hand the message to the generic walk).
  [[nodiscard]] OTAWIRE_JSON_INLINE bool skip_quietly() noexcept {
    if (consumed_) return true;
    consumed_ = true;
    const char* failed_at = nullptr;
    return detail::skip_value(value_, depth_, ctx_->end(), failed_at);
  }

  /// The fast walk of an object whose fields a decoder knows (issue 16's fast path):
  /// `on_field(simdjson::ondemand::raw_json_string key, simd_value& v) -> bool` reads each field,
  /// comparing keys raw. No error is built here: false (from the walk or the callback) means
  /// "let the generic walk decide", which then reports exactly. Unread values are validated and
  /// skipped as the generic walk skips them.
  template <class F>
  [[nodiscard]] OTAWIRE_JSON_INLINE bool fast_object(F&& on_field) noexcept;

  /// `fast_object`, reading each field where simdjson's iterator built it instead of copying it
  /// out of its `simdjson_result` first: g++ copied that result with word-wide loads right
  /// after the iterator had written its 4-byte depth and error code, a store-forwarding stall
  /// on every key (a quarter of the Tencent fast path's time). Same contract as `fast_object`.
  template <class F>
  [[nodiscard]] OTAWIRE_JSON_INLINE bool fast_object_in_place(F&& on_field) noexcept;

  /// The fast walk of an array (issue 16's fast path): `on_element(simd_value& element) -> bool`
  /// reads each element in place. No error is built: false (from the walk or the callback)
  /// means "let the generic walk decide". Unread elements are validated and skipped.
  template <class F>
  [[nodiscard]] OTAWIRE_JSON_INLINE bool fast_array(F&& on_element) noexcept;

  /// Validates the value (whatever its kind) and consumes it; a malformed value is refused with
  /// `path` and the byte offset where it broke.
  result<void> skip(text_id path) noexcept {
    if (consumed_) return ok();
    consumed_ = true;
    const char* failed_at = nullptr;
    if (!detail::skip_value(value_, depth_, ctx_->end(), failed_at)) return fail(errc::malformed_json, path, ctx_->offset_of(failed_at));
    return ok();
  }

  /// Decodes a raw value captured earlier in the same document with a second parser (for
  /// dispatch on a key that may come after the value, e.g. Huawei's `event_type` after `paras`).
  /// `f(simd_value& root) -> result<T>`.
  template <class F>
  static auto reparse(detail::simd_context* ctx, const raw_json& raw, F&& f) noexcept
      -> decltype(f(std::declval<simd_value&>()));

  /// The parse state shared by the document's values (for reparse and offsets).
  [[nodiscard]] detail::simd_context* context() const noexcept { return ctx_; }
  /// Containers enclosing this value (bounded by `max_depth`).
  [[nodiscard]] std::size_t depth() const noexcept { return depth_; }

 private:
  /// A long integer token (a millisecond timestamp) read eight digits at a time; false, the
  /// value untouched, for anything else. Numbers are left to the parent's iterator (see skip):
  /// reading the token is enough.
  OTAWIRE_JSON_INLINE bool long_integer(std::int64_t& out) noexcept {
    const std::string_view token = value_.raw_json_token();
    if (token.size() < detail::long_integer_token || !detail::read_integer_words(token.data(), out)) return false;
    consumed_ = true;
    return true;
  }

  OTAWIRE_JSON_INLINE result<void> expect(kind want, text_id path) noexcept {
    auto k = type(path);
    if (!k) return k.error();
    if (*k != want) {
      // Still validate the value: a malformed value is malformed whatever its key expects.
      if (auto s = skip(path); !s) return s.error();
      return fail(errc::wrong_type, path, offset());
    }
    return ok();
  }

  error non_integer(text_id path) noexcept {
    double d = 0;
    if (value_.get_double().get(d) != simdjson::SUCCESS) return fail(errc::out_of_range, path, offset());
    return fail(detail::non_integer_code(d), path, offset());
  }

  // mutable: simdjson's raw_json_token() (used by offset()) is not const, though it only peeks.
  mutable simdjson::ondemand::value value_;
  detail::simd_context* ctx_;
  std::size_t depth_;  // containers enclosing this value
  bool consumed_ = false;
};

template <class F>
result<void> simd_value::object_for_each(text_id path, F&& f) noexcept {
  if (first_byte() != '{') {
    if (auto k = expect(kind::object, path); !k) return k.error();
  }
  consumed_ = true;
  if (depth_ + 1 > max_depth) return fail(errc::malformed_json, path, offset());
  simdjson::ondemand::object obj;
  if (value_.get_object().get(obj) != simdjson::SUCCESS) return fail(errc::malformed_json, path, offset());
  detail::pending_errors pending;
  for (auto field_result : obj) {
    simdjson::ondemand::field field;
    if (std::move(field_result).get(field) != simdjson::SUCCESS) {
      return fail(errc::malformed_json, path, offset());
    }
    key_view key;
    if (auto plain = detail::unescaped_view(field.key().raw() - 1)) {
      key = key_view{*plain};  // no escape: the key as sent, without a copy
    } else if (field.unescaped_key().get(static_cast<std::string_view&>(key)) != simdjson::SUCCESS) {
      return fail(errc::malformed_json, path, offset());
    }
    simd_value child(field.value(), ctx_, depth_ + 1);
    result<bool> handled = f(key, child);
    if (!handled) {
      if (handled.error().code() == errc::malformed_json) return handled.error();
      if (auto s = child.skip(path); !s) return s.error();
      if (!pending.set(key, handled.error())) return handled.error();
      continue;
    }
    pending.clear(key);
    if (!*handled || !child.consumed()) {
      if (auto s = child.skip(path); !s) return s.error();
    }
  }
  return pending.first();
}

template <class F>
OTAWIRE_JSON_INLINE bool simd_value::fast_object(F&& on_field) noexcept {
  if (first_byte() != '{' || depth_ + 1 > max_depth) return false;
  consumed_ = true;
  simdjson::ondemand::object obj;
  if (value_.get_object().get(obj) != simdjson::SUCCESS) return false;
  for (auto field_result : obj) {
    simdjson::ondemand::field field;
    if (std::move(field_result).get(field) != simdjson::SUCCESS) return false;
    simd_value child(field.value(), ctx_, depth_ + 1);
    if (!on_field(field.key(), child) || !child.skip_quietly()) return false;
  }
  return true;
}

template <class F>
OTAWIRE_JSON_INLINE bool simd_value::fast_object_in_place(F&& on_field) noexcept {
  if (first_byte() != '{' || depth_ + 1 > max_depth) return false;
  consumed_ = true;
  simdjson::ondemand::object obj;
  if (value_.get_object().get(obj) != simdjson::SUCCESS) return false;
  for (auto member : obj) {
    if (member.error() != simdjson::SUCCESS) return false;
    simdjson::ondemand::field& field = member.value_unsafe();  // checked just above
    simd_value child(field.value(), ctx_, depth_ + 1);
    if (!on_field(field.key(), child) || !child.skip_quietly()) return false;
  }
  return true;
}

template <class F>
OTAWIRE_JSON_INLINE bool simd_value::fast_array(F&& on_element) noexcept {
  if (first_byte() != '[' || depth_ + 1 > max_depth) return false;
  consumed_ = true;
  simdjson::ondemand::array arr;
  if (value_.get_array().get(arr) != simdjson::SUCCESS) return false;
  for (auto element : arr) {
    if (element.error() != simdjson::SUCCESS) return false;
    simd_value child(element.value_unsafe(), ctx_, depth_ + 1);  // checked just above
    if (!on_element(child) || !child.skip_quietly()) return false;
  }
  return true;
}

/// Whether `key` (raw, as `fast_object` passes it) is a key no decoder field can be: one without
/// an escape. A fast walk skips such an unknown key's value; an escaped key may spell a known one
/// (`"ver\u0073ion"`), so it goes to the generic walk.
[[nodiscard]] OTAWIRE_JSON_INLINE bool plain_key(simdjson::ondemand::raw_json_string key) noexcept {
  return detail::unescaped_view(key.raw() - 1).has_value();
}

/// The raw key a `fast_object` callback receives (compare it with `raw_key_is`).
using raw_key = simdjson::ondemand::raw_json_string;

/// A plain name (no quote, no backslash) as the bytes a raw key that spells it starts with,
/// `name"`, packed at compile time into two little-endian words and their masks: matching a key
/// is then one or two loads and compares, where `unsafe_is_equal` compares byte by byte
/// (`const char*`: a loop to the name's NUL, 9 % of the Alibaba fast path's instructions) or
/// calls `memcmp` (a length the compiler does not see). Reading 16 bytes from a key's start
/// stays inside the input: simdjson's padding follows the document. A name of 16 bytes or more,
/// or a big-endian target, compares with `unsafe_is_equal`.
class raw_name {
 public:
  /// `name`, packed.
  constexpr explicit raw_name(std::string_view name) noexcept : name_(name) {
    if (name.size() + 1 > 2 * sizeof(std::uint64_t)) return;
    for (std::size_t i = 0; i <= name.size(); ++i) {
      const auto byte = static_cast<unsigned char>(i < name.size() ? name[i] : '"');
      word_[i / 8] |= std::uint64_t{byte} << (8 * (i % 8));
      mask_[i / 8] |= std::uint64_t{0xFF} << (8 * (i % 8));
    }
    words_ = name.size() + 1 > sizeof(std::uint64_t) ? 2 : 1;
  }

  /// Whether raw key `key` (as a fast walk receives it) is this name.
  [[nodiscard]] OTAWIRE_JSON_INLINE bool matches(raw_key key) const noexcept {
    if constexpr (std::endian::native == std::endian::little) {
      if (words_ != 0) {
        // The first byte alone first: the one compare most keys fail, in the cheapest form.
        if (static_cast<unsigned char>(*key.raw()) != static_cast<unsigned char>(word_[0])) return false;
        std::uint64_t first = 0;
        std::memcpy(&first, key.raw(), sizeof first);
        if ((first & mask_[0]) != word_[0]) return false;
        if (words_ == 1) return true;
        std::uint64_t second = 0;
        std::memcpy(&second, key.raw() + sizeof first, sizeof second);
        return (second & mask_[1]) == word_[1];
      }
    }
    return key.unsafe_is_equal(name_);
  }
  /// The name.
  [[nodiscard]] constexpr std::string_view name() const noexcept { return name_; }

 private:
  std::string_view name_;
  std::uint64_t word_[2] = {0, 0};
  std::uint64_t mask_[2] = {0, 0};
  std::uint8_t words_ = 0;  // 0: compared with unsafe_is_equal
};

/// A key name written in a template argument: `raw_key_is<"version">(k)`.
template <std::size_t N>
struct key_literal {
  /// The literal's characters, with its NUL.
  char text[N]{};
  /// From a string literal.
  constexpr key_literal(const char (&s)[N]) noexcept {  // NOLINT(google-explicit-constructor): a literal's type
    for (std::size_t i = 0; i < N; ++i) text[i] = s[i];
  }
};

/// Whether raw key `key` is `Name` (a plain name), packed at compile time (`raw_name`).
template <key_literal Name>
[[nodiscard]] OTAWIRE_JSON_INLINE bool raw_key_is(raw_key key) noexcept {
  static constexpr raw_name name{std::string_view(Name.text, sizeof(Name.text) - 1)};
  return name.matches(key);
}

/// A fast walk's String read: the string into `out`, or false (decline: the generic walk then
/// reports) for any other kind.
OTAWIRE_JSON_INLINE bool fast_string(simd_value& v, std::string_view& out) noexcept {
  auto s = v.string("");
  if (!s) return false;
  out = *s;
  return true;
}
/// `fast_string` into an optional (present, possibly empty, once read).
OTAWIRE_JSON_INLINE bool fast_string(simd_value& v, std::optional<std::string_view>& out) noexcept {
  auto s = v.string("");
  if (!s) return false;
  out = *s;
  return true;
}

/// A fast walk's lenient integer read (`31` or `"31"`, within [lo, hi]) into `out`, or false
/// (decline): `int64_lenient`'s reading without the offset it works out for an error the fast
/// walk never reports.
template <class Int>
OTAWIRE_JSON_INLINE bool fast_integer(simd_value& v, std::int64_t lo, std::int64_t hi, Int& out) noexcept {
  std::int64_t n = 0;
  if (v.first_byte() == '"') {
    auto s = v.string("");
    if (!s) return false;
    auto parsed = detail::parse_decimal_int64(*s, "", 0);
    if (!parsed) return false;
    n = *parsed;
  } else {
    auto i = v.int64("");
    if (!i) return false;
    n = *i;
  }
  if (n < lo || n > hi) return false;
  out = static_cast<Int>(n);
  return true;
}

template <class F>
result<void> simd_value::array_for_each(text_id path, F&& f) noexcept {
  if (first_byte() != '[') {
    if (auto k = expect(kind::array, path); !k) return k.error();
  }
  consumed_ = true;
  if (depth_ + 1 > max_depth) return fail(errc::malformed_json, path, offset());
  simdjson::ondemand::array arr;
  if (value_.get_array().get(arr) != simdjson::SUCCESS) return fail(errc::malformed_json, path, offset());
  result<void> first = ok();
  std::size_t index = 0;  // errors inside an element name it (`services[2]`)
  for (auto element_result : arr) {
    simdjson::ondemand::value element;
    if (std::move(element_result).get(element) != simdjson::SUCCESS) {
      return fail(errc::malformed_json, path, offset());
    }
    simd_value child(element, ctx_, depth_ + 1);
    result<void> r = f(child);
    if (!r && r.error().code() == errc::malformed_json) return r.error().in_element(index);
    if (auto s = child.skip(path); !s) return s.error().in_element(index);
    if (!r && first) first = r.error().in_element(index);
    ++index;
  }
  return first;
}

/// The document root, with the checks a message decoder makes before walking it.
class simd_document {
 public:
  /// Wraps a parsed document; made by `parser`, not by users.
  simd_document(simdjson::ondemand::document& doc, detail::simd_context* ctx) noexcept : doc_(doc), ctx_(ctx) {}

  /// Finds the LAST top-level `key` (last wins, as everywhere) whose value must be a string, and
  /// returns its index in `names`; `unknown_message` when the string is not among them,
  /// `missing_field` when absent. The document is rewound afterwards.
  result<std::size_t> select(key_name key, std::span<const std::string_view> names) noexcept {
    simdjson::ondemand::object obj;
    if (doc_.get_object().get(obj) != simdjson::SUCCESS) return root_type_error();
    result<std::size_t> found = fail(errc::missing_field, key.id, 0);
    for (auto field_result : obj) {
      simdjson::ondemand::field field;
      if (std::move(field_result).get(field) != simdjson::SUCCESS) {
        return fail(errc::malformed_json, key.id, 0);
      }
      std::string_view k;
      if (field.unescaped_key().get(k) != simdjson::SUCCESS) return fail(errc::malformed_json, key.id, 0);
      if (k != key.text) continue;
      simd_value v(field.value(), ctx_, 1);
      auto s = v.string(key.id);
      if (!s) {
        if (s.error().code() == errc::malformed_json) return s.error();  // the iterator is gone
        found = s.error();
        continue;
      }
      found = fail(errc::unknown_message, key.id, v.offset());
      for (std::size_t i = 0; i < names.size(); ++i) {
        if (names[i] == *s) found = i;
      }
    }
    doc_.rewind();
    return found;
  }

  /// Walks the root object (see simd_value::object_for_each), then checks nothing follows it.
  template <class F>
  result<void> object_for_each(F&& f) noexcept {
    simdjson::ondemand::value root;
    if (doc_.get_value().get(root) != simdjson::SUCCESS) return root_type_error();
    simd_value v(root, ctx_, 0);
    if (auto r = v.object_for_each("", std::forward<F>(f)); !r) return r;
    if (const auto at = ctx_->location(); at != error::no_offset) return fail(errc::malformed_json, "", at);
    return ok();
  }

  /// `simd_value::fast_object` over the root object, then the check that nothing follows it;
  /// false sends the message to the generic walk (parser::parse_fast).
  template <class F>
  [[nodiscard]] OTAWIRE_JSON_INLINE bool fast_object(F&& on_field) noexcept {
    simdjson::ondemand::value root;
    if (doc_.get_value().get(root) != simdjson::SUCCESS) return false;
    simd_value v(root, ctx_, 0);
    return v.fast_object(std::forward<F>(on_field)) && ctx_->location() == error::no_offset;
  }

  /// `simd_value::fast_object_in_place` over the root object, then the check that nothing
  /// follows it; false sends the message to the generic walk (parser::parse_fast).
  template <class F>
  [[nodiscard]] OTAWIRE_JSON_INLINE bool fast_object_in_place(F&& on_field) noexcept {
    simdjson::ondemand::value root;
    if (doc_.get_value().get(root) != simdjson::SUCCESS) return false;
    simd_value v(root, ctx_, 0);
    return v.fast_object_in_place(std::forward<F>(on_field)) && ctx_->location() == error::no_offset;
  }

  /// The parse state shared by the document's values.
  [[nodiscard]] detail::simd_context* context() const noexcept { return ctx_; }

 private:
  // Whether the rest of the document is well-formed is settled by parser::parse.
  static error root_type_error() noexcept { return fail(errc::wrong_type, "", 0); }

  simdjson::ondemand::document& doc_;
  detail::simd_context* ctx_;
};

template <class F>
auto simd_value::reparse(detail::simd_context* ctx, const raw_json& raw, F&& f) noexcept
    -> decltype(f(std::declval<simd_value&>())) {
  // A sub-range of a padded input is padded too: everything up to the input's padded end is
  // readable, so the captured text can be iterated again without a copy.
  const auto capacity = static_cast<std::size_t>(ctx->padded_end - raw.text.data());
  simdjson::ondemand::document doc;
  if (ctx->nested->iterate(simdjson::padded_string_view(raw.text.data(), raw.text.size(), capacity)).get(doc) !=
      simdjson::SUCCESS) {
    return fail(errc::malformed_json, "", ctx->offset_of(raw.text.data()));
  }
  detail::simd_context inner{ctx->base, ctx->size, ctx->padded_end, &doc, nullptr};
  simdjson::ondemand::value root;
  if (doc.get_value().get(root) != simdjson::SUCCESS) return fail(errc::malformed_json, "", ctx->offset_of(raw.text.data()));
  simd_value v(root, &inner, 0);
  return f(v);
}

/// An MQTT publish whose payload has `SIMDJSON_PADDING` readable bytes after it: the zero-copy
/// input of every family's `decode(parser, publish)` (`otawire::mqtt_publish` is the copying one).
struct padded_publish {
  std::string_view topic;                 ///< the topic name the message was published on
  simdjson::padded_string_view payload;  ///< the payload, JSON text, read in place
};

/// An MQTT publish as every family's `decode(parser, publish)` and `decode_into` take it: an
/// `otawire::mqtt_publish` (the payload copied into the parser's reused buffer) or a
/// `padded_publish` (read in place).
struct publish_text {
  std::string_view topic;  ///< the topic name the message was published on
  payload_text payload;    ///< the payload, JSON text

  /// The payload copied into the parser.
  publish_text(const mqtt_publish& p) noexcept : topic(p.topic), payload(p.payload) {}
  /// The payload read in place.
  publish_text(const padded_publish& p) noexcept : topic(p.topic), payload(p.payload) {}
  /// A topic and a payload.
  publish_text(std::string_view t, payload_text text) noexcept : topic(t), payload(text) {}
};

/// The fast decoder's reusable state: keep one per thread and decode every message with it.
/// Movable, like simdjson's own parser (not copyable: it owns buffers sized by use); a moved-from
/// parser may be assigned to or destroyed.
class parser {
 public:
  parser() = default;
  parser(const parser&) = delete;
  parser& operator=(const parser&) = delete;
  /// Movable (not copyable): it owns the reused buffers.
  parser(parser&&) noexcept = default;
  /// Movable (not copyable): it owns the reused buffers.
  parser& operator=(parser&&) noexcept = default;
  ~parser() = default;

  /// Decodes `input` with `f(simd_document&) -> result<T>`: padded text is read in place, any
  /// other text is copied into the parser's reused buffer first.
  template <class F>
  auto parse(payload_text input, F&& f) noexcept -> decltype(f(std::declval<simd_document&>())) {
    const char* data = nullptr;
    std::size_t capacity = 0;
    if (!place(input, data, capacity)) return fail(errc::buffer_too_small, "", 0);
    return parse_padded(data, input.text().size(), capacity, std::forward<F>(f));
  }

  /// As `parse`, trying `fast(simd_document&, T&) -> bool` first (a decoder's fast path: the
  /// usual message, no error built); when it declines, the document is parsed again and `f`
  /// (the generic walk) decides and reports. `f` returns `result<T>`. Text that is not padded is
  /// copied into the parser's reused buffer first.
  template <class Fast, class F>
  auto parse_fast(payload_text input, Fast&& fast, F&& f) noexcept -> decltype(f(std::declval<simd_document&>())) {
    if (!input.in_place()) return parse_fast_copied(input.text(), fast, f);
    return parse_fast_padded(input.text().data(), input.text().size(), input.capacity(), std::forward<Fast>(fast),
                             std::forward<F>(f));
  }

  /// `parse_fast` for a decoder that fills the caller's `out` rather than returning a message
  /// (`alibaba::decode_payload_into`): `fast(simd_document&, T&) -> bool` first;
  /// when it declines, the document is parsed again and `f(simd_document&) -> result<void>`
  /// (the generic walk, which fills `out` itself) decides and reports.
  template <class T, class Fast, class F>
  result<void> parse_fast_into(payload_text input, T& out, Fast&& fast, F&& f) noexcept {
    const char* data = nullptr;
    std::size_t capacity = 0;
    if (!place(input, data, capacity)) return fail(errc::buffer_too_small, "", 0);
    if (try_fast(data, input.text().size(), capacity, fast, out)) return ok();
    return parse_padded(data, input.text().size(), capacity, std::forward<F>(f));
  }

 private:
  // Where `input` is read, as `data` and its readable `capacity`: in place when it is padded,
  // otherwise in the reused buffer after a copy; false when the buffer cannot grow.
  OTAWIRE_JSON_INLINE bool place(payload_text input, const char*& data, std::size_t& capacity) noexcept {
    if (input.in_place()) {
      data = input.text().data();
      capacity = input.capacity();
      return true;
    }
    if (!reserve(input.text())) return false;
    data = buffer_.get();
    capacity = capacity_;
    return true;
  }

  // Copies `input` into the reused padded buffer; false when it cannot grow.
  bool reserve(std::string_view input) noexcept {
    const std::size_t needed = input.size() + simdjson::SIMDJSON_PADDING;
    if (needed > capacity_) {
      // Grows geometrically; after warm-up a stream of messages allocates nothing.
      const std::size_t grown = needed > 2 * capacity_ ? needed : 2 * capacity_;
      buffer_.reset(new (std::nothrow) char[grown]);
      capacity_ = buffer_ ? grown : 0;
      if (!buffer_) return false;
    }
    if (!input.empty()) std::memcpy(buffer_.get(), input.data(), input.size());
    std::memset(buffer_.get() + input.size(), 0, simdjson::SIMDJSON_PADDING);
    return true;
  }

  // The copying and the zero-copy decode, each with its fast path, forced inline into the entry
  // as they were when each had its own: left to g++, the two in one function made it keep the
  // decode out of line, the document then going through memory (1-2 % more instructions per
  // message).
  template <class Fast, class F>
  OTAWIRE_JSON_INLINE auto parse_fast_copied(std::string_view input, Fast& fast, F& f) noexcept
      -> decltype(f(std::declval<simd_document&>())) {
    if (!reserve(input)) return fail(errc::buffer_too_small, "", 0);
    return parse_fast_padded(buffer_.get(), input.size(), capacity_, fast, f);
  }

  template <class Fast, class F>
  OTAWIRE_JSON_INLINE auto parse_fast_padded(const char* data, std::size_t size, std::size_t capacity, Fast&& fast, F&& f) noexcept
      -> decltype(f(std::declval<simd_document&>())) {
    // One named result on every path: the message is built in place in the caller's result.
    decltype(f(std::declval<simd_document&>())) decoded{std::in_place};
    if (try_fast(data, size, capacity, fast, *decoded)) return decoded;
    // Declined (or stage 1 failed): a fresh iteration, since a refused accessor may have left the
    // first one unusable, and the generic walk (or the scanner) reports exactly.
    decoded = parse_padded(data, size, capacity, std::forward<F>(f));
    return decoded;
  }

  template <class Fast, class T>
  OTAWIRE_JSON_INLINE bool try_fast(const char* data, std::size_t size, std::size_t capacity, Fast& fast, T& out) noexcept {
    simdjson::ondemand::document doc;
    if (outer_.iterate(data, size, capacity).get(doc) != simdjson::SUCCESS) return false;
    detail::simd_context ctx{data, size, data + capacity, &doc, &nested_};
    simd_document d(doc, &ctx);
    return fast(d, out);
  }

  // The input travels as three words rather than as a padded_string_view: g++ copied that
  // 24-byte object with a wide load right after writing it field by field, a store-forwarding
  // stall on every message.
  template <class F>
  auto parse_padded(const char* data, std::size_t size, std::size_t capacity, F&& f) noexcept
      -> decltype(f(std::declval<simd_document&>())) {
    simdjson::ondemand::document doc;
    if (outer_.iterate(data, size, capacity).get(doc) != simdjson::SUCCESS) {
      // Stage 1 says only that something is wrong; the scanner says where.
      return malformed(std::string_view(data, size), fail(errc::malformed_json, "", 0));
    }
    return decode_document(doc, data, size, capacity, std::forward<F>(f));
  }

  // One named result, returned on every path, so that the decoded message is built in place in
  // the caller's result: copying a large result costs as much as walking a small message.
  template <class F>
  auto decode_document(simdjson::ondemand::document& doc, const char* data, std::size_t size, std::size_t capacity,
                       F&& f) noexcept -> decltype(f(std::declval<simd_document&>())) {
    detail::simd_context ctx{data, size, data + capacity, &doc, &nested_};
    simd_document d(doc, &ctx);
    auto decoded = f(d);
    if (!decoded) decoded = malformed(std::string_view(data, size), decoded.error());
    return decoded;
  }

  // Error path only. A decoder may stop before the end of the document (an unknown type, a
  // wrong root), and On-Demand validates only what it walks; and where On-Demand notices
  // malformed JSON is where its walk is, which may be a value before the fault. The strict
  // scanner decides over the whole text, without allocating, and names the failing byte:
  // malformed JSON is reported as such, at the offset the DOM backend reports too.
  static error malformed(std::string_view text, error e) noexcept {
    const std::size_t at = detail::first_malformed_byte(text);
    if (at == error::no_offset) return e;  // well-formed: the decoder's own error stands
    if (e.code() != errc::malformed_json) return fail(errc::malformed_json, "", at);
    return e.at_offset(at);
  }

  simdjson::ondemand::parser outer_;
  simdjson::ondemand::parser nested_;
  std::unique_ptr<char[]> buffer_;
  std::size_t capacity_ = 0;
};

/// The contract's `decode(parser, publish)` of an MQTT JSON family, written once for the five:
/// `decode_into(parser, topic, payload, envelope&) -> result<void>` is the family's; the envelope
/// is built in place and returned by name (a Huawei message holds `max_services` events).
template <class Envelope, class DecodeInto>
[[nodiscard]] result<Envelope> decode_envelope(parser& p, const publish_text& publish, DecodeInto&& decode_into) noexcept {
  result<Envelope> out{std::in_place};
  if (auto r = decode_into(p, publish.topic, publish.payload, *out); !r) out = r.error();
  return out;
}

}  // namespace otawire::json

#endif
