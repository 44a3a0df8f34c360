// otawire::tencent — the OTA session validator (spec §A.4) and the break-point resume rule (§A.5).
//
// One `session` per device, fed every message of both topics in order. It keeps O(1) state
// (32 bytes: a few flags, the percent, the file size, and 64-bit fingerprints of the active
// target's version and md5sum; no allocation, nothing borrowed from the messages) and rejects a
// message with `violation(rule, state)`:
// `where` names the rule (the `rules::` constants below), `state` the state it was in. A rejected
// message leaves the state unchanged, so validation can go on after a rejection.
//
// The rules are those §A.4 lists (all inferred from the SDKs and the doc):
// - `report_version` comes first, and again after each reconnect and after the upgrade; each one
//   resets the device's OTA state, ending (interrupting) any attempt in progress.
// - An attempt starts with `update_firmware`; while one is in progress, further
//   `update_firmware` and `report_version_rsp` messages are ignored, as the SDK ignores them.
// - Progress only inside an attempt; its `report.version` is the attempt's target version.
// - `downloading` percents are non-decreasing within an attempt, and the first one is "0"
//   unless the attempt resumes a break point (below); no `downloading` after `burning`.
// - `burning` and `done` need a `downloading` report of 100 earlier in the attempt (the SDK burns
//   and reports success only after the full fetch and the MD5 check).
// - `done` and `fail` end the attempt: then only `report_version` or `update_firmware` may follow.
// - A non-zero `report_version_rsp.result_code` is an error (§A.4 step 2).
//
// Resume (§A.5): an attempt resumes, and so may start above 0, when its `update_firmware` names
// the same firmware (version, md5sum and file_size, the v4 downloader's test) as an earlier
// attempt that ended before its download completed: interrupted by a `report_version`
// (reconnect), or failed with -1, -2 or -3. Not after -4 (the v4 downloader zeroes the break
// point on an MD5 mismatch), and not once the download reached 100 (the v3 sample deletes its
// record when the download finishes).
//
// Choice: §A.4's "Allowed orders" say `burning → fail(-5)`, but its step 8 allows any -1..-5
// after burning; the sources disagree, so any fail code is accepted after `burning`.
#ifndef OTAWIRE_TENCENT_SESSION_HPP
#define OTAWIRE_TENCENT_SESSION_HPP

#include <otawire/json/fields.hpp>
#include <otawire/result.hpp>
#include <otawire/session_table.hpp>
#include <otawire/tencent/messages.hpp>

#include <cstdint>
#include <optional>
#include <string_view>
#include <variant>

namespace otawire::tencent {

/// Where a device's OTA session stands.
enum class session_state : std::uint8_t {
  idle,              // nothing seen yet
  version_reported,  // report_version seen, no attempt in progress
  update_offered,    // update_firmware accepted, no progress yet
  downloading,
  burning,
  done,    // terminal for the attempt
  failed,  // terminal for the attempt
};

/// The state's name (static storage), as rejections report it in their state.
[[nodiscard]] constexpr std::string_view name(session_state p) noexcept {
  switch (p) {
    case session_state::idle: return "idle";
    case session_state::version_reported: return "version_reported";
    case session_state::update_offered: return "update_offered";
    case session_state::downloading: return "downloading";
    case session_state::burning: return "burning";
    case session_state::done: return "done";
    case session_state::failed: return "failed";
  }
  return "unknown";
}

/// The names of the rules a session checks (the `where` of its errors).
namespace rules {
/// A cloud message came before the device's first `report_version`.
inline constexpr rule report_version_first{"report_version_first", names_of_state<session_state>};
/// A `report_version_rsp` carried a non-zero `result_code` (§A.4 step 2).
inline constexpr rule version_report_accepted{"version_report_accepted", names_of_state<session_state>};
/// An `update_firmware` version is empty or longer than a device may report back (32).
inline constexpr rule target_version_reportable{"target_version_reportable", names_of_state<session_state>};
/// A progress report came with no attempt in progress.
inline constexpr rule progress_after_update_firmware{"progress_after_update_firmware", names_of_state<session_state>};
/// A progress report's `report.version` is not the attempt's target version.
inline constexpr rule progress_version_is_target{"progress_version_is_target", names_of_state<session_state>};
/// After `done` or `fail`, something other than `report_version` or `update_firmware` came.
inline constexpr rule terminal_after_done_or_fail{"terminal_after_done_or_fail", names_of_state<session_state>};
/// The first `downloading` percent of an attempt that does not resume was not 0.
inline constexpr rule first_percent_is_zero{"first_percent_is_zero", names_of_state<session_state>};
/// A `downloading` percent fell within an attempt (the name shared by every family).
inline constexpr rule percent_non_decreasing{json::fields::rule_progress_non_decreasing, names_of_state<session_state>};
/// A `downloading` report came after `burning`.
inline constexpr rule no_downloading_after_burning{"no_downloading_after_burning", names_of_state<session_state>};
/// `burning` came before a `downloading` report of 100 in the attempt.
inline constexpr rule burning_requires_download_100{"burning_requires_download_100", names_of_state<session_state>};
/// `done` came before a `downloading` report of 100 in the attempt.
inline constexpr rule done_requires_download_100{"done_requires_download_100", names_of_state<session_state>};
}  // namespace rules


/// Validates one device's Tencent OTA session, message by message.
class session {
 public:
  /// Checks `m` against the session and, when it is legal, advances the state.
  constexpr result<void> on(const message& m) noexcept {
    return std::visit([this](const auto& x) { return on(x); }, m);
  }

  /// Accepted in any state: starts the session, or interrupts the attempt in progress (a
  /// reconnect), whose break point stays resumable unless its download had completed.
  constexpr result<void> on(const report_version&) noexcept {
    switch (state_) {
      case session_state::update_offered:
      case session_state::downloading:
      case session_state::burning:
        // A reconnect interrupts the attempt; its break point survives unless the download
        // had completed.
        resumable_ = !download_complete_;
        break;
      case session_state::done: resumable_ = false; break;
      default: break;  // idle, version_reported, failed: resumable_ already settled
    }
    state_ = session_state::version_reported;
    return ok();
  }

  /// Needs an earlier `report_version` and a zero `result_code`; changes no state.
  constexpr result<void> on(const report_version_rsp& m) noexcept {
    if (state_ == session_state::idle) return reject(rules::report_version_first);
    if (terminal()) return reject(rules::terminal_after_done_or_fail);
    if (m.result_code != 0) return reject(rules::version_report_accepted);
    return ok();  // a response changes nothing (and is ignored during an attempt)
  }

  /// Starts an attempt (resumed when it names the interrupted firmware again); ignored, as the
  /// SDK ignores it, while an attempt is in progress. The version must be 1..32 characters.
  constexpr result<void> on(const update_firmware& m) noexcept {
    if (state_ == session_state::idle) return reject(rules::report_version_first);
    // The device must report the target as its running version after the upgrade (step 9), and
    // a reported version has at most 32 characters.
    if (m.version.size() > version_max_length || m.version.empty()) return reject(rules::target_version_reportable);
    if (in_attempt()) return ok();  // ignored by the SDK while fetching ("In downloading or downloaded state")
    const bool same_firmware = has_target_ && target_version_ == m.version &&
                               target_md5_ == text_fingerprint::of_lowercase(m.md5sum) && target_size_ == m.file_size;
    resumed_ = same_firmware && resumable_;
    resumable_ = false;
    has_target_ = true;
    target_version_ = text_fingerprint::of(m.version);
    // A hand-built md5sum longer than 32 is not remembered (as if empty), and so never matches.
    target_md5_ = text_fingerprint::of_lowercase(m.md5sum.size() <= md5sum_length ? m.md5sum : std::string_view{});
    target_size_ = m.file_size;
    has_percent_ = false;
    download_complete_ = false;
    state_ = session_state::update_offered;
    return ok();
  }

  /// Checks a progress report against the attempt (target version, percent order, `burning` and
  /// `done` only after 100); `done` and `fail` end the attempt.
  constexpr result<void> on(const report_progress& m) noexcept {
    if (terminal()) return reject(rules::terminal_after_done_or_fail);
    if (!in_attempt()) return reject(rules::progress_after_update_firmware);
    if (!(target_version_ == m.version)) return reject(rules::progress_version_is_target);
    switch (m.state) {
      case progress_state::downloading: {
        if (state_ == session_state::burning) return reject(rules::no_downloading_after_burning);
        const std::uint8_t percent = m.percent.value_or(0);
        if (!has_percent_) {
          if (!resumed_ && percent != 0) return reject(rules::first_percent_is_zero);
        } else if (!json::fields::progress_may_follow(last_percent_, percent)) {
          return reject(rules::percent_non_decreasing);
        }
        last_percent_ = percent;
        has_percent_ = true;
        if (percent == 100) download_complete_ = true;
        state_ = session_state::downloading;
        return ok();
      }
      case progress_state::burning:
        if (!download_complete_) return reject(rules::burning_requires_download_100);
        state_ = session_state::burning;
        return ok();
      case progress_state::done:
        if (!download_complete_) return reject(rules::done_requires_download_100);
        state_ = session_state::done;
        resumable_ = false;
        return ok();
      case progress_state::fail: {
        const auto code = m.result_code;
        resumable_ = !download_complete_ && code >= -3 && code <= -1;
        state_ = session_state::failed;
        return ok();
      }
    }
    return ok();
  }

  /// Where the session stands now.
  [[nodiscard]] constexpr session_state state() const noexcept { return state_; }
  /// The state's name (static storage), as rejections report it.
  [[nodiscard]] constexpr std::string_view state_name() const noexcept { return name(state_); }
  /// The active (or last) target version, as a fingerprint that compares with text
  /// (`target_version() == "1.3.0"`); that of the empty text before the first update_firmware.
  [[nodiscard]] constexpr text_fingerprint target_version() const noexcept { return target_version_; }
  /// The last `downloading` percent of the current attempt.
  [[nodiscard]] constexpr std::optional<std::uint8_t> last_percent() const noexcept {
    if (!has_percent_) return std::nullopt;
    return last_percent_;
  }
  /// Whether the current attempt continues an interrupted download of the same firmware.
  [[nodiscard]] constexpr bool resumed() const noexcept { return resumed_; }
  /// Whether a new attempt for the same firmware could resume now.
  [[nodiscard]] constexpr bool resumable() const noexcept { return resumable_; }

 private:
  [[nodiscard]] constexpr bool terminal() const noexcept {
    return state_ == session_state::done || state_ == session_state::failed;
  }
  [[nodiscard]] constexpr bool in_attempt() const noexcept {
    return state_ == session_state::update_offered || state_ == session_state::downloading ||
           state_ == session_state::burning;
  }
  [[nodiscard]] constexpr error reject(const rule& r) const noexcept { return violation(r, state_); }

  // The session only asks whether a later message names the same version and md5sum (progress
  // reports, a resumed offer), never orders them or shows them, so fingerprints suffice.
  text_fingerprint target_version_{};
  text_fingerprint target_md5_{};  // of the lower-cased digest: hex case does not matter
  std::uint32_t target_size_ = 0;
  std::uint8_t last_percent_ = 0;  // meaningful when has_percent_
  session_state state_ = session_state::idle;
  bool has_target_ = false;
  bool has_percent_ = false;
  bool resumed_ = false;
  bool download_complete_ = false;
  bool resumable_ = false;
};

// What the issue asks of every family: at most 32 bytes of state per tracked device.
static_assert(sizeof(session) <= 32);

// --- break points (§A.5) -----------------------------------------------------------------------

/// What a device stored about an interrupted download. The C SDK v3 sample records only the
/// version and the downloaded size (`{"version":"…", "downloaded_size":…}`); the v4 downloader
/// also records the md5sum and the file size.
struct break_point {
  /// The version whose download was interrupted (borrowed).
  std::string_view version;
  /// The firmware's md5sum; absent in a v3 record (then not compared).
  std::optional<std::string_view> md5sum;
  /// The firmware's size in bytes; absent in a v3 record (then not compared).
  std::optional<std::uint32_t> file_size;
  /// Bytes already stored, where the download continues from.
  std::uint32_t downloaded_size = 0;

  friend constexpr bool operator==(const break_point&, const break_point&) = default;
};

/// Whether a break point may be resumed (`may_resume`), and if not, the first mismatch found.
enum class resume_verdict : std::uint8_t {
  resume,               // continue from downloaded_size
  different_version,    // restart from 0
  different_md5sum,     // restart from 0
  different_file_size,  // restart from 0
  beyond_file_size,     // the record claims more bytes than the file has: restart from 0
};

/// The verdict's name (static storage), for logs.
[[nodiscard]] constexpr std::string_view name(resume_verdict v) noexcept {
  switch (v) {
    case resume_verdict::resume: return "resume";
    case resume_verdict::different_version: return "different_version";
    case resume_verdict::different_md5sum: return "different_md5sum";
    case resume_verdict::different_file_size: return "different_file_size";
    case resume_verdict::beyond_file_size: return "beyond_file_size";
  }
  return "unknown";
}

/// Whether a stored break point may be resumed for a new `update_firmware` offer: the version
/// must match (v3 and v4), and so must the md5sum and file size where recorded (v4), and the
/// downloaded size must not exceed the file size (`downloaded_size <= file_size`, v4; v3's
/// "within the file size").
[[nodiscard]] constexpr resume_verdict may_resume(const break_point& stored, const update_firmware& offer) noexcept {
  if (stored.version != offer.version) return resume_verdict::different_version;
  if (stored.md5sum && !json::fields::same_hex_digest(*stored.md5sum, offer.md5sum)) return resume_verdict::different_md5sum;
  if (stored.file_size && *stored.file_size != offer.file_size) return resume_verdict::different_file_size;
  if (stored.downloaded_size > offer.file_size) return resume_verdict::beyond_file_size;
  return resume_verdict::resume;
}

/// The first `downloading` percent after resuming: `downloaded_size*100/file_size`, integer
/// division as the SDKs compute it (0 for an empty file).
[[nodiscard]] constexpr std::uint8_t resume_percent(std::uint32_t downloaded_size, std::uint32_t file_size) noexcept {
  if (file_size == 0 || downloaded_size >= file_size) return file_size == 0 ? 0 : 100;
  return static_cast<std::uint8_t>(std::uint64_t{downloaded_size} * 100 / file_size);
}

}  // namespace otawire::tencent

#endif
