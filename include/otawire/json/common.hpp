// otawire JSON layer: what the simdjson fast path and the Boost.JSON DOM path share.
//
// Every JSON family writes each message decoder once, as a template over a *backend* — the
// simdjson On-Demand backend (json/simd.hpp) or the Boost.JSON DOM backend (json/dom.hpp). Both
// expose the same members (`string`, `int64`, `object().for_each`, …) with the same acceptance
// rules, so the two decoders agree on what they accept and on the values they produce by
// construction; the differential fuzz targets check it.
//
// Rules shared by both backends:
// - Unknown keys are ignored, but their values are still validated (a malformed value anywhere
//   makes the document malformed in both backends).
// - Duplicate keys: the LAST occurrence wins, in both decoders (Boost.JSON's parser keeps the last
//   one; the simdjson backend defers a failed occurrence's error until the object ends, so a later
//   good occurrence replaces it).
// - Nesting deeper than `max_depth` containers is malformed JSON.
// - Integers: a JSON integer token within the field's range. A token with a fraction or exponent
//   (`5.0`, `1e2`) is `wrong_type`; an integer beyond the range is `out_of_range` (an integral
//   double of magnitude >= 2^63 counts as out of range: Boost.JSON turns integers beyond 64 bits
//   into doubles).
// - "Lenient" integers (fields the sources send as `31` or `"31"`) also accept a string of
//   decimal digits with an optional leading `-`, nothing else.
// - Error `where()` is the JSON path (`report.progress.percent`, array elements as `services[]`; the
//   array walks put the element's number in the error's `index()`).
//   The simdjson backend also gives the byte offset; the DOM backend has no positions, except
//   for malformed JSON: both backends then give the offset of the failing byte, found by each on
//   its own (Boost.JSON's parser; the fast path's strict scanner, json/scan.hpp).
#ifndef OTAWIRE_JSON_COMMON_HPP
#define OTAWIRE_JSON_COMMON_HPP

#include <otawire/config.hpp>
#include <otawire/result.hpp>

#include <cstddef>
#include <cstdint>
#include <limits>
#include <string_view>
#include <type_traits>

namespace boost::json {
class value;
}

/// \namespace otawire::json
/// The JSON layer the five JSON families share: one decoder per message, written once as a
/// template over two backends — simdjson On-Demand (`json::parser`, the fast path: zero copy from
/// padded input, no allocation in steady state) and the Boost.JSON DOM (`dom_document`) — with
/// the same acceptance rules, plus the field rules every family applies (`json::fields`).
namespace otawire::json {

/// Containers nested deeper than this make a document malformed (both backends).
inline constexpr std::size_t max_depth = 64;

/// The JSON type of a value, as both backends report it.
enum class kind : std::uint8_t { object, array, string, number, boolean, null };

/// Whether `T` owns the JSON text or tree that a zero-copy decoder returns views into. Specialised
/// to true by json/dom.hpp (Boost.JSON's value, object, array, string) and json/simd.hpp
/// (simdjson::padded_string).
template <class T>
inline constexpr bool owns_json = false;

/// The JSON layer's form of the vocabulary's `otawire::dangling_temporary` (bytes.hpp), for the
/// JSON storage types that are not ranges: `T` (the deduced type of a forwarding reference
/// `T&&`) is a temporary that owns the JSON a decoder would return views into. Every zero-copy
/// JSON decoder deletes the overload that would take one (as simdjson does), so that
/// `decode_payload(p, simdjson::padded_string(text))` or
/// `decode_payload_dom(boost::json::parse(text))` does not compile, while lvalues and views
/// (`padded_string_view`, a `const value&`) still do.
template <class T>
concept dangling_json = !std::is_lvalue_reference_v<T> && owns_json<std::remove_cv_t<T>>;

/// A JSON value kept as it was sent (JetLinks `properties`, `headers`, …): no copy. The simdjson
/// path gives the sender's text (validated); the DOM path points at the node inside the caller's
/// `boost::json::value`. Compare with `json::equivalent` (json/dom.hpp).
struct raw_json {
  std::string_view text{};  ///< The sender's text (simdjson path); empty on the DOM path.
  const boost::json::value* dom = nullptr;  ///< The node in the caller's value (DOM path), else null.

  /// Absent: neither backend set it (the key was not sent).
  [[nodiscard]] bool empty() const noexcept { return text.empty() && dom == nullptr; }
};

// The accessors are small once simdjson's own inlined code is counted out, but large enough that
// g++ declines to inline them; each call then returns a result<T> through memory. Forcing them
// inline lets the compiler keep values in registers and drop the result's error branch.
// Builds that check behaviour, not speed, leave inlining to the compiler: define
// OTAWIRE_JSON_NO_FORCED_INLINE (the test preset does), or build with a sanitizer (then it is
// defined here). Forced, each walk is one large function per message type, which compilers take
// long over: a JSON test file took g++ -O1 112 s instead of 44, a CTWing fuzz target clang with
// ASan 94 s instead of 18. The code is the same C++; only where the compiler may place calls
// differs.
#if !defined(OTAWIRE_JSON_NO_FORCED_INLINE)
#if defined(__SANITIZE_ADDRESS__)
#define OTAWIRE_JSON_NO_FORCED_INLINE 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(undefined_behavior_sanitizer)
#define OTAWIRE_JSON_NO_FORCED_INLINE 1
#endif
#endif
#endif
#if (defined(__GNUC__) || defined(__clang__)) && !defined(OTAWIRE_JSON_NO_FORCED_INLINE)
#define OTAWIRE_JSON_INLINE [[gnu::always_inline]] inline
#else
#define OTAWIRE_JSON_INLINE inline
#endif

/// Keeps a cold or recursive helper out of line, so that it does not bloat the walks that call
/// it (the unknown-value skip was inlined into every object walk).
#if defined(__GNUC__) || defined(__clang__)
#define OTAWIRE_JSON_OUTLINE [[gnu::noinline]]
#else
#define OTAWIRE_JSON_OUTLINE
#endif

/// Marks the callback a decoder hands to `object_for_each`: inlined into the walk, so that its
/// result stays in registers instead of going through memory once per key.
#if (defined(__GNUC__) || defined(__clang__)) && !defined(OTAWIRE_JSON_NO_FORCED_INLINE)
#define OTAWIRE_JSON_VISITOR __attribute__((always_inline))
#else
#define OTAWIRE_JSON_VISITOR
#endif

/// An object key as the walk hands it to a decoder: a `std::string_view` whose comparison with
/// a literal (`key == "taskId"`) compiles to a length check and a fixed-size compare. The plain
/// string_view comparison goes through an out-of-line `compare` and a memcmp call, which was a
/// tenth of a small message's decode.
struct key_view : std::string_view {
  template <std::size_t N>
  [[nodiscard]] friend constexpr bool operator==(key_view key, const char (&name)[N]) noexcept {
    if (key.size() != N - 1) return false;
    if (std::is_constant_evaluated()) return std::string_view(key) == std::string_view(name, N - 1);
    return __builtin_memcmp(key.data(), name, N - 1) == 0;
  }
};

/// A key a document looks up by name (`select`): its text, to compare with the keys sent, and
/// the same text as an error's `where()`. Made from a literal at compile time.
struct key_name {
  /// The key `text` (a literal).
  consteval key_name(const char* text) noexcept : text(text), id(text) {}  // NOLINT: implicit for literals
  std::string_view text;  ///< What the key is compared with.
  text_id id;             ///< The same text, for errors.
};

namespace detail {

/// Parses `-?[0-9]+` into an int64 (the lenient string form). Anything else is `invalid_value`;
/// too many digits is `out_of_range`.
[[nodiscard]] constexpr result<std::int64_t> parse_decimal_int64(std::string_view s, text_id path,
                                                                 std::size_t offset) noexcept {
  bool negative = false;
  std::size_t i = 0;
  if (!s.empty() && s[0] == '-') {
    negative = true;
    i = 1;
  }
  if (i == s.size()) return fail(errc::invalid_value, path, offset);
  // Accumulate as a negative number so that INT64_MIN is representable.
  std::int64_t acc = 0;
  constexpr std::int64_t min = std::numeric_limits<std::int64_t>::min();
  for (; i < s.size(); ++i) {
    const char c = s[i];
    if (c < '0' || c > '9') return fail(errc::invalid_value, path, offset);
    const int d = c - '0';
    if (acc < (min + d) / 10) return fail(errc::out_of_range, path, offset);
    acc = acc * 10 - d;
  }
  if (!negative) {
    if (acc == min) return fail(errc::out_of_range, path, offset);
    return -acc;
  }
  return acc;
}

/// The code for a JSON number that is not an integer in range (see the rules above). NaN is
/// what Boost.JSON makes of a zero with a huge exponent (`0e+611`), which simdjson reads as 0:
/// a number written with an exponent, so `wrong_type` in both.
[[nodiscard]] inline errc non_integer_code(double d) noexcept {
  return (d >= 9223372036854775808.0 || d <= -9223372036854775808.0) ? errc::out_of_range : errc::wrong_type;
}

}  // namespace detail

/// Shared checks that families call after decoding a field.
template <class Int>
[[nodiscard]] constexpr result<Int> in_range(std::int64_t v, std::int64_t lo, std::int64_t hi,
                                             text_id path, std::size_t offset) noexcept {
  if (v < lo || v > hi) return fail(errc::out_of_range, path, offset);
  return static_cast<Int>(v);
}

}  // namespace otawire::json

#endif
