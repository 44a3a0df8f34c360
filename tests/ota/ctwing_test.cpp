// CTWing ↔ neutral events, from crosswalk.md's own rows: §2.4 (what each of the three messages
// becomes, with json-messages.md §B.2's examples), §3.2 (the CTW column), plus rapidcheck
// properties: message → events → message is the identity where the mapping keeps everything,
// `exact` is never claimed where it does not, and the neutral session validator agrees with
// ctwing::session on random legal and mutated sessions (exclusions named and counted).
#include <otawire/ctwing/session.hpp>
#include <otawire/ota/ctwing.hpp>
#include <otawire/ota/session.hpp>

#include "support/ctwing_arbitrary.hpp"
#include "support/ota_tcj_ctwing.hpp"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <array>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace {
namespace ota = otawire::ota;
namespace cw = otawire::ctwing;
namespace t = otawire::test::ctwing;
using ota::event_kind;
using ota::fidelity;
using ota::reason;

struct converted {
  std::array<ota::event, ota::ctwing_max_events> events{};
  std::array<char, ota::task_id_text_size> task_id_text{};
  std::size_t count = 0;
};

// Returned by pointer: the events view into `task_id_text`, which must not move.
std::unique_ptr<converted> convert(const cw::message& m, std::string_view awaiting_version = {}) {
  auto out = std::make_unique<converted>();
  auto n = ota::to_events(m, ota::envelope{}, {out->task_id_text, awaiting_version}, out->events);
  EXPECT_TRUE(n.has_value());
  out->count = n ? *n : 0;
  return out;
}

// Events view into the message: converting a temporary message does not compile.
template <class M>
concept convertible_to_events = requires(M&& m, std::span<ota::event> out) {
  ota::to_events(static_cast<M&&>(m), ota::envelope{}, ota::ctwing_session_context{}, out);
};
static_assert(convertible_to_events<const cw::message&>);
static_assert(!convertible_to_events<cw::message>);

const cw::upgrade doc_upgrade{1,       432945, "2.0.0", "https://dmfile.ctwing.cn/file/upgrade/32128a6e8c3e15aea1c7/147589",
                              "93230c3bde425a9d7984a594ac55ea1e", "token", std::string_view("MCU")};

// --- §2.4, one row at a time ------------------------------------------------------------------------

TEST(OtaCtwing, RowInformIsAnUnsolicitedVersionReport) {
  // json §B.2 doc example: {"taskId":-1, "params":{"version":"1.0.1","module":"MCU"}}
  const cw::message m = cw::inform{cw::no_task, "1.0.1", std::string_view("MCU")};
  const auto c = convert(m);
  ASSERT_EQ(c->count, 1u);
  const auto& e = c->events[0];
  const auto& report = std::get<ota::version_report>(e.body);
  EXPECT_EQ(report.first.version, "1.0.1");
  EXPECT_EQ(report.first.part.module, "MCU");
  EXPECT_FALSE(report.solicited);
  EXPECT_TRUE(e.head.upgrade_task.task_id.empty());  // -1: no task
  EXPECT_EQ(e.head.dir, otawire::direction::device_to_platform);
  EXPECT_EQ(e.head.source_protocol, ota::protocol::ctwing);
  EXPECT_EQ(e.mapped, fidelity::exact);
}

TEST(OtaCtwing, RowInformAfterStep100DecidesTheOutcome) {
  // §2.4 ⓢ: the version equal to the active target → succeeded (inferred, json §B.4).
  const cw::message applied = cw::inform{1, "2.0.0", std::string_view("MCU")};
  const auto c = convert(applied, "2.0.0");
  ASSERT_EQ(c->count, 2u);
  EXPECT_EQ(c->events[0].kind(), event_kind::version_report);
  EXPECT_EQ(c->events[0].head.upgrade_task.task_id, "1");
  EXPECT_EQ(std::get<ota::succeeded>(c->events[1].body).new_version, "2.0.0");
  EXPECT_EQ(c->events[1].mapped, fidelity::synthesised);
  EXPECT_EQ(c->events[1].made_by, &ota::rules::ctwing_success_from_inform);
  // Another version: the upgrade was not applied (ctwing::session's not_applied).
  const cw::message rolled_back = cw::inform{cw::no_task, "1.0.1", {}};
  const auto d = convert(rolled_back, "2.0.0");
  ASSERT_EQ(d->count, 2u);
  EXPECT_EQ(std::get<ota::failed>(d->events[1].body), (ota::failed{ota::phase::install, reason::unspecified, "1.0.1"}));
  EXPECT_EQ(d->events[1].made_by, &ota::rules::ctwing_failure_from_inform);
  // Without a download that reached 100, an inform is only a report.
  EXPECT_EQ(convert(applied)->count, 1u);
}

TEST(OtaCtwing, RowUpgradeIsAUrlOfferWithAQueryToken) {
  const cw::message m = doc_upgrade;
  const auto c = convert(m);
  ASSERT_EQ(c->count, 1u);
  const auto& e = c->events[0];
  const auto& offer = std::get<ota::upgrade_offer>(e.body);
  EXPECT_EQ(offer.package.version, "2.0.0");
  EXPECT_EQ(offer.package.exact_size(), 432945u);
  EXPECT_EQ(offer.package.package_digest, (ota::digest{ota::digest_algorithm::md5, doc_upgrade.md5}));
  EXPECT_EQ(offer.package.source.kind, ota::source_kind::url);
  EXPECT_EQ(offer.package.source.url, doc_upgrade.url);
  EXPECT_EQ(offer.package.source.auth, ota::url_auth::query_token);  // `&deviceId=…&accessToken=` (§B.3)
  EXPECT_EQ(offer.package.source.token, "token");
  EXPECT_EQ(e.head.upgrade_task.task_id, "1");
  EXPECT_EQ(e.head.part.module, "MCU");
  EXPECT_EQ(e.head.dir, otawire::direction::platform_to_device);
  EXPECT_EQ(e.mapped, fidelity::exact);
}

TEST(OtaCtwing, RowProgressIsPhaseLessPercentAnd100IsAnAmbiguousDownloadEnd) {
  // [C2]: {"taskId":147589,"params":{"step":50,"module":"MCU","desc":"…"}}
  const cw::message m = cw::progress{147589, 50, std::string_view("downloading"), std::string_view("MCU")};
  const auto c = convert(m);
  ASSERT_EQ(c->count, 1u);
  EXPECT_EQ(std::get<ota::progress>(c->events[0].body), (ota::progress{ota::phase::unspecified, 50, {}, {}}));
  EXPECT_EQ(c->events[0].head.upgrade_task.task_id, "147589");
  EXPECT_EQ(c->events[0].head.vendor.raw_code, 50);
  EXPECT_EQ(c->events[0].head.vendor.raw_text, "downloading");
  const cw::message done = cw::progress{147589, 100, {}, {}};
  const auto d = convert(done);
  ASSERT_EQ(d->count, 2u);
  EXPECT_EQ(d->events[1].kind(), event_kind::download_finished);
  EXPECT_EQ(d->events[1].mapped, fidelity::lossy);  // "100 → download_finished? (ambiguous)"
}

TEST(OtaCtwing, RowNegativeStepsFail) {
  // §3.2 CTW column: -1 unspecified, -2 download_failed, -3 integrity_failed, -4 install_failed ≈.
  struct row {
    std::int64_t step;
    ota::phase stage;
    reason why;
    fidelity mapped;
  };
  const std::array<row, 4> rows{{{-1, ota::phase::unspecified, reason::unspecified, fidelity::exact},
                                 {-2, ota::phase::download, reason::download_failed, fidelity::exact},
                                 {-3, ota::phase::download, reason::integrity_failed, fidelity::exact},
                                 {-4, ota::phase::unspecified, reason::install_failed, fidelity::lossy}}};
  for (const auto& r : rows) {
    const cw::message m = cw::progress{7, r.step, std::string_view("failed"), {}};
    const auto c = convert(m);
    ASSERT_EQ(c->count, 1u);
    EXPECT_EQ(std::get<ota::failed>(c->events[0].body), (ota::failed{r.stage, r.why, {}})) << r.step;
    EXPECT_EQ(c->events[0].mapped, r.mapped) << r.step;
    EXPECT_EQ(c->events[0].head.vendor.raw_code, r.step);
  }
}

TEST(OtaCtwing, OutputTooSmallIsAnErrorNotATruncation) {
  const cw::message m = cw::progress{1, 100, {}, {}};
  std::array<ota::event, 1> one{};
  auto n = ota::to_events(m, ota::envelope{}, {}, one);
  ASSERT_FALSE(n.has_value());
  EXPECT_EQ(n.error().code(), otawire::errc::buffer_too_small);
}

// --- §3.2: the CTW column, encode side ----------------------------------------------------------------

TEST(OtaCtwing, EveryReasonEncodesToAFailureStepAndExactMeansItDecodesBack) {
  for (std::size_t r = 0; r < ota::reason_count; ++r) {
    const auto why = static_cast<reason>(r);
    const auto chosen = ota::encode_ctwing_reason(why);
    const auto step = static_cast<int>(chosen.code);
    EXPECT_TRUE(step >= -4 && step <= -1) << ota::name(why);
    if (chosen.mapped == fidelity::exact) {
      EXPECT_EQ(ota::decode_ctwing_reason(chosen.code).why, why);
    }
    if (ota::decode_ctwing_reason(chosen.code).why != why) {
      EXPECT_NE(chosen.mapped, fidelity::exact) << ota::name(why);
    }
  }
  // §3.4: download-stage reasons → -2; all others → -1.
  EXPECT_EQ(ota::encode_ctwing_reason(reason::download_timeout).code, cw::failure::download_failed);
  EXPECT_EQ(ota::encode_ctwing_reason(reason::download_auth_failed).mapped, fidelity::fallback);
  EXPECT_EQ(ota::encode_ctwing_reason(reason::low_battery).code, cw::failure::upgrade_failed);
  EXPECT_EQ(ota::encode_ctwing_reason(reason::low_battery).mapped, fidelity::fallback);
  EXPECT_EQ(ota::encode_ctwing_reason(reason::install_failed).mapped, fidelity::lossy);  // -4 ≈
}

// --- from_event: what CTWing cannot carry is reported -------------------------------------------------

ota::event neutral(ota::event_body body) {
  ota::event e{};
  e.head.source_protocol = ota::protocol::tencent;  // not CTWing: no raw step or text to reuse
  e.head.vendor.source = ota::protocol::tencent;
  e.body = body;
  return e;
}

TEST(OtaCtwing, EventsWithoutACtwingMessageSaySo) {
  for (const ota::event_body& body :
       {ota::event_body{ota::version_query{}}, ota::event_body{ota::upgrade_request{}},
        ota::event_body{ota::no_upgrade{}}, ota::event_body{ota::accepted{ota::answer_subject::offer}},
        ota::event_body{ota::install_request{}}, ota::event_body{ota::cancel{}},
        ota::event_body{ota::ack{ota::ack_subject::version_report, true, {}}}, ota::event_body{ota::chunk_request{}},
        ota::event_body{ota::chunk{}}, ota::event_body{ota::refused{ota::answer_subject::install, reason::deferred}},
        ota::event_body{ota::progress{ota::phase::download, 0, {}, {}}}}) {
    auto out = ota::from_event(neutral(body), ota::ctwing_profile{5});
    ASSERT_TRUE(out.has_value());
    EXPECT_FALSE(out->message);
    EXPECT_TRUE(ota::contains(out->lost, ota::lost_field::whole_event));
    EXPECT_NE(out->mapped, fidelity::exact);
  }
}

TEST(OtaCtwing, ForeignOfferNeedsUrlAndMd5AndSaysWhatTheDeviceAppends) {
  ota::upgrade_offer offer{};
  offer.package.version = "0.2";
  offer.package.min_size = offer.package.max_size = 708482;
  offer.package.source.kind = ota::source_kind::fragments;
  EXPECT_EQ(ota::from_event(neutral(offer), {}).error().code(), otawire::errc::missing_field);
  offer.package.source.kind = ota::source_kind::url;
  offer.package.source.url = "https://ota-1255858890.cos.ap-guangzhou.myqcloud.com/fw.bin";  // no query
  offer.package.source.auth = ota::url_auth::presigned;
  EXPECT_EQ(ota::from_event(neutral(offer), {}).error().code(), otawire::errc::missing_field);  // no MD5
  offer.package.package_digest = {ota::digest_algorithm::md5, "ad4615b866c13afb8b293a679bfa5dc4"};
  ota::event e = neutral(offer);
  e.head.upgrade_task.task_id = "123456";
  auto out = ota::from_event(e, {});
  ASSERT_TRUE(out.has_value());
  const auto& m = std::get<cw::upgrade>(*out->message);
  EXPECT_EQ(m.task_id, 123456);
  EXPECT_EQ(m.size, 708482);
  EXPECT_TRUE(m.token.empty());  // the device appends `&accessToken=` all the same (§B.3)
  EXPECT_TRUE(ota::contains(out->lost, ota::lost_field::url));  // and the URL has no `?` to append to
  EXPECT_EQ(out->mapped, fidelity::fallback);
  // Without any task id the offer gets a stand-in, reported.
  auto stand_in = ota::from_event(neutral(offer), {});
  ASSERT_TRUE(stand_in.has_value());
  EXPECT_TRUE(ota::contains(stand_in->lost, ota::lost_field::task_id));
}

TEST(OtaCtwing, ForeignProgressAndFailuresUseTheActiveTask) {
  EXPECT_EQ(ota::from_event(neutral(ota::progress{ota::phase::download, 40, {}, {}}), {}).error().code(),
            otawire::errc::missing_field);  // no task id anywhere
  auto step = ota::from_event(neutral(ota::progress{ota::phase::download, 40, {}, {}}), {147589});
  ASSERT_TRUE(step.has_value());
  EXPECT_EQ(std::get<cw::progress>(*step->message), (cw::progress{147589, 40, {}, {}}));
  EXPECT_EQ(step->mapped, fidelity::lossy);  // the phase is dropped
  auto failure = ota::from_event(neutral(ota::failed{ota::phase::download, reason::download_timeout, {}}), {147589});
  ASSERT_TRUE(failure.has_value());
  const auto& p = std::get<cw::progress>(*failure->message);
  EXPECT_EQ(p.step, -2);
  EXPECT_EQ(p.desc, std::optional<std::string_view>("download_timeout"));  // the token in desc (§3.4)
  EXPECT_EQ(failure->mapped, fidelity::fallback);
  // Success is a version report of the new version: lossy (the platform must compare).
  auto done = ota::from_event(neutral(ota::succeeded{"2.0.0"}), {147589});
  ASSERT_TRUE(done.has_value());
  EXPECT_EQ(std::get<cw::inform>(*done->message), (cw::inform{cw::no_task, "2.0.0", {}}));
  EXPECT_EQ(done->mapped, fidelity::lossy);
  EXPECT_FALSE(ota::from_event(neutral(ota::succeeded{}), {}).has_value());
  // already_latest: report the running version instead of a failure (§3.4).
  auto latest = ota::from_event(neutral(ota::failed{ota::phase::offer, reason::already_latest, "1.0.1"}), {1});
  ASSERT_TRUE(latest.has_value());
  EXPECT_EQ(std::get<cw::inform>(*latest->message).version, "1.0.1");
}

// --- the round trip -----------------------------------------------------------------------------------

bool has_empty_optional_text(const cw::message& m) {
  return std::visit(
      [](const auto& typed) {
        bool empty = typed.module && typed.module->empty();
        if constexpr (requires { typed.desc; }) empty = empty || (typed.desc && typed.desc->empty());
        return empty;
      },
      m);
}

ota::ctwing_profile echoes_of(const cw::message& m) {
  return {std::visit([](const auto& typed) { return typed.task_id; }, m)};
}

RC_GTEST_PROP(OtaCtwingProp, MessageToEventsAndBackIsTheIdentity, ()) {
  const auto owned = *t::gen_message();
  const cw::message m = owned.view();
  const std::string target = *rc::gen::element<std::string>("", "2.0.0");
  std::array<char, ota::task_id_text_size> text{};
  std::array<ota::event, ota::ctwing_max_events> events{};
  auto n = ota::to_events(m, ota::envelope{}, {text, target}, events);
  RC_ASSERT(n.has_value());
  RC_ASSERT(*n >= 1u);
  const bool ambiguous = has_empty_optional_text(m);
  if (ambiguous) RC_ASSERT(events[0].mapped != fidelity::exact);
  auto back = ota::from_event(events[0], {});
  RC_ASSERT(back.has_value());
  RC_ASSERT(back->message.has_value());
  if (!ambiguous) {
    RC_ASSERT(*back->message == m);
    RC_ASSERT(back->mapped == fidelity::exact);
    RC_ASSERT(back->lost == ota::lost_field::nothing);
  }
  for (std::size_t i = 0; i < *n; ++i) {
    const auto& e = events[i];
    // The crosswalk's lossy cells for CTWing: -4 (≈), step 100's download end (ambiguous); the
    // outcome an inform stands for is synthesised.
    if (const auto* p = std::get_if<cw::progress>(&m); p && (p->step == -4 || (p->step == 100 && i == 1))) {
      RC_ASSERT(e.mapped != fidelity::exact);
    }
    if (std::holds_alternative<cw::inform>(m) && i == 1) {
      RC_ASSERT(e.synthesised());
      RC_ASSERT(e.made_by != nullptr);
    }
    RC_ASSERT(e.synthesised() == (e.made_by != nullptr));
    auto again = ota::from_event(e, echoes_of(m));
    RC_ASSERT(again.has_value());
    RC_ASSERT(again->message.has_value() || ota::contains(again->lost, ota::lost_field::whole_event));
  }
}

RC_GTEST_PROP(OtaCtwingProp, ForeignEventsAreNeverClaimedExactUnlessTheyComeBack, ()) {
  const auto owned = *t::gen_message();
  const cw::message m = owned.view();
  // After step 100 an inform also stands for the outcome: its own version (success) or not.
  const auto* inform = std::get_if<cw::inform>(&m);
  const std::string awaiting = *rc::gen::element<std::string>("", "2.0.0", inform ? std::string(inform->version) : "");
  std::array<char, ota::task_id_text_size> text{};
  std::array<ota::event, ota::ctwing_max_events> events{};
  auto n = ota::to_events(m, ota::envelope{}, {text, awaiting}, events);
  RC_ASSERT(n.has_value());
  for (std::size_t i = 0; i < *n; ++i) {
    ota::event e = events[i];
    e.head.vendor = ota::vendor_record{ota::protocol::alibaba, 0, {}, {}};
    auto back = ota::from_event(e, echoes_of(m));
    if (!back || !back->message || back->mapped != fidelity::exact) continue;
    std::array<ota::event, ota::ctwing_max_events> again{};
    std::array<char, ota::task_id_text_size> again_text{};
    auto k = ota::to_events(*back->message, ota::envelope{}, {again_text, {}}, again);
    RC_ASSERT(k.has_value());
    bool found = false;  // `download_finished` comes back second, after the progress of 100
    for (std::size_t j = 0; j < *k; ++j) found = found || again[j].body == e.body;
    RC_ASSERT(found);
  }
}

// --- item 3: the neutral validator agrees with ctwing::session --------------------------------------

namespace th = otawire::test::ota_tcj;
using th::ctwing_only_rule;
using th::exclusion_counts;

/// Runs `messages` through both validators (tests/support/ota_tcj_harness.hpp, where the
/// exclusions are documented); asserts they agree on every message but the excluded ones.
exclusion_counts check_ctwing_agreement(const std::vector<cw::message>& messages) {
  th::agreement run{};
  const auto excluded = th::check_ctwing_agreement(messages, run);
  RC_LOG() << run.log;
  RC_ASSERT(run.disagreement.empty());
  RC_TAG(run.any_rejected ? "some message rejected" : "all accepted");
  RC_TAG(excluded.empty() ? "no exclusion" : "some exclusion");
  return excluded;
}

std::vector<cw::message> view_all(const std::vector<t::owned_message>& owned) {
  std::vector<cw::message> out;
  for (const auto& o : owned) out.push_back(o.view());
  return out;
}

/// The session with a few messages dropped, duplicated, swapped, or given another step, task id
/// or version, so that every rule gets its turn.
std::vector<t::owned_message> mutate(std::vector<t::owned_message> s) {
  const int mutations = *rc::gen::inRange(1, 4);
  for (int k = 0; k < mutations && !s.empty(); ++k) {
    const auto i = *rc::gen::inRange<std::size_t>(0, s.size());
    switch (*rc::gen::inRange(0, 6)) {
      case 0: s.erase(s.begin() + static_cast<std::ptrdiff_t>(i)); break;
      case 1: s.insert(s.begin() + static_cast<std::ptrdiff_t>(i), s[i]); break;
      case 2:
        if (i + 1 < s.size()) std::swap(s[i], s[i + 1]);
        break;
      case 3:
        if (auto* p = std::get_if<t::owned_progress>(&s[i].m)) p->step = *t::gen_step();
        break;
      case 4:
        std::visit([](auto& m) { m.task_id = m.task_id == 5 ? 6 : 5; }, s[i].m);
        break;
      default:
        if (auto* inf = std::get_if<t::owned_inform>(&s[i].m)) inf->version = "9.9.9";
        if (auto* up = std::get_if<t::owned_upgrade>(&s[i].m)) up->version = "9.9.9";
        break;
    }
  }
  return s;
}

RC_GTEST_PROP(NeutralSessionCtwing, AgreesWithTheCtwingValidatorOnLegalSessions, ()) {
  const auto excluded = check_ctwing_agreement(view_all(*t::gen_legal_session()));
  for (const auto& [what, count] : excluded) RC_ASSERT(!ctwing_only_rule(what));  // legal: no CTWing-only rule broken
}

RC_GTEST_PROP(NeutralSessionCtwing, AgreesWithTheCtwingValidatorOnMutatedSessions, ()) {
  const auto owned = mutate(*t::gen_legal_session());
  check_ctwing_agreement(view_all(owned));
}

// Pinned by hand: json §B.4's sequence, success judged by the reported version.
TEST(NeutralSessionCtwing, ALegalSessionEndsAsTheCtwingValidatorSays) {
  const std::vector<cw::message> session{
      cw::inform{cw::no_task, "1.0.1", std::string_view("MCU")},
      doc_upgrade,
      cw::progress{1, 30, {}, std::string_view("MCU")},
      cw::progress{1, 100, {}, std::string_view("MCU")},
      cw::inform{1, "2.0.0", std::string_view("MCU")},
  };
  cw::session native{};
  ota::neutral_session neutral{ota::profile_of(ota::protocol::ctwing)};
  std::array<ota::event, ota::ctwing_max_events> events{};
  std::array<char, ota::task_id_text_size> text{};
  for (const auto& m : session) {
    const bool awaiting = native.state() == cw::session_state::awaiting_new_version;
    const auto n = ota::to_events(m, ota::envelope{}, {text, awaiting ? doc_upgrade.version : std::string_view{}}, events);
    ASSERT_TRUE(n);
    ASSERT_TRUE(native.on(m));
    ASSERT_TRUE(neutral.on_events(std::span<const ota::event>(events.data(), *n)));
  }
  EXPECT_EQ(native.last_outcome(), cw::outcome::succeeded);
  EXPECT_EQ(neutral.outcome(), ota::upgrade_outcome::succeeded);
  EXPECT_EQ(neutral.state(), ota::upgrade_state::idle);
}

}  // namespace
