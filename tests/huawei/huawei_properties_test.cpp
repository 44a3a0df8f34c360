// Properties: every message type round-trips in every profile, the two decoders agree, random
// legal sessions pass and one mutated message is rejected with the right rule.
#define OTAWIRE_TEST_WITH_RAPIDCHECK
#include "support/reference_documents.hpp"
#include "support/huawei_arbitrary.hpp"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <string>
#include <vector>

namespace {
namespace hw = otawire::huawei;
namespace th = otawire::test::huawei;

RC_GTEST_PROP(HuaweiProperties, RoundTripInEveryProfileAndBothDecodersAgree, (const th::owned_message& om)) {
  otawire::json::parser p;
  for (const auto prof : {hw::profile::compact, hw::profile::c_sdk, hw::profile::python}) {
    auto text = hw::encode(om.msg, prof);
    if (prof == hw::profile::c_sdk && !text) {
      // Only the C SDK's result-code table can make a generated message unencodable.
      RC_ASSERT(text.error().where() == std::string_view("services[].paras.result_code"));
      continue;
    }
    RC_ASSERT(text.has_value());
    th::both_decoded d;
    th::decode_both(p, *text, d);
    RC_ASSERT(d.fast.has_value());
    RC_ASSERT(d.dom.has_value());
    RC_ASSERT(*d.fast == om.msg);
    RC_ASSERT(*d.dom == om.msg);
  }
}

// The encoder writes by hand; tests/support/reference_documents.hpp builds the same message as a
// Boost.JSON value on its own. Printed in the profile's layout, the value must be the encoder's bytes — in every profile,
// with raw fields from either backend (text from the simdjson path, DOM nodes from Boost.JSON).
RC_GTEST_PROP(HuaweiProperties, HandWriterWritesWhatTheValuePrints, (const th::owned_message& om)) {
  const auto printed = [](const boost::json::value& v, hw::profile prof) {
    std::string out;
    otawire::json::string_sink sink(out);
    otawire::json::writer<otawire::json::string_sink> w(sink);
    otawire::json::detail::write_value(w, v, hw::detail::layout_of(prof));
    return out;
  };
  otawire::json::parser p;
  for (const auto prof : {hw::profile::compact, hw::profile::c_sdk, hw::profile::python}) {
    const auto text = hw::encode(om.msg, prof);
    if (!text) continue;  // the C SDK's result-code table (see the round trip above)
    RC_ASSERT(*text == printed(otawire_test::reference::value_of(om.msg, prof), prof));
    // The same message decoded through the DOM: its raw fields are DOM nodes now.
    th::both_decoded d;
    th::decode_both(p, *text, d);
    RC_ASSERT(d.dom.has_value());
    const auto again = hw::encode(*d.dom, prof);
    RC_ASSERT(again.has_value());
    RC_ASSERT(*again == *text);
    RC_ASSERT(*again == printed(otawire_test::reference::value_of(*d.dom, prof), prof));
  }
}

RC_GTEST_PROP(HuaweiProperties, KeyOrderDoesNotMatter, (const th::owned_message& om)) {
  // Reverse every object's keys (event_type after paras included): same message, both decoders.
  const auto reversed = [](auto&& self, const boost::json::value& v) -> boost::json::value {
    if (v.is_object()) {
      boost::json::object o;
      const auto& in = v.get_object();
      for (auto it = in.end(); it != in.begin();) {
        --it;
        o.emplace(it->key(), self(self, it->value()));
      }
      return o;
    }
    if (v.is_array()) {
      boost::json::array a;
      for (const auto& e : v.get_array()) a.push_back(self(self, e));
      return a;
    }
    return v;
  };
  const std::string text = boost::json::serialize(reversed(reversed, boost::json::value_from(om.msg)));
  otawire::json::parser p;
  th::both_decoded d;
  th::decode_both(p, text, d);
  RC_ASSERT(d.fast.has_value());
  RC_ASSERT(d.dom.has_value());
  RC_ASSERT(*d.fast == om.msg);
  RC_ASSERT(*d.dom == om.msg);
}

RC_GTEST_PROP(HuaweiProperties, DecodersAgreeOnMutatedText, (const th::owned_message& om)) {
  std::string text = hw::encode(om.msg).value();
  const auto at = *rc::gen::inRange<std::size_t>(0, text.size());
  const auto how = *rc::gen::inRange(0, 3);
  if (how == 0) text.erase(at, 1);
  else if (how == 1) text.insert(at, 1, *rc::gen::element(',', '"', '{', '}', '[', ']', ':', '1', '-', 'n', ' '));
  else text[at] = *rc::gen::element(',', '"', '{', '}', '0', '9', 'x', '.', 'e');
  otawire::json::parser p;
  th::both_decoded d;
  th::decode_both(p, text, d);
  RC_ASSERT(th::disagreement(d).empty());
}

// ------------------------------------------------------------------------------------------------
// Sessions

enum class tag { query, report, notify, progress, refusal, failure, success };

struct step {
  otawire::direction dir;
  std::string device;  // object_device_id, or "" for the topic's device
  std::string text;
  tag what;
};

const std::string gateway = "gw-9";

std::string envelope(const std::string& device, const std::string& service) {
  std::string s = "{";
  if (!device.empty()) s += R"("object_device_id":")" + device + "\",";
  return s + R"("services":[)" + service + "]}";
}
std::string query_text(const std::string& device) {
  return envelope(device, R"({"event_type":"version_query","service_id":"$ota","event_time":"20250710T024800Z","paras":null})");
}
std::string report_text(const std::string& device, const std::string& version) {
  return envelope(device, R"({"service_id":"$ota","event_type":"version_report","paras":{"fw_version":")" + version + "\"}}");
}
std::string notify_text(const std::string& device, hw::event_kind kind, const std::string& version) {
  return envelope(device, R"({"event_type":")" + std::string(hw::name(kind)) +
                              R"(","service_id":"$ota","paras":{"version":")" + version +
                              R"(","url":"https://h/p","file_size":10,"sign":"71cfa4cfb93fce5c9677086ff7f5f2d786cfd2c6f27d4636978e1b9a8b2b12f5"}})");
}
std::string progress_text(const std::string& device, int code, std::optional<int> percent, const std::string& version) {
  std::string paras = R"({"result_code":)" + std::to_string(code);
  if (percent) paras += R"(,"progress":)" + std::to_string(*percent);
  paras += R"(,"version":")" + version + "\"}";
  return envelope(device, R"({"service_id":"$ota","event_type":"upgrade_progress_report","paras":)" + paras + "}");
}

/// A legal session: per cycle, optionally query + report (or an unsolicited report), a
/// notification, then a refusal, a failure or progress reports ending in success.
rc::Gen<std::vector<step>> gen_session() {
  return rc::gen::exec([] {
    std::vector<step> steps;
    const int cycles = *rc::gen::inRange(1, 4);
    std::string current = "1.0";
    for (int c = 0; c < cycles; ++c) {
      const std::string device = *rc::gen::element<std::string>("", "child-1", "child-2");
      const std::string target = "v" + std::to_string(c + 2) + "." + std::to_string(*rc::gen::inRange(0, 10));
      const int prelude = *rc::gen::inRange(0, 3);
      if (prelude == 1) {
        steps.push_back({otawire::direction::platform_to_device, device, query_text(device), tag::query});
        steps.push_back({otawire::direction::device_to_platform, device, report_text(device, current), tag::report});
      } else if (prelude == 2) {
        steps.push_back({otawire::direction::device_to_platform, device, report_text(device, current), tag::report});
      }
      const auto kind = *rc::gen::element(hw::event_kind::firmware_upgrade, hw::event_kind::software_upgrade,
                                          hw::event_kind::firmware_upgrade_v2, hw::event_kind::software_upgrade_v2);
      steps.push_back({otawire::direction::platform_to_device, device, notify_text(device, kind, target), tag::notify});
      const int outcome = *rc::gen::inRange(0, 4);
      if (outcome == 0) {
        steps.push_back({otawire::direction::device_to_platform, device,
                         progress_text(device, *rc::gen::element(1, 2, 3, 4, 5, 8, 9), std::nullopt, current), tag::refusal});
      } else {
        const int reports = *rc::gen::inRange(0, 4);
        int percent = 0;
        for (int i = 0; i < reports; ++i) {
          percent = *rc::gen::inRange(percent, 100);
          steps.push_back({otawire::direction::device_to_platform, device, progress_text(device, 0, percent, current), tag::progress});
        }
        if (outcome == 1) {
          steps.push_back({otawire::direction::device_to_platform, device,
                           progress_text(device, *rc::gen::element(6, 7, 10, 255), std::nullopt, current), tag::failure});
        } else if (outcome == 3) {  // a rollback: success-shaped with the old version, a failed upgrade
          const auto final_percent = *rc::gen::element<std::optional<int>>(std::nullopt, 100);
          steps.push_back({otawire::direction::device_to_platform, device, progress_text(device, 0, final_percent, current), tag::failure});
        } else {
          const auto final_percent = *rc::gen::element<std::optional<int>>(std::nullopt, 100);
          steps.push_back({otawire::direction::device_to_platform, device, progress_text(device, 0, final_percent, target), tag::success});
          current = target;
        }
      }
    }
    return steps;
  });
}

otawire::result<void> run(const std::vector<step>& steps, std::size_t& failed_at) {
  otawire::json::parser p;
  hw::session s;
  for (std::size_t i = 0; i < steps.size(); ++i) {
    auto m = hw::decode_payload(p, steps[i].text);
    if (!m) {
      failed_at = i;
      return m.error();
    }
    if (auto r = s.on(hw::topic{gateway, steps[i].dir}, *m); !r) {
      failed_at = i;
      return r;
    }
  }
  return otawire::ok();
}

RC_GTEST_PROP(HuaweiProperties, LegalSessionsPass, ()) {
  const auto steps = *gen_session();
  std::size_t at = 0;
  const auto r = run(steps, at);
  RC_ASSERT(r.has_value());
}

RC_GTEST_PROP(HuaweiProperties, OneMutatedMessageIsRejectedWithTheRightRule, ()) {
  auto steps = *gen_session();
  std::vector<std::size_t> notifications;
  for (std::size_t i = 0; i < steps.size(); ++i) {
    if (steps[i].what == tag::notify) notifications.push_back(i);
  }
  // (A success report with another version is an outcome, not a violation: see gen_session.)
  const int mutation = *rc::gen::inRange(0, 4);
  std::size_t expected_at = 0;
  std::string_view expected_rule;
  switch (mutation) {
    case 0: {  // one message sent on the other direction's topic
      expected_at = *rc::gen::inRange<std::size_t>(0, steps.size());
      steps[expected_at].dir = steps[expected_at].dir == otawire::direction::platform_to_device ? otawire::direction::device_to_platform : otawire::direction::platform_to_device;
      expected_rule = hw::rules::direction;
      break;
    }
    case 1: {  // a progress report before any notification
      const auto device = steps[notifications[0]].device;
      steps.insert(steps.begin(), step{otawire::direction::device_to_platform, device, progress_text(device, 0, 10, "1.0"), tag::progress});
      expected_at = 0;
      expected_rule = hw::rules::progress_without_upgrade;
      break;
    }
    case 2: {  // the notification sent twice
      const auto i = *rc::gen::elementOf(notifications);
      steps.insert(steps.begin() + static_cast<std::ptrdiff_t>(i) + 1, steps[i]);
      expected_at = i + 1;
      expected_rule = hw::rules::upgrade_while_upgrading;
      break;
    }
    default: {  // a query left unanswered before the notification
      const auto i = *rc::gen::elementOf(notifications);
      if (i >= 2 && steps[i - 1].what == tag::report && steps[i - 2].what == tag::query) {
        steps.erase(steps.begin() + static_cast<std::ptrdiff_t>(i) - 1);  // drop the answer
        expected_at = i - 1;
      } else {
        steps.insert(steps.begin() + static_cast<std::ptrdiff_t>(i),
                     step{otawire::direction::platform_to_device, steps[i].device, query_text(steps[i].device), tag::query});
        expected_at = i + 1;
      }
      expected_rule = hw::rules::upgrade_before_version_report;
      break;
    }
  }
  std::size_t at = 0;
  const auto r = run(steps, at);
  RC_ASSERT(!r.has_value());
  RC_ASSERT(r.error().code() == otawire::errc::rule_violation);
  RC_ASSERT(r.error().where() == expected_rule);
  RC_ASSERT(at == expected_at);
}

}  // namespace
