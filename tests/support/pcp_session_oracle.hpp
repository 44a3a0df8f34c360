// Test and fuzz oracle for the PCP session validators: replays a recorded session (the
// fuzz_pcp_session input format) through the platform and device validators and a fragment
// assembler, and names the first invariant that breaks. Shared by fuzz_pcp_session and the
// gtest that replays its reproducers.
//
// Input: records [flags][len][len bytes of frame]; flags bit 0 = uplink, bits 1–7 = minutes
// elapsed since the previous record. Check codes are rewritten so that frames decode; frames
// that still do not decode are skipped. Invariants:
// - a rejected message leaves the device validator exactly as it was, and names its rule;
// - delivered fragments never exceed the count (both sides);
// - every fragment the device validator accepts, an assembler started on the same notification
//   accepts too, and the device's in-order prefix is held by the assembler;
// - a task ends `succeeded` only at the acknowledgement of a 24 success report, sent in that
//   same task, carrying the version that task's 20 notified (checked on both sides when the
//   task ends, not while a later task runs: `outcome()` is how the *last* task ended).
#ifndef OTAWIRE_TESTS_PCP_SESSION_ORACLE_HPP
#define OTAWIRE_TESTS_PCP_SESSION_ORACLE_HPP

#include <otawire/pcp/checksum.hpp>
#include <otawire/pcp/codec.hpp>
#include <otawire/pcp/fragments.hpp>
#include <otawire/pcp/session.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

namespace otawire::test::pcp {

namespace p = otawire::pcp;

/// One record of a recorded session: the frame (check code rewritten) and when it was seen.
struct session_record {
  otawire::direction dir = otawire::direction::platform_to_device;
  p::timestamp at{0};
  std::vector<std::byte> frame;
};

/// Splits fuzz input into records; a record whose length runs past the end ends the input.
inline std::vector<session_record> parse_session_records(std::span<const std::uint8_t> data) {
  std::vector<session_record> out;
  p::timestamp now{0};
  std::size_t i = 0;
  while (i + 2 <= data.size()) {
    const auto flags = data[i];
    const std::size_t len = data[i + 1];
    i += 2;
    if (i + len > data.size()) break;
    session_record r;
    r.dir = (flags & 1u) ? otawire::direction::device_to_platform : otawire::direction::platform_to_device;
    now += std::chrono::minutes(flags >> 1);
    r.at = now;
    const auto bytes = std::as_bytes(data.subspan(i, len));
    r.frame.assign(bytes.begin(), bytes.end());
    i += len;
    if (r.frame.size() >= 6) {
      const auto c = p::frame_checksum(r.frame);
      r.frame[4] = static_cast<std::byte>(c >> 8);
      r.frame[5] = static_cast<std::byte>(c & 0xFF);
    }
    out.push_back(std::move(r));
  }
  return out;
}

/// Watches one validator's tasks: what the running task notified and reported, and whether the
/// task that just ended was entitled to `succeeded`.
class task_success_watch {
 public:
  /// Called after every message the validator saw (accepted or not), with its state before.
  /// Returns false when a task ended `succeeded` without its success report.
  bool after(const p::message& m, bool accepted, p::session_state before, p::session_state after,
             p::task_outcome outcome) {
    if (accepted) {
      if (const auto* n = std::get_if<p::notify_new_version_request>(&m)) notified_ = n->target_version;
      if (const auto* u = std::get_if<p::report_upgrade_result_request>(&m)) {
        success_report_ = u->result == p::result_code::success;
        reported_ = u->current_version;
      }
    }
    const bool task_ended = before != p::session_state::idle && after == p::session_state::idle;
    if (!task_ended) return true;
    const bool entitled = accepted && std::holds_alternative<p::report_upgrade_result_response>(m) &&
                          success_report_ && notified_ && reported_ == notified_;
    const bool holds = outcome != p::task_outcome::succeeded || entitled;
    notified_.reset();
    reported_.reset();
    success_report_ = false;
    return holds;
  }

 private:
  std::optional<p::version_string> notified_{};
  std::optional<p::version_string> reported_{};
  bool success_report_ = false;
};

struct null_sink {
  otawire::result<void> operator()(std::size_t, otawire::byte_view) const { return otawire::ok(); }
};

/// Replays `records`; returns the name of the first broken invariant, or "" when all hold.
inline std::string_view check_session(const std::vector<session_record>& records) {
  p::platform_session platform;
  p::device_session device;
  std::vector<std::uint8_t> bitmap(p::fragment_assembler<null_sink>::bitmap_bytes(65535));
  p::fragment_assembler assembler{std::span<std::uint8_t>(bitmap), null_sink{}};
  task_success_watch platform_watch;
  task_success_watch device_watch;
  for (const auto& record : records) {
    auto m = p::decode(record.frame, record.dir);
    if (!m) continue;

    const auto platform_before = platform.state();
    const bool platform_accepted = platform.on(*m, record.at).has_value();
    if (platform.rules().record().delivered > platform.rules().record().fragment_count) {
      return "platform_delivered_beyond_count";
    }
    if (!platform_watch.after(*m, platform_accepted, platform_before, platform.state(), platform.outcome())) {
      return "platform_succeeded_without_success_report";
    }

    const p::session_rules before = device.rules();
    auto r = device.on(*m);
    if (!r) {
      if (r.error().code() != otawire::errc::rule_violation || r.error().where().empty()) return "rejection_without_rule";
      const auto& after = device.rules();
      if (before.state() != after.state() || before.outcome() != after.outcome() ||
          !(before.record() == after.record()) || before.resumed() != after.resumed() ||
          before.device_version() != after.device_version()) {
        return "rejection_changed_state";
      }
      continue;
    }
    if (!device_watch.after(*m, true, before.state(), device.state(), device.outcome())) {
      return "device_succeeded_without_success_report";
    }
    const auto& rec = device.record();
    if (rec.delivered > rec.fragment_count) return "device_delivered_beyond_count";
    if (const auto* n = std::get_if<p::notify_new_version_request>(&*m)) {
      if (!assembler.start(*n)) return "assembler_refused_notification";  // the codec enforced the ranges
    }
    if (const auto* f = std::get_if<p::request_fragment_response>(&*m)) {
      if (f->result == p::result_code::success) {
        if (!assembler.accept(*f)) return "assembler_refused_fragment";
        for (std::uint32_t k = 0; k < rec.delivered; k += 97) {
          if (!assembler.has(static_cast<std::uint16_t>(k))) return "assembler_missing_delivered_fragment";
        }
      }
    }
  }
  return {};
}

}  // namespace otawire::test::pcp

#endif
