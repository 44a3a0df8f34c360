// otawire::ota — the neutral session validator: the upgrade rules written once, over neutral
// events (crosswalk.md §1.4's event order, §4's phases), for any protocol's `to_events` output.
//
// Flow: version_query → version_report · upgrade_offer → accepted / refused{offer} ·
// chunk_request → chunk …, progress · download_finished (→ ack) · install_request →
// accepted / refused{install} · succeeded / failed (→ ack); cancel at any point before the
// install. Synthesised acceptance is part of the rules (§1.4 E6): a first chunk request (PCP
// §3.1) or a first progress report stands for the `accepted{offer}` the protocol never sends.
//
// What differs between protocols is not the rules but what a protocol can say; a
// `session_profile` (from `profile_of(protocol)`) names those capabilities: whether reports are
// acknowledged (PCP 22/24 responses), whether an offer needs a version report first (PCP 20
// after 19), whether the offer names the target (every protocol but LwM2M, §4.1 `Tv`), and
// whether a failed install keeps the package for another attempt (LwM2M Result 8 → Downloaded),
// and whether the device installs on its own once downloaded (the five JSON protocols, §1.4 E10).
//
// Device-safe: 24 bytes of state (static_assert below), no allocation, no exceptions, no clock.
// Texts are kept as 32-bit fingerprints (see `short_fingerprint`). Every rejection is
// `otawire::violation(rules::x, state)` and leaves the state unchanged; `on_events` applies one
// message's events all or none.
#ifndef OTAWIRE_OTA_SESSION_HPP
#define OTAWIRE_OTA_SESSION_HPP

#include <otawire/error.hpp>
#include <otawire/ota/model.hpp>
#include <otawire/result.hpp>
#include <otawire/session_table.hpp>

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <variant>

namespace otawire::ota {

/// Where an upgrade is (the `state` of every rejection).
enum class upgrade_state : std::uint8_t {
  idle,               ///< no upgrade running (initially, and after one ended)
  querying,           ///< version_query sent, no report yet
  version_known,      ///< the device reported its version
  offered,            ///< upgrade_offer sent, not answered yet
  downloading,        ///< offer accepted; no chunk request pending
  chunk_requested,    ///< chunk_request pending
  download_reported,  ///< download_finished (or a download failure) waiting for its ack
  downloaded,         ///< the package is on the device; waiting for install_request
  install_requested,  ///< install_request sent, not answered yet
  installing,         ///< install accepted
  outcome_reported,   ///< succeeded / failed waiting for its ack
  cancelling,         ///< cancel sent, its outcome not reported yet
};

/// The state's name, for logs and rejections.
[[nodiscard]] constexpr std::string_view name(upgrade_state s) noexcept {
  switch (s) {
    case upgrade_state::idle: return "idle";
    case upgrade_state::querying: return "querying";
    case upgrade_state::version_known: return "version_known";
    case upgrade_state::offered: return "offered";
    case upgrade_state::downloading: return "downloading";
    case upgrade_state::chunk_requested: return "chunk_requested";
    case upgrade_state::download_reported: return "download_reported";
    case upgrade_state::downloaded: return "downloaded";
    case upgrade_state::install_requested: return "install_requested";
    case upgrade_state::installing: return "installing";
    case upgrade_state::outcome_reported: return "outcome_reported";
    case upgrade_state::cancelling: return "cancelling";
  }
  return "unknown";
}

/// How the last upgrade ended.
enum class upgrade_outcome : std::uint8_t {
  none,             ///< none has ended yet
  succeeded,        ///< succeeded (and acknowledged, where reports are)
  offer_refused,    ///< the device refused the offer
  chunk_refused,    ///< the platform answered a chunk request with a status (PCP 0x80 / 0x81)
  download_failed,  ///< the download failed (or its report was not acknowledged)
  install_refused,  ///< the device refused the install request
  install_failed,   ///< the install failed (or its report was not acknowledged)
  cancelled,        ///< a cancel ended it
};

/// The outcome's name, for logs.
[[nodiscard]] constexpr std::string_view name(upgrade_outcome o) noexcept {
  switch (o) {
    case upgrade_outcome::none: return "none";
    case upgrade_outcome::succeeded: return "succeeded";
    case upgrade_outcome::offer_refused: return "offer_refused";
    case upgrade_outcome::chunk_refused: return "chunk_refused";
    case upgrade_outcome::download_failed: return "download_failed";
    case upgrade_outcome::install_refused: return "install_refused";
    case upgrade_outcome::install_failed: return "install_failed";
    case upgrade_outcome::cancelled: return "cancelled";
  }
  return "unknown";
}

/// What a protocol can say, as far as the rules care (crosswalk §1.4 "lack it", §4.1).
struct session_profile {
  /// download_finished and the outcome wait for an `ack` (PCP 22 / 24 responses).
  bool acknowledged_reports = false;
  /// An offer needs a version report first (PCP: 20 only after 19 was answered).
  bool offer_needs_version_report = false;
  /// The offer names the target version, so a success must report it (not LwM2M: §4.1 `Tv`).
  bool offer_names_target = true;
  /// A failed install keeps the package for another install request (LwM2M: Result 8 returns to
  /// Downloaded); otherwise a failed install ends the upgrade.
  bool install_failure_keeps_package = false;
  /// The device installs on its own once the download is done (all five JSON protocols: §1.4
  /// E10 "the device installs on its own after downloading"; E6 acceptance "implicit in the first
  /// progress report"). An install-stage event after the download then stands for the install
  /// request and its acceptance, and a download-stage failure may still follow the finished
  /// download: the device checks the package after fetching it (E9: Tencent `downloading 100`,
  /// MD5 not yet checked). A success may also come straight from the download: JetLinks and
  /// Huawei progress has no phase, so nothing on their wire says the download ended (E9 "lack it").
  bool installs_on_its_own = false;
  /// Profiles are equal when every capability is.
  friend constexpr bool operator==(const session_profile&, const session_profile&) noexcept = default;
};

/// The capabilities of protocol `p`.
[[nodiscard]] constexpr session_profile profile_of(protocol p) noexcept {
  switch (p) {
    case protocol::pcp: return {true, true, true, false};
    case protocol::lwm2m_fw: return {false, false, false, true};
    default: return {false, false, true, false, true};
  }
}

/// A 32-bit fingerprint of a text, for the session's "is it the same version?" checks: the
/// 64-bit `text_fingerprint` folded in half, so that the whole session stays 24 bytes (a fleet
/// tracker keeps one per device). Two different texts pass as the same with probability about
/// 2^-32: enough for a validator's consistency checks, which do not authenticate anything.
[[nodiscard]] constexpr std::uint32_t short_fingerprint(std::string_view text) noexcept {
  const std::uint64_t f = text_fingerprint::of(text).value();
  return static_cast<std::uint32_t>(f ^ (f >> 32));
}

/// The rules the neutral session rejects an event for (the `where()` of a `rule_violation`).
namespace rules {
/// An event travelling the wrong way (a device sending an offer).
inline constexpr rule event_direction{"event_direction", names_of_state<upgrade_state>};
/// An event the flow does not expect in this state.
inline constexpr rule unexpected_event{"unexpected_event", names_of_state<upgrade_state>};
/// A solicited version report with no query pending.
inline constexpr rule report_without_query{"report_without_query", names_of_state<upgrade_state>};
/// An offer before the device reported its version (profile `offer_needs_version_report`).
inline constexpr rule offer_before_version_report{"offer_before_version_report", names_of_state<upgrade_state>};
/// An offer while an upgrade is running.
inline constexpr rule offer_during_upgrade{"offer_during_upgrade", names_of_state<upgrade_state>};
/// An offer of the version the device reported running.
inline constexpr rule offer_of_running_version{"offer_of_running_version", names_of_state<upgrade_state>};
/// An accepted / refused with nothing of that subject pending.
inline constexpr rule answer_without_question{"answer_without_question", names_of_state<upgrade_state>};
/// A chunk request or chunk outside the download.
inline constexpr rule chunk_outside_download{"chunk_outside_download", names_of_state<upgrade_state>};
/// A chunk request for another package version than the one offered.
inline constexpr rule chunk_version{"chunk_version", names_of_state<upgrade_state>};
/// A chunk request beyond the offered fragment count.
inline constexpr rule chunk_index_range{"chunk_index_range", names_of_state<upgrade_state>};
/// The first chunk request of a (resumed) download is not the first missing chunk.
inline constexpr rule resume_from_first_missing{"resume_from_first_missing", names_of_state<upgrade_state>};
/// A chunk request that skips a chunk not delivered yet.
inline constexpr rule chunk_order{"chunk_order", names_of_state<upgrade_state>};
/// A chunk (by index) with no request pending.
inline constexpr rule chunk_without_request{"chunk_without_request", names_of_state<upgrade_state>};
/// A chunk for another index than the one requested.
inline constexpr rule chunk_index_echo{"chunk_index_echo", names_of_state<upgrade_state>};
/// A chunk whose data is not one fragment long (the last may be shorter).
inline constexpr rule chunk_length{"chunk_length", names_of_state<upgrade_state>};
/// Progress outside the phase it names.
inline constexpr rule progress_outside_phase{"progress_outside_phase", names_of_state<upgrade_state>};
/// A download reported finished before every chunk of the offered plan was delivered.
inline constexpr rule download_incomplete{"download_incomplete", names_of_state<upgrade_state>};
/// An install request before the download was finished (and acknowledged).
inline constexpr rule install_before_download{"install_before_download", names_of_state<upgrade_state>};
/// A success or failure with no install (or download) running.
inline constexpr rule outcome_outside_upgrade{"outcome_outside_upgrade", names_of_state<upgrade_state>};
/// A success reporting another version than the offered target.
inline constexpr rule reported_version{"reported_version", names_of_state<upgrade_state>};
/// An ack with no report of its kind pending.
inline constexpr rule ack_without_report{"ack_without_report", names_of_state<upgrade_state>};
/// A cancel with nothing to cancel, or once the install has started (§4.1 `X`).
inline constexpr rule cancel_not_possible{"cancel_not_possible", names_of_state<upgrade_state>};
}  // namespace rules

/// One device's (one component's) upgrade, validated event by event.
class neutral_session {
 public:
  /// A session for a protocol whose capabilities are `profile`.
  constexpr explicit neutral_session(session_profile profile = {}) noexcept
      : acknowledged_(profile.acknowledged_reports),
        needs_version_(profile.offer_needs_version_report),
        names_target_(profile.offer_names_target),
        keeps_package_(profile.install_failure_keeps_package),
        installs_itself_(profile.installs_on_its_own) {}

  /// The current state.
  [[nodiscard]] constexpr upgrade_state state() const noexcept { return state_; }
  /// How the last upgrade that ended ended (kept while the next one runs).
  [[nodiscard]] constexpr upgrade_outcome outcome() const noexcept { return outcome_; }
  /// The reason of the last refusal or failure (`unspecified` before any).
  [[nodiscard]] constexpr reason last_reason() const noexcept { return last_reason_; }
  /// The capabilities this session checks with.
  [[nodiscard]] constexpr session_profile profile() const noexcept {
    return {acknowledged_, needs_version_, names_target_, keeps_package_, installs_itself_};
  }
  /// The chunk count the current (or last) offer announced; 0 when it gave none.
  [[nodiscard]] constexpr std::uint16_t fragment_count() const noexcept { return fragment_count_; }
  /// Chunks 0 … delivered-1 have arrived.
  [[nodiscard]] constexpr std::uint16_t delivered() const noexcept { return delivered_; }
  /// Whether the last offer resumed an interrupted download of the same package.
  [[nodiscard]] constexpr bool resumed() const noexcept { return resumed_; }
  /// Whether an install was deferred and not yet taken up.
  [[nodiscard]] constexpr bool install_deferred() const noexcept { return deferred_; }

  /// Feeds one event; a rejection leaves the state unchanged.
  constexpr result<void> on_event(const event& e) noexcept {
    if (e.kind() != event_kind::ack && e.head.dir != natural_direction(e.kind())) {
      return reject(rules::event_direction);
    }
    switch (e.kind()) {
      case event_kind::version_query: return on_query();
      case event_kind::version_report: return on_report(std::get<version_report>(e.body));
      case event_kind::upgrade_request:
      case event_kind::no_upgrade: return ok();  // a pull and its empty answer change nothing
      case event_kind::upgrade_offer: return on_offer(e);
      case event_kind::accepted: return on_accepted(std::get<accepted>(e.body));
      case event_kind::refused: return on_refused(std::get<refused>(e.body));
      case event_kind::progress: return on_progress(std::get<progress>(e.body));
      case event_kind::download_finished: return on_download_finished();
      case event_kind::install_request: return on_install_request();
      case event_kind::succeeded: return on_succeeded(std::get<succeeded>(e.body));
      case event_kind::failed: return on_failed(std::get<failed>(e.body));
      case event_kind::cancel: return on_cancel(std::get<cancel>(e.body));
      case event_kind::ack: return on_ack(std::get<ack>(e.body));
      case event_kind::chunk_request: return on_chunk_request(std::get<chunk_request>(e.body));
      case event_kind::chunk: return on_chunk(std::get<chunk>(e.body));
    }
    return reject(rules::unexpected_event);
  }

  /// Feeds the events of one wire message, all or none: on the first rejection the state is
  /// restored and that rejection returned (a PCP 21 request is a chunk request and a progress).
  constexpr result<void> on_events(std::span<const event> events) noexcept {
    const neutral_session before = *this;
    for (const event& e : events) {
      if (auto r = on_event(e); !r) {
        *this = before;
        return r;
      }
    }
    return ok();
  }

 private:
  using enum upgrade_state;

  [[nodiscard]] constexpr otawire::error reject(const rule& r) const noexcept { return violation(r, state_); }
  /// Is the state one of `States`? One bit test against a constant set.
  template <upgrade_state... States>
  [[nodiscard]] constexpr bool in() const noexcept {
    constexpr unsigned set = ((1u << static_cast<unsigned>(States)) | ...);
    return ((set >> static_cast<unsigned>(state_)) & 1u) != 0;
  }
  /// Downloaded, and the device goes on to install by itself (profile `installs_on_its_own`).
  [[nodiscard]] constexpr bool self_install() const noexcept { return installs_itself_ && state_ == downloaded; }
  constexpr void finish(upgrade_outcome o) noexcept {
    outcome_ = o;
    state_ = idle;
    deferred_ = false;
  }
  constexpr void fail_with(upgrade_outcome o, reason why) noexcept {
    last_reason_ = why;
    finish(o);
  }

  constexpr result<void> on_query() noexcept {
    // Re-querying is how a platform restarts an interrupted exchange; download progress is kept.
    if (!in<idle, querying, version_known, offered, downloading, chunk_requested>()) {
      return reject(rules::unexpected_event);
    }
    state_ = querying;
    return ok();
  }
  constexpr result<void> on_report(const version_report& r) noexcept {
    if (!r.solicited) {  // unasked reports (TCT, CTW, ALI at boot) may come at any time
      if (state_ == querying) state_ = version_known;
      remember_version(r.first.version);
      return ok();
    }
    if (state_ != querying) return reject(rules::report_without_query);
    remember_version(r.first.version);
    state_ = version_known;
    return ok();
  }
  constexpr void remember_version(std::string_view v) noexcept {
    device_version_ = short_fingerprint(v);
    device_version_known_ = true;
  }
  constexpr result<void> on_offer(const event& e) noexcept {
    if (needs_version_ && in<idle, querying>()) return reject(rules::offer_before_version_report);
    if (!in<idle, querying, version_known, offered>()) return reject(rules::offer_during_upgrade);
    const auto& package = std::get<upgrade_offer>(e.body).package;
    const std::uint32_t target = short_fingerprint(package.version);
    if (device_version_known_ && (names_target_ || !package.version.empty()) && target == device_version_) {
      return reject(rules::offer_of_running_version);
    }
    const std::uint16_t count = package.source.kind == source_kind::fragments ? package.source.fragment_count : 0;
    const std::uint16_t size = package.source.kind == source_kind::fragments ? package.source.fragment_size : 0;
    const std::uint16_t check = e.head.upgrade_task.package_check_code.value_or(0);
    // Resume identity (pcp §5.5): same target, check code and fragment plan, and something delivered.
    resumed_ = delivered_ > 0 && target == target_ && count == fragment_count_ && size == fragment_size_ &&
               check == check_code_;
    if (!resumed_) delivered_ = 0;
    target_ = target;
    fragment_count_ = count;
    fragment_size_ = size;
    check_code_ = check;
    first_request_pending_ = true;
    deferred_ = false;
    state_ = offered;
    return ok();
  }
  constexpr result<void> on_accepted(const accepted& a) noexcept {
    switch (a.subject) {
      case answer_subject::offer:
        if (state_ != offered) return reject(rules::answer_without_question);
        state_ = downloading;
        return ok();
      case answer_subject::install:
        // After a deferral the device may take the install up on its own (LwM2M 1.1+).
        if (state_ != install_requested && !(state_ == downloaded && deferred_) && !self_install()) {
          return reject(rules::answer_without_question);
        }
        deferred_ = false;
        state_ = installing;
        return ok();
      case answer_subject::cancel:
        if (state_ != cancelling) return reject(rules::answer_without_question);
        return ok();  // the cancel's outcome follows as failed{cancelled}
    }
    return reject(rules::answer_without_question);
  }
  constexpr result<void> on_refused(const refused& r) noexcept {
    switch (r.subject) {
      case answer_subject::offer:
        if (state_ != offered) return reject(rules::answer_without_question);
        fail_with(upgrade_outcome::offer_refused, r.why);
        return ok();
      case answer_subject::install:
        if (state_ != install_requested) return reject(rules::answer_without_question);
        last_reason_ = r.why;
        if (r.why == reason::deferred) {  // not terminal (§1.5): the package stays
          deferred_ = true;
          state_ = downloaded;
        } else {
          finish(upgrade_outcome::install_refused);
        }
        return ok();
      case answer_subject::cancel:
        if (state_ != cancelling) return reject(rules::answer_without_question);
        state_ = before_cancel_;  // the upgrade goes on
        return ok();
    }
    return reject(rules::answer_without_question);
  }
  constexpr result<void> on_progress(const progress& p) noexcept {
    if (p.stage == phase::install) {
      // Progress implies acceptance (§1.4 E6), and the request too where the device installs by itself.
      if (state_ == install_requested || self_install()) state_ = installing;
      if (state_ != installing) return reject(rules::progress_outside_phase);
      return ok();
    }
    if (p.stage == phase::unspecified && in<installing, downloaded>()) return ok();  // phase-less (HWM, JTL)
    if (state_ == offered) state_ = downloading;  // the first progress stands for the acceptance
    if (!in<downloading, chunk_requested>()) return reject(rules::progress_outside_phase);
    return ok();
  }
  constexpr result<void> on_chunk_request(const chunk_request& c) noexcept {
    if (!in<offered, downloading, chunk_requested>()) return reject(rules::chunk_outside_download);
    if (short_fingerprint(c.version) != target_) return reject(rules::chunk_version);
    if (c.index >= fragment_count_) return reject(rules::chunk_index_range);
    if (first_request_pending_) {
      if (c.index != delivered_) return reject(rules::resume_from_first_missing);
    } else if (c.index > delivered_) {
      return reject(rules::chunk_order);
    }
    first_request_pending_ = false;
    requested_index_ = c.index;
    state_ = chunk_requested;  // from `offered`: the request stands for the acceptance (pcp §3.1)
    return ok();
  }
  constexpr result<void> on_chunk(const chunk& c) noexcept {
    if (c.by_offset) {  // a pushed block (LwM2M /5/0/0): the offer itself carries the first
      if (!in<offered, downloading>()) return reject(rules::chunk_outside_download);
      return ok();
    }
    if (state_ != chunk_requested) return reject(rules::chunk_without_request);
    if (c.position != requested_index_) return reject(rules::chunk_index_echo);
    if (c.status != chunk_status::data) {
      fail_with(upgrade_outcome::chunk_refused,
                c.status == chunk_status::task_not_found ? reason::task_not_found : reason::fragment_not_found);
      return ok();
    }
    const bool last = requested_index_ + 1u == fragment_count_;
    const std::size_t n = c.bytes.size();
    if (last ? n > fragment_size_ : n != fragment_size_) return reject(rules::chunk_length);
    if (requested_index_ == delivered_) ++delivered_;
    state_ = downloading;
    return ok();
  }
  constexpr result<void> on_download_finished() noexcept {
    // From `offered`: a resumed download that was already complete reports at once.
    if (!in<offered, downloading, chunk_requested>()) return reject(rules::unexpected_event);
    if (fragment_count_ != 0 && delivered_ < fragment_count_) return reject(rules::download_incomplete);
    first_request_pending_ = false;
    if (acknowledged_) {
      reported_failure_ = false;
      state_ = download_reported;
    } else {
      state_ = downloaded;
    }
    return ok();
  }
  constexpr result<void> on_install_request() noexcept {
    if (in<offered, downloading, chunk_requested, download_reported>()) return reject(rules::install_before_download);
    if (!in<downloaded, install_requested>()) return reject(rules::unexpected_event);
    state_ = install_requested;
    return ok();
  }
  constexpr result<void> on_succeeded(const succeeded& s) noexcept {
    // Repeated until acknowledged (a PCP device resends 24 on its timer).
    // No download-end signal (E9); a success still needs a progress report to stand for the acceptance.
    const bool self_outcome = installs_itself_ && in<downloading, downloaded>();
    if (!in<installing, outcome_reported>() && !self_outcome) return reject(rules::outcome_outside_upgrade);
    // Without a named target (LwM2M) only a version reported against an offer that named one counts.
    const bool comparable = names_target_ || (!s.new_version.empty() && target_ != short_fingerprint({}));
    if (comparable && short_fingerprint(s.new_version) != target_) return reject(rules::reported_version);
    return report_outcome(false, reason::unspecified, upgrade_outcome::succeeded);
  }
  constexpr result<void> on_failed(const failed& f) noexcept {
    if (state_ == cancelling) {
      fail_with(upgrade_outcome::cancelled, f.why);
      return ok();
    }
    if (self_install() && f.stage == phase::download) {  // the check after the fetch failed (E9)
      last_reason_ = f.why;
      finish(upgrade_outcome::download_failed);
      delivered_ = 0;
      return ok();
    }
    // A failure that names its phase must come in it; a phase-less one (HWM, JTL) takes the state's.
    const bool downloading_now = in<offered, downloading, chunk_requested>();
    if (f.stage == phase::install ? downloading_now : (f.stage != phase::unspecified && !downloading_now)) {
      return reject(rules::outcome_outside_upgrade);
    }
    if (downloading_now) {
      first_request_pending_ = false;
      last_reason_ = f.why;
      if (acknowledged_) {
        reported_failure_ = true;
        state_ = download_reported;
      } else {
        finish(upgrade_outcome::download_failed);
        delivered_ = 0;  // a failed download is discarded: the next offer restarts it
      }
      return ok();
    }
    if (!in<installing, outcome_reported>() && !self_install()) return reject(rules::outcome_outside_upgrade);
    last_reason_ = f.why;
    if (!acknowledged_ && keeps_package_ && f.why != reason::integrity_failed) {
      outcome_ = upgrade_outcome::install_failed;  // back to Downloaded: another install may follow
      state_ = downloaded;
      return ok();
    }
    return report_outcome(true, f.why, upgrade_outcome::install_failed);
  }
  constexpr result<void> report_outcome(bool failure, reason why, upgrade_outcome o) noexcept {
    if (acknowledged_) {
      reported_failure_ = failure;
      state_ = outcome_reported;
    } else {
      if (failure) last_reason_ = why;
      delivered_ = 0;
      finish(o);
    }
    return ok();
  }
  constexpr result<void> on_ack(const ack& a) noexcept {
    if (a.of == ack_subject::version_report) return ok();  // TCT report_version_rsp: no state
    if (a.of == ack_subject::download_finished) {
      if (state_ != download_reported) return reject(rules::ack_without_report);
      if (reported_failure_ || !a.ok) {
        if (reported_failure_) delivered_ = 0;  // a failed download is discarded
        if (!a.ok && !reported_failure_) last_reason_ = a.why;
        finish(upgrade_outcome::download_failed);
      } else {
        state_ = downloaded;
      }
      return ok();
    }
    if (state_ != outcome_reported) return reject(rules::ack_without_report);
    const bool success = !reported_failure_ && a.ok;
    if (!a.ok && !reported_failure_) last_reason_ = a.why;
    delivered_ = 0;
    finish(success ? upgrade_outcome::succeeded : upgrade_outcome::install_failed);
    return ok();
  }
  constexpr result<void> on_cancel(const cancel& c) noexcept {
    if (in<install_requested, installing, outcome_reported, cancelling>()) return reject(rules::cancel_not_possible);
    if (c.mode == cancel_mode::reset) {  // back to idle at once (LwM2M: Result 0), idle included
      if (state_ != idle) {
        last_reason_ = reason::cancelled;
        delivered_ = 0;
        finish(upgrade_outcome::cancelled);
      }
      return ok();
    }
    if (!in<offered, downloading, chunk_requested, download_reported, downloaded>()) {
      return reject(rules::cancel_not_possible);
    }
    before_cancel_ = state_;
    state_ = cancelling;
    return ok();
  }

  std::uint32_t target_ = 0;          ///< short fingerprint of the offered version
  std::uint32_t device_version_ = 0;  ///< short fingerprint of the reported running version
  std::uint16_t fragment_count_ = 0;  ///< chunks the offer announced (0: not chunked by index)
  std::uint16_t fragment_size_ = 0;   ///< bytes per chunk
  std::uint16_t check_code_ = 0;      ///< the offer's package check code (resume identity)
  std::uint16_t delivered_ = 0;       ///< chunks 0 … delivered-1 have arrived
  std::uint16_t requested_index_ = 0;  ///< the pending chunk request's index
  upgrade_state state_ = idle;
  upgrade_outcome outcome_ = upgrade_outcome::none;
  reason last_reason_ = reason::unspecified;
  upgrade_state before_cancel_ = idle;  ///< where a refused cancel returns to
  // Two bytes of flags: the profile's five capabilities and the session's five booleans.
  bool acknowledged_ : 1;
  bool needs_version_ : 1;
  bool names_target_ : 1;
  bool keeps_package_ : 1;
  bool installs_itself_ : 1;
  bool first_request_pending_ : 1 = false;
  bool resumed_ : 1 = false;
  bool deferred_ : 1 = false;
  bool reported_failure_ : 1 = false;
  bool device_version_known_ : 1 = false;
};

// A fleet tracker keeps one session per device: its size is part of the contract.
static_assert(sizeof(neutral_session) <= 24, "the neutral session is 24 bytes");

}  // namespace otawire::ota

#endif
