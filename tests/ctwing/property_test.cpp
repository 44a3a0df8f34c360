// CTWing properties: round trip, the two decoders agree (on generated messages and on damaged
// ones), random legal sessions pass, and one mutated message is rejected with the right rule.
#include "support/ctwing_arbitrary.hpp"
#include "support/ctwing_oracle.hpp"
#include "support/reference_documents.hpp"

#include <otawire/ctwing/codec.hpp>
#include <otawire/ctwing/session.hpp>

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <boost/json.hpp>

#include <algorithm>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace {
namespace cw = otawire::ctwing;
namespace tc = otawire::test::ctwing;

// Adds JSON white space after every structural character outside strings.
std::string with_white_space(std::string_view text) {
  std::string out;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    out += c;
    if (in_string) {
      if (c == '\\' && i + 1 < text.size()) {
        out += text[++i];
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    if (c == '"') in_string = true;
    if (c == ',' || c == ':' || c == '{' || c == '[') out += " \n\t ";
  }
  return out;
}

RC_GTEST_PROP(CtwingProperty, EncodeThenDecodeIsIdentity, ()) {
  const auto owned = *tc::gen_message();
  const auto m = owned.view();
  RC_ASSERT(cw::check(m).has_value());
  otawire::json::parser d;
  const auto why = tc::round_trip(d, m);
  if (why) RC_FAIL(*why);
}

// encode writes by hand what the value built key by key prints (support/reference_documents.hpp), and its three forms agree: the
// exact size first, the caller's buffer (one byte short is refused with the size needed), a string.
RC_GTEST_PROP(CtwingProperty, EncodeFormsWriteWhatValueFromWrites, ()) {
  const auto owned = *tc::gen_message();
  const auto m = owned.view();
  const std::string expected = otawire::json::to_string(otawire_test::reference::value_of(m));
  RC_ASSERT(cw::encode(m).value() == expected);
  RC_ASSERT(cw::encoded_size(m).value() == expected.size());
  std::vector<char> buffer(expected.size());
  RC_ASSERT(cw::encode(m, buffer).value() == expected.size());
  RC_ASSERT(std::string_view(buffer.data(), buffer.size()) == expected);
  buffer.pop_back();
  const auto refused = cw::encode(m, buffer);
  RC_ASSERT(!refused.has_value());
  RC_ASSERT(refused.error().code() == otawire::errc::buffer_too_small);
  RC_ASSERT(refused.error().offset() == expected.size());
}

// The same message written differently (keys shuffled, unknown keys added, white space, the step
// as a string) decodes to the same value in both decoders.
RC_GTEST_PROP(CtwingProperty, DecodersAgreeOnEveryWayOfWritingAMessage, ()) {
  const auto owned = *tc::gen_message();
  const auto m = owned.view();
  boost::json::value v = boost::json::value_from(m);
  auto& root = v.as_object();
  const auto inner_key = root.contains("params") ? "params" : "payload";
  if (*rc::gen::arbitrary<bool>()) root["unknown"] = boost::json::parse(R"({"a":[1,"2",null,true],"b":{}})");
  if (*rc::gen::arbitrary<bool>()) root[inner_key].as_object()["signMethod"] = "Md5";
  if (auto* step = root[inner_key].as_object().if_contains("step"); step && *rc::gen::arbitrary<bool>()) {
    *step = boost::json::string(std::to_string(step->as_int64()));
  }
  // Reorder: rebuild objects with their keys rotated.
  const auto rotate = [](boost::json::object& o, std::size_t by) {
    std::vector<std::pair<std::string, boost::json::value>> items;
    for (auto& kv : o) items.emplace_back(std::string(kv.key()), kv.value());
    if (!items.empty()) std::rotate(items.begin(), items.begin() + static_cast<std::ptrdiff_t>(by % items.size()), items.end());
    o.clear();
    for (auto& [k, val] : items) o[k] = std::move(val);
  };
  rotate(root[inner_key].as_object(), *rc::gen::inRange<std::size_t>(0, 8));
  rotate(root, *rc::gen::inRange<std::size_t>(0, 3));
  std::string text = boost::json::serialize(v);
  if (*rc::gen::arbitrary<bool>()) text = with_white_space(text);
  otawire::json::parser d;
  const auto t = cw::topic_of(m);
  const auto why = tc::differential(d, t, text);
  RC_ASSERT(!why.has_value());
  auto decoded = cw::decode_payload(d, t, text);
  RC_ASSERT(decoded.has_value());
  RC_ASSERT(*decoded == m);
}

// Damaged text (bytes replaced, inserted or removed): accept/reject, the value, the error kind and
// path all agree.
RC_GTEST_PROP(CtwingProperty, DecodersAgreeOnDamagedText, ()) {
  const auto owned = *tc::gen_message();
  const auto m = owned.view();
  auto text = *cw::encode(m);
  const int edits = *rc::gen::inRange(1, 4);
  for (int e = 0; e < edits && !text.empty(); ++e) {
    const auto at = *rc::gen::inRange<std::size_t>(0, text.size());
    const char byte = *rc::gen::elementOf(std::string("{}[]\",:0-9a\\ \x80tfn.e"));
    switch (*rc::gen::inRange(0, 3)) {
      case 0: text[at] = byte; break;
      case 1: text.insert(text.begin() + static_cast<std::ptrdiff_t>(at), byte); break;
      default: text.erase(at, 1);
    }
  }
  otawire::json::parser d;
  for (auto t : {cw::topic::inform, cw::topic::upgrade, cw::topic::progress}) {
    const auto why = tc::differential(d, t, text);
    RC_ASSERT(!why.has_value());
  }
}

RC_GTEST_PROP(CtwingProperty, RandomLegalSessionsPass, ()) {
  const auto messages = *tc::gen_legal_session();
  cw::session s;
  for (const auto& owned : messages) {
    auto r = s.on(owned.view());
    if (!r) RC_FAIL(std::string(r.error().where()) + " in " + std::string(r.error().state()));
  }
}

struct mutation {
  tc::owned_message message;
  std::string_view rule;
};

// The mutations that break exactly one rule in a given state.
std::vector<mutation> mutations_for(const cw::session& s) {
  const std::int64_t task = s.task_id();
  const std::int64_t other = task == cw::max_task_id ? 0 : task + 1;
  const std::string changed = "9.9.9-mutated";  // never produced by gen_legal_session
  const auto up = [](std::int64_t t) {
    return tc::owned_message{tc::owned_upgrade{t, 1, "3.0.0", "https://h/f/1", "93230c3bde425a9d7984a594ac55ea1e", "t", {}}};
  };
  const auto pr = [](std::int64_t t, std::int64_t step) { return tc::owned_message{tc::owned_progress{t, step, {}, {}}}; };
  const auto in = [](std::int64_t t, std::string v) { return tc::owned_message{tc::owned_inform{t, std::move(v), {}}}; };
  std::vector<mutation> out;
  switch (s.state()) {
    case cw::session_state::awaiting_inform:
      out.push_back({up(task), cw::rules::inform_first});
      out.push_back({pr(task, 50), cw::rules::inform_first});
      break;
    case cw::session_state::idle:
      out.push_back({pr(task, 50), cw::rules::progress_without_upgrade});
      out.push_back({in(other, "1.0.0"), cw::rules::inform_task_id});
      break;
    case cw::session_state::upgrade_received:
    case cw::session_state::in_progress:
      out.push_back({pr(other, 100), cw::rules::progress_task_id});
      if (s.last_step() >= 2) out.push_back({pr(task, s.last_step() - 1), cw::rules::step_decreased});
      out.push_back({up(other), cw::rules::upgrade_during_attempt});
      out.push_back({in(cw::no_task, changed), cw::rules::version_changed_mid_attempt});
      out.push_back({in(task, changed), cw::rules::inform_task_id});
      break;
    case cw::session_state::awaiting_new_version:
      // Any version after step 100, tagged -1 or with the task, is an outcome (§B.4), not a rule.
      out.push_back({in(other, changed), cw::rules::new_version_task_id});
      out.push_back({pr(task, 100), cw::rules::progress_after_end});
      out.push_back({up(other), cw::rules::upgrade_during_attempt});
      break;
    case cw::session_state::failed:
      out.push_back({pr(task, 100), cw::rules::progress_after_end});
      out.push_back({in(other, "1.0.0"), cw::rules::inform_task_id});
      break;
  }
  return out;
}

// Every position of a random legal session, every mutation that breaks one rule there: the
// messages before it pass, the mutated one is rejected with that rule, in that state.
RC_GTEST_PROP(CtwingProperty, OneMutatedMessageIsRejectedWithTheRightRule, ()) {
  const auto messages = *tc::gen_legal_session();
  for (std::size_t at = 0; at <= messages.size(); ++at) {  // at == size: appended after the end
    cw::session s;
    for (std::size_t i = 0; i < at; ++i) RC_ASSERT(s.on(messages[i].view()).has_value());
    const auto candidates = mutations_for(s);
    RC_ASSERT(!candidates.empty());
    for (const auto& chosen : candidates) {
      cw::session copy = s;
      const auto state = copy.state_name();
      auto r = copy.on(chosen.message.view());
      RC_ASSERT(!r.has_value());
      RC_ASSERT(r.error().code() == otawire::errc::rule_violation);
      if (r.error().where() != chosen.rule || r.error().state() != state) {
        RC_FAIL("at " + std::to_string(at) + " expected " + std::string(chosen.rule) + " in " + std::string(state) +
                ", got " + std::string(r.error().where()) + " in " + std::string(r.error().state()));
      }
    }
  }
}

// The mutations above reach every rule of the validator.
TEST(CtwingProperty, MutationsCoverEveryRule) {
  const std::vector<tc::owned_message> session{
      {tc::owned_inform{cw::no_task, "1", {}}},
      {tc::owned_upgrade{7, 1, "2", "https://h/f/7", "93230c3bde425a9d7984a594ac55ea1e", "t", {}}},
      {tc::owned_progress{7, 50, {}, {}}},
      {tc::owned_progress{7, -1, {}, {}}},
      {tc::owned_upgrade{7, 1, "2", "https://h/f/7", "93230c3bde425a9d7984a594ac55ea1e", "t", {}}},
      {tc::owned_progress{7, 100, {}, {}}},
      {tc::owned_inform{7, "2", {}}}};
  std::set<std::string_view> covered;
  cw::session s;
  for (std::size_t at = 0; at <= session.size(); ++at) {
    for (const auto& m : mutations_for(s)) covered.insert(m.rule);
    if (at < session.size()) {
      ASSERT_TRUE(s.on(session[at].view()));
    }
  }
  const std::set<std::string_view> all{cw::rules::inform_first,     cw::rules::inform_task_id,
                                       cw::rules::version_changed_mid_attempt, cw::rules::progress_without_upgrade,
                                       cw::rules::progress_task_id, cw::rules::step_decreased,
                                       cw::rules::progress_after_end, cw::rules::upgrade_during_attempt,
                                       cw::rules::new_version_task_id};
  EXPECT_EQ(covered, all);
}

}  // namespace
