// rapidcheck generators for Tencent OTA messages and legal sessions.
//
// Messages hold string views, so generated values carry their own storage (`owned_message`):
// the strings live in a shared deque whose elements never move, and copies share it.
#ifndef OTAWIRE_TESTS_SUPPORT_TENCENT_ARBITRARY_HPP
#define OTAWIRE_TESTS_SUPPORT_TENCENT_ARBITRARY_HPP

#include "support/fields_arbitrary.hpp"
#include "support/tencent_oracle.hpp"

#include <rapidcheck.h>

#include <cstdint>
#include <deque>
#include <memory>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace otawire::test::tencent {

namespace tc = otawire::tencent;

/// Storage for the strings generated values point into.
class string_pool {
 public:
  std::string_view keep(std::string s) {
    strings_->push_back(std::move(s));
    return strings_->back();
  }

 private:
  std::shared_ptr<std::deque<std::string>> strings_ = std::make_shared<std::deque<std::string>>();
};

struct owned_message {
  string_pool pool;
  tc::message message;
};

inline std::ostream& operator<<(std::ostream& os, const owned_message& m) {
  return os << boost::json::serialize(boost::json::value_from(m.message));
}

// --- legal sessions ------------------------------------------------------------------------------

/// What the generator knew about a message of a legal session (for targeted mutations).
struct step {
  tc::message message;
  bool starts_attempt = false;    // an update_firmware that the validator accepts as a new attempt
  std::string_view target;        // the attempt's target version (progress and update_firmware)
  int previous_percent = -1;      // the attempt's last downloading percent before this message
  bool resumed = false;           // the attempt resumes a break point
};

/// A message outside any attempt's bookkeeping.
inline step plain(tc::message m) { return step{std::move(m), false, {}, -1, false}; }

struct legal_session {
  string_pool pool;
  std::vector<step> steps;
};

inline std::ostream& operator<<(std::ostream& os, const legal_session& s) {
  for (const auto& st : s.steps) os << boost::json::serialize(boost::json::value_from(st.message)) << '\n';
  return os;
}

namespace gen {

/// Any text: mostly ASCII including control characters and quotes (escaped on the wire), some
/// multi-byte UTF-8.
inline rc::Gen<std::string> text(std::size_t min, std::size_t max) {
  return rc::gen::exec([min, max] {
    const auto n = *rc::gen::inRange<std::size_t>(min, max + 1);
    std::string s;
    while (s.size() < n) {
      if (*rc::gen::inRange(0, 16) == 0) {
        const std::string_view wide = *rc::gen::element<std::string_view>("\xE4\xB8\xAD", "\xC3\xA9");
        if (s.size() + wide.size() > n) break;
        s += wide;
      } else {
        s += *rc::gen::inRange<char>(1, 127);
      }
    }
    while (s.size() < min) s += 'v';
    return s;
  });
}

inline rc::Gen<std::string> version() {
  return rc::gen::oneOf(rc::gen::element<std::string>("1.0.0", "0.0.2", "V100R0001", "v1.0.1"), text(1, 32));
}

inline rc::Gen<std::string> md5sum() {
  return rc::gen::container<std::string>(tc::md5sum_length, rc::gen::element('0', '1', '2', '3', '4', '5', '6', '7',
                                                                             '8', '9', 'a', 'b', 'c', 'd', 'e', 'f'));
}

inline rc::Gen<std::string> fw_type() {
  return rc::gen::oneOf(rc::gen::element<std::string>("mcu", "module"), text(0, 8));
}

template <class T>
std::optional<T> maybe(const rc::Gen<T>& g) {
  if (*rc::gen::arbitrary<bool>()) return *g;
  return std::nullopt;
}

inline std::optional<std::string_view> maybe_text(string_pool& pool, const rc::Gen<std::string>& g) {
  if (*rc::gen::arbitrary<bool>()) return pool.keep(*g);
  return std::nullopt;
}

inline tc::report_version report_version(string_pool& pool) {
  tc::report_version m;
  m.version = pool.keep(*version());
  m.fw_type = maybe_text(pool, fw_type());
  return m;
}

inline tc::report_version_rsp report_version_rsp(string_pool& pool) {
  tc::report_version_rsp m;
  m.result_code = *rc::gen::oneOf(rc::gen::just(0), rc::gen::arbitrary<std::int32_t>());
  m.result_msg = maybe_text(pool, rc::gen::oneOf(rc::gen::just<std::string>("success"), text(0, 16)));
  m.version = maybe_text(pool, version());
  m.fw_type = maybe_text(pool, fw_type());
  return m;
}

inline tc::update_firmware update_firmware(string_pool& pool) {
  tc::update_firmware m;
  m.version = pool.keep(*version());
  m.url = pool.keep(*otawire::test::fields::gen_download_url());
  m.md5sum = pool.keep(*md5sum());
  m.file_size = static_cast<std::uint32_t>(*rc::gen::inRange<std::uint64_t>(1, 0x100000000ULL));
  m.user_defined = maybe_text(pool, rc::gen::oneOf(rc::gen::just<std::string>(R"({"time":"2024-05-16","info":"ota test"})"),
                                                   text(0, 64)));
  m.task_id = maybe(rc::gen::arbitrary<std::int64_t>());
  m.fw_type = maybe_text(pool, fw_type());
  return m;
}

inline tc::report_progress report_progress(string_pool& pool) {
  tc::report_progress m;
  m.state = *rc::gen::element(tc::progress_state::downloading, tc::progress_state::burning, tc::progress_state::done,
                              tc::progress_state::fail);
  if (m.state == tc::progress_state::downloading) m.percent = *rc::gen::inRange<std::uint8_t>(0, 101);
  if (m.state == tc::progress_state::fail) m.result_code = *rc::gen::inRange(-5, 0);
  m.result_msg = pool.keep(*rc::gen::oneOf(rc::gen::element<std::string>("", "time_out", "OK", "FAIL"), text(0, 16)));
  m.version = pool.keep(*version());
  m.fw_type = maybe_text(pool, fw_type());
  m.task_id = maybe(rc::gen::arbitrary<std::int64_t>());
  return m;
}

/// Any valid message.
inline rc::Gen<owned_message> message() {
  return rc::gen::exec([] {
    owned_message o;
    switch (*rc::gen::inRange(0, 4)) {
      case 0: o.message = report_version(o.pool); break;
      case 1: o.message = report_version_rsp(o.pool); break;
      case 2: o.message = update_firmware(o.pool); break;
      default: o.message = report_progress(o.pool); break;
    }
    return o;
  });
}

/// A random session that obeys every rule of tencent::session (spec §A.4, §A.5).
inline rc::Gen<legal_session> session() {
  return rc::gen::exec([] {
    legal_session s;
    auto& pool = s.pool;
    const auto running = pool.keep(*version());
    s.steps.push_back(plain(tc::report_version{running, std::nullopt}));
    if (*rc::gen::arbitrary<bool>()) {
      s.steps.push_back(plain(tc::report_version_rsp{0, std::string_view("success"), running, std::nullopt}));
    }
    const int attempts = *rc::gen::inRange(1, 4);
    std::optional<tc::update_firmware> previous;
    bool resumable = false;
    for (int a = 0; a < attempts; ++a) {
      tc::update_firmware fw;
      const bool same = previous && *rc::gen::inRange(0, 3) != 0;
      if (same) {
        fw = *previous;
      } else {
        fw = update_firmware(pool);
        fw.version = pool.keep("v" + std::to_string(a) + "-" + *text(0, 8));  // differs from earlier targets
      }
      const bool resumed = same && resumable;
      previous = fw;
      step offer{fw, true, fw.version, -1, resumed};
      s.steps.push_back(offer);
      if (*rc::gen::inRange(0, 4) == 0) {  // ignored while the attempt runs
        s.steps.push_back({update_firmware(pool), false, fw.version, -1, resumed});
      }
      int percent = resumed ? *rc::gen::inRange(0, 101) : 0;
      int last = -1;
      const int reports = *rc::gen::inRange(0, 6);
      for (int i = 0; i < reports; ++i) {
        tc::report_progress p = tc::report_progress::downloading(fw.version, static_cast<std::uint8_t>(percent));
        s.steps.push_back({p, false, fw.version, last, resumed});
        last = percent;
        percent = *rc::gen::inRange(percent, 101);
        if (i == reports - 2 && *rc::gen::arbitrary<bool>()) percent = 100;
      }
      const bool complete = last == 100;
      const auto outcome = *rc::gen::inRange(0, 3);  // 0 done (if complete), 1 fail, 2 interrupted
      if (complete && outcome == 0) {
        if (*rc::gen::arbitrary<bool>()) s.steps.push_back({tc::report_progress::burning(fw.version), false, fw.version, last, resumed});
        s.steps.push_back({tc::report_progress::done(fw.version), false, fw.version, last, resumed});
        s.steps.push_back(plain(tc::report_version{fw.version, std::nullopt}));
        resumable = false;
      } else if (outcome == 1) {
        if (complete && *rc::gen::arbitrary<bool>()) {
          s.steps.push_back({tc::report_progress::burning(fw.version), false, fw.version, last, resumed});
        }
        const auto code = static_cast<tc::fail_code>(*rc::gen::inRange(-5, 0));
        s.steps.push_back({tc::report_progress::failed(fw.version, code, "time_out"), false, fw.version, last, resumed});
        resumable = !complete && static_cast<int>(code) >= -3;
        if (*rc::gen::arbitrary<bool>()) s.steps.push_back(plain(tc::report_version{running, std::nullopt}));
      } else {
        s.steps.push_back(plain(tc::report_version{running, std::nullopt}));  // reconnect
        resumable = !complete;
      }
    }
    return s;
  });
}

}  // namespace gen
}  // namespace otawire::test::tencent

namespace rc {
template <>
struct Arbitrary<otawire::test::tencent::owned_message> {
  static Gen<otawire::test::tencent::owned_message> arbitrary() { return otawire::test::tencent::gen::message(); }
};
template <>
struct Arbitrary<otawire::test::tencent::legal_session> {
  static Gen<otawire::test::tencent::legal_session> arbitrary() { return otawire::test::tencent::gen::session(); }
};
}  // namespace rc

#endif
