// The upgrade-task validator (§C.5): the valid sessions, one test per rejection rule, and as
// properties: random legal sessions pass; one mutated message is rejected with the right rule.
#define OTAWIRE_TESTS_WITH_RAPIDCHECK
#include "support/jetlinks_arbitrary.hpp"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <deque>
#include <string>
#include <vector>

namespace {
namespace jl = otawire::jetlinks;
using jl::session_state;

jl::upgrade_firmware push(std::string_view id, std::string_view version, std::string_view firmware) {
  jl::upgrade_firmware m;
  m.message_id = id;
  m.device_id = "dev-1";
  m.url = "http://fw.example/x.bin";
  m.version = version;
  m.firmware_id = firmware;
  m.size = 100000;
  m.sign = "d41d8cd98f00b204e9800998ecf8427e";
  m.sign_method = "md5";
  return m;
}

jl::upgrade_firmware_progress progress(int p, std::string_view version, std::string_view firmware) {
  jl::upgrade_firmware_progress m;
  m.device_id = "dev-1";
  m.progress = p;
  m.success = true;
  m.version = version;
  m.firmware_id = firmware;
  return m;
}

jl::upgrade_firmware_progress completed(std::string_view version, std::string_view firmware) {
  auto m = progress(100, version, firmware);
  m.complete = true;
  return m;
}

jl::upgrade_firmware_progress failure(std::string_view version, std::string_view firmware) {
  auto m = progress(0, version, firmware);
  m.success = false;
  m.error_reason = "flash write failed";
  return m;
}

jl::request_firmware pull(std::string_view id) {
  jl::request_firmware m;
  m.message_id = id;
  m.device_id = "dev-1";
  return m;
}

jl::request_firmware_reply pull_reply(std::string_view id, std::string_view version, std::string_view firmware) {
  jl::request_firmware_reply m;
  m.message_id = id;
  m.device_id = "dev-1";
  m.url = "http://fw.example/x.bin";
  m.version = version;
  m.firmware_id = firmware;
  return m;
}

jl::request_firmware_reply not_found(std::string_view id) {
  jl::request_firmware_reply m;
  m.message_id = id;
  m.success = false;
  m.code = "not_found";
  m.message = "无固件更新";
  return m;
}

void expect_rejected(const otawire::result<jl::verdict>& r, std::string_view rule, std::string_view state) {
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code(), otawire::errc::rule_violation);
  EXPECT_EQ(r.error().where(), rule);
  EXPECT_EQ(r.error().state(), state);
}

// --- the valid sessions of §C.5 -----------------------------------------------------------------

TEST(JetlinksSession, PushedUpgrade) {
  jl::session s;
  EXPECT_EQ(s.state(), session_state::idle);
  ASSERT_TRUE(s.on(push("M", "1.1", "F")));
  EXPECT_EQ(s.state(), session_state::processing);
  jl::upgrade_firmware_reply reply;
  reply.message_id = "M";
  ASSERT_TRUE(s.on(reply));
  for (int p : {0, 10, 10, 60, 99}) ASSERT_TRUE(s.on(progress(p, "1.1", "F"))) << p;
  EXPECT_EQ(s.last_progress(), 99);
  auto done = s.on(completed("1.1", "F"));
  ASSERT_TRUE(done);
  EXPECT_EQ(done->state, session_state::success);
  EXPECT_EQ(done->notes, jl::note_none);
  jl::report_firmware report;
  report.version = "1.1";
  ASSERT_TRUE(s.on(report));
  EXPECT_EQ(s.state_name(), "success");
}

TEST(JetlinksSession, PulledUpgrade) {
  jl::session s;
  ASSERT_TRUE(s.on(pull("P")));
  EXPECT_EQ(s.state(), session_state::waiting);
  ASSERT_TRUE(s.on(pull_reply("P", "2.0", "F2")));
  EXPECT_EQ(s.state(), session_state::processing);
  ASSERT_TRUE(s.on(progress(50, "2.0", "F2")));
  ASSERT_TRUE(s.on(completed("2.0", "F2")));
  EXPECT_EQ(s.state(), session_state::success);
}

TEST(JetlinksSession, NotFoundEndsThePull) {
  jl::session s;
  ASSERT_TRUE(s.on(pull("P")));
  auto v = s.on(not_found("P"));
  ASSERT_TRUE(v);
  EXPECT_EQ(v->state, session_state::idle);
  EXPECT_TRUE(v->notes & jl::note_no_firmware);
}

TEST(JetlinksSession, FailureIsTerminalWhateverComplete) {
  jl::session s;
  ASSERT_TRUE(s.on(push("M", "1.1", "F")));
  ASSERT_TRUE(s.on(progress(40, "1.1", "F")));
  auto f = failure("1.1", "F");  // progress 0 < 40: a failure is not held to non-decreasing
  auto v = s.on(f);
  ASSERT_TRUE(v);
  EXPECT_EQ(v->state, session_state::failed);
}

TEST(JetlinksSession, FailedUpgradeReplyFailsThePushedTask) {
  jl::session s;
  ASSERT_TRUE(s.on(push("M", "1.1", "F")));
  jl::upgrade_firmware_reply reply;
  reply.message_id = "M";
  reply.success = false;
  ASSERT_TRUE(s.on(reply));
  EXPECT_EQ(s.state(), session_state::failed);
}

TEST(JetlinksSession, ReadAndReply) {
  jl::session s;
  jl::read_firmware read;
  read.message_id = "R";
  ASSERT_TRUE(s.on(read));
  jl::read_firmware_reply reply;
  reply.message_id = "R";
  reply.version = "1.0";
  ASSERT_TRUE(s.on(reply));
  EXPECT_EQ(s.state(), session_state::idle);
}

TEST(JetlinksSession, CompleteBelow100IsFlaggedNotRejected) {
  jl::session s;
  ASSERT_TRUE(s.on(push("M", "1.1", "F")));
  auto m = completed("1.1", "F");
  m.progress = 90;
  auto v = s.on(m);
  ASSERT_TRUE(v);
  EXPECT_EQ(v->state, session_state::success);
  EXPECT_TRUE(v->notes & jl::note_complete_not_100);
}

TEST(JetlinksSession, ANewPushReplacesTheTask) {
  jl::session s;
  ASSERT_TRUE(s.on(push("M1", "1.1", "F")));
  ASSERT_TRUE(s.on(progress(70, "1.1", "F")));
  ASSERT_TRUE(s.on(push("M2", "1.2", "G")));
  ASSERT_TRUE(s.on(progress(5, "1.2", "G")));  // progress restarts with the new task
}

TEST(JetlinksSession, PullWithoutIdAcceptsTheGeneratedReplyId) {
  jl::session s;
  jl::request_firmware p;
  ASSERT_TRUE(s.on(p));
  ASSERT_TRUE(s.on(pull_reply("1790000000000000001", "2.0", "F")));
}

TEST(JetlinksSession, StateIsSmallAndFixed) {
  static_assert(sizeof(jl::session) <= 160, "O(1) state per device");
  static_assert(std::is_trivially_copyable_v<jl::session>);
}

// --- one test per rejection rule -----------------------------------------------------------------

TEST(JetlinksSessionRule, ReplyHasRequest) {
  jl::session s;
  expect_rejected(s.on(pull_reply("P", "1", "F")), jl::rules::reply_has_request, "idle");
  jl::upgrade_firmware_reply reply;
  reply.message_id = "M";
  expect_rejected(s.on(reply), jl::rules::reply_has_request, "idle");
  jl::read_firmware_reply read_reply;
  read_reply.message_id = "R";
  expect_rejected(s.on(read_reply), jl::rules::reply_has_request, "idle");
}

TEST(JetlinksSessionRule, ReplyMatchesRequest) {
  jl::session s;
  ASSERT_TRUE(s.on(pull("P1")));
  expect_rejected(s.on(pull_reply("P2", "1", "F")), jl::rules::reply_matches_request, "waiting");
  EXPECT_EQ(s.state(), session_state::waiting);  // a rejected message changes nothing
  ASSERT_TRUE(s.on(pull_reply("P1", "1", "F")));
}

TEST(JetlinksSessionRule, PullReplyHasFirmware) {
  jl::session s;
  ASSERT_TRUE(s.on(pull("P")));
  auto r = pull_reply("P", "1", "F");
  r.url.reset();
  expect_rejected(s.on(r), jl::rules::pull_reply_has_firmware, "waiting");
}

TEST(JetlinksSessionRule, ProgressHasTask) {
  jl::session s;
  expect_rejected(s.on(progress(10, "1", "F")), jl::rules::progress_has_task, "idle");
  ASSERT_TRUE(s.on(pull("P")));
  expect_rejected(s.on(progress(10, "1", "F")), jl::rules::progress_has_task, "waiting");
}

TEST(JetlinksSessionRule, TaskNotTerminal) {
  jl::session s;
  ASSERT_TRUE(s.on(push("M", "1", "F")));
  ASSERT_TRUE(s.on(completed("1", "F")));
  expect_rejected(s.on(progress(100, "1", "F")), jl::rules::task_not_terminal, "success");
  jl::session failed;
  ASSERT_TRUE(failed.on(push("M", "1", "F")));
  ASSERT_TRUE(failed.on(failure("1", "F")));
  expect_rejected(failed.on(progress(1, "1", "F")), jl::rules::task_not_terminal, "failed");
  jl::session canceled;
  ASSERT_TRUE(canceled.on(push("M", "1", "F")));
  canceled.cancel();
  expect_rejected(canceled.on(progress(1, "1", "F")), jl::rules::task_not_terminal, "canceled");
}

TEST(JetlinksSessionRule, ProgressMatchesDevice) {
  jl::session s;
  ASSERT_TRUE(s.on(push("M", "1", "F")));
  auto m = progress(10, "1", "F");
  m.device_id = "dev-2";
  expect_rejected(s.on(m), jl::rules::progress_matches_device, "processing");
}

TEST(JetlinksSessionRule, ProgressMatchesVersion) {
  jl::session s;
  ASSERT_TRUE(s.on(push("M", "1.1", "F")));
  expect_rejected(s.on(progress(10, "1.2", "F")), jl::rules::progress_matches_version, "processing");
}

TEST(JetlinksSessionRule, ProgressMatchesFirmwareId) {
  jl::session s;
  ASSERT_TRUE(s.on(push("M", "1", "F")));
  expect_rejected(s.on(progress(10, "1", "G")), jl::rules::progress_matches_firmware_id, "processing");
  auto absent = progress(10, "1", "F");
  absent.firmware_id.reset();  // the platform would look for firmwareId = null: no match
  expect_rejected(s.on(absent), jl::rules::progress_matches_firmware_id, "processing");
}

TEST(JetlinksSessionRule, ProgressInRange) {
  jl::session s;
  ASSERT_TRUE(s.on(push("M", "1", "F")));
  expect_rejected(s.on(progress(101, "1", "F")), jl::rules::progress_in_range, "processing");
  expect_rejected(s.on(progress(-1, "1", "F")), jl::rules::progress_in_range, "processing");
}

TEST(JetlinksSessionRule, ProgressNonDecreasing) {
  jl::session s;
  ASSERT_TRUE(s.on(push("M", "1", "F")));
  ASSERT_TRUE(s.on(progress(30, "1", "F")));
  expect_rejected(s.on(progress(29, "1", "F")), jl::rules::progress_non_decreasing, "processing");
}

// --- properties ----------------------------------------------------------------------------------

enum class mutation {
  progress_decreases,
  progress_out_of_range,
  progress_wrong_version,
  progress_wrong_firmware_id,
  progress_wrong_device,
  reply_wrong_id,
  progress_before_task,
  progress_after_terminal,
  pull_reply_without_url,
  reply_twice,
};

struct legal_session {
  std::shared_ptr<std::deque<std::string>> arena = std::make_shared<std::deque<std::string>>();
  std::vector<jl::message> messages;
  std::string_view keep(std::string s) const {
    arena->push_back(std::move(s));
    return arena->back();
  }
};

// One legal session: a few tasks, pushed or pulled, with reads and reports in between.
legal_session gen_legal_session() {
  legal_session s;
  int next_id = 0;
  const auto id = [&] { return s.keep("m-" + std::to_string(++next_id)); };
  const auto tasks = *rc::gen::inRange(1, 4);
  for (int t = 0; t < tasks; ++t) {
    if (*rc::gen::arbitrary<bool>()) {
      jl::read_firmware r;
      r.message_id = id();
      jl::read_firmware_reply rr;
      rr.message_id = r.message_id;
      rr.version = "1.0";
      s.messages.emplace_back(r);
      s.messages.emplace_back(rr);
    }
    const auto version = s.keep("1." + std::to_string(t));
    const auto firmware = s.keep("fw-" + std::to_string(t));
    const auto flow = *rc::gen::inRange(0, 3);  // 0 push, 1 pull, 2 pull not found
    if (flow == 0) {
      auto u = push(id(), version, firmware);
      s.messages.emplace_back(u);
      if (*rc::gen::arbitrary<bool>()) {
        jl::upgrade_firmware_reply r;
        r.message_id = u.message_id;
        s.messages.emplace_back(r);
      }
    } else {
      const auto pid = id();
      s.messages.emplace_back(pull(pid));
      if (flow == 2) {
        s.messages.emplace_back(not_found(pid));
        continue;
      }
      s.messages.emplace_back(pull_reply(pid, version, firmware));
    }
    auto steps = *rc::gen::container<std::vector<int>>(rc::gen::inRange(0, 101));
    std::sort(steps.begin(), steps.end());
    for (int p : steps) s.messages.emplace_back(progress(p, version, firmware));
    switch (*rc::gen::inRange(0, 3)) {
      case 0: s.messages.emplace_back(completed(version, firmware)); break;
      case 1: s.messages.emplace_back(failure(version, firmware)); break;
      default: break;  // left processing: the next task replaces it
    }
    if (*rc::gen::arbitrary<bool>()) {
      jl::report_firmware r;
      r.version = version;
      s.messages.emplace_back(r);
    }
  }
  return s;
}

RC_GTEST_PROP(JetlinksSession, RandomLegalSessionsPass, ()) {
  const auto s = gen_legal_session();
  jl::session v;
  for (std::size_t i = 0; i < s.messages.size(); ++i) {
    auto r = v.on(s.messages[i]);
    RC_ASSERT(r.has_value());
  }
}

// The message positions where a mutation applies, and the rule that must reject it.
RC_GTEST_PROP(JetlinksSession, OneMutatedMessageIsRejectedWithTheRightRule, ()) {
  auto s = gen_legal_session();
  // Replay once to learn, for each position, the state before it and the last progress.
  std::vector<jl::session> before;
  {
    jl::session v;
    for (const auto& m : s.messages) {
      before.push_back(v);
      RC_ASSERT(v.on(m).has_value());
    }
    before.push_back(v);
  }
  struct candidate {
    std::size_t at;
    mutation kind;
  };
  std::vector<candidate> candidates;
  for (std::size_t i = 0; i < s.messages.size(); ++i) {
    const auto& m = s.messages[i];
    if (const auto* p = std::get_if<jl::upgrade_firmware_progress>(&m)) {
      if (p->success) {
        if (before[i].last_progress() > 0) candidates.push_back({i, mutation::progress_decreases});
        candidates.push_back({i, mutation::progress_out_of_range});
      }
      candidates.push_back({i, mutation::progress_wrong_version});
      candidates.push_back({i, mutation::progress_wrong_firmware_id});
      candidates.push_back({i, mutation::progress_wrong_device});
    }
    if (jl::is_reply(jl::type_of(m))) {
      candidates.push_back({i, mutation::reply_wrong_id});
      candidates.push_back({i, mutation::reply_twice});
    }
    if (const auto* r = std::get_if<jl::request_firmware_reply>(&m); r && r->success) {
      candidates.push_back({i, mutation::pull_reply_without_url});
    }
  }
  candidates.push_back({0, mutation::progress_before_task});
  if (jl::is_terminal(before.back().state())) candidates.push_back({s.messages.size(), mutation::progress_after_terminal});

  const auto c = *rc::gen::elementOf(candidates);
  std::string_view rule;
  auto& target = c.at < s.messages.size() ? s.messages[c.at] : s.messages.back();
  switch (c.kind) {
    case mutation::progress_decreases:
      std::get<jl::upgrade_firmware_progress>(target).progress = before[c.at].last_progress() - 1;
      rule = jl::rules::progress_non_decreasing;
      break;
    case mutation::progress_out_of_range:
      std::get<jl::upgrade_firmware_progress>(target).progress = *rc::gen::element(-1, 101, 1000, -100);
      rule = jl::rules::progress_in_range;
      break;
    case mutation::progress_wrong_version:
      std::get<jl::upgrade_firmware_progress>(target).version = "9.9-other";
      rule = jl::rules::progress_matches_version;
      break;
    case mutation::progress_wrong_firmware_id:
      std::get<jl::upgrade_firmware_progress>(target).firmware_id = "fw-other";
      rule = jl::rules::progress_matches_firmware_id;
      break;
    case mutation::progress_wrong_device:
      std::get<jl::upgrade_firmware_progress>(target).device_id = "dev-other";
      rule = jl::rules::progress_matches_device;
      break;
    case mutation::reply_wrong_id:
      std::visit([](auto& x) { x.message_id = "m-other"; }, target);
      rule = jl::rules::reply_matches_request;
      break;
    case mutation::reply_twice:
      s.messages.insert(s.messages.begin() + static_cast<std::ptrdiff_t>(c.at) + 1, s.messages[c.at]);
      rule = jl::rules::reply_has_request;
      break;
    case mutation::pull_reply_without_url:
      std::get<jl::request_firmware_reply>(target).url.reset();
      rule = jl::rules::pull_reply_has_firmware;
      break;
    case mutation::progress_before_task:
      s.messages.insert(s.messages.begin(), progress(10, "1.0", "fw-0"));
      rule = jl::rules::progress_has_task;
      break;
    case mutation::progress_after_terminal:
      s.messages.push_back(progress(100, "1.0", "fw-0"));
      rule = jl::rules::task_not_terminal;
      break;
  }
  const std::size_t mutated = c.kind == mutation::reply_twice ? c.at + 1 : c.kind == mutation::progress_before_task ? 0 : c.at;
  jl::session v;
  for (std::size_t i = 0; i < mutated; ++i) RC_ASSERT(v.on(s.messages[i]).has_value());
  auto r = v.on(s.messages[mutated]);
  RC_ASSERT(!r.has_value());
  RC_ASSERT(r.error().where() == rule);
  RC_ASSERT(r.error().state() == v.state_name());
}

}  // namespace
