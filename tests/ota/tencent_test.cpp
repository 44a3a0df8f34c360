// Tencent ↔ neutral events, from crosswalk.md's own rows: §2.3 (what each of the four messages
// becomes, with json-messages.md §A.2's verbatim examples), §3.2 (the TCT column), plus rapidcheck
// properties: message → events → message is the identity where the mapping keeps everything,
// `exact` is never claimed where it does not, and the neutral session validator agrees with
// tencent::session on random legal and mutated sessions (exclusions named and counted).
#include <otawire/ota/session.hpp>
#include <otawire/ota/tencent.hpp>
#include <otawire/tencent/session.hpp>

#if !defined(OTAWIRE_DEVICE_PROFILE)
#include "support/ota_tcj_tencent.hpp"
#include "support/tencent_arbitrary.hpp"  // prints with Boost.JSON: the properties need the JSON target
#endif

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <array>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace {
namespace ota = otawire::ota;
namespace tc = otawire::tencent;
using ota::event_kind;
using ota::fidelity;
using ota::reason;

struct converted {
  std::array<ota::event, ota::tencent_max_events> events{};
  std::array<char, ota::task_id_text_size> task_id_text{};
  std::size_t count = 0;
};

// Returned by pointer: the events view into `task_id_text`, which must not move.
std::unique_ptr<converted> convert(const tc::message& m) {
  auto out = std::make_unique<converted>();
  auto n = ota::to_events(m, ota::envelope{}, {out->task_id_text}, out->events);
  EXPECT_TRUE(n.has_value());
  out->count = n ? *n : 0;
  return out;
}

// Events view into the message: converting a temporary message does not compile.
template <class M>
concept convertible_to_events = requires(M&& m, std::span<ota::event> out) {
  ota::to_events(static_cast<M&&>(m), ota::envelope{}, ota::tencent_session_context{}, out);
};
static_assert(convertible_to_events<const tc::message&>);
static_assert(!convertible_to_events<tc::message>);

// --- §2.3, one row at a time ------------------------------------------------------------------------

TEST(OtaTencent, RowReportVersionIsAnUnsolicitedVersionReport) {
  // json §A.2, the 2025 doc: {"type":"report_version","report":{"fw_type":"mcu","version":"0.1"}}
  const tc::message m = tc::report_version{"0.1", std::string_view("mcu")};
  const auto c = convert(m);
  ASSERT_EQ(c->count, 1u);
  const auto& e = c->events[0];
  const auto& report = std::get<ota::version_report>(e.body);
  EXPECT_EQ(report.first.version, "0.1");
  EXPECT_EQ(report.first.part.module, "mcu");  // fw_type → component.module
  EXPECT_FALSE(report.solicited);              // the device reports unasked (§1.4 E1)
  EXPECT_EQ(e.head.part.module, "mcu");
  EXPECT_EQ(e.head.dir, otawire::direction::device_to_platform);
  EXPECT_EQ(e.head.source_protocol, ota::protocol::tencent);
  EXPECT_EQ(e.mapped, fidelity::exact);
}

TEST(OtaTencent, RowReportVersionRspIsAVersionReportAck) {
  // {"result_code":0,"result_msg":"success","type":"report_version_rsp","version":"1.0.0"}
  const tc::message ok = tc::report_version_rsp{0, std::string_view("success"), std::string_view("1.0.0"), {}};
  const auto c = convert(ok);
  ASSERT_EQ(c->count, 1u);
  EXPECT_EQ(std::get<ota::ack>(c->events[0].body), (ota::ack{ota::ack_subject::version_report, true, {}}));
  EXPECT_EQ(c->events[0].head.vendor.raw_text, "success");
  EXPECT_EQ(c->events[0].head.dir, otawire::direction::platform_to_device);
  EXPECT_EQ(c->events[0].mapped, fidelity::exact);
  // Non-zero codes are unknown (§2.3 "lost", §3.2): not ok, unspecified, lossy, raw code kept.
  const tc::message no = tc::report_version_rsp{7, {}, {}, {}};
  const auto d = convert(no);
  EXPECT_EQ(std::get<ota::ack>(d->events[0].body), (ota::ack{ota::ack_subject::version_report, false, reason::unspecified}));
  EXPECT_EQ(d->events[0].mapped, fidelity::lossy);
  EXPECT_EQ(d->events[0].head.vendor.raw_code, 7);
}

TEST(OtaTencent, RowUpdateFirmwareIsAPresignedUrlOfferWithMd5) {
  // The 2025 doc's example (its masked md5sum replaced by hex) with the user_defined of [T8].
  tc::update_firmware fw{};
  fw.file_size = 708482;
  fw.md5sum = "36eb5951179db14a6300a37a9322a2ff";
  fw.url = "https://ota-1255858890.cos.ap-guangzhou.myqcloud.com";
  fw.version = "0.2";
  fw.task_id = 123456;
  fw.fw_type = "mcu";
  fw.user_defined = R"({"time":"2024-05-16","info":"ota test"})";
  const tc::message m = fw;
  const auto c = convert(m);
  ASSERT_EQ(c->count, 1u);
  const auto& e = c->events[0];
  const auto& offer = std::get<ota::upgrade_offer>(e.body);
  EXPECT_EQ(offer.package.version, "0.2");
  EXPECT_EQ(offer.package.exact_size(), 708482u);
  EXPECT_EQ(offer.package.package_digest, (ota::digest{ota::digest_algorithm::md5, fw.md5sum}));
  EXPECT_EQ(offer.package.source.kind, ota::source_kind::url);
  EXPECT_EQ(offer.package.source.url, fw.url);
  EXPECT_EQ(offer.package.source.auth, ota::url_auth::presigned);
  EXPECT_EQ(offer.package.extras, *fw.user_defined);  // user_defined → extras
  EXPECT_EQ(e.head.upgrade_task.task_id, "123456");    // task_id (2025) → task
  EXPECT_EQ(e.head.part.module, "mcu");
  EXPECT_EQ(e.head.dir, otawire::direction::platform_to_device);
  EXPECT_EQ(e.mapped, fidelity::exact);
}

TEST(OtaTencent, RowDownloadingIsDownloadProgressAndHundredFinishesTheDownload) {
  // C v3 log: "downloading", percent "31", then "100".
  const tc::message m31 = tc::report_progress::downloading("1.3.0", 31);
  const auto c = convert(m31);
  ASSERT_EQ(c->count, 1u);
  EXPECT_EQ(std::get<ota::progress>(c->events[0].body), (ota::progress{ota::phase::download, 31, {}, {}}));
  const tc::message m100 = tc::report_progress::downloading("1.3.0", 100);
  const auto d = convert(m100);
  ASSERT_EQ(d->count, 2u);
  EXPECT_EQ(std::get<ota::progress>(d->events[0].body).percent, 100);
  // "100" also gives download_finished, verification unknown: the MD5 is checked after it.
  EXPECT_EQ(std::get<ota::download_finished>(d->events[1].body).checked, ota::verification::unknown);
}

TEST(OtaTencent, RowBurningIsInstallProgress) {
  const tc::message m = tc::report_progress::burning("1.3.0");
  const auto c = convert(m);
  ASSERT_EQ(c->count, 1u);
  EXPECT_EQ(std::get<ota::progress>(c->events[0].body).stage, ota::phase::install);
  EXPECT_FALSE(std::get<ota::progress>(c->events[0].body).percent);
}

TEST(OtaTencent, RowDoneSucceedsWithTheTargetAndSaysItIsLossy) {
  // Java log: {"report":{"progress":{"result_msg":"OK","result_code":"0","state":"done"},"version":"0.0.2"}, …}
  const tc::message m = tc::report_progress::done("0.0.2", "OK");
  const auto c = convert(m);
  ASSERT_EQ(c->count, 1u);
  EXPECT_EQ(std::get<ota::succeeded>(c->events[0].body).new_version, "0.0.2");
  EXPECT_EQ(c->events[0].head.vendor.raw_text, "OK");
  // `report.version` is the target; the running version is confirmed only later (§3.5 item 6).
  EXPECT_EQ(c->events[0].mapped, fidelity::lossy);
}

TEST(OtaTencent, RowFailMapsCodesToPhaseAndReason) {
  // §2.3: -1..-4 download, -5 install; §3.2 TCT column: -3 and -5 exact, -1, -2, -4 ≈.
  struct row {
    tc::fail_code code;
    ota::phase stage;
    reason why;
    fidelity mapped;
  };
  const std::array<row, 5> rows{{{tc::fail_code::download_timeout, ota::phase::download, reason::download_timeout, fidelity::lossy},
                                 {tc::fail_code::file_not_exist, ota::phase::download, reason::download_failed, fidelity::lossy},
                                 {tc::fail_code::auth_fail, ota::phase::download, reason::download_auth_failed, fidelity::exact},
                                 {tc::fail_code::md5_not_match, ota::phase::download, reason::integrity_failed, fidelity::lossy},
                                 {tc::fail_code::upgrade_fail, ota::phase::install, reason::install_failed, fidelity::exact}}};
  for (const auto& r : rows) {
    const tc::message m = tc::report_progress::failed("1.3.0", r.code, "time_out");
    const auto c = convert(m);
    ASSERT_EQ(c->count, 1u);
    EXPECT_EQ(std::get<ota::failed>(c->events[0].body), (ota::failed{r.stage, r.why, {}})) << tc::name(r.code);
    EXPECT_EQ(c->events[0].mapped, r.mapped) << tc::name(r.code);
    EXPECT_EQ(c->events[0].head.vendor.raw_code, static_cast<int>(r.code));
    EXPECT_EQ(c->events[0].head.vendor.raw_text, "time_out");  // unreliable (C v3), but kept
  }
}

TEST(OtaTencent, ATaskIdWithoutStorageForItsTextIsReportedLost) {
  tc::report_progress p = tc::report_progress::downloading("0.2", 5);
  p.task_id = -9223372036854775807LL - 1;
  const tc::message m = p;
  std::array<ota::event, 2> out{};
  auto n = ota::to_events(m, ota::envelope{}, {}, out);
  ASSERT_TRUE(n.has_value());
  EXPECT_TRUE(out[0].head.upgrade_task.task_id.empty());
  EXPECT_EQ(out[0].mapped, fidelity::lossy);
  const auto c = convert(m);
  EXPECT_EQ(c->events[0].head.upgrade_task.task_id, "-9223372036854775808");
  EXPECT_EQ(c->events[0].mapped, fidelity::exact);
}

TEST(OtaTencent, OutputTooSmallIsAnErrorNotATruncation) {
  const tc::message m = tc::report_progress::downloading("1.3.0", 100);
  std::array<ota::event, 1> one{};
  auto n = ota::to_events(m, ota::envelope{}, {}, one);
  ASSERT_FALSE(n.has_value());
  EXPECT_EQ(n.error().code(), otawire::errc::buffer_too_small);
}

// --- §3.2: the TCT column, encode side ----------------------------------------------------------------

TEST(OtaTencent, EveryReasonEncodesToAFailCodeAndExactMeansItDecodesBack) {
  for (std::size_t r = 0; r < ota::reason_count; ++r) {
    const auto why = static_cast<reason>(r);
    const auto chosen = ota::encode_tencent_reason(why);
    const auto code = static_cast<int>(chosen.code);
    EXPECT_TRUE(code >= -5 && code <= -1) << ota::name(why);
    if (chosen.mapped == fidelity::exact) {
      EXPECT_EQ(ota::decode_tencent_reason(chosen.code).why, why);
    }
    if (ota::decode_tencent_reason(chosen.code).why != why) {
      EXPECT_NE(chosen.mapped, fidelity::exact) << ota::name(why);
    }
  }
  const auto enc = [](reason r) { return ota::encode_tencent_reason(r); };
  EXPECT_EQ(enc(reason::invalid_uri).code, tc::fail_code::file_not_exist);  // URL-level → -2 (§3.4)
  EXPECT_EQ(enc(reason::unsupported_protocol).mapped, fidelity::fallback);
  EXPECT_EQ(enc(reason::busy).code, tc::fail_code::upgrade_fail);  // the rest → -5
  EXPECT_EQ(enc(reason::no_storage).mapped, fidelity::fallback);
  EXPECT_EQ(enc(reason::download_timeout).mapped, fidelity::lossy);  // -1 ≈
  EXPECT_EQ(enc(reason::download_auth_failed).code, tc::fail_code::auth_fail);  // -3 exact
  EXPECT_EQ(enc(reason::download_auth_failed).mapped, fidelity::exact);
  const auto unknown = ota::decode_tencent_reason(static_cast<tc::fail_code>(-9));
  EXPECT_EQ(unknown.why, reason::unspecified);
  EXPECT_EQ(unknown.mapped, fidelity::lossy);
}

// --- from_event: what Tencent cannot carry is reported ----------------------------------------------

ota::event neutral(ota::event_body body) {
  ota::event e{};
  e.head.source_protocol = ota::protocol::pcp;  // not Tencent: no raw code or text to reuse
  e.head.vendor.source = ota::protocol::pcp;
  e.body = body;
  return e;
}

TEST(OtaTencent, EventsWithoutATencentMessageSaySo) {
  // §2.3 last row: no refusal of a cancel, install request, cancel, query or pull; no chunks; no
  // acks but of a version report; acceptance is implicit in the first progress.
  for (const ota::event_body& body :
       {ota::event_body{ota::version_query{}}, ota::event_body{ota::upgrade_request{}},
        ota::event_body{ota::no_upgrade{}}, ota::event_body{ota::accepted{ota::answer_subject::offer}},
        ota::event_body{ota::install_request{}}, ota::event_body{ota::cancel{}},
        ota::event_body{ota::ack{ota::ack_subject::outcome, true, {}}}, ota::event_body{ota::chunk_request{}},
        ota::event_body{ota::chunk{}}, ota::event_body{ota::refused{ota::answer_subject::install, reason::deferred}},
        ota::event_body{ota::progress{ota::phase::download, {}, {}, {}}}}) {
    auto out = ota::from_event(neutral(body), ota::tencent_profile{"2.0", {}});
    ASSERT_TRUE(out.has_value());
    EXPECT_FALSE(out->message);
    EXPECT_TRUE(ota::contains(out->lost, ota::lost_field::whole_event));
    EXPECT_NE(out->mapped, fidelity::exact);
  }
}

TEST(OtaTencent, ForeignOfferNeedsUrlAndMd5AndGetsTheDesignedUserDefined) {
  ota::upgrade_offer offer{};
  offer.package.version = "1.2.0";
  offer.package.min_size = 1001;
  offer.package.max_size = 1500;  // a PCP plan: only a range
  offer.package.source.kind = ota::source_kind::fragments;
  EXPECT_EQ(ota::from_event(neutral(offer), {}).error().code(), otawire::errc::missing_field);  // re-host first
  offer.package.source.kind = ota::source_kind::url;
  offer.package.source.url = "https://example.com/fw.bin?x=1";
  offer.package.source.auth = ota::url_auth::query_token;
  offer.package.source.token = "tok";
  EXPECT_EQ(ota::from_event(neutral(offer), {}).error().code(), otawire::errc::missing_field);  // no MD5 (§4.1 F)
  offer.package.package_digest = {ota::digest_algorithm::md5, "00112233445566778899aabbccddeeff"};
  auto out = ota::from_event(neutral(offer), {});
  ASSERT_TRUE(out.has_value());
  const auto& m = std::get<tc::update_firmware>(*out->message);
  EXPECT_EQ(m.file_size, 1500u);
  EXPECT_EQ(m.user_defined, std::optional<std::string_view>("{}"));
  EXPECT_TRUE(ota::contains(out->lost, ota::lost_field::exact_size | ota::lost_field::url));
  EXPECT_EQ(out->mapped, fidelity::fallback);
  offer.package.package_digest = {ota::digest_algorithm::sha256, std::string_view{}};
  EXPECT_FALSE(ota::from_event(neutral(offer), {}).has_value());
}

TEST(OtaTencent, ForeignFailuresGetTheTableCodeAndTheToken) {
  auto out = ota::from_event(neutral(ota::failed{ota::phase::download, reason::busy, {}}), {"2.0", {}});
  ASSERT_TRUE(out.has_value());
  const auto& p = std::get<tc::report_progress>(*out->message);
  EXPECT_EQ(p.result_code, -5);
  EXPECT_EQ(p.result_msg, "busy");  // the neutral token (§3.4)
  EXPECT_EQ(p.version, "2.0");      // the target, from the session
  EXPECT_EQ(out->mapped, fidelity::fallback);
  EXPECT_TRUE(ota::contains(out->lost, ota::lost_field::exact_reason));
  // A refusal becomes a failure: never exact.
  auto refusal = ota::from_event(neutral(ota::refused{ota::answer_subject::offer, reason::download_auth_failed}), {"2.0", {}});
  ASSERT_TRUE(refusal.has_value());
  EXPECT_EQ(std::get<tc::report_progress>(*refusal->message).result_code, -3);
  EXPECT_EQ(refusal->mapped, fidelity::lossy);
  // already_latest is no failure in Tencent: the running version is reported again (§3.2).
  auto latest = ota::from_event(neutral(ota::failed{ota::phase::offer, reason::already_latest, "1.0"}), {"1.0", {}});
  ASSERT_TRUE(latest.has_value());
  EXPECT_EQ(std::get<tc::report_version>(*latest->message).version, "1.0");
  EXPECT_NE(latest->mapped, fidelity::exact);
  // Without the target version a progress cannot be written.
  EXPECT_EQ(ota::from_event(neutral(ota::progress{ota::phase::download, 5, {}, {}}), {}).error().code(),
            otawire::errc::missing_field);
}

TEST(OtaTencent, ForeignVersionAckIsTheCloudsSuccessAnswer) {
  auto out = ota::from_event(neutral(ota::ack{ota::ack_subject::version_report, true, {}}), {{}, "1.0.0"});
  ASSERT_TRUE(out.has_value());
  EXPECT_EQ(std::get<tc::report_version_rsp>(*out->message),
            (tc::report_version_rsp{0, std::string_view("success"), std::string_view("1.0.0"), {}}));
  EXPECT_EQ(out->mapped, fidelity::exact);
  // A foreign refusal has no Tencent code (non-zero codes are unknown): nothing is invented.
  auto no = ota::from_event(neutral(ota::ack{ota::ack_subject::version_report, false, reason::busy}), {});
  ASSERT_TRUE(no.has_value());
  EXPECT_FALSE(no->message);
}

TEST(OtaTencent, UnverifiedOrVerifiedDownloadEndIsDownloading100) {
  auto unknown = ota::from_event(neutral(ota::download_finished{}), {"2.0", {}});
  ASSERT_TRUE(unknown.has_value());
  EXPECT_EQ(std::get<tc::report_progress>(*unknown->message), tc::report_progress::downloading("2.0", 100));
  EXPECT_EQ(unknown->mapped, fidelity::exact);
  auto verified = ota::from_event(neutral(ota::download_finished{ota::verification::verified, {}}), {"2.0", {}});
  ASSERT_TRUE(verified.has_value());
  EXPECT_EQ(verified->mapped, fidelity::lossy);  // "100" does not say the device checked it
}

TEST(OtaTencent, SecondVersionAndForeignTaskIdsAreReportedLost) {
  ota::event e = neutral(ota::version_report{{{}, "1.0"}, ota::component_version{{}, "2.0"}, false});
  e.head.upgrade_task.task_id = "T-42";  // Huawei's text ids do not fit Tencent's number
  auto out = ota::from_event(e, {});
  ASSERT_TRUE(out.has_value());
  EXPECT_TRUE(ota::contains(out->lost, ota::lost_field::second_version | ota::lost_field::task_id));
  ota::event p = neutral(ota::progress{ota::phase::download, 10, {}, {}});
  p.head.upgrade_task.task_id = "007";  // not canonical: would come back as 7
  auto q = ota::from_event(p, {"2.0", {}});
  ASSERT_TRUE(q.has_value());
  EXPECT_FALSE(std::get<tc::report_progress>(*q->message).task_id);
  EXPECT_TRUE(ota::contains(q->lost, ota::lost_field::task_id));
}

#if !defined(OTAWIRE_DEVICE_PROFILE)
namespace t = otawire::test::tencent;

// --- the round trip -----------------------------------------------------------------------------------

/// What the session would echo for `m`: its target version (progress) or its echo (rsp).
ota::tencent_profile echoes_of(const tc::message& m) {
  ota::tencent_profile profile{};
  if (const auto* p = std::get_if<tc::report_progress>(&m)) profile.target_version = p->version;
  if (const auto* r = std::get_if<tc::report_version_rsp>(&m)) profile.reported_version = r->version.value_or("");
  return profile;
}

/// A present but empty optional text reads back as absent: the one shape the events cannot keep.
bool has_empty_optional_text(const tc::message& m) {
  return std::visit(
      [](const auto& typed) {
        bool empty = typed.fw_type && typed.fw_type->empty();
        if constexpr (requires { typed.user_defined; }) empty = empty || (typed.user_defined && typed.user_defined->empty());
        if constexpr (requires { typed.result_msg->empty(); }) {
          empty = empty || (typed.result_msg && typed.result_msg->empty());
          empty = empty || (typed.version && typed.version->empty());
        }
        return empty;
      },
      m);
}

RC_GTEST_PROP(OtaTencentProp, MessageToEventsAndBackIsTheIdentity, (const t::owned_message& owned)) {
  const tc::message& m = owned.message;
  std::array<char, ota::task_id_text_size> text{};
  std::array<ota::event, ota::tencent_max_events> events{};
  auto n = ota::to_events(m, ota::envelope{}, {text}, events);
  RC_ASSERT(n.has_value());
  RC_ASSERT(*n >= 1u);
  const bool ambiguous = has_empty_optional_text(m);
  if (ambiguous) RC_ASSERT(events[0].mapped != fidelity::exact);
  auto back = ota::from_event(events[0], echoes_of(m));
  RC_ASSERT(back.has_value());
  RC_ASSERT(back->message.has_value());
  if (!ambiguous) {
    RC_ASSERT(*back->message == m);
    RC_ASSERT(back->mapped == fidelity::exact);
    RC_ASSERT(back->lost == ota::lost_field::nothing);
  }
  for (std::size_t i = 0; i < *n; ++i) {
    const auto& e = events[i];
    // The crosswalk's lossy cells for Tencent: fail -1, -2, -4 (≈), done (target, not running),
    // a non-zero report_version_rsp (unknown codes).
    if (const auto* p = std::get_if<tc::report_progress>(&m)) {
      const bool lossy_code = p->state == tc::progress_state::fail &&
                              (p->result_code == -1 || p->result_code == -2 || p->result_code == -4);
      if (lossy_code || p->state == tc::progress_state::done) RC_ASSERT(e.mapped != fidelity::exact);
    }
    if (const auto* r = std::get_if<tc::report_version_rsp>(&m); r && r->result_code != 0) {
      RC_ASSERT(e.mapped != fidelity::exact);
    }
    RC_ASSERT(e.synthesised() == (e.made_by != nullptr));
    // Every event converts back to a valid message or says what it lost.
    auto again = ota::from_event(e, echoes_of(m));
    RC_ASSERT(again.has_value());
    RC_ASSERT(again->message.has_value() || ota::contains(again->lost, ota::lost_field::whole_event));
  }
}

RC_GTEST_PROP(OtaTencentProp, ForeignEventsAreNeverClaimedExactUnlessTheyComeBack, (const t::owned_message& owned)) {
  const tc::message& m = owned.message;
  std::array<char, ota::task_id_text_size> text{};
  std::array<ota::event, ota::tencent_max_events> events{};
  auto n = ota::to_events(m, ota::envelope{}, {text}, events);
  RC_ASSERT(n.has_value());
  for (std::size_t i = 0; i < *n; ++i) {
    ota::event e = events[i];
    e.head.vendor = ota::vendor_record{ota::protocol::alibaba, 0, {}, {}};  // no raw code or text to reuse
    auto back = ota::from_event(e, echoes_of(m));
    if (!back || !back->message) continue;
    if (back->mapped != fidelity::exact) continue;
    std::array<ota::event, ota::tencent_max_events> again{};
    std::array<char, ota::task_id_text_size> again_text{};
    auto k = ota::to_events(*back->message, ota::envelope{}, {again_text}, again);
    RC_ASSERT(k.has_value());
    bool found = false;  // `download_finished` comes back second, after the progress of "100"
    for (std::size_t j = 0; j < *k; ++j) found = found || again[j].body == e.body;
    RC_ASSERT(found);
  }
}

// --- item 3: the neutral validator agrees with tencent::session -------------------------------------

namespace th = otawire::test::ota_tcj;
using th::exclusion_counts;
using th::tencent_only_rule;

/// Runs `messages` through both validators (tests/support/ota_tcj_harness.hpp, where the
/// exclusions are documented); asserts they agree on every message but the excluded ones.
exclusion_counts check_tencent_agreement(const std::vector<tc::message>& messages) {
  th::agreement run{};
  const auto excluded = th::check_tencent_agreement(messages, run);
  RC_LOG() << run.log;
  RC_ASSERT(run.disagreement.empty());
  RC_TAG(run.any_rejected ? "some message rejected" : "all accepted");
  return excluded;
}

std::vector<tc::message> messages_of(const t::legal_session& s) {
  std::vector<tc::message> out;
  for (const auto& st : s.steps) out.push_back(st.message);
  return out;
}

/// The session with a few messages dropped, duplicated, swapped, or given another percent,
/// version, state or code, so that every rule gets its turn.
std::vector<tc::message> mutate(std::vector<tc::message> s, t::string_pool& pool) {
  const int mutations = *rc::gen::inRange(1, 4);
  for (int k = 0; k < mutations && !s.empty(); ++k) {
    const auto i = *rc::gen::inRange<std::size_t>(0, s.size());
    switch (*rc::gen::inRange(0, 6)) {
      case 0: s.erase(s.begin() + static_cast<std::ptrdiff_t>(i)); break;
      case 1: s.insert(s.begin() + static_cast<std::ptrdiff_t>(i), s[i]); break;
      case 2:
        if (i + 1 < s.size()) std::swap(s[i], s[i + 1]);
        break;
      case 3:  // another percent, or another state
        if (auto* p = std::get_if<tc::report_progress>(&s[i])) {
          if (p->state == tc::progress_state::downloading) {
            p->percent = *rc::gen::inRange<std::uint8_t>(0, 101);
          } else {
            const auto version = p->version;
            *p = *rc::gen::element(tc::report_progress::burning(version), tc::report_progress::done(version),
                                   tc::report_progress::failed(version, tc::fail_code::md5_not_match, ""),
                                   tc::report_progress::failed(version, tc::fail_code::upgrade_fail, ""));
          }
        }
        break;
      case 4:  // another version
        std::visit([&](auto& m) { m.version = pool.keep(*rc::gen::element<std::string>("9.9", "", std::string(33, 'v'))); }, s[i]);
        break;
      default:  // another code
        if (auto* r = std::get_if<tc::report_version_rsp>(&s[i])) r->result_code = r->result_code == 0 ? 1 : 0;
        if (auto* f = std::get_if<tc::update_firmware>(&s[i])) f->file_size += 1;
        break;
    }
  }
  return s;
}

RC_GTEST_PROP(NeutralSessionTencent, AgreesWithTheTencentValidatorOnLegalSessions, (const t::legal_session& s)) {
  const auto excluded = check_tencent_agreement(messages_of(s));
  RC_TAG(excluded.empty() ? "no exclusion" : "some exclusion");
  // A legal session breaks no Tencent-only rule.
  for (const auto& [what, count] : excluded) RC_ASSERT(!tencent_only_rule(what));
}

RC_GTEST_PROP(NeutralSessionTencent, AgreesWithTheTencentValidatorOnMutatedSessions, (const t::legal_session& s)) {
  t::string_pool pool;
  const auto excluded = check_tencent_agreement(mutate(messages_of(s), pool));
  RC_TAG(excluded.empty() ? "no exclusion" : "some exclusion");
}

// A property with no input (RC_ASSERT and RC_LOG need one), so it runs the fixed case: a reconnect
// mid-download and a -5 before "100" are excluded once each, and nothing else is.
RC_GTEST_PROP(NeutralSessionTencent, TheExclusionsStayExceptions, ()) {
  tc::update_firmware fw{};
  fw.version = "1.3.0";
  fw.url = "https://ota-1255858890.cos.ap-guangzhou.myqcloud.com/";
  fw.md5sum = "ad4615b866c13afb8b293a679bfa5dc4";
  fw.file_size = 175436;
  const std::vector<tc::message> session{
      tc::report_version{"1.0.0", {}},
      fw,
      tc::report_progress::downloading("1.3.0", 0),
      tc::report_version{"1.0.0", {}},  // reconnect: the attempt ends, resumable
      fw,
      tc::report_progress::downloading("1.3.0", 31),  // resumed: may start above 0
      tc::report_progress::failed("1.3.0", tc::fail_code::upgrade_fail, "upgrade fail"),
  };
  const auto excluded = check_tencent_agreement(session);
  RC_ASSERT(excluded.size() == 2u);
  RC_ASSERT(excluded.at("reconnect") == 1u);
  RC_ASSERT(excluded.at("fail_code_outside_its_phase") == 1u);
}

// Pinned by hand: a whole upgrade (json §A.4 steps 1–9) with no exclusion, ending succeeded.
TEST(NeutralSessionTencent, ALegalSessionEndsAsTheTencentValidatorSays) {
  tc::update_firmware fw{};
  fw.version = "1.3.0";
  fw.url = "https://ota-1255858890.cos.ap-guangzhou.myqcloud.com/";
  fw.md5sum = "ad4615b866c13afb8b293a679bfa5dc4";
  fw.file_size = 175436;
  const std::vector<tc::message> session{
      tc::report_version{"1.0.0", {}},
      tc::report_version_rsp{0, std::string_view("success"), std::string_view("1.0.0"), {}},
      fw,
      tc::report_progress::downloading("1.3.0", 0),
      tc::report_progress::downloading("1.3.0", 31),
      tc::report_progress::downloading("1.3.0", 100),
      tc::report_progress::burning("1.3.0"),
      tc::report_progress::done("1.3.0"),
      tc::report_version{"1.3.0", {}},
  };
  tc::session native{};
  ota::neutral_session neutral{ota::profile_of(ota::protocol::tencent)};
  std::array<ota::event, ota::tencent_max_events> events{};
  for (const auto& m : session) {
    const auto n = ota::to_events(m, ota::envelope{}, {}, events);
    ASSERT_TRUE(n);
    ASSERT_TRUE(native.on(m));
    ASSERT_TRUE(neutral.on_events(std::span<const ota::event>(events.data(), *n))) << tc::name(tc::type_of(m));
  }
  EXPECT_EQ(native.state(), tc::session_state::version_reported);
  EXPECT_EQ(neutral.outcome(), ota::upgrade_outcome::succeeded);
  EXPECT_EQ(neutral.state(), ota::upgrade_state::idle);
}
#endif  // !OTAWIRE_DEVICE_PROFILE

}  // namespace
