// otawire::ota — LwM2M Object 5 (and Object 3's running version) to neutral events and back
// (crosswalk.md §2.2, §3.2 LWM column, §3.3 "the Update Result depends on the State transition").
//
// LwM2M has no messages of its own beyond CoAP operations on paths, so the mapping reads an
// `lwm2m_message`: one operation (Read, its answer or a Notify, Write, Execute, or the client's
// CoAP answer) on one path, with the Object 5 values `lwm2m::decode_firmware_update` gives.
// Device-safe: no allocation, no exceptions.
#ifndef OTAWIRE_OTA_LWM2M_HPP
#define OTAWIRE_OTA_LWM2M_HPP

#include <otawire/lwm2m/messages.hpp>
#include <otawire/lwm2m/session.hpp>
#include <otawire/ota/model.hpp>
#include <otawire/result.hpp>

#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <span>
#include <string_view>

namespace otawire::ota {

/// The CoAP operations the mapping reads (the `vendor_record::message_kind` of LwM2M events).
enum class lwm2m_operation : std::uint8_t {
  read_request,  ///< server → client: Read (or Observe) of `path`
  read_value,    ///< client → server: the value a Read asked for
  notify,        ///< client → server: an Observe notification of `path`
  write,         ///< server → client: Write of `values` to `path`
  execute,       ///< server → client: Execute `path` (`/5/0/2` Update, `/5/0/10` Cancel)
  response,      ///< client → server: the CoAP answer (`response`) to a Write or Execute of `path`
};

/// The running version's path, `/3/0/3` (Device object, Firmware Version).
inline constexpr lwm2m::path device_firmware_version_path{3, 0, 3, 0, 3};

///@{
/// Object 5 paths the mapping names (`/5/0/<rid>`).
[[nodiscard]] constexpr lwm2m::path firmware_path(lwm2m::fw_resource r) noexcept {
  return lwm2m::path{lwm2m::firmware_object_id, 0, static_cast<std::uint16_t>(r), 0, 3};
}
inline constexpr lwm2m::path firmware_instance_path{lwm2m::firmware_object_id, 0, 0, 0, 2};
///@}

/// One LwM2M operation on Object 5 or `/3/0/3`, as the mapping reads and writes it. Strings and
/// bytes are views into the payload it was decoded from.
struct lwm2m_message {
  lwm2m_operation operation = lwm2m_operation::read_request;  ///< what happened
  lwm2m::path target = device_firmware_version_path;         ///< on which path
  lwm2m::firmware_update values{};  ///< Object 5 values written, read or notified
  std::string_view running_version{};  ///< `/3/0/3`'s value, for a read value or notify of `/3/0/3`
  lwm2m::coap_code response = lwm2m::coap_code::none;  ///< the client's answer, for `response`
  std::uint64_t block_offset = 0;  ///< byte offset of a pushed Package block (CoAP Block1)
  /// Messages are equal when every part is.
  friend constexpr bool operator==(const lwm2m_message&, const lwm2m_message&) noexcept = default;
};

/// What the LwM2M mapping needs to know about the session (§2.2 ⓢ, §3.3).
struct lwm2m_session_context {
  /// State before this message (the meaning of an Update Result depends on the transition).
  lwm2m::fw_state previous_state = lwm2m::fw_state::idle;
  /// `/3/0/3` as last read: Update Result 1's new version comes from there.
  std::string_view running_version{};
  /// The Update Result last observed, when known. A server reads `/5/0` again after an update
  /// (to see the new package name and version): the same failure or success shown again in the
  /// same State is not news, and gives no second outcome event.
  std::optional<lwm2m::update_result> previous_result{};
};

/// The synthesis rules the LwM2M mapping applies.
namespace rules {
/// Update Result 1 → `succeeded{new_version}` with the version from `/3/0/3` (§2.2).
inline constexpr synthesis_rule lwm2m_success_version_from_device_object{
    "lwm2m_success_version_from_device_object", "crosswalk 2.2: Result 1 -> succeeded, new version from /3/0/3"};
}  // namespace rules

/// The most events one LwM2M message becomes (State 0→1: `accepted{offer}` + `progress`;
/// a pushed first block: `upgrade_offer` + `chunk`).
inline constexpr std::size_t lwm2m_max_events = 2;

/// The neutral reason of Update Result `r` read in a failure (§3.2 LWM column). 3, 4 and 8 are
/// `lossy` (narrower or vaguer than the neutral class); values above 11 are `unspecified`. 0 and
/// 1 are not failures and give `unspecified`, `lossy`.
[[nodiscard]] constexpr reason_mapping decode_lwm2m_reason(lwm2m::update_result r) noexcept {
  using lwm2m::update_result;
  switch (r) {
    case update_result::not_enough_flash: return {reason::no_storage, fidelity::exact};
    case update_result::out_of_ram: return {reason::out_of_memory, fidelity::lossy};  // "during downloading"
    case update_result::connection_lost: return {reason::download_timeout, fidelity::lossy};
    case update_result::integrity_check_failure: return {reason::integrity_failed, fidelity::exact};
    case update_result::unsupported_package_type: return {reason::unsupported_package, fidelity::exact};
    case update_result::invalid_uri: return {reason::invalid_uri, fidelity::exact};
    case update_result::update_failed: return {reason::install_failed, fidelity::lossy};  // generic
    case update_result::unsupported_protocol: return {reason::unsupported_protocol, fidelity::exact};
    case update_result::cancelled: return {reason::cancelled, fidelity::exact};
    case update_result::deferred: return {reason::deferred, fidelity::exact};
    case update_result::initial:
    case update_result::success: break;
  }
  return {reason::unspecified, fidelity::lossy};
}

/// How `from_event` writes LwM2M: the peer's object version decides whether Update Results 10
/// and 11 and the 1.1+/1.2 policy resources exist (§3.3).
struct lwm2m_profile {
  lwm2m::object_version version = lwm2m::object_version::v1_1;  ///< the peer's Object 5 version
};

/// An Update Result chosen for a reason, and how faithfully.
struct lwm2m_code_mapping {
  lwm2m::update_result code = lwm2m::update_result::update_failed;  ///< the result to report
  lwm2m::fw_state state_after = lwm2m::fw_state::idle;  ///< the State the transition ends in
  fidelity mapped = fidelity::exact;  ///< `lossy` for `≈`, `fallback` for `→X`
};

/// The Update Result (and the State it is reported with) for reason `why` failing in `stage`
/// (§3.3): downloads fail to Idle with 2–7 or 9; installs fail back to Downloaded with 8, or to
/// Idle with 5 (1.1+); 10 and 11 only from 1.1. Everything LwM2M cannot name becomes 8.
[[nodiscard]] constexpr lwm2m_code_mapping encode_lwm2m_reason(phase stage, reason why,
                                                               lwm2m_profile profile = {}) noexcept {
  using lwm2m::fw_state;
  using lwm2m::update_result;
  const bool v1_0 = profile.version == lwm2m::object_version::v1_0;
  const bool installing = stage == phase::install;
  const fw_state after = installing ? fw_state::downloaded : fw_state::idle;
  const auto exact = [after](update_result r) { return lwm2m_code_mapping{r, after, fidelity::exact}; };
  const auto lossy = [after](update_result r) { return lwm2m_code_mapping{r, after, fidelity::lossy}; };
  const auto fallback = [after](update_result r) { return lwm2m_code_mapping{r, after, fidelity::fallback}; };
  if (installing) {
    if (why == reason::install_failed) return lossy(update_result::update_failed);
    if (why == reason::integrity_failed && !v1_0) {
      return {update_result::integrity_check_failure, fw_state::idle, fidelity::exact};
    }
    if (why == reason::cancelled && !v1_0) return {update_result::cancelled, fw_state::idle, fidelity::exact};
    if (why == reason::deferred && !v1_0) return {update_result::deferred, fw_state::downloaded, fidelity::exact};
    return fallback(update_result::update_failed);
  }
  switch (why) {
    case reason::no_storage: return exact(update_result::not_enough_flash);
    case reason::out_of_memory: return lossy(update_result::out_of_ram);
    case reason::download_timeout: return lossy(update_result::connection_lost);
    case reason::download_failed: return fallback(update_result::connection_lost);
    case reason::download_auth_failed: return fallback(update_result::invalid_uri);
    case reason::invalid_uri: return exact(update_result::invalid_uri);
    case reason::unsupported_protocol: return exact(update_result::unsupported_protocol);
    case reason::integrity_failed: return exact(update_result::integrity_check_failure);
    case reason::unsupported_package: return exact(update_result::unsupported_package_type);
    case reason::install_failed: return lossy(update_result::update_failed);
    case reason::cancelled:
      // Object 1.0 has no 10: the only cancel is the reset, which leaves Result 0.
      return v1_0 ? lossy(update_result::initial) : exact(update_result::cancelled);
    case reason::deferred:
      return v1_0 ? lwm2m_code_mapping{update_result::initial, fw_state::downloaded, fidelity::lossy}
                  : lwm2m_code_mapping{update_result::deferred, fw_state::downloaded, fidelity::exact};
    default: return fallback(update_result::update_failed);  // Zephyr's precedent (§3.3)
  }
}

namespace detail {
/// Fills `e`'s envelope from `base`, re-stamped as read from LwM2M message `m`, and its
/// fidelity. In place: an event is a few hundred bytes, so no temporary copy is made.
constexpr void stamp_lwm2m_event(event& e, const lwm2m_message& m, const envelope& base, fidelity mapped) noexcept {
  e.head = base;
  e.head.source_protocol = protocol::lwm2m_fw;
  const bool from_client = m.operation == lwm2m_operation::read_value || m.operation == lwm2m_operation::notify ||
                           m.operation == lwm2m_operation::response;
  e.head.dir = from_client ? direction::device_to_platform : direction::platform_to_device;
  if (e.head.part.kind == component_kind::unspecified) e.head.part.kind = component_kind::firmware;
  e.head.vendor = vendor_record{};
  e.head.vendor.source = protocol::lwm2m_fw;
  e.head.vendor.message_kind = static_cast<std::uint8_t>(m.operation);
  if (m.values.result) e.head.vendor.raw_code = static_cast<std::int32_t>(*m.values.result);
  if (m.operation == lwm2m_operation::response) e.head.vendor.raw_code = static_cast<std::int32_t>(m.response);
  // /5/0/12 is in seconds; one whose milliseconds do not fit in 64 bits is left out, not wrapped.
  constexpr std::int64_t max_seconds = std::numeric_limits<std::int64_t>::max() / 1000;
  if (const auto& t = m.values.last_state_change_time; t && *t <= max_seconds && *t >= -max_seconds) {
    e.head.time_ms = *t * 1000;
  }
  e.mapped = mapped;
  e.made_by = nullptr;
}

/// Whether `p` is `/5/0/<r>`.
[[nodiscard]] constexpr bool is_firmware_resource(const lwm2m::path& p, lwm2m::fw_resource r) noexcept {
  return p == firmware_path(r);
}

/// Whether `p` is `/5/0` or `/5/0/<r>` (a Write or Read of the instance carries every resource).
[[nodiscard]] constexpr bool covers_firmware_resource(const lwm2m::path& p, lwm2m::fw_resource r) noexcept {
  return p == firmware_instance_path || is_firmware_resource(p, r);
}

/// The install policy an Object 5 write carries (§1.3 `policy`).
[[nodiscard]] constexpr install_policy policy_of(const lwm2m::firmware_update& v) noexcept {
  install_policy p{};
  if (v.update_severity) p.severity = static_cast<std::uint8_t>(*v.update_severity);
  p.max_defer_seconds = v.maximum_defer_period;
  p.automatic_upgrade = v.automatic_upgrade;
  return p;
}
}  // namespace detail

/// The neutral events of LwM2M message `m` (§2.2), written to `out`; returns how many (0 for
/// operations the crosswalk maps to no event, such as a Read of another resource or a Write of
/// the policy alone). `base` supplies what the transport knows; strings and bytes are views into
/// `m`'s payload. `buffer_too_small` when `out` is shorter than the events (`lwm2m_max_events`
/// always suffices).
[[nodiscard]] constexpr result<std::size_t> to_events(const lwm2m_message& m, const envelope& base,
                                                      const lwm2m_session_context& context,
                                                      std::span<event> out) noexcept {
  using lwm2m::fw_resource;
  using lwm2m::fw_state;
  using lwm2m::update_result;
  // Written straight into `out` (an event is a few hundred bytes: no copy on the stack); `count`
  // keeps counting past its end so that the error says how many were needed.
  std::size_t count = 0;
  const auto add = [&]<class Body>(const Body& body, fidelity mapped = fidelity::exact) -> event* {
    event* slot = count < out.size() ? &out[count] : nullptr;
    ++count;
    if (slot == nullptr) return nullptr;
    detail::stamp_lwm2m_event(*slot, m, base, mapped);
    slot->body.template emplace<Body>(body);
    return slot;
  };
  const auto& v = m.values;
  switch (m.operation) {
    case lwm2m_operation::read_request:
      if (m.target == device_firmware_version_path) add(version_query{});
      break;
    case lwm2m_operation::read_value:
    case lwm2m_operation::notify: {
      if (m.target == device_firmware_version_path) {
        version_report report{};
        report.first.part = component{component_kind::firmware, base.part.module};
        report.first.version = m.running_version;
        report.solicited = m.operation == lwm2m_operation::read_value;
        add(report);
        break;
      }
      const auto before = context.previous_state;
      const bool same_again = v.result && context.previous_result == v.result && (!v.state || *v.state == before);
      if (v.result && *v.result != update_result::initial && same_again) break;
      if (v.result && *v.result != update_result::initial) {
        const auto r = *v.result;
        if (r == update_result::success) {
          if (event* e = add(succeeded{context.running_version}, fidelity::synthesised)) {
            e->made_by = &rules::lwm2m_success_version_from_device_object;
          }
        } else if (r == update_result::deferred) {
          add(refused{answer_subject::install, reason::deferred});
        } else if (before == fw_state::idle && (r == update_result::invalid_uri || r == update_result::unsupported_protocol)) {
          // A Write of the URI was refused: State stays Idle (§2.2).
          const auto mapping = decode_lwm2m_reason(r);
          add(refused{answer_subject::offer, mapping.why}, mapping.mapped);
        } else {
          auto mapping = decode_lwm2m_reason(r);
          phase stage = phase::unspecified;
          if (before == fw_state::downloading) stage = phase::download;
          if (before == fw_state::updating) stage = phase::install;
          // Zephyr also reports 8 during a download: there it names no class (§3.2).
          if (r == update_result::update_failed && stage == phase::download) mapping = {reason::unspecified, fidelity::lossy};
          add(failed{stage, mapping.why, {}}, mapping.mapped);
        }
        break;
      }
      if (!v.state) break;
      switch (*v.state) {
        case fw_state::downloading:
          if (before == fw_state::idle) add(accepted{answer_subject::offer});
          add(progress{phase::download, {}, {}, {}});
          break;
        case fw_state::downloaded:
          if (before == fw_state::idle || before == fw_state::downloading) {
            add(download_finished{verification::verified, v.pkg_version.value_or(std::string_view{})});
          }
          break;
        case fw_state::updating:
          if (before == fw_state::downloaded) add(accepted{answer_subject::install});
          add(progress{phase::install, {}, {}, {}});
          break;
        case fw_state::idle: break;  // read together with the Update Result (above)
      }
      break;
    }
    case lwm2m_operation::write: {
      if (v.is_reset()) {
        add(cancel{cancel_mode::reset});
        break;
      }
      if (v.package_uri && detail::covers_firmware_resource(m.target, fw_resource::package_uri)) {
        upgrade_offer offer{};
        offer.package.source.kind = source_kind::url;
        offer.package.source.url = *v.package_uri;
        offer.package.policy = detail::policy_of(v);
        add(offer);
      } else if (v.package && detail::covers_firmware_resource(m.target, fw_resource::package)) {
        if (m.block_offset == 0) {
          upgrade_offer offer{};
          offer.package.source.kind = source_kind::push;
          offer.package.policy = detail::policy_of(v);
          add(offer);
        }
        chunk piece{};
        piece.by_offset = true;
        piece.position = m.block_offset;
        piece.bytes = *v.package;
        add(piece);
      }
      break;
    }
    case lwm2m_operation::execute:
      if (detail::is_firmware_resource(m.target, fw_resource::update)) add(install_request{});
      if (detail::is_firmware_resource(m.target, fw_resource::cancel)) add(cancel{cancel_mode::cancel});
      break;
    case lwm2m_operation::response: {
      if (m.response != lwm2m::coap_code::method_not_allowed) break;  // acceptance shows in State
      if (detail::is_firmware_resource(m.target, fw_resource::update)) {
        add(refused{answer_subject::install, reason::internal_error}, fidelity::lossy);  // 4.05: not Downloaded
      } else if (detail::is_firmware_resource(m.target, fw_resource::cancel) ||
                 detail::is_firmware_resource(m.target, fw_resource::package_uri) ||
                 detail::is_firmware_resource(m.target, fw_resource::package)) {
        add(refused{answer_subject::cancel, reason::unspecified}, fidelity::lossy);  // 4.05 while installing
      }
      break;
    }
  }
  if (out.size() < count) return fail(errc::buffer_too_small, "events", count);
  return count;
}

/// What `from_event` made for LwM2M: the operation (none when LwM2M has none for the event),
/// how faithfully, and what it could not carry.
using lwm2m_encoding = encoding<lwm2m_message>;

namespace detail {
/// A notification of `/5/0` with State (and Update Result, when given).
[[nodiscard]] constexpr lwm2m_message lwm2m_state_notify(lwm2m::fw_state state,
                                                         std::optional<lwm2m::update_result> result = {}) noexcept {
  lwm2m_message m{};
  m.operation = lwm2m_operation::notify;
  m.target = firmware_instance_path;
  m.values.state = state;
  m.values.result = result;
  return m;
}
}  // namespace detail

/// The LwM2M operation that carries event `e` (§2.2 "synthesise neutral→LWM"), with an Update
/// Result legal for the State transition and object version (§3.3), reporting what it could not
/// carry. Events LwM2M has no operation for give no message and `lost_field::whole_event`.
/// Errors, never a silent change: a URL longer than 255 bytes or needing a header (`unsupported`:
/// re-host it, §4.2), and offers that are not URLs (`unsupported`: PCP fragments and pushes need
/// the gateway's package handling, §4.1 `As`/`Rh`).
[[nodiscard]] constexpr result<lwm2m_encoding> from_event(const event& e, lwm2m_profile profile) noexcept {
  using lwm2m::fw_resource;
  using lwm2m::fw_state;
  using lwm2m::update_result;
  lwm2m_encoding out{};
  const bool v1_0 = profile.version == lwm2m::object_version::v1_0;
  if (!e.head.part.module.empty()) out.lose(lost_field::module);
  if (!e.head.upgrade_task.task_id.empty() || !e.head.upgrade_task.firmware_id.empty() ||
      e.head.upgrade_task.package_check_code) {
    out.lose(lost_field::task_id);
  }
  switch (e.kind()) {
    case event_kind::version_query: {
      lwm2m_message m{};
      m.operation = lwm2m_operation::read_request;
      m.target = device_firmware_version_path;
      out.message = m;
      break;
    }
    case event_kind::version_report: {
      const auto& report = std::get<version_report>(e.body);
      if (report.second) out.lose(lost_field::second_version);
      if (!report.first.part.module.empty()) out.lose(lost_field::module);
      lwm2m_message m{};
      m.operation = report.solicited ? lwm2m_operation::read_value : lwm2m_operation::notify;
      m.target = device_firmware_version_path;
      m.running_version = report.first.version;
      out.message = m;
      break;
    }
    case event_kind::upgrade_offer: {
      const auto& package = std::get<upgrade_offer>(e.body).package;
      if (package.source.kind != source_kind::url) return fail(errc::unsupported, "source", 0);
      if (package.source.url.size() > 255) return fail(errc::unsupported, "url", 255);
      if (package.source.auth == url_auth::bearer || package.source.auth == url_auth::query_token) {
        return fail(errc::unsupported, "url_auth", 0);
      }
      lwm2m_message m{};
      m.operation = lwm2m_operation::write;
      m.target = firmware_path(fw_resource::package_uri);
      m.values.package_uri = package.source.url;
      const auto& policy = package.policy;
      if (policy != install_policy{}) {
        m.target = firmware_instance_path;  // the URI and the policy in one Write of /5/0
        if (!v1_0 && policy.severity && *policy.severity <= 2) {
          m.values.update_severity = static_cast<lwm2m::severity>(*policy.severity);
        } else if (policy.severity) {
          out.lose(lost_field::policy);
        }
        if (!v1_0) {
          m.values.maximum_defer_period = policy.max_defer_seconds;
        } else if (policy.max_defer_seconds) {
          out.lose(lost_field::policy);
        }
        if (profile.version == lwm2m::object_version::v1_2) {
          m.values.automatic_upgrade = policy.automatic_upgrade;
        } else if (policy.automatic_upgrade) {
          out.lose(lost_field::policy);
        }
      }
      if (!package.version.empty()) out.lose(lost_field::version);  // LwM2M names no target
      if (package.min_size != 0 || package.max_size != 0) out.lose(lost_field::exact_size);
      if (package.package_digest.algorithm != digest_algorithm::none) out.lose(lost_field::digest);
      if (!package.file_name.empty() || package.is_diff || !package.extras.empty()) {
        out.lose(lost_field::policy);
      }
      out.message = m;
      break;
    }
    case event_kind::accepted: {
      const auto subject = std::get<accepted>(e.body).subject;
      if (subject == answer_subject::offer) {
        out.message = detail::lwm2m_state_notify(fw_state::downloading);
      } else if (subject == answer_subject::install) {
        out.message = detail::lwm2m_state_notify(fw_state::updating);
      } else {
        lwm2m_message m{};  // the Cancel's 2.04; its outcome follows as Result 10
        m.operation = lwm2m_operation::response;
        m.target = firmware_path(fw_resource::cancel);
        m.response = lwm2m::coap_code::changed;
        out.message = m;
      }
      break;
    }
    case event_kind::refused: {
      const auto& refusal = std::get<refused>(e.body);
      if (refusal.subject == answer_subject::offer) {
        // LwM2M cannot refuse before download (§3.5 item 3): only 7 and 9 exist, the rest is 8.
        auto code = encode_lwm2m_reason(phase::download, refusal.why, profile);
        if (refusal.why != reason::invalid_uri && refusal.why != reason::unsupported_protocol) {
          code.code = refusal.why == reason::download_auth_failed ? update_result::invalid_uri : update_result::update_failed;
          code.mapped = fidelity::fallback;
        }
        if (code.mapped != fidelity::exact) out.lose(lost_field::exact_reason, code.mapped);
        out.message = detail::lwm2m_state_notify(fw_state::idle, code.code);
      } else if (refusal.subject == answer_subject::install && refusal.why == reason::deferred) {
        if (v1_0) {
          out.lose(lost_field::exact_reason);  // 1.0: stay Downloaded, no code
          out.message = detail::lwm2m_state_notify(fw_state::downloaded);
        } else {
          out.message = detail::lwm2m_state_notify(fw_state::downloaded, update_result::deferred);
        }
      } else {
        // Any other refusal of Update or Cancel is the 4.05 the client answers.
        if (refusal.why != reason::internal_error && refusal.why != reason::unspecified) {
          out.lose(lost_field::exact_reason, fidelity::fallback);
        } else {
          out.mapped = worst(out.mapped, fidelity::lossy);
        }
        lwm2m_message m{};
        m.operation = lwm2m_operation::response;
        m.target = firmware_path(refusal.subject == answer_subject::install ? fw_resource::update : fw_resource::cancel);
        m.response = lwm2m::coap_code::method_not_allowed;
        out.message = m;
      }
      break;
    }
    case event_kind::progress: {
      const auto& step = std::get<progress>(e.body);
      if (step.percent || step.fragment || step.bytes) out.lose(lost_field::percent);
      if (step.stage == phase::install) {
        out.message = detail::lwm2m_state_notify(fw_state::updating);
      } else {
        if (step.stage != phase::download) out.mapped = worst(out.mapped, fidelity::lossy);  // phase guessed
        out.message = detail::lwm2m_state_notify(fw_state::downloading);
      }
      break;
    }
    case event_kind::download_finished: {
      const auto& done = std::get<download_finished>(e.body);
      if (done.checked != verification::verified) out.mapped = worst(out.mapped, fidelity::lossy);  // State 2 claims it
      auto m = detail::lwm2m_state_notify(fw_state::downloaded);
      if (!done.package_version.empty()) m.values.pkg_version = done.package_version;
      out.message = m;
      break;
    }
    case event_kind::install_request: {
      lwm2m_message m{};
      m.operation = lwm2m_operation::execute;
      m.target = firmware_path(fw_resource::update);
      out.message = m;
      break;
    }
    case event_kind::succeeded: {
      // The new version belongs in /3/0/3, a separate notification the gateway sends.
      if (!std::get<succeeded>(e.body).new_version.empty()) out.lose(lost_field::version);
      out.message = detail::lwm2m_state_notify(fw_state::idle, update_result::success);
      break;
    }
    case event_kind::failed: {
      const auto& failure = std::get<failed>(e.body);
      auto stage = failure.stage == phase::offer ? phase::download : failure.stage;
      if (stage == phase::unspecified) {
        stage = phase::download;
        out.mapped = worst(out.mapped, fidelity::lossy);  // phase guessed
      }
      const auto code = encode_lwm2m_reason(stage, failure.why, profile);
      if (code.mapped != fidelity::exact) out.lose(lost_field::exact_reason, code.mapped);
      if (!failure.version_at_failure.empty()) out.lose(lost_field::version);
      out.message = detail::lwm2m_state_notify(code.state_after, code.code);
      break;
    }
    case event_kind::cancel: {
      const auto mode = std::get<cancel>(e.body).mode;
      lwm2m_message m{};
      if (mode == cancel_mode::cancel && !v1_0) {
        m.operation = lwm2m_operation::execute;
        m.target = firmware_path(fw_resource::cancel);
      } else {
        if (mode == cancel_mode::cancel) out.mapped = worst(out.mapped, fidelity::lossy);  // 1.0: Result 0, not 10
        m.operation = lwm2m_operation::write;
        m.target = firmware_path(fw_resource::package_uri);
        m.values.package_uri = std::string_view{};
      }
      out.message = m;
      break;
    }
    case event_kind::chunk: {
      const auto& piece = std::get<chunk>(e.body);
      if (piece.status != chunk_status::data) {
        out.lose(lost_field::whole_event);  // no such status in a block-wise Write
        break;
      }
      if (!piece.by_offset) return fail(errc::unsupported, "chunk_index", 0);  // needs the fragment size
      lwm2m_message m{};
      m.operation = lwm2m_operation::write;
      m.target = firmware_path(fw_resource::package);
      m.values.package = piece.bytes;
      m.block_offset = piece.position;
      out.message = m;
      break;
    }
    case event_kind::upgrade_request:
    case event_kind::no_upgrade:
    case event_kind::ack:
    case event_kind::chunk_request: out.lose(lost_field::whole_event); break;
  }
  return out;
}

}  // namespace otawire::ota

#endif
