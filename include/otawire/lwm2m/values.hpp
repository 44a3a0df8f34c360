// otawire::lwm2m — typed TLV values (§1.3): decode with the length rules of §1.4 (rules 2-6),
// encode with the policies of §6-3. TLV carries no type tag: the object model names the type.
#ifndef OTAWIRE_LWM2M_VALUES_HPP
#define OTAWIRE_LWM2M_VALUES_HPP

#include <otawire/bytes.hpp>
#include <otawire/config.hpp>
#include <otawire/error.hpp>
#include <otawire/lwm2m/messages.hpp>
#include <otawire/result.hpp>

#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <string_view>

namespace otawire::lwm2m {

namespace detail {
[[nodiscard]] constexpr bool is_1_2_4_8(std::size_t n) noexcept {
  return n == 1 || n == 2 || n == 4 || n == 8;
}
[[nodiscard]] constexpr std::uint64_t load_be(byte_view v) noexcept {
  std::uint64_t x = 0;
  for (auto b : v) x = (x << 8) | std::to_integer<std::uint64_t>(b);
  return x;
}
}  // namespace detail

// ------------------------------------------------------------------------------------------------
// Decoding. `offset` is where errors point: pass the entry's offset (its header holds the length).

/// Integer (and Time): two's complement, 1, 2, 4 or 8 bytes (rule 2).
constexpr result<std::int64_t> decode_integer(byte_view v, std::size_t offset = 0) noexcept {
  // C++20 defines the narrowing conversions below as two's complement, so they sign-extend.
  switch (v.size()) {
    case 1: return static_cast<std::int8_t>(std::to_integer<std::uint8_t>(v[0]));
    case 2: return static_cast<std::int16_t>(otawire::detail::load_be<std::uint16_t>(v.data()));
    case 4: return static_cast<std::int32_t>(otawire::detail::load_be<std::uint32_t>(v.data()));
    case 8: return static_cast<std::int64_t>(otawire::detail::load_be<std::uint64_t>(v.data()));
    default: return fail(errc::bad_length, "rule_2_integer_length", offset);
  }
}

/// Time: "same representation as Integer" (signed Unix seconds).
constexpr result<std::int64_t> decode_time(byte_view v, std::size_t offset = 0) noexcept {
  if (!detail::is_1_2_4_8(v.size())) return fail(errc::bad_length, "rule_2_time_length", offset);
  return decode_integer(v, offset);
}

/// Unsigned Integer (LwM2M 1.1+): 1, 2, 4 or 8 bytes, read as unsigned (rule 3). Leshan's signed
/// reading of this type is a peer bug (§1.3), not followed.
constexpr result<std::uint64_t> decode_unsigned(byte_view v, std::size_t offset = 0) noexcept {
  if (!detail::is_1_2_4_8(v.size())) return fail(errc::bad_length, "rule_3_unsigned_length", offset);
  return detail::load_be(v);
}

namespace detail {
// std::bit_cast through the builtin g++ and clang share: the libc++ 13 of Debian's emscripten
// (the web inspector's WebAssembly build) has no std::bit_cast.
template <class To, class From>
[[nodiscard]] constexpr To bit_cast(const From& from) noexcept {
  static_assert(sizeof(To) == sizeof(From));
  return __builtin_bit_cast(To, from);
}
}  // namespace detail

/// Float: IEEE 754 binary32 or binary64, big-endian (rule 4).
constexpr result<double> decode_float(byte_view v, std::size_t offset = 0) noexcept {
  if (v.size() == 4) {
    return static_cast<double>(detail::bit_cast<float>(otawire::detail::load_be<std::uint32_t>(v.data())));
  }
  if (v.size() == 8) return detail::bit_cast<double>(otawire::detail::load_be<std::uint64_t>(v.data()));
  return fail(errc::bad_length, "rule_4_float_length", offset);
}

/// Boolean: exactly one byte, 0 or 1 (rule 5; Leshan's and Zephyr's leniency not copied).
/// `value_offset` points the value error at the value byte.
constexpr result<bool> decode_boolean(byte_view v, std::size_t offset = 0,
                                      std::size_t value_offset = error::no_offset) noexcept {
  if (v.size() != 1) return fail(errc::bad_length, "rule_5_boolean_length", offset);
  const auto b = std::to_integer<unsigned>(v[0]);
  if (b > 1) {
    return fail(errc::invalid_value, "rule_5_boolean_value",
                value_offset == error::no_offset ? offset : value_offset);
  }
  return b == 1;
}

/// Objlnk: exactly 4 bytes, Object ID then Object Instance ID (rule 6). FFFF:FFFF is the null link.
constexpr result<objlnk> decode_objlnk(byte_view v, std::size_t offset = 0) noexcept {
  if (v.size() != 4) return fail(errc::bad_length, "rule_6_objlnk_length", offset);
  const std::uint32_t x = otawire::detail::load_be<std::uint32_t>(v.data());
  return objlnk{static_cast<std::uint16_t>(x >> 16), static_cast<std::uint16_t>(x & 0xFFFF)};
}

/// String: the bytes as text, any length including 0 (a view into the payload). UTF-8 is not
/// validated: no peer does, and the bytes are handed on unchanged.
[[nodiscard]] inline std::string_view decode_string(byte_view v) noexcept {
  return {reinterpret_cast<const char*>(v.data()), v.size()};
}

/// Corelnk (LwM2M 1.1+): "same representation as String" (RFC 6690 link-format text).
[[nodiscard]] inline std::string_view decode_corelnk(byte_view v) noexcept {
  return decode_string(v);
}

/// Opaque: the bytes themselves.
[[nodiscard]] constexpr byte_view decode_opaque(byte_view v) noexcept { return v; }

/// The three above return views into their argument: an owning temporary would leave them
/// dangling, so that is a compile error (views and lvalues are accepted).
template <class Temporary>
  requires dangling_temporary<Temporary>
std::string_view decode_string(Temporary&&) = delete;
template <class Temporary>
  requires dangling_temporary<Temporary>
std::string_view decode_corelnk(Temporary&&) = delete;
template <class Temporary>
  requires dangling_temporary<Temporary>
byte_view decode_opaque(Temporary&&) = delete;

/// text/plain (0) and application/octet-stream (42) carry ONE value: a single-instance Resource
/// (/O/I/R) or one Resource Instance of a Multiple Resource (/O/I/R/RI). A Multiple Resource as a
/// whole, an Object Instance or an Object has no single-value form (LwM2M 1.1 Core: Plain Text and
/// Opaque are for a single Resource or Resource Instance; TLV carries the rest). TLV passes.
/// `multiple_resource`: whether the object model defines the resource as multiple-instance.
constexpr result<void> check_single_value_target(content_format format, const path& target,
                                                 bool multiple_resource) noexcept {
  if (format != content_format::text && format != content_format::opaque) return ok();
  if (target.depth < 3) {
    return fail(errc::unsupported, "content_format.single_resource_only", error::no_offset);
  }
  if (target.depth == 3 && multiple_resource) {
    return fail(errc::unsupported, "content_format.single_value_format_for_multiple_resource",
                error::no_offset);
  }
  if (target.depth == 4 && !multiple_resource) {
    return fail(errc::invalid_value, "path.resource_instance_of_single_resource", error::no_offset);
  }
  return ok();
}

// ------------------------------------------------------------------------------------------------
// Encoding: fixed-size values are produced into a small inline buffer (no allocation).

/// Up to 8 value bytes.
struct scalar_bytes {
  /// The value bytes, big-endian; only the first `size` are meaningful.
  std::array<std::byte, 8> bytes{};
  /// How many of `bytes` the value occupies (1, 2, 4 or 8).
  std::uint8_t size = 0;
  /// A view into this object: it lives as long as the `scalar_bytes` does (clang warns when it
  /// outlives a temporary, `byte_view v = encode_integer(5).view();`).
  [[nodiscard]] constexpr byte_view view() const noexcept OTAWIRE_LIFETIMEBOUND {
    return {bytes.data(), size};
  }
};

namespace detail {
// The `n` (1 to 8) low bytes of `x`, big-endian, the rest zero. Built in a register and stored as
// one word: stored a byte at a time, the bytes were reloaded as one word when the result was
// copied, and each such failed store forward cost ~15 cycles (2/3 of encoding the Device object).
[[nodiscard]] constexpr scalar_bytes store_be(std::uint64_t x, std::uint8_t n) noexcept {
  std::uint64_t word = x << (8 * (8 - n));  // the value's bytes at the top
  if constexpr (std::endian::native == std::endian::little) word = __builtin_bswap64(word);
  scalar_bytes out;
  out.bytes = bit_cast<std::array<std::byte, 8>>(word);
  out.size = n;
  return out;
}
}  // namespace detail

/// Integer / Time: the smallest of 1, 2, 4, 8 bytes that holds the value (every peer, §1.3).
[[nodiscard]] constexpr scalar_bytes encode_integer(std::int64_t v) noexcept {
  const auto raw = static_cast<std::uint64_t>(v);
  if (v >= -128 && v <= 127) return detail::store_be(raw, 1);
  if (v >= -32768 && v <= 32767) return detail::store_be(raw, 2);
  if (v >= std::numeric_limits<std::int32_t>::min() && v <= std::numeric_limits<std::int32_t>::max()) {
    return detail::store_be(raw, 4);
  }
  return detail::store_be(raw, 8);
}

/// Unsigned Integer, per `policy` (default: smallest width with the top bit clear, §1.3).
[[nodiscard]] constexpr scalar_bytes encode_unsigned(
    std::uint64_t v, unsigned_policy policy = unsigned_policy::top_bit_clear) noexcept {
  const bool clear = policy == unsigned_policy::top_bit_clear;
  if (v <= (clear ? 0x7Fu : 0xFFu)) return detail::store_be(v, 1);
  if (v <= (clear ? 0x7FFFu : 0xFFFFu)) return detail::store_be(v, 2);
  if (v <= (clear ? 0x7FFFFFFFu : 0xFFFFFFFFu)) return detail::store_be(v, 4);
  return detail::store_be(v, 8);
}

/// Float per `policy` (default: binary32 iff it holds the value exactly, else binary64). NaN is
/// kept as binary64 (a NaN never compares equal to its narrowed self).
[[nodiscard]] constexpr scalar_bytes encode_float(
    double v, float_policy policy = float_policy::exact_float_else_double) noexcept {
  if (policy == float_policy::exact_float_else_double) {
    const bool in_range = v >= -static_cast<double>(std::numeric_limits<float>::max()) &&
                          v <= static_cast<double>(std::numeric_limits<float>::max());
    const bool infinite = v == std::numeric_limits<double>::infinity() ||
                          v == -std::numeric_limits<double>::infinity();
    if (infinite || (in_range && static_cast<double>(static_cast<float>(v)) == v)) {
      // -0.0 and infinities narrow exactly too.
      return detail::store_be(detail::bit_cast<std::uint32_t>(static_cast<float>(v)), 4);
    }
  }
  return detail::store_be(detail::bit_cast<std::uint64_t>(v), 8);
}

/// A Boolean value: always one byte, `00` or `01` (spec: the length must be 1).
[[nodiscard]] constexpr scalar_bytes encode_boolean(bool v) noexcept {
  return detail::store_be(v ? 1u : 0u, 1);
}

/// An Objlnk value: always four bytes, the Object ID then the Object Instance ID, big-endian.
[[nodiscard]] constexpr scalar_bytes encode_objlnk(objlnk v) noexcept {
  return detail::store_be((std::uint64_t{v.object_id} << 16) | v.instance_id, 4);
}

}  // namespace otawire::lwm2m

#endif
