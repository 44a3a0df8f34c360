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
#include <cstring>
#include <span>

namespace lw = otawire::lwm2m;
using namespace std::string_view_literals;

namespace library_state {
// Everything otawire keeps between exchanges: the client's object version, State, Update Result.
lw::firmware_client client;
}  // namespace library_state
static_assert(sizeof(library_state::client) <= 3, "the client machine is three bytes");

namespace {

// The object version the device implements (LwM2M 1.0/1.1 core Object 5).
constexpr lw::object_version version = lw::object_version::v1_0;
// A client decodes Write requests of its object version: fixed at compile time, so the decoder
// holds only what Package and Package URI need.
using write_options = lw::fixed_decode_options<version, lw::payload_kind::write_request>;
// One CoAP block (SZX 5: 512 B) plus the frame header.
constexpr std::size_t block_size = 512;

// Static buffers: a device task's stack never holds a payload.
std::array<std::uint8_t, frame::request_header + block_size> rx;
// Responses, and the fetch request that carries a Package URI (at most 255 bytes, §2.2).
std::array<std::uint8_t, frame::response_header + 256> tx;
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
  // Indexed by lw::coap_code: none (a device outcome, never answered), 2.04, 4.00, 4.04, 4.05.
  constexpr std::array<frame::code, 5> codes{frame::code::bad_request, frame::code::changed,
                                             frame::code::bad_request, frame::code::not_found,
                                             frame::code::method_not_allowed};
  return codes[static_cast<std::size_t>(c)];
}

// One Integer resource of a Read response; false when the writer refuses it.
// (The values are enums of one byte: the encoder's wider cases fold away.)
[[gnu::noinline]] bool put_integer(lw::tlv_writer& w, lw::fw_resource id, std::uint8_t value) {
  const auto bytes = lw::encode_integer(value);
  return w.value(lw::tlv_kind::resource, static_cast<std::uint16_t>(id), bytes.view()).has_value();
}

// A Read response for /5, /5/0, /5/0/3 or /5/0/5, written with otawire's TLV writer: State,
// Update Result and (for the instance) Delivery Method, in ascending ID order (canonical TLV).
void send_state(const lw::path& target) {
  const auto state = static_cast<std::uint8_t>(library_state::client.state());
  const auto result = static_cast<std::uint8_t>(library_state::client.last_result());
  auto out = std::as_writable_bytes(std::span(tx).subspan(frame::response_header));
  std::size_t size = 0;
  if (target.depth == 1) {
    // /5: the resources inside Object Instance 0 (mandatory there, §1.2), three of one byte each.
    // Its header is written alone; the resources follow, written by a writer of their own.
    constexpr std::size_t content = 3 * lw::entry_size(3, 1);
    lw::tlv_writer instance(out);
    if (!instance.header(lw::tlv_kind::object_instance, 0, content)) return answer(frame::code::bad_request);
    size = instance.written().size();
    out = out.subspan(size);
  }
  lw::tlv_writer w(out);
  bool ok = true;
  if (target.depth == 3) {
    if (target.resource == static_cast<std::uint16_t>(lw::fw_resource::state)) {
      ok = put_integer(w, lw::fw_resource::state, state);
    } else if (target.resource == static_cast<std::uint16_t>(lw::fw_resource::update_result)) {
      ok = put_integer(w, lw::fw_resource::update_result, result);
    } else {
      return answer(frame::code::method_not_allowed);
    }
  } else {
    ok = put_integer(w, lw::fw_resource::state, state) &&
         put_integer(w, lw::fw_resource::update_result, result) &&
         put_integer(w, lw::fw_resource::delivery_method, static_cast<std::uint8_t>(lw::delivery_method::push));
  }
  if (!ok) return answer(frame::code::bad_request);
  send(frame::code::content, frame::lwm2m_tlv, size + w.written().size());
}

// Observe on /5/0: the server hears of every change of State or Update Result.
void notify() { send_state(lw::path{.object = 5, .instance = 0, .depth = 2}); }

// Applies a device outcome, notifying the server when State or Update Result changed.
void apply(lw::client_event event, lw::update_result reason = lw::update_result::initial) {
  if (library_state::client.apply(event, reason).accepted()) notify();
}

// A server operation: the CoAP answer (`success` when accepted), then the notification.
bool operate(lw::client_event event, frame::code success) {
  const auto outcome = library_state::client.apply(event);
  if (!outcome.accepted()) {
    answer(coap(outcome.response));
    return false;
  }
  answer(success);
  notify();
  return true;
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

// Whether `uri` starts with `prefix` (a byte loop, and `sv` literals: string_view's find and
// compare, or its constructor from a C string, would bring memchr, memcmp and strlen along).
bool starts_with(std::string_view uri, std::string_view prefix) {
  if (uri.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    if (uri[i] != prefix[i]) return false;
  }
  return true;
}

// The URI schemes this device can pull from (Protocol Support 0 and 1: CoAP, CoAPS); a URI
// without "scheme://" and a host part is invalid.
lw::client_event classify_uri(std::string_view uri) {
  std::size_t colon = 0;
  while (colon < uri.size() && uri[colon] != ':') ++colon;
  const std::string_view rest(uri.data() + colon, uri.size() - colon);
  if (colon == 0 || !starts_with(rest, "://"sv) || rest.size() == 3) return lw::client_event::write_uri_invalid;
  if ((colon == 4 && starts_with(uri, "coap"sv)) || (colon == 5 && starts_with(uri, "coaps"sv))) {
    return lw::client_event::write_package_uri;
  }
  return lw::client_event::write_uri_unsupported_protocol;
}

void handle_write(const lw::path& target, std::uint16_t format, std::span<const std::byte> payload,
                  bool more) {
  const auto success = more ? frame::code::continue_block : frame::code::changed;
  const bool continuation = library_state::client.state() == lw::fw_state::downloading && download_offset != 0;
  if (!lw::decode_firmware_update(payload, target, written,
                                  write_options{.format = static_cast<lw::content_format>(format)})) {
    return answer(frame::code::bad_request);
  }
  if (written.is_reset()) {
    // Back to Idle, Update Result 0 (§2.3); the image written so far is abandoned.
    if (!operate(lw::client_event::write_reset, frame::code::changed)) return;
    download_offset = 0;
    download_sum = 0;
    return;
  }
  if (written.package) {
    if (continuation) {
      answer(success);
    } else {
      if (!operate(lw::client_event::write_package, success)) return;
      download_offset = 0;
      download_sum = 0;
    }
    return store_block(*written.package, !more);
  }
  // Package URI (the only other writable resource of object 1.0).
  const auto event = classify_uri(*written.package_uri);
  if (!operate(event, frame::code::changed) || event != lw::client_event::write_package_uri) return;
  download_offset = 0;
  download_sum = 0;
  // Pull: ask for the package; its blocks arrive as download_block requests.
  const auto uri = *written.package_uri;
  tx[0] = static_cast<std::uint8_t>(frame::operation::fetch);
  std::memcpy(&tx[1], uri.data(), uri.size());
  device::modem_send(std::span(tx).first(1 + uri.size()));
}

void handle_execute(const lw::path& target) {
  // Update is the only executable resource of object 1.0 (Cancel came with 1.1).
  if (target.depth != 3 || target.resource != static_cast<std::uint16_t>(lw::fw_resource::update)) {
    return answer(frame::code::method_not_allowed);
  }
  if (!operate(lw::client_event::execute_update, frame::code::changed)) return;
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
