// otawire::ota — Huawei IoTDA MQTT `$ota` events to neutral events and back (crosswalk.md §2.6,
// §3.2 HWM column, §3.4 HWM row).
//
// `to_events` turns one decoded `$ota` message (every `services[]` event of it, plus the session
// context the ⓢ rows need) into neutral events; `from_event` turns a neutral event into the
// one-event `$ota` message that carries it, choosing a result code of §A.4 and reporting what it
// could not carry. Reads the message types only (huawei/messages.hpp), not the JSON codec; no
// allocation, no exceptions.
//
// What the neutral model has no field for, and so makes an event `lossy` (never silently): a
// `version_query`'s `sub_device_count`, `task_ext_info` or paras form other than the platform's
// (`null` without a task, an object with one [H11]); an offer's `expires`, `sub_device_count`, a
// negative `file_size`, or a `task_ext_info` decoded by the DOM backend (which keeps no text); a
// progress report's `version` (the device's running version) and a success's `progress 100`; an
// `event_id`. The transport's parts are kept in the envelope, not counted as loss: the child
// device (`object_device_id`) and the time (`event_time`; `from_event` leaves it out, and the
// platform then uses its receive time, §A.2).
#ifndef OTAWIRE_OTA_HUAWEI_HPP
#define OTAWIRE_OTA_HUAWEI_HPP

#include <otawire/huawei/messages.hpp>
#include <otawire/json/fields.hpp>
#include <otawire/ota/model.hpp>
#include <otawire/result.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <variant>

namespace otawire::ota {

/// The synthesis rules the Huawei mapping applies (§2.6 ⓢ).
namespace rules {
/// `upgrade_progress_report` with `result_code 0`, `version` = the offered target and `progress`
/// absent or 100 → `succeeded` (hwali §A.8 rule 2: success is judged by the version).
inline constexpr synthesis_rule huawei_success_by_target_version{
    "huawei_success_by_target_version", "crosswalk 2.6: result_code 0, version = target, progress absent or 100"};
/// `result_code` 1–5, 8 or 9 before any progress report → `refused{offer}` (hwali §A.8 rule 3,
/// inferred).
inline constexpr synthesis_rule huawei_refusal_before_progress{
    "huawei_refusal_before_progress", "crosswalk 2.6: result_code 1-5, 8, 9 before any progress -> refused{offer}"};
/// A success reported with no progress before it (a real device sent only `result_code` and
/// `version` [H11]) → `accepted{offer}` first: the first report stands for the acceptance (§1.4 E6).
inline constexpr synthesis_rule huawei_acceptance_on_first_report{
    "huawei_acceptance_on_first_report", "crosswalk 1.4 E6: implicit in the first progress report"};
}  // namespace rules

/// What a Huawei mapping needs to know about the session (§2.6 ⓢ). It applies to every event of
/// one message (the platform sends one per message; the C SDK accepts at most three, §A.2).
struct huawei_session_context {
  /// The version of the upgrade notification in progress; empty when none is.
  std::optional<std::string_view> target_version{};
  /// Whether a progress report came since that notification (a refusal code after one is a failure).
  bool progress_reported = false;
  /// Whether a `version_query` is unanswered (the next version report answers it).
  bool query_pending = false;
};

/// The most events one `$ota` message becomes: two per `services[]` event (a first success
/// report: `accepted{offer}` + `succeeded`), at most `huawei::max_services` of them.
inline constexpr std::size_t huawei_max_events = 2 * huawei::max_services;

/// The neutral reason of a non-zero `result_code` (§3.2 HWM column, §A.4). Codes 1–10 and 255
/// are exact (Huawei copies PCP's table, §3.5 item 7); user-extended codes (§A.4) are
/// `unspecified`, `lossy`. 0 is success and has no reason (`unspecified`, `lossy`).
[[nodiscard]] constexpr reason_mapping decode_huawei_reason(std::int32_t result_code) noexcept {
  switch (result_code) {
    case 1: return {reason::busy, fidelity::exact};
    case 2: return {reason::poor_signal, fidelity::exact};
    case 3: return {reason::already_latest, fidelity::exact};
    case 4: return {reason::low_battery, fidelity::exact};
    case 5: return {reason::no_storage, fidelity::exact};
    case 6: return {reason::download_timeout, fidelity::exact};
    case 7: return {reason::integrity_failed, fidelity::exact};
    case 8: return {reason::unsupported_package, fidelity::exact};
    case 9: return {reason::out_of_memory, fidelity::exact};
    case 10: return {reason::install_failed, fidelity::exact};
    case 255: return {reason::internal_error, fidelity::exact};
    default: break;
  }
  return {reason::unspecified, fidelity::lossy};
}

/// How `from_event` writes Huawei `$ota` events.
struct huawei_profile {
  /// The device's running version, for an `upgrade_progress_report` made from an event that
  /// names none (a progress or a refusal): the report's `version` is required (§A.3.5). The
  /// gateway knows it from the device's last version report; empty means the report names ""
  /// and `from_event` says so (`lost_field::version`).
  std::string_view running_version{};
};

/// A `result_code` chosen for a reason, and how faithfully.
struct huawei_code_mapping {
  std::int32_t code = 255;            ///< always one of §A.4's (0–10, 255): the C SDK refuses others
  fidelity mapped = fidelity::exact;  ///< `fallback` for the crosswalk's `→X`
};

/// The `result_code` for reason `why` (§3.2 HWM column, §3.4): download-stage reasons HWM cannot
/// name become 6 (keeping the phase), the others 255; `deferred` becomes 1 (for a gateway that
/// must answer; `from_event` itself holds a deferral back). Never 0.
[[nodiscard]] constexpr huawei_code_mapping encode_huawei_reason(reason why) noexcept {
  const auto exact = [](std::int32_t c) { return huawei_code_mapping{c, fidelity::exact}; };
  const auto fallback = [](std::int32_t c) { return huawei_code_mapping{c, fidelity::fallback}; };
  switch (why) {
    case reason::busy: return exact(1);
    case reason::poor_signal: return exact(2);
    case reason::already_latest: return exact(3);
    case reason::low_battery: return exact(4);
    case reason::no_storage: return exact(5);
    case reason::download_timeout: return exact(6);
    case reason::integrity_failed: return exact(7);
    case reason::unsupported_package: return exact(8);
    case reason::out_of_memory: return exact(9);
    case reason::install_failed: return exact(10);
    case reason::internal_error: return exact(255);
    case reason::download_failed:
    case reason::download_auth_failed:
    case reason::invalid_uri:
    case reason::unsupported_protocol: return fallback(6);
    case reason::deferred: return fallback(1);
    case reason::task_not_found:      // platform → device only (PCP); no device code
    case reason::fragment_not_found:
    case reason::cancelled:
    case reason::unspecified: return fallback(255);
  }
  return fallback(255);
}

namespace detail {
/// Days from 1970-01-01 to the civil date (proleptic Gregorian; H. Hinnant's algorithm).
[[nodiscard]] constexpr std::int64_t huawei_days_from_civil(std::int64_t y, unsigned m, unsigned d) noexcept {
  y -= m <= 2 ? 1 : 0;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

/// `event_time` in ms since the epoch, when it is the platform's `yyyyMMdd'T'HHmmss'Z'` form.
[[nodiscard]] inline std::optional<std::int64_t> huawei_time_ms(const huawei::event& e) noexcept {
  if (!e.time || !e.time->utc) return std::nullopt;
  const auto& t = *e.time->utc;
  const std::int64_t days = huawei_days_from_civil(t.year, t.month, t.day);
  return ((days * 24 + t.hour) * 60 + t.minute) * 60000 + std::int64_t{t.second} * 1000;
}
static_assert(huawei_days_from_civil(1970, 1, 1) == 0);
static_assert(huawei_days_from_civil(2015, 12, 12) == 16781);

/// Fills `e`'s envelope from `base`, re-stamped as read from Huawei event `h` of message `m`.
/// In place: an event is a few hundred bytes, so no temporary copy is made.
inline void stamp_huawei_event(event& e, const huawei::message& m, const huawei::event& h, const envelope& base,
                               fidelity mapped) noexcept {
  e.head = base;
  e.head.source_protocol = protocol::huawei_mqtt;
  e.head.dir = huawei::direction_of(h.kind).value_or(direction::platform_to_device);
  if (m.object_device_id) e.head.device.child = *m.object_device_id;
  if (const auto t = huawei_time_ms(h)) e.head.time_ms = t;
  e.head.vendor = vendor_record{};
  e.head.vendor.source = protocol::huawei_mqtt;
  e.head.vendor.message_kind = static_cast<std::uint8_t>(h.kind);
  // An empty `object_device_id` reads as none; an `event_id` has no field.
  const bool dropped = (m.object_device_id && m.object_device_id->empty()) || h.event_id;
  e.mapped = dropped ? worst(mapped, fidelity::lossy) : mapped;
  e.made_by = nullptr;
}

/// The component an upgrade notification names (firmware or software; hwali §A.3.3).
[[nodiscard]] constexpr component_kind huawei_kind_of(huawei::event_kind k) noexcept {
  return huawei::is_firmware(k) ? component_kind::firmware : component_kind::software;
}
}  // namespace detail

/// The neutral events of `$ota` message `m` (§2.6), every `services[]` event in order, written to
/// `out`; returns how many (another service's events give none). `base` supplies what the
/// transport knows (the topic's device); protocol, direction, the child device, component, task,
/// time and the raw vendor record (`message_kind` = `huawei::event_kind`, `raw_code` =
/// `result_code`, `raw_text` = `description` or `custom_info`) are set from `m`. Strings are views
/// into `m`: keep it alive as long as the events. `buffer_too_small` when `out` has fewer slots
/// than the events need (`huawei_max_events` always suffices).
[[nodiscard]] inline result<std::size_t> to_events(const huawei::message& m OTAWIRE_LIFETIMEBOUND,
                                                   const envelope& base, const huawei_session_context& context,
                                                   std::span<event> out) noexcept {
  // Written straight into `out`; `count` keeps counting past its end so that the error says how
  // many were needed.
  std::size_t count = 0;
  for (const huawei::event& h : m.events()) {
    const auto add = [&]<class Body>(const Body& body, fidelity mapped = fidelity::exact) -> event* {
      event* slot = count < out.size() ? &out[count] : nullptr;
      ++count;
      if (slot == nullptr) return nullptr;
      detail::stamp_huawei_event(*slot, m, h, base, mapped);
      slot->body.template emplace<Body>(body);
      return slot;
    };
    switch (h.kind) {
      case huawei::event_kind::other_service: break;  // not an OTA event (§A.1)
      case huawei::event_kind::version_query: {
        const auto& q = std::get<huawei::version_query>(h.paras);
        // The platform sends `null` without a task [H11] and an object with one [H1]; another
        // form, or a part the neutral query has no field for, cannot come back.
        const auto expected = q.task_id ? huawei::paras_form::object : huawei::paras_form::null;
        const bool kept = q.form == expected && !q.sub_device_count && q.task_ext_info.empty() &&
                          (!q.task_id || !q.task_id->empty());
        if (event* e = add(version_query{}, kept ? fidelity::exact : fidelity::lossy)) {
          if (q.task_id) e->head.upgrade_task.task_id = *q.task_id;
        }
        break;
      }
      case huawei::event_kind::version_report: {
        const auto& r = std::get<huawei::version_report>(h.paras);
        version_report report{};
        report.solicited = context.query_pending;
        fidelity mapped = fidelity::exact;
        if (r.sw_version) {
          report.first = {component{component_kind::software, base.part.module}, *r.sw_version};
          if (r.fw_version) report.second = component_version{{component_kind::firmware, base.part.module}, *r.fw_version};
        } else if (r.fw_version) {
          report.first = {component{component_kind::firmware, base.part.module}, *r.fw_version};
        } else {
          mapped = fidelity::lossy;  // neither key: the C SDK would not send it (§A.3.2)
        }
        add(report, mapped);
        break;
      }
      case huawei::event_kind::upgrade_progress_report: {
        const auto& p = std::get<huawei::progress_report>(h.paras);
        const bool final_report = !p.progress || *p.progress == 100;
        const auto stamp = [&](event* e) {
          if (e == nullptr) return;
          e->head.vendor.raw_code = p.result_code;
          if (p.description) e->head.vendor.raw_text = *p.description;
          if (p.description && p.description->empty()) e->mapped = worst(e->mapped, fidelity::lossy);  // reads as absent
        };
        if (p.result_code == 0 && final_report && context.target_version && *context.target_version == p.version) {
          if (!context.progress_reported) {
            if (event* e = add(accepted{answer_subject::offer}, fidelity::synthesised)) {
              e->made_by = &rules::huawei_acceptance_on_first_report;
              stamp(e);
            }
          }
          if (event* e = add(succeeded{p.version}, fidelity::synthesised)) {
            e->made_by = &rules::huawei_success_by_target_version;
            stamp(e);
          }
        } else if (p.result_code == 0) {
          // Progress without a phase (§1.5). Always `lossy`: the report's required `version` (the
          // running one) has no field in `progress` (`huawei_profile::running_version` restores it).
          progress step{};
          if (p.progress && *p.progress >= 0 && *p.progress <= 100) step.percent = static_cast<std::uint8_t>(*p.progress);
          stamp(add(step, fidelity::lossy));
        } else if (!context.progress_reported && huawei::is_refusal_code(p.result_code)) {
          event* e = add(refused{answer_subject::offer, decode_huawei_reason(p.result_code).why}, fidelity::synthesised);
          if (e != nullptr) e->made_by = &rules::huawei_refusal_before_progress;
          stamp(e);
        } else {
          const auto mapping = decode_huawei_reason(p.result_code);
          // A failure's `progress` has no field (the C SDK sends 0 with every failure, §A.6), and an
          // empty version reads as none.
          const bool kept = !p.progress && !p.version.empty();
          stamp(add(failed{phase::unspecified, mapping.why, p.version}, kept ? mapping.mapped : worst(mapping.mapped, fidelity::lossy)));
        }
        break;
      }
      default: {  // the four upgrade notifications
        const auto& u = std::get<huawei::upgrade_notification>(h.paras);
        upgrade_offer offer{};
        auto& package = offer.package;
        package.version = u.version;
        if (u.file_size >= 0) package.min_size = package.max_size = static_cast<std::uint64_t>(u.file_size);
        if (u.sign) package.package_digest = {digest_algorithm::sha256, *u.sign};  // §A.5: SHA-256
        package.source.kind = source_kind::url;
        package.source.url = u.url;
        if (!huawei::is_v2(h.kind)) {
          package.source.auth = url_auth::bearer;  // `Authorization: Bearer {access_token}` (§A.5)
          package.source.token = u.access_token.value_or(std::string_view{});
        }
        package.file_name = u.file_name.value_or(std::string_view{});
        package.extras = u.task_ext_info.text;
        // Parts with no neutral field: `expires`, `sub_device_count`, a negative size, DOM-decoded
        // task info (no text to view), a token in a v2 offer (which sends no header) or none in a
        // v1 offer, and optional texts sent empty (an empty view reads as absent).
        const bool empty_text = (u.file_name && u.file_name->empty()) || (u.custom_info && u.custom_info->empty()) ||
                                (u.task_id && u.task_id->empty());
        const bool kept = u.file_size >= 0 && !u.expires && !u.sub_device_count && !empty_text &&
                          (u.task_ext_info.empty() || !u.task_ext_info.text.empty()) &&
                          u.access_token.has_value() == !huawei::is_v2(h.kind);
        if (event* e = add(offer, kept ? fidelity::exact : fidelity::lossy)) {
          e->head.part.kind = detail::huawei_kind_of(h.kind);
          if (u.task_id) e->head.upgrade_task.task_id = *u.task_id;
          if (u.custom_info) e->head.vendor.raw_text = *u.custom_info;
        }
        break;
      }
    }
  }
  if (out.size() < count) return fail(errc::buffer_too_small, "events", count);
  return count;
}
/// Not from a temporary message, whose strings the events would outlive.
result<std::size_t> to_events(const huawei::message&&, const envelope&, const huawei_session_context&,
                              std::span<event>) = delete;

/// What `from_event` made: the one-event `$ota` message (none when Huawei has no event for it),
/// how faithfully, and what it could not carry.
using huawei_encoding = encoding<huawei::message>;

namespace detail {
/// A one-event message of kind `k` with paras `paras`, about the envelope's child device.
template <class Paras>
[[nodiscard]] huawei::message huawei_message(const event& e, huawei::event_kind k, const Paras& paras) noexcept {
  huawei::message m{};
  if (!e.head.device.child.empty()) m.object_device_id = e.head.device.child;
  huawei::event h{};
  h.kind = k;
  h.event_type = huawei::name(k);
  h.paras = paras;
  m.push(h);
  return m;
}

/// The result code for `why`: the event's own raw Huawei code when it came from Huawei and
/// still means `why` (user-extended codes included: re-encoding stays faithful, §1.1 rule 2);
/// else the §3.2 choice.
[[nodiscard]] constexpr huawei_code_mapping huawei_code_for(const event& e, reason why) noexcept {
  const auto& vendor = e.head.vendor;
  if (vendor.source == protocol::huawei_mqtt && vendor.raw_code && *vendor.raw_code != 0 &&
      decode_huawei_reason(*vendor.raw_code).why == why) {
    return {*vendor.raw_code, decode_huawei_reason(*vendor.raw_code).mapped};
  }
  return encode_huawei_reason(why);
}
}  // namespace detail

/// The `$ota` message that carries event `e` (§2.6 "synthesise neutral→HWM"), with a result code
/// of §A.4 (§3.2), reporting what it could not carry. Events Huawei has no message for (a pull and
/// its answer, acceptances, the install request, download_finished, cancel, acks, chunks, a
/// deferral, which is held back, §3.2) give no message and `lost_field::whole_event`. A
/// failure's text: the event's own `description` when it came from Huawei, else the neutral
/// reason's name where the code is a stand-in (§3.4 "the token in `description`").
/// Errors, never a silent change: an offer that is not a URL (`unsupported` at `source`: PCP
/// fragments and LwM2M pushes need the gateway's package handling, §4.1), a URL whose token the
/// device would have to append (`unsupported` at `url_auth`: CTWing's, §4.3 note 5), an offer
/// without a version or URL (`missing_field`), a URL that is not http(s) (`invalid_value`: the
/// decoder's rule) or a SHA-256 that is not 64 hex digits (`bad_string`), a success without its
/// version (`missing_field`: the platform would count it failed, §A.8 rule 2), a percent over 100
/// (`out_of_range`).
[[nodiscard]] inline result<huawei_encoding> from_event(const event& e, huawei_profile profile) noexcept {
  huawei_encoding out{};
  const bool same = e.head.vendor.source == protocol::huawei_mqtt;
  if (!e.head.part.module.empty()) out.lose(lost_field::module);
  if (!e.head.upgrade_task.firmware_id.empty() || e.head.upgrade_task.package_check_code) {
    out.lose(lost_field::task_id);
  }
  const auto task_id = [&]() -> std::optional<std::string_view> {
    if (e.head.upgrade_task.task_id.empty()) return std::nullopt;
    return e.head.upgrade_task.task_id;
  };
  // A report the device sends; `version` is required (§A.3.5).
  const auto report = [&](std::int32_t code, std::optional<std::int32_t> percent, std::string_view version,
                          std::optional<std::string_view> description) {
    huawei::progress_report p{};
    p.result_code = code;
    p.progress = percent;
    p.version = version;
    p.description = description;
    out.message = detail::huawei_message(e, huawei::event_kind::upgrade_progress_report, p);
  };
  const auto running_version = [&] {
    if (profile.running_version.empty()) out.lose(lost_field::version, fidelity::fallback);
    return profile.running_version;
  };
  const auto same_text = [&]() -> std::optional<std::string_view> {
    if (same && !e.head.vendor.raw_text.empty()) return e.head.vendor.raw_text;
    return std::nullopt;
  };
  // A refusal or failure: the code, and the text that goes with it.
  const auto failure = [&](reason why, std::string_view version) {
    const auto code = detail::huawei_code_for(e, why);
    std::optional<std::string_view> text = same_text();
    if (code.mapped != fidelity::exact) {
      out.lose(lost_field::exact_reason, code.mapped);
      if (!text) text = name(why);  // the neutral token (§3.4)
    }
    report(code.code, std::nullopt, version, text);
  };
  switch (e.kind()) {
    case event_kind::version_query: {
      huawei::version_query q{};
      q.task_id = task_id();
      q.form = q.task_id ? huawei::paras_form::object : huawei::paras_form::null;  // as the platform sends [H1][H11]
      out.message = detail::huawei_message(e, huawei::event_kind::version_query, q);
      break;
    }
    case event_kind::version_report: {
      const auto& r = std::get<version_report>(e.body);
      huawei::version_report paras{};
      const auto put = [&](const component_version& c) {
        if (!c.part.module.empty()) out.lose(lost_field::module);
        auto& slot = c.part.kind == component_kind::software ? paras.sw_version : paras.fw_version;
        // A component of unspecified kind is reported as firmware: a guess (the MQTT `$ota`
        // path names only these two, §A.3.2), so said to be lossy.
        if (c.part.kind == component_kind::unspecified) out.mapped = worst(out.mapped, fidelity::lossy);
        if (slot) {
          out.lose(lost_field::second_version);  // two of one kind
          return;
        }
        slot = c.version;
      };
      put(r.first);
      if (r.second) put(*r.second);
      out.message = detail::huawei_message(e, huawei::event_kind::version_report, paras);
      break;
    }
    case event_kind::upgrade_offer: {
      const auto& package = std::get<upgrade_offer>(e.body).package;
      if (package.source.kind != source_kind::url) return fail(errc::unsupported, "source", 0);
      if (package.source.auth == url_auth::query_token) return fail(errc::unsupported, "url_auth", 0);
      // No target version (an LwM2M offer): the gateway must supply one (§4.1 `Tv`). A Huawei
      // offer that itself named the empty version or URL keeps it.
      if (package.version.empty() && !same) return fail(errc::missing_field, "version", 0);
      if (package.source.url.empty() && !same) return fail(errc::missing_field, "url", 0);
      // The decoder's own rule (json/fields.hpp): an http(s) URL; another (LwM2M's coap://) is re-hosted.
      if (!same && !json::fields::is_download_url(package.source.url)) return fail(errc::invalid_value, "url", 0);
      const bool v1 = package.source.auth == url_auth::bearer;
      // A presigned URL needs no header: v2, "the natural wrapper for non-Huawei URLs" (§2.6).
      if (package.source.auth == url_auth::presigned) out.lose(lost_field::url);
      const bool firmware = e.head.part.kind != component_kind::software;
      if (e.head.part.kind == component_kind::unspecified) out.mapped = worst(out.mapped, fidelity::lossy);  // guessed
      const auto kind = firmware ? (v1 ? huawei::event_kind::firmware_upgrade : huawei::event_kind::firmware_upgrade_v2)
                                 : (v1 ? huawei::event_kind::software_upgrade : huawei::event_kind::software_upgrade_v2);
      huawei::upgrade_notification u{};
      u.version = package.version;
      u.url = package.source.url;
      if (const auto size = package.exact_size()) {
        u.file_size = static_cast<std::int64_t>(*size > 0x7FFFFFFFFFFFFFFFull ? 0x7FFFFFFFFFFFFFFFull : *size);
        if (*size > 0x7FFFFFFFFFFFFFFFull) out.lose(lost_field::exact_size);
      } else if (package.max_size != 0 || !same) {
        // A range (PCP's fragment plan) or no size at all: `file_size` is required (§A.3.3).
        u.file_size = static_cast<std::int64_t>(package.max_size > 0x7FFFFFFFFFFFFFFFull ? 0 : package.max_size);
        out.lose(lost_field::exact_size);
      }
      if (v1) u.access_token = package.source.token;
      if (package.package_digest.algorithm == digest_algorithm::sha256) {
        if (!json::fields::is_sha256_hex(package.package_digest.hex)) return fail(errc::bad_string, "sign", 0);
        u.sign = package.package_digest.hex;
      } else if (package.package_digest.algorithm != digest_algorithm::none) {
        out.lose(lost_field::digest);  // `sign` is SHA-256 only (§A.5; §4.3 note 10)
      }
      // v1 requires `sign` (§A.3.3); only a Huawei v1 offer comes with a bearer token, so it has one.
      if (v1 && !u.sign && !same) return fail(errc::missing_field, "sign", 0);
      if (!package.file_name.empty()) u.file_name = package.file_name;
      if (package.is_diff || package.policy != install_policy{}) out.lose(lost_field::policy);
      if (!package.extras.empty()) {
        if (same) {
          u.task_ext_info = json::raw_json{package.extras, nullptr};
        } else {
          out.lose(lost_field::policy);  // another vendor's extras are not Huawei's task info
        }
      }
      u.custom_info = same_text();
      u.task_id = task_id();
      out.message = detail::huawei_message(e, kind, u);
      break;
    }
    case event_kind::refused: {
      const auto& r = std::get<refused>(e.body);
      if (r.subject == answer_subject::cancel || r.why == reason::deferred) {
        out.lose(lost_field::whole_event);  // no cancel; a deferral is held (§3.2)
        break;
      }
      // An install refusal has no install request to answer here: it is reported as a failure.
      if (r.subject == answer_subject::install) out.mapped = worst(out.mapped, fidelity::lossy);
      failure(r.why, running_version());
      break;
    }
    case event_kind::progress: {
      const auto& step = std::get<progress>(e.body);
      if (step.percent && *step.percent > 100) return fail(errc::out_of_range, "percent", 100);
      if (step.stage != phase::unspecified) out.mapped = worst(out.mapped, fidelity::lossy);  // HWM has no phase
      if (!step.percent && (step.fragment || step.bytes)) out.lose(lost_field::percent);
      std::optional<std::int32_t> percent{};
      if (step.percent) percent = *step.percent;
      report(0, percent, running_version(), same_text());
      break;
    }
    case event_kind::succeeded: {
      const auto& done = std::get<succeeded>(e.body);
      if (done.new_version.empty()) return fail(errc::missing_field, "version", 0);
      report(0, std::nullopt, done.new_version, same_text());  // `progress 100` is optional [H11]
      break;
    }
    case event_kind::failed: {
      const auto& f = std::get<failed>(e.body);
      if (f.stage != phase::unspecified) out.mapped = worst(out.mapped, fidelity::lossy);  // HWM has no phase
      failure(f.why, f.version_at_failure.empty() ? running_version() : f.version_at_failure);
      break;
    }
    case event_kind::upgrade_request:
    case event_kind::no_upgrade:
    case event_kind::accepted:
    case event_kind::download_finished:
    case event_kind::install_request:
    case event_kind::cancel:
    case event_kind::ack:
    case event_kind::chunk_request:
    case event_kind::chunk: out.lose(lost_field::whole_event); break;
  }
  return out;
}

}  // namespace otawire::ota

#endif
