// Huawei IoTDA MQTT `$ota` ↔ neutral events, from crosswalk.md's own rows: §2.6 (what each of the
// seven event types becomes, on the spec's doc examples and real captures, hwali §A.3), §3.2 (the
// HWM code column), plus rapidcheck properties: message → events → message is the identity
// where the events claim `exact`, a lossy mapping never claims it, and the neutral session
// validator agrees with huawei::session on random legal and mutated sessions (item 3).
#define OTAWIRE_TEST_WITH_RAPIDCHECK
#include <otawire/huawei.hpp>
#include <otawire/ota/huawei.hpp>
#include <otawire/ota/session.hpp>

#include "support/huawei_arbitrary.hpp"
#include "support/ota_hwali_harness.hpp"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <array>
#include <string>
#include <string_view>
#include <vector>

namespace {
namespace ota = otawire::ota;
namespace hw = otawire::huawei;
using ota::event_kind;
using ota::fidelity;
using ota::reason;
using otawire::direction;

struct converted {
  std::array<ota::event, ota::huawei_max_events> events{};
  std::size_t count = 0;
};

converted convert(const hw::message& m, ota::huawei_session_context context = {}) {
  converted out{};
  auto n = ota::to_events(m, ota::envelope{}, context, out.events);
  EXPECT_TRUE(n.has_value());
  out.count = n ? *n : 0;
  return out;
}

/// The message the text decodes to (fast path: raw values keep their text). The parser owns
/// the strings, so each test decodes with its own.
hw::message decoded(otawire::json::parser& p, std::string_view text) {
  auto m = hw::decode_payload(p, text);
  EXPECT_TRUE(m.has_value()) << text;
  return m ? *m : hw::message{};
}

// Events view into the message: converting a temporary message does not compile.
template <class M>
concept convertible_to_events = requires(M&& m, std::span<ota::event> out) {
  ota::to_events(static_cast<M&&>(m), ota::envelope{}, ota::huawei_session_context{}, out);
};
static_assert(convertible_to_events<const hw::message&>);
static_assert(!convertible_to_events<hw::message>);

// --- §2.6, one row at a time (hwali §A.3's examples) -------------------------------------------------

TEST(OtaHuawei, VersionQueryRowCarriesTheTaskId) {
  otawire::json::parser p;
  // The real capture [H11]: `"paras":null`, no task.
  const auto capture = decoded(p, R"({"object_device_id":"DN100_00000000","services":[{"event_type":"version_query","service_id":"$ota","event_time":"20250710T024800Z","paras":null}]})");
  const auto c = convert(capture);
  ASSERT_EQ(c.count, 1u);
  EXPECT_EQ(c.events[0].kind(), event_kind::version_query);
  EXPECT_EQ(c.events[0].head.dir, direction::platform_to_device);
  EXPECT_EQ(c.events[0].head.source_protocol, ota::protocol::huawei_mqtt);
  EXPECT_EQ(c.events[0].head.device.child, "DN100_00000000");
  EXPECT_EQ(c.events[0].head.time_ms, 1752115680000);  // 2025-07-10 02:48:00 UTC
  EXPECT_EQ(c.events[0].mapped, fidelity::exact);
  // The doc example [H1]: task_id → task; sub_device_count and task_ext_info have no field.
  otawire::json::parser q;
  const auto doc = decoded(q, R"({"object_device_id":"d","services":[{"service_id":"$ota","event_type":"version_query","event_time":"20151212T121212Z","paras":{"task_id":"65d31bf2581ed33a42a58d76","sub_device_count":2,"task_ext_info":{"device_type":"DDC"}}}]})");
  const auto d = convert(doc);
  ASSERT_EQ(d.count, 1u);
  EXPECT_EQ(d.events[0].head.upgrade_task.task_id, "65d31bf2581ed33a42a58d76");
  EXPECT_EQ(d.events[0].mapped, fidelity::lossy);
}

TEST(OtaHuawei, VersionReportRowGivesOneOrTwoComponents) {
  otawire::json::parser p;
  const auto both = decoded(p, R"({"services":[{"service_id":"$ota","event_type":"version_report","paras":{"sw_version":"v1.0","fw_version":"v1.1"}}]})");
  const auto c = convert(both);
  ASSERT_EQ(c.count, 1u);
  const auto& report = std::get<ota::version_report>(c.events[0].body);
  EXPECT_EQ(report.first, (ota::component_version{{ota::component_kind::software, {}}, "v1.0"}));
  ASSERT_TRUE(report.second);
  EXPECT_EQ(*report.second, (ota::component_version{{ota::component_kind::firmware, {}}, "v1.1"}));
  EXPECT_EQ(c.events[0].head.dir, direction::device_to_platform);
  EXPECT_FALSE(report.solicited);
  // The minimal real report [H11]: fw_version only, no time, no object_device_id.
  otawire::json::parser q;
  const auto fw = decoded(q, R"({"services":[{"service_id":"$ota","event_type":"version_report","paras":{"fw_version":"1.0"}}]})");
  const auto f = convert(fw, {.query_pending = true});
  const auto& only = std::get<ota::version_report>(f.events[0].body);
  EXPECT_EQ(only.first, (ota::component_version{{ota::component_kind::firmware, {}}, "1.0"}));
  EXPECT_FALSE(only.second);
  EXPECT_TRUE(only.solicited);  // a query was pending
  EXPECT_FALSE(f.events[0].head.time_ms);
  EXPECT_TRUE(f.events[0].head.device.child.empty());
}

TEST(OtaHuawei, UpgradeRowIsABearerUrlOfferWithSha256) {
  otawire::json::parser p;
  // The 2025 real capture [H11], byte-exact.
  const auto m = decoded(p, R"({"object_device_id":"68590ece7d33413cbac6c7c5_11111","services":[{"event_type":"firmware_upgrade","service_id":"$ota","event_time":"20250710T055429Z","paras":{"version":"2.0","url":"https://124.70.218.131:8943/iodm/dev/v2.0/upgradefile/applications/928f555068774817aa8010a996b21207/devices/68590ece7d33413cbac6c7c5_11111/packages/685b7386bd1c7a5b088e9498","file_size":30720,"file_name":"Newsensorboard.bin","access_token":"d2e880432ab35e18c4f8629663ce54f7f08e7b2e16efe03bf39ea5081f39b478","expires":86400,"sign":"71cfa4cfb93fce5c9677086ff7f5f2d786cfd2c6f27d4636978e1b9a8b2b12f5"}}]})");
  const auto c = convert(m);
  ASSERT_EQ(c.count, 1u);
  const auto& e = c.events[0];
  const auto& package = std::get<ota::upgrade_offer>(e.body).package;
  EXPECT_EQ(package.version, "2.0");
  EXPECT_EQ(package.exact_size(), 30720u);
  EXPECT_EQ(package.file_name, "Newsensorboard.bin");
  EXPECT_EQ(package.package_digest.algorithm, ota::digest_algorithm::sha256);
  EXPECT_EQ(package.package_digest.hex, "71cfa4cfb93fce5c9677086ff7f5f2d786cfd2c6f27d4636978e1b9a8b2b12f5");
  EXPECT_EQ(package.source.kind, ota::source_kind::url);
  EXPECT_EQ(package.source.auth, ota::url_auth::bearer);
  EXPECT_EQ(package.source.token, "d2e880432ab35e18c4f8629663ce54f7f08e7b2e16efe03bf39ea5081f39b478");
  EXPECT_EQ(e.head.part.kind, ota::component_kind::firmware);
  EXPECT_EQ(e.head.dir, direction::platform_to_device);
  EXPECT_EQ(e.mapped, fidelity::lossy);  // `expires` has no neutral field
}

TEST(OtaHuawei, UpgradeV2RowIsAPlainUrlOfferAndSoftwareIsSoftware) {
  hw::upgrade_notification u{};
  u.version = "v1.2";
  u.url = "https://bucket.obs.example.com/pkg.bin";
  u.file_size = 1024;
  u.task_id = "65d31bf2581ed33a42a58d76";
  u.custom_info = "This upgrade package adds some new features.";
  hw::message m{};
  hw::event h{};
  h.kind = hw::event_kind::software_upgrade_v2;
  h.event_type = hw::name(h.kind);
  h.paras = u;
  m.push(h);
  const auto c = convert(m);
  const auto& package = std::get<ota::upgrade_offer>(c.events[0].body).package;
  EXPECT_EQ(package.source.auth, ota::url_auth::none);  // no Authorization header (§A.3.4)
  EXPECT_EQ(package.package_digest.algorithm, ota::digest_algorithm::none);  // `sign` may be absent in v2
  EXPECT_EQ(c.events[0].head.part.kind, ota::component_kind::software);
  EXPECT_EQ(c.events[0].head.upgrade_task.task_id, "65d31bf2581ed33a42a58d76");
  EXPECT_EQ(c.events[0].head.vendor.raw_text, "This upgrade package adds some new features.");
  EXPECT_EQ(c.events[0].mapped, fidelity::exact);
}

TEST(OtaHuawei, ProgressRowIsPhaseLessProgressUntilTheTargetIsReported) {
  otawire::json::parser p;
  // The doc example [H4]: progress 80 with what looks like the target: not success (§2.6 design rule).
  const auto m = decoded(p, R"({"object_device_id":"d","services":[{"service_id":"$ota","event_type":"upgrade_progress_report","event_time":"20151212T121212Z","paras":{"result_code":0,"progress":80,"version":"V2.0","description":"upgrade processing"}}]})");
  const auto c = convert(m, {.target_version = "V2.0", .progress_reported = true});
  ASSERT_EQ(c.count, 1u);
  const auto& step = std::get<ota::progress>(c.events[0].body);
  EXPECT_EQ(step.stage, ota::phase::unspecified);
  EXPECT_EQ(step.percent, 80);
  EXPECT_EQ(c.events[0].head.vendor.raw_code, 0);
  EXPECT_EQ(c.events[0].head.vendor.raw_text, "upgrade processing");
  EXPECT_EQ(c.events[0].mapped, fidelity::lossy);  // the report's running version has no field
}

TEST(OtaHuawei, ProgressRowSucceedsOnTheTargetVersion) {
  otawire::json::parser p;
  // The minimal real success [H11]: result_code 0 + version, no progress, none reported before.
  const auto m = decoded(p, R"({"services":[{"service_id":"$ota","event_type":"upgrade_progress_report","paras":{"result_code":0,"version":"2.0"}}]})");
  const auto first = convert(m, {.target_version = "2.0"});
  ASSERT_EQ(first.count, 2u);
  EXPECT_EQ(std::get<ota::accepted>(first.events[0].body).subject, ota::answer_subject::offer);
  EXPECT_EQ(first.events[0].made_by, &ota::rules::huawei_acceptance_on_first_report);
  EXPECT_EQ(std::get<ota::succeeded>(first.events[1].body).new_version, "2.0");
  EXPECT_EQ(first.events[1].mapped, fidelity::synthesised);
  EXPECT_EQ(first.events[1].made_by, &ota::rules::huawei_success_by_target_version);
  // After progress: the success alone.
  const auto later = convert(m, {.target_version = "2.0", .progress_reported = true});
  ASSERT_EQ(later.count, 1u);
  EXPECT_EQ(later.events[0].kind(), event_kind::succeeded);
  // Another version: not success, whatever the progress (the crosswalk row's rule).
  const auto other = convert(m, {.target_version = "2.1", .progress_reported = true});
  ASSERT_EQ(other.count, 1u);
  EXPECT_EQ(other.events[0].kind(), event_kind::progress);
  // No upgrade known: no success either.
  EXPECT_EQ(convert(m).events[0].kind(), event_kind::progress);
}

TEST(OtaHuawei, ProgressRowRefusesBeforeProgressAndFailsAfter) {
  for (const std::int32_t code : {1, 2, 3, 4, 5, 8, 9}) {
    hw::progress_report r{code, std::nullopt, "1.0", std::nullopt};
    hw::message m{};
    hw::event h{};
    h.kind = hw::event_kind::upgrade_progress_report;
    h.event_type = hw::name(h.kind);
    h.paras = r;
    m.push(h);
    const auto before = convert(m, {.target_version = "2.0"});
    ASSERT_EQ(before.count, 1u);
    const auto& refusal = std::get<ota::refused>(before.events[0].body);
    EXPECT_EQ(refusal.subject, ota::answer_subject::offer);
    EXPECT_EQ(refusal.why, ota::decode_huawei_reason(code).why);
    EXPECT_EQ(before.events[0].mapped, fidelity::synthesised);
    EXPECT_EQ(before.events[0].made_by, &ota::rules::huawei_refusal_before_progress);
    const auto after = convert(m, {.target_version = "2.0", .progress_reported = true});
    EXPECT_EQ(std::get<ota::failed>(after.events[0].body),
              (ota::failed{ota::phase::unspecified, ota::decode_huawei_reason(code).why, "1.0"}));
  }
  // 6, 7, 10 and 255 are failures even before progress; the version at failure is kept.
  for (const std::int32_t code : {6, 7, 10, 255}) {
    hw::message m{};
    hw::event h{};
    h.kind = hw::event_kind::upgrade_progress_report;
    h.event_type = hw::name(h.kind);
    h.paras = hw::progress_report{code, std::nullopt, "1.0", "failed"};
    m.push(h);
    const auto c = convert(m, {.target_version = "2.0"});
    EXPECT_EQ(c.events[0].kind(), event_kind::failed);
    EXPECT_EQ(c.events[0].mapped, fidelity::exact);
    EXPECT_EQ(c.events[0].head.vendor.raw_code, code);
    EXPECT_EQ(c.events[0].head.vendor.raw_text, "failed");
  }
}

TEST(OtaHuawei, OtherServicesGiveNoEventAndSeveralEventsKeepTheirOrder) {
  hw::message m{};
  hw::event other{};
  other.kind = hw::event_kind::other_service;
  other.service_id = "$time_sync";
  other.event_type = "time_sync_response";
  other.paras = hw::other_service_event{};
  m.push(other);
  hw::event query{};
  query.kind = hw::event_kind::version_query;
  query.event_type = hw::name(query.kind);
  query.paras = hw::version_query{hw::paras_form::null, std::nullopt, std::nullopt, {}};
  m.push(query);
  hw::event report{};
  report.kind = hw::event_kind::version_report;
  report.event_type = hw::name(report.kind);
  report.paras = hw::version_report{"1.0", std::nullopt};
  m.push(report);
  const auto c = convert(m);
  ASSERT_EQ(c.count, 2u);
  EXPECT_EQ(c.events[0].kind(), event_kind::version_query);
  EXPECT_EQ(c.events[1].kind(), event_kind::version_report);
  std::array<ota::event, 1> one{};
  auto n = ota::to_events(m, ota::envelope{}, {}, one);
  ASSERT_FALSE(n);
  EXPECT_EQ(n.error().code(), otawire::errc::buffer_too_small);
}

// --- §3.2, the HWM column ---------------------------------------------------------------------------

TEST(OtaHuawei, ReasonColumnDecodesEveryDocumentedCodeExactly) {
  const std::array<std::pair<std::int32_t, reason>, 11> rows{{{1, reason::busy},
                                                              {2, reason::poor_signal},
                                                              {3, reason::already_latest},
                                                              {4, reason::low_battery},
                                                              {5, reason::no_storage},
                                                              {6, reason::download_timeout},
                                                              {7, reason::integrity_failed},
                                                              {8, reason::unsupported_package},
                                                              {9, reason::out_of_memory},
                                                              {10, reason::install_failed},
                                                              {255, reason::internal_error}}};
  for (const auto& [code, why] : rows) {
    EXPECT_EQ(ota::decode_huawei_reason(code).why, why) << code;
    EXPECT_EQ(ota::decode_huawei_reason(code).mapped, fidelity::exact) << code;
    EXPECT_EQ(ota::encode_huawei_reason(why).code, code);
    EXPECT_EQ(ota::encode_huawei_reason(why).mapped, fidelity::exact);
  }
  // User-extended codes (§A.4) decode to unspecified, lossy.
  for (const std::int32_t code : {11, 254, 256, -1, 1000}) {
    EXPECT_EQ(ota::decode_huawei_reason(code).why, reason::unspecified);
    EXPECT_EQ(ota::decode_huawei_reason(code).mapped, fidelity::lossy);
  }
}

TEST(OtaHuawei, ReasonColumnFallbacksFollowTheTable) {
  // Download-stage reasons →6 (keeps the phase); the rest →255; deferred →1 when forced (§3.2).
  for (const auto why : {reason::download_failed, reason::download_auth_failed, reason::invalid_uri,
                         reason::unsupported_protocol}) {
    EXPECT_EQ(ota::encode_huawei_reason(why).code, 6) << ota::name(why);
    EXPECT_EQ(ota::encode_huawei_reason(why).mapped, fidelity::fallback);
  }
  for (const auto why : {reason::cancelled, reason::unspecified}) {
    EXPECT_EQ(ota::encode_huawei_reason(why).code, 255) << ota::name(why);
    EXPECT_EQ(ota::encode_huawei_reason(why).mapped, fidelity::fallback);
  }
  EXPECT_EQ(ota::encode_huawei_reason(reason::deferred).code, 1);
  EXPECT_EQ(ota::encode_huawei_reason(reason::deferred).mapped, fidelity::fallback);
  // Every reason encodes to a code the C SDK accepts (0–10, 255), never success; exact decodes back.
  for (std::size_t r = 0; r < ota::reason_count; ++r) {
    const auto why = static_cast<reason>(r);
    const auto chosen = ota::encode_huawei_reason(why);
    EXPECT_TRUE(hw::is_known_result_code(chosen.code));
    EXPECT_NE(chosen.code, 0);
    if (chosen.mapped == fidelity::exact) {
      EXPECT_EQ(ota::decode_huawei_reason(chosen.code).why, why);
    } else {
      EXPECT_NE(ota::decode_huawei_reason(chosen.code).why, why) << ota::name(why);  // a stand-in decodes elsewhere
    }
  }
}

// --- from_event: what Huawei cannot carry is reported --------------------------------------------------

ota::event neutral(ota::event_body body) {
  ota::event e{};
  e.head.source_protocol = ota::protocol::alibaba;  // not Huawei: no raw record to reuse
  e.head.vendor.source = ota::protocol::alibaba;
  e.body = body;
  return e;
}

const hw::event& only_event(const ota::huawei_encoding& out) {
  EXPECT_TRUE(out.message);
  EXPECT_EQ(out.message->count, 1u);
  return out.message->storage[0];
}

TEST(OtaHuawei, ForeignPresignedMd5OfferBecomesV2AndReportsTheLoss) {
  ota::upgrade_offer offer{};
  offer.package.version = "1.0.1";
  offer.package.min_size = offer.package.max_size = 93796291;
  offer.package.source.kind = ota::source_kind::url;
  offer.package.source.auth = ota::url_auth::presigned;
  offer.package.source.url = "https://the_firmware_url";
  offer.package.package_digest = {ota::digest_algorithm::md5, "f8d85b250d4d787a9f483d89a9747348"};
  offer.package.is_diff = true;
  auto out = ota::from_event(neutral(offer), ota::huawei_profile{});
  ASSERT_TRUE(out.has_value());
  const auto& h = only_event(*out);
  EXPECT_EQ(h.kind, hw::event_kind::firmware_upgrade_v2);  // no Authorization header (§2.6)
  const auto& u = std::get<hw::upgrade_notification>(h.paras);
  EXPECT_EQ(u.file_size, 93796291);
  EXPECT_FALSE(u.sign);  // `sign` is SHA-256 only (§4.3 note 10)
  EXPECT_FALSE(u.access_token);
  EXPECT_TRUE(ota::contains(out->lost, ota::lost_field::digest | ota::lost_field::url | ota::lost_field::policy));
  EXPECT_NE(out->mapped, fidelity::exact);
  EXPECT_TRUE(hw::check(*out->message).has_value());  // the codec takes it
}

TEST(OtaHuawei, OffersHuaweiCannotCarryAreErrors) {
  ota::upgrade_offer offer{};
  offer.package.version = "1.0";
  offer.package.max_size = 100;
  offer.package.source.kind = ota::source_kind::fragments;  // PCP: the gateway must fetch and re-host
  EXPECT_EQ(ota::from_event(neutral(offer), ota::huawei_profile{}).error().code(), otawire::errc::unsupported);
  offer.package.source.kind = ota::source_kind::url;
  offer.package.source.url = "https://ctwing.example/fw?x=1";
  offer.package.source.auth = ota::url_auth::query_token;  // CTWing's token the device appends
  EXPECT_EQ(ota::from_event(neutral(offer), ota::huawei_profile{}).error().code(), otawire::errc::unsupported);
  offer.package.source.auth = ota::url_auth::none;
  offer.package.source.url = "coap://example.com/fw";  // LwM2M's: the device fetches http(s) only
  EXPECT_EQ(ota::from_event(neutral(offer), ota::huawei_profile{}).error().code(), otawire::errc::invalid_value);
  offer.package.source.url = "https://bucket.obs.example.com/pkg.bin";
  offer.package.package_digest = {ota::digest_algorithm::sha256, "not hex"};
  EXPECT_EQ(ota::from_event(neutral(offer), ota::huawei_profile{}).error().code(), otawire::errc::bad_string);
  offer.package.package_digest = {};
  EXPECT_TRUE(ota::from_event(neutral(offer), ota::huawei_profile{}).has_value());  // v2 may go without `sign`
  offer.package.version = "";  // LwM2M names no target (§4.1 `Tv`)
  EXPECT_EQ(ota::from_event(neutral(offer), ota::huawei_profile{}).error().code(), otawire::errc::missing_field);
  EXPECT_EQ(ota::from_event(neutral(ota::succeeded{}), ota::huawei_profile{}).error().code(), otawire::errc::missing_field);
  EXPECT_EQ(ota::from_event(neutral(ota::progress{ota::phase::download, 101, {}, {}}), ota::huawei_profile{}).error().code(),
            otawire::errc::out_of_range);
}

TEST(OtaHuawei, EventsWithoutAHuaweiMessageSaySo) {
  for (const ota::event_body& body :
       {ota::event_body{ota::upgrade_request{}}, ota::event_body{ota::no_upgrade{}},
        ota::event_body{ota::accepted{ota::answer_subject::offer}}, ota::event_body{ota::download_finished{}},
        ota::event_body{ota::install_request{}}, ota::event_body{ota::cancel{}},
        ota::event_body{ota::ack{ota::ack_subject::version_report, true, {}}}, ota::event_body{ota::chunk_request{}},
        ota::event_body{ota::chunk{}}, ota::event_body{ota::refused{ota::answer_subject::install, reason::deferred}}}) {
    auto out = ota::from_event(neutral(body), ota::huawei_profile{});
    ASSERT_TRUE(out.has_value());
    EXPECT_FALSE(out->message);
    EXPECT_TRUE(ota::contains(out->lost, ota::lost_field::whole_event));
    EXPECT_NE(out->mapped, fidelity::exact);
  }
}

TEST(OtaHuawei, ForeignFailuresCarryTheTokenWhereTheCodeIsAStandIn) {
  auto out = ota::from_event(neutral(ota::failed{ota::phase::download, reason::download_failed, "1.0"}), ota::huawei_profile{});
  ASSERT_TRUE(out.has_value());
  const auto& p = std::get<hw::progress_report>(only_event(*out).paras);
  EXPECT_EQ(p.result_code, 6);
  EXPECT_EQ(p.description, "download_failed");  // §3.4: the token in `description`
  EXPECT_EQ(p.version, "1.0");
  EXPECT_TRUE(ota::contains(out->lost, ota::lost_field::exact_reason));
  EXPECT_EQ(out->mapped, fidelity::fallback);
  // A refusal names the running version the gateway knows; without it the stand-in is said.
  auto refusal = ota::from_event(neutral(ota::refused{ota::answer_subject::offer, reason::low_battery}), ota::huawei_profile{"1.0"});
  ASSERT_TRUE(refusal.has_value());
  EXPECT_EQ(std::get<hw::progress_report>(only_event(*refusal).paras),
            (hw::progress_report{4, std::nullopt, "1.0", std::nullopt}));
  EXPECT_EQ(refusal->mapped, fidelity::exact);
  auto blind = ota::from_event(neutral(ota::refused{ota::answer_subject::offer, reason::low_battery}), ota::huawei_profile{});
  ASSERT_TRUE(blind.has_value());
  EXPECT_TRUE(ota::contains(blind->lost, ota::lost_field::version));
}

TEST(OtaHuawei, UnspecifiedComponentsAreGuessedAsFirmwareAndSaidToBe) {
  auto out = ota::from_event(neutral(ota::version_report{{{}, "1.0"}, {}, false}), ota::huawei_profile{});
  ASSERT_TRUE(out.has_value());
  EXPECT_EQ(std::get<hw::version_report>(only_event(*out).paras), (hw::version_report{std::nullopt, "1.0"}));
  EXPECT_EQ(out->mapped, fidelity::lossy);
  ota::event e = neutral(ota::version_report{{{ota::component_kind::software, "mcu"}, "1.0"},
                                             ota::component_version{{ota::component_kind::software, {}}, "2.0"}, false});
  auto two = ota::from_event(e, ota::huawei_profile{});
  ASSERT_TRUE(two.has_value());
  EXPECT_TRUE(ota::contains(two->lost, ota::lost_field::module | ota::lost_field::second_version));
}

// --- the neutral session accepts a Huawei device's self-installed outcome ------------------------------

TEST(OtaHuawei, NeutralSessionTakesTheOutcomeStraightAfterProgress) {
  ota::neutral_session s{ota::profile_of(ota::protocol::huawei_mqtt)};
  EXPECT_TRUE(s.profile().installs_on_its_own);
  ota::event offer = neutral(ota::upgrade_offer{});
  offer.head.dir = direction::platform_to_device;
  std::get<ota::upgrade_offer>(offer.body).package.version = "2.0";
  ASSERT_TRUE(s.on_event(offer));
  ota::event step = neutral(ota::progress{ota::phase::unspecified, 50, {}, {}});
  ASSERT_TRUE(s.on_event(step));
  ASSERT_TRUE(s.on_event(neutral(ota::succeeded{"2.0"})));
  EXPECT_EQ(s.outcome(), ota::upgrade_outcome::succeeded);
  // PCP still needs its install request.
  EXPECT_FALSE(ota::profile_of(ota::protocol::pcp).installs_on_its_own);
  EXPECT_FALSE(ota::profile_of(ota::protocol::lwm2m_fw).installs_on_its_own);
}

TEST(OtaHuawei, NeutralSessionTakesAFailureAfterTheDownloadOnlyFromASelfInstallingDevice) {
  // A device that reported its download finished (Tencent's "100") and then fails installing.
  ota::event offer = neutral(ota::upgrade_offer{});
  offer.head.dir = direction::platform_to_device;
  std::get<ota::upgrade_offer>(offer.body).package.version = "2.0";
  const std::array stream{offer, neutral(ota::progress{ota::phase::unspecified, 50, {}, {}}),
                          neutral(ota::download_finished{}),
                          neutral(ota::failed{ota::phase::unspecified, reason::install_failed, "1.0"})};
  ota::neutral_session json{ota::profile_of(ota::protocol::huawei_mqtt)};
  for (const auto& e : stream) ASSERT_TRUE(json.on_event(e)) << ota::name(e.kind());
  EXPECT_EQ(json.outcome(), ota::upgrade_outcome::install_failed);
  // Without the capability the failure waits for an install request.
  ota::neutral_session explicit_install{ota::session_profile{false, false, true, false, false}};
  for (std::size_t i = 0; i + 1 < stream.size(); ++i) ASSERT_TRUE(explicit_install.on_event(stream[i]));
  const auto r = explicit_install.on_event(stream.back());
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().where(), ota::rules::outcome_outside_upgrade.name());
}

// --- round trip: message → events → message --------------------------------------------------------------

/// The single-event message `m` with what the envelope keeps instead (the event time) cleared.
hw::message without_time(hw::message m) {
  for (auto& e : m.events()) e.time.reset();
  return m;
}

RC_GTEST_PROP(OtaHuaweiProp, ExactEventsComeBackAsTheSameMessage, (const otawire::test::huawei::owned_message& om)) {
  // One services[] event per message, as the platform sends it.
  hw::message m{};
  m.object_device_id = om.msg.object_device_id;
  m.push(om.msg.storage[0]);
  ota::huawei_session_context context{};
  if (*rc::gen::arbitrary<bool>()) context.target_version = *rc::gen::element<std::string_view>("v1.0", "2.0", "");
  context.progress_reported = *rc::gen::arbitrary<bool>();
  std::array<ota::event, ota::huawei_max_events> events{};
  auto n = ota::to_events(m, ota::envelope{}, context, events);
  RC_ASSERT(n.has_value());
  bool round_tripped = false;
  for (std::size_t i = 0; i < *n; ++i) {
    const auto& e = events[i];
    RC_ASSERT(e.synthesised() == (e.made_by != nullptr));
    RC_ASSERT(e.head.source_protocol == ota::protocol::huawei_mqtt);
    // Never exact where something has no field (the crosswalk's lost column and the file comment).
    if (const auto* u = std::get_if<hw::upgrade_notification>(&m.storage[0].paras)) {
      if (u->expires || u->sub_device_count || u->file_size < 0) RC_ASSERT(e.mapped != fidelity::exact);
    }
    if (const auto* p = std::get_if<hw::progress_report>(&m.storage[0].paras)) {
      if (!p->version.empty() && e.kind() == event_kind::progress) RC_ASSERT(e.mapped != fidelity::exact);
      if (!hw::is_known_result_code(p->result_code)) RC_ASSERT(e.mapped != fidelity::exact);
    }
    if (m.storage[0].event_id) RC_ASSERT(e.mapped != fidelity::exact);
    if (e.mapped != fidelity::exact) continue;
    // Exact: from_event gives the same message back (the running version a report needs is the
    // gateway's; give it the one the message had, as a gateway would).
    std::string_view running{};
    if (const auto* p = std::get_if<hw::progress_report>(&m.storage[0].paras)) running = p->version;
    auto back = ota::from_event(e, ota::huawei_profile{running});
    RC_ASSERT(back.has_value());
    RC_ASSERT(back->message.has_value());
    RC_ASSERT(*back->message == without_time(m));
    RC_ASSERT(back->lost == ota::lost_field::nothing);
    round_tripped = true;
  }
  RC_TAG(round_tripped ? "exact: round-tripped" : "not exact (or not OTA)");
}

RC_GTEST_PROP(OtaHuaweiProp, ForeignEventsEncodeToMessagesTheCodecTakesOrSayWhyNot,
              (const otawire::test::huawei::owned_message& om)) {
  // Events read from a Huawei message, then re-labelled as another vendor's: no raw record to
  // reuse, so every field goes through the neutral mapping.
  std::array<ota::event, ota::huawei_max_events> events{};
  auto n = ota::to_events(om.msg, ota::envelope{}, {.target_version = "2.0"}, events);
  RC_ASSERT(n.has_value());
  for (std::size_t i = 0; i < *n; ++i) {
    ota::event e = events[i];
    e.head.vendor = ota::vendor_record{ota::protocol::tencent, 0, {}, {}};
    auto back = ota::from_event(e, ota::huawei_profile{"1.0"});
    if (!back) continue;  // refused, not changed silently
    if (!back->message) {
      RC_ASSERT(ota::contains(back->lost, ota::lost_field::whole_event));
      RC_ASSERT(back->mapped != fidelity::exact);
      continue;
    }
    RC_ASSERT(back->message->count == 1u);
    const auto& h = back->message->storage[0];
    if (const auto* p = std::get_if<hw::progress_report>(&h.paras)) RC_ASSERT(hw::is_known_result_code(p->result_code));
  }
}

RC_GTEST_PROP(OtaHuaweiProp, EveryReasonIsExactOnlyIfItDecodesBack, ()) {
  const auto why = static_cast<reason>(*rc::gen::inRange<unsigned>(0, ota::reason_count));
  const auto chosen = ota::encode_huawei_reason(why);
  RC_ASSERT(hw::is_known_result_code(chosen.code));
  if (chosen.mapped == fidelity::exact) RC_ASSERT(ota::decode_huawei_reason(chosen.code).why == why);
  if (ota::decode_huawei_reason(chosen.code).why != why) RC_ASSERT(chosen.mapped != fidelity::exact);
}

// --- item 3: the neutral session agrees with huawei::session ----------------------------------------------

namespace th = otawire::test::ota_hwali;
using step = th::huawei_step;

/// A legal session of one device: maybe a query, the version report, then one or two upgrades,
/// each refused, failed or succeeded; progress never decreases and the target is never the
/// running version.
std::vector<step> legal_huawei_session() {
  using K = hw::event_kind;
  std::vector<step> s;
  if (*rc::gen::arbitrary<bool>()) s.push_back({K::version_query});
  s.push_back({K::version_report, 0, {}, "1.0"});
  const int upgrades = *rc::gen::inRange(1, 3);
  for (int u = 0; u < upgrades; ++u) {
    const std::string_view target = u == 0 ? "2.0" : "2.1";
    s.push_back({*rc::gen::element(K::firmware_upgrade, K::software_upgrade, K::firmware_upgrade_v2,
                                   K::software_upgrade_v2),
                 0, {}, target});
    if (*rc::gen::inRange(0, 5) == 0) {  // refused before any download (§A.8 rule 3)
      s.push_back({K::upgrade_progress_report, *rc::gen::element(1, 2, 3, 4, 5, 8, 9), {}, "1.0"});
      continue;
    }
    int percent = 0;
    const int reports = *rc::gen::inRange(0, 4);
    for (int r = 0; r < reports; ++r) {
      percent = *rc::gen::inRange(percent, 100);
      s.push_back({K::upgrade_progress_report, 0, percent, *rc::gen::element<std::string_view>("1.0", target)});
      if (*rc::gen::inRange(0, 6) == 0) s.push_back({K::version_report, 0, {}, "1.0"});  // a boot report
    }
    if (*rc::gen::inRange(0, 4) == 0) {
      const std::int32_t code = *rc::gen::element(1, 5, 6, 7, 9, 10, 255, 300);
      // A refusal code before any progress is a refusal: still legal, still terminal.
      s.push_back({K::upgrade_progress_report, code, *rc::gen::element<std::optional<std::int32_t>>(std::nullopt, 0),
                   "1.0"});
    } else {
      s.push_back({K::upgrade_progress_report, 0,
                   *rc::gen::element<std::optional<std::int32_t>>(std::nullopt, 100), target});
    }
  }
  return s;
}

std::vector<step> mutate(std::vector<step> s) {
  const int mutations = *rc::gen::inRange(1, 4);
  for (int k = 0; k < mutations && !s.empty(); ++k) {
    const auto i = *rc::gen::inRange<std::size_t>(0, s.size());
    switch (*rc::gen::inRange(0, 5)) {
      case 0: s.erase(s.begin() + static_cast<std::ptrdiff_t>(i)); break;
      case 1: s.insert(s.begin() + static_cast<std::ptrdiff_t>(i), s[i]); break;
      case 2:
        if (i + 1 < s.size()) std::swap(s[i], s[i + 1]);
        break;
      case 3: s[i].result_code = s[i].result_code == 0 ? *rc::gen::element(1, 7, 255) : 0; break;
      default:
        s[i].version = *rc::gen::element<std::string_view>("1.0", "2.0", "2.1", "9.9");
        if (s[i].progress) s[i].progress = *rc::gen::inRange(0, 101);
        break;
    }
  }
  return s;
}

/// Runs `steps` through both validators (tests/support/ota_hwali_harness.hpp); asserts they
/// agree up to the end or the first documented exclusion, which it returns.
th::huawei_exclusions check_huawei_agreement(const std::vector<step>& steps) {
  th::agreement run{};
  const auto excluded = th::check_huawei_agreement(steps, run);
  RC_LOG() << run.log;
  RC_ASSERT(run.disagreement.empty());
  RC_TAG(run.any_rejected ? "some message rejected" : "all accepted");
  RC_TAG(excluded.total() == 0 ? "compared to the end" : "stopped at an exclusion");
  return excluded;
}

RC_GTEST_PROP(NeutralSessionHuawei, AgreesWithTheHuaweiValidatorOnLegalSessions, ()) {
  const auto excluded = check_huawei_agreement(legal_huawei_session());
  RC_ASSERT(excluded.total() == 0u);  // a legal session meets none of the differing rules
}

RC_GTEST_PROP(NeutralSessionHuawei, AgreesWithTheHuaweiValidatorOnMutatedSessions, ()) {
  check_huawei_agreement(mutate(legal_huawei_session()));
}

// A property with no input (RC_ASSERT and RC_LOG need one), so it runs the fixed cases.
RC_GTEST_PROP(NeutralSessionHuawei, TheExclusionsAreReal, ()) {
  // Each exclusion, pinned once: the two validators do differ there (if one day they agree, the
  // exclusion goes).
  using K = hw::event_kind;
  const std::vector<step> decrease{{K::firmware_upgrade, 0, {}, "2.0"}, {K::upgrade_progress_report, 0, 50, "1.0"},
                                   {K::upgrade_progress_report, 0, 40, "1.0"}};
  RC_ASSERT(check_huawei_agreement(decrease).progress_decrease == 1u);
  const std::vector<step> rollback{{K::firmware_upgrade, 0, {}, "2.0"}, {K::upgrade_progress_report, 0, 50, "1.0"},
                                   {K::upgrade_progress_report, 0, 100, "1.0"}};
  RC_ASSERT(check_huawei_agreement(rollback).other_version_reported == 1u);
  const std::vector<step> reoffer{{K::firmware_upgrade, 0, {}, "2.0"}, {K::firmware_upgrade, 0, {}, "2.0"}};
  RC_ASSERT(check_huawei_agreement(reoffer).reoffer == 1u);
  const std::vector<step> querying{{K::version_query}, {K::firmware_upgrade, 0, {}, "2.0"}};
  RC_ASSERT(check_huawei_agreement(querying).offer_while_querying == 1u);
  const std::vector<step> requery{{K::firmware_upgrade, 0, {}, "2.0"}, {K::version_query}};
  RC_ASSERT(check_huawei_agreement(requery).query_during_upgrade == 1u);
  const std::vector<step> running{{K::version_report, 0, {}, "2.0"}, {K::firmware_upgrade, 0, {}, "2.0"}};
  RC_ASSERT(check_huawei_agreement(running).offer_of_running_version == 1u);
  // And a legal session is compared to its end: a full success.
  const std::vector<step> success{{K::version_query},
                                  {K::version_report, 0, {}, "1.0"},
                                  {K::firmware_upgrade_v2, 0, {}, "2.0"},
                                  {K::upgrade_progress_report, 0, 30, "1.0"},
                                  {K::upgrade_progress_report, 0, {}, "2.0"}};
  RC_ASSERT(check_huawei_agreement(success).total() == 0u);
}

}  // namespace
