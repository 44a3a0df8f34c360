// otawire::ota — PCP messages to neutral events and back (crosswalk.md §2.1, §3.2, §3.3).
//
// `to_events` turns one decoded PCP message (plus the session context it needs) into neutral
// events; `from_event` turns a neutral event into the PCP message that carries it, choosing a
// result code the message allows (§3.3) and reporting what it could not carry. Device-safe: no
// allocation, no exceptions.
#ifndef OTAWIRE_OTA_PCP_HPP
#define OTAWIRE_OTA_PCP_HPP

#include <otawire/ota/model.hpp>
#include <otawire/pcp/codec.hpp>
#include <otawire/pcp/messages.hpp>
#include <otawire/result.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <variant>

namespace otawire::ota {

/// The synthesis rules the PCP mapping applies (§1.4 ⓢ).
namespace rules {
/// PCP 21 request → `progress{download}`: percent = ⌊index·100/count⌋, count from the 20 request.
inline constexpr synthesis_rule pcp_progress_from_fragment_index{
    "pcp_progress_from_fragment_index", "crosswalk 2.1: 21 req, percent = index*100/count (count from 20)"};
}  // namespace rules

/// What a PCP mapping needs to know about the session (§2.1 ⓢ).
struct pcp_session_context {
  /// The fragment count the 20 request announced; without it a 21 request gives no progress.
  std::optional<std::uint16_t> fragment_count{};
};

/// The most events one PCP message becomes (a 21 request: `chunk_request` + `progress`).
inline constexpr std::size_t pcp_max_events = 2;

/// The neutral reason of a non-success PCP result code (§3.2 PCP column). 0x07 is `lossy`: PCP's
/// integrity check is the device's own, with no platform digest. `success` has no reason.
[[nodiscard]] constexpr reason_mapping decode_pcp_reason(pcp::result_code code) noexcept {
  using pcp::result_code;
  switch (code) {
    case result_code::device_busy: return {reason::busy, fidelity::exact};
    case result_code::weak_signal: return {reason::poor_signal, fidelity::exact};
    case result_code::already_latest: return {reason::already_latest, fidelity::exact};
    case result_code::low_battery: return {reason::low_battery, fidelity::exact};
    case result_code::no_space: return {reason::no_storage, fidelity::exact};
    case result_code::download_timeout: return {reason::download_timeout, fidelity::exact};
    case result_code::package_check_failed: return {reason::integrity_failed, fidelity::lossy};
    case result_code::package_type_unsupported: return {reason::unsupported_package, fidelity::exact};
    case result_code::out_of_memory: return {reason::out_of_memory, fidelity::exact};
    case result_code::install_failed: return {reason::install_failed, fidelity::exact};
    case result_code::internal_error: return {reason::internal_error, fidelity::exact};
    case result_code::task_not_found: return {reason::task_not_found, fidelity::exact};
    case result_code::fragment_not_found: return {reason::fragment_not_found, fidelity::exact};
    case result_code::success: break;
  }
  return {reason::unspecified, fidelity::lossy};  // success, or a byte outside the table
}

/// Which stand-in a 23 response uses for a reason outside its documented set (§3.3).
enum class pcp_install_refusal : std::uint8_t {
  internal_error,  ///< 0x7F, as Huawei's LiteOS (C1) sends it; the default
  device_busy,     ///< 0x01, the documented set only ("strict alternative")
};

/// How `from_event` writes PCP (§3.3). Codes outside a message's documented set are never sent:
/// the PCP codec refuses them (`pcp::check`), so the crosswalk's "lenient" profile does not exist here.
struct pcp_profile {
  pcp_install_refusal install_refusal = pcp_install_refusal::internal_error;  ///< the 23 response's stand-in
};

/// A PCP result code chosen for a reason, and how faithfully.
struct pcp_code_mapping {
  pcp::result_code code = pcp::result_code::internal_error;  ///< legal for the message it was chosen for
  fidelity mapped = fidelity::exact;  ///< `lossy` for `≈`, `fallback` for `→X`
};

/// The result code message `kind` carries for reason `why` (§3.3: the sets differ per message).
/// Kinds without a result field give `internal_error` with `fallback`; callers do not ask for them.
[[nodiscard]] constexpr pcp_code_mapping encode_pcp_reason(pcp::message_kind kind, reason why,
                                                           pcp_profile profile = {}) noexcept {
  using pcp::message_kind;
  using pcp::result_code;
  const auto exact = [](result_code c) { return pcp_code_mapping{c, fidelity::exact}; };
  const auto lossy = [](result_code c) { return pcp_code_mapping{c, fidelity::lossy}; };
  const auto fallback = [](result_code c) { return pcp_code_mapping{c, fidelity::fallback}; };
  switch (kind) {
    case message_kind::notify_new_version_response:  // {01 02 03 04 05 09 7F}, else 0x7F
      switch (why) {
        case reason::busy: return exact(result_code::device_busy);
        case reason::poor_signal: return exact(result_code::weak_signal);
        case reason::already_latest: return exact(result_code::already_latest);
        case reason::low_battery: return exact(result_code::low_battery);
        case reason::no_storage: return exact(result_code::no_space);
        case reason::out_of_memory: return exact(result_code::out_of_memory);
        case reason::internal_error: return exact(result_code::internal_error);
        case reason::deferred: return lossy(result_code::device_busy);
        case reason::unsupported_package: return lossy(result_code::internal_error);
        default: return fallback(result_code::internal_error);
      }
    case message_kind::request_fragment_response:  // {80 81}, else 0x80 (the device gives up)
      if (why == reason::fragment_not_found) return exact(result_code::fragment_not_found);
      if (why == reason::task_not_found) return exact(result_code::task_not_found);
      return fallback(result_code::task_not_found);
    case message_kind::report_download_result_request:  // {05 06 07 08}, else 0x06
      switch (why) {
        case reason::no_storage: return exact(result_code::no_space);
        case reason::download_timeout: return exact(result_code::download_timeout);
        case reason::integrity_failed: return lossy(result_code::package_check_failed);
        case reason::unsupported_package: return exact(result_code::package_type_unsupported);
        case reason::out_of_memory: return lossy(result_code::no_space);
        default: return fallback(result_code::download_timeout);
      }
    case message_kind::report_download_result_response:  // {80} besides success
    case message_kind::report_upgrade_result_response:
      if (why == reason::task_not_found) return exact(result_code::task_not_found);
      return fallback(result_code::task_not_found);
    case message_kind::execute_upgrade_response: {  // {01 04 05 09} (+ 0x7F in C1)
      const bool c1 = profile.install_refusal == pcp_install_refusal::internal_error;
      const result_code stand_in = c1 ? result_code::internal_error : result_code::device_busy;
      switch (why) {
        case reason::busy: return exact(result_code::device_busy);
        case reason::low_battery: return exact(result_code::low_battery);
        case reason::no_storage: return exact(result_code::no_space);
        case reason::out_of_memory: return exact(result_code::out_of_memory);
        case reason::internal_error: return c1 ? exact(result_code::internal_error) : fallback(stand_in);
        case reason::deferred: return lossy(result_code::device_busy);
        default: return fallback(stand_in);
      }
    }
    case message_kind::report_upgrade_result_request:  // {01 04 05 09 0A 7F}, else 0x7F
      switch (why) {
        case reason::busy: return exact(result_code::device_busy);
        case reason::low_battery: return exact(result_code::low_battery);
        case reason::no_storage: return exact(result_code::no_space);
        case reason::out_of_memory: return exact(result_code::out_of_memory);
        case reason::install_failed: return exact(result_code::install_failed);
        case reason::internal_error: return exact(result_code::internal_error);
        case reason::integrity_failed:
        case reason::unsupported_package: return lossy(result_code::install_failed);
        default: return fallback(result_code::internal_error);
      }
    default: return fallback(result_code::internal_error);
  }
}

namespace detail {
/// The result or status field of a PCP message, if its kind has one.
[[nodiscard]] constexpr std::optional<pcp::result_code> pcp_result_of(const pcp::message& m) noexcept {
  return std::visit(
      [](const auto& typed) -> std::optional<pcp::result_code> {
        if constexpr (requires { typed.result; }) {
          return typed.result;
        } else if constexpr (requires { typed.status; }) {
          return typed.status;
        } else {
          static_cast<void>(typed);
          return std::optional<pcp::result_code>{};
        }
      },
      m);
}

/// Fills `e`'s envelope from `base`, re-stamped as read from PCP message `m`, and its fidelity.
/// In place: an event is a few hundred bytes, so no temporary copy is made on a device's stack.
constexpr void stamp_pcp_event(event& e, const pcp::message& m, const envelope& base, reason_mapping mapping) noexcept {
  e.head = base;
  e.head.source_protocol = protocol::pcp;
  e.head.dir = pcp::direction_of(m);
  if (e.head.part.kind == component_kind::unspecified) e.head.part.kind = component_kind::software;  // pcp §7
  e.head.vendor = vendor_record{};
  e.head.vendor.source = protocol::pcp;
  e.head.vendor.message_kind = static_cast<std::uint8_t>(pcp::kind_of(m));
  if (auto r = pcp_result_of(m)) e.head.vendor.raw_code = static_cast<std::int32_t>(*r);
  e.mapped = mapping.mapped;
  e.made_by = nullptr;
}
}  // namespace detail

/// The neutral events of PCP message `m` (§2.1), written to `out`; returns how many. `base`
/// supplies what the transport knows (device, time); protocol, direction, component and the raw
/// vendor record are set from `m`. Versions and fragment data are views into `m`: keep it alive
/// as long as the events. `buffer_too_small` when `out` has fewer than the events need
/// (`pcp_max_events` always suffices).
[[nodiscard]] constexpr result<std::size_t> to_events(const pcp::message& m OTAWIRE_LIFETIMEBOUND,
                                                      const envelope& base, const pcp_session_context& context,
                                                      std::span<event> out) noexcept {
  // Written straight into `out` (an event is a few hundred bytes: no copy on the stack); `count`
  // keeps counting past its end so that the error says how many were needed.
  std::size_t count = 0;
  const auto add = [&]<class Body>(const Body& body, reason_mapping mapping = {}) -> event* {
    event* slot = count < out.size() ? &out[count] : nullptr;
    ++count;
    if (slot == nullptr) return nullptr;
    detail::stamp_pcp_event(*slot, m, base, mapping);
    slot->body.template emplace<Body>(body);
    return slot;
  };
  using pcp::result_code;
  switch (pcp::kind_of(m)) {
    case pcp::message_kind::query_version_request: add(version_query{}); break;
    case pcp::message_kind::query_version_response: {
      const auto& typed = std::get<pcp::query_version_response>(m);
      version_report report{};
      report.first.part = component{component_kind::software, base.part.module};
      report.first.version = typed.current_version.view();
      report.solicited = true;
      add(report);
      break;
    }
    case pcp::message_kind::notify_new_version_request: {
      const auto& typed = std::get<pcp::notify_new_version_request>(m);
      upgrade_offer offer{};
      offer.package.version = typed.target_version.view();
      // The last fragment is sent unpadded, so the plan bounds the size (pcp §3).
      const std::uint64_t size = typed.fragment_size;
      offer.package.min_size = typed.fragment_count == 0 ? 0 : (typed.fragment_count - 1u) * size + 1u;
      offer.package.max_size = typed.fragment_count * size;
      offer.package.source.kind = source_kind::fragments;
      offer.package.source.fragment_size = typed.fragment_size;
      offer.package.source.fragment_count = typed.fragment_count;
      if (event* e = add(offer)) e->head.upgrade_task.package_check_code = typed.package_check_code;
      break;
    }
    case pcp::message_kind::notify_new_version_response: {
      const auto r = std::get<pcp::notify_new_version_response>(m).result;
      if (r == result_code::success) {
        add(accepted{answer_subject::offer});
      } else {
        const auto mapping = decode_pcp_reason(r);
        add(refused{answer_subject::offer, mapping.why}, mapping);
      }
      break;
    }
    case pcp::message_kind::request_fragment_request: {
      const auto& typed = std::get<pcp::request_fragment_request>(m);
      add(chunk_request{typed.fragment_index, typed.target_version.view()});
      if (context.fragment_count && *context.fragment_count != 0 && typed.fragment_index < *context.fragment_count) {
        const auto total = *context.fragment_count;
        progress step{};
        step.stage = phase::download;
        step.percent = static_cast<std::uint8_t>(typed.fragment_index * 100u / total);
        step.fragment = fragment_position{typed.fragment_index, total};
        if (event* e = add(step)) {
          e->mapped = fidelity::synthesised;
          e->made_by = &rules::pcp_progress_from_fragment_index;
        }
      }
      break;
    }
    case pcp::message_kind::request_fragment_response: {
      const auto& typed = std::get<pcp::request_fragment_response>(m);
      chunk data{};
      data.position = typed.fragment_index;
      data.bytes = typed.data;
      if (typed.result == result_code::task_not_found) data.status = chunk_status::task_not_found;
      if (typed.result == result_code::fragment_not_found) data.status = chunk_status::fragment_not_found;
      add(data);
      break;
    }
    case pcp::message_kind::report_download_result_request: {
      const auto status = std::get<pcp::report_download_result_request>(m).status;
      if (status == result_code::success) {
        add(download_finished{verification::verified, {}});  // the device checked it (0x07 exists)
      } else {
        const auto mapping = decode_pcp_reason(status);
        add(failed{phase::download, mapping.why, {}}, mapping);
      }
      break;
    }
    case pcp::message_kind::report_download_result_response:
    case pcp::message_kind::report_upgrade_result_response: {
      const auto r = *detail::pcp_result_of(m);
      const auto of = pcp::kind_of(m) == pcp::message_kind::report_download_result_response
                          ? ack_subject::download_finished
                          : ack_subject::outcome;
      if (r == result_code::success) {
        add(ack{of, true, reason::unspecified});
      } else {
        const auto mapping = decode_pcp_reason(r);
        add(ack{of, false, mapping.why}, mapping);
      }
      break;
    }
    case pcp::message_kind::execute_upgrade_request: add(install_request{}); break;
    case pcp::message_kind::execute_upgrade_response: {
      const auto r = std::get<pcp::execute_upgrade_response>(m).result;
      if (r == result_code::success) {
        add(accepted{answer_subject::install});
      } else {
        const auto mapping = decode_pcp_reason(r);
        add(refused{answer_subject::install, mapping.why}, mapping);
      }
      break;
    }
    case pcp::message_kind::report_upgrade_result_request: {
      const auto& typed = std::get<pcp::report_upgrade_result_request>(m);
      if (typed.result == result_code::success) {
        add(succeeded{typed.current_version.view()});
      } else {
        const auto mapping = decode_pcp_reason(typed.result);
        add(failed{phase::install, mapping.why, typed.current_version.view()}, mapping);
      }
      break;
    }
  }
  if (out.size() < count) return fail(errc::buffer_too_small, "events", count);
  return count;
}
/// Not from a temporary message, whose versions and data the events would outlive.
result<std::size_t> to_events(const pcp::message&&, const envelope&, const pcp_session_context&,
                              std::span<event>) = delete;

/// What `from_event` made: the PCP message (none when PCP has no message for the event), how
/// faithfully, and what it could not carry.
using pcp_encoding = encoding<pcp::message>;

namespace detail {
/// The result code for `why` in a message of `kind`: the event's own raw PCP code when it came
/// from PCP, is legal here and still means `why` (byte-faithful re-encoding, §1.1 rule 2); else
/// the §3.3 choice.
[[nodiscard]] constexpr pcp_code_mapping pcp_code_for(const event& e, pcp::message_kind kind, reason why,
                                                      pcp_profile profile) noexcept {
  const auto& vendor = e.head.vendor;
  if (vendor.source == protocol::pcp && vendor.raw_code && *vendor.raw_code >= 0 && *vendor.raw_code <= 0xFF &&
      pcp::is_defined_result(static_cast<std::uint8_t>(*vendor.raw_code))) {
    const auto raw = static_cast<pcp::result_code>(*vendor.raw_code);
    if (raw != pcp::result_code::success && pcp::allowed_result(kind, raw) && decode_pcp_reason(raw).why == why) {
      return {raw, fidelity::exact};
    }
  }
  return encode_pcp_reason(kind, why, profile);
}

}  // namespace detail

/// The PCP message that carries event `e` (§2.1 "synthesise neutral→PCP"), with a result code
/// the message allows (§3.3). Events PCP has no message for (`upgrade_request`, `no_upgrade`,
/// `progress`, `cancel`, a version-report ack, an answer to a cancel) give no message and
/// `lost_field::whole_event`. Errors, never a silent change: a version PCP cannot carry
/// (`bad_string`: over 16 bytes or not printable ASCII; an alias table is the gateway's job), an
/// offer without a version (`missing_field`) or too large for 65 535 fragments (`out_of_range`),
/// a chunk addressed by byte offset (`unsupported`), or any field `pcp::check` refuses.
[[nodiscard]] constexpr result<pcp_encoding> from_event(const event& e, pcp_profile profile) noexcept {
  pcp_encoding out{};
  const auto version = [](std::string_view text) { return pcp::version_string::from(text); };
  const auto refusal = [&](pcp::message_kind kind, reason why) {
    const auto code = detail::pcp_code_for(e, kind, why, profile);
    if (code.mapped != fidelity::exact) out.lose(lost_field::exact_reason, code.mapped);
    return code.code;
  };
  if (!e.head.part.module.empty()) out.lose(lost_field::module);
  if (!e.head.upgrade_task.task_id.empty() || !e.head.upgrade_task.firmware_id.empty()) {
    out.lose(lost_field::task_id);
  }
  switch (e.kind()) {
    case event_kind::version_query: out.message = pcp::query_version_request{}; break;
    case event_kind::version_report: {
      const auto& report = std::get<version_report>(e.body);
      auto v = version(report.first.version);
      if (!v) return v.error();
      if (report.second) out.lose(lost_field::second_version);
      if (!report.first.part.module.empty()) out.lose(lost_field::module);
      out.message = pcp::query_version_response{pcp::result_code::success, *v};
      break;
    }
    case event_kind::upgrade_offer: {
      const auto& package = std::get<upgrade_offer>(e.body).package;
      // No target version (an LwM2M offer): the gateway must supply one (§4.1 `Tv`). A PCP offer
      // that itself announced the empty version keeps it.
      if (package.version.empty() && e.head.vendor.source != protocol::pcp) return fail(errc::missing_field, "version", 0);
      auto v = version(package.version);
      if (!v) return v.error();
      pcp::notify_new_version_request offer{};
      offer.target_version = *v;
      if (package.source.kind == source_kind::fragments) {
        offer.fragment_size = package.source.fragment_size;
        offer.fragment_count = package.source.fragment_count;
      } else {
        // Plan fragments of the default size over the largest size the offer allows (pcp §5.4).
        if (package.max_size == 0) return fail(errc::missing_field, "size", 0);
        // At most 65 535 fragments (§4.2); checked first so that the division is 32-bit (a 64-bit
        // one links a 700-byte runtime routine into a Cortex-M image).
        constexpr std::uint64_t largest = std::uint64_t{0xFFFF} * pcp::default_fragment_size;
        if (package.max_size > largest) return fail(errc::out_of_range, "size", 0);
        const auto size = static_cast<std::uint32_t>(package.max_size);
        const std::uint32_t count = (size + pcp::default_fragment_size - 1u) / pcp::default_fragment_size;
        offer.fragment_size = pcp::default_fragment_size;
        offer.fragment_count = static_cast<std::uint16_t>(count);
        if (package.exact_size()) out.lose(lost_field::exact_size);
      }
      if (package.source.kind == source_kind::url || package.source.kind == source_kind::push) {
        out.lose(lost_field::url);
      }
      if (package.package_digest.algorithm != digest_algorithm::none) out.lose(lost_field::digest);
      if (!package.file_name.empty() || package.is_diff || !package.extras.empty() ||
          package.policy != install_policy{}) {
        out.lose(lost_field::policy);
      }
      if (e.head.upgrade_task.package_check_code) {
        offer.package_check_code = *e.head.upgrade_task.package_check_code;
      } else {
        offer.package_check_code = 0;  // IoTDA's fixed 0000 (pcp §10): a stand-in, reported as such
        out.mapped = worst(out.mapped, fidelity::fallback);
      }
      out.message = offer;
      break;
    }
    case event_kind::accepted:
    case event_kind::refused: {
      const bool ok = e.kind() == event_kind::accepted;
      const auto subject = ok ? std::get<accepted>(e.body).subject : std::get<refused>(e.body).subject;
      const auto why = ok ? reason::unspecified : std::get<refused>(e.body).why;
      if (subject == answer_subject::offer) {
        const auto kind = pcp::message_kind::notify_new_version_response;
        out.message = pcp::notify_new_version_response{ok ? pcp::result_code::success : refusal(kind, why)};
      } else if (subject == answer_subject::install) {
        const auto kind = pcp::message_kind::execute_upgrade_response;
        out.message = pcp::execute_upgrade_response{ok ? pcp::result_code::success : refusal(kind, why)};
      } else {
        out.lose(lost_field::whole_event);  // PCP has no cancel to answer
      }
      break;
    }
    case event_kind::download_finished: {
      if (std::get<download_finished>(e.body).checked != verification::verified) {
        out.mapped = worst(out.mapped, fidelity::lossy);  // PCP's 0x00 claims the device checked it
      }
      out.message = pcp::report_download_result_request{pcp::result_code::success};
      break;
    }
    case event_kind::install_request: out.message = pcp::execute_upgrade_request{}; break;
    case event_kind::succeeded: {
      const auto& done = std::get<succeeded>(e.body);
      auto v = version(done.new_version);  // empty: 16 NULs, as a PCP device that does not say
      if (!v) return v.error();
      out.message = pcp::report_upgrade_result_request{pcp::result_code::success, *v};
      break;
    }
    case event_kind::failed: {
      const auto& failure = std::get<failed>(e.body);
      if (failure.stage == phase::offer || failure.stage == phase::download) {
        const auto kind = pcp::message_kind::report_download_result_request;
        out.message = pcp::report_download_result_request{refusal(kind, failure.why)};
        break;
      }
      // Install-stage and phase-less failures are reported as the upgrade's result (24).
      if (failure.stage == phase::unspecified) out.mapped = worst(out.mapped, fidelity::lossy);
      auto v = version(failure.version_at_failure);
      if (!v) return v.error();
      const auto kind = pcp::message_kind::report_upgrade_result_request;
      out.message = pcp::report_upgrade_result_request{refusal(kind, failure.why), *v};
      break;
    }
    case event_kind::ack: {
      const auto& answer = std::get<ack>(e.body);
      if (answer.of == ack_subject::version_report) {
        out.lose(lost_field::whole_event);  // 19 has no acknowledgement
        break;
      }
      const auto kind = answer.of == ack_subject::download_finished ? pcp::message_kind::report_download_result_response
                                                                    : pcp::message_kind::report_upgrade_result_response;
      const auto code = answer.ok ? pcp::result_code::success : refusal(kind, answer.why);
      if (kind == pcp::message_kind::report_download_result_response) {
        out.message = pcp::report_download_result_response{code};
      } else {
        out.message = pcp::report_upgrade_result_response{code};
      }
      break;
    }
    case event_kind::chunk_request: {
      const auto& request = std::get<chunk_request>(e.body);
      auto v = version(request.version);
      if (!v) return v.error();
      out.message = pcp::request_fragment_request{*v, request.index};
      break;
    }
    case event_kind::chunk: {
      const auto& data = std::get<chunk>(e.body);
      if (data.by_offset) return fail(errc::unsupported, "chunk_offset", 0);  // needs the fragment plan
      if (data.position > 0xFFFF) return fail(errc::out_of_range, "fragment_index", 0);
      pcp::request_fragment_response response{};
      response.fragment_index = static_cast<std::uint16_t>(data.position);
      if (data.status == chunk_status::data) {
        response.data = data.bytes;
      } else {
        const auto why = data.status == chunk_status::task_not_found ? reason::task_not_found : reason::fragment_not_found;
        response.result = refusal(pcp::message_kind::request_fragment_response, why);
      }
      out.message = response;
      break;
    }
    case event_kind::upgrade_request:
    case event_kind::no_upgrade:
    case event_kind::progress:
    case event_kind::cancel: out.lose(lost_field::whole_event); break;
  }
  if (out.message) {
    if (auto valid = pcp::check(*out.message); !valid) return valid.error();
  }
  return out;
}

}  // namespace otawire::ota

#endif
