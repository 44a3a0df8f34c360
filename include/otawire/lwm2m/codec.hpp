// otawire::lwm2m — decode/encode: the TLV reader and writer, typed values and the Object 5 model.
#ifndef OTAWIRE_LWM2M_CODEC_HPP
#define OTAWIRE_LWM2M_CODEC_HPP

#include <otawire/contract.hpp>
#include <otawire/lwm2m/messages.hpp>
#include <otawire/lwm2m/object5.hpp>
#include <otawire/lwm2m/tlv.hpp>
#include <otawire/lwm2m/values.hpp>

#include <algorithm>
#include <memory>
#include <optional>

namespace otawire::lwm2m {

/// What `decode(coap_exchange)` returns: the contract's envelope shape (docs/contract.md) for a
/// CoAP exchange on Object 5: what it does, where, in which format, and the resources it carries.
struct envelope {
  coap_operation operation = coap_operation::read_response;  ///< what the CoAP message does
  path target{};                                             ///< the path it names, parsed
  content_format format = content_format::tlv;               ///< its Content-Format (`text` for an Execute)
  firmware_update message{};                                 ///< the resources it carries (none for an Execute)
  /// An Execute's payload, uninterpreted: Object 5 defines no Execute arguments, and Anjay's
  /// Object 5 `fw_execute` ignores them (`(void) ctx;`), so a server's arguments are not an error.
  byte_view arguments{};

  /// Which way it travels: the operation says (reads and notifications come from the device).
  [[nodiscard]] constexpr direction dir() const noexcept { return direction_of(operation); }
  /// Empty: LwM2M names no device in the exchange; the CoAP endpoint is the device.
  [[nodiscard]] constexpr device_identity identity() const noexcept { return {}; }
};

namespace detail {
/// The Content-Format numbers an Object 5 payload may travel in (§1.5), or empty.
[[nodiscard]] constexpr std::optional<content_format> content_format_of(std::uint16_t number) noexcept {
  for (const auto f : {content_format::text, content_format::opaque, content_format::legacy_tlv, content_format::tlv}) {
    if (static_cast<std::uint16_t>(f) == number) return f;
  }
  return std::nullopt;
}
}  // namespace detail

/// The contract's decode for LwM2M's transport, into `out`: the path parsed (errors at `path`
/// with the offset in the path text), then by operation:
/// - Execute: the path must name a resource that `version` makes executable (Update; Cancel from
///   1.1), else `invalid_value` at `operation.execute_target`; the payload is kept as `arguments`;
/// - a Read response or Notify is decoded as a `read_response`, a Write (PUT or POST) as a
///   `write_request`, by `decode_firmware_update` and its rules; a Content-Format other than
///   0, 42, 1542 or 11542 is `unsupported` at `content_format`.
/// No allocation; strings and the Package are views into `x.payload`.
inline result<void> decode(const coap_exchange& x, envelope& out,
                           object_version version = object_version::v1_2) noexcept {
  std::construct_at(&out);
  out.operation = x.operation;
  const auto target = parse_path(x.path);
  if (!target) return target.error();
  out.target = *target;
  if (x.operation == coap_operation::execute) {
    out.format = content_format::text;
    if (auto p = detail::check_path(out.target); !p) return p;
    const resource_info* r = out.target.depth == 3 ? find_resource(out.target.resource, version) : nullptr;
    if (r == nullptr || r->ops != operations::execute) {
      return fail(errc::invalid_value, "operation.execute_target", error::no_offset);
    }
    out.arguments = x.payload;
    return ok();
  }
  const auto format = detail::content_format_of(x.content_format);
  if (!format) return fail(errc::unsupported, "content_format", error::no_offset);
  out.format = *format;
  const bool from_device = direction_of(x.operation) == direction::device_to_platform;
  const decode_options opt{version, from_device ? payload_kind::read_response : payload_kind::write_request, *format};
  return decode_firmware_update(x.payload, out.target, out.message, opt);
}

/// As above, returning the envelope; its views point into the exchange's payload.
[[nodiscard]] inline result<envelope> decode(const coap_exchange& x,
                                             object_version version = object_version::v1_2) noexcept {
  result<envelope> decoded{std::in_place};
  if (auto r = decode(x, *decoded, version); !r) decoded = r.error();
  return decoded;
}

}  // namespace otawire::lwm2m

#endif
