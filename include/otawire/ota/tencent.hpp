// otawire::ota — Tencent IoT Hub / Explorer OTA messages to neutral events and back
// (crosswalk.md §2.3, §3.2 TCT column, §3.4).
//
// `to_events` turns one decoded Tencent message into neutral events; `from_event` turns a neutral
// event into the Tencent message that carries it, and reports what it could not carry. Tencent
// has no refusal, install request, cancel, query, pull or platform ack beyond
// `report_version_rsp` (§2.3 last row): events of those kinds give no message and
// `lost_field::whole_event`. Device-safe: no allocation, no exceptions, no JSON (the message
// structs and their checks only, not the codec).
#ifndef OTAWIRE_OTA_TENCENT_HPP
#define OTAWIRE_OTA_TENCENT_HPP

#include <otawire/ota/detail/number_text.hpp>
#include <otawire/ota/model.hpp>
#include <otawire/result.hpp>
#include <otawire/tencent/detail/rules.hpp>
#include <otawire/tencent/messages.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <variant>

namespace otawire::ota {

/// What a Tencent mapping needs besides the message. Tencent has no ⓢ row in §2.3: the
/// context only lends storage for the task id's text.
struct tencent_session_context {
  /// Where a numeric `task_id` (2025 doc) is written as decimal text for the events'
  /// `task.task_id` to view: the neutral task id is text (§1.2) and events allocate nothing.
  /// At least `task_id_text_size` characters, alive as long as the events; without it the id is
  /// not carried and the event is `lossy`.
  std::span<char> task_id_text{};
};

/// The most events one Tencent message becomes (`downloading "100"`: `progress` +
/// `download_finished`).
inline constexpr std::size_t tencent_max_events = 2;

/// The neutral reason of a `fail` report's `result_code` (§3.2 TCT column): -3 and -5 are exact;
/// -1, -2 and -4 are `lossy` (-1 also covers socket read errors in the Python SDK, -2 means "file
/// does not exist", -4 is an MD5 mismatch only). Codes outside -1..-5 are `unspecified`.
[[nodiscard]] constexpr reason_mapping decode_tencent_reason(tencent::fail_code code) noexcept {
  using tencent::fail_code;
  switch (code) {
    case fail_code::download_timeout: return {reason::download_timeout, fidelity::lossy};
    case fail_code::file_not_exist: return {reason::download_failed, fidelity::lossy};
    case fail_code::auth_fail: return {reason::download_auth_failed, fidelity::exact};
    case fail_code::md5_not_match: return {reason::integrity_failed, fidelity::lossy};
    case fail_code::upgrade_fail: return {reason::install_failed, fidelity::exact};
  }
  return {reason::unspecified, fidelity::lossy};
}

/// The phase a `fail` code names (§2.3: -1..-4 download, -5 install).
[[nodiscard]] constexpr phase tencent_phase_of(tencent::fail_code code) noexcept {
  return code == tencent::fail_code::upgrade_fail ? phase::install : phase::download;
}

/// A Tencent fail code chosen for a reason, and how faithfully.
struct tencent_code_mapping {
  tencent::fail_code code = tencent::fail_code::upgrade_fail;  ///< -1..-5
  fidelity mapped = fidelity::exact;  ///< `lossy` for `≈`, `fallback` for `→X`
};

/// The fail code for reason `why` (§3.2 TCT column, §3.4): URL-level reasons → -2, everything
/// Tencent cannot name → -5 "firmware update failed". `already_latest` and `deferred` get -5 here
/// too; `from_event` sends a version report or nothing for them instead (§3.2).
[[nodiscard]] constexpr tencent_code_mapping encode_tencent_reason(reason why) noexcept {
  using tencent::fail_code;
  switch (why) {
    case reason::download_timeout: return {fail_code::download_timeout, fidelity::lossy};
    case reason::download_failed: return {fail_code::file_not_exist, fidelity::lossy};
    case reason::download_auth_failed: return {fail_code::auth_fail, fidelity::exact};
    case reason::invalid_uri:
    case reason::unsupported_protocol: return {fail_code::file_not_exist, fidelity::fallback};
    case reason::integrity_failed: return {fail_code::md5_not_match, fidelity::lossy};
    case reason::install_failed: return {fail_code::upgrade_fail, fidelity::exact};
    default: return {fail_code::upgrade_fail, fidelity::fallback};
  }
}

/// What a Tencent encoder echoes from the session: values every such message repeats but no
/// neutral event carries, which the gateway's session knows (§2.3 "synthesise neutral→TCT").
struct tencent_profile {
  /// The active offer's target version: `report_progress` must carry it in `report.version`
  /// (json §A.2), and only `succeeded` brings one with it. Empty: a progress or failure has none
  /// and `from_event` fails with `missing_field`.
  std::string_view target_version{};
  /// The version the device last reported, which `report_version_rsp` echoes (the cloud always
  /// sends it, the SDKs read only `result_code`). Empty: no echo.
  std::string_view reported_version{};
};

namespace detail {
/// `result_code` of a message that has one.
[[nodiscard]] constexpr std::optional<std::int32_t> tencent_code_of(const tencent::message& m) noexcept {
  if (const auto* rsp = std::get_if<tencent::report_version_rsp>(&m)) return rsp->result_code;
  if (const auto* p = std::get_if<tencent::report_progress>(&m)) return p->result_code;
  return std::nullopt;
}

/// Fills `e`'s envelope from `base`, re-stamped as read from Tencent message `m`: the module
/// (`fw_type`), the task id (as text in `task_id_text`), the raw code and text. In place, as PCP's.
/// Returns false when the message says something the envelope cannot hold (a present but empty
/// `fw_type`, which reads back as absent; a task id without storage for its text).
constexpr bool stamp_tencent_event(event& e, const tencent::message& m, const envelope& base,
                                   std::span<char> task_id_text, reason_mapping mapping) noexcept {
  bool kept = true;
  e.head = base;
  e.head.source_protocol = protocol::tencent;
  e.head.dir = tencent::direction_of(tencent::type_of(m));
  e.head.upgrade_task = task{};
  std::visit(
      [&](const auto& typed) {
        e.head.part.module = typed.fw_type.value_or(std::string_view{});
        if (typed.fw_type && typed.fw_type->empty()) kept = false;
        if constexpr (requires { typed.task_id; }) {
          if (typed.task_id) {
            e.head.upgrade_task.task_id = write_decimal(*typed.task_id, task_id_text);
            if (e.head.upgrade_task.task_id.empty()) kept = false;
          }
        }
      },
      m);
  e.head.vendor = vendor_record{};
  e.head.vendor.source = protocol::tencent;
  e.head.vendor.message_kind = static_cast<std::uint8_t>(tencent::type_of(m));
  e.head.vendor.raw_code = tencent_code_of(m);
  if (const auto* rsp = std::get_if<tencent::report_version_rsp>(&m)) {
    e.head.vendor.raw_text = rsp->result_msg.value_or(std::string_view{});
    // A present but empty result_msg or version reads back as absent (from_event echoes the
    // version from the profile only when there is one): not exact.
    if ((rsp->result_msg && rsp->result_msg->empty()) || (rsp->version && rsp->version->empty())) kept = false;
  } else if (const auto* p = std::get_if<tencent::report_progress>(&m)) {
    e.head.vendor.raw_text = p->result_msg;
  }
  e.mapped = kept ? mapping.mapped : worst(mapping.mapped, fidelity::lossy);
  e.made_by = nullptr;
  return kept;
}
}  // namespace detail

/// The neutral events of Tencent message `m` (§2.3), written to `out`; returns how many. `base`
/// supplies what the transport knows (device from the topic, time); protocol, direction, module,
/// task id and the raw vendor record are set from `m`. Strings are views into `m` (and into
/// `context.task_id_text`): keep both alive as long as the events. `buffer_too_small` when `out`
/// has fewer slots than the events need (`tencent_max_events` always suffices).
[[nodiscard]] constexpr result<std::size_t> to_events(const tencent::message& m OTAWIRE_LIFETIMEBOUND,
                                                      const envelope& base, const tencent_session_context& context,
                                                      std::span<event> out) noexcept {
  std::size_t count = 0;
  const auto add = [&]<class Body>(const Body& body, reason_mapping mapping = {}) -> event* {
    event* slot = count < out.size() ? &out[count] : nullptr;
    ++count;
    if (slot == nullptr) return nullptr;
    detail::stamp_tencent_event(*slot, m, base, context.task_id_text, mapping);
    slot->body.template emplace<Body>(body);
    return slot;
  };
  switch (tencent::type_of(m)) {
    case tencent::message_type::report_version: {
      const auto& typed = std::get<tencent::report_version>(m);
      version_report report{};
      report.first.part = component{base.part.kind, typed.fw_type.value_or(std::string_view{})};
      report.first.version = typed.version;
      report.solicited = false;  // Tencent's device reports unasked (§1.4 E1)
      add(report);
      break;
    }
    case tencent::message_type::report_version_rsp: {
      const auto& typed = std::get<tencent::report_version_rsp>(m);
      if (typed.result_code == 0) {
        add(ack{ack_subject::version_report, true, reason::unspecified});
      } else {
        // Non-zero codes are unknown (§2.3, §3.2): the raw code stays in the vendor record.
        add(ack{ack_subject::version_report, false, reason::unspecified}, {reason::unspecified, fidelity::lossy});
      }
      break;
    }
    case tencent::message_type::update_firmware: {
      const auto& typed = std::get<tencent::update_firmware>(m);
      upgrade_offer offer{};
      offer.package.version = typed.version;
      offer.package.min_size = typed.file_size;
      offer.package.max_size = typed.file_size;
      offer.package.package_digest = digest{digest_algorithm::md5, typed.md5sum};
      offer.package.source.kind = source_kind::url;
      offer.package.source.url = typed.url;
      offer.package.source.auth = url_auth::presigned;  // COS pre-signed (§1.3)
      offer.package.extras = typed.user_defined.value_or(std::string_view{});
      reason_mapping mapping{};
      if (typed.user_defined && typed.user_defined->empty()) mapping.mapped = fidelity::lossy;  // reads back absent
      add(offer, mapping);
      break;
    }
    case tencent::message_type::report_progress: {
      const auto& typed = std::get<tencent::report_progress>(m);
      switch (typed.state) {
        case tencent::progress_state::downloading: {
          const std::uint8_t percent = typed.percent.value_or(0);
          add(progress{phase::download, percent, {}, {}});
          // "100" always ends the download; the MD5 is checked after it (§2.3, §1.4 E9).
          if (percent == 100) add(download_finished{verification::unknown, {}});
          break;
        }
        case tencent::progress_state::burning:
          // Implies the acceptance of the install, which the neutral session reads off an
          // install-stage progress (§1.4 E6); the download's verification is not re-sent.
          add(progress{phase::install, {}, {}, {}});
          break;
        case tencent::progress_state::done:
          // `report.version` is the target; the running version is confirmed only by the next
          // `report_version` (§2.3, §3.5 item 6): lossy.
          add(succeeded{typed.version}, {reason::unspecified, fidelity::lossy});
          break;
        case tencent::progress_state::fail: {
          const auto code = static_cast<tencent::fail_code>(typed.result_code);
          const auto mapping = decode_tencent_reason(code);
          // `report.version` is the target, not the version running after the failure.
          add(failed{tencent_phase_of(code), mapping.why, {}}, mapping);
          break;
        }
      }
      break;
    }
  }
  if (out.size() < count) return fail(errc::buffer_too_small, "events", count);
  return count;
}
/// Not from a temporary message, whose strings the events would outlive.
result<std::size_t> to_events(const tencent::message&&, const envelope&, const tencent_session_context&,
                              std::span<event>) = delete;

/// What `from_event` made: the Tencent message (none when Tencent has no message for the event),
/// how faithfully, and what it could not carry.
using tencent_encoding = encoding<tencent::message>;

namespace detail {
/// The fail code for `why`: the event's own raw code when it came from Tencent and still means
/// `why` (byte-faithful re-encoding, §1.1 rule 2); else the §3.2 choice.
[[nodiscard]] constexpr tencent_code_mapping tencent_code_for(const event& e, reason why) noexcept {
  const auto& vendor = e.head.vendor;
  if (vendor.source == protocol::tencent && vendor.raw_code && *vendor.raw_code >= -5 && *vendor.raw_code <= -1) {
    const auto raw = static_cast<tencent::fail_code>(*vendor.raw_code);
    if (decode_tencent_reason(raw).why == why) return {raw, fidelity::exact};
  }
  return encode_tencent_reason(why);
}

/// The task id as Tencent's number: canonical decimal text converts; other text is lost.
constexpr std::optional<std::int64_t> tencent_task_id(const event& e, tencent_encoding& out) noexcept {
  const auto& t = e.head.upgrade_task;
  if (!t.firmware_id.empty() || t.package_check_code) out.lose(lost_field::task_id);
  if (t.task_id.empty()) return std::nullopt;
  const auto id = parse_decimal(t.task_id);
  if (!id) out.lose(lost_field::task_id);
  return id;
}
}  // namespace detail

/// The Tencent message that carries event `e` (§2.3 "synthesise neutral→TCT"), with a fail code
/// from §3.2 and the session echoes of `profile`. Events Tencent has no message for give none and
/// `lost_field::whole_event`: a query or pull (the device reports unasked; the 2025 pull has no
/// known format), an acceptance (implicit in the first progress, §1.4 E6), an install request,
/// a cancel, a deferral (held, §3.2), an ack other than of a version report, chunks. Errors, never
/// a silent change: an offer without a URL or MD5 (`missing_field`; a gateway must fetch and
/// re-host, §4.1 `F`/`Rh`), sizes beyond 32 bits (`out_of_range`), a progress with no target
/// version known (`missing_field`), or any field `tencent::check` refuses.
[[nodiscard]] constexpr result<tencent_encoding> from_event(const event& e, tencent_profile profile) noexcept {
  tencent_encoding out{};
  const bool own = e.head.vendor.source == protocol::tencent;
  const std::string_view module = e.head.part.module;
  const auto fw_type = [&]() -> std::optional<std::string_view> {
    if (module.empty()) return std::nullopt;
    return module;
  };
  // A report_progress for the active target (§A.2: `report.version` is the target).
  const auto progress_report = [&](tencent::progress_state state) -> result<tencent::report_progress> {
    tencent::report_progress p{};
    p.state = state;
    p.version = profile.target_version;
    if (p.version.empty()) return fail(errc::missing_field, "report.version", 0);
    p.fw_type = fw_type();
    p.task_id = detail::tencent_task_id(e, out);
    if (own) p.result_msg = e.head.vendor.raw_text;
    return p;
  };
  // A failure (or a refusal, which Tencent can only say as a failure, §2.3 last row).
  const auto failure = [&](phase stage, reason why) -> result<void> {
    const auto code = detail::tencent_code_for(e, why);
    if (code.mapped != fidelity::exact) out.lose(lost_field::exact_reason, code.mapped);
    if (stage != tencent_phase_of(code.code)) out.mapped = worst(out.mapped, fidelity::lossy);  // the code's phase
    auto p = progress_report(tencent::progress_state::fail);
    if (!p) return p.error();
    p->result_code = static_cast<std::int32_t>(code.code);
    // The neutral token in `result_msg` (§3.4: Java and C v4 pass it through; C v3 writes time_out).
    if (!own) p->result_msg = name(why);
    out.message = *p;
    return ok();
  };
  switch (e.kind()) {
    case event_kind::version_report: {
      const auto& report = std::get<version_report>(e.body);
      tencent::report_version m{};
      m.version = report.first.version;
      m.fw_type = report.first.part.module.empty() ? fw_type() : std::optional{report.first.part.module};
      if (report.second) out.lose(lost_field::second_version);
      if (!e.head.upgrade_task.task_id.empty() || !e.head.upgrade_task.firmware_id.empty()) {
        out.lose(lost_field::task_id);
      }
      out.message = m;
      break;
    }
    case event_kind::upgrade_offer: {
      const auto& offer = std::get<upgrade_offer>(e.body);
      const auto& package = offer.package;
      if (package.source.kind != source_kind::url || package.source.url.empty()) {
        return fail(errc::missing_field, "url", 0);  // fragments or push: re-host first (§4.1 Rh)
      }
      // MD5 is the only digest Tencent knows, and it is mandatory (§2.3).
      if (package.package_digest.algorithm != digest_algorithm::md5) return fail(errc::missing_field, "md5sum", 0);
      tencent::update_firmware m{};
      m.version = package.version;
      m.url = package.source.url;
      m.md5sum = package.package_digest.hex;
      if (package.max_size > 0xFFFFFFFFu) return fail(errc::out_of_range, "file_size", 0);
      if (!package.exact_size()) out.lose(lost_field::exact_size);  // the upper bound is sent
      m.file_size = static_cast<std::uint32_t>(package.max_size);
      // A CTWing query token or a Huawei Bearer token cannot travel in a Tencent URL (§4.1 F).
      if (package.source.auth == url_auth::query_token || package.source.auth == url_auth::bearer) {
        out.lose(lost_field::url);
      }
      if (!package.file_name.empty() || package.is_diff || package.policy != install_policy{}) {
        out.lose(lost_field::policy);
      }
      if (!package.extras.empty()) {
        m.user_defined = package.extras;
        if (!own) out.lose(lost_field::policy);  // another vendor's extras need not be JSON
      } else if (!own) {
        // The 2024 Explorer SDK fails the whole parse without it (§2.3): an empty document (design).
        m.user_defined = std::string_view{"{}"};
        out.mapped = worst(out.mapped, fidelity::fallback);
      }
      if (offer.solicited) out.mapped = worst(out.mapped, fidelity::lossy);  // Tencent only pushes
      m.task_id = detail::tencent_task_id(e, out);
      m.fw_type = fw_type();
      out.message = m;
      break;
    }
    case event_kind::refused: {
      const auto& refusal = std::get<refused>(e.body);
      if (refusal.subject == answer_subject::cancel || refusal.why == reason::deferred) {
        out.lose(lost_field::whole_event);  // no cancel; a deferral is held (§3.2)
        break;
      }
      out.mapped = worst(out.mapped, fidelity::lossy);  // a refusal becomes a failure (§1.4 E7)
      const auto stage = refusal.subject == answer_subject::offer ? phase::download : phase::install;
      if (auto r = failure(stage, refusal.why); !r) return r.error();
      break;
    }
    case event_kind::progress: {
      const auto& step = std::get<progress>(e.body);
      if (step.stage == phase::install) {
        if (step.percent) out.lose(lost_field::percent);  // `burning` has none
        auto p = progress_report(tencent::progress_state::burning);
        if (!p) return p.error();
        out.message = *p;
        break;
      }
      if (!step.percent) {  // `downloading` needs a percent (§A.2); LwM2M's State 1 has none
        out.lose(lost_field::percent | lost_field::whole_event);
        break;
      }
      if (step.stage != phase::download) out.mapped = worst(out.mapped, fidelity::lossy);  // phase guessed
      auto p = progress_report(tencent::progress_state::downloading);
      if (!p) return p.error();
      p->percent = *step.percent > 100 ? std::uint8_t{100} : *step.percent;
      if (*step.percent > 100) out.mapped = worst(out.mapped, fidelity::lossy);
      out.message = *p;
      break;
    }
    case event_kind::download_finished: {
      // `downloading "100"` says nothing about verification (§1.4 E9).
      if (std::get<download_finished>(e.body).checked != verification::unknown) {
        out.mapped = worst(out.mapped, fidelity::lossy);
      }
      auto p = progress_report(tencent::progress_state::downloading);
      if (!p) return p.error();
      p->percent = 100;
      out.message = *p;
      break;
    }
    case event_kind::succeeded: {
      const auto& done = std::get<succeeded>(e.body);
      // `done` names the target (§A.2); the new running version is it, or the session's target.
      if (!done.new_version.empty()) profile.target_version = done.new_version;
      auto p = progress_report(tencent::progress_state::done);
      if (!p) return p.error();
      out.message = *p;
      break;
    }
    case event_kind::failed: {
      const auto& failure_event = std::get<failed>(e.body);
      if (failure_event.why == reason::already_latest && !failure_event.version_at_failure.empty()) {
        // §3.2: not a failure in Tencent: report the running version again (the cloud re-pushes
        // only on a mismatch, §3.4).
        tencent::report_version m{};
        m.version = failure_event.version_at_failure;
        m.fw_type = fw_type();
        out.mapped = worst(out.mapped, fidelity::lossy);
        out.message = m;
        break;
      }
      if (auto r = failure(failure_event.stage, failure_event.why); !r) return r.error();
      break;
    }
    case event_kind::ack: {
      const auto& answer = std::get<ack>(e.body);
      if (answer.of != ack_subject::version_report) {
        out.lose(lost_field::whole_event);  // Tencent acknowledges nothing else
        break;
      }
      tencent::report_version_rsp m{};
      if (!answer.ok) {
        // Non-zero codes are unknown (§3.2): only a Tencent code of its own is sent back.
        if (!own || !e.head.vendor.raw_code || *e.head.vendor.raw_code == 0) {
          out.lose(lost_field::whole_event | lost_field::exact_reason);
          break;
        }
        m.result_code = *e.head.vendor.raw_code;
      }
      if (own) {
        if (!e.head.vendor.raw_text.empty()) m.result_msg = e.head.vendor.raw_text;
      } else if (answer.ok) {
        m.result_msg = std::string_view{"success"};  // as the cloud sends it (§2.3)
      }
      if (!profile.reported_version.empty()) m.version = profile.reported_version;
      m.fw_type = fw_type();
      if (!e.head.upgrade_task.task_id.empty() || !e.head.upgrade_task.firmware_id.empty()) {
        out.lose(lost_field::task_id);
      }
      out.message = m;
      break;
    }
    case event_kind::version_query:
    case event_kind::upgrade_request:
    case event_kind::no_upgrade:
    case event_kind::accepted:
    case event_kind::install_request:
    case event_kind::cancel:
    case event_kind::chunk_request:
    case event_kind::chunk: out.lose(lost_field::whole_event); break;
  }
  if (out.message) {
    if (auto valid = tencent::check(*out.message); !valid) return valid.error();
  }
  return out;
}

}  // namespace otawire::ota

#endif
