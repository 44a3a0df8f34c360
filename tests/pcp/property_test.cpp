// PCP properties: round trips for all twelve kinds, truncation never succeeds, random bit errors
// within the detection bound are caught, random legal sessions pass both validators, and a
// session with one message mutated is rejected with the right rule; the platform's fingerprint
// rules judge as the device's text rules.
#include <otawire/pcp.hpp>

#include "support/pcp_arbitrary.hpp"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <array>
#include <vector>

namespace {
namespace pcp = otawire::pcp;
namespace t = otawire::test::pcp;
using pcp::result_code;

RC_GTEST_PROP(PcpProp, DecodeEncodeRoundTripForEveryKind, ()) {
  for (unsigned k = 0; k < pcp::message_kind_count; ++k) {
    const auto kind = static_cast<pcp::message_kind>(k);
    const auto m = *t::gen_message_of(kind);
    const auto bytes = t::encode_to_vector(m);
    RC_ASSERT(bytes.size() == pcp::encoded_size(m));
    auto back = pcp::decode(bytes, pcp::direction_of(kind));
    RC_ASSERT(back.has_value());
    RC_ASSERT(pcp::kind_of(*back) == kind);
    RC_ASSERT(*back == m);
  }
}

RC_GTEST_PROP(PcpProp, TruncatedFramesAreErrors, ()) {
  const auto m = *t::gen_message();
  const auto bytes = t::encode_to_vector(m);
  const auto cut = *rc::gen::inRange<std::size_t>(0, bytes.size());
  auto r = pcp::decode(std::span(bytes).first(cut), pcp::direction_of(m));
  RC_ASSERT(!r.has_value());
  RC_ASSERT(r.error().code() == otawire::errc::truncated);
  RC_ASSERT(r.error().offset() <= cut);
}

RC_GTEST_PROP(PcpProp, BurstsUpTo11BitsAreDetected, ()) {
  const auto m = *t::gen_message();
  auto bytes = t::encode_to_vector(m);
  const auto len = *rc::gen::inRange<unsigned>(1, 12);
  const auto start = *rc::gen::inRange<std::size_t>(0, bytes.size() * 8 - len + 1);
  const auto inner = *rc::gen::arbitrary<std::uint16_t>();
  for (unsigned i = 0; i < len; ++i) {
    const bool flip = i == 0 || i == len - 1 || ((inner >> i) & 1u);
    if (!flip) continue;
    const auto bit = start + i;
    bytes[bit / 8] ^= std::byte{static_cast<std::uint8_t>(0x80u >> (bit % 8))};
  }
  RC_ASSERT(!pcp::decode_frame(bytes).has_value());
}

RC_GTEST_PROP(PcpProp, ArbitraryBytesNeverCrashAndErrorsCarryAnOffset, (const std::vector<std::uint8_t>& raw)) {
  for (auto d : {otawire::direction::device_to_platform, otawire::direction::platform_to_device}) {
    auto r = pcp::decode(std::as_bytes(std::span(raw)), d);
    if (!r) {
      RC_ASSERT(r.error().has_offset());
      RC_ASSERT(r.error().offset() <= raw.size());
      RC_ASSERT(!r.error().where().empty());
    }
  }
}

// --- sessions ---------------------------------------------------------------------------------------

template <class Session>
otawire::result<void> run(Session& s, const std::vector<pcp::message>& ms, std::size_t& failed_at) {
  for (failed_at = 0; failed_at < ms.size(); ++failed_at) {
    if (auto r = s.on(ms[failed_at]); !r) return r;
  }
  return otawire::ok();
}

RC_GTEST_PROP(PcpSessionProp, LegalSessionsPassBothValidators, ()) {
  const auto plan = *t::gen_session_plan();
  t::generated_session s;
  t::build_session(s, plan);
  std::size_t at = 0;
  pcp::platform_session platform;
  auto r = run(platform, s.messages, at);
  RC_ASSERT(r.has_value());
  RC_ASSERT(platform.outcome() == pcp::task_outcome::succeeded);
  pcp::device_session device;
  RC_ASSERT(run(device, s.messages, at).has_value());
  // Every message survives the wire too.
  for (const auto& m : s.messages) {
    const auto bytes = t::encode_to_vector(m);
    RC_ASSERT(pcp::decode(bytes, pcp::direction_of(m)).value() == m);
  }
}

RC_GTEST_PROP(PcpSessionProp, OneMutatedMessageIsRejectedWithTheRightRule, ()) {
  auto plan = *t::gen_session_plan();
  plan.fragment_size = 100;
  plan.package_size = *rc::gen::inRange<std::uint32_t>(201, 2000);  // ≥ 3 fragments
  plan.interrupt_after = 0xFFFFFFFFu;
  plan.lose_one_response = false;
  t::generated_session s;
  t::build_session(s, plan);
  auto& ms = s.messages;
  std::vector<std::size_t> requests, responses;
  for (std::size_t i = 0; i < ms.size(); ++i) {
    if (std::holds_alternative<pcp::request_fragment_request>(ms[i])) requests.push_back(i);
    if (std::holds_alternative<pcp::request_fragment_response>(ms[i])) responses.push_back(i);
  }
  const auto count = static_cast<std::uint16_t>(requests.size());
  const auto pick = *rc::gen::inRange<std::size_t>(1, requests.size());  // not the first request
  std::string_view expected;
  std::size_t target = 0;
  const std::vector<std::byte> long_data(101);
  switch (*rc::gen::inRange(0, 7)) {
    case 0:
      target = responses[pick];
      std::get<pcp::request_fragment_response>(ms[target]).fragment_index ^= 1;
      expected = "fragment_index_echo";
      break;
    case 1:
      target = requests[pick];
      std::get<pcp::request_fragment_request>(ms[target]).fragment_index =
          *rc::gen::inRange<std::uint16_t>(count, 65535);
      expected = "fragment_index_range";
      break;
    case 2:
      target = requests[pick];
      std::get<pcp::request_fragment_request>(ms[target]).target_version = s.from_version;
      expected = "fragment_version";
      break;
    case 3: {
      target = responses[pick - 1];  // a fragment that is not the last
      auto& d = std::get<pcp::request_fragment_response>(ms[target]).data;
      d = d.first(*rc::gen::inRange<std::size_t>(1, d.size()));
      expected = "fragment_length";
      break;
    }
    case 4:
      target = requests[pick];
      ms[target] = pcp::report_download_result_request{result_code::success};
      expected = "download_incomplete";
      break;
    case 5:
      target = ms.size() - 2;
      std::get<pcp::report_upgrade_result_request>(ms[target]).current_version = s.from_version;
      expected = "reported_version";
      break;
    default:
      target = requests[pick];
      ms[target] = pcp::execute_upgrade_request{};
      expected = "execute_before_download";
      break;
  }
  for (int side = 0; side < 2; ++side) {
    std::size_t at = 0;
    otawire::result<void> r = otawire::ok();
    if (side == 0) {
      pcp::platform_session p;
      r = run(p, ms, at);
    } else {
      pcp::device_session d;
      r = run(d, ms, at);
    }
    RC_ASSERT(!r.has_value());
    RC_ASSERT(at == target);
    RC_ASSERT(r.error().where() == expected);
  }
}

}  // namespace

// The platform keeps versions as fingerprints, the device as text (issue 13: 32 bytes of rules
// per device on the platform). Both must judge every sequence alike: legal sessions with random
// messages spliced in, versions drawn from three, so that "same version" is often true.
RC_GTEST_PROP(PcpSessionProp, FingerprintRulesJudgeAsTextRules, ()) {
  auto plan = *t::gen_session_plan();
  plan.package_size = *rc::gen::inRange<std::uint32_t>(1, 2000);
  t::generated_session s;
  t::build_session(s, plan);
  std::vector<pcp::message> ms = s.messages;
  const std::array versions{s.from_version, s.to_version, pcp::version_string::from("V3.0").value()};
  const auto splices = *rc::gen::inRange<std::size_t>(0, 12);
  for (std::size_t k = 0; k < splices; ++k) {
    auto m = *t::gen_message();
    const auto& v = versions[*rc::gen::inRange<std::size_t>(0, versions.size())];
    std::visit(
        [&v](auto& x) {
          if constexpr (requires { x.target_version; }) x.target_version = v;
          if constexpr (requires { x.current_version; }) x.current_version = v;
        },
        m);
    ms.insert(ms.begin() + static_cast<std::ptrdiff_t>(*rc::gen::inRange<std::size_t>(0, ms.size() + 1)), m);
  }
  pcp::platform_rules platform;
  pcp::session_rules text;
  for (const auto& m : ms) {
    const auto a = platform.on(m);
    const auto b = text.on(m);
    RC_ASSERT(a.has_value() == b.has_value());
    if (!a) RC_ASSERT(a.error().where() == b.error().where());
    RC_ASSERT(platform.state() == text.state());
    RC_ASSERT(platform.outcome() == text.outcome());
    RC_ASSERT(platform.resumed() == text.resumed());
    const auto& pr = platform.record();
    const auto& tr = text.record();
    RC_ASSERT(pr.target_version == otawire::text_fingerprint::of(tr.target_version.view()));
    RC_ASSERT(pr.fragment_size == tr.fragment_size && pr.fragment_count == tr.fragment_count);
    RC_ASSERT(pr.package_check_code == tr.package_check_code && pr.delivered == tr.delivered);
    RC_ASSERT(platform.device_version().has_value() == text.device_version().has_value());
    if (text.device_version()) RC_ASSERT(*platform.device_version() == text.device_version()->view());
  }
}
