// otawire::huawei — `event_time` text (`yyyyMMdd'T'HHmmss'Z'`, UTC, e.g. `20151212T121212Z`).
#ifndef OTAWIRE_HUAWEI_DETAIL_TIME_HPP
#define OTAWIRE_HUAWEI_DETAIL_TIME_HPP

#include <otawire/huawei/messages.hpp>

#include <array>
#include <optional>
#include <string_view>

namespace otawire::huawei {

namespace detail {
[[nodiscard]] constexpr bool leap_year(unsigned y) noexcept { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }
[[nodiscard]] constexpr unsigned days_in_month(unsigned y, unsigned m) noexcept {
  constexpr std::array<unsigned, 12> days{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && leap_year(y) ? 29 : days[m - 1];
}
}  // namespace detail

/// Parses `yyyyMMdd'T'HHmmss'Z'` exactly (16 characters, a real calendar date, hours 00–23,
/// minutes and seconds 00–59); nothing else.
[[nodiscard]] constexpr std::optional<utc_time> parse_event_time(std::string_view s) noexcept {
  if (s.size() != 16 || s[8] != 'T' || s[15] != 'Z') return std::nullopt;
  const auto digits = [&](std::size_t at, std::size_t n) -> int {
    int v = 0;
    for (std::size_t i = at; i < at + n; ++i) {
      if (s[i] < '0' || s[i] > '9') return -1;
      v = v * 10 + (s[i] - '0');
    }
    return v;
  };
  const int year = digits(0, 4), month = digits(4, 2), day = digits(6, 2);
  const int hour = digits(9, 2), minute = digits(11, 2), second = digits(13, 2);
  if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59 ||
      second < 0 || second > 59) {
    return std::nullopt;
  }
  if (static_cast<unsigned>(day) > detail::days_in_month(static_cast<unsigned>(year), static_cast<unsigned>(month))) {
    return std::nullopt;
  }
  return utc_time{static_cast<std::uint16_t>(year), static_cast<std::uint8_t>(month), static_cast<std::uint8_t>(day),
                  static_cast<std::uint8_t>(hour), static_cast<std::uint8_t>(minute), static_cast<std::uint8_t>(second)};
}

/// Writes `t` as `yyyyMMdd'T'HHmmss'Z'` (years above 9999 are not representable: clamped).
[[nodiscard]] constexpr std::array<char, 16> format_event_time(const utc_time& t) noexcept {
  std::array<char, 16> out{};
  const auto put = [&](std::size_t at, std::size_t n, unsigned v) {
    for (std::size_t i = 0; i < n; ++i) {
      out[at + n - 1 - i] = static_cast<char>('0' + v % 10);
      v /= 10;
    }
  };
  put(0, 4, t.year > 9999 ? 9999u : t.year);
  put(4, 2, t.month);
  put(6, 2, t.day);
  out[8] = 'T';
  put(9, 2, t.hour);
  put(11, 2, t.minute);
  put(13, 2, t.second);
  out[15] = 'Z';
  return out;
}

static_assert(parse_event_time("20151212T121212Z") == utc_time{2015, 12, 12, 12, 12, 12});
static_assert(parse_event_time("20240229T000000Z").has_value());
static_assert(!parse_event_time("20230229T000000Z").has_value());
static_assert(!parse_event_time("2024-07-26T11:42:52Z").has_value());

}  // namespace otawire::huawei

#endif
