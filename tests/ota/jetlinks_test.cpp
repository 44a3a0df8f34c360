// JetLinks ↔ neutral events, from crosswalk.md's own rows: §2.5 (what each of the eight messages
// becomes, with json-messages.md §C.4's examples), §3.2 (the JTL column: text tokens), plus
// rapidcheck properties: message → event → message is the identity where the event keeps
// everything, `exact` is never claimed where it does not, and the neutral session validator agrees
// with jetlinks::session on random legal and mutated sessions (exclusions named, counted).
#define OTAWIRE_TESTS_WITH_RAPIDCHECK  // the generators of jetlinks_arbitrary.hpp, as tests/jetlinks does
#include <otawire/jetlinks/session.hpp>
#include <otawire/ota/jetlinks.hpp>
#include <otawire/ota/session.hpp>

#include "support/jetlinks_arbitrary.hpp"
#include "support/ota_tcj_jetlinks.hpp"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <algorithm>
#include <array>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace {
namespace ota = otawire::ota;
namespace jl = otawire::jetlinks;
namespace t = otawire::test::jetlinks;
using ota::event_kind;
using ota::fidelity;
using ota::reason;
using opt = jl::optional_string;

ota::event convert(const jl::message& m) {
  std::array<ota::event, ota::jetlinks_max_events> out{};
  auto n = ota::to_events(m, ota::envelope{}, {}, out);
  EXPECT_TRUE(n.has_value());
  EXPECT_EQ(n.value_or(0), 1u);
  return out[0];
}

// Events view into the message: converting a temporary message does not compile.
template <class M>
concept convertible_to_events = requires(M&& m, std::span<ota::event> out) {
  ota::to_events(static_cast<M&&>(m), ota::envelope{}, ota::jetlinks_session_context{}, out);
};
static_assert(convertible_to_events<const jl::message&>);
static_assert(!convertible_to_events<jl::message>);

// --- §2.5, one row at a time ------------------------------------------------------------------------

TEST(OtaJetlinks, RowReadIsAVersionQueryAndItsReplyASolicitedReportOrAFailedAck) {
  // §C.4: firmware/read {"timestamp":1601196762389,"messageId":"消息ID"}
  jl::read_firmware read{};
  read.message_id = "m1";
  read.timestamp = 1601196762389;
  const auto q = convert(read);
  EXPECT_EQ(q.kind(), event_kind::version_query);
  EXPECT_EQ(q.head.correlation, "m1");  // messageId → correlation (§1.2)
  EXPECT_EQ(q.head.time_ms, 1601196762389);
  EXPECT_EQ(q.head.dir, otawire::direction::platform_to_device);
  EXPECT_EQ(q.mapped, fidelity::exact);
  jl::read_firmware_reply reply{};
  reply.message_id = "m1";
  reply.version = "1.0";
  const auto r = convert(reply);
  EXPECT_EQ(std::get<ota::version_report>(r.body), (ota::version_report{{{}, "1.0"}, {}, true}));
  EXPECT_EQ(r.mapped, fidelity::exact);
  // success:false → ack{ok=false}; the reason only by the token convention (§3.2).
  jl::read_firmware_reply no{};
  no.success = false;
  no.code = "busy";
  EXPECT_EQ(std::get<ota::ack>(convert(no).body), (ota::ack{ota::ack_subject::version_report, false, reason::busy}));
  no.code = "device offline";
  const auto free_text = convert(no);
  EXPECT_EQ(std::get<ota::ack>(free_text.body).why, reason::unspecified);
  EXPECT_EQ(free_text.mapped, fidelity::lossy);
}

TEST(OtaJetlinks, RowReportIsAnUnsolicitedVersionReport) {
  jl::report_firmware m{};
  m.version = "版本号";
  m.timestamp = 1601196762389;
  const auto e = convert(m);
  EXPECT_EQ(std::get<ota::version_report>(e.body), (ota::version_report{{{}, "版本号"}, {}, false}));
  EXPECT_EQ(e.head.part.kind, ota::component_kind::unspecified);  // JTL: no component (§1.2)
  // `properties` has no neutral field: lossy.
  m.properties = otawire::json::raw_json{R"({"hw":"v2"})", nullptr};
  EXPECT_EQ(convert(m).mapped, fidelity::lossy);
}

TEST(OtaJetlinks, RowPullIsAnUpgradeRequest) {
  jl::request_firmware m{};
  m.message_id = "p1";
  m.current_version = "1.0";
  const auto e = convert(m);
  EXPECT_EQ(std::get<ota::upgrade_request>(e.body), (ota::upgrade_request{"1.0", ""}));  // null = latest
  EXPECT_EQ(e.mapped, fidelity::exact);
  m.request_version = "";  // "" also means latest: the same event, so not kept apart
  EXPECT_EQ(convert(m).mapped, fidelity::lossy);
}

TEST(OtaJetlinks, RowPullReplyIsASolicitedOfferOrNoUpgrade) {
  jl::request_firmware_reply m{};
  m.message_id = "p1";
  m.url = "http://baidu.com/1.mp3";
  m.version = "1.0";
  m.sign = "0123456789abcdef0123456789abcdef";
  m.sign_method = "md5";
  m.firmware_id = "fw-1";
  m.size = 100000;
  const auto e = convert(m);
  const auto& offer = std::get<ota::upgrade_offer>(e.body);
  EXPECT_TRUE(offer.solicited);
  EXPECT_EQ(offer.package.version, "1.0");
  EXPECT_EQ(offer.package.exact_size(), 100000u);
  EXPECT_EQ(offer.package.package_digest, (ota::digest{ota::digest_algorithm::md5, *m.sign}));
  EXPECT_EQ(offer.package.source.auth, ota::url_auth::none);
  EXPECT_EQ(e.head.upgrade_task.firmware_id, "fw-1");  // firmwareId → task.firmware_id
  EXPECT_EQ(e.mapped, fidelity::exact);
  // §C.5: success:false, code "not_found", message "无固件更新" → no_upgrade.
  jl::request_firmware_reply none{};
  none.message_id = "p1";
  none.success = false;
  none.code = "not_found";
  none.message = "无固件更新";
  const auto n = convert(none);
  EXPECT_EQ(n.kind(), event_kind::no_upgrade);
  EXPECT_EQ(n.head.vendor.raw_text, "无固件更新");
  EXPECT_EQ(n.mapped, fidelity::exact);
}

TEST(OtaJetlinks, RowUpgradeIsAPushedOffer) {
  // §C.4 doc example: {"timestamp":…, "url":…, "version":…, "parameters":{}, "sign":…, "signMethod":…,
  // "firmwareId":…, "size":100000}; size 0 = unknown.
  jl::upgrade_firmware m{};
  m.url = "http://baidu.com/1.mp3";
  m.version = "1.0";
  m.parameters = otawire::json::raw_json{"{}", nullptr};
  m.firmware_id = "固件ID";
  m.size = 0;
  const auto e = convert(m);
  const auto& offer = std::get<ota::upgrade_offer>(e.body);
  EXPECT_FALSE(offer.solicited);
  EXPECT_FALSE(offer.package.exact_size());  // 0: unknown
  EXPECT_EQ(offer.package.extras, "{}");     // parameters → extras
  EXPECT_EQ(e.mapped, fidelity::exact);
  // A signMethod other than md5/sha256 ("签名方式"): the digest's algorithm is unknown.
  m.sign = "文件签名值";
  m.sign_method = "签名方式";
  EXPECT_EQ(convert(m).mapped, fidelity::lossy);
}

TEST(OtaJetlinks, RowUpgradeReplyAcceptsOrRefusesTheOffer) {
  jl::upgrade_firmware_reply yes{};
  yes.message_id = "u1";
  EXPECT_EQ(std::get<ota::accepted>(convert(yes).body).subject, ota::answer_subject::offer);
  jl::upgrade_firmware_reply no{};
  no.message_id = "u1";
  no.success = false;
  no.code = "low_battery";
  EXPECT_EQ(std::get<ota::refused>(convert(no).body), (ota::refused{ota::answer_subject::offer, reason::low_battery}));
  EXPECT_EQ(convert(no).mapped, fidelity::exact);
  // A reply that names no request (which JetLinks' codec refuses) comes back with `"messageId":""`.
  jl::upgrade_firmware_reply unnamed = no;
  unnamed.message_id.reset();
  EXPECT_EQ(convert(unnamed).mapped, fidelity::lossy);
  no.message_id = std::string_view{};  // sent empty: comes back empty, nothing lost
  EXPECT_EQ(convert(no).mapped, fidelity::exact);
}

TEST(OtaJetlinks, RowProgressIsPhaseLessProgressSuccessOrFailure) {
  // §C.4 doc example: progress 50, complete false, success true.
  jl::upgrade_firmware_progress p{};
  p.progress = 50;
  p.version = "1.0";
  p.success = true;
  p.firmware_id = "fw-1";
  auto e = convert(p);
  EXPECT_EQ(std::get<ota::progress>(e.body), (ota::progress{ota::phase::unspecified, 50, {}, {}}));
  EXPECT_EQ(e.head.upgrade_task.firmware_id, "fw-1");
  // complete ∧ success → succeeded{version}.
  p.progress = 100;
  p.complete = true;
  e = convert(p);
  EXPECT_EQ(std::get<ota::succeeded>(e.body).new_version, "1.0");
  EXPECT_EQ(e.mapped, fidelity::exact);
  p.progress = 90;  // `complete()` forces 100: anything else is not what comes back
  EXPECT_EQ(convert(p).mapped, fidelity::lossy);
  // ¬success → failed{unspecified}; errorReason is free text: exact only as a token.
  jl::upgrade_firmware_progress f{};
  f.version = "1.0";
  f.success = false;
  f.error_reason = "integrity_failed: md5 mismatch";  // §3.2's own example
  e = convert(f);
  EXPECT_EQ(std::get<ota::failed>(e.body), (ota::failed{ota::phase::unspecified, reason::integrity_failed, {}}));
  EXPECT_EQ(e.mapped, fidelity::exact);
  EXPECT_EQ(e.head.vendor.raw_text, "integrity_failed: md5 mismatch");
  f.error_reason = "失败原因";
  e = convert(f);
  EXPECT_EQ(std::get<ota::failed>(e.body).why, reason::unspecified);
  EXPECT_EQ(e.mapped, fidelity::lossy);
  // [J6]'s doc slip: the text as "message", which the platform drops.
  f.error_reason = "busy";
  f.message = "busy";
  EXPECT_EQ(convert(f).mapped, fidelity::lossy);
}

TEST(OtaJetlinks, TheTopicsDeviceWinsOverDeviceId) {
  jl::report_firmware report{};
  report.version = "1.0";
  report.device_id = "other";
  const jl::message m = report;
  ota::envelope base{};
  base.device.device = "device1";
  std::array<ota::event, 1> out{};
  ASSERT_TRUE(ota::to_events(m, base, {}, out).has_value());
  EXPECT_EQ(out[0].head.device.device, "device1");  // json §C.4: overwritten from the topic
  EXPECT_EQ(out[0].mapped, fidelity::lossy);
  std::array<ota::event, 0> none{};
  EXPECT_EQ(ota::to_events(m, base, {}, none).error().code(), otawire::errc::buffer_too_small);
}

// --- §3.2: the JTL column ---------------------------------------------------------------------------

TEST(OtaJetlinks, EveryReasonIsItsTokenAndTheTokenDecodesBack) {
  for (std::size_t r = 0; r < ota::reason_count; ++r) {
    const auto why = static_cast<reason>(r);
    const auto text = ota::encode_jetlinks_reason(why);
    EXPECT_EQ(text, ota::name(why));
    const auto back = ota::decode_jetlinks_reason(text);
    EXPECT_EQ(back.why, why);
    EXPECT_EQ(back.mapped, fidelity::exact);
    EXPECT_EQ(ota::decode_jetlinks_reason(std::string(text) + ": detail").why, why);
  }
  EXPECT_EQ(ota::decode_jetlinks_reason("busybox").why, reason::unspecified);  // a token must end or be followed by ':'
  EXPECT_EQ(ota::decode_jetlinks_reason("").mapped, fidelity::lossy);
}

// --- from_event: what JetLinks cannot carry is reported ---------------------------------------------

ota::event neutral(ota::event_body body) {
  ota::event e{};
  e.head.source_protocol = ota::protocol::pcp;
  e.head.vendor.source = ota::protocol::pcp;
  e.body = body;
  return e;
}

TEST(OtaJetlinks, EventsWithoutAJetlinksMessageSaySo) {
  for (const ota::event_body& body :
       {ota::event_body{ota::download_finished{}}, ota::event_body{ota::install_request{}},
        ota::event_body{ota::cancel{}}, ota::event_body{ota::accepted{ota::answer_subject::install}},
        ota::event_body{ota::refused{ota::answer_subject::offer, reason::deferred}},
        ota::event_body{ota::ack{ota::ack_subject::version_report, true, {}}},
        ota::event_body{ota::ack{ota::ack_subject::outcome, false, reason::busy}}, ota::event_body{ota::chunk_request{}},
        ota::event_body{ota::chunk{}}, ota::event_body{ota::progress{ota::phase::install, {}, {}, {}}}}) {
    auto out = ota::from_event(neutral(body), ota::jetlinks_profile{"2.0", "fw"});
    ASSERT_TRUE(out.has_value());
    EXPECT_FALSE(out->message);
    EXPECT_TRUE(ota::contains(out->lost, ota::lost_field::whole_event));
    EXPECT_NE(out->mapped, fidelity::exact);
  }
}

TEST(OtaJetlinks, ForeignEventsGetTokensEchoesAndTheDocumentedNoFirmwareAnswer) {
  auto failure = ota::from_event(neutral(ota::failed{ota::phase::install, reason::install_failed, {}}), {"2.0", "fw"});
  ASSERT_TRUE(failure.has_value());
  const auto& p = std::get<jl::upgrade_firmware_progress>(*failure->message);
  EXPECT_FALSE(p.success);
  EXPECT_EQ(p.error_reason, opt("install_failed"));
  EXPECT_EQ(p.version, opt("2.0"));     // must echo the active version and firmwareId (§2.5)
  EXPECT_EQ(p.firmware_id, opt("fw"));
  EXPECT_EQ(failure->mapped, fidelity::lossy);  // the phase is dropped
  EXPECT_EQ(ota::from_event(neutral(ota::progress{ota::phase::unspecified, 5, {}, {}}), {}).error().code(),
            otawire::errc::missing_field);
  auto none = ota::from_event(neutral(ota::no_upgrade{}), {});
  ASSERT_TRUE(none.has_value());
  const auto& reply = std::get<jl::request_firmware_reply>(*none->message);
  EXPECT_FALSE(reply.success);
  EXPECT_EQ(reply.code, opt("not_found"));
  EXPECT_EQ(reply.message, opt("无固件更新"));
  // A reply names the request it answers (messageId, required by the codec): present, empty, when
  // the event has no correlation, so the message encodes (fuzz_ota_jetlinks, 2026-12-06).
  EXPECT_EQ(reply.message_id, opt(""));
  EXPECT_TRUE(jl::check(*none->message));
  ota::version_report answer{};
  answer.first.version = "1.0";
  answer.solicited = true;
  auto read_reply = ota::from_event(neutral(answer), {});
  ASSERT_TRUE(read_reply.has_value());
  EXPECT_EQ(std::get<jl::read_firmware_reply>(*read_reply->message).message_id, opt(""));
  EXPECT_TRUE(jl::check(*read_reply->message));
  ota::event answered = neutral(answer);
  answered.head.correlation = "req-7";
  EXPECT_EQ(std::get<jl::read_firmware_reply>(*ota::from_event(answered, {})->message).message_id, opt("req-7"));
  // A request or report without a correlation sends no messageId at all.
  ota::version_report report{};
  report.first.version = "1.0";
  EXPECT_EQ(std::get<jl::report_firmware>(*ota::from_event(neutral(report), {})->message).message_id, std::nullopt);
  // An offer: a PCP fragment plan needs re-hosting; a Tencent one keeps its MD5, loses module and task.
  ota::upgrade_offer offer{};
  offer.package.version = "0.2";
  offer.package.source.kind = ota::source_kind::fragments;
  EXPECT_EQ(ota::from_event(neutral(offer), {}).error().code(), otawire::errc::missing_field);
  offer.package.source.kind = ota::source_kind::url;
  offer.package.source.url = "https://ota-1255858890.cos.ap-guangzhou.myqcloud.com/fw";
  offer.package.package_digest = {ota::digest_algorithm::md5, "36eb5951179db14a6300a37a9322a2ff"};
  offer.package.min_size = offer.package.max_size = 708482;
  offer.package.extras = R"({"time":"2024-05-16"})";
  ota::event e = neutral(offer);
  e.head.part.module = "mcu";
  e.head.upgrade_task.task_id = "123456";
  auto push = ota::from_event(e, {});
  ASSERT_TRUE(push.has_value());
  const auto& m = std::get<jl::upgrade_firmware>(*push->message);
  EXPECT_EQ(m.sign_method, opt("md5"));
  EXPECT_EQ(m.size, 708482);
  EXPECT_TRUE(m.parameters.empty());
  EXPECT_TRUE(ota::contains(push->lost, ota::lost_field::module | ota::lost_field::task_id | ota::lost_field::policy));
  EXPECT_TRUE(jl::check(*push->message));
}

// --- the round trip -----------------------------------------------------------------------------------

ota::jetlinks_profile echoes_of(const jl::message& m) {
  if (const auto* p = std::get_if<jl::upgrade_firmware_progress>(&m)) {
    return {p->version.value_or(""), {}};
  }
  return {};
}

RC_GTEST_PROP(OtaJetlinksProp, MessageToEventAndBackIsTheIdentityWhenExact, (const t::owned_message& owned)) {
  const jl::message& m = owned.msg;
  std::array<ota::event, ota::jetlinks_max_events> events{};
  auto n = ota::to_events(m, ota::envelope{}, {}, events);
  RC_ASSERT(n.has_value());
  RC_ASSERT(*n == 1u);
  const auto& e = events[0];
  RC_TAG(e.mapped == fidelity::exact ? "exact" : "not exact");
  auto back = ota::from_event(e, echoes_of(m));
  RC_ASSERT(back.has_value());
  RC_ASSERT(back->message.has_value());
  if (e.mapped == fidelity::exact) {
    RC_ASSERT(*back->message == m);
    RC_ASSERT(back->mapped == fidelity::exact);
    RC_ASSERT(back->lost == ota::lost_field::nothing);
  }
  // The crosswalk's lossy cells: free text that follows no token convention (§3.2).
  if (const auto* p = std::get_if<jl::upgrade_firmware_progress>(&m); p && !p->success) {
    if (ota::decode_jetlinks_reason(p->error_reason.value_or("")).mapped != fidelity::exact) {
      RC_ASSERT(e.mapped != fidelity::exact);
    }
  }
  RC_ASSERT(!e.synthesised());
}

/// `m` without what no neutral field holds (headers, a request's code, properties, present but empty
/// texts, non-token reasons, non-canonical completions and failures): the messages whose event must
/// be exact and come back unchanged.
jl::message canonical(jl::message m) {
  const auto none_if_empty = [](jl::optional_string& s) {
    if (s && s->empty()) s.reset();
  };
  const auto token = [](const jl::optional_string& s) {
    return jl::optional_string(ota::encode_jetlinks_reason(ota::decode_jetlinks_reason(s.value_or("")).why));
  };
  std::visit(
      [&](auto& x) {
        using T = std::decay_t<decltype(x)>;
        x.headers = {};
        none_if_empty(x.device_id);
        if constexpr (std::is_base_of_v<jl::device_reply_fields, T>) {
          if (!x.message_id) x.message_id = std::string_view{};  // a reply always names its request
          none_if_empty(x.message);
          if (x.success) x.code.reset();
          if (!x.success) x.code = token(x.code);
        } else {
          none_if_empty(x.message_id);
          x.code.reset();
        }
        if constexpr (requires { x.properties; }) x.properties = {};
        if constexpr (requires { x.current_version; }) {
          none_if_empty(x.current_version);
          none_if_empty(x.request_version);
        }
        if constexpr (requires { x.sign_method; }) {
          none_if_empty(x.version);
          none_if_empty(x.url);
          none_if_empty(x.firmware_id);
          if (x.size < 0) x.size = 0;
          if (x.sign_method != jl::optional_string("md5") && x.sign_method != jl::optional_string("sha256")) {
            x.sign_method.reset();
            x.sign.reset();
          }
          if (!x.sign) x.sign_method.reset();
          if constexpr (std::is_same_v<T, jl::request_firmware_reply>) {
            if (!x.success) {
              jl::request_firmware_reply none{};
              static_cast<jl::device_reply_fields&>(none) = x;
              none.code = "not_found";
              x = none;
            }
          }
        }
        if constexpr (std::is_same_v<T, jl::read_firmware_reply> || std::is_same_v<T, jl::report_firmware>) {
          none_if_empty(x.version);
          if constexpr (std::is_same_v<T, jl::read_firmware_reply>) {
            if (!x.success) x.version.reset();
          }
        }
        if constexpr (std::is_same_v<T, jl::upgrade_firmware_progress>) {
          x.message.reset();
          none_if_empty(x.version);
          none_if_empty(x.firmware_id);
          if (!x.success) {
            x.progress = 0;
            x.complete = false;
            x.error_reason = token(x.error_reason);
          } else {
            x.error_reason.reset();
            x.progress = x.complete ? 100 : std::clamp(x.progress, 0, 100);
          }
        }
      },
      m);
  return m;
}

RC_GTEST_PROP(OtaJetlinksProp, ACanonicalMessageComesBackExactly, (const t::owned_message& owned)) {
  const jl::message m = canonical(owned.msg);
  std::array<ota::event, ota::jetlinks_max_events> events{};
  RC_ASSERT(ota::to_events(m, ota::envelope{}, {}, events).has_value());
  RC_ASSERT(events[0].mapped == fidelity::exact);
  auto back = ota::from_event(events[0], echoes_of(m));
  RC_ASSERT(back.has_value());
  RC_ASSERT(back->message.has_value());
  RC_ASSERT(*back->message == m);
  RC_ASSERT(back->mapped == fidelity::exact);
}

RC_GTEST_PROP(OtaJetlinksProp, ForeignEventsAreNeverClaimedExactUnlessTheyComeBack, (const t::owned_message& owned)) {
  const jl::message& m = owned.msg;
  std::array<ota::event, ota::jetlinks_max_events> events{};
  RC_ASSERT(ota::to_events(m, ota::envelope{}, {}, events).has_value());
  ota::event e = events[0];
  e.head.vendor = ota::vendor_record{ota::protocol::alibaba, 0, {}, {}};
  auto back = ota::from_event(e, echoes_of(m));
  if (!back || !back->message || back->mapped != fidelity::exact) return;
  std::array<ota::event, ota::jetlinks_max_events> again{};
  RC_ASSERT(ota::to_events(*back->message, ota::envelope{}, {}, again).has_value());
  RC_ASSERT(again[0].body == e.body);
}

// --- item 3: the neutral validator agrees with jetlinks::session ----------------------------

namespace th = otawire::test::ota_tcj;
using th::exclusion_counts;
using th::jetlinks_only_rule;

/// Runs `messages` through both validators (tests/support/ota_tcj_harness.hpp, where the
/// exclusions are documented); asserts they agree on every message but the excluded ones.
exclusion_counts check_jetlinks_agreement(const std::vector<jl::message>& messages) {
  th::agreement run{};
  const auto excluded = th::check_jetlinks_agreement(messages, run);
  RC_LOG() << run.log;
  RC_ASSERT(run.disagreement.empty());
  RC_TAG(run.any_rejected ? "some message rejected" : "all accepted");
  RC_TAG(excluded.empty() ? "no exclusion" : "some exclusion");
  return excluded;
}

/// A legal session of json §C.5: reads, reports, push or pull tasks (with the v3 upgrade reply),
/// non-decreasing progress, and a success (then the new version reported) or a failure.
struct legal_jetlinks {
  std::shared_ptr<std::deque<std::string>> arena = std::make_shared<std::deque<std::string>>();
  std::vector<jl::message> messages;
  std::string_view keep(std::string s) {
    arena->push_back(std::move(s));
    return arena->back();
  }
};

legal_jetlinks legal_jetlinks_session() {
  legal_jetlinks s;
  std::string running = "1.0";
  const int tasks = *rc::gen::inRange(1, 4);
  for (int k = 0; k < tasks; ++k) {
    if (*rc::gen::inRange(0, 3) == 0) {
      jl::read_firmware read{};
      read.message_id = s.keep("r" + std::to_string(k));
      jl::read_firmware_reply reply{};
      reply.message_id = read.message_id;
      reply.version = s.keep(running);
      s.messages.push_back(read);
      s.messages.push_back(reply);
    }
    if (*rc::gen::inRange(0, 3) == 0) {
      jl::report_firmware report{};
      report.version = s.keep(running);
      s.messages.push_back(report);
    }
    const auto target = s.keep("2." + std::to_string(k));
    const auto firmware = s.keep("fw-" + std::to_string(k));
    const bool pull = *rc::gen::arbitrary<bool>();
    if (pull) {
      jl::request_firmware request{};
      request.message_id = s.keep("p" + std::to_string(k));
      s.messages.push_back(request);
      jl::request_firmware_reply reply{};
      reply.message_id = request.message_id;
      if (*rc::gen::inRange(0, 4) == 0) {
        reply.success = false;
        reply.code = "not_found";
        s.messages.push_back(reply);
        continue;
      }
      reply.url = "http://example.com/fw.bin";
      reply.version = target;
      reply.firmware_id = firmware;
      s.messages.push_back(reply);
    } else {
      jl::upgrade_firmware push{};
      push.message_id = s.keep("u" + std::to_string(k));
      push.url = "http://example.com/fw.bin";
      push.version = target;
      push.firmware_id = firmware;
      s.messages.push_back(push);
      if (*rc::gen::inRange(0, 3) == 0) {
        jl::upgrade_firmware_reply reply{};
        reply.message_id = push.message_id;
        if (*rc::gen::inRange(0, 4) == 0) {
          reply.success = false;
          reply.code = "busy";
          s.messages.push_back(reply);
          continue;
        }
        s.messages.push_back(reply);
      }
    }
    int percent = 0;
    const int reports = *rc::gen::inRange(1, 5);
    for (int r = 0; r < reports; ++r) {
      percent = *rc::gen::inRange(percent, 100);
      jl::upgrade_firmware_progress p{};
      p.progress = percent;
      p.success = true;
      p.version = target;
      p.firmware_id = firmware;
      s.messages.push_back(p);
    }
    jl::upgrade_firmware_progress end{};
    end.version = target;
    end.firmware_id = firmware;
    if (*rc::gen::inRange(0, 3) == 0) {
      end.success = false;
      end.error_reason = "download_failed: timeout";
      s.messages.push_back(end);
    } else {
      end.success = true;
      end.complete = true;
      end.progress = 100;
      s.messages.push_back(end);
      running = std::string(target);
      jl::report_firmware report{};
      report.version = s.keep(running);
      s.messages.push_back(report);
    }
  }
  return s;
}

std::vector<jl::message> mutate(std::vector<jl::message> s) {
  const int mutations = *rc::gen::inRange(1, 4);
  for (int k = 0; k < mutations && !s.empty(); ++k) {
    const auto i = *rc::gen::inRange<std::size_t>(0, s.size());
    switch (*rc::gen::inRange(0, 5)) {
      case 0: s.erase(s.begin() + static_cast<std::ptrdiff_t>(i)); break;
      case 1: s.insert(s.begin() + static_cast<std::ptrdiff_t>(i), s[i]); break;
      case 2:
        if (i + 1 < s.size()) std::swap(s[i], s[i + 1]);
        break;
      case 3:
        if (auto* p = std::get_if<jl::upgrade_firmware_progress>(&s[i])) {
          p->progress = *rc::gen::inRange(-1, 102);
          p->success = *rc::gen::arbitrary<bool>();
        }
        break;
      default:
        std::visit(
            [](auto& m) {
              if constexpr (requires { m.version; }) m.version = "9.9";
              m.message_id = "other";
            },
            s[i]);
        break;
    }
  }
  return s;
}

RC_GTEST_PROP(NeutralSessionJetlinks, AgreesWithTheJetlinksValidatorOnLegalSessions, ()) {
  const auto s = legal_jetlinks_session();
  const auto excluded = check_jetlinks_agreement(s.messages);
  for (const auto& [what, count] : excluded) RC_ASSERT(!jetlinks_only_rule(what));
}

RC_GTEST_PROP(NeutralSessionJetlinks, AgreesWithTheJetlinksValidatorOnMutatedSessions, ()) {
  const auto s = legal_jetlinks_session();
  check_jetlinks_agreement(mutate(s.messages));
}

}  // namespace
