// LwM2M Object 5 ↔ neutral events, from crosswalk.md's own rows: §2.2 (what each operation
// becomes), §3.2 (the LWM column) and §3.3 (the Update Result depends on the transition and the
// object version), plus a rapidcheck property: an event read off LwM2M and written back reads
// as the same event whenever both conversions claim `exact`, and `exact` is never claimed for
// the crosswalk's lossy Update Results (3, 4, 8).
#include <otawire/ota/lwm2m.hpp>
#include <otawire/ota/pcp.hpp>  // both mappings in one program: the profile picks the protocol

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <array>
#include <string_view>

namespace {
namespace ota = otawire::ota;
namespace lwm2m = otawire::lwm2m;
using lwm2m::fw_resource;
using lwm2m::fw_state;
using lwm2m::update_result;
using ota::event_kind;
using ota::fidelity;
using ota::reason;

struct converted {
  std::array<ota::event, ota::lwm2m_max_events> events{};
  std::size_t count = 0;
};

converted convert(const ota::lwm2m_message& m, ota::lwm2m_session_context context = {}) {
  converted out{};
  auto n = ota::to_events(m, ota::envelope{}, context, out.events);
  EXPECT_TRUE(n.has_value());
  out.count = n ? *n : 0;
  return out;
}

ota::lwm2m_message op(ota::lwm2m_operation o, lwm2m::path p) {
  ota::lwm2m_message m{};
  m.operation = o;
  m.target = p;
  return m;
}

ota::lwm2m_message notify(std::optional<fw_state> s, std::optional<update_result> r = {}) {
  auto m = op(ota::lwm2m_operation::notify, ota::firmware_instance_path);
  m.values.state = s;
  m.values.result = r;
  return m;
}

// --- §2.2, one row at a time ----------------------------------------------------------------------

TEST(OtaLwm2m, DeviceObjectVersionIsQueryAndReport) {
  const auto read = op(ota::lwm2m_operation::read_request, ota::device_firmware_version_path);
  auto c = convert(read);
  ASSERT_EQ(c.count, 1u);
  EXPECT_EQ(c.events[0].kind(), event_kind::version_query);
  EXPECT_EQ(c.events[0].head.dir, otawire::direction::platform_to_device);

  auto value = op(ota::lwm2m_operation::read_value, ota::device_firmware_version_path);
  value.running_version = "2.0.1";
  c = convert(value);
  ASSERT_EQ(c.count, 1u);
  const auto& report = std::get<ota::version_report>(c.events[0].body);
  EXPECT_EQ(report.first.version, "2.0.1");
  EXPECT_EQ(report.first.part.kind, ota::component_kind::firmware);
  EXPECT_TRUE(report.solicited);
  EXPECT_EQ(c.events[0].head.dir, otawire::direction::device_to_platform);

  value.operation = ota::lwm2m_operation::notify;
  EXPECT_FALSE(std::get<ota::version_report>(convert(value).events[0].body).solicited);
  // Another resource read is no event (capability metadata, §2.2).
  EXPECT_EQ(convert(op(ota::lwm2m_operation::read_request, ota::firmware_path(fw_resource::protocol_support))).count, 0u);
}

TEST(OtaLwm2m, WritePackageUriIsAUrlOfferWithThePolicy) {
  auto w = op(ota::lwm2m_operation::write, ota::firmware_instance_path);
  w.values.package_uri = "coap://ota.example.com/fw/2.0.bin";
  w.values.update_severity = lwm2m::severity::mandatory;
  w.values.maximum_defer_period = 3600;
  const auto c = convert(w);
  ASSERT_EQ(c.count, 1u);
  const auto& offer = std::get<ota::upgrade_offer>(c.events[0].body);
  EXPECT_EQ(offer.package.source.kind, ota::source_kind::url);
  EXPECT_EQ(offer.package.source.url, "coap://ota.example.com/fw/2.0.bin");
  EXPECT_TRUE(offer.package.version.empty());  // LwM2M names no target version
  EXPECT_EQ(offer.package.policy.severity, 1);
  EXPECT_EQ(offer.package.policy.max_defer_seconds, 3600u);
}

TEST(OtaLwm2m, RefusedUriIsResult7Or9WhileIdle) {
  auto c = convert(notify(fw_state::idle, update_result::invalid_uri), {fw_state::idle, {}});
  EXPECT_EQ(std::get<ota::refused>(c.events[0].body), (ota::refused{ota::answer_subject::offer, reason::invalid_uri}));
  c = convert(notify(fw_state::idle, update_result::unsupported_protocol), {fw_state::idle, {}});
  EXPECT_EQ(std::get<ota::refused>(c.events[0].body),
            (ota::refused{ota::answer_subject::offer, reason::unsupported_protocol}));
  // The same 7 after a download started is a download failure.
  c = convert(notify(fw_state::idle, update_result::invalid_uri), {fw_state::downloading, {}});
  EXPECT_EQ(std::get<ota::failed>(c.events[0].body), (ota::failed{ota::phase::download, reason::invalid_uri, {}}));
}

TEST(OtaLwm2m, PushedPackageIsAnOfferOnTheFirstBlockAndChunksThroughout) {
  const std::array<std::byte, 4> block{std::byte{1}, std::byte{2}, std::byte{3}, std::byte{4}};
  auto w = op(ota::lwm2m_operation::write, ota::firmware_path(fw_resource::package));
  w.values.package = otawire::byte_view{block};
  auto c = convert(w);
  ASSERT_EQ(c.count, 2u);
  EXPECT_EQ(std::get<ota::upgrade_offer>(c.events[0].body).package.source.kind, ota::source_kind::push);
  const auto& piece = std::get<ota::chunk>(c.events[1].body);
  EXPECT_TRUE(piece.by_offset);
  EXPECT_EQ(piece.position, 0u);
  EXPECT_EQ(piece.bytes.data(), block.data());
  w.block_offset = 1024;
  c = convert(w);
  ASSERT_EQ(c.count, 1u);
  EXPECT_EQ(std::get<ota::chunk>(c.events[0].body).position, 1024u);
}

TEST(OtaLwm2m, ResetWritesAreCancelReset) {
  auto uri = op(ota::lwm2m_operation::write, ota::firmware_path(fw_resource::package_uri));
  uri.values.package_uri = std::string_view{};
  EXPECT_EQ(std::get<ota::cancel>(convert(uri).events[0].body).mode, ota::cancel_mode::reset);
  const std::array<std::byte, 1> nul{std::byte{0}};
  auto package = op(ota::lwm2m_operation::write, ota::firmware_path(fw_resource::package));
  package.values.package = otawire::byte_view{nul};
  EXPECT_EQ(std::get<ota::cancel>(convert(package).events[0].body).mode, ota::cancel_mode::reset);
}

TEST(OtaLwm2m, ExecuteUpdateAndItsOutcomes) {
  EXPECT_EQ(convert(op(ota::lwm2m_operation::execute, ota::firmware_path(fw_resource::update))).events[0].kind(),
            event_kind::install_request);
  // State 3 from Downloaded: accepted{install} and progress{install}.
  auto c = convert(notify(fw_state::updating), {fw_state::downloaded, {}});
  ASSERT_EQ(c.count, 2u);
  EXPECT_EQ(std::get<ota::accepted>(c.events[0].body).subject, ota::answer_subject::install);
  EXPECT_EQ(std::get<ota::progress>(c.events[1].body).stage, ota::phase::install);
  // Result 11: deferred, not terminal.
  c = convert(notify(fw_state::downloaded, update_result::deferred), {fw_state::downloaded, {}});
  EXPECT_EQ(std::get<ota::refused>(c.events[0].body), (ota::refused{ota::answer_subject::install, reason::deferred}));
  // 4.05 when not Downloaded.
  auto refusal = op(ota::lwm2m_operation::response, ota::firmware_path(fw_resource::update));
  refusal.response = lwm2m::coap_code::method_not_allowed;
  c = convert(refusal);
  EXPECT_EQ(std::get<ota::refused>(c.events[0].body), (ota::refused{ota::answer_subject::install, reason::internal_error}));
  EXPECT_EQ(c.events[0].mapped, fidelity::lossy);
  // A 2.04 is no event: the acceptance shows in the State.
  refusal.response = lwm2m::coap_code::changed;
  EXPECT_EQ(convert(refusal).count, 0u);
}

TEST(OtaLwm2m, ExecuteCancelAndItsOutcomes) {
  EXPECT_EQ(std::get<ota::cancel>(convert(op(ota::lwm2m_operation::execute, ota::firmware_path(fw_resource::cancel)))
                                      .events[0]
                                      .body)
                .mode,
            ota::cancel_mode::cancel);
  auto c = convert(notify(fw_state::idle, update_result::cancelled), {fw_state::downloading, {}});
  EXPECT_EQ(std::get<ota::failed>(c.events[0].body).why, reason::cancelled);
  auto refusal = op(ota::lwm2m_operation::response, ota::firmware_path(fw_resource::cancel));
  refusal.response = lwm2m::coap_code::method_not_allowed;
  EXPECT_EQ(std::get<ota::refused>(convert(refusal).events[0].body).subject, ota::answer_subject::cancel);
}

TEST(OtaLwm2m, StateNotifications) {
  auto c = convert(notify(fw_state::downloading), {fw_state::idle, {}});
  ASSERT_EQ(c.count, 2u);  // State 0→1: the offer is accepted, the download runs
  EXPECT_EQ(std::get<ota::accepted>(c.events[0].body).subject, ota::answer_subject::offer);
  EXPECT_EQ(std::get<ota::progress>(c.events[1].body), (ota::progress{ota::phase::download, {}, {}, {}}));
  EXPECT_EQ(convert(notify(fw_state::downloading), {fw_state::downloading, {}}).count, 1u);
  auto downloaded = notify(fw_state::downloaded);
  downloaded.values.pkg_version = "2.0";
  c = convert(downloaded, {fw_state::downloading, {}});
  ASSERT_EQ(c.count, 1u);
  EXPECT_EQ(std::get<ota::download_finished>(c.events[0].body),
            (ota::download_finished{ota::verification::verified, "2.0"}));  // PkgVersion annotates it
  EXPECT_EQ(convert(notify(fw_state::idle, update_result::initial)).count, 0u);  // 0: no event
}

TEST(OtaLwm2m, Result1IsSynthesisedSuccessWithTheDeviceObjectsVersion) {
  const auto c = convert(notify(fw_state::idle, update_result::success), {fw_state::updating, "2.0.1"});
  ASSERT_EQ(c.count, 1u);
  EXPECT_EQ(std::get<ota::succeeded>(c.events[0].body).new_version, "2.0.1");
  EXPECT_EQ(c.events[0].mapped, fidelity::synthesised);
  EXPECT_EQ(c.events[0].made_by, &ota::rules::lwm2m_success_version_from_device_object);
}

// A server reads /5/0 again after the update (for the new PkgName/PkgVersion, as the inspector's
// lwm2m-pull capture does): Result 1 in Idle again is no second success; a new result is news.
TEST(OtaLwm2m, TheSameResultReadAgainIsNoNewOutcome) {
  const ota::lwm2m_session_context after_success{fw_state::idle, "2.0.1", update_result::success};
  EXPECT_EQ(convert(notify(fw_state::idle, update_result::success), after_success).count, 0u);
  const auto read = [] {
    auto m = notify(fw_state::idle, update_result::success);
    m.operation = ota::lwm2m_operation::read_value;
    return m;
  }();
  EXPECT_EQ(convert(read, after_success).count, 0u);
  // Different result, or the same result reached from another State: an outcome.
  EXPECT_EQ(convert(notify(fw_state::idle, update_result::integrity_check_failure), after_success).count, 1u);
  const ota::lwm2m_session_context updating_after_success{fw_state::updating, "2.0.1", update_result::success};
  EXPECT_EQ(convert(notify(fw_state::idle, update_result::success), updating_after_success).count, 1u);
  // Without the last result known (the default), every Result read is an outcome, as before.
  EXPECT_EQ(convert(notify(fw_state::idle, update_result::success), {fw_state::idle, "2.0.1"}).count, 1u);
}

TEST(OtaLwm2m, FailureResultsFollowTheLwm2mColumn) {
  struct row {
    update_result code;
    reason why;
    fidelity mapped;
  };
  const std::array<row, 8> rows{{{update_result::not_enough_flash, reason::no_storage, fidelity::exact},
                                 {update_result::out_of_ram, reason::out_of_memory, fidelity::lossy},
                                 {update_result::connection_lost, reason::download_timeout, fidelity::lossy},
                                 {update_result::integrity_check_failure, reason::integrity_failed, fidelity::exact},
                                 {update_result::unsupported_package_type, reason::unsupported_package, fidelity::exact},
                                 {update_result::invalid_uri, reason::invalid_uri, fidelity::exact},
                                 {update_result::unsupported_protocol, reason::unsupported_protocol, fidelity::exact},
                                 {update_result::cancelled, reason::cancelled, fidelity::exact}}};
  for (const auto& r : rows) {
    const auto c = convert(notify(fw_state::idle, r.code), {fw_state::downloading, {}});
    ASSERT_EQ(c.count, 1u);
    EXPECT_EQ(std::get<ota::failed>(c.events[0].body), (ota::failed{ota::phase::download, r.why, {}}));
    EXPECT_EQ(c.events[0].mapped, r.mapped) << lwm2m::name(r.code);
  }
  // 8 from Updating is the install failure (≈); during a download (Zephyr) it names no class.
  auto c = convert(notify(fw_state::downloaded, update_result::update_failed), {fw_state::updating, {}});
  EXPECT_EQ(std::get<ota::failed>(c.events[0].body), (ota::failed{ota::phase::install, reason::install_failed, {}}));
  EXPECT_EQ(c.events[0].mapped, fidelity::lossy);
  c = convert(notify(fw_state::idle, update_result::update_failed), {fw_state::downloading, {}});
  EXPECT_EQ(std::get<ota::failed>(c.events[0].body).why, reason::unspecified);
  // Beyond the registry: unspecified, the raw code kept.
  c = convert(notify(fw_state::idle, static_cast<update_result>(42)), {fw_state::downloading, {}});
  EXPECT_EQ(std::get<ota::failed>(c.events[0].body).why, reason::unspecified);
  EXPECT_EQ(c.events[0].head.vendor.raw_code, 42);
}

TEST(OtaLwm2m, LastStateChangeTimeIsTheEnvelopesTimeWhenItFits) {
  auto m = notify(fw_state::downloading);
  m.values.last_state_change_time = 1700000000;
  EXPECT_EQ(convert(m, {fw_state::downloading, {}}).events[0].head.time_ms, 1700000000000);
  // Found by fuzz_ota_lwm2m: seconds × 1000 overflowed; such a time is left out.
  m.values.last_state_change_time = -3889980879556036088;
  EXPECT_FALSE(convert(m, {fw_state::downloading, {}}).events[0].head.time_ms);
}

// --- §3.3: the Update Result depends on the transition and the object version ---------------------

TEST(OtaLwm2m, EncodedResultsAreLegalForTheirTransition) {
  for (const auto version : {lwm2m::object_version::v1_0, lwm2m::object_version::v1_1, lwm2m::object_version::v1_2}) {
    for (std::size_t r = 0; r < ota::reason_count; ++r) {
      const auto why = static_cast<reason>(r);
      const auto download = ota::encode_lwm2m_reason(ota::phase::download, why, {version});
      const auto install = ota::encode_lwm2m_reason(ota::phase::install, why, {version});
      EXPECT_LE(static_cast<unsigned>(download.code), lwm2m::max_update_result(version)) << ota::name(why);
      EXPECT_LE(static_cast<unsigned>(install.code), lwm2m::max_update_result(version)) << ota::name(why);
      if (download.state_after == fw_state::idle && download.code != update_result::initial) {
        // DOWNLOADING → IDLE: 2–7, 9 (8 by Zephyr's precedent, never exact), 10 by Cancel.
        const auto c = static_cast<unsigned>(download.code);
        EXPECT_TRUE((c >= 2 && c <= 10)) << ota::name(why);
        if (download.code == update_result::update_failed) {
          EXPECT_NE(download.mapped, fidelity::exact);
        }
      }
      // UPDATING → DOWNLOADED: 8 (or 11 deferred); UPDATING → IDLE: 5, 10.
      if (install.state_after == fw_state::downloaded) {
        EXPECT_TRUE(install.code == update_result::update_failed || install.code == update_result::deferred ||
                    install.code == update_result::initial);
      } else {
        EXPECT_TRUE(install.code == update_result::integrity_check_failure || install.code == update_result::cancelled);
      }
      if (download.mapped == fidelity::exact) {
        EXPECT_EQ(ota::decode_lwm2m_reason(download.code).why, why) << ota::name(why);
      }
    }
  }
}

ota::event neutral(ota::event_body body) {
  ota::event e{};
  e.head.source_protocol = ota::protocol::tencent;
  e.head.vendor.source = ota::protocol::tencent;
  e.body = body;
  return e;
}

TEST(OtaLwm2m, ForeignRefusalsBeforeDownloadBecome8) {
  for (const auto why : {reason::busy, reason::poor_signal, reason::low_battery, reason::already_latest,
                         reason::internal_error}) {
    auto out = ota::from_event(neutral(ota::refused{ota::answer_subject::offer, why}), ota::lwm2m_profile{});
    ASSERT_TRUE(out.has_value());
    EXPECT_EQ(out->message->values.result, update_result::update_failed) << ota::name(why);
    EXPECT_EQ(out->mapped, fidelity::fallback);
    EXPECT_TRUE(ota::contains(out->lost, ota::lost_field::exact_reason));
  }
  auto expired = ota::from_event(neutral(ota::refused{ota::answer_subject::offer, reason::download_auth_failed}), ota::lwm2m_profile{});
  EXPECT_EQ(expired->message->values.result, update_result::invalid_uri);  // a presigned URI that expired
}

TEST(OtaLwm2m, Object10HasNoCancelOrDeferResult) {
  const ota::lwm2m_profile old{lwm2m::object_version::v1_0};
  auto cancelled = ota::from_event(neutral(ota::cancel{ota::cancel_mode::cancel}), old);
  ASSERT_TRUE(cancelled.has_value());
  EXPECT_EQ(cancelled->message->operation, ota::lwm2m_operation::write);  // the reset Write
  EXPECT_EQ(cancelled->mapped, fidelity::lossy);
  auto deferred = ota::from_event(neutral(ota::refused{ota::answer_subject::install, reason::deferred}), old);
  ASSERT_TRUE(deferred.has_value());
  EXPECT_FALSE(deferred->message->values.result);
  EXPECT_EQ(deferred->mapped, fidelity::lossy);
  auto failed = ota::from_event(neutral(ota::failed{ota::phase::download, reason::cancelled, {}}), old);
  EXPECT_EQ(failed->message->values.result, update_result::initial);
}

TEST(OtaLwm2m, ForeignOfferReportsWhatLwm2mCannotCarry) {
  ota::upgrade_offer offer{};
  offer.package.version = "1.3.0";
  offer.package.min_size = offer.package.max_size = 4096;
  offer.package.source.kind = ota::source_kind::url;
  offer.package.source.url = "https://cos.example.com/fw.bin?sign=abc";
  offer.package.source.auth = ota::url_auth::presigned;
  offer.package.package_digest = {ota::digest_algorithm::md5, "00112233445566778899aabbccddeeff"};
  auto out = ota::from_event(neutral(offer), ota::lwm2m_profile{});
  ASSERT_TRUE(out.has_value());
  EXPECT_EQ(out->message->values.package_uri, "https://cos.example.com/fw.bin?sign=abc");
  EXPECT_TRUE(ota::contains(out->lost, ota::lost_field::version | ota::lost_field::digest | ota::lost_field::exact_size));
  EXPECT_EQ(out->mapped, fidelity::lossy);
  // Header authentication and URIs over 255 bytes need re-hosting (§4.2): an error, not a change.
  offer.package.source.auth = ota::url_auth::bearer;
  EXPECT_EQ(ota::from_event(neutral(offer), ota::lwm2m_profile{}).error().code(), otawire::errc::unsupported);
  offer.package.source.auth = ota::url_auth::none;
  const std::string_view long_url(
      "https://example.com/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
      "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
      "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
  ASSERT_GT(long_url.size(), 255u);
  offer.package.source.url = long_url;
  EXPECT_EQ(ota::from_event(neutral(offer), ota::lwm2m_profile{}).error().code(), otawire::errc::unsupported);
  offer.package.source.kind = ota::source_kind::fragments;  // PCP's: the gateway assembles (§4.1 As)
  EXPECT_EQ(ota::from_event(neutral(offer), ota::lwm2m_profile{}).error().code(), otawire::errc::unsupported);
}

TEST(OtaLwm2m, ProgressPercentIsReportedLost) {
  auto out = ota::from_event(neutral(ota::progress{ota::phase::download, 40, {}, {}}), ota::lwm2m_profile{});
  ASSERT_TRUE(out.has_value());
  EXPECT_EQ(out->message->values.state, fw_state::downloading);
  EXPECT_TRUE(ota::contains(out->lost, ota::lost_field::percent));
  EXPECT_NE(out->mapped, fidelity::exact);
}

TEST(OtaLwm2m, EventsWithoutAnOperationSaySo) {
  for (const ota::event_body& body : {ota::event_body{ota::upgrade_request{}}, ota::event_body{ota::no_upgrade{}},
                                      ota::event_body{ota::ack{}}, ota::event_body{ota::chunk_request{}}}) {
    auto out = ota::from_event(neutral(body), ota::lwm2m_profile{});
    ASSERT_TRUE(out.has_value());
    EXPECT_FALSE(out->message);
    EXPECT_TRUE(ota::contains(out->lost, ota::lost_field::whole_event));
  }
}

// --- round trips ----------------------------------------------------------------------------------

/// message → its first event → message, for the rows the crosswalk maps without loss.
void expect_round_trip(const ota::lwm2m_message& m, ota::lwm2m_session_context context = {}) {
  const auto c = convert(m, context);
  ASSERT_GE(c.count, 1u);
  auto back = ota::from_event(c.events[0], ota::lwm2m_profile{});
  ASSERT_TRUE(back.has_value());
  ASSERT_TRUE(back->message);
  EXPECT_EQ(*back->message, m) << ota::name(c.events[0].kind());
  EXPECT_EQ(back->mapped, fidelity::exact) << ota::name(c.events[0].kind());
}

TEST(OtaLwm2m, LosslessRowsRoundTripExactly) {
  expect_round_trip(op(ota::lwm2m_operation::read_request, ota::device_firmware_version_path));
  auto value = op(ota::lwm2m_operation::read_value, ota::device_firmware_version_path);
  value.running_version = "1.0";
  expect_round_trip(value);
  auto uri = op(ota::lwm2m_operation::write, ota::firmware_path(fw_resource::package_uri));
  uri.values.package_uri = "coaps://ota.example.com/fw";
  expect_round_trip(uri);
  auto reset = op(ota::lwm2m_operation::write, ota::firmware_path(fw_resource::package_uri));
  reset.values.package_uri = std::string_view{};
  expect_round_trip(reset);
  expect_round_trip(op(ota::lwm2m_operation::execute, ota::firmware_path(fw_resource::update)));
  expect_round_trip(op(ota::lwm2m_operation::execute, ota::firmware_path(fw_resource::cancel)));
  expect_round_trip(notify(fw_state::downloaded), {fw_state::downloading, {}});
  expect_round_trip(notify(fw_state::downloaded, update_result::deferred), {fw_state::downloaded, {}});
  expect_round_trip(notify(fw_state::idle, update_result::invalid_uri), {fw_state::idle, {}});
  expect_round_trip(notify(fw_state::idle, update_result::not_enough_flash), {fw_state::downloading, {}});
  expect_round_trip(notify(fw_state::idle, update_result::cancelled), {fw_state::downloading, {}});
  expect_round_trip(notify(fw_state::downloading), {fw_state::downloading, {}});
  expect_round_trip(notify(fw_state::updating), {fw_state::updating, {}});
}

rc::Gen<ota::lwm2m_message> gen_message() {
  return rc::gen::exec([] {
    ota::lwm2m_message m{};
    m.operation = static_cast<ota::lwm2m_operation>(*rc::gen::inRange<unsigned>(0, 6));
    const auto rid = *rc::gen::element<std::uint16_t>(0, 1, 2, 3, 5, 7, 10, 11);
    m.target = *rc::gen::element(ota::device_firmware_version_path, ota::firmware_instance_path,
                                 ota::firmware_path(static_cast<fw_resource>(rid)));
    if (*rc::gen::arbitrary<bool>()) m.values.state = static_cast<fw_state>(*rc::gen::inRange<unsigned>(0, 4));
    if (*rc::gen::arbitrary<bool>()) m.values.result = static_cast<update_result>(*rc::gen::inRange<unsigned>(0, 13));
    if (*rc::gen::arbitrary<bool>()) m.values.package_uri = *rc::gen::element<std::string_view>("", "coap://a/b");
    m.response = static_cast<lwm2m::coap_code>(*rc::gen::inRange<unsigned>(0, 5));
    m.running_version = *rc::gen::element<std::string_view>("", "1.0", "2.0");
    return m;
  });
}

RC_GTEST_PROP(OtaLwm2mProp, ExactEventsSurviveTheWayBack, ()) {
  const auto m = *gen_message();
  const ota::lwm2m_session_context context{static_cast<fw_state>(*rc::gen::inRange<unsigned>(0, 4)), "2.0"};
  const auto version = static_cast<lwm2m::object_version>(*rc::gen::inRange<unsigned>(0, 3));
  std::array<ota::event, ota::lwm2m_max_events> events{};
  auto n = ota::to_events(m, ota::envelope{}, context, events);
  RC_ASSERT(n.has_value());
  for (std::size_t i = 0; i < *n; ++i) {
    const auto& e = events[i];
    // The crosswalk's ≈ Update Results are never claimed exact.
    if (m.values.result && (*m.values.result == update_result::out_of_ram ||
                            *m.values.result == update_result::connection_lost ||
                            *m.values.result == update_result::update_failed)) {
      if (e.kind() == event_kind::failed) RC_ASSERT(e.mapped != fidelity::exact);
    }
    RC_ASSERT(e.synthesised() == (e.made_by != nullptr));
    auto back = ota::from_event(e, ota::lwm2m_profile{version});
    if (!back || !back->message) continue;
    if (e.mapped != fidelity::exact || back->mapped != fidelity::exact) continue;
    std::array<ota::event, ota::lwm2m_max_events> again{};
    auto k = ota::to_events(*back->message, ota::envelope{}, context, again);
    RC_ASSERT(k.has_value());
    bool found = false;
    for (std::size_t j = 0; j < *k; ++j) found = found || again[j].body == e.body;
    RC_ASSERT(found);
  }
}

}  // namespace
