// otawire::tencent — field rules shared by the decoders (which add byte offsets) and by
// `check`, which the checked encoders call.
#ifndef OTAWIRE_TENCENT_DETAIL_RULES_HPP
#define OTAWIRE_TENCENT_DETAIL_RULES_HPP

#include <otawire/json/fields.hpp>
#include <otawire/result.hpp>
#include <otawire/tencent/messages.hpp>

#include <cstdint>
#include <string_view>

namespace otawire::tencent::detail {

/// Versions are non-empty; a reported (running) version is at most 32 characters (§A.2).
[[nodiscard]] constexpr bool valid_version(std::string_view v, std::size_t max_length) noexcept {
  return !v.empty() && v.size() <= max_length;
}

/// 32 hex digits, either case: the one MD5 rule of every family (json/fields.hpp). The SDKs
/// compare the text with their own lowercase digest [T1], but the families' sources disagree on
/// case, so decoding is lenient; the masked doc example ("36eb5951179db14a63****a37a9322a2")
/// is still refused.
[[nodiscard]] constexpr bool valid_md5sum(std::string_view s) noexcept { return json::fields::is_md5_hex(s); }

/// An http(s) URL with a host: the one download-URL rule of every family (json/fields.hpp).
[[nodiscard]] constexpr bool valid_url(std::string_view s) noexcept { return json::fields::is_download_url(s); }

/// `file_size` is stored as uint32 by the SDKs; 0 is refused because the percentage is
/// `size_fetched*100/file_size`.
inline constexpr std::int64_t file_size_min = 1;
inline constexpr std::int64_t file_size_max = 0xFFFFFFFF;

/// `result_code` of a progress report: "0" except for `fail` (-1..-5).
[[nodiscard]] constexpr errc check_result_code(progress_state s, std::int64_t code) noexcept {
  if (s == progress_state::fail) return (code >= -5 && code <= -1) ? errc{} : errc::out_of_range;
  return code == 0 ? errc{} : errc::invalid_value;
}

}  // namespace otawire::tencent::detail

namespace otawire::tencent {

/// Whether a message built by hand obeys the rules the decoder enforces; the checked encoders
/// call it. Errors name the JSON path, without offsets.
[[nodiscard]] constexpr result<void> check(const report_version& m) noexcept {
  if (!detail::valid_version(m.version, version_max_length)) return fail(errc::bad_string, "report.version");
  return ok();
}

[[nodiscard]] constexpr result<void> check(const report_version_rsp& m) noexcept {
  (void)m;  // any int32 result code, any strings
  return ok();
}

[[nodiscard]] constexpr result<void> check(const update_firmware& m) noexcept {
  if (m.version.empty()) return fail(errc::bad_string, "version");
  if (!detail::valid_url(m.url)) return fail(errc::invalid_value, "url");
  if (!detail::valid_md5sum(m.md5sum)) return fail(errc::bad_string, "md5sum");
  if (m.file_size < detail::file_size_min) return fail(errc::out_of_range, "file_size");
  if (m.user_defined && m.user_defined->size() > user_defined_max_length) return fail(errc::bad_string, "user_defined");
  return ok();
}

[[nodiscard]] constexpr result<void> check(const report_progress& m) noexcept {
  if (m.version.empty()) return fail(errc::bad_string, "report.version");
  if (m.state == progress_state::downloading) {
    if (!m.percent) return fail(errc::missing_field, "report.progress.percent");
    if (*m.percent > 100) return fail(errc::out_of_range, "report.progress.percent");
  } else if (m.percent) {
    return fail(errc::invalid_value, "report.progress.percent");
  }
  if (const errc c = detail::check_result_code(m.state, m.result_code); c != errc{}) {
    return fail(c, "report.progress.result_code");
  }
  return ok();
}

[[nodiscard]] constexpr result<void> check(const message& m) noexcept {
  return std::visit([](const auto& x) { return check(x); }, m);
}

}  // namespace otawire::tencent

#endif
