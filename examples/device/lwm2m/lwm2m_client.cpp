// An NB-IoT device's LwM2M Firmware Update client (Object 5), bare-metal style: no heap, static
// buffers, otawire's public API only. It answers the server's Write to Package URI (/5/0/1, then
// pulls the package) or Package (/5/0/0, pushed in blocks), Execute Update (/5/0/2) and Read of
// /5/0, /5/0/3 and /5/0/5, runs `firmware_client` for the State / Update Result it reports, writes
// the package through `device::flash_write`, and notifies the server of every State change.
//
// The CoAP stack is out of scope: frame.hpp is this program's stand-in for what it would hand
// over (operation, path, content format, payload).
#ifndef OTAWIRE_ASSERT
// A firmware's own trap: std::abort would bring newlib's signal and heap machinery.
#define OTAWIRE_ASSERT(cond) ((cond) ? static_cast<void>(0) : __builtin_trap())
#endif
#include <otawire/lwm2m.hpp>

#include "frame.hpp"
#include "hal.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>

namespace lw = otawire::lwm2m;

namespace library_state {
// Everything otawire keeps between exchanges: the client's object version, State, Update Result.
lw::firmware_client client;
}  // namespace library_state
static_assert(sizeof(library_state::client) <= 3, "the client machine is three bytes");

namespace {

// The object version the device implements (LwM2M 1.0/1.1 core Object 5).
constexpr lw::object_version version = lw::object_version::v1_0;
// One CoAP block (SZX 5: 512 B) plus the frame header.
constexpr std::size_t block_size = 512;

// Static buffers: a device task's stack never holds a payload.
std::array<std::uint8_t, frame::request_header + block_size> rx;
std::array<std::uint8_t, frame::response_header + 64> tx;
// The download in progress: where the next block goes, and the running byte sum of the image
// (this device's images end with a byte that makes their sum 0 mod 256).
std::uint32_t download_offset;
std::uint8_t download_sum;
// Decoded Write payloads: views into rx, used within one exchange only.
lw::firmware_update written;

std::uint16_t load16(const std::uint8_t* p) { return static_cast<std::uint16_t>(p[0] << 8 | p[1]); }

void send(frame::code code, std::uint16_t format, std::size_t payload_size) {
  tx[0] = static_cast<std::uint8_t>(code);
  tx[1] = static_cast<std::uint8_t>(format >> 8);
  tx[2] = static_cast<std::uint8_t>(format);
  device::modem_send(std::span(tx).first(frame::response_header + payload_size));
}

void answer(frame::code code) { send(code, frame::text_plain, 0); }

frame::code coap(lw::coap_code c) {
  switch (c) {
    case lw::coap_code::changed: return frame::code::changed;
    case lw::coap_code::not_found: return frame::code::not_found;
    case lw::coap_code::method_not_allowed: return frame::code::method_not_allowed;
    default: return frame::code::bad_request;
  }
}

// A Read response for /5, /5/0, /5/0/3 or /5/0/5, written with otawire's TLV writer: State,
// Update Result and (for the instance) Delivery Method, in ascending ID order (canonical TLV).
void send_state(const lw::path& target) {
  const auto state = lw::encode_integer(static_cast<std::int64_t>(library_state::client.state()));
  const auto result = lw::encode_integer(static_cast<std::int64_t>(library_state::client.last_result()));
  const auto delivery = lw::encode_integer(static_cast<std::int64_t>(lw::delivery_method::push));
  constexpr auto state_id = static_cast<std::uint16_t>(lw::fw_resource::state);
  constexpr auto result_id = static_cast<std::uint16_t>(lw::fw_resource::update_result);
  constexpr auto delivery_id = static_cast<std::uint16_t>(lw::fw_resource::delivery_method);
  lw::tlv_writer w(std::as_writable_bytes(std::span(tx).subspan(frame::response_header)));
  bool ok = true;
  if (target.depth == 3) {
    if (target.resource == state_id) ok = w.value(lw::tlv_kind::resource, state_id, state.view()).has_value();
    else if (target.resource == result_id) ok = w.value(lw::tlv_kind::resource, result_id, result.view()).has_value();
    else return answer(frame::code::method_not_allowed);
  } else {
    if (target.depth == 1) {
      // /5: the Object Instance TLV is mandatory; its content size comes first.
      const std::size_t content = lw::entry_size(state_id, state.size) + lw::entry_size(result_id, result.size) +
                                  lw::entry_size(delivery_id, delivery.size);
      ok = w.open(lw::tlv_kind::object_instance, 0, content).has_value();
    }
    ok = ok && w.value(lw::tlv_kind::resource, state_id, state.view()).has_value() &&
         w.value(lw::tlv_kind::resource, result_id, result.view()).has_value() &&
         w.value(lw::tlv_kind::resource, delivery_id, delivery.view()).has_value();
    if (ok && target.depth == 1) ok = w.close().has_value();
  }
  if (!ok) return answer(frame::code::bad_request);
  send(frame::code::content, frame::lwm2m_tlv, w.written().size());
}

// Observe on /5/0: the server hears of every change of State or Update Result.
void notify() { send_state(lw::path{.object = 5, .instance = 0, .depth = 2}); }

void apply(lw::client_event event, lw::update_result reason = lw::update_result::initial) {
  const auto before_state = library_state::client.state();
  const auto before_result = library_state::client.last_result();
  (void)library_state::client.apply(event, reason);
  if (library_state::client.state() != before_state || library_state::client.last_result() != before_result) {
    notify();
  }
}

// A block of the package (pushed or pulled); the last one completes the download.
void store_block(std::span<const std::byte> block, bool last) {
  const auto bytes = std::span(reinterpret_cast<const std::uint8_t*>(block.data()), block.size());
  if (!device::flash_write(download_offset, bytes)) {
    return apply(lw::client_event::download_failed, lw::update_result::not_enough_flash);
  }
  download_offset += static_cast<std::uint32_t>(bytes.size());
  for (std::uint8_t b : bytes) download_sum = static_cast<std::uint8_t>(download_sum + b);
  if (!last) return;
  if (download_sum != 0 || download_offset == 0) {
    return apply(lw::client_event::download_failed, lw::update_result::integrity_check_failure);
  }
  apply(lw::client_event::download_complete);
}

// The URI schemes this device can pull from (Protocol Support 0 and 1: CoAP, CoAPS).
lw::client_event classify_uri(std::string_view uri) {
  const auto scheme_end = uri.find("://");
  if (scheme_end == std::string_view::npos || scheme_end == 0 || scheme_end + 3 == uri.size()) {
    return lw::client_event::write_uri_invalid;
  }
  const auto scheme = uri.substr(0, scheme_end);
  if (scheme == "coap" || scheme == "coaps") return lw::client_event::write_package_uri;
  return lw::client_event::write_uri_unsupported_protocol;
}

void handle_write(const lw::path& target, std::uint16_t format, std::span<const std::byte> payload,
                  bool more) {
  const bool continuation = target.resource == 0 && library_state::client.state() == lw::fw_state::downloading &&
                            download_offset != 0;
  lw::content_format cf = static_cast<lw::content_format>(format);
  if (const auto decoded = lw::decode_firmware_update(payload, target, written,
                                                      {.version = version,
                                                       .kind = lw::payload_kind::write_request,
                                                       .format = cf});
      !decoded) {
    return answer(frame::code::bad_request);
  }
  if (written.is_reset()) {
    const auto before = library_state::client.state();
    const auto outcome = library_state::client.apply(lw::client_event::write_reset);
    if (!outcome.accepted()) return answer(coap(outcome.response));
    download_offset = 0;
    download_sum = 0;
    answer(frame::code::changed);
    if (before != lw::fw_state::idle || outcome.result != lw::update_result::initial) notify();
    return;
  }
  if (continuation) {
    if (!written.package) return answer(frame::code::bad_request);
    answer(more ? frame::code::continue_block : frame::code::changed);
    return store_block(*written.package, !more);
  }
  lw::client_event event = lw::client_event::write_package;
  if (written.package_uri) event = classify_uri(*written.package_uri);
  else if (!written.package) return answer(frame::code::method_not_allowed);
  const auto outcome = library_state::client.apply(event);
  if (!outcome.accepted()) return answer(coap(outcome.response));
  download_offset = 0;
  download_sum = 0;
  answer(more ? frame::code::continue_block : frame::code::changed);
  notify();
  if (event == lw::client_event::write_package) return store_block(*written.package, !more);
  if (event == lw::client_event::write_package_uri) {
    // Pull: ask for the package; the blocks arrive as download_block requests.
    const auto uri = *written.package_uri;
    tx[0] = static_cast<std::uint8_t>(frame::operation::fetch);
    for (std::size_t i = 0; i < uri.size() && i + 1 < tx.size(); ++i) tx[i + 1] = static_cast<std::uint8_t>(uri[i]);
    device::modem_send(std::span(tx).first(1 + (uri.size() < tx.size() - 1 ? uri.size() : tx.size() - 1)));
  }
}

void handle_execute(const lw::path& target) {
  if (target.depth != 3) return answer(frame::code::method_not_allowed);
  if (target.resource != static_cast<std::uint16_t>(lw::fw_resource::update)) {
    return answer(frame::code::method_not_allowed);
  }
  const auto outcome = library_state::client.apply(lw::client_event::execute_update);
  if (!outcome.accepted()) return answer(coap(outcome.response));
  answer(frame::code::changed);
  notify();
  // The bootloader installs the image and reboots into it; the new image reports success.
  apply(lw::client_event::update_succeeded);
}

void handle(std::span<const std::uint8_t> request) {
  if (request.size() < frame::request_header) return answer(frame::code::bad_request);
  const auto op = static_cast<frame::operation>(request[0] & 0x7F);
  const bool more = (request[0] & frame::more_blocks) != 0;
  lw::path target{.object = load16(&request[2]), .instance = load16(&request[4]),
                  .resource = load16(&request[6]), .depth = request[1]};
  const std::uint16_t format = load16(&request[8]);
  const auto payload = std::as_bytes(request.subspan(frame::request_header));
  if (target.object != lw::firmware_object_id || target.depth < 1 || target.depth > 3 ||
      (target.depth >= 2 && target.instance != 0)) {
    return answer(frame::code::not_found);
  }
  switch (op) {
    case frame::operation::read: return send_state(target);
    case frame::operation::write: return handle_write(target, format, payload, more);
    case frame::operation::execute: return handle_execute(target);
    case frame::operation::download_block:
      if (library_state::client.state() != lw::fw_state::downloading) return;
      return store_block(payload, !more);
    default: return answer(frame::code::bad_request);
  }
}

}  // namespace

extern "C" int device_main() {
  library_state::client = lw::firmware_client(version);
  download_offset = 0;
  download_sum = 0;
  while (true) {
    const std::size_t n = device::modem_receive(rx);
    if (n == 0) return 0;
    handle(std::span(rx).first(n));
  }
}
