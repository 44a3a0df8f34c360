// PCP ↔ neutral events, from crosswalk.md's own rows: §2.1 (what each of the twelve messages
// becomes), §3.2 (the PCP code column) and §3.3 (the per-message legal codes), plus a rapidcheck
// property: message → events → message is the identity, and `exact` is never claimed where the
// crosswalk marks the mapping lossy.
#include <otawire/ota/pcp.hpp>

#include "support/pcp_arbitrary.hpp"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <array>
#include <string_view>
#include <vector>

namespace {
namespace ota = otawire::ota;
namespace pcp = otawire::pcp;
namespace t = otawire::test::pcp;
using ota::event_kind;
using ota::fidelity;
using ota::reason;
using pcp::result_code;

pcp::version_string v(std::string_view text) { return pcp::version_string::from(text).value(); }

struct converted {
  std::array<ota::event, ota::pcp_max_events> events{};
  std::size_t count = 0;
};

converted convert(const pcp::message& m, ota::pcp_session_context context = {}) {
  converted out{};
  auto n = ota::to_events(m, ota::envelope{}, context, out.events);
  EXPECT_TRUE(n.has_value());
  out.count = n ? *n : 0;
  return out;
}

// Events view into the message: converting a temporary message does not compile.
template <class M>
concept convertible_to_events = requires(M&& m, std::span<ota::event> out) {
  ota::to_events(static_cast<M&&>(m), ota::envelope{}, ota::pcp_session_context{}, out);
};
static_assert(convertible_to_events<const pcp::message&>);
static_assert(!convertible_to_events<pcp::message>);

// --- §2.1, one row at a time ----------------------------------------------------------------------

TEST(OtaPcp, Row19RequestIsAVersionQuery) {
  const pcp::message m = pcp::query_version_request{};
  const auto c = convert(m);
  ASSERT_EQ(c.count, 1u);
  EXPECT_EQ(c.events[0].kind(), event_kind::version_query);
  EXPECT_EQ(c.events[0].head.dir, otawire::direction::platform_to_device);
  EXPECT_EQ(c.events[0].head.source_protocol, ota::protocol::pcp);
  EXPECT_EQ(c.events[0].head.part.kind, ota::component_kind::software);  // PCP is the software path
}

TEST(OtaPcp, Row19ResponseIsASolicitedVersionReport) {
  const pcp::message m = pcp::query_version_response{result_code::success, v("V0.9")};
  const auto c = convert(m);
  ASSERT_EQ(c.count, 1u);
  const auto& report = std::get<ota::version_report>(c.events[0].body);
  EXPECT_EQ(report.first.version, "V0.9");  // NUL padding stripped
  EXPECT_EQ(report.first.part.kind, ota::component_kind::software);
  EXPECT_TRUE(report.solicited);
  EXPECT_EQ(c.events[0].head.dir, otawire::direction::device_to_platform);
  EXPECT_EQ(c.events[0].head.vendor.raw_code, 0);
}

TEST(OtaPcp, Row20RequestIsAFragmentOfferWithTheCheckCodeAsTask) {
  const pcp::message m = pcp::notify_new_version_request{v("V1.0"), 500, 3, 0xBEEF};
  const auto c = convert(m);
  ASSERT_EQ(c.count, 1u);
  const auto& offer = std::get<ota::upgrade_offer>(c.events[0].body);
  EXPECT_EQ(offer.package.version, "V1.0");
  EXPECT_EQ(offer.package.source.kind, ota::source_kind::fragments);
  EXPECT_EQ(offer.package.source.fragment_size, 500);
  EXPECT_EQ(offer.package.source.fragment_count, 3);
  // Size is implicit: between (count−1)·fsz+1 and count·fsz.
  EXPECT_EQ(offer.package.min_size, 1001u);
  EXPECT_EQ(offer.package.max_size, 1500u);
  EXPECT_FALSE(offer.package.exact_size());
  EXPECT_EQ(offer.package.package_digest.algorithm, ota::digest_algorithm::none);
  EXPECT_EQ(c.events[0].head.upgrade_task.package_check_code, 0xBEEF);
}

TEST(OtaPcp, Row20ResponseAcceptsOrRefusesTheOffer) {
  const pcp::message yes = pcp::notify_new_version_response{result_code::success};
  EXPECT_EQ(std::get<ota::accepted>(convert(yes).events[0].body).subject, ota::answer_subject::offer);
  // 0x01–0x05, 0x09, 0x7F → refused{offer, reason}.
  const std::array<std::pair<result_code, reason>, 7> rows{{{result_code::device_busy, reason::busy},
                                                            {result_code::weak_signal, reason::poor_signal},
                                                            {result_code::already_latest, reason::already_latest},
                                                            {result_code::low_battery, reason::low_battery},
                                                            {result_code::no_space, reason::no_storage},
                                                            {result_code::out_of_memory, reason::out_of_memory},
                                                            {result_code::internal_error, reason::internal_error}}};
  for (const auto& [code, why] : rows) {
    const pcp::message no = pcp::notify_new_version_response{code};
    const auto c = convert(no);
    ASSERT_EQ(c.count, 1u);
    EXPECT_EQ(std::get<ota::refused>(c.events[0].body), (ota::refused{ota::answer_subject::offer, why}));
    EXPECT_EQ(c.events[0].mapped, fidelity::exact);
  }
}

TEST(OtaPcp, Row21RequestIsAChunkRequestPlusSynthesisedProgressWhenTheCountIsKnown) {
  const pcp::message m = pcp::request_fragment_request{v("V1.0"), 7};
  const auto without = convert(m);
  ASSERT_EQ(without.count, 1u);  // no fragment count from 20: no progress
  EXPECT_EQ(std::get<ota::chunk_request>(without.events[0].body), (ota::chunk_request{7, "V1.0"}));

  const auto with = convert(m, {.fragment_count = 9});
  ASSERT_EQ(with.count, 2u);
  const auto& step = std::get<ota::progress>(with.events[1].body);
  EXPECT_EQ(step.stage, ota::phase::download);
  EXPECT_EQ(step.percent, 77);  // ⌊7·100/9⌋
  ASSERT_TRUE(step.fragment);
  EXPECT_EQ(*step.fragment, (ota::fragment_position{7, 9}));
  EXPECT_EQ(with.events[1].mapped, fidelity::synthesised);
  EXPECT_EQ(with.events[1].made_by, &ota::rules::pcp_progress_from_fragment_index);
  EXPECT_EQ(with.events[0].mapped, fidelity::exact);

  // An index at or past the count is not progress (the session validator rejects it).
  const pcp::message past = pcp::request_fragment_request{v("V1.0"), 9};
  EXPECT_EQ(convert(past, {.fragment_count = 9}).count, 1u);
}

TEST(OtaPcp, Row21ResponseIsAChunkOrAStatus) {
  const std::array<std::byte, 3> bytes{std::byte{1}, std::byte{2}, std::byte{3}};
  const pcp::message data = pcp::request_fragment_response{result_code::success, 4, bytes};
  const auto c = convert(data);
  const auto& piece = std::get<ota::chunk>(c.events[0].body);
  EXPECT_EQ(piece.status, ota::chunk_status::data);
  EXPECT_EQ(piece.position, 4u);
  EXPECT_EQ(piece.bytes.data(), bytes.data());  // a view, not a copy
  const pcp::message gone = pcp::request_fragment_response{result_code::task_not_found, 4, {}};
  EXPECT_EQ(std::get<ota::chunk>(convert(gone).events[0].body).status, ota::chunk_status::task_not_found);
  const pcp::message missing = pcp::request_fragment_response{result_code::fragment_not_found, 4, {}};
  EXPECT_EQ(std::get<ota::chunk>(convert(missing).events[0].body).status, ota::chunk_status::fragment_not_found);
}

TEST(OtaPcp, Row22RequestFinishesOrFailsTheDownload) {
  const pcp::message ok = pcp::report_download_result_request{result_code::success};
  EXPECT_EQ(std::get<ota::download_finished>(convert(ok).events[0].body).checked, ota::verification::verified);
  const std::array<std::pair<result_code, reason>, 4> rows{{{result_code::no_space, reason::no_storage},
                                                            {result_code::download_timeout, reason::download_timeout},
                                                            {result_code::package_check_failed, reason::integrity_failed},
                                                            {result_code::package_type_unsupported, reason::unsupported_package}}};
  for (const auto& [code, why] : rows) {
    const pcp::message m = pcp::report_download_result_request{code};
    const auto c = convert(m);
    EXPECT_EQ(std::get<ota::failed>(c.events[0].body), (ota::failed{ota::phase::download, why, {}}));
  }
  // 0x07 ≈: PCP's check is the device's own, with no platform digest (§3.2).
  const pcp::message check = pcp::report_download_result_request{result_code::package_check_failed};
  EXPECT_EQ(convert(check).events[0].mapped, fidelity::lossy);
}

TEST(OtaPcp, Rows22And24ResponsesAreAcks) {
  const pcp::message ok22 = pcp::report_download_result_response{result_code::success};
  EXPECT_EQ(std::get<ota::ack>(convert(ok22).events[0].body), (ota::ack{ota::ack_subject::download_finished, true, {}}));
  const pcp::message gone24 = pcp::report_upgrade_result_response{result_code::task_not_found};
  EXPECT_EQ(std::get<ota::ack>(convert(gone24).events[0].body),
            (ota::ack{ota::ack_subject::outcome, false, reason::task_not_found}));
}

TEST(OtaPcp, Row23IsTheInstallRequestAndItsAnswer) {
  const pcp::message request = pcp::execute_upgrade_request{};
  EXPECT_EQ(convert(request).events[0].kind(), event_kind::install_request);
  const pcp::message yes = pcp::execute_upgrade_response{result_code::success};
  EXPECT_EQ(std::get<ota::accepted>(convert(yes).events[0].body).subject, ota::answer_subject::install);
  const pcp::message busy = pcp::execute_upgrade_response{result_code::device_busy};
  EXPECT_EQ(std::get<ota::refused>(convert(busy).events[0].body), (ota::refused{ota::answer_subject::install, reason::busy}));
}

TEST(OtaPcp, Row24RequestSucceedsOrFailsWithTheRunningVersion) {
  const pcp::message done = pcp::report_upgrade_result_request{result_code::success, v("V1.0")};
  EXPECT_EQ(std::get<ota::succeeded>(convert(done).events[0].body).new_version, "V1.0");
  const pcp::message broke = pcp::report_upgrade_result_request{result_code::install_failed, v("V0.9")};
  EXPECT_EQ(std::get<ota::failed>(convert(broke).events[0].body),
            (ota::failed{ota::phase::install, reason::install_failed, "V0.9"}));
}

TEST(OtaPcp, OutputTooSmallIsAnErrorNotATruncation) {
  const pcp::message m = pcp::request_fragment_request{v("V1.0"), 1};
  std::array<ota::event, 1> one{};
  auto n = ota::to_events(m, ota::envelope{}, {.fragment_count = 4}, one);
  ASSERT_FALSE(n.has_value());
  EXPECT_EQ(n.error().code(), otawire::errc::buffer_too_small);
}

TEST(OtaPcp, TransportEnvelopeIsKept) {
  ota::envelope base{};
  base.device.device = "imei-1";
  base.time_ms = 1234;
  const pcp::message m = pcp::query_version_request{};
  std::array<ota::event, 2> out{};
  ASSERT_TRUE(ota::to_events(m, base, {}, out).has_value());
  EXPECT_EQ(out[0].head.device.device, "imei-1");
  EXPECT_EQ(out[0].head.time_ms, 1234);
}

// --- §3.3: a legal code per message -----------------------------------------------------------------

TEST(OtaPcp, EveryReasonEncodesToALegalCodeInEveryMessageWithAResult) {
  const std::array<pcp::message_kind, 7> kinds{
      pcp::message_kind::notify_new_version_response, pcp::message_kind::request_fragment_response,
      pcp::message_kind::report_download_result_request, pcp::message_kind::report_download_result_response,
      pcp::message_kind::execute_upgrade_response, pcp::message_kind::report_upgrade_result_request,
      pcp::message_kind::report_upgrade_result_response};
  for (const auto kind : kinds) {
    for (std::size_t r = 0; r < ota::reason_count; ++r) {
      for (const auto profile : {ota::pcp_install_refusal::internal_error, ota::pcp_install_refusal::device_busy}) {
        const auto why = static_cast<reason>(r);
        const auto chosen = ota::encode_pcp_reason(kind, why, {profile});
        EXPECT_TRUE(pcp::allowed_result(kind, chosen.code)) << pcp::name(kind) << " " << ota::name(why);
        EXPECT_NE(chosen.code, result_code::success);
        // exact means: decoding the code gives the reason back.
        if (chosen.mapped == fidelity::exact) {
          EXPECT_EQ(ota::decode_pcp_reason(chosen.code).why, why);
        }
      }
    }
  }
}

TEST(OtaPcp, StrictFallbacksFollowTheTable) {
  using mk = pcp::message_kind;
  const auto enc = [](mk k, reason r, ota::pcp_profile p = {}) { return ota::encode_pcp_reason(k, r, p); };
  // 20 rsp: unsupported_package →0x7F ≈, deferred →0x01 ≈, others →0x7F.
  EXPECT_EQ(enc(mk::notify_new_version_response, reason::unsupported_package).code, result_code::internal_error);
  EXPECT_EQ(enc(mk::notify_new_version_response, reason::unsupported_package).mapped, fidelity::lossy);
  EXPECT_EQ(enc(mk::notify_new_version_response, reason::deferred).code, result_code::device_busy);
  EXPECT_EQ(enc(mk::notify_new_version_response, reason::download_failed).mapped, fidelity::fallback);
  // 21 rsp: else 0x80.
  EXPECT_EQ(enc(mk::request_fragment_response, reason::cancelled).code, result_code::task_not_found);
  // 22 req: out_of_memory →0x05 ≈; download-stage reasons →0x06.
  EXPECT_EQ(enc(mk::report_download_result_request, reason::out_of_memory).code, result_code::no_space);
  EXPECT_EQ(enc(mk::report_download_result_request, reason::out_of_memory).mapped, fidelity::lossy);
  EXPECT_EQ(enc(mk::report_download_result_request, reason::download_auth_failed).code, result_code::download_timeout);
  EXPECT_EQ(enc(mk::report_download_result_request, reason::cancelled).code, result_code::download_timeout);
  EXPECT_EQ(enc(mk::report_download_result_request, reason::unspecified).code, result_code::download_timeout);
  // 23 rsp: 0x7F as in C1, 0x01 in the documented-only profile.
  EXPECT_EQ(enc(mk::execute_upgrade_response, reason::install_failed).code, result_code::internal_error);
  EXPECT_EQ(enc(mk::execute_upgrade_response, reason::install_failed, {ota::pcp_install_refusal::device_busy}).code,
            result_code::device_busy);
  // 24 req: install-stage integrity or package type →0x0A ≈; cancelled →0x7F.
  EXPECT_EQ(enc(mk::report_upgrade_result_request, reason::integrity_failed).code, result_code::install_failed);
  EXPECT_EQ(enc(mk::report_upgrade_result_request, reason::integrity_failed).mapped, fidelity::lossy);
  EXPECT_EQ(enc(mk::report_upgrade_result_request, reason::cancelled).code, result_code::internal_error);
  EXPECT_EQ(enc(mk::report_upgrade_result_request, reason::cancelled).mapped, fidelity::fallback);
}

// --- from_event: what PCP cannot carry is reported -------------------------------------------------

ota::event neutral(ota::event_body body) {
  ota::event e{};
  e.head.source_protocol = ota::protocol::alibaba;  // not PCP: no raw code to reuse
  e.head.vendor.source = ota::protocol::alibaba;
  e.body = body;
  return e;
}

TEST(OtaPcp, ForeignOfferIsPlannedInDefaultFragmentsAndReportsTheLoss) {
  ota::upgrade_offer offer{};
  offer.package.version = "1.2.0";
  offer.package.min_size = offer.package.max_size = 1201;
  offer.package.source.kind = ota::source_kind::url;
  offer.package.source.url = "https://oss.example.com/fw.bin";
  offer.package.package_digest = {ota::digest_algorithm::md5, "00112233445566778899aabbccddeeff"};
  auto out = ota::from_event(neutral(offer), ota::pcp_profile{});
  ASSERT_TRUE(out.has_value());
  ASSERT_TRUE(out->message);
  const auto& m = std::get<pcp::notify_new_version_request>(*out->message);
  EXPECT_EQ(m.target_version.view(), "1.2.0");
  EXPECT_EQ(m.fragment_size, 500);
  EXPECT_EQ(m.fragment_count, 3);
  EXPECT_TRUE(ota::contains(out->lost, ota::lost_field::url | ota::lost_field::digest | ota::lost_field::exact_size));
  EXPECT_EQ(out->mapped, fidelity::fallback);  // the check code 0000 is a stand-in
}

TEST(OtaPcp, OfferPcpCannotCarryIsAnError) {
  ota::upgrade_offer offer{};
  offer.package.version = "1.0.1.9.20171112.1432";  // 21 chars, the Alibaba example (§4.2)
  offer.package.max_size = 100;
  EXPECT_EQ(ota::from_event(neutral(offer), ota::pcp_profile{}).error().code(), otawire::errc::bad_string);
  offer.package.version = "1.0";
  offer.package.max_size = 81362928;  // Huawei's example: 162 726 fragments (§4.2)
  EXPECT_EQ(ota::from_event(neutral(offer), ota::pcp_profile{}).error().code(), otawire::errc::out_of_range);
  offer.package.max_size = 0;
  EXPECT_EQ(ota::from_event(neutral(offer), ota::pcp_profile{}).error().code(), otawire::errc::missing_field);
}

TEST(OtaPcp, EventsWithoutAPcpMessageSaySo) {
  for (const ota::event_body& body : {ota::event_body{ota::upgrade_request{}}, ota::event_body{ota::no_upgrade{}},
                                     ota::event_body{ota::progress{}}, ota::event_body{ota::cancel{}},
                                     ota::event_body{ota::ack{ota::ack_subject::version_report, true, {}}},
                                     ota::event_body{ota::accepted{ota::answer_subject::cancel}}}) {
    auto out = ota::from_event(neutral(body), ota::pcp_profile{});
    ASSERT_TRUE(out.has_value());
    EXPECT_FALSE(out->message);
    EXPECT_TRUE(ota::contains(out->lost, ota::lost_field::whole_event));
    EXPECT_NE(out->mapped, fidelity::exact);
  }
}

TEST(OtaPcp, ForeignFailuresPickTheMessageByPhase) {
  auto download = ota::from_event(neutral(ota::failed{ota::phase::download, reason::download_failed, {}}), ota::pcp_profile{});
  ASSERT_TRUE(download.has_value());
  EXPECT_EQ(std::get<pcp::report_download_result_request>(*download->message).status, result_code::download_timeout);
  EXPECT_EQ(download->mapped, fidelity::fallback);
  EXPECT_TRUE(ota::contains(download->lost, ota::lost_field::exact_reason));
  auto install = ota::from_event(neutral(ota::failed{ota::phase::install, reason::install_failed, "1.0"}), ota::pcp_profile{});
  ASSERT_TRUE(install.has_value());
  EXPECT_EQ(std::get<pcp::report_upgrade_result_request>(*install->message).result, result_code::install_failed);
  EXPECT_EQ(install->mapped, fidelity::exact);
  auto unknown_phase = ota::from_event(neutral(ota::failed{ota::phase::unspecified, reason::install_failed, "1.0"}), ota::pcp_profile{});
  ASSERT_TRUE(unknown_phase.has_value());
  EXPECT_EQ(unknown_phase->mapped, fidelity::lossy);  // 24 was a guess
}

TEST(OtaPcp, ModuleAndTaskIdAreReportedLost) {
  ota::event e = neutral(ota::install_request{});
  e.head.part.module = "mcu";
  e.head.upgrade_task.task_id = "42";
  auto out = ota::from_event(e, ota::pcp_profile{});
  ASSERT_TRUE(out.has_value());
  EXPECT_TRUE(ota::contains(out->lost, ota::lost_field::module | ota::lost_field::task_id));
  EXPECT_EQ(out->mapped, fidelity::lossy);
}

TEST(OtaPcp, UnverifiedDownloadIsLossyTowardPcp) {
  auto out = ota::from_event(neutral(ota::download_finished{ota::verification::unknown, {}}), ota::pcp_profile{});
  ASSERT_TRUE(out.has_value());
  EXPECT_EQ(out->mapped, fidelity::lossy);
}

// --- the round trip: every PCP message, both directions ---------------------------------------------

/// message → events → (the first event) → message.
void expect_round_trip(const pcp::message& m) {
  const auto c = convert(m, {.fragment_count = 65535});
  ASSERT_GE(c.count, 1u);
  auto back = ota::from_event(c.events[0], ota::pcp_profile{});
  ASSERT_TRUE(back.has_value()) << pcp::name(pcp::kind_of(m));
  ASSERT_TRUE(back->message);
  EXPECT_EQ(*back->message, m) << pcp::name(pcp::kind_of(m));
  EXPECT_EQ(back->mapped, fidelity::exact) << pcp::name(pcp::kind_of(m));
  EXPECT_EQ(back->lost, ota::lost_field::nothing);
}

TEST(OtaPcp, EveryKindRoundTripsExactly) {
  const std::array<std::byte, 2> bytes{std::byte{0xAA}, std::byte{0xBB}};
  const std::vector<pcp::message> all{
      pcp::query_version_request{},
      pcp::query_version_response{result_code::success, v("V0.9")},
      pcp::notify_new_version_request{v("V1.0"), 32, 65535, 0},
      pcp::notify_new_version_request{v(""), 500, 1, 7},  // PCP may announce the empty version
      pcp::notify_new_version_response{result_code::already_latest},
      pcp::request_fragment_request{v("V1.0"), 0},
      pcp::request_fragment_response{result_code::success, 1, bytes},
      pcp::request_fragment_response{result_code::fragment_not_found, 1, {}},
      pcp::report_download_result_request{result_code::package_check_failed},
      pcp::report_download_result_response{result_code::task_not_found},
      pcp::execute_upgrade_request{},
      pcp::execute_upgrade_response{result_code::internal_error},
      pcp::report_upgrade_result_request{result_code::out_of_memory, v("")},
      pcp::report_upgrade_result_response{result_code::success},
  };
  for (const auto& m : all) expect_round_trip(m);
}

// The regression the raw record exists for: 24 req 0x09 and 0x05 from PCP keep their code even
// where the neutral encoder would have chosen another.
TEST(OtaPcp, RawCodeIsReusedOnlyWhenItStillMeansTheReason) {
  const pcp::message m = pcp::execute_upgrade_response{result_code::internal_error};
  auto c = convert(m);
  auto& refusal = std::get<ota::refused>(c.events[0].body);
  refusal.why = reason::busy;  // a gateway changed its mind: the raw 0x7F no longer applies
  auto back = ota::from_event(c.events[0], ota::pcp_profile{});
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(std::get<pcp::execute_upgrade_response>(*back->message).result, result_code::device_busy);
}

RC_GTEST_PROP(OtaPcpProp, MessageToEventsAndBackIsTheIdentity, ()) {
  const auto m = *t::gen_message();
  const auto count = *rc::gen::inRange<std::uint32_t>(1, 65536);
  std::array<ota::event, ota::pcp_max_events> events{};
  auto n = ota::to_events(m, ota::envelope{}, {.fragment_count = static_cast<std::uint16_t>(count)}, events);
  RC_ASSERT(n.has_value());
  RC_ASSERT(*n >= 1u);
  auto back = ota::from_event(events[0], ota::pcp_profile{});
  RC_ASSERT(back.has_value());
  RC_ASSERT(back->message.has_value());
  RC_ASSERT(*back->message == m);
  RC_ASSERT(back->mapped == fidelity::exact);
  for (std::size_t i = 0; i < *n; ++i) {
    const auto& e = events[i];
    // The crosswalk's lossy cells for PCP: 0x07 (≈) and the ⓢ progress of 21.
    if (e.head.vendor.raw_code == static_cast<int>(result_code::package_check_failed)) {
      RC_ASSERT(e.mapped != fidelity::exact);
    }
    if (e.kind() == event_kind::progress) {
      RC_ASSERT(e.mapped == fidelity::synthesised);
      RC_ASSERT(e.made_by != nullptr);
    }
    RC_ASSERT(e.synthesised() == (e.made_by != nullptr));
  }
}

RC_GTEST_PROP(OtaPcpProp, ForeignReasonsAreNeverClaimedExactUnlessTheyDecodeBack, ()) {
  const auto kind = static_cast<pcp::message_kind>(*rc::gen::inRange<unsigned>(0, pcp::message_kind_count));
  const auto why = static_cast<reason>(*rc::gen::inRange<unsigned>(0, ota::reason_count));
  const auto chosen = ota::encode_pcp_reason(kind, why);
  if (chosen.mapped == fidelity::exact) RC_ASSERT(ota::decode_pcp_reason(chosen.code).why == why);
  if (ota::decode_pcp_reason(chosen.code).why != why) RC_ASSERT(chosen.mapped != fidelity::exact);
}

}  // namespace
