// Tencent OTA properties: round trips, decoder agreement, legal sessions pass and a mutated one is
// rejected by the rule the mutation breaks.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include "support/tencent_arbitrary.hpp"

#include <otawire/tencent.hpp>

#include <string>

namespace {
namespace tc = otawire::tencent;
using otawire::test::tencent::compare_decoders;
using otawire::test::tencent::legal_session;
using otawire::test::tencent::owned_message;
using otawire::test::tencent::round_trips;
using otawire::test::tencent::verdict;

RC_GTEST_PROP(TencentProperties, DecodeOfEncodeIsIdentity, (const owned_message& m)) {
  otawire::json::parser p;
  RC_ASSERT(round_trips(p, m.message));
}

RC_GTEST_PROP(TencentProperties, CSdkV3BytesDecodeToTheSameMessage, (const owned_message& m)) {
  auto text = tc::encode(m.message, tc::profile::c_sdk_v3);
  if (!text) {
    // Only progress reports with 2025 keys have no v3 template.
    const auto* pr = std::get_if<tc::report_progress>(&m.message);
    RC_ASSERT(pr != nullptr && (pr->fw_type || pr->task_id));
    return;
  }
  otawire::json::parser p;
  auto back = tc::decode_payload(p, *text);
  RC_ASSERT(back.has_value());
  RC_ASSERT(*back == m.message);
}

RC_GTEST_PROP(TencentProperties, BothDecodersAgreeOnGeneratedMessages, (const owned_message& m)) {
  otawire::json::parser p;
  const auto text = tc::encode(m.message).value();
  RC_ASSERT(compare_decoders(p, text) == verdict::agree);
  // Pretty-printed with the keys reversed, the message is still the same for both.
  auto v = boost::json::value_from(m.message);
  boost::json::object reversed;
  const auto& o = v.as_object();
  for (auto it = o.end(); it != o.begin();) {
    --it;
    reversed.emplace(it->key(), it->value());
  }
  const auto again = boost::json::serialize(reversed);
  RC_ASSERT(compare_decoders(p, again) == verdict::agree);
  auto back = tc::decode_payload(p, again);
  RC_ASSERT(back.has_value());
  RC_ASSERT(*back == m.message);
}

RC_GTEST_PROP(TencentProperties, BothDecodersAgreeOnCorruptedMessages, (const owned_message& m)) {
  std::string text = tc::encode(m.message).value();
  const auto edits = *rc::gen::inRange(1, 4);
  for (int i = 0; i < edits && !text.empty(); ++i) {
    const auto at = *rc::gen::inRange<std::size_t>(0, text.size());
    switch (*rc::gen::inRange(0, 3)) {
      case 0: text[at] = *rc::gen::element('"', '{', '}', ',', ':', '1', '-', 'x', ' ', '\\', '0'); break;
      case 1: text.erase(at, 1); break;
      default: text.insert(at, 1, *rc::gen::element('"', '[', ']', ',', '5', 'e', '.')); break;
    }
  }
  otawire::json::parser p;
  RC_ASSERT(compare_decoders(p, text) == verdict::agree);
}

RC_GTEST_PROP(TencentProperties, TopicsRoundTrip, ()) {
  const auto name = rc::gen::container<std::string>(rc::gen::inRange<char>(0x20, 0x7F));
  const std::string product = *rc::gen::suchThat(name, [](const std::string& s) {
    return !s.empty() && s.size() < 40 && s.find_first_of("/+#\x7F") == std::string::npos;
  });
  const std::string device = *rc::gen::suchThat(name, [](const std::string& s) {
    return !s.empty() && s.size() < 40 && s.find_first_of("/+#\x7F") == std::string::npos;
  });
  const tc::topic t{*rc::gen::element(tc::topic_kind::report, tc::topic_kind::update), product, device};
  const auto text = tc::format_topic(t);
  RC_ASSERT(text.has_value());
  auto back = tc::parse_topic(*text);
  RC_ASSERT(back.has_value());
  RC_ASSERT(*back == t);
}

RC_GTEST_PROP(TencentProperties, LegalSessionsPass, (const legal_session& s)) {
  tc::session v;
  for (const auto& st : s.steps) {
    auto r = v.on(st.message);
    RC_ASSERT(r.has_value());
  }
}

RC_GTEST_PROP(TencentProperties, LegalSessionsPassAfterTheWire, (const legal_session& s)) {
  // The same, each message through encode and the fast decoder first.
  otawire::json::parser p;
  tc::session v;
  for (const auto& st : s.steps) {
    const auto text = tc::encode(st.message).value();
    const auto topic = tc::topic_of(tc::type_of(st.message)) == tc::topic_kind::report ? "$ota/report/P/D" : "$ota/update/P/D";
    auto e = tc::decode(p, otawire::mqtt_publish{topic, text});
    RC_ASSERT(e.has_value());
    RC_ASSERT(v.on(e->message).has_value());
  }
}

// One message is mutated (or inserted) so that exactly one rule breaks at that point.
RC_GTEST_PROP(TencentProperties, OneMutatedMessageIsRejectedByTheRightRule, (legal_session s)) {
  auto& steps = s.steps;
  struct candidate {
    std::size_t index;
    bool insert;
    tc::message message;
    std::string_view rule;
  };
  std::vector<candidate> candidates;
  const std::string_view other_version = s.pool.keep("zz-not-the-target");
  const std::string_view long_version = s.pool.keep(std::string(33, '7'));
  candidates.push_back({0, true, tc::update_firmware{"1", "http://x", "ad4615b866c13afb8b293a679bfa5dc4", 1, {}, {}, {}},
                        tc::rules::report_version_first});
  candidates.push_back({0, true, tc::report_version_rsp{}, tc::rules::report_version_first});
  candidates.push_back({1, true, tc::report_progress::downloading("1", 0), tc::rules::progress_after_update_firmware});
  candidates.push_back({1, true, tc::report_version_rsp{7, {}, {}, {}}, tc::rules::version_report_accepted});
  candidates.push_back({1, true, tc::update_firmware{long_version, "http://x", "ad4615b866c13afb8b293a679bfa5dc4", 1, {}, {}, {}},
                        tc::rules::target_version_reportable});
  for (std::size_t i = 0; i < steps.size(); ++i) {
    const auto& st = steps[i];
    if (const auto* pr = std::get_if<tc::report_progress>(&st.message)) {
      tc::report_progress changed = *pr;
      changed.version = other_version;
      candidates.push_back({i, false, changed, tc::rules::progress_version_is_target});
      if (pr->state == tc::progress_state::downloading) {
        if (st.previous_percent > 0) {
          changed = *pr;
          changed.percent = static_cast<std::uint8_t>(st.previous_percent - 1);
          candidates.push_back({i, false, changed, tc::rules::percent_non_decreasing});
        }
        if (st.previous_percent < 0 && !st.resumed) {
          changed = *pr;
          changed.percent = static_cast<std::uint8_t>(*rc::gen::inRange(1, 101));
          candidates.push_back({i, false, changed, tc::rules::first_percent_is_zero});
        }
      }
      if (pr->state == tc::progress_state::done || pr->state == tc::progress_state::fail) {
        candidates.push_back({i + 1, true, tc::report_progress::downloading(pr->version, 100), tc::rules::terminal_after_done_or_fail});
      }
      if (pr->state == tc::progress_state::burning) {
        candidates.push_back({i + 1, true, tc::report_progress::downloading(pr->version, 100), tc::rules::no_downloading_after_burning});
      }
    }
    if (st.starts_attempt) {
      candidates.push_back({i + 1, true, tc::report_progress::done(st.target), tc::rules::done_requires_download_100});
      candidates.push_back({i + 1, true, tc::report_progress::burning(st.target), tc::rules::burning_requires_download_100});
    }
  }
  const auto chosen = *rc::gen::elementOf(candidates);
  RC_TAG(std::string(chosen.rule));  // the distribution shows every rule is exercised
  if (chosen.insert) {
    steps.insert(steps.begin() + static_cast<std::ptrdiff_t>(chosen.index), otawire::test::tencent::plain(chosen.message));
  } else {
    steps[chosen.index].message = chosen.message;
  }
  tc::session v;
  for (std::size_t i = 0; i < chosen.index; ++i) RC_ASSERT(v.on(steps[i].message).has_value());
  auto r = v.on(steps[chosen.index].message);
  RC_ASSERT(!r.has_value());
  RC_ASSERT(r.error().code() == otawire::errc::rule_violation);
  RC_ASSERT(r.error().where() == chosen.rule);
}

}  // namespace
