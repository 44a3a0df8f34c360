// otawire::ota::detail — numeric ids as the neutral model's text.
//
// The model carries task ids as text views (model.hpp `task::task_id`), while Tencent's
// `task_id` and CTWing's `taskId` are JSON numbers. Events allocate nothing, so a mapping writes
// the decimal text into storage the caller lends it, and reads it back with `parse_decimal`.
// `constexpr` (std::to_chars is not before C++23) and device-safe.
#ifndef OTAWIRE_OTA_DETAIL_NUMBER_TEXT_HPP
#define OTAWIRE_OTA_DETAIL_NUMBER_TEXT_HPP

#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <span>
#include <string_view>

namespace otawire::ota {

/// Characters the decimal text of any 64-bit id needs (`-9223372036854775808`): the least a
/// mapping's `task_id_text` storage should hold.
inline constexpr std::size_t task_id_text_size = 20;

namespace detail {

/// `v` as decimal text written to the front of `out`, viewed there; empty when `out` is too small.
[[nodiscard]] constexpr std::string_view write_decimal(std::int64_t v, std::span<char> out) noexcept {
  char digits[task_id_text_size]{};
  std::size_t n = 0;
  // Digits of negative values are taken on the negative side: the lowest int64 has no opposite.
  std::int64_t rest = v;
  do {
    const auto digit = static_cast<int>(rest % 10);
    digits[n++] = static_cast<char>('0' + (digit < 0 ? -digit : digit));
    rest /= 10;
  } while (rest != 0);
  const std::size_t length = n + (v < 0 ? 1u : 0u);
  if (out.size() < length) return {};
  std::size_t at = 0;
  if (v < 0) out[at++] = '-';
  while (n > 0) out[at++] = digits[--n];
  return std::string_view(out.data(), length);
}

/// The id `text` spells in canonical decimal (what `write_decimal` writes: an optional `-`, no
/// `+`, no leading zero, no `-0`); nullopt for anything else or a value outside 64 bits, so that
/// text and number convert both ways without loss.
[[nodiscard]] constexpr std::optional<std::int64_t> parse_decimal(std::string_view text) noexcept {
  const bool negative = !text.empty() && text.front() == '-';
  if (negative) text.remove_prefix(1);
  if (text.empty() || text.size() > 19 || (text.front() == '0' && (text.size() > 1 || negative))) return std::nullopt;
  std::uint64_t magnitude = 0;
  for (const char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    magnitude = magnitude * 10 + static_cast<std::uint64_t>(c - '0');  // ≤ 19 digits: no overflow
  }
  constexpr std::uint64_t largest = 9223372036854775807ULL;
  if (magnitude > largest + (negative ? 1u : 0u)) return std::nullopt;
  if (negative) return magnitude == largest + 1u ? std::numeric_limits<std::int64_t>::min() : -static_cast<std::int64_t>(magnitude);
  return static_cast<std::int64_t>(magnitude);
}

}  // namespace detail
}  // namespace otawire::ota

#endif
