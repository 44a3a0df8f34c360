// otawire::ota — CTWing MQTT FOTA messages to neutral events and back (crosswalk.md §2.4, §3.2
// CTW column, §3.4).
//
// `to_events` turns one decoded CTWing message (plus the session context it needs) into neutral
// events; `from_event` turns a neutral event into the CTWing message that carries it and reports
// what it could not carry. CTWing has no query, pull, refusal, install request, cancel or ack
// (§2.4 last row): events of those kinds give no message and `lost_field::whole_event`.
// Device-safe: no allocation, no exceptions, no JSON (the message structs and the shared field
// rules only, not the codec).
#ifndef OTAWIRE_OTA_CTWING_HPP
#define OTAWIRE_OTA_CTWING_HPP

#include <otawire/ctwing/messages.hpp>
#include <otawire/ctwing/topic.hpp>
#include <otawire/json/fields.hpp>
#include <otawire/ota/detail/number_text.hpp>
#include <otawire/ota/model.hpp>
#include <otawire/result.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <variant>

namespace otawire::ota {

/// The synthesis rules the CTWing mapping applies (§2.4 ⓢ).
namespace rules {
/// `/ota/inform` after step 100 with the target version → `succeeded` (§2.4, **inferred** from
/// the mirrored Alibaba rule, json §B.4: the platform judges success by the reported version).
inline constexpr synthesis_rule ctwing_success_from_inform{
    "ctwing_success_from_inform", "crosswalk 2.4: inform with version = the target after step 100 -> succeeded"};
/// `/ota/inform` after step 100 with another version → `failed{install}`: the upgrade was not
/// applied (a device that rolled back reports its old version; ctwing::session's `not_applied`).
inline constexpr synthesis_rule ctwing_failure_from_inform{
    "ctwing_failure_from_inform", "crosswalk 2.4 (json B.4): inform with another version after step 100 -> failed"};
}  // namespace rules

/// What a CTWing mapping needs to know about the session (§2.4 ⓢ), and storage it lends.
struct ctwing_session_context {
  /// Where a `taskId` is written as decimal text for the events' `task.task_id` to view (the
  /// neutral task id is text, §1.2; events allocate nothing). At least `task_id_text_size`
  /// characters, alive as long as the events; without it the id is not carried and the event
  /// is `lossy`. `-1` ("no task", json §B.2) is no task id and needs none.
  std::span<char> task_id_text{};
  /// The target version of the upgrade whose progress reached step 100, until the device reports
  /// its version: that report decides the outcome (`succeeded` or `failed`, synthesised). Empty
  /// otherwise: an inform is then only a version report.
  std::string_view awaiting_version{};
};

/// The most events one CTWing message becomes (step 100: `progress` + `download_finished`; an
/// inform after it: `version_report` + the outcome).
inline constexpr std::size_t ctwing_max_events = 2;

/// The neutral reason of a negative `step` (§3.2 CTW column): -1 is the catch-all `unspecified`,
/// -2 and -3 are exact, -4 is `lossy` (flash write or burn only). Other values are
/// `unspecified`, `lossy`.
[[nodiscard]] constexpr reason_mapping decode_ctwing_reason(ctwing::failure code) noexcept {
  using ctwing::failure;
  switch (code) {
    case failure::upgrade_failed: return {reason::unspecified, fidelity::exact};
    case failure::download_failed: return {reason::download_failed, fidelity::exact};
    case failure::verify_failed: return {reason::integrity_failed, fidelity::exact};
    case failure::flash_failed: return {reason::install_failed, fidelity::lossy};
  }
  return {reason::unspecified, fidelity::lossy};
}

/// The phase a negative step names. CTWing's steps carry none (§2.4: `step` → `progress{unspecified}`),
/// so only -2 (download) and -3 (the check of the downloaded file) place themselves; -4 (flash
/// write) comes before step 100 like every failure (ctwing::session: a failure after 100 is
/// `progress_after_end`), so where the device was is not known, and -1 says nothing.
[[nodiscard]] constexpr phase ctwing_phase_of(ctwing::failure code) noexcept {
  return code == ctwing::failure::download_failed || code == ctwing::failure::verify_failed ? phase::download
                                                                                              : phase::unspecified;
}

/// A CTWing failure step chosen for a reason, and how faithfully.
struct ctwing_code_mapping {
  ctwing::failure code = ctwing::failure::upgrade_failed;  ///< -1..-4
  fidelity mapped = fidelity::exact;  ///< `lossy` for `≈`, `fallback` for `→X`
};

/// The failure step for reason `why` (§3.2 CTW column, §3.4): download-stage reasons → -2, the
/// rest → -1 "升级失败" (upgrade failed). `already_latest` and `deferred` get -1 here too;
/// `from_event` sends a version report or nothing for them instead (§3.2).
[[nodiscard]] constexpr ctwing_code_mapping encode_ctwing_reason(reason why) noexcept {
  using ctwing::failure;
  switch (why) {
    case reason::download_failed: return {failure::download_failed, fidelity::exact};
    case reason::download_timeout:
    case reason::download_auth_failed:
    case reason::invalid_uri:
    case reason::unsupported_protocol: return {failure::download_failed, fidelity::fallback};
    case reason::integrity_failed: return {failure::verify_failed, fidelity::exact};
    case reason::install_failed: return {failure::flash_failed, fidelity::lossy};
    case reason::unspecified: return {failure::upgrade_failed, fidelity::exact};
    default: return {failure::upgrade_failed, fidelity::fallback};
  }
}

/// What a CTWing encoder takes from the session: the task every progress report must echo
/// (json §B.4: "taskId in progress must equal the active upgrade's taskId"), used when the event
/// carries no task id of its own (one from another protocol).
struct ctwing_profile {
  /// The active upgrade's `taskId`; without it (and without one in the event) a progress report
  /// cannot be written (`missing_field`).
  std::optional<std::int64_t> active_task_id{};
};

namespace detail {
/// The message's task id, when it names a task (`-1` in an inform does not).
[[nodiscard]] constexpr std::optional<std::int64_t> ctwing_task_of(const ctwing::message& m) noexcept {
  const auto id = std::visit([](const auto& typed) { return typed.task_id; }, m);
  if (std::holds_alternative<ctwing::inform>(m) && id == ctwing::no_task) return std::nullopt;
  return id;
}

/// Fills `e`'s envelope from `base`, re-stamped as read from CTWing message `m` (module, task id
/// as text, raw step and `desc`). In place, as PCP's. Lossy where the envelope cannot hold what
/// the message says (a present but empty `module` or `desc`, which read back as absent; a task
/// id without storage for its text).
constexpr void stamp_ctwing_event(event& e, const ctwing::message& m, const envelope& base,
                                  std::span<char> task_id_text, reason_mapping mapping) noexcept {
  bool kept = true;
  e.head = base;
  e.head.source_protocol = protocol::ctwing;
  e.head.dir = ctwing::direction_of(static_cast<ctwing::topic>(m.index()));
  e.head.upgrade_task = task{};
  if (const auto id = ctwing_task_of(m)) {
    e.head.upgrade_task.task_id = write_decimal(*id, task_id_text);
    if (e.head.upgrade_task.task_id.empty()) kept = false;
  }
  e.head.vendor = vendor_record{};
  e.head.vendor.source = protocol::ctwing;
  e.head.vendor.message_kind = static_cast<std::uint8_t>(m.index());
  std::visit(
      [&](const auto& typed) {
        e.head.part.module = typed.module.value_or(std::string_view{});
        if (typed.module && typed.module->empty()) kept = false;
        if constexpr (requires { typed.step; }) {
          // Steps the decoder accepts are -4..100; a hand-built one outside 32 bits is clamped.
          const std::int64_t step = typed.step < -0x7FFFFFFF ? -0x7FFFFFFF : typed.step > 0x7FFFFFFF ? 0x7FFFFFFF : typed.step;
          e.head.vendor.raw_code = static_cast<std::int32_t>(step);
          e.head.vendor.raw_text = typed.desc.value_or(std::string_view{});
          if (typed.desc && typed.desc->empty()) kept = false;
        }
      },
      m);
  e.mapped = kept ? mapping.mapped : worst(mapping.mapped, fidelity::lossy);
  e.made_by = nullptr;
}
}  // namespace detail

/// The neutral events of CTWing message `m` (§2.4), written to `out`; returns how many. `base`
/// supplies what the transport knows (the device: CTWing topics carry none, §1.2; time); protocol,
/// direction, module, task id and the raw vendor record are set from `m`. Strings are views into
/// `m` (and `context.task_id_text`): keep both alive as long as the events. `buffer_too_small`
/// when `out` is short (`ctwing_max_events` always suffices).
[[nodiscard]] constexpr result<std::size_t> to_events(const ctwing::message& m OTAWIRE_LIFETIMEBOUND,
                                                      const envelope& base, const ctwing_session_context& context,
                                                      std::span<event> out) noexcept {
  std::size_t count = 0;
  const auto add = [&]<class Body>(const Body& body, reason_mapping mapping = {}) -> event* {
    event* slot = count < out.size() ? &out[count] : nullptr;
    ++count;
    if (slot == nullptr) return nullptr;
    detail::stamp_ctwing_event(*slot, m, base, context.task_id_text, mapping);
    slot->body.template emplace<Body>(body);
    return slot;
  };
  if (const auto* typed = std::get_if<ctwing::inform>(&m)) {
    version_report report{};
    report.first.part = component{base.part.kind, typed->module.value_or(std::string_view{})};
    report.first.version = typed->version;
    report.solicited = false;  // reported on activation, unasked (§1.4 E1)
    add(report);
    if (!context.awaiting_version.empty()) {
      // After step 100 the reported version decides (§2.4 ⓢ, inferred from Alibaba's rule).
      const bool applied = typed->version == context.awaiting_version;
      event* e = applied ? add(succeeded{typed->version})
                         : add(failed{phase::install, reason::unspecified, typed->version});
      if (e != nullptr) {
        e->mapped = fidelity::synthesised;
        e->made_by = applied ? &rules::ctwing_success_from_inform : &rules::ctwing_failure_from_inform;
      }
    }
  } else if (const auto* typed = std::get_if<ctwing::upgrade>(&m)) {
    upgrade_offer offer{};
    offer.package.version = typed->version;
    offer.package.min_size = typed->size < 0 ? 0 : static_cast<std::uint64_t>(typed->size);
    offer.package.max_size = offer.package.min_size;
    offer.package.package_digest = digest{digest_algorithm::md5, typed->md5};
    offer.package.source.kind = source_kind::url;
    offer.package.source.url = typed->url;
    offer.package.source.auth = url_auth::query_token;  // `&deviceId=…&accessToken=<token>` (json §B.3)
    offer.package.source.token = typed->token;
    add(offer);
  } else {
    const auto& step = std::get<ctwing::progress>(m);
    if (step.step < 0) {
      const auto code = step.failure_code();
      const auto mapping = decode_ctwing_reason(code);
      add(failed{ctwing_phase_of(code), mapping.why, {}}, mapping);
    } else {
      const auto percent = static_cast<std::uint8_t>(step.step > 100 ? 100 : step.step);
      add(progress{phase::unspecified, percent, {}, {}});
      // Step 100 ends the download (json §B.4) — or the whole upgrade: ambiguous (§2.4), so lossy.
      if (step.step == ctwing::step_complete) {
        add(download_finished{verification::unknown, {}}, {reason::unspecified, fidelity::lossy});
      }
    }
  }
  if (out.size() < count) return fail(errc::buffer_too_small, "events", count);
  return count;
}
/// Not from a temporary message, whose strings the events would outlive.
result<std::size_t> to_events(const ctwing::message&&, const envelope&, const ctwing_session_context&,
                              std::span<event>) = delete;

/// What `from_event` made: the CTWing message (none when CTWing has no message for the event),
/// how faithfully, and what it could not carry.
using ctwing_encoding = encoding<ctwing::message>;

namespace detail {
/// The failure step for `why`: the event's own raw step when it came from CTWing and still means
/// `why` (byte-faithful re-encoding, §1.1 rule 2); else the §3.2 choice.
[[nodiscard]] constexpr ctwing_code_mapping ctwing_code_for(const event& e, reason why) noexcept {
  const auto& vendor = e.head.vendor;
  if (vendor.source == protocol::ctwing && vendor.raw_code && *vendor.raw_code >= -4 && *vendor.raw_code <= -1) {
    const auto raw = static_cast<ctwing::failure>(*vendor.raw_code);
    if (decode_ctwing_reason(raw).why == why) return {raw, fidelity::exact};
  }
  return encode_ctwing_reason(why);
}

/// The event's task id as a CTWing `taskId` (0..max_task_id): canonical decimal text converts;
/// other text is lost. Firmware ids and PCP check codes are lost.
[[nodiscard]] constexpr std::optional<std::int64_t> ctwing_task_id(const event& e, ctwing_encoding& out) noexcept {
  const auto& t = e.head.upgrade_task;
  if (!t.firmware_id.empty() || t.package_check_code) out.lose(lost_field::task_id);
  if (t.task_id.empty()) return std::nullopt;
  const auto id = parse_decimal(t.task_id);
  if (!id || *id < 0 || *id > ctwing::max_task_id) {
    out.lose(lost_field::task_id);
    return std::nullopt;
  }
  return id;
}

/// The checks CTWing's codec makes (`ctwing::check`) that a mapping can break, without the codec's
/// UTF-8 check (texts are passed through as they came).
[[nodiscard]] constexpr result<void> ctwing_valid(const ctwing::message& m) noexcept {
  if (const auto* i = std::get_if<ctwing::inform>(&m)) {
    if (i->version.empty()) return fail(errc::invalid_value, "params.version", 0);
    return ok();
  }
  if (const auto* u = std::get_if<ctwing::upgrade>(&m)) {
    if (u->version.empty()) return fail(errc::invalid_value, "payload.version", 0);
    if (!json::fields::is_download_url(u->url)) return fail(errc::invalid_value, "payload.url", 0);
    if (!json::fields::is_md5_hex(u->md5)) return fail(errc::bad_string, "payload.md5", 0);
    return ok();
  }
  if (!ctwing::is_valid_step(std::get<ctwing::progress>(m).step)) return fail(errc::out_of_range, "params.step", 0);
  return ok();
}
}  // namespace detail

/// The CTWing message that carries event `e` (§2.4 "synthesise neutral→CTW"), with a failure step
/// from §3.2. Events CTWing has no message for give none and `lost_field::whole_event`: a query,
/// pull or its answer, an acceptance (implicit in the first progress, §1.4 E6), an install
/// request, a cancel, a deferral (held, §3.2), acks, chunks, a progress without a percent or at
/// 0 (CTWing's steps are 1..100; whether 0 is valid is unknown, §6). Success is said the only way
/// CTWing can, by a version report of the new version (§4.1 `O`): `lossy`. Errors, never a silent
/// change: an offer without a URL or MD5 (`missing_field`; the device fails the parse without
/// them, json §B.2), a progress with no task id known (`missing_field`), a success without a
/// version (`missing_field`), or a field CTWing's codec refuses.
[[nodiscard]] constexpr result<ctwing_encoding> from_event(const event& e, ctwing_profile profile) noexcept {
  ctwing_encoding out{};
  const bool own = e.head.vendor.source == protocol::ctwing;
  const auto module = [&]() -> std::optional<std::string_view> {
    if (e.head.part.module.empty()) return std::nullopt;
    return e.head.part.module;
  };
  // A version report (also how CTWing says success and "already latest").
  const auto inform = [&](std::string_view version) {
    ctwing::inform m{};
    m.task_id = detail::ctwing_task_id(e, out).value_or(ctwing::no_task);
    m.version = version;
    m.module = module();
    return m;
  };
  // A progress report of the active task (`step` a percent or a failure code).
  const auto progress_report = [&](std::int64_t step) -> result<ctwing::progress> {
    ctwing::progress p{};
    const auto id = detail::ctwing_task_id(e, out);
    if (!id && !profile.active_task_id) return fail(errc::missing_field, "taskId", 0);
    p.task_id = id ? *id : *profile.active_task_id;
    p.step = step;
    p.module = module();
    if (own && !e.head.vendor.raw_text.empty()) p.desc = e.head.vendor.raw_text;
    return p;
  };
  // A failure (or a refusal, which CTWing can only say as a failure, §2.4 last row).
  const auto failure = [&](phase stage, reason why) -> result<void> {
    const auto code = detail::ctwing_code_for(e, why);
    if (code.mapped != fidelity::exact) out.lose(lost_field::exact_reason, code.mapped);
    const phase named = ctwing_phase_of(code.code);
    if (named != phase::unspecified && named != stage) out.mapped = worst(out.mapped, fidelity::lossy);
    auto p = progress_report(static_cast<std::int64_t>(code.code));
    if (!p) return p.error();
    if (!own) p->desc = name(why);  // the neutral token in `desc` (§3.4)
    out.message = *p;
    return ok();
  };
  switch (e.kind()) {
    case event_kind::version_report: {
      const auto& report = std::get<version_report>(e.body);
      auto m = inform(report.first.version);
      if (!report.first.part.module.empty()) m.module = report.first.part.module;
      if (report.second) out.lose(lost_field::second_version);
      out.message = m;
      break;
    }
    case event_kind::upgrade_offer: {
      const auto& offer = std::get<upgrade_offer>(e.body);
      const auto& package = offer.package;
      if (package.source.kind != source_kind::url || package.source.url.empty()) {
        return fail(errc::missing_field, "payload.url", 0);  // fragments or push: re-host first (§4.1 Rh)
      }
      if (package.package_digest.algorithm != digest_algorithm::md5) return fail(errc::missing_field, "payload.md5", 0);
      ctwing::upgrade m{};
      m.version = package.version;
      m.url = package.source.url;
      m.md5 = package.package_digest.hex;
      m.size = static_cast<std::int64_t>(package.max_size > 0x7FFFFFFFFFFFFFFFu ? 0x7FFFFFFFFFFFFFFFu : package.max_size);
      if (package.max_size != 0 && !package.exact_size()) out.lose(lost_field::exact_size);
      m.module = module();
      if (package.source.auth == url_auth::query_token) {
        m.token = package.source.token;
      } else {
        // The device appends `&deviceId=…&accessToken=` to any URL (json §B.3): with an empty token
        // here. Whether presigned or Bearer URLs survive that is unknown (§4.3 note 7).
        if (package.source.auth == url_auth::bearer) out.lose(lost_field::url);
        out.mapped = worst(out.mapped, fidelity::fallback);
      }
      // The device writes `url&deviceId=…` (json §B.3): a URL without a query breaks (inferred).
      if (!own && package.source.url.find('?') == std::string_view::npos) out.lose(lost_field::url);
      if (!package.file_name.empty() || package.is_diff || !package.extras.empty() ||
          package.policy != install_policy{}) {
        out.lose(lost_field::policy);
      }
      if (offer.solicited) out.mapped = worst(out.mapped, fidelity::lossy);  // CTWing only pushes
      if (const auto id = detail::ctwing_task_id(e, out)) {
        m.task_id = *id;
      } else if (profile.active_task_id && *profile.active_task_id >= 0 &&
                 *profile.active_task_id <= ctwing::max_task_id) {
        m.task_id = *profile.active_task_id;
      } else {
        m.task_id = 0;  // the offer needs one: a stand-in, reported as such
        out.lose(lost_field::task_id, fidelity::fallback);
      }
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
      if (!step.percent || *step.percent == 0) {
        out.lose(lost_field::percent | lost_field::whole_event);
        break;
      }
      if (step.stage != phase::unspecified) out.mapped = worst(out.mapped, fidelity::lossy);  // phase dropped
      auto p = progress_report(*step.percent > 100 ? 100 : *step.percent);
      if (!p) return p.error();
      out.message = *p;
      break;
    }
    case event_kind::download_finished: {
      // Step 100 does not say what was checked, nor whether more follows (§2.4 "ambiguous").
      if (std::get<download_finished>(e.body).checked != verification::unknown) {
        out.mapped = worst(out.mapped, fidelity::lossy);
      }
      auto p = progress_report(ctwing::step_complete);
      if (!p) return p.error();
      out.message = *p;
      break;
    }
    case event_kind::succeeded: {
      const auto& done = std::get<succeeded>(e.body);
      if (done.new_version.empty()) return fail(errc::missing_field, "params.version", 0);
      // Success is a version report of the target (§3.5 item 6): the platform must compare.
      // Exact only back to the inform it was read from.
      if (!own || e.made_by != &rules::ctwing_success_from_inform) out.mapped = worst(out.mapped, fidelity::lossy);
      out.message = inform(done.new_version);
      break;
    }
    case event_kind::failed: {
      const auto& failure_event = std::get<failed>(e.body);
      if (failure_event.why == reason::already_latest && !failure_event.version_at_failure.empty()) {
        // §3.4: no failure in CTWing: report the running version (inferred).
        out.mapped = worst(out.mapped, fidelity::lossy);
        out.message = inform(failure_event.version_at_failure);
        break;
      }
      if (e.made_by == &rules::ctwing_failure_from_inform && !failure_event.version_at_failure.empty()) {
        // The version report it was read from (exact only when it was CTWing's own).
        if (!own) out.mapped = worst(out.mapped, fidelity::lossy);
        out.message = inform(failure_event.version_at_failure);
        break;
      }
      if (auto r = failure(failure_event.stage, failure_event.why); !r) return r.error();
      break;
    }
    case event_kind::version_query:
    case event_kind::upgrade_request:
    case event_kind::no_upgrade:
    case event_kind::accepted:
    case event_kind::install_request:
    case event_kind::cancel:
    case event_kind::ack:
    case event_kind::chunk_request:
    case event_kind::chunk: out.lose(lost_field::whole_event); break;
  }
  if (out.message) {
    if (auto valid = detail::ctwing_valid(*out.message); !valid) return valid.error();
  }
  return out;
}

}  // namespace otawire::ota

#endif
