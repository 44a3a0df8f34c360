// otawire::pcp — frame codec: decode/verify a PCP frame, interpret its payload by direction,
// classify an uplink as PCP or business data, and encode messages into a caller buffer.
//
// Frame (spec §1): FF FE | version (low nibble 1, high nibble reserved) | code 19–24 |
// check code (big-endian) | data length (big-endian) | data. Everything is constexpr and
// allocation-free; decoded fragment data is a view into the input, so the decoders refuse owning
// temporaries (deleted overloads, `otawire::dangling_temporary`) and mark the input
// OTAWIRE_LIFETIMEBOUND.
#ifndef OTAWIRE_PCP_CODEC_HPP
#define OTAWIRE_PCP_CODEC_HPP

#include <otawire/bytes.hpp>
#include <otawire/config.hpp>
#include <otawire/contract.hpp>
#include <otawire/pcp/checksum.hpp>
#include <otawire/pcp/messages.hpp>
#include <otawire/result.hpp>

#include <algorithm>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <type_traits>
#include <variant>

namespace otawire::pcp {

/// Bytes before the data zone: start ID, version, code, check code, data length (spec §1).
inline constexpr std::size_t header_size = 8;
/// The first two bytes of every PCP frame (`FF FE`); anything else is business data (spec §1.1).
inline constexpr std::uint16_t start_id = 0xFFFE;
/// The only protocol version, carried in the version byte's low nibble (spec §1).
inline constexpr std::uint8_t protocol_version = 1;
/// The largest frame in practice: a 21 response carrying a 500-byte fragment (spec §1).
inline constexpr std::size_t max_frame_size = header_size + 3 + max_fragment_size;

/// A verified frame: header fields and a view of the data zone.
struct frame {
  /// The message code (19–24), which with the direction says how to read `data`.
  message_code code = message_code::query_version;
  std::uint8_t version_byte = protocol_version;  ///< raw; the high nibble is reserved
  /// The CRC16 as received (already verified against the frame).
  std::uint16_t check_code = 0;
  /// The data zone: a view into the decoded input, exactly as long as the header's data length.
  byte_view data{};
};

/// Decodes and verifies one frame (one datagram). Checks, in order: start ID, version, message
/// code, header length, data length, check code. §1.1 lists the platform's order as "…, check
/// code, data length"; we test the length first because a truncated frame is then named
/// `truncated`/`trailing_bytes` instead of `bad_checksum`. Either way any failure means "not PCP".
///
/// Errors: `bad_magic` (offset 0), `bad_version` (2), `unknown_message` (3), `truncated` (the
/// field that does not fit), `trailing_bytes` (first extra byte), `bad_checksum` (4).
[[nodiscard]] constexpr result<frame> decode_frame(byte_view input OTAWIRE_LIFETIMEBOUND) noexcept {
  // The start ID is tested on whatever bytes are present, so that one byte of business data is
  // named bad_magic rather than truncated.
  const std::size_t n = input.size();
  if (n > 0 && input[0] != std::byte{0xFF}) return fail(errc::bad_magic, "start_id", 0);
  if (n > 1 && input[1] != std::byte{0xFE}) return fail(errc::bad_magic, "start_id", 0);
  // Fields are read in place once their length is known: one `result` per frame, not per field
  // (which cost a device 720 bytes of flash).
  if (n < 2) return fail(errc::truncated, "start_id", 0);
  if (n < 3) return fail(errc::truncated, "version", 2);
  const auto version = std::to_integer<std::uint8_t>(input[2]);
  if ((version & 0x0Fu) != protocol_version) return fail(errc::bad_version, "version", 2);
  if (n < 4) return fail(errc::truncated, "message_code", 3);
  const auto code = std::to_integer<std::uint8_t>(input[3]);
  if (!is_defined_code(code)) return fail(errc::unknown_message, "message_code", 3);
  if (n < 6) return fail(errc::truncated, "check_code", 4);
  if (n < header_size) return fail(errc::truncated, "data_length", 6);
  const auto check = otawire::detail::load_be<std::uint16_t>(input.data() + 4);
  const auto length = otawire::detail::load_be<std::uint16_t>(input.data() + 6);
  if (n - header_size < length) return fail(errc::truncated, "data", header_size);
  if (n - header_size > length) return fail(errc::trailing_bytes, "data", header_size + length);
  if (frame_checksum(input) != check) return fail(errc::bad_checksum, "check_code", check_code_offset);
  return frame{static_cast<message_code>(code), version, check, input.subspan(header_size)};
}
/// The frame's data would view an owning temporary (`std::vector<std::byte>{…}`) that dies at
/// the end of the call's full expression: not allowed. Lvalues and views (`std::span`) are.
template <class R>
  requires dangling_temporary<R>
result<frame> decode_frame(R&&) = delete;

// --- classification (spec §1.1) --------------------------------------------------------------------

/// What the platform makes of an uplink payload (spec §1.1).
enum class payload_kind : std::uint8_t {
  pcp_frame,      ///< a valid PCP frame
  business_data,  ///< does not start with FF FE (or the product does not upgrade over PCP)
  malformed_pcp,  ///< starts with FF FE but fails a later check: the platform treats it as
                  ///< business data; a device that sent it has a bug
};

/// The verdict of `classify_uplink`, with the reason when the payload is not PCP.
struct classification {
  /// PCP frame, business data, or FF FE followed by a broken frame.
  payload_kind kind = payload_kind::business_data;
  /// Why it is not PCP (kind != pcp_frame); `where` names the check.
  std::optional<otawire::error> reason{};
  /// The platform's decision: anything but a valid frame goes to the business-data path.
  [[nodiscard]] constexpr bool is_pcp() const noexcept { return kind == payload_kind::pcp_frame; }
};

/// Classifies an uplink as the platform does (spec §1.1): PCP only when the product supports
/// software upgrade over PCP (steps 1–2, the caller's configuration) and every frame check passes.
[[nodiscard]] constexpr classification classify_uplink(byte_view payload,
                                                       bool product_upgrades_over_pcp = true) noexcept {
  if (!product_upgrades_over_pcp) {
    return {payload_kind::business_data, fail(errc::unsupported, "product_upgrade_protocol")};
  }
  auto f = decode_frame(payload);
  if (f) return {payload_kind::pcp_frame, std::nullopt};
  const bool starts_like_pcp = payload.size() >= 2 && payload[0] == std::byte{0xFF} &&
                               payload[1] == std::byte{0xFE};
  return {starts_like_pcp ? payload_kind::malformed_pcp : payload_kind::business_data, f.error()};
}

// --- field rules shared by decode and encode ----------------------------------------------------

namespace detail {
inline constexpr std::size_t data_offset = header_size;

/// The fixed data length of each kind; the 21 response is 3 + n.
[[nodiscard]] constexpr std::size_t fixed_data_length(message_kind k) noexcept {
  switch (k) {
    case message_kind::query_version_request:
    case message_kind::execute_upgrade_request: return 0;
    case message_kind::query_version_response:
    case message_kind::report_upgrade_result_request: return 1 + version_string::wire_size;
    case message_kind::notify_new_version_request: return version_string::wire_size + 6;
    case message_kind::request_fragment_request: return version_string::wire_size + 2;
    case message_kind::request_fragment_response: return 3;
    default: return 1;
  }
}

[[nodiscard]] constexpr result<void> check_result(message_kind k, result_code r,
                                                  text_id field) noexcept {
  if (!allowed_result(k, r)) return fail(errc::invalid_value, field, data_offset);
  return ok();
}

struct field_checker {
  constexpr result<void> operator()(const query_version_request&) const noexcept { return ok(); }
  constexpr result<void> operator()(const execute_upgrade_request&) const noexcept { return ok(); }
  constexpr result<void> operator()(const notify_new_version_request& m) const noexcept {
    constexpr std::size_t size_at = data_offset + version_string::wire_size;
    if (m.fragment_size < min_fragment_size || m.fragment_size > max_fragment_size) {
      return fail(errc::out_of_range, "fragment_size", size_at);
    }
    if (m.fragment_count == 0) return fail(errc::out_of_range, "fragment_count", size_at + 2);
    return ok();
  }
  constexpr result<void> operator()(const request_fragment_request&) const noexcept { return ok(); }
  constexpr result<void> operator()(const request_fragment_response& m) const noexcept {
    if (auto r = check_result(message_kind::request_fragment_response, m.result, "result"); !r) return r;
    constexpr std::size_t data_at = data_offset + 3;
    if (m.result == result_code::success) {
      if (m.data.empty()) return fail(errc::bad_length, "fragment_data", data_at);
      if (m.data.size() > max_fragment_size) {
        return fail(errc::bad_length, "fragment_data", data_at + max_fragment_size);
      }
    } else if (!m.data.empty()) {
      // "如果结果码不为0，则不带此字段"
      return fail(errc::bad_length, "fragment_data", data_at);
    }
    return ok();
  }
  constexpr result<void> operator()(const report_download_result_request& m) const noexcept {
    return check_result(message_kind::report_download_result_request, m.status, "status");
  }
  template <class M>
  constexpr result<void> operator()(const M& m) const noexcept {
    return check_result(kind_of(M::code, M::dir), m.result, "result");
  }
};
}  // namespace detail

/// Checks the field rules of a message (result legal for its kind, fragment size 32–500,
/// count ≥ 1, fragment data 1–500 bytes on success and none on error). Error offsets are where
/// the field sits in the encoded frame.
[[nodiscard]] constexpr result<void> check(const message& m) noexcept {
  return std::visit(detail::field_checker{}, m);
}

// --- typed decode ---------------------------------------------------------------------------------

namespace detail {
/// Builds message `M` in place inside the returned result: `fill(M&)` reads the fields, then the
/// field rules run. One named result is returned on every path, so it is constructed directly in
/// the caller's storage (no copy of the message: the small-frame hot path).
template <class M, class Fill>
[[nodiscard]] constexpr result<message> build_in_place(Fill&& fill) noexcept {
  result<message> out(std::in_place, std::in_place_type<M>);
  M& m = std::get<M>(*out);
  if (auto filled = fill(m); !filled) {
    out = filled.error();
    return out;
  }
  if (auto checked = field_checker{}(m); !checked) {
    out = checked.error();
    return out;
  }
  return out;
}
}  // namespace detail

/// Interprets the data of a verified frame sent in direction `dir`. A fragment's data views the
/// bytes `f.data` views, not `f` itself, so a temporary frame is fine
/// (`decode_payload(*decode_frame(rx), dir)`) and `f` is not marked lifetimebound.
[[nodiscard]] constexpr result<message> decode_payload(const frame& f, direction dir) noexcept {
  using detail::build_in_place;
  using detail::data_offset;
  const message_kind kind = kind_of(f.code, dir);
  const std::size_t fixed = detail::fixed_data_length(kind);
  const bool variable = kind == message_kind::request_fragment_response;
  if (variable ? f.data.size() < fixed : f.data.size() != fixed) {
    return fail(errc::bad_length, "data_length", 6);
  }

  auto read_result = [&f](result_code& out, std::size_t i) -> result<void> {
    const auto v = std::to_integer<std::uint8_t>(f.data[i]);
    if (!is_defined_result(v)) return fail(errc::invalid_value, "result", data_offset + i);
    out = static_cast<result_code>(v);
    return ok();
  };
  auto read_version = [&f](version_string& out, std::size_t i) -> result<void> {
    if (auto v = out.assign_wire(f.data.subspan(i, version_string::wire_size)); !v) {
      return v.error().at_offset(v.error().offset() + data_offset + i);
    }
    return ok();
  };
  auto u16_at = [&f](std::size_t i) -> std::uint16_t {
    return static_cast<std::uint16_t>((std::to_integer<unsigned>(f.data[i]) << 8) |
                                      std::to_integer<unsigned>(f.data[i + 1]));
  };
  auto result_only = [&](auto& m) { return read_result(m.result, 0); };
  auto result_and_version = [&](auto& m) -> result<void> {
    if (auto r = read_result(m.result, 0); !r) return r;
    return read_version(m.current_version, 1);
  };
  auto nothing = [](auto&) -> result<void> { return ok(); };

  switch (kind) {
    case message_kind::query_version_request: return build_in_place<query_version_request>(nothing);
    case message_kind::execute_upgrade_request: return build_in_place<execute_upgrade_request>(nothing);
    case message_kind::query_version_response: return build_in_place<query_version_response>(result_and_version);
    case message_kind::report_upgrade_result_request:
      return build_in_place<report_upgrade_result_request>(result_and_version);
    case message_kind::notify_new_version_request:
      return build_in_place<notify_new_version_request>([&](notify_new_version_request& m) -> result<void> {
        if (auto v = read_version(m.target_version, 0); !v) return v;
        m.fragment_size = u16_at(16);
        m.fragment_count = u16_at(18);
        m.package_check_code = u16_at(20);
        return ok();
      });
    case message_kind::request_fragment_request:
      return build_in_place<request_fragment_request>([&](request_fragment_request& m) -> result<void> {
        if (auto v = read_version(m.target_version, 0); !v) return v;
        m.fragment_index = u16_at(16);
        return ok();
      });
    case message_kind::request_fragment_response:
      return build_in_place<request_fragment_response>([&](request_fragment_response& m) -> result<void> {
        if (auto r = read_result(m.result, 0); !r) return r;
        m.fragment_index = u16_at(1);
        m.data = f.data.subspan(3);
        return ok();
      });
    case message_kind::notify_new_version_response: return build_in_place<notify_new_version_response>(result_only);
    case message_kind::report_download_result_request:
      return build_in_place<report_download_result_request>(
          [&](report_download_result_request& m) { return read_result(m.status, 0); });
    case message_kind::report_download_result_response:
      return build_in_place<report_download_result_response>(result_only);
    case message_kind::execute_upgrade_response: return build_in_place<execute_upgrade_response>(result_only);
    case message_kind::report_upgrade_result_response:
      return build_in_place<report_upgrade_result_response>(result_only);
  }
  return fail(errc::unknown_message, "message_code", 3);  // unreachable: every kind is handled
}

/// Decodes, verifies and interprets one frame sent in direction `dir`. Allocates nothing; a
/// fragment response's data is a view into `input`.
[[nodiscard]] constexpr result<message> decode(byte_view input OTAWIRE_LIFETIMEBOUND,
                                               direction dir) noexcept {
  auto f = decode_frame(input);
  if (!f) return f.error();
  return decode_payload(*f, dir);
}
/// Not from an owning temporary, whose bytes the message would outlive (see `decode_frame`).
template <class R>
  requires dangling_temporary<R>
result<message> decode(R&&, direction) = delete;

/// What `decode(coap_payload)` returns: the contract's envelope shape (docs/contract.md) for a
/// transport that names no device: the message and the way it travelled.
struct envelope {
  direction travelled = direction::device_to_platform;  ///< the CoAP message's direction
  pcp::message message{};                                ///< the decoded frame

  /// Which way it travels (the contract's `dir()`).
  [[nodiscard]] constexpr direction dir() const noexcept { return travelled; }
  /// Empty: PCP names no device; the CoAP endpoint is the device.
  [[nodiscard]] constexpr device_identity identity() const noexcept { return {}; }
  /// Envelopes are equal when direction and message are.
  friend constexpr bool operator==(const envelope&, const envelope&) noexcept = default;
};

/// The contract's decode for PCP's transport: one CoAP payload and the way it travelled, as
/// `decode(bytes, dir)`. A fragment's data views `in.bytes`.
[[nodiscard]] constexpr result<envelope> decode(const coap_payload& in) noexcept {
  auto m = decode(in.bytes, in.dir);
  if (!m) return m.error();
  return envelope{in.dir, *m};
}

// --- the device's decoder: downlink only, no std::variant ----------------------------------------

/// What `decode_downlink` calls: one overload (or a generic lambda) per downlink payload, each
/// returning `result<void>` (an error is passed back to the caller).
template <class H>
concept downlink_handler = requires(H& h, const query_version_request& a, const notify_new_version_request& b,
                                    const request_fragment_response& c, const report_download_result_response& d,
                                    const execute_upgrade_request& e, const report_upgrade_result_response& f) {
  { h(a) } -> std::convertible_to<result<void>>;
  { h(b) } -> std::convertible_to<result<void>>;
  { h(c) } -> std::convertible_to<result<void>>;
  { h(d) } -> std::convertible_to<result<void>>;
  { h(e) } -> std::convertible_to<result<void>>;
  { h(f) } -> std::convertible_to<result<void>>;
};

/// Decodes, verifies and interprets one frame the platform sent (direction downlink) and calls
/// `handle` with the typed payload. Accepts exactly what `decode(input, direction::platform_to_device)`
/// accepts, with the same errors; it never instantiates the six uplink kinds nor `message`, so it
/// is what a device links (the fragment data views `input`, valid during the call and as long as
/// `input` is). Returns the decoding error, or what `handle` returned.
template <downlink_handler Handler>
[[nodiscard]] constexpr result<void> decode_downlink(byte_view input, Handler&& handle) noexcept {
  auto decoded = decode_frame(input);
  if (!decoded) return decoded.error();
  const frame& f = *decoded;
  const byte_view d = f.data;
  const message_code code = f.code;
  const message_kind kind = kind_of(code, direction::platform_to_device);
  const std::size_t fixed = detail::fixed_data_length(kind);
  if (code == message_code::request_fragment ? d.size() < fixed : d.size() != fixed) {
    return fail(errc::bad_length, "data_length", 6);
  }
  switch (code) {
    case message_code::query_version: return handle(query_version_request{});
    case message_code::execute_upgrade: return handle(execute_upgrade_request{});
    case message_code::notify_new_version: {
      notify_new_version_request m;
      if (auto v = m.target_version.assign_wire(d.first(version_string::wire_size)); !v) {
        return v.error().at_offset(v.error().offset() + detail::data_offset);
      }
      m.fragment_size = otawire::detail::load_be<std::uint16_t>(d.data() + 16);
      m.fragment_count = otawire::detail::load_be<std::uint16_t>(d.data() + 18);
      m.package_check_code = otawire::detail::load_be<std::uint16_t>(d.data() + 20);
      if (auto checked = detail::field_checker{}(m); !checked) return checked;
      return handle(static_cast<const notify_new_version_request&>(m));
    }
    default: break;  // 21, 22 and 24 responses: a result byte first
  }
  const auto value = std::to_integer<std::uint8_t>(d[0]);
  if (!is_defined_result(value)) return fail(errc::invalid_value, "result", detail::data_offset);
  const auto r = static_cast<result_code>(value);
  if (code == message_code::request_fragment) {
    const request_fragment_response m{r, otawire::detail::load_be<std::uint16_t>(d.data() + 1), d.subspan(3)};
    if (auto checked = detail::field_checker{}(m); !checked) return checked;
    return handle(m);
  }
  if (!allowed_result(kind, r)) return fail(errc::invalid_value, "result", detail::data_offset);
  if (code == message_code::report_download_result) return handle(report_download_result_response{r});
  return handle(report_upgrade_result_response{r});
}

// --- encode -----------------------------------------------------------------------------------------

/// Exact size of the encoded frame of `m`.
[[nodiscard]] constexpr std::size_t encoded_size(const message& m) noexcept {
  const message_kind k = kind_of(m);
  std::size_t n = header_size + detail::fixed_data_length(k);
  if (const auto* frag = std::get_if<request_fragment_response>(&m)) n += frag->data.size();
  return n;
}

/// Writes a frame with `code` and `data` into `out` (version 1, check code computed);
/// returns the bytes written. `out_of_range` if the data does not fit the 16-bit length.
constexpr result<std::size_t> encode_frame(message_code code, byte_view data,
                                           mutable_byte_view out) noexcept {
  if (data.size() > 0xFFFFu) return fail(errc::out_of_range, "data_length", 6);
  const std::size_t total = header_size + data.size();
  if (out.size() < total) return fail(errc::buffer_too_small, "output", 0);
  byte_writer w(out);
  (void)w.u16(start_id);
  (void)w.u8(protocol_version);
  (void)w.u8(static_cast<std::uint8_t>(code));
  (void)w.u16(0);
  (void)w.u16(static_cast<std::uint16_t>(data.size()));
  (void)w.bytes(data);
  (void)w.patch_u16(check_code_offset, frame_checksum(out.first(total)));
  return total;
}

namespace detail {
/// Writes at a cursor the caller has already bounds-checked (the frame's size is known from the
/// message type before anything is written: one pass, no size pass).
struct frame_cursor {
  std::byte* at;
  constexpr void u8(std::uint8_t v) noexcept { *at++ = std::byte{v}; }
  constexpr void u16(std::uint16_t v) noexcept {
    u8(static_cast<std::uint8_t>(v >> 8));
    u8(static_cast<std::uint8_t>(v & 0xFFu));
  }
  constexpr void code(result_code r) noexcept { u8(static_cast<std::uint8_t>(r)); }
  constexpr void version(const version_string& v) noexcept {
    const std::string_view text = v.view();
    for (std::size_t i = 0; i < version_string::wire_size; ++i) {
      u8(i < text.size() ? static_cast<std::uint8_t>(text[i]) : std::uint8_t{0});
    }
  }
  constexpr void bytes(byte_view b) noexcept {
    for (std::byte x : b) *at++ = x;
  }
};

/// Completes a frame whose `data_size` data bytes are already in place after the header: writes
/// the header and the check code; returns the frame's size. One copy for every message type.
constexpr std::size_t seal_frame(mutable_byte_view out, message_code code, std::size_t data_size) noexcept {
  frame_cursor w{out.data()};
  w.u16(start_id);
  w.u8(protocol_version);
  w.u8(static_cast<std::uint8_t>(code));
  w.u16(0);  // the check code, computed over the frame with this field zero
  w.u16(static_cast<std::uint16_t>(data_size));
  const std::size_t total = header_size + data_size;
  const std::uint16_t check = frame_checksum(out.first(total));
  out[check_code_offset] = static_cast<std::byte>(check >> 8);
  out[check_code_offset + 1] = static_cast<std::byte>(check & 0xFFu);
  return total;
}
}  // namespace detail

/// Encodes the typed message `m` into `out` in one pass; returns the bytes written. Invalid field
/// values are rejected as by `check`; `buffer_too_small` (when `out` is shorter than
/// `encoded_size(m)`) writes nothing. No `std::variant` is involved: what a device calls.
template <typed_message M>
constexpr result<std::size_t> encode(const M& m, mutable_byte_view out) noexcept {
  if (auto v = detail::field_checker{}(m); !v) return v.error();
  std::size_t data_size = detail::fixed_data_length(kind_of(M::code, M::dir));
  if constexpr (std::is_same_v<M, request_fragment_response>) data_size += m.data.size();
  const std::size_t total = header_size + data_size;
  if (out.size() < total) return fail(errc::buffer_too_small, "output", 0);
  detail::frame_cursor w{out.data() + header_size};
  if constexpr (std::is_same_v<M, query_version_response> || std::is_same_v<M, report_upgrade_result_request>) {
    w.code(m.result);
    w.version(m.current_version);
  } else if constexpr (std::is_same_v<M, notify_new_version_request>) {
    w.version(m.target_version);
    w.u16(m.fragment_size);
    w.u16(m.fragment_count);
    w.u16(m.package_check_code);
  } else if constexpr (std::is_same_v<M, request_fragment_request>) {
    w.version(m.target_version);
    w.u16(m.fragment_index);
  } else if constexpr (std::is_same_v<M, request_fragment_response>) {
    w.code(m.result);
    w.u16(m.fragment_index);
    w.bytes(m.data);
  } else if constexpr (std::is_same_v<M, report_download_result_request>) {
    w.code(m.status);
  } else if constexpr (requires { m.result; }) {
    w.code(m.result);
  }
  return detail::seal_frame(out, M::code, data_size);
}

/// Encodes `m` into `out` (ask `encoded_size(m)` first); returns the bytes written. Invalid field
/// values are rejected as by `check`; `buffer_too_small` writes nothing.
constexpr result<std::size_t> encode(const message& m, mutable_byte_view out) noexcept {
  return std::visit([out](const auto& typed) { return encode(typed, out); }, m);
}

}  // namespace otawire::pcp

#endif
