// A PCP (Huawei SOTA) device as an NB-IoT firmware would write it with otawire: decode what the
// platform sends, answer and pull the package fragment by fragment, write it to flash, report.
// Only the public API and the HAL (hal.hpp). Built with OTAWIRE_DEVICE_PROFILE (config.hpp).
//
// Conventions of the device gate (scripts/device_size.py): everything otawire keeps between two
// frames lives in `library_state` (measured against the RAM budget); buffers are static, so the
// stack holds nothing bigger than a decoded message.
#include "hal.hpp"

#if !defined(OTAWIRE_DEVICE_PROFILE)
#error "the device program is built with OTAWIRE_DEVICE_PROFILE (examples/device/pcp/CMakeLists.txt)"
#endif

#include <otawire/pcp/codec.hpp>
#include <otawire/pcp/fragments.hpp>
#include <otawire/pcp/session.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>

namespace pcp = otawire::pcp;
using otawire::byte_view;
using otawire::errc;
using otawire::result;

namespace {

/// The fragment sink: the download partition in flash.
struct flash_sink {
  result<void> operator()(std::size_t offset, byte_view data) const noexcept {
    const std::span<const std::uint8_t> bytes(reinterpret_cast<const std::uint8_t*>(data.data()), data.size());
    if (!device::flash_write(static_cast<std::uint32_t>(offset), bytes)) {
      return otawire::fail(errc::invalid_value, "flash_write", offset);
    }
    return otawire::ok();
  }
};

/// The version this image runs (a firmware would take it from its build).
constexpr auto running_version = [] {
  auto v = pcp::version_string::from("V1.0");
  return v ? *v : pcp::version_string{};
}();

/// Up to 128 fragments: 64 000 bytes at the default fragment size of 500.
constexpr std::size_t max_fragments = 128;

}  // namespace

namespace library_state {
pcp::device_session session;
}  // namespace library_state

namespace {
// The assembler's bitmap is caller storage, like the modem buffers below (1 bit per fragment;
// a firmware would keep it, with the assembler's identity, where it survives a reboot).
std::array<std::uint8_t, pcp::fragment_assembler<flash_sink>::bitmap_bytes(max_fragments)> fragment_bitmap{};
}  // namespace

namespace library_state {
pcp::fragment_assembler<flash_sink> assembler{fragment_bitmap, flash_sink{}};
}  // namespace library_state

static_assert(sizeof(library_state::session) <= 32, "a device session keeps at most 32 bytes");
static_assert(sizeof(void*) != 4 || sizeof(library_state::session) + sizeof(library_state::assembler) <= 64,
              "otawire's state on a 32-bit device stays within 64 bytes");

namespace {

// Modem buffers: the largest frame in, the largest uplink out (a 21 request, 26 bytes).
std::array<std::uint8_t, pcp::max_frame_size> rx_buffer;
std::array<std::byte, pcp::header_size + pcp::version_string::wire_size + 2> tx_buffer;

void transmit(const result<std::size_t>& encoded) {
  if (encoded) device::modem_send({reinterpret_cast<const std::uint8_t*>(tx_buffer.data()), *encoded});
}

/// Tells the session, encodes `m`, sends it. An uplink the session refuses is not sent.
template <class M>
void send(const M& m) {
  if (library_state::session.on(m)) transmit(pcp::encode(m, tx_buffer));
}

/// Pulls the first missing fragment, or reports the download once every fragment is in.
void pull_next() {
  if (auto next = library_state::session.next_fragment()) {
    send(pcp::request_fragment_request{library_state::session.record().target_version, *next});
  } else if (library_state::session.record().complete()) {
    send(pcp::report_download_result_request{pcp::result_code::success});
  }
}

/// The device's answer to each downlink payload (`pcp::decode_downlink` picks the overload).
struct downlink_handler {
  result<void> operator()(const pcp::query_version_request& m) const noexcept {
    if (auto r = library_state::session.on(m); !r) return r;
    send(pcp::query_version_response{pcp::result_code::success, running_version});
    return otawire::ok();
  }
  result<void> operator()(const pcp::notify_new_version_request& m) const noexcept {
    auto& session = library_state::session;
    if (auto r = session.on(m); !r) return r;
    if (m.target_version == running_version) {
      send(pcp::notify_new_version_response{pcp::result_code::already_latest});
      return otawire::ok();
    }
    if (!library_state::assembler.start(m)) {
      send(pcp::notify_new_version_response{pcp::result_code::no_space});
      return otawire::ok();
    }
    send(pcp::notify_new_version_response{pcp::result_code::success});
    pull_next();
    return otawire::ok();
  }
  result<void> operator()(const pcp::request_fragment_response& m) const noexcept {
    if (auto r = library_state::session.on(m); !r) return r;
    if (m.result != pcp::result_code::success) return otawire::ok();  // the task ended
    if (!library_state::assembler.accept(m)) {
      send(pcp::report_download_result_request{pcp::result_code::no_space});
      return otawire::ok();
    }
    pull_next();
    return otawire::ok();
  }
  result<void> operator()(const pcp::report_download_result_response& m) const noexcept {
    return library_state::session.on(m);  // now wait for 23
  }
  result<void> operator()(const pcp::execute_upgrade_request& m) const noexcept {
    auto& session = library_state::session;
    if (auto r = session.on(m); !r) return r;
    send(pcp::execute_upgrade_response{pcp::result_code::success});
    // A firmware hands the partition to its boot loader here and reports after the reboot; the
    // example reports at once, as the image it would boot is the one downloaded.
    send(pcp::report_upgrade_result_request{pcp::result_code::success, session.record().target_version});
    return otawire::ok();
  }
  result<void> operator()(const pcp::report_upgrade_result_response& m) const noexcept {
    return library_state::session.on(m);
  }
};

}  // namespace

extern "C" int device_main() {
  int rejected = 0;
  for (;;) {
    const std::size_t n = device::modem_receive(rx_buffer);
    if (n == 0) return rejected;
    const byte_view frame(reinterpret_cast<const std::byte*>(rx_buffer.data()), n);
    // A frame that is not PCP, is garbled, or breaks the session's rules is dropped. A pull
    // still pending is repeated (the fragment may have been the garbled frame); any other
    // request is the platform's to repeat.
    if (!pcp::decode_downlink(frame, downlink_handler{})) {
      ++rejected;
      if (library_state::session.state() == pcp::session_state::fragment_requested) pull_next();
    }
  }
}
