// The LwM2M side of the neutral validator's agreement checks, shared by the property test
// (tests/ota/session_test.cpp) and fuzz_ota_session: what one client event puts on the wire, and
// how the client's State and Update Result read in neutral terms.
#ifndef OTAWIRE_TEST_SUPPORT_OTA_LWM2M_HARNESS_HPP
#define OTAWIRE_TEST_SUPPORT_OTA_LWM2M_HARNESS_HPP

#include <otawire/lwm2m/session.hpp>
#include <otawire/ota/lwm2m.hpp>
#include <otawire/ota/session.hpp>

#include <array>
#include <cstddef>
#include <utility>

namespace otawire::test::ota_lwm2m {

/// The State and Update Result a device outcome reports, whether or not the client allows it
/// (a mutated session has the device claim it anyway). `why`: a download failure's result.
inline std::pair<lwm2m::fw_state, lwm2m::update_result> reported_by(lwm2m::client_event what,
                                                                    lwm2m::update_result why) {
  using E = lwm2m::client_event;
  using R = lwm2m::update_result;
  using S = lwm2m::fw_state;
  switch (what) {
    case E::download_complete: return {S::downloaded, R::initial};
    case E::download_failed: return {S::idle, why};
    case E::deferred_update_accepted: return {S::updating, R::initial};
    case E::update_succeeded: return {S::idle, R::success};
    case E::update_failed: return {S::downloaded, R::update_failed};
    default: return {S::idle, R::integrity_check_failure};
  }
}

/// The wire messages of one step (at most three).
struct wire_step {
  std::array<ota::lwm2m_message, 3> messages{};
  std::size_t count = 0;
};

/// A server operation and the client's CoAP answer, then the State / Update Result notification
/// when it was accepted; a device outcome is its notification alone.
inline wire_step wire_of(lwm2m::client_event what, lwm2m::update_result why, const lwm2m::client_outcome& outcome) {
  using E = lwm2m::client_event;
  static constexpr std::array<std::byte, 2> block{std::byte{1}, std::byte{2}};
  wire_step wire;
  const auto notify = [&](lwm2m::fw_state s, lwm2m::update_result r) {
    auto& m = wire.messages[wire.count++];
    m.operation = ota::lwm2m_operation::notify;
    m.target = ota::firmware_instance_path;
    m.values.state = s;
    m.values.result = r;
  };
  if (!lwm2m::is_server_operation(what)) {
    const auto [s, r] = reported_by(what, why);
    notify(s, r);
    return wire;
  }
  auto& request = wire.messages[wire.count++];
  switch (what) {
    case E::write_package:
      request.operation = ota::lwm2m_operation::write;
      request.target = ota::firmware_path(lwm2m::fw_resource::package);
      request.values.package = byte_view{block};
      break;
    case E::execute_update:
    case E::execute_update_deferred:
      request.operation = ota::lwm2m_operation::execute;
      request.target = ota::firmware_path(lwm2m::fw_resource::update);
      break;
    case E::execute_cancel:
      request.operation = ota::lwm2m_operation::execute;
      request.target = ota::firmware_path(lwm2m::fw_resource::cancel);
      break;
    default:  // the Package URI writes, a reset included
      request.operation = ota::lwm2m_operation::write;
      request.target = ota::firmware_path(lwm2m::fw_resource::package_uri);
      request.values.package_uri = what == E::write_package_uri                ? "coap://example.com/fw"
                                   : what == E::write_uri_unsupported_protocol ? "ftp://example.com/fw"
                                   : what == E::write_uri_invalid              ? "coap://[bad"
                                                                               : "";
      break;
  }
  auto& answer = wire.messages[wire.count++];
  answer.operation = ota::lwm2m_operation::response;
  answer.target = request.target;
  answer.response = outcome.response;
  // An accepted operation sets State and Update Result again: the device notifies them (a
  // refused URI written twice is refused twice).
  if (outcome.accepted()) notify(outcome.state, outcome.result);
  return wire;
}

/// The neutral state a client State stands for.
inline ota::upgrade_state neutral_of(lwm2m::fw_state s) {
  switch (s) {
    case lwm2m::fw_state::idle: return ota::upgrade_state::idle;
    case lwm2m::fw_state::downloading: return ota::upgrade_state::downloading;
    case lwm2m::fw_state::downloaded: return ota::upgrade_state::downloaded;
    case lwm2m::fw_state::updating: return ota::upgrade_state::installing;
  }
  return ota::upgrade_state::idle;
}

/// Whether the neutral outcome is one the client's last Update Result (in Idle, or Downloaded
/// with 8) can mean. Result 0 says nothing (initially, and after a reset); Deferred is not an
/// outcome (§1.5).
inline bool outcome_agrees(lwm2m::update_result r, ota::upgrade_outcome o) {
  using R = lwm2m::update_result;
  using O = ota::upgrade_outcome;
  switch (r) {
    case R::initial:
    case R::deferred: return true;
    case R::success: return o == O::succeeded;
    case R::invalid_uri:
    case R::unsupported_protocol: return o == O::offer_refused || o == O::download_failed;
    case R::integrity_check_failure: return o == O::download_failed || o == O::install_failed;
    case R::update_failed: return o == O::install_failed;
    case R::cancelled: return o == O::cancelled;
    default: return o == O::download_failed;
  }
}

}  // namespace otawire::test::ota_lwm2m

#endif
