// otawire::huawei — what a device does with an upgrade notification: the download request's
// Authorization header and the package check against `sign` (§A.5).
#ifndef OTAWIRE_HUAWEI_DOWNLOAD_HPP
#define OTAWIRE_HUAWEI_DOWNLOAD_HPP

#include <otawire/huawei/messages.hpp>
#include <otawire/result.hpp>

#include <cstddef>
#include <span>
#include <string>
#include <string_view>

namespace otawire::huawei {

/// The HTTP header a v1 package download must carry (see `authorization_value`).
inline constexpr std::string_view authorization_header_name = "Authorization";

/// The value of the download request's `Authorization` header for a v1 notification:
/// `Bearer {access_token}`, one space (§A.5 [H5]; the C SDK writes the same value after
/// `Authorization:` with no space, which is only the header's line layout).
/// Errors: a v2 notification (`unsupported` at "event_type": its OBS download carries no
/// Authorization header, §A.3.4), no `access_token` (`missing_field`), not an upgrade event
/// (`invalid_value` at "event_type").
[[nodiscard]] inline result<std::string> authorization_value(const event& e) {
  if (!is_upgrade(e.kind)) return fail(errc::invalid_value, "event_type");
  if (is_v2(e.kind)) return fail(errc::unsupported, "event_type");
  const auto& u = std::get<upgrade_notification>(e.paras);
  if (!u.access_token || u.access_token->empty()) return fail(errc::missing_field, "access_token");
  std::string v = "Bearer ";
  v += *u.access_token;
  return v;
}

/// Whether the download of `e` sends an Authorization header at all (v1 only).
[[nodiscard]] constexpr bool needs_authorization(event_kind k) noexcept { return is_upgrade(k) && !is_v2(k); }

/// Checks a package's SHA-256 (`digest`, 32 bytes, computed by the caller) against `sign`
/// (64 hex digits, either case). A missing or malformed `sign` FAILS: the C SDK's
/// `IOTA_OTAVerifySign` returns success when `sign` is NULL or not 64 characters long, which
/// accepts any package — that bug is not reproduced (§A.5).
/// Errors: `missing_field` "sign" (absent or empty), `bad_length` "sign" (not 64 characters),
/// `bad_string` "sign" (not hex), `bad_checksum` "sign" (digest differs).
[[nodiscard]] constexpr result<void> verify_sign(std::string_view sign, std::span<const std::byte, 32> digest) noexcept {
  if (sign.empty()) return fail(errc::missing_field, "sign");
  if (sign.size() != 64) return fail(errc::bad_length, "sign", sign.size());
  const auto nibble = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  bool same = true;
  for (std::size_t i = 0; i < 32; ++i) {
    const int hi = nibble(sign[2 * i]), lo = nibble(sign[2 * i + 1]);
    if (hi < 0) return fail(errc::bad_string, "sign", 2 * i);
    if (lo < 0) return fail(errc::bad_string, "sign", 2 * i + 1);
    same = same && std::to_integer<int>(digest[i]) == ((hi << 4) | lo);
  }
  if (!same) return fail(errc::bad_checksum, "sign");
  return ok();
}

/// `verify_sign` for an upgrade notification; a notification without `sign` (possible for v2)
/// fails with `missing_field`: an unsigned package cannot be verified.
[[nodiscard]] inline result<void> verify_package(const event& e, std::span<const std::byte, 32> digest) noexcept {
  if (!is_upgrade(e.kind)) return fail(errc::invalid_value, "event_type");
  const auto& u = std::get<upgrade_notification>(e.paras);
  if (!u.sign) return fail(errc::missing_field, "sign");
  return verify_sign(*u.sign, digest);
}

}  // namespace otawire::huawei

#endif
