// Alibaba Link OTA ↔ neutral events, from crosswalk.md's own rows: §2.7 (what each of the six
// messages becomes, on the spec's examples and SDK templates, hwali §B.2, §B.5), §3.2 (the
// CTW/ALI step column), plus rapidcheck properties: message → events → message is the identity
// where the event claims `exact`, a lossy mapping never claims it, and the neutral session
// validator agrees with alibaba::session on random legal and mutated sessions (item 3).
#include <otawire/alibaba.hpp>
#include <otawire/ota/alibaba.hpp>
#include <otawire/ota/session.hpp>

#include "support/alibaba_arbitrary.hpp"
#include "support/ota_hwali_harness.hpp"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace {
namespace ota = otawire::ota;
namespace ab = otawire::alibaba;
using ota::event_kind;
using ota::fidelity;
using ota::reason;
using otawire::direction;

/// The message `text` decodes to on topic `kind`, its event, and the success an inform of the
/// active target adds after it (§2.7: the only message that becomes two events).
struct converted {
  ab::message message;
  ota::event event{};
  std::optional<ota::event> success;
};

void convert(otawire::json::parser& p, ab::topic_kind kind, std::string_view text, converted& out,
             ota::alibaba_session_context context = {}) {
  ASSERT_TRUE(ab::decode_payload_into(p, ab::topic{kind, "a1pk", "dev"}, text, out.message)) << text;
  std::array<ota::event, ota::alibaba_max_events> events{};
  auto n = ota::to_events(out.message, ota::envelope{}, context, events);
  ASSERT_TRUE(n.has_value());
  const auto* inform = std::get_if<ab::inform>(&out.message);
  const bool reports_target = inform != nullptr && context.target_version == inform->version;
  ASSERT_EQ(*n, reports_target ? 2u : 1u) << text;
  out.event = events[0];
  if (reports_target) out.success = events[1];
}

// Events view into the message: converting a temporary message does not compile.
template <class M>
concept convertible_to_events = requires(M&& m, std::span<ota::event> out) {
  ota::to_events(static_cast<M&&>(m), ota::envelope{}, ota::alibaba_session_context{}, out);
};
static_assert(convertible_to_events<const ab::message&>);
static_assert(!convertible_to_events<ab::message>);

// --- §2.7, one row at a time ------------------------------------------------------------------------------

TEST(OtaAlibaba, InformRowIsAVersionReportOrTheSuccess) {
  otawire::json::parser p;
  converted c;
  // iotkit v3's template (§B.5).
  convert(p, ab::topic_kind::inform, R"({"id":0,"params":{"version":"1.0.0"}})", c);
  const auto& report = std::get<ota::version_report>(c.event.body);
  EXPECT_EQ(report.first.version, "1.0.0");
  EXPECT_FALSE(report.solicited);  // Alibaba has no query
  EXPECT_EQ(c.event.head.dir, direction::device_to_platform);
  EXPECT_EQ(c.event.head.source_protocol, ota::protocol::alibaba);
  EXPECT_TRUE(c.event.head.part.module.empty());  // `default`
  EXPECT_EQ(c.event.mapped, fidelity::exact);
  // The Link SDK's, with a module, once the offer of that version is active: the report, and
  // after it the success (§2.7 "version_report; succeeded when version = the active target",
  // §B.6 rule 3).
  converted s;
  convert(p, ab::topic_kind::inform, R"({"id":1, "params":{"version":"2.0.0","module":"MCU"}})", s, {"2.0.0"});
  EXPECT_EQ(std::get<ota::version_report>(s.event.body).first.version, "2.0.0");
  EXPECT_EQ(s.event.mapped, fidelity::exact);
  EXPECT_EQ(s.event.made_by, nullptr);
  ASSERT_TRUE(s.success.has_value());
  EXPECT_EQ(std::get<ota::succeeded>(s.success->body).new_version, "2.0.0");
  EXPECT_EQ(s.success->head.part.module, "MCU");
  EXPECT_EQ(s.success->head.dir, direction::device_to_platform);
  EXPECT_EQ(s.success->mapped, fidelity::synthesised);
  EXPECT_EQ(s.success->made_by, &ota::rules::alibaba_success_by_reported_version);
  // Room for the report only: an error, not a half-written success (before `p`
  // decodes again: `s.message` views into its buffer).
  std::array<ota::event, 1> one{};
  const auto short_out = ota::to_events(s.message, ota::envelope{}, {"2.0.0"}, one);
  ASSERT_FALSE(short_out.has_value());
  EXPECT_EQ(short_out.error().code(), otawire::errc::buffer_too_small);
  // Another version with the offer active is a report only (the validator judges it).
  converted other;
  convert(p, ab::topic_kind::inform, R"({"id":2, "params":{"version":"1.0.0","module":"MCU"}})", other, {"2.0.0"});
  EXPECT_FALSE(other.success.has_value());
  EXPECT_TRUE(std::holds_alternative<ota::version_report>(other.event.body));
}

TEST(OtaAlibaba, UpgradeRowIsAPresignedUrlOffer) {
  otawire::json::parser p;
  converted c;
  // The Alink doc's push [A2] (unmasked), string id, Md5 sign with the same md5.
  convert(p, ab::topic_kind::upgrade,
          R"({"code":"1000","data":{"size":432945,"version":"2.0.0","isDiff":1,"url":"https://iotx-ota.oss-cn-shanghai.aliyuncs.com/ota/fw.bin?Expires=1502955804&OSSAccessKeyId=XXX&Signature=XXX","md5":"93230c3bde425a9d7984a594ac55ea1e","sign":"93230c3bde425a9d7984a594ac55ea1e","signMethod":"Md5","module":"MCU","extData":{"key1":"value1","key2":"value2"}},"id":"1507707025","message":"success"})",
          c);
  const auto& offer = std::get<ota::upgrade_offer>(c.event.body);
  EXPECT_FALSE(offer.solicited);
  EXPECT_EQ(offer.package.version, "2.0.0");
  EXPECT_EQ(offer.package.exact_size(), 432945u);
  EXPECT_EQ(offer.package.package_digest, (ota::digest{ota::digest_algorithm::md5, "93230c3bde425a9d7984a594ac55ea1e"}));
  EXPECT_EQ(offer.package.source.kind, ota::source_kind::url);
  EXPECT_EQ(offer.package.source.auth, ota::url_auth::presigned);
  EXPECT_EQ(offer.package.is_diff, true);
  EXPECT_EQ(offer.package.extras, R"({"key1":"value1","key2":"value2"})");
  EXPECT_EQ(c.event.head.part.module, "MCU");
  EXPECT_EQ(c.event.head.vendor.raw_text, "success");
  EXPECT_EQ(c.event.head.dir, direction::platform_to_device);
  EXPECT_EQ(c.event.mapped, fidelity::exact);
  // The oldest doc [A3]: md5 alone; sent back with `sign` too, so not exact.
  converted old;
  convert(p, ab::topic_kind::upgrade,
          R"({"code":"1000","data":{"size":432945,"version":"2.0.0","url":"https://oss/fw.bin","md5":"93230c3bde425a9d7984a594ac55ea1e"},"id":1,"message":"success"})",
          old);
  EXPECT_EQ(std::get<ota::upgrade_offer>(old.event.body).package.package_digest.algorithm, ota::digest_algorithm::md5);
  EXPECT_EQ(old.event.mapped, fidelity::lossy);
}

TEST(OtaAlibaba, ProgressRowIsPhaseLessProgressOrAFailure) {
  otawire::json::parser p;
  converted c;
  convert(p, ab::topic_kind::progress, R"({"id":0,"params":{"step":"50","desc":""}})", c);
  const auto& step = std::get<ota::progress>(c.event.body);
  EXPECT_EQ(step.stage, ota::phase::unspecified);  // "upgrade progress" vs "fetch percentage" (§1.5)
  EXPECT_EQ(step.percent, 50);
  EXPECT_EQ(c.event.head.vendor.raw_code, 50);
  EXPECT_EQ(c.event.mapped, fidelity::exact);
  // The doc's failure [A2]: step -1 with the reason in desc.
  converted f;
  convert(p, ab::topic_kind::progress, R"({"id":"123","params":{"step":"-1","desc":"OTA升级失败，请求不到升级包信息。","module":"MCU"}})", f);
  EXPECT_EQ(std::get<ota::failed>(f.event.body), (ota::failed{ota::phase::unspecified, reason::unspecified, {}}));
  EXPECT_EQ(f.event.head.vendor.raw_text, "OTA升级失败，请求不到升级包信息。");
  EXPECT_EQ(f.event.head.vendor.raw_code, -1);
  // iotkit v2.03 sends no desc: it cannot come back.
  converted v2;
  convert(p, ab::topic_kind::progress, R"({"id":0,"params": {"step": "10"}})", v2);
  EXPECT_EQ(v2.event.mapped, fidelity::lossy);
}

TEST(OtaAlibaba, PullRowsAreARequestAndAnOfferOrNoUpgrade) {
  otawire::json::parser p;
  converted get;
  convert(p, ab::topic_kind::firmware_get, R"({"id":3, "params":{"module":"MCU"}})", get);  // Link SDK form
  EXPECT_EQ(std::get<ota::upgrade_request>(get.event.body), ota::upgrade_request{});  // no versions (§2.7)
  EXPECT_EQ(get.event.head.part.module, "MCU");
  EXPECT_EQ(get.event.mapped, fidelity::exact);
  converted docs;
  convert(p, ab::topic_kind::firmware_get,
          R"({"id":"123","version":"1.0","params":{"module":"MCU"},"method":"thing.ota.firmware.get"})", docs);
  EXPECT_EQ(docs.event.mapped, fidelity::lossy);  // the docs' version and method have no field
  converted reply;
  convert(p, ab::topic_kind::firmware_get_reply,
          R"({"id":"123","code":200,"data":{"size":93796291,"sign":"f8d85b250d4d787a9f483d89a9747348","version":"1.0.1.9.20171112.1432","isDiff":1,"url":"https://the_firmware_url","signMethod":"Md5","md5":"f8d85b250d4d787a9f483d89a9747348","module":"MCU","extData":{"key1":"value1","key2":"value2"}}})",
          reply);
  const auto& offer = std::get<ota::upgrade_offer>(reply.event.body);
  EXPECT_TRUE(offer.solicited);
  EXPECT_EQ(offer.package.version, "1.0.1.9.20171112.1432");
  EXPECT_EQ(reply.event.head.vendor.raw_code, 200);
  converted none;
  convert(p, ab::topic_kind::firmware_get_reply, R"({"id":"123","code":200,"data":{}})", none);
  EXPECT_EQ(none.event.kind(), event_kind::no_upgrade);
  EXPECT_EQ(none.event.mapped, fidelity::exact);
  // The legacy request (iotkit's `iotx_req_image`): a pull naming the running version.
  converted legacy;
  convert(p, ab::topic_kind::request, R"({"id":0,"params":{"version":"1.0.0"}})", legacy);
  EXPECT_EQ(std::get<ota::upgrade_request>(legacy.event.body), (ota::upgrade_request{"1.0.0", {}}));
}

// --- §3.2, the CTW/ALI step column ---------------------------------------------------------------------

TEST(OtaAlibaba, StepColumnDecodesAndEncodesAsTheTableSays) {
  EXPECT_EQ(ota::decode_alibaba_reason(-1).why, reason::unspecified);
  EXPECT_EQ(ota::decode_alibaba_reason(-2).why, reason::download_failed);
  EXPECT_EQ(ota::decode_alibaba_reason(-3).why, reason::integrity_failed);
  EXPECT_EQ(ota::decode_alibaba_reason(-4).why, reason::install_failed);
  EXPECT_EQ(ota::decode_alibaba_reason(-4).mapped, fidelity::lossy);  // ≈ flash write / burn only
  for (const int step : {-1, -2, -3}) EXPECT_EQ(ota::decode_alibaba_reason(step).mapped, fidelity::exact);
  // Download-stage reasons →-2, everything without a code →-1 (§3.4).
  for (const auto why : {reason::download_timeout, reason::download_auth_failed, reason::invalid_uri,
                         reason::unsupported_protocol}) {
    EXPECT_EQ(ota::encode_alibaba_reason(why).step, -2) << ota::name(why);
    EXPECT_EQ(ota::encode_alibaba_reason(why).mapped, fidelity::fallback);
  }
  for (const auto why : {reason::busy, reason::poor_signal, reason::already_latest, reason::low_battery,
                         reason::no_storage, reason::out_of_memory, reason::unsupported_package,
                         reason::internal_error, reason::cancelled}) {
    EXPECT_EQ(ota::encode_alibaba_reason(why).step, -1) << ota::name(why);
    EXPECT_EQ(ota::encode_alibaba_reason(why).mapped, fidelity::fallback);
  }
  for (std::size_t r = 0; r < ota::reason_count; ++r) {
    const auto why = static_cast<reason>(r);
    const auto chosen = ota::encode_alibaba_reason(why);
    EXPECT_GE(chosen.step, ab::min_step);
    EXPECT_LT(chosen.step, 0);
    if (chosen.mapped == fidelity::exact) {
      EXPECT_EQ(ota::decode_alibaba_reason(chosen.step).why, why);
    }
    if (ota::decode_alibaba_reason(chosen.step).why != why) {
      EXPECT_NE(chosen.mapped, fidelity::exact) << ota::name(why);
    }
  }
}

// --- from_event: what Alibaba cannot carry is reported -----------------------------------------------------

ota::event neutral(ota::event_body body) {
  ota::event e{};
  e.head.source_protocol = ota::protocol::huawei_mqtt;  // not Alibaba: no raw record to reuse
  e.head.vendor.source = ota::protocol::huawei_mqtt;
  e.body = body;
  return e;
}

TEST(OtaAlibaba, ForeignSha256OfferIsAPushWithTheSuccessMessage) {
  ota::upgrade_offer offer{};
  offer.package.version = "2.0";
  offer.package.min_size = offer.package.max_size = 30720;
  offer.package.source.kind = ota::source_kind::url;
  offer.package.source.url = "https://bucket.obs.example.com/pkg.bin";
  offer.package.package_digest = {ota::digest_algorithm::sha256,
                                  "71cfa4cfb93fce5c9677086ff7f5f2d786cfd2c6f27d4636978e1b9a8b2b12f5"};
  offer.package.file_name = "Newsensorboard.bin";
  ota::event e = neutral(offer);
  e.head.upgrade_task.task_id = "65d31bf2581ed33a42a58d76";
  auto out = ota::from_event(e, ota::alibaba_profile{{7, false}});
  ASSERT_TRUE(out.has_value());
  ASSERT_TRUE(out->message);
  const auto& u = std::get<ab::upgrade>(*out->message);
  EXPECT_EQ(u.id, (ab::message_id{7, false}));
  EXPECT_EQ(u.message, "success");  // iotkit v3 needs it (§2.7)
  EXPECT_EQ(u.data.sign_method, ab::digest_algorithm::sha256);
  EXPECT_FALSE(u.data.md5);
  EXPECT_EQ(u.data.size, 30720u);
  EXPECT_TRUE(ota::contains(out->lost, ota::lost_field::task_id | ota::lost_field::policy));
  EXPECT_EQ(out->mapped, fidelity::lossy);
}

TEST(OtaAlibaba, OffersAlibabaCannotCarryAreErrors) {
  ota::upgrade_offer offer{};
  offer.package.version = "1.0";
  offer.package.max_size = 1500;
  offer.package.source.kind = ota::source_kind::fragments;
  EXPECT_EQ(ota::from_event(neutral(offer), ota::alibaba_profile{}).error().code(), otawire::errc::unsupported);
  offer.package.source.kind = ota::source_kind::url;
  offer.package.source.url = "https://124.70.218.131:8943/iodm/dev/v2.0/upgradefile/p";
  offer.package.source.auth = ota::url_auth::bearer;  // Huawei v1: a header the device does not send
  EXPECT_EQ(ota::from_event(neutral(offer), ota::alibaba_profile{}).error().code(), otawire::errc::unsupported);
  offer.package.source.auth = ota::url_auth::none;
  EXPECT_EQ(ota::from_event(neutral(offer), ota::alibaba_profile{}).error().code(), otawire::errc::missing_field);  // no digest (§4.2 `F`)
  offer.package.package_digest = {ota::digest_algorithm::md5, "f8d85b250d4d787a9f483d89a9747348"};
  offer.package.source.url = "coap://example.com/fw";  // LwM2M's: re-hosted over http(s)
  EXPECT_EQ(ota::from_event(neutral(offer), ota::alibaba_profile{}).error().code(), otawire::errc::invalid_value);
  offer.package.source.url = "https://oss/fw.bin";
  offer.package.package_digest.hex = "F8D85B";  // not an MD5
  EXPECT_EQ(ota::from_event(neutral(offer), ota::alibaba_profile{}).error().code(), otawire::errc::bad_string);
  offer.package.package_digest.hex = "f8d85b250d4d787a9f483d89a9747348";
  offer.package.version = "1.0.1.9.20171112.1432.1.0.1.9.20171112.1432.1.0.1.9.20171112.1432.x";  // 67 chars
  EXPECT_EQ(ota::from_event(neutral(offer), ota::alibaba_profile{}).error().code(), otawire::errc::bad_length);
  offer.package.version = "";
  EXPECT_EQ(ota::from_event(neutral(offer), ota::alibaba_profile{}).error().code(), otawire::errc::missing_field);  // §4.1 `Tv`
  EXPECT_EQ(ota::from_event(neutral(ota::succeeded{}), ota::alibaba_profile{}).error().code(), otawire::errc::missing_field);
}

TEST(OtaAlibaba, SuccessIsAVersionReportAndRefusalsAreFailureSteps) {
  ota::event done = neutral(ota::succeeded{"2.0"});
  done.head.part.module = "MCU";
  auto out = ota::from_event(done, ota::alibaba_profile{});
  ASSERT_TRUE(out.has_value());
  EXPECT_EQ(std::get<ab::inform>(*out->message), (ab::inform{{}, "2.0", "MCU"}));
  EXPECT_EQ(out->mapped, fidelity::exact);
  auto refusal = ota::from_event(neutral(ota::refused{ota::answer_subject::offer, reason::low_battery}), ota::alibaba_profile{});
  ASSERT_TRUE(refusal.has_value());
  const auto& p = std::get<ab::progress>(*refusal->message);
  EXPECT_EQ(p.step, -1);
  EXPECT_EQ(p.desc, "low_battery");  // §3.4: the token in desc
  EXPECT_TRUE(ota::contains(refusal->lost, ota::lost_field::exact_reason));
  EXPECT_EQ(refusal->mapped, fidelity::fallback);
  auto download = ota::from_event(neutral(ota::failed{ota::phase::download, reason::download_timeout, "1.0"}), ota::alibaba_profile{});
  ASSERT_TRUE(download.has_value());
  EXPECT_EQ(std::get<ab::progress>(*download->message).step, -2);
  EXPECT_TRUE(ota::contains(download->lost, ota::lost_field::version | ota::lost_field::exact_reason));
}

TEST(OtaAlibaba, EventsWithoutAnAlibabaMessageSaySo) {
  for (const ota::event_body& body :
       {ota::event_body{ota::version_query{}}, ota::event_body{ota::accepted{ota::answer_subject::offer}},
        ota::event_body{ota::download_finished{}}, ota::event_body{ota::install_request{}},
        ota::event_body{ota::cancel{}}, ota::event_body{ota::ack{ota::ack_subject::version_report, true, {}}},
        ota::event_body{ota::chunk_request{}}, ota::event_body{ota::chunk{}},
        ota::event_body{ota::progress{ota::phase::download, {}, {}, {}}},
        ota::event_body{ota::refused{ota::answer_subject::install, reason::deferred}}}) {
    auto out = ota::from_event(neutral(body), ota::alibaba_profile{});
    ASSERT_TRUE(out.has_value());
    EXPECT_FALSE(out->message);
    EXPECT_TRUE(ota::contains(out->lost, ota::lost_field::whole_event));
    EXPECT_NE(out->mapped, fidelity::exact);
  }
}

TEST(OtaAlibaba, ForeignPullNamingVersionsLosesThem) {
  auto out = ota::from_event(neutral(ota::upgrade_request{"1.0", "2.0"}), ota::alibaba_profile{});  // JetLinks pull (§4.3 note 9)
  ASSERT_TRUE(out.has_value());
  EXPECT_TRUE(std::holds_alternative<ab::firmware_get>(*out->message));
  EXPECT_TRUE(ota::contains(out->lost, ota::lost_field::version));
}

// --- round trip: message → event → message ------------------------------------------------------------------

RC_GTEST_PROP(OtaAlibabaProp, ExactEventsComeBackAsTheSameMessage,
              (const otawire::test::alibaba::generated_message& g)) {
  ota::alibaba_session_context context{};
  if (*rc::gen::arbitrary<bool>()) context.target_version = *rc::gen::element<std::string_view>("1.0.0", "2.0.0");
  std::array<ota::event, ota::alibaba_max_events> events{};
  auto n = ota::to_events(g.value, ota::envelope{}, context, events);
  RC_ASSERT(n.has_value());
  const auto* inform = std::get_if<ab::inform>(&g.value);
  const bool reports_target = inform != nullptr && context.target_version == inform->version;
  RC_ASSERT(*n == (reports_target ? 2u : 1u));
  if (reports_target) {
    RC_ASSERT(events[1].kind() == ota::event_kind::succeeded);
    RC_ASSERT(events[1].made_by == &ota::rules::alibaba_success_by_reported_version);
  }
  const auto& e = events[0];
  RC_ASSERT(e.synthesised() == (e.made_by != nullptr));
  // Never exact where something has no field (the file comment's list).
  if (const auto* u = std::get_if<ab::upgrade>(&g.value)) {
    const auto& d = u->data;
    if (d.digestsign || d.has_files || d.download_protocol || !d.url) RC_ASSERT(e.mapped != fidelity::exact);
  }
  if (const auto* p = std::get_if<ab::progress>(&g.value); p && !p->desc) RC_ASSERT(e.mapped != fidelity::exact);
  if (const auto* p = std::get_if<ab::progress>(&g.value); p && p->step == -4) RC_ASSERT(e.mapped != fidelity::exact);
  RC_TAG(e.mapped == fidelity::exact ? "exact" : "not exact");
  if (e.mapped != fidelity::exact) return;
  const auto id = std::visit([](const auto& m) { return m.id; }, g.value);
  auto back = ota::from_event(e, ota::alibaba_profile{id});
  RC_ASSERT(back.has_value());
  RC_ASSERT(back->message.has_value());
  RC_ASSERT(back->lost == ota::lost_field::nothing);
  RC_ASSERT(back->mapped == fidelity::exact);
  RC_ASSERT(*back->message == g.value);
}

RC_GTEST_PROP(OtaAlibabaProp, EveryReasonIsExactOnlyIfItDecodesBack, ()) {
  const auto why = static_cast<reason>(*rc::gen::inRange<unsigned>(0, ota::reason_count));
  const auto chosen = ota::encode_alibaba_reason(why);
  RC_ASSERT(chosen.step >= ab::min_step && chosen.step < 0);
  if (chosen.mapped == fidelity::exact) RC_ASSERT(ota::decode_alibaba_reason(chosen.step).why == why);
  if (ota::decode_alibaba_reason(chosen.step).why != why) RC_ASSERT(chosen.mapped != fidelity::exact);
}

// --- item 3: the neutral session agrees with alibaba::session -------------------------------------------

namespace ta = otawire::test::alibaba;

namespace th = otawire::test::ota_hwali;

/// Runs `steps` through both validators (tests/support/ota_hwali_harness.hpp); asserts they
/// agree up to the end or the first documented exclusion, which it returns.
th::alibaba_exclusions check_alibaba_agreement(const std::vector<ta::session_step>& steps) {
  th::agreement run{};
  const auto excluded = th::check_alibaba_agreement(steps, run);
  RC_LOG() << run.log;
  RC_ASSERT(run.disagreement.empty());
  RC_TAG(run.any_rejected ? "some message rejected" : "all accepted");
  RC_TAG(excluded.total() == 0 ? "compared to the end" : "stopped at an exclusion");
  return excluded;
}

RC_GTEST_PROP(NeutralSessionAlibaba, AgreesWithTheAlibabaValidatorOnLegalSessions, (const ta::legal_session& s)) {
  const auto excluded = check_alibaba_agreement(s.steps);
  // A legal session meets one differing rule only: a round that rolls back (step 100, then the
  // old version) is `not_applied` for Alibaba.
  RC_ASSERT(excluded.total() == excluded.not_applied);
}

RC_GTEST_PROP(NeutralSessionAlibaba, AgreesOnTheValidatorsOwnMutations, (const ta::legal_session& s)) {
  // alibaba's own generator of illegal sessions, each with the rule it breaks.
  const auto m = *ta::gen::mutation(s);
  check_alibaba_agreement(m.steps);
}

RC_GTEST_PROP(NeutralSessionAlibaba, AgreesOnRandomlyMutatedSessions, (const ta::legal_session& s)) {
  auto steps = s.steps;
  const int mutations = *rc::gen::inRange(1, 4);
  for (int k = 0; k < mutations && !steps.empty(); ++k) {
    const auto i = *rc::gen::inRange<std::size_t>(0, steps.size());
    switch (*rc::gen::inRange(0, 3)) {
      case 0: steps.erase(steps.begin() + static_cast<std::ptrdiff_t>(i)); break;
      case 1: steps.insert(steps.begin() + static_cast<std::ptrdiff_t>(i), steps[i]); break;
      default:
        if (i + 1 < steps.size()) std::swap(steps[i], steps[i + 1]);
        break;
    }
  }
  check_alibaba_agreement(steps);
}

// A property with no input (RC_ASSERT and RC_LOG need one), so it runs the fixed cases.
RC_GTEST_PROP(NeutralSessionAlibaba, TheExclusionsAreReal, ()) {
  using K = ab::topic_kind;
  const auto topic = [](K k) { return ab::topic{k, "a1pk", "dev"}; };
  ab::package p;
  p.size = 4096;
  p.version = "2.0.0";
  p.url = "https://oss/fw.bin";
  p.sign = p.md5 = "d41d8cd98f00b204e9800998ecf8427e";
  p.sign_method = ab::digest_algorithm::md5;
  const ta::session_step push{topic(K::upgrade), ab::upgrade{{1, false}, p, "success"}};
  const auto progress = [&](std::int32_t step) {
    return ta::session_step{topic(K::progress), ab::progress{{2, false}, step, "", std::nullopt}};
  };
  const auto inform = [&](std::string_view v) {
    return ta::session_step{topic(K::inform), ab::inform{{3, false}, v, std::nullopt}};
  };
  RC_ASSERT(check_alibaba_agreement({push, progress(50), progress(40)}).progress_decrease == 1u);
  RC_ASSERT(check_alibaba_agreement({inform("1.0.0"), push, progress(100), inform("1.0.0")}).not_applied == 1u);
  RC_ASSERT(check_alibaba_agreement({push, progress(50), push}).repush_while_upgrading == 1u);
  const ta::session_step reply{topic(K::firmware_get_reply), ab::firmware_get_reply{{7, false}, 200, std::nullopt, std::nullopt}};
  RC_ASSERT(check_alibaba_agreement({reply}).reply_without_request == 1u);
  ab::package diff = p;
  diff.is_diff = true;
  RC_ASSERT(check_alibaba_agreement({{topic(K::upgrade), ab::upgrade{{1, false}, diff, "success"}}}).diff_without_report ==
            1u);
  RC_ASSERT(check_alibaba_agreement({inform("2.0.0"), push}).offer_of_running_version == 1u);
  // A full success is compared to its end; a success without progress is refused by both.
  RC_ASSERT(check_alibaba_agreement({inform("1.0.0"), push, progress(0), progress(100), inform("2.0.0")}).total() == 0u);
  RC_ASSERT(check_alibaba_agreement({inform("1.0.0"), push, inform("2.0.0")}).total() == 0u);
}

}  // namespace
