// The contract's LwM2M entry, `lwm2m::decode(coap_exchange)`. Input: one selector byte (operation,
// Content-Format, object version), one path-length byte, the path text, then the payload.
// Oracles: the path error is parse_path's; an Execute succeeds exactly on Update, or on Cancel
// from object 1.1, and keeps the payload as its arguments; any other operation gives exactly what
// decode_firmware_update gives for the payload kind the operation implies.
#include <otawire/lwm2m.hpp>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  namespace l = otawire::lwm2m;
  using otawire::coap_operation;
  if (size < 2) return 0;
  const std::uint8_t selector = data[0];
  const std::size_t path_size = std::min<std::size_t>(data[1], size - 2);
  const std::string_view path_text(reinterpret_cast<const char*>(data + 2), path_size);
  const otawire::byte_view payload(reinterpret_cast<const std::byte*>(data + 2 + path_size), size - 2 - path_size);
  constexpr std::array<coap_operation, 5> operations{coap_operation::read_response, coap_operation::notify,
                                                     coap_operation::write, coap_operation::write_partial,
                                                     coap_operation::execute};
  constexpr std::array<std::uint16_t, 6> formats{11542, 1542, 0, 42, 110, 60};
  const auto op = operations[(selector & 7u) % operations.size()];
  const auto format = formats[((selector >> 3) & 7u) % formats.size()];
  const auto version = static_cast<l::object_version>((selector >> 6) % 3);

  const auto e = l::decode(otawire::coap_exchange{op, path_text, format, payload}, version);
  if (e && (e->operation != op || e->dir() != otawire::direction_of(op))) std::abort();
  const auto target = l::parse_path(path_text);
  if (!target) {
    if (e || !(e.error() == target.error())) std::abort();
    return 0;
  }
  if (e && !(e->target == *target)) std::abort();
  if (op == coap_operation::execute) {
    const bool executable = target->object == 5 && target->instance == 0 && target->depth == 3 &&
                            (target->resource == 2 || (target->resource == 10 && version != l::object_version::v1_0));
    if (e.has_value() != executable) std::abort();
    if (e && (e->arguments.data() != payload.data() || e->arguments.size() != payload.size())) std::abort();
    return 0;
  }
  const auto f = l::detail::content_format_of(format);
  if (!f) {
    if (e || e.error().code() != otawire::errc::unsupported) std::abort();
    return 0;
  }
  const auto kind = otawire::direction_of(op) == otawire::direction::device_to_platform ? l::payload_kind::read_response
                                                                                         : l::payload_kind::write_request;
  const auto plain = l::decode_firmware_update(payload, *target, l::decode_options{version, kind, *f});
  if (e.has_value() != plain.has_value()) std::abort();
  if (e ? !(e->message == *plain) : !(e.error() == plain.error())) std::abort();
  return 0;
}
