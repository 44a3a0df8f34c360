// Differential: the neutral session validator (ota/session.hpp) against each protocol's own
// validator, on random message sequences. Input: one byte choosing the protocol (bit 0: LwM2M,
// else PCP; bit 1: LwM2M object 1.2, else 1.1), then two bytes per message (what, parameter).
// - PCP: each pair builds one of the twelve messages with a legal code for its kind, a version
//   out of three, a fragment index and a data length; pcp::session_rules and
//   pcp → to_events → neutral_session must agree on accept/reject, outcome and fragments
//   delivered, message by message.
// - LwM2M: each pair is a firmware_client event (a server operation or a device outcome; a
//   download failure's Update Result); its wire (the operation, the client's CoAP answer, the
//   State / Update Result notification) goes through to_events to the neutral session; they must
//   agree on accept/reject, State and outcome, outside the two exclusions documented in
//   tests/ota/session_test.cpp (`check_lwm2m_agreement`), which this target applies the same way.
// Never crashing is checked by the sanitizers; a disagreement aborts.
#include <otawire/lwm2m/session.hpp>
#include <otawire/ota/lwm2m.hpp>
#include <otawire/ota/pcp.hpp>
#include <otawire/ota/session.hpp>
#include <otawire/pcp/session.hpp>

#include "support/ota_lwm2m_harness.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <span>
#include <string_view>

namespace {
namespace ota = otawire::ota;
namespace pcp = otawire::pcp;
namespace lwm2m = otawire::lwm2m;
namespace ota_lwm2m = otawire::test::ota_lwm2m;

constexpr std::array<std::byte, 40> fragment_bytes{};

pcp::version_string version(unsigned choice) {
  constexpr std::array<std::string_view, 3> versions{"1.0", "2.0", "2.1"};
  return pcp::version_string::from(versions[choice % versions.size()]).value();
}

/// One PCP message from two input bytes; every code is one its kind allows.
pcp::message pcp_message(std::uint8_t what, std::uint8_t p) {
  using pcp::result_code;
  constexpr std::array answer20{result_code::success, result_code::device_busy, result_code::weak_signal,
                                result_code::already_latest, result_code::low_battery, result_code::no_space,
                                result_code::out_of_memory, result_code::internal_error};
  constexpr std::array answer21{result_code::success, result_code::task_not_found, result_code::fragment_not_found};
  constexpr std::array status22{result_code::success, result_code::no_space, result_code::download_timeout,
                                result_code::package_check_failed, result_code::package_type_unsupported};
  constexpr std::array answer23{result_code::success, result_code::device_busy, result_code::low_battery,
                                result_code::no_space, result_code::out_of_memory};
  constexpr std::array result24{result_code::success,      result_code::device_busy, result_code::low_battery,
                                result_code::no_space,     result_code::out_of_memory, result_code::install_failed,
                                result_code::internal_error};
  constexpr std::array ack{result_code::success, result_code::task_not_found};
  constexpr std::array<std::size_t, 4> lengths{32, 10, 31, 33};
  const auto index = static_cast<std::uint16_t>((p >> 2) & 7u);
  switch (what % 12) {
    case 0: return pcp::query_version_request{};
    case 1: return pcp::query_version_response{result_code::success, version(p)};
    case 2: return pcp::notify_new_version_request{version(p), 32, static_cast<std::uint16_t>(1 + ((p >> 2) & 3u)),
                                                   static_cast<std::uint16_t>((p >> 4) & 1u)};
    case 3: return pcp::notify_new_version_response{answer20[p % answer20.size()]};
    case 4: return pcp::request_fragment_request{version(p), index};
    case 5: {
      const auto result = answer21[p % answer21.size()];
      const auto data = result == result_code::success
                            ? otawire::byte_view{fragment_bytes}.first(lengths[(p >> 5) & 3u])
                            : otawire::byte_view{};
      return pcp::request_fragment_response{result, index, data};
    }
    case 6: return pcp::report_download_result_request{status22[p % status22.size()]};
    case 7: return pcp::report_download_result_response{ack[p % ack.size()]};
    case 8: return pcp::execute_upgrade_request{};
    case 9: return pcp::execute_upgrade_response{answer23[p % answer23.size()]};
    case 10: return pcp::report_upgrade_result_request{result24[p % result24.size()], version(p >> 3)};
    default: return pcp::report_upgrade_result_response{ack[p % ack.size()]};
  }
}

ota::upgrade_outcome neutral_of(pcp::task_outcome o) {
  switch (o) {
    case pcp::task_outcome::succeeded: return ota::upgrade_outcome::succeeded;
    case pcp::task_outcome::declined: return ota::upgrade_outcome::offer_refused;
    case pcp::task_outcome::fragment_refused: return ota::upgrade_outcome::chunk_refused;
    case pcp::task_outcome::download_failed: return ota::upgrade_outcome::download_failed;
    case pcp::task_outcome::execute_refused: return ota::upgrade_outcome::install_refused;
    case pcp::task_outcome::upgrade_failed: return ota::upgrade_outcome::install_failed;
    default: return ota::upgrade_outcome::none;
  }
}

void run_pcp(std::span<const std::uint8_t> steps) {
  pcp::session_rules native{};
  ota::neutral_session neutral{ota::profile_of(ota::protocol::pcp)};
  std::array<ota::event, ota::pcp_max_events> events{};
  for (std::size_t i = 0; i + 1 < steps.size(); i += 2) {
    const pcp::message m = pcp_message(steps[i], steps[i + 1]);
    const auto n = ota::to_events(m, ota::envelope{}, {neutral.fragment_count()}, events);
    if (!n) std::abort();
    const bool by_pcp = native.on(m).has_value();
    const bool by_neutral = neutral.on_events(std::span<const ota::event>(events.data(), *n)).has_value();
    if (by_pcp != by_neutral) std::abort();
    if (neutral_of(native.outcome()) != neutral.outcome()) std::abort();
    if (native.record().delivered != neutral.delivered()) std::abort();
  }
}

// --- LwM2M: the harness of tests/ota/session_test.cpp (tests/support/ota_lwm2m_harness.hpp) ---

/// The step's wire messages converted to events, appended to `out`; how many.
std::size_t events_of(lwm2m::client_event what, lwm2m::update_result why, const lwm2m::client_outcome& outcome,
                      lwm2m::fw_state before, std::span<ota::event> out) {
  const auto wire = ota_lwm2m::wire_of(what, why, outcome);
  std::size_t events = 0;
  for (std::size_t i = 0; i < wire.count; ++i) {
    const auto n = ota::to_events(wire.messages[i], ota::envelope{}, {before, {}}, out.subspan(events));
    if (!n) std::abort();
    events += *n;
  }
  return events;
}

void run_lwm2m(std::span<const std::uint8_t> steps, lwm2m::object_version version) {
  using R = lwm2m::update_result;
  constexpr std::array failures{R::not_enough_flash, R::out_of_ram, R::connection_lost, R::integrity_check_failure,
                                R::unsupported_package_type, R::invalid_uri, R::unsupported_protocol};
  lwm2m::firmware_client client{version};
  ota::neutral_session neutral{ota::profile_of(ota::protocol::lwm2m_fw)};
  std::array<ota::event, 3 * ota::lwm2m_max_events> events{};
  for (std::size_t i = 0; i + 1 < steps.size(); i += 2) {
    const auto what = static_cast<lwm2m::client_event>(steps[i] % 14);
    const auto why = failures[steps[i + 1] % failures.size()];
    const auto before = client.state();
    const auto outcome = client.apply(what, why);
    const auto n = events_of(what, why, outcome, before, events);
    if (n == 0) {  // exclusion 1: nothing on the wire to judge
      if (outcome.accepted() && ota_lwm2m::neutral_of(client.state()) != neutral.state()) std::abort();
      continue;
    }
    const auto neutral_before = neutral;
    const bool by_neutral = neutral.on_events(std::span<const ota::event>(events.data(), n)).has_value();
    if (!outcome.accepted() && by_neutral && !lwm2m::is_server_operation(what)) {
      neutral = neutral_before;  // exclusion 2: an impossible outcome read by the previous State
      continue;
    }
    if (outcome.accepted() != by_neutral) std::abort();
    if (ota_lwm2m::neutral_of(client.state()) != neutral.state()) std::abort();
    if (!ota_lwm2m::outcome_agrees(client.last_result(), neutral.outcome())) std::abort();
  }
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::span<const std::uint8_t> steps(data + 1, size - 1);
  if (data[0] & 1u) {
    run_lwm2m(steps, (data[0] & 2u) ? lwm2m::object_version::v1_2 : lwm2m::object_version::v1_1);
  } else {
    run_pcp(steps);
  }
  return 0;
}
