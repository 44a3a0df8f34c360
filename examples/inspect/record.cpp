#include "inspect/record.hpp"

#include <cstdint>

namespace otawire::inspect {

void record::set_error(const otawire::error& e) {
  error_code = std::string(otawire::name(e.code()));
  error_where = std::string(e.where());
  error_offset = e.has_offset() ? std::optional<std::size_t>(e.offset()) : std::nullopt;
}

void record::set_text_error(const otawire::error& e) {
  set_error(e);
  offset_unit = "char";
}

void record::set_error(std::string code, std::string where, std::optional<std::size_t> offset) {
  error_code = std::move(code);
  error_where = std::move(where);
  error_offset = offset;
}

boost::json::object record::to_json() const {
  boost::json::object o;
  o["line"] = line;
  if (time) o["time_ms"] = time->count();
  o["protocol"] = protocol;
  o["ok"] = ok();
  o["type"] = type;
  o["fields"] = fields;
  if (error_code) {
    boost::json::object e;
    e["code"] = *error_code;
    e["offset"] = error_offset ? boost::json::value(*error_offset) : boost::json::value(nullptr);
    if (offset_unit != "byte") e["offset_unit"] = offset_unit;
    e["where"] = error_where;
    o["error"] = std::move(e);
  }
  boost::json::object s;
  if (!session_device.empty()) s["device"] = session_device;
  s["state"] = session_state;
  if (session_error) {
    boost::json::object e;
    e["code"] = std::string(otawire::name(session_error->code()));
    e["rule"] = std::string(session_error->where());
    e["state"] = std::string(session_error->state());
    s["error"] = std::move(e);
  }
  o["session"] = std::move(s);
  return o;
}

namespace {
// Timestamps are milliseconds since 1970, beyond 32 bits: std::int64_t, not long (32 bits on
// WebAssembly and 32-bit hosts).

// Reads exactly `n` decimal digits at `s[pos]`; -1 when they are not all digits.
std::int64_t digits(std::string_view s, std::size_t pos, std::size_t n) {
  if (pos + n > s.size()) return -1;
  std::int64_t v = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const char c = s[pos + i];
    if (c < '0' || c > '9') return -1;
    v = v * 10 + (c - '0');
  }
  return v;
}

// A fraction of a second after the '.', as milliseconds (digits beyond the third are ignored).
std::optional<std::int64_t> fraction_ms(std::string_view digits_text) {
  if (digits_text.empty()) return std::nullopt;
  std::int64_t ms = 0;
  for (std::size_t i = 0; i < digits_text.size(); ++i) {
    const char c = digits_text[i];
    if (c < '0' || c > '9') return std::nullopt;
    if (i < 3) ms = ms * 10 + (c - '0');
  }
  for (std::size_t i = digits_text.size(); i < 3; ++i) ms *= 10;
  return ms;
}

// Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's days_from_civil).
std::int64_t days_from_civil(std::int64_t y, std::int64_t m, std::int64_t d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const std::int64_t yoe = y - era * 400;
  const std::int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}
}  // namespace

timestamp_parse parse_timestamp(std::string_view line) {
  using std::chrono::milliseconds;
  auto [word, rest] = split_word(line);
  if (word.empty()) return {std::nullopt, line, std::nullopt};
  if (word.front() == '@') {
    const auto text = word.substr(1);
    const auto dot = text.find('.');
    const auto whole = text.substr(0, dot);
    if (whole.empty() || whole.size() > 12) return {std::nullopt, rest, "timestamp '@" + std::string(text) + "': expected @<seconds>[.<fraction>]"};
    const std::int64_t seconds = digits(whole, 0, whole.size());
    std::optional<std::int64_t> ms = dot == std::string_view::npos ? std::optional<std::int64_t>(0) : fraction_ms(text.substr(dot + 1));
    if (seconds < 0 || !ms) return {std::nullopt, rest, "timestamp '" + std::string(word) + "': expected @<seconds>[.<fraction>]"};
    return {milliseconds(seconds * 1000 + *ms), rest, std::nullopt};
  }
  // ISO 8601 only when the word looks like a date: a protocol word never starts with a digit.
  if (word.front() < '0' || word.front() > '9') return {std::nullopt, line, std::nullopt};
  const std::string bad = "timestamp '" + std::string(word) + "': expected YYYY-MM-DDTHH:MM:SS[.fraction]Z";
  if (word.size() < 20 || word[4] != '-' || word[7] != '-' || (word[10] != 'T' && word[10] != 't') ||
      word[13] != ':' || word[16] != ':' || (word.back() != 'Z' && word.back() != 'z')) {
    return {std::nullopt, rest, bad};
  }
  const std::int64_t y = digits(word, 0, 4), mo = digits(word, 5, 2), d = digits(word, 8, 2);
  const std::int64_t h = digits(word, 11, 2), mi = digits(word, 14, 2), s = digits(word, 17, 2);
  std::optional<std::int64_t> ms = 0;
  if (word.size() > 20) {
    if (word[19] != '.') return {std::nullopt, rest, bad};
    ms = fraction_ms(word.substr(20, word.size() - 21));
  }
  constexpr int month_days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
  if (y < 0 || mo < 1 || mo > 12 || d < 1 || d > month_days[mo - 1] || (mo == 2 && d == 29 && !leap) || h < 0 || h > 23 || mi < 0 || mi > 59 || s < 0 || s > 60 || !ms) {
    return {std::nullopt, rest, bad};
  }
  const std::int64_t seconds = days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + s;
  return {milliseconds(seconds * 1000 + *ms), rest, std::nullopt};
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

std::pair<std::string_view, std::string_view> split_word(std::string_view s) {
  s = trim(s);
  const auto end = s.find_first_of(" \t");
  if (end == std::string_view::npos) return {s, {}};
  return {s.substr(0, end), trim(s.substr(end))};
}

}  // namespace otawire::inspect
