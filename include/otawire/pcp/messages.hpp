// otawire::pcp — the typed PCP messages (Huawei SOTA "platform upgrade protocol").
//
// Twelve payloads: six message codes (19–24), each a request in one direction and a response in
// the other. Some frames are byte-identical in both directions (22 report 00 / 22 ack 00), so a
// frame is only interpreted together with its direction. Every type is a literal type: messages
// can be built, encoded and decoded in constant expressions. Fragment data is a view into the
// decoded input (no copy), valid as long as that input is.
#ifndef OTAWIRE_PCP_MESSAGES_HPP
#define OTAWIRE_PCP_MESSAGES_HPP

#include <otawire/bytes.hpp>
#include <otawire/config.hpp>
#include <otawire/contract.hpp>
#include <otawire/result.hpp>

#include <algorithm>
#include <concepts>
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <type_traits>
#include <string_view>
#include <variant>

namespace otawire::pcp {

/// The defined message codes (spec §1, §3). 0–18 and 25–127 are reserved.
enum class message_code : std::uint8_t {
  query_version = 19,           ///< 0x13, started by the platform
  notify_new_version = 20,      ///< 0x14, started by the platform
  request_fragment = 21,        ///< 0x15, started by the device
  report_download_result = 22,  ///< 0x16, started by the device
  execute_upgrade = 23,         ///< 0x17, started by the platform
  report_upgrade_result = 24,   ///< 0x18, started by the device
};

///@{
/// The range of defined codes (19–24); a frame with any other code is not PCP (spec §1.1).
inline constexpr std::uint8_t first_message_code = 19;
inline constexpr std::uint8_t last_message_code = 24;
///@}

/// Whether a raw code byte is one of the six messages: test it before casting to `message_code`.
[[nodiscard]] constexpr bool is_defined_code(std::uint8_t code) noexcept {
  return code >= first_message_code && code <= last_message_code;
}

/// The direction in which the exchange of `code` starts (the request's direction).
[[nodiscard]] constexpr direction request_direction(message_code code) noexcept {
  switch (code) {
    case message_code::request_fragment:
    case message_code::report_download_result:
    case message_code::report_upgrade_result: return direction::device_to_platform;
    default: return direction::platform_to_device;
  }
}

/// Result and status codes (spec §4): the union over all messages. Which are legal depends on the
/// message; see `allowed_result`.
enum class result_code : std::uint8_t {
  success = 0x00,                    ///< 处理成功 / 允许升级 / 下载成功 / 升级成功
  device_busy = 0x01,                ///< 设备使用中
  weak_signal = 0x02,                ///< 信号质量差
  already_latest = 0x03,             ///< 已经是最新版本
  low_battery = 0x04,                ///< 电量不足
  no_space = 0x05,                   ///< 剩余空间不足
  download_timeout = 0x06,           ///< 下载超时
  package_check_failed = 0x07,       ///< 升级包校验失败
  package_type_unsupported = 0x08,   ///< 升级包类型不支持
  out_of_memory = 0x09,              ///< 内存不足
  install_failed = 0x0A,             ///< 安装升级包失败
  internal_error = 0x7F,             ///< 内部异常
  task_not_found = 0x80,             ///< 升级任务不存在
  fragment_not_found = 0x81,         ///< 指定的分片不存在
};

/// The enumerator's name (`unknown` for a byte outside the table), for logs.
[[nodiscard]] constexpr std::string_view name(result_code r) noexcept {
  switch (r) {
    case result_code::success: return "success";
    case result_code::device_busy: return "device_busy";
    case result_code::weak_signal: return "weak_signal";
    case result_code::already_latest: return "already_latest";
    case result_code::low_battery: return "low_battery";
    case result_code::no_space: return "no_space";
    case result_code::download_timeout: return "download_timeout";
    case result_code::package_check_failed: return "package_check_failed";
    case result_code::package_type_unsupported: return "package_type_unsupported";
    case result_code::out_of_memory: return "out_of_memory";
    case result_code::install_failed: return "install_failed";
    case result_code::internal_error: return "internal_error";
    case result_code::task_not_found: return "task_not_found";
    case result_code::fragment_not_found: return "fragment_not_found";
  }
  return "unknown";
}

/// A PCP version string: BYTE[16], ASCII, right-padded with 0x00 (spec §1).
///
/// Only what the wire can carry unambiguously is representable: 0–16 printable ASCII characters
/// (0x20–0x7E), then nothing but NUL padding. A string with a NUL in the middle, a control
/// character or a byte ≥ 0x80 is rejected with `errc::bad_string` at the offending byte.
class version_string {
 public:
  /// Bytes on the wire: always 16, whatever the text's length.
  static constexpr std::size_t wire_size = 16;

  constexpr version_string() noexcept = default;

  /// From text; `bad_string` if longer than 16 bytes or not printable ASCII.
  [[nodiscard]] static constexpr result<version_string> from(std::string_view text) noexcept {
    if (text.size() > wire_size) return fail(errc::bad_string, "version", wire_size);
    version_string v;
    for (std::size_t i = 0; i < text.size(); ++i) {
      if (!printable(static_cast<unsigned char>(text[i]))) return fail(errc::bad_string, "version", i);
      v.chars_[i] = text[i];
    }
    v.size_ = static_cast<std::uint8_t>(text.size());
    return v;
  }

  /// From the 16 wire bytes. Offsets in errors are relative to the first of them.
  [[nodiscard]] static constexpr result<version_string> from_wire(byte_view wire) noexcept {
    version_string v;
    if (auto r = v.assign_wire(wire); !r) return r.error();
    return v;
  }

  /// Replaces the value with the 16 wire bytes (decoders fill messages in place with it).
  /// On error the value is unspecified.
  constexpr result<void> assign_wire(byte_view wire) noexcept {
    if (wire.size() != wire_size) return fail(errc::bad_length, "version", 0);
    // One 16-byte copy rather than 16 byte stores: a later copy of the message then loads what
    // a single store wrote, which the CPU can forward (this is the small-frame hot path).
    if (std::is_constant_evaluated() || !fast_copy) {
      for (std::size_t k = 0; k < wire_size; ++k) chars_[k] = static_cast<char>(std::to_integer<unsigned char>(wire[k]));
    } else {
      std::memcpy(chars_.data(), wire.data(), wire_size);
    }
    std::size_t i = 0;
    for (; i < wire_size; ++i) {
      const auto b = std::to_integer<unsigned char>(wire[i]);
      if (b == 0) break;
      if (!printable(b)) return fail(errc::bad_string, "version", i);
    }
    size_ = static_cast<std::uint8_t>(i);
    for (; i < wire_size; ++i) {
      if (wire[i] != std::byte{0}) return fail(errc::bad_string, "version_padding", i);
    }
    return ok();
  }

  /// The characters, a view into this object.
  [[nodiscard]] constexpr std::string_view view() const noexcept OTAWIRE_LIFETIMEBOUND {
    return {chars_.data(), size_};
  }
  /// Characters before the NUL padding (0–16).
  [[nodiscard]] constexpr std::size_t size() const noexcept { return size_; }
  /// True for the empty version (16 NUL bytes on the wire).
  [[nodiscard]] constexpr bool empty() const noexcept { return size_ == 0; }

  /// The 16 wire bytes (NUL-padded).
  [[nodiscard]] constexpr std::array<std::byte, wire_size> wire() const noexcept {
    std::array<std::byte, wire_size> out{};
    for (std::size_t i = 0; i < size_; ++i) out[i] = static_cast<std::byte>(chars_[i]);
    return out;
  }

  [[nodiscard]] friend constexpr bool operator==(const version_string& a,
                                                 const version_string& b) noexcept {
#if defined(OTAWIRE_DEVICE_PROFILE)
    // A loop, not `memcmp` (which a device image would otherwise link for this alone).
    if (a.size_ != b.size_) return false;
    for (std::size_t i = 0; i < a.size_; ++i) {
      if (a.chars_[i] != b.chars_[i]) return false;
    }
    return true;
#else
    return a.view() == b.view();
#endif
  }

 private:
#if defined(OTAWIRE_DEVICE_PROFILE)
  static constexpr bool fast_copy = false;  // the byte loop is smaller than `memcpy`
#else
  static constexpr bool fast_copy = true;
#endif

  [[nodiscard]] static constexpr bool printable(unsigned char c) noexcept {
    return c >= 0x20 && c <= 0x7E;
  }

  std::array<char, wire_size> chars_{};
  std::uint8_t size_ = 0;
};

///@{
/// Fragment size bounds and default (spec §3, §5.4: fragment size 32–500, default 500).
inline constexpr std::uint16_t min_fragment_size = 32;
inline constexpr std::uint16_t max_fragment_size = 500;
inline constexpr std::uint16_t default_fragment_size = 500;
///@}

// --- the twelve payloads ------------------------------------------------------------------------
// Each type names its code and its direction; `kind` is its index in `message`.

/// 19, platform → device: "what version are you running?" (no data).
struct query_version_request {
  ///@{
  /// Fixed by the type (the frame's code, the sender's direction): what `encode` writes and the
  /// typed entry points dispatch on at compile time.
  static constexpr message_code code = message_code::query_version;
  static constexpr direction dir = direction::platform_to_device;
  ///@}
  friend constexpr bool operator==(const query_version_request&, const query_version_request&) = default;
};

/// 19, device → platform: result (0x00 only) and the current version.
struct query_version_response {
  ///@{
  /// Fixed by the type (the frame's code, the sender's direction): what `encode` writes and the
  /// typed entry points dispatch on at compile time.
  static constexpr message_code code = message_code::query_version;
  static constexpr direction dir = direction::device_to_platform;
  ///@}
  result_code result = result_code::success;  ///< always `success` (the only value allowed for 19)
  version_string current_version;              ///< the version the device runs now
  friend constexpr bool operator==(const query_version_response&, const query_version_response&) = default;
};

/// 20, platform → device: a new version is available, with its fragmentation.
struct notify_new_version_request {
  ///@{
  /// Fixed by the type (the frame's code, the sender's direction): what `encode` writes and the
  /// typed entry points dispatch on at compile time.
  static constexpr message_code code = message_code::notify_new_version;
  static constexpr direction dir = direction::platform_to_device;
  ///@}
  version_string target_version;                       ///< the version the package installs
  std::uint16_t fragment_size = default_fragment_size;  ///< bytes per fragment (32–500); the last may be shorter
  std::uint16_t fragment_count = 1;                     ///< fragments to request with 21, indexes 0 to count − 1
  /// Opaque 16-bit package check code. IoTDA documents it as fixed 0000 (deprecated); the Unicom
  /// edition carries the descriptor's versionCheckCode (spec §10.2). The codec does not interpret it;
  /// resume identity compares it as given.
  std::uint16_t package_check_code = 0;
  friend constexpr bool operator==(const notify_new_version_request&, const notify_new_version_request&) = default;
};

/// 20, device → platform: may the upgrade go ahead?
struct notify_new_version_response {
  ///@{
  /// Fixed by the type (the frame's code, the sender's direction): what `encode` writes and the
  /// typed entry points dispatch on at compile time.
  static constexpr message_code code = message_code::notify_new_version;
  static constexpr direction dir = direction::device_to_platform;
  ///@}
  result_code result = result_code::success;  ///< `success` allows the download; else why not
  friend constexpr bool operator==(const notify_new_version_response&, const notify_new_version_response&) = default;
};

/// 21, device → platform: send me fragment `fragment_index` of `target_version`.
struct request_fragment_request {
  ///@{
  /// Fixed by the type (the frame's code, the sender's direction): what `encode` writes and the
  /// typed entry points dispatch on at compile time.
  static constexpr message_code code = message_code::request_fragment;
  static constexpr direction dir = direction::device_to_platform;
  ///@}
  version_string target_version;     ///< the version announced by 20
  std::uint16_t fragment_index = 0;  ///< 0-based, below the announced fragment count
  friend constexpr bool operator==(const request_fragment_request&, const request_fragment_request&) = default;
};

/// 21, platform → device: a fragment (result 0x00, 1–500 data bytes), or an error result
/// (0x80/0x81) with the index and no data ("如果结果码不为0，则不带此字段"). The docs do not say
/// whether the index is also dropped on error; we keep it (spec §3 inference) and reject a 1-byte
/// error response as `bad_length`.
struct request_fragment_response {
  ///@{
  /// Fixed by the type (the frame's code, the sender's direction): what `encode` writes and the
  /// typed entry points dispatch on at compile time.
  static constexpr message_code code = message_code::request_fragment;
  static constexpr direction dir = direction::platform_to_device;
  ///@}
  result_code result = result_code::success;  ///< `success`, `task_not_found` or `fragment_not_found`
  std::uint16_t fragment_index = 0;            ///< the index that was requested
  byte_view data{};  ///< a view into the decoded input (or the package, when built by the planner)
  friend constexpr bool operator==(const request_fragment_response& a,
                                   const request_fragment_response& b) noexcept {
    return a.result == b.result && a.fragment_index == b.fragment_index &&
           std::equal(a.data.begin(), a.data.end(), b.data.begin(), b.data.end());
  }
};

/// 22, device → platform: the download finished with `status`.
struct report_download_result_request {
  ///@{
  /// Fixed by the type (the frame's code, the sender's direction): what `encode` writes and the
  /// typed entry points dispatch on at compile time.
  static constexpr message_code code = message_code::report_download_result;
  static constexpr direction dir = direction::device_to_platform;
  ///@}
  result_code status = result_code::success;  ///< `success`, or why the download failed
  friend constexpr bool operator==(const report_download_result_request&, const report_download_result_request&) = default;
};

/// 22, platform → device: acknowledgement.
struct report_download_result_response {
  ///@{
  /// Fixed by the type (the frame's code, the sender's direction): what `encode` writes and the
  /// typed entry points dispatch on at compile time.
  static constexpr message_code code = message_code::report_download_result;
  static constexpr direction dir = direction::platform_to_device;
  ///@}
  result_code result = result_code::success;  ///< the platform's acknowledgement result
  friend constexpr bool operator==(const report_download_result_response&, const report_download_result_response&) = default;
};

/// 23, platform → device: install now (no data).
struct execute_upgrade_request {
  ///@{
  /// Fixed by the type (the frame's code, the sender's direction): what `encode` writes and the
  /// typed entry points dispatch on at compile time.
  static constexpr message_code code = message_code::execute_upgrade;
  static constexpr direction dir = direction::platform_to_device;
  ///@}
  friend constexpr bool operator==(const execute_upgrade_request&, const execute_upgrade_request&) = default;
};

/// 23, device → platform: will (or will not) install.
struct execute_upgrade_response {
  ///@{
  /// Fixed by the type (the frame's code, the sender's direction): what `encode` writes and the
  /// typed entry points dispatch on at compile time.
  static constexpr message_code code = message_code::execute_upgrade;
  static constexpr direction dir = direction::device_to_platform;
  ///@}
  result_code result = result_code::success;  ///< `success` to install, else why not
  friend constexpr bool operator==(const execute_upgrade_response&, const execute_upgrade_response&) = default;
};

/// 24, device → platform: the upgrade finished with `result`; the version now running.
struct report_upgrade_result_request {
  ///@{
  /// Fixed by the type (the frame's code, the sender's direction): what `encode` writes and the
  /// typed entry points dispatch on at compile time.
  static constexpr message_code code = message_code::report_upgrade_result;
  static constexpr direction dir = direction::device_to_platform;
  ///@}
  result_code result = result_code::success;  ///< `success`, or why the install failed
  version_string current_version;              ///< the version running after the attempt
  friend constexpr bool operator==(const report_upgrade_result_request&, const report_upgrade_result_request&) = default;
};

/// 24, platform → device: acknowledgement.
struct report_upgrade_result_response {
  ///@{
  /// Fixed by the type (the frame's code, the sender's direction): what `encode` writes and the
  /// typed entry points dispatch on at compile time.
  static constexpr message_code code = message_code::report_upgrade_result;
  static constexpr direction dir = direction::platform_to_device;
  ///@}
  result_code result = result_code::success;  ///< the platform's acknowledgement result
  friend constexpr bool operator==(const report_upgrade_result_response&, const report_upgrade_result_response&) = default;
};

/// Any PCP message. The alternative index is `message_kind`.
using message = std::variant<query_version_request, query_version_response,
                             notify_new_version_request, notify_new_version_response,
                             request_fragment_request, request_fragment_response,
                             report_download_result_request, report_download_result_response,
                             execute_upgrade_request, execute_upgrade_response,
                             report_upgrade_result_request, report_upgrade_result_response>;

/// One of the twelve payload types (not `message` itself): what the typed entry points take
/// (`encode(m, out)`, `session_rules::on(m)`), which dispatch at compile time instead of
/// through `std::visit`.
template <class M>
concept typed_message = requires {
  { M::code } -> std::convertible_to<message_code>;
  { M::dir } -> std::convertible_to<direction>;
} && std::is_constructible_v<message, const M&>;

/// (code × direction): the index of the alternative in `message`.
enum class message_kind : std::uint8_t {
  query_version_request,
  query_version_response,
  notify_new_version_request,
  notify_new_version_response,
  request_fragment_request,
  request_fragment_response,
  report_download_result_request,
  report_download_result_response,
  execute_upgrade_request,
  execute_upgrade_response,
  report_upgrade_result_request,
  report_upgrade_result_response,
};

/// How many kinds there are: the size of tables indexed by `message_kind`.
inline constexpr std::size_t message_kind_count = 12;

/// The payload type's name (`unknown` for a byte outside 0–11), for logs.
[[nodiscard]] constexpr std::string_view name(message_kind k) noexcept {
  constexpr std::array<std::string_view, message_kind_count> names{
      "query_version_request",          "query_version_response",
      "notify_new_version_request",     "notify_new_version_response",
      "request_fragment_request",       "request_fragment_response",
      "report_download_result_request", "report_download_result_response",
      "execute_upgrade_request",        "execute_upgrade_response",
      "report_upgrade_result_request",  "report_upgrade_result_response"};
  // Any value of the underlying byte converts to a message_kind; only 0–11 name one.
  const auto index = static_cast<std::size_t>(k);
  return index < names.size() ? names[index] : "unknown";
}

/// The kind a frame with `code` sent in direction `dir` carries.
[[nodiscard]] constexpr message_kind kind_of(message_code code, direction dir) noexcept {
  const auto base = static_cast<std::uint8_t>((static_cast<unsigned>(code) - first_message_code) * 2);
  const bool is_request = dir == request_direction(code);
  return static_cast<message_kind>(base + (is_request ? 0 : 1));
}

/// The kind of a decoded or built message (its alternative index).
[[nodiscard]] constexpr message_kind kind_of(const message& m) noexcept {
  return static_cast<message_kind>(m.index());
}

/// The message code a kind travels under (request and response share it).
[[nodiscard]] constexpr message_code code_of(message_kind k) noexcept {
  return static_cast<message_code>(first_message_code + static_cast<unsigned>(k) / 2);
}

/// Whether the kind starts its exchange (the other half is the response).
[[nodiscard]] constexpr bool is_request(message_kind k) noexcept {
  return static_cast<unsigned>(k) % 2 == 0;
}

/// The direction a kind is sent in.
[[nodiscard]] constexpr direction direction_of(message_kind k) noexcept {
  const direction req = request_direction(code_of(k));
  return is_request(k) ? req : opposite(req);
}

///@{
/// The code and direction of a message, as `encode` frames it.
[[nodiscard]] constexpr message_code code_of(const message& m) noexcept { return code_of(kind_of(m)); }
[[nodiscard]] constexpr direction direction_of(const message& m) noexcept {
  return direction_of(kind_of(m));
}
///@}

namespace detail {
/// The bit of result code `r` in a set of results: 0x00–0x0A are bits 0–10, 0x7F/0x80/0x81 bits
/// 11–13; every other value has none (bit 15 is never in a set).
[[nodiscard]] constexpr unsigned result_bit(result_code r) noexcept {
  const auto v = static_cast<unsigned>(r);
  if (v <= 0x0A) return v;
  if (v >= 0x7F && v <= 0x81) return v - 0x7F + 11;
  return 15;
}
template <class... R>
[[nodiscard]] constexpr std::uint16_t result_set(R... codes) noexcept {
  return static_cast<std::uint16_t>(((1u << result_bit(codes)) | ... | 0u));
}
}  // namespace detail

namespace detail {
using code = result_code;
inline constexpr std::uint16_t no_results = 0;
inline constexpr std::uint16_t ack_results = result_set(code::success, code::task_not_found);
/// One 16-bit set per kind, indexed by `message_kind` (a const table in flash: 24 bytes rather
/// than a search per kind, and nothing built on the stack).
inline constexpr std::array<std::uint16_t, message_kind_count> allowed_results{
    no_results,                                                    // 19 request
    result_set(code::success),                                       // 19 response
    no_results,                                                    // 20 request
    result_set(code::success, code::device_busy, code::weak_signal, code::already_latest, code::low_battery,
               code::no_space, code::out_of_memory, code::internal_error),  // 20 response
    no_results,                                                    // 21 request
    result_set(code::success, code::task_not_found, code::fragment_not_found),  // 21 response
    result_set(code::success, code::no_space, code::download_timeout, code::package_check_failed,
               code::package_type_unsupported),                      // 22 request
    ack_results,                                                   // 22 response
    no_results,                                                    // 23 request
    result_set(code::success, code::device_busy, code::low_battery, code::no_space, code::out_of_memory,
               code::internal_error),                                // 23 response
    result_set(code::success, code::device_busy, code::low_battery, code::no_space, code::out_of_memory,
               code::install_failed, code::internal_error),            // 24 request
    ack_results,                                                   // 24 response
};
}  // namespace detail

/// Is `r` a legal result/status for messages of kind `k` (spec §4)? Kinds without a result field
/// (19 and 23 requests) accept none.
///
/// Choices where the sources disagree or are silent:
/// - 23 response: D2u lists 00/01/04/05/09; Huawei's LiteOS answers 0x7F on activation failure.
///   We accept 0x7F too: it is the generic "internal exception" every device-side table has.
/// - 22 response: the doc table was not retrieved; we use the 24 response's set {00, 80}, which a
///   third-party device implementation also assumes.
[[nodiscard]] constexpr bool allowed_result(message_kind k, result_code r) noexcept {
  const auto index = static_cast<std::size_t>(k);
  return index < detail::allowed_results.size() &&
         ((detail::allowed_results[index] >> detail::result_bit(r)) & 1u) != 0;
}

/// Is `value` one of the defined result codes at all?
[[nodiscard]] constexpr bool is_defined_result(std::uint8_t value) noexcept {
  return value <= 0x0A || value == 0x7F || value == 0x80 || value == 0x81;
}

}  // namespace otawire::pcp

#endif
