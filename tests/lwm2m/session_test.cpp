// Object 5 state machine (§2.3-2.4): every row of the transition table, every refusal with its
// CoAP code, rule and state, and the server-side observer in strict and lenient mode.
#include "support/lwm2m_oracle.hpp"

#include <gtest/gtest.h>

#include <type_traits>
#include <utility>

namespace {
using namespace otawire::lwm2m;
using otawire::errc;
using otawire::byte_view;

client_outcome step(firmware_client& c, client_event e, update_result reason = update_result::initial) {
  auto r = c.apply(e, reason);
  EXPECT_TRUE(r.accepted()) << r.rejection->where();
  return r;
}

void expect_refused(firmware_client& c, client_event e, coap_code code, std::string_view rule,
                    std::string_view state) {
  const auto before_state = c.state();
  const auto before_result = c.last_result();
  const auto o = c.apply(e);
  EXPECT_EQ(o.response, code);
  ASSERT_TRUE(o.rejection.has_value());
  EXPECT_EQ(o.rejection->code(), errc::rule_violation);
  EXPECT_EQ(o.rejection->where(), rule);
  EXPECT_EQ(o.rejection->state(), state);
  EXPECT_EQ(c.state(), before_state);
  EXPECT_EQ(c.last_result(), before_result);
}

// An event that cannot happen: an outcome (the one channel) with the rule and no CoAP answer.
void expect_impossible(firmware_client& c, client_event e, std::string_view rule,
                       update_result reason = update_result::initial) {
  const auto before_state = c.state();
  const auto before_result = c.last_result();
  const client_outcome r = c.apply(e, reason);
  ASSERT_FALSE(r.accepted());
  EXPECT_EQ(r.response, coap_code::none);
  EXPECT_EQ(r.rejection->code(), errc::rule_violation);
  EXPECT_EQ(r.rejection->where(), rule);
  EXPECT_EQ(r.rejection->state(), name(c.state()));
  EXPECT_EQ(r.state, before_state);
  EXPECT_EQ(r.result, before_result);
  EXPECT_EQ(c.state(), before_state);
  EXPECT_EQ(c.last_result(), before_result);
}

TEST(Lwm2mClient, PullUpgradeHappyPath) {
  firmware_client c(object_version::v1_0);
  auto o = step(c, client_event::write_package_uri);
  EXPECT_EQ(o.response, coap_code::changed);
  EXPECT_EQ(o.state, fw_state::downloading);
  EXPECT_EQ(step(c, client_event::download_complete).state, fw_state::downloaded);
  o = step(c, client_event::execute_update);
  EXPECT_EQ(o.response, coap_code::changed);
  EXPECT_EQ(o.state, fw_state::updating);
  o = step(c, client_event::update_succeeded);
  EXPECT_EQ(o.response, coap_code::none);
  EXPECT_EQ(o.state, fw_state::idle);
  EXPECT_EQ(o.result, update_result::success);
  // A new download resets Update Result to 0.
  EXPECT_EQ(step(c, client_event::write_package).result, update_result::initial);
}

TEST(Lwm2mClient, UriErrorsAreReportedInUpdateResult) {
  firmware_client c(object_version::v1_0);
  auto o = step(c, client_event::write_uri_unsupported_protocol);
  EXPECT_EQ(o.response, coap_code::changed);
  EXPECT_EQ(o.state, fw_state::idle);
  EXPECT_EQ(o.result, update_result::unsupported_protocol);
  o = step(c, client_event::write_uri_invalid);
  EXPECT_EQ(o.result, update_result::invalid_uri);
}

TEST(Lwm2mClient, DownloadFailures) {
  for (auto reason : {update_result::not_enough_flash, update_result::out_of_ram,
                      update_result::connection_lost, update_result::integrity_check_failure,
                      update_result::unsupported_package_type, update_result::invalid_uri,
                      update_result::unsupported_protocol}) {
    firmware_client c(object_version::v1_0);
    step(c, client_event::write_package);
    const auto o = step(c, client_event::download_failed, reason);
    EXPECT_EQ(o.state, fw_state::idle);
    EXPECT_EQ(o.result, reason);
  }
  firmware_client c(object_version::v1_0);
  step(c, client_event::write_package);
  expect_impossible(c, client_event::download_failed, "download_failure_result", update_result::update_failed);
  expect_impossible(c, client_event::download_failed, "download_failure_result", update_result::success);
  firmware_client idle(object_version::v1_0);
  expect_impossible(idle, client_event::download_complete, "download_outcome_requires_downloading");
}

TEST(Lwm2mClient, ResetFromEveryStateButUpdating) {
  for (auto s : {fw_state::idle, fw_state::downloading, fw_state::downloaded}) {
    firmware_client c(object_version::v1_0, s, update_result::initial);
    const auto o = step(c, client_event::write_reset);
    EXPECT_EQ(o.response, coap_code::changed);
    EXPECT_EQ(o.state, fw_state::idle);
    EXPECT_EQ(o.result, update_result::initial);
  }
  firmware_client c(object_version::v1_0, fw_state::updating);
  expect_refused(c, client_event::write_reset, coap_code::method_not_allowed, "reset_while_updating", "updating");
}

TEST(Lwm2mClient, WritesOutsideIdle) {
  firmware_client downloading(object_version::v1_0, fw_state::downloading);
  expect_refused(downloading, client_event::write_package_uri, coap_code::bad_request,
                 "write_requires_idle_or_reset", "downloading");
  firmware_client downloaded(object_version::v1_0, fw_state::downloaded);
  expect_refused(downloaded, client_event::write_package, coap_code::bad_request,
                 "write_requires_idle_or_reset", "downloaded");
  firmware_client updating(object_version::v1_0, fw_state::updating);
  expect_refused(updating, client_event::write_package_uri, coap_code::method_not_allowed,
                 "write_while_updating", "updating");
}

TEST(Lwm2mClient, UpdateOnlyWhenDownloaded) {
  for (auto s : {fw_state::idle, fw_state::downloading, fw_state::updating}) {
    firmware_client c(object_version::v1_2, s);
    expect_refused(c, client_event::execute_update, coap_code::method_not_allowed,
                   "update_requires_downloaded", name(s));
  }
}

TEST(Lwm2mClient, UpdateOutcomes) {
  firmware_client c(object_version::v1_0, fw_state::updating);
  auto o = step(c, client_event::update_failed);
  EXPECT_EQ(o.state, fw_state::downloaded);
  EXPECT_EQ(o.result, update_result::update_failed);
  step(c, client_event::execute_update);
  expect_impossible(c, client_event::update_integrity_failed, "integrity_failure_at_update_requires_object_1_1");
  firmware_client v11(object_version::v1_1, fw_state::updating);
  o = step(v11, client_event::update_integrity_failed);
  EXPECT_EQ(o.state, fw_state::idle);
  EXPECT_EQ(o.result, update_result::integrity_check_failure);
  expect_impossible(v11, client_event::update_succeeded, "update_outcome_requires_updating");
}

TEST(Lwm2mClient, CancelOnlyFromObject11) {
  firmware_client v10(object_version::v1_0, fw_state::downloading);
  expect_refused(v10, client_event::execute_cancel, coap_code::not_found, "cancel_requires_object_1_1",
                 "downloading");
  for (auto s : {fw_state::downloading, fw_state::downloaded}) {
    firmware_client c(object_version::v1_1, s);
    const auto o = step(c, client_event::execute_cancel);
    EXPECT_EQ(o.response, coap_code::changed);
    EXPECT_EQ(o.state, fw_state::idle);
    EXPECT_EQ(o.result, update_result::cancelled);
  }
  for (auto s : {fw_state::idle, fw_state::updating}) {
    firmware_client c(object_version::v1_2, s);
    expect_refused(c, client_event::execute_cancel, coap_code::method_not_allowed,
                   "cancel_requires_downloading_or_downloaded", name(s));
  }
}

TEST(Lwm2mClient, DeferOnlyFromObject11) {
  firmware_client c(object_version::v1_1, fw_state::downloaded);
  expect_impossible(c, client_event::deferred_update_accepted, "accept_requires_deferred_update");
  auto o = step(c, client_event::execute_update_deferred);
  EXPECT_EQ(o.state, fw_state::downloaded);
  EXPECT_EQ(o.result, update_result::deferred);
  o = step(c, client_event::deferred_update_accepted);
  EXPECT_EQ(o.state, fw_state::updating);
  EXPECT_EQ(o.result, update_result::initial);
  firmware_client v10(object_version::v1_0, fw_state::downloaded);
  expect_impossible(v10, client_event::execute_update_deferred, "defer_requires_object_1_1");
}

// Issue 12 item 11: `apply` had two error channels (a result error for impossible events such as
// a deferral on object 1.0, an outcome for refusals). Now every rejection is an outcome.
static_assert(std::is_same_v<decltype(std::declval<firmware_client&>().apply(client_event::write_package)),
                             client_outcome>);

TEST(Lwm2mClient, EveryRejectionIsAnOutcome) {
  firmware_client v10(object_version::v1_0, fw_state::downloaded, update_result::update_failed);
  const client_outcome deferred = v10.apply(client_event::execute_update_deferred);
  ASSERT_TRUE(deferred.rejection.has_value());
  EXPECT_EQ(deferred.rejection->where(), "defer_requires_object_1_1");
  EXPECT_EQ(deferred.rejection->state(), "downloaded");
  EXPECT_EQ(deferred.response, coap_code::none);
  EXPECT_EQ(deferred.state, fw_state::downloaded);
  EXPECT_EQ(deferred.result, update_result::update_failed);
  // A refusal and an impossible device outcome travel the same way.
  const client_outcome refused = v10.apply(client_event::execute_cancel);
  EXPECT_FALSE(refused.accepted());
  EXPECT_EQ(refused.response, coap_code::not_found);
  const client_outcome impossible = v10.apply(client_event::update_succeeded);
  EXPECT_FALSE(impossible.accepted());
  EXPECT_EQ(impossible.response, coap_code::none);
  EXPECT_EQ(impossible.rejection->where(), "update_outcome_requires_updating");
  EXPECT_TRUE(v10.apply(client_event::execute_update).accepted());
}

// ---- server side ------------------------------------------------------------------------------

otawire::result<void> see(firmware_observer& o, int state, int result) {
  return o.observe(state < 0 ? std::nullopt : std::optional(static_cast<fw_state>(state)),
                   result < 0 ? std::nullopt : std::optional(static_cast<update_result>(result)));
}

TEST(Lwm2mObserver, StrictFullSequence) {
  firmware_observer o(object_version::v1_0, observe_mode::strict);
  EXPECT_EQ(o.state_name(), "unknown");
  for (auto [s, r] : {std::pair{0, 0}, {0, 0}, {1, 0}, {2, 0}, {3, 0}, {2, 8}, {3, 0}, {0, 1}}) {
    ASSERT_TRUE(see(o, s, r)) << s << "," << r;
  }
  EXPECT_EQ(o.state(), fw_state::idle);
  EXPECT_EQ(o.last_result(), update_result::success);
}

TEST(Lwm2mObserver, StrictRejectsMissedStateLenientAccepts) {
  firmware_observer strict(object_version::v1_0, observe_mode::strict);
  ASSERT_TRUE(see(strict, 0, 0));
  const auto e = see(strict, 2, 0);
  ASSERT_FALSE(e);
  EXPECT_EQ(e.error().where(), "transition_not_allowed");
  EXPECT_EQ(e.error().state(), "idle");
  EXPECT_EQ(strict.state(), fw_state::idle);  // unchanged after a rejection
  firmware_observer lenient(object_version::v1_0, observe_mode::lenient);
  ASSERT_TRUE(see(lenient, 0, 0));
  EXPECT_TRUE(see(lenient, 2, 0));
  EXPECT_TRUE(see(lenient, 0, 1));  // Updating was missed
}

TEST(Lwm2mObserver, LenientStillRejectsUnreachable) {
  firmware_observer o(object_version::v1_0, observe_mode::lenient);
  ASSERT_TRUE(see(o, 0, 0));
  // Idle with 8 is a value 1.0 allows in Idle (E.6.1: 0..9) but no 1.0 transition produces it.
  const auto e = see(o, 0, 8);
  ASSERT_FALSE(e);
  EXPECT_EQ(e.error().where(), "state_not_reachable");
  firmware_observer v11(object_version::v1_1, observe_mode::lenient);
  ASSERT_TRUE(see(v11, 0, 0));
  EXPECT_TRUE(see(v11, 0, 8));  // 1.1: a failed update may return to Idle
}

TEST(Lwm2mObserver, UpdateResultOnlyWhereAllowed) {
  firmware_observer o(object_version::v1_0, observe_mode::strict);
  EXPECT_EQ(see(o, 0, 10).error().where(), "update_result_not_defined_for_object_version");
  EXPECT_EQ(see(o, 1, 3).error().where(), "update_result_not_allowed_in_state");
  EXPECT_EQ(see(o, 3, 1).error().where(), "update_result_not_allowed_in_state");
  EXPECT_EQ(see(o, 2, 11).error().where(), "update_result_not_defined_for_object_version");
  firmware_observer v11(object_version::v1_1, observe_mode::strict);
  EXPECT_TRUE(see(v11, 2, 11));
  EXPECT_TRUE(see(v11, 0, 10));  // cancel
  EXPECT_EQ(see(v11, 0, 11).error().where(), "update_result_not_allowed_in_state");
}

TEST(Lwm2mObserver, PartialNotifications) {
  // Observing State alone, then Update Result alone.
  firmware_observer o(object_version::v1_1, observe_mode::strict);
  for (int s : {0, 1, 2, 3, 0}) ASSERT_TRUE(see(o, s, -1)) << s;
  EXPECT_EQ(o.state(), fw_state::idle);
  EXPECT_FALSE(o.last_result().has_value());  // 1, 5 or 8 after Updating -> Idle
  ASSERT_TRUE(see(o, -1, 1));
  EXPECT_EQ(o.last_result(), update_result::success);
  const auto e = see(o, -1, 10);  // Idle(1) -> Idle(10) is not a transition
  ASSERT_FALSE(e);
  EXPECT_EQ(e.error().where(), "transition_not_allowed");
}

TEST(Lwm2mObserver, AcceptsEveryClientTrace) {
  // Differential: whatever the client machine does, the strict observer accepts it.
  for (auto v : {object_version::v1_0, object_version::v1_1, object_version::v1_2}) {
    firmware_client c(v);
    firmware_observer o(v, observe_mode::strict);
    ASSERT_TRUE(see(o, 0, 0));
    for (auto e : {client_event::write_package_uri, client_event::download_complete,
                   client_event::execute_update, client_event::update_failed,
                   client_event::execute_update, client_event::update_succeeded,
                   client_event::write_package, client_event::execute_cancel,
                   client_event::write_uri_invalid, client_event::write_reset}) {
      const auto r = c.apply(e);
      ASSERT_TRUE(r.accepted() || r.response != coap_code::none);  // answered, maybe refused
      EXPECT_TRUE(o.observe(c.state(), c.last_result())) << static_cast<int>(e);
    }
  }
}

static_assert([] {
  firmware_client c(object_version::v1_1);
  auto a = c.apply(client_event::write_package);
  auto b = c.apply(client_event::execute_cancel);
  return a.accepted() && b.accepted() && c.state() == fw_state::idle && c.last_result() == update_result::cancelled;
}());

}  // namespace
