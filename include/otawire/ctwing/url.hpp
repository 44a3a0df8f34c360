// otawire CTWing MQTT FOTA: the firmware download URL (spec §B.3).
//
// The device downloads with an HTTPS GET from the delivered `payload.url` extended by four query
// parameters [C1]:
//   https://dmfile.ctwing.cn/file/upgrade?fileId=32128a6e8c3e15aea1c7&taskId=147589&deviceId=device10001&accessToken=token
// `accessToken` is `payload.token`; `deviceId` is the CTWing device id (for [C2]'s module,
// `<productId><IMEI>`, the MQTT client id).
//
// The delivered URL comes in two shapes (§B.3); `build_download_url` takes either:
// - query shape `…?fileId=…&taskId=…` ([C2] appends `&deviceId=…&accessToken=…` to it);
// - path shape `…/file/upgrade/<fileId>/<taskId>` (the doc's `payload.url` sample): the last two
//   path segments become `fileId` and `taskId`, the path before them the base. For the doc's sample
//   that base is `https://dmfile.ctwing.cn/file/upgrade`, giving exactly the doc's assembled URL.
//   (The rule is inferred in the spec; using the URL's own prefix rather than a hard-coded host
//   gives the doc's result and keeps working if the platform moves the file server.)
//
// Percent-encoding (the sources do not encode at all; [C2] pastes values with `sprintf`): the
// builder writes each added value percent-encoded except RFC 3986 unreserved bytes, so a value
// made of letters, digits and `-._~` (every sample) comes out unchanged, while a token holding
// `&`, `=` or `+` can no longer break the query. The parser decodes `%XX` (either case) and keeps
// `+` as `+` (RFC 3986 query, not an HTML form). Values are returned decoded.
//
// Validation: scheme `http` or `https` (any case) followed by `://` and a non-empty host; no
// byte that may not appear in a URL (controls, space, non-ASCII, `<>"{}|\^``); each of the four
// parameters exactly once (`duplicate` otherwise), non-empty, well-formed escapes (`bad_string`);
// `taskId` decimal digits (`invalid_value`) within 0..max_task_id (`out_of_range`). Other
// parameters and a `#fragment` are ignored. Errors name `url.<part>` and the byte offset.
//
// URL work is not the hot path: these functions allocate (`std::string`) and may throw
// `std::bad_alloc` like any allocating function; they never throw for bad input.
#ifndef OTAWIRE_CTWING_URL_HPP
#define OTAWIRE_CTWING_URL_HPP

#include <otawire/ctwing/detail/percent.hpp>
#include <otawire/ctwing/messages.hpp>
#include <otawire/json/common.hpp>
#include <otawire/result.hpp>

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace otawire::ctwing {

/// A complete download URL, its query values decoded.
struct download_url {
  std::string base;  ///< scheme://host/path, before the `?`
  std::string file_id;       ///< `fileId`: the firmware file on CTWing's file server
  std::int64_t task_id = 0;  ///< `taskId`: the upgrade task of the `/ota/upgrade` message
  std::string device_id;     ///< `deviceId`: the CTWing device id of the downloading device
  std::string access_token;  ///< `accessToken`: the upgrade message's `payload.token`

  friend bool operator==(const download_url&, const download_url&) = default;
};

namespace detail {

struct url_parts {
  std::size_t host_end = 0;   // end of scheme://host
  std::size_t query = std::string_view::npos;     // index of '?'
  std::size_t end = 0;        // end of the URL before any '#'
};

/// Checks bytes, scheme and host; finds the query and the fragment.
[[nodiscard]] inline result<url_parts> split_url(std::string_view url) noexcept {
  for (std::size_t i = 0; i < url.size(); ++i) {
    if (!is_url_byte(url[i])) return fail(errc::bad_string, "url", i);
  }
  const auto lower_equal = [](std::string_view s, std::string_view lower) {
    if (s.size() != lower.size()) return false;
    for (std::size_t i = 0; i < s.size(); ++i) {
      const char c = (s[i] >= 'A' && s[i] <= 'Z') ? static_cast<char>(s[i] - 'A' + 'a') : s[i];
      if (c != lower[i]) return false;
    }
    return true;
  };
  const auto sep = url.find("://");
  if (sep == std::string_view::npos ||
      !(lower_equal(url.substr(0, sep), "https") || lower_equal(url.substr(0, sep), "http"))) {
    return fail(errc::invalid_value, "url.scheme", 0);
  }
  url_parts p;
  p.end = url.find('#');
  if (p.end == std::string_view::npos) p.end = url.size();
  const std::size_t host_begin = sep + 3;
  p.host_end = url.find_first_of("/?", host_begin);
  if (p.host_end == std::string_view::npos || p.host_end > p.end) p.host_end = p.end;
  if (p.host_end == host_begin) return fail(errc::invalid_value, "url.host", host_begin);
  p.query = url.find('?', p.host_end);
  if (p.query != std::string_view::npos && p.query > p.end) p.query = std::string_view::npos;
  return p;
}

inline constexpr std::array<std::string_view, 4> query_names{"fileId", "taskId", "deviceId", "accessToken"};
inline constexpr std::array<text_id, 4> query_paths{"url.fileId", "url.taskId", "url.deviceId", "url.accessToken"};

[[nodiscard]] constexpr result<std::int64_t> parse_task_id(std::string_view digits, text_id path,
                                                           std::size_t offset) noexcept {
  if (digits.empty()) return fail(errc::invalid_value, path, offset);
  std::int64_t v = 0;
  for (const char c : digits) {
    if (c < '0' || c > '9') return fail(errc::invalid_value, path, offset);
    v = v * 10 + (c - '0');
    if (v > max_task_id) return fail(errc::out_of_range, path, offset);
  }
  return v;
}

inline void append_decimal(std::int64_t v, std::string& out) {
  char buf[24];
  std::size_t n = 0;
  do {
    buf[n++] = static_cast<char>('0' + v % 10);
    v /= 10;
  } while (v > 0);
  while (n > 0) out += buf[--n];
}

}  // namespace detail

/// Parses a complete download URL (all four parameters present).
[[nodiscard]] inline result<download_url> parse_download_url(std::string_view url) {
  auto parts = detail::split_url(url);
  if (!parts) return parts.error();
  if (parts->query == std::string_view::npos) return fail(errc::missing_field, "url.query", parts->end);
  download_url out;
  out.base = std::string(url.substr(0, parts->query));
  std::array<bool, 4> seen{};
  std::string decoded;
  std::size_t at = parts->query + 1;
  while (at <= parts->end) {
    std::size_t amp = url.find('&', at);
    if (amp == std::string_view::npos || amp > parts->end) amp = parts->end;
    const auto pair = url.substr(at, amp - at);
    if (!pair.empty()) {
      const auto eq = pair.find('=');
      const auto name = pair.substr(0, eq);
      for (std::size_t k = 0; k < detail::query_names.size(); ++k) {
        if (name != detail::query_names[k]) continue;
        const auto path = detail::query_paths[k];
        if (seen[k]) return fail(errc::duplicate, path, at);
        seen[k] = true;
        const auto raw = eq == std::string_view::npos ? std::string_view{} : pair.substr(eq + 1);
        const std::size_t value_at = at + (eq == std::string_view::npos ? pair.size() : eq + 1);
        if (raw.empty()) return fail(errc::invalid_value, path, value_at);
        if (const auto bad = detail::percent_decode(raw, decoded); bad != std::string_view::npos) {
          return fail(errc::bad_string, path, value_at + bad);
        }
        switch (k) {
          case 0: out.file_id = decoded; break;
          case 1: {
            auto id = detail::parse_task_id(decoded, path, value_at);
            if (!id) return id.error();
            out.task_id = *id;
            break;
          }
          case 2: out.device_id = decoded; break;
          default: out.access_token = decoded; break;
        }
      }
    }
    at = amp + 1;
  }
  for (std::size_t k = 0; k < seen.size(); ++k) {
    if (!seen[k]) return fail(errc::missing_field, detail::query_paths[k], parts->end);
  }
  return out;
}

/// Writes `base?fileId=…&taskId=…&deviceId=…&accessToken=…` (the doc's order), values
/// percent-encoded; checks what `parse_download_url` checks, so the result always parses back.
[[nodiscard]] inline result<std::string> format_download_url(const download_url& d) {
  auto parts = detail::split_url(d.base);
  if (!parts) return parts.error();
  if (parts->query != std::string_view::npos || parts->end != d.base.size()) {
    return fail(errc::invalid_value, "url.base", std::min(parts->query, parts->end));
  }
  if (d.file_id.empty()) return fail(errc::invalid_value, "url.fileId");
  if (d.task_id < 0 || d.task_id > max_task_id) return fail(errc::out_of_range, "url.taskId");
  if (d.device_id.empty()) return fail(errc::invalid_value, "url.deviceId");
  if (d.access_token.empty()) return fail(errc::invalid_value, "url.accessToken");
  std::string out;
  out.reserve(d.base.size() + 48 + 3 * (d.file_id.size() + d.device_id.size() + d.access_token.size()));
  out += d.base;
  out += "?fileId=";
  detail::percent_encode(d.file_id, out);
  out += "&taskId=";
  detail::append_decimal(d.task_id, out);
  out += "&deviceId=";
  detail::percent_encode(d.device_id, out);
  out += "&accessToken=";
  detail::percent_encode(d.access_token, out);
  return out;
}

/// The URL the device downloads from, given the delivered `payload.url` (either shape), the
/// device id and the access token (`payload.token`). The result is checked with
/// `parse_download_url` (e.g. a delivered query that already names `deviceId` is `duplicate`).
[[nodiscard]] inline result<std::string> build_download_url(std::string_view payload_url, std::string_view device_id,
                                                            std::string_view access_token) {
  auto parts = detail::split_url(payload_url);
  if (!parts) return parts.error();
  if (device_id.empty()) return fail(errc::invalid_value, "url.deviceId");
  if (access_token.empty()) return fail(errc::invalid_value, "url.accessToken");
  if (parts->query != std::string_view::npos) {
    // Query shape: append, as [C2] does (its `sprintf("%s&deviceId=%s%s&accessToken=%s", …)`).
    std::string out(payload_url.substr(0, parts->end));
    if (out.back() != '?' && out.back() != '&') out += '&';
    out += "deviceId=";
    detail::percent_encode(device_id, out);
    out += "&accessToken=";
    detail::percent_encode(access_token, out);
    if (auto check = parse_download_url(out); !check) return check.error();
    return out;
  }
  // Path shape: …/<fileId>/<taskId>
  const auto path = payload_url.substr(parts->host_end, parts->end - parts->host_end);
  const auto last_slash = path.rfind('/');
  const auto prev_slash = last_slash == std::string_view::npos || last_slash == 0
                              ? std::string_view::npos
                              : path.rfind('/', last_slash - 1);
  if (prev_slash == std::string_view::npos) {
    return fail(errc::invalid_value, "url.path", parts->host_end);  // fewer than two segments
  }
  const auto file_segment = path.substr(prev_slash + 1, last_slash - prev_slash - 1);
  const auto task_segment = path.substr(last_slash + 1);
  const std::size_t file_at = parts->host_end + prev_slash + 1;
  const std::size_t task_at = parts->host_end + last_slash + 1;
  if (file_segment.empty()) return fail(errc::invalid_value, "url.fileId", file_at);
  download_url d;
  d.base = std::string(payload_url.substr(0, file_at - 1));
  if (const auto bad = detail::percent_decode(file_segment, d.file_id); bad != std::string_view::npos) {
    return fail(errc::bad_string, "url.fileId", file_at + bad);
  }
  auto task = detail::parse_task_id(task_segment, "url.taskId", task_at);
  if (!task) return task.error();
  d.task_id = *task;
  d.device_id = std::string(device_id);
  d.access_token = std::string(access_token);
  return format_download_url(d);
}

/// Convenience: the download URL for an upgrade notification.
[[nodiscard]] inline result<std::string> build_download_url(const upgrade& u, std::string_view device_id) {
  return build_download_url(u.url, device_id, u.token);
}

}  // namespace otawire::ctwing

#endif
