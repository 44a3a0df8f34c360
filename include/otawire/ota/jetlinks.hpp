// otawire::ota — JetLinks firmware messages to neutral events and back (crosswalk.md §2.5, §3.2
// JTL column).
//
// `to_events` turns one decoded JetLinks message into a neutral event; `from_event` turns a
// neutral event into the JetLinks message that carries it and reports what it could not carry.
// JetLinks has no install request, no cancel and no acks on the wire (§2.5 last row), and no
// reason codes: a reason travels as free text, read and written by otawire's token convention
// (§3.2: `"integrity_failed: md5 mismatch"`); text that follows no convention is `unspecified`.
// Not device-safe: JetLinks' message structs keep `headers`, `properties` and `parameters` as raw
// JSON (jetlinks/messages.hpp), so this header needs the JSON target; it allocates nothing and
// throws nothing.
#ifndef OTAWIRE_OTA_JETLINKS_HPP
#define OTAWIRE_OTA_JETLINKS_HPP

#include <otawire/jetlinks/messages.hpp>
#include <otawire/json/fields.hpp>
#include <otawire/ota/model.hpp>
#include <otawire/result.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <type_traits>
#include <variant>

namespace otawire::ota {

/// What a JetLinks mapping needs to know about the session: nothing, as §2.5 has no ⓢ row; kept
/// so that every protocol's `to_events` has the same shape.
struct jetlinks_session_context {};

/// The most events one JetLinks message becomes.
inline constexpr std::size_t jetlinks_max_events = 1;

/// The neutral reason a JetLinks text names by otawire's token convention (§3.2 JTL column): a
/// reason's name (`ota::name(reason)`), alone or followed by `:` and any detail, is `exact`; any
/// other text — what a real JetLinks deployment sends (§6) — is `unspecified`, `lossy`.
[[nodiscard]] constexpr reason_mapping decode_jetlinks_reason(std::string_view text) noexcept {
  for (std::size_t r = 0; r < reason_count; ++r) {
    const auto why = static_cast<reason>(r);
    const std::string_view token = name(why);
    if (text.substr(0, token.size()) == token && (text.size() == token.size() || text[token.size()] == ':')) {
      return {why, fidelity::exact};
    }
  }
  return {reason::unspecified, fidelity::lossy};
}

/// The text token JetLinks carries for reason `why` (§3.2: `tok`, the reason's name; exact under
/// the convention, which both ends must follow).
[[nodiscard]] constexpr std::string_view encode_jetlinks_reason(reason why) noexcept { return name(why); }

/// What a JetLinks encoder echoes from the session (§2.5 "synthesise neutral→JTL"): progress must
/// name the active `version` and `firmwareId`, or the platform silently ignores it [json §C.5].
struct jetlinks_profile {
  /// The active upgrade's target version, for progress and failures (a success names its own).
  /// Empty: an event from another protocol cannot be written as progress (`missing_field`).
  std::string_view target_version{};
  /// The active upgrade's `firmwareId`, when the event carries none.
  std::string_view firmware_id{};
};

namespace detail {
/// A reply (`CommonDeviceMessageReply`): it names the request it answers by `messageId`.
template <class T>
concept jetlinks_reply = std::is_base_of_v<jetlinks::device_reply_fields, std::remove_cvref_t<T>>;

/// A present but empty optional text: the events read it back as absent.
[[nodiscard]] inline bool jetlinks_empty(const jetlinks::optional_string& s) noexcept { return s && s->empty(); }

/// Fills `e`'s envelope from `base`, re-stamped as read from JetLinks message `m`: correlation
/// (`messageId`), time (`timestamp`), device (`deviceId`, unless the transport named one: the
/// platform overwrites it from the topic, json §C.4), the raw text (`message` of a reply,
/// `errorReason` of a progress). Returns whether the envelope kept everything the common fields say
/// (not `headers`, a non-reply's `code`, a present but empty id — but a reply's empty `messageId`,
/// which comes back as it was — a reply without one, another deviceId than the topic's).
inline bool stamp_jetlinks_event(event& e, const jetlinks::message& m, const envelope& base) {
  bool kept = true;
  e.head = base;
  e.head.source_protocol = protocol::jetlinks;
  e.head.dir = jetlinks::direction_of(jetlinks::type_of(m));
  e.head.part.module = {};  // JetLinks names no module (§1.2)
  e.head.upgrade_task = task{};
  e.head.vendor = vendor_record{};
  e.head.vendor.source = protocol::jetlinks;
  e.head.vendor.message_kind = static_cast<std::uint8_t>(jetlinks::type_of(m));
  std::visit(
      [&](const auto& typed) {
        e.head.correlation = typed.message_id.value_or(std::string_view{});
        e.head.time_ms = typed.timestamp;
        if (!typed.headers.empty()) kept = false;
        if (jetlinks_empty(typed.device_id)) kept = false;
        if (typed.device_id) {
          if (base.device.message_device().empty()) {
            e.head.device.device = *typed.device_id;
          } else if (*typed.device_id != base.device.message_device()) {
            kept = false;  // the topic's device wins
          }
        }
        if constexpr (jetlinks_reply<decltype(typed)>) {
          if (!typed.message_id) kept = false;  // a reply always names its request: comes back as ""
          e.head.vendor.raw_text = typed.message.value_or(std::string_view{});
          if (jetlinks_empty(typed.message)) kept = false;
        } else {
          if (jetlinks_empty(typed.message_id)) kept = false;
          if (typed.code) kept = false;  // a business code on a request or report: no neutral slot
        }
        if constexpr (requires { typed.error_reason; }) {
          e.head.vendor.raw_text = typed.error_reason.value_or(std::string_view{});
          if (jetlinks_empty(typed.error_reason) || typed.message) kept = false;  // the doc slip's `message`
        }
        if constexpr (requires { typed.firmware_id; }) {
          e.head.upgrade_task.firmware_id = typed.firmware_id.value_or(std::string_view{});
          if (jetlinks_empty(typed.firmware_id)) kept = false;
        }
      },
      m);
  e.made_by = nullptr;
  return kept;
}

/// The package of a push or a successful pull reply (§1.3 JTL column).
template <class Offer>
[[nodiscard]] inline bool jetlinks_package(const Offer& m, package_ref& package) {
  bool kept = !jetlinks_empty(m.version) && !jetlinks_empty(m.url) && !jetlinks_empty(m.sign);
  package.version = m.version.value_or(std::string_view{});
  package.source.kind = source_kind::url;
  package.source.url = m.url.value_or(std::string_view{});
  package.source.auth = url_auth::none;  // a plain URL (§1.3)
  // `size` 0 = unknown (§2.5).
  if (m.size > 0) package.min_size = package.max_size = static_cast<std::uint64_t>(m.size);
  if (m.size < 0) kept = false;
  if (m.sign) {
    const auto method = m.sign_method.value_or(std::string_view{});
    if (method == "md5") {
      package.package_digest = digest{digest_algorithm::md5, *m.sign};
    } else if (method == "sha256") {
      package.package_digest = digest{digest_algorithm::sha256, *m.sign};
    } else {
      package.package_digest = digest{digest_algorithm::none, *m.sign};  // method unknown or absent
      kept = false;
    }
  } else if (m.sign_method) {
    kept = false;  // a method without a digest
  }
  if (!m.parameters.empty()) {
    package.extras = m.parameters.text;  // the text as sent (simdjson path)
    if (m.parameters.text.empty()) kept = false;  // a DOM node: no text to view
  }
  return kept;
}
}  // namespace detail

/// The neutral event of JetLinks message `m` (§2.5), written to `out`; returns how many (one).
/// `base` supplies what the transport knows (device from the topic; it wins over `deviceId`, as
/// on the platform); protocol, direction, correlation, time, firmware id and the raw text are set
/// from `m`. The event is `lossy` where `m` says what no neutral field holds (`headers`,
/// `properties`, a code on a success, a non-canonical failure or completion, …). Strings are views
/// into `m`: keep it alive as long as the event. `buffer_too_small` when `out` is empty.
[[nodiscard]] inline result<std::size_t> to_events(const jetlinks::message& m OTAWIRE_LIFETIMEBOUND, const envelope& base,
                                                   const jetlinks_session_context& context, std::span<event> out) {
  static_cast<void>(context);
  if (out.empty()) return fail(errc::buffer_too_small, "events", 1);
  event& e = out[0];
  bool kept = detail::stamp_jetlinks_event(e, m, base);
  fidelity mapped = fidelity::exact;
  using jetlinks::message_type;
  switch (jetlinks::type_of(m)) {
    case message_type::read_firmware: e.body.emplace<version_query>(); break;
    case message_type::read_firmware_reply: {
      const auto& typed = std::get<jetlinks::read_firmware_reply>(m);
      kept = kept && typed.properties.empty() && !detail::jetlinks_empty(typed.version);
      if (typed.success) {
        kept = kept && !typed.code;
        version_report report{};
        report.first.version = typed.version.value_or(std::string_view{});
        report.solicited = true;
        e.body = report;
      } else {
        // §2.5: `ack{ok=false}`; the reason only by the token convention (§3.2).
        const auto mapping = decode_jetlinks_reason(typed.code.value_or(std::string_view{}));
        kept = kept && !typed.version && typed.code == std::optional{encode_jetlinks_reason(mapping.why)};
        mapped = mapping.mapped;
        e.body = ack{ack_subject::version_report, false, mapping.why};
      }
      break;
    }
    case message_type::report_firmware: {
      const auto& typed = std::get<jetlinks::report_firmware>(m);
      kept = kept && typed.properties.empty() && !detail::jetlinks_empty(typed.version);
      version_report report{};
      report.first.version = typed.version.value_or(std::string_view{});
      report.solicited = false;
      e.body = report;
      break;
    }
    case message_type::request_firmware: {
      const auto& typed = std::get<jetlinks::request_firmware>(m);
      // null and "" both mean "the latest" (§2.5): the same event, so "" is not kept apart.
      kept = kept && !detail::jetlinks_empty(typed.current_version) && !detail::jetlinks_empty(typed.request_version);
      e.body = upgrade_request{typed.current_version.value_or(std::string_view{}),
                               typed.request_version.value_or(std::string_view{})};
      break;
    }
    case message_type::request_firmware_reply: {
      const auto& typed = std::get<jetlinks::request_firmware_reply>(m);
      if (typed.success) {
        upgrade_offer offer{};
        offer.solicited = true;
        kept = detail::jetlinks_package(typed, offer.package) && kept && !typed.code;
        e.body = offer;
      } else {
        // `code:"not_found"` is the no-firmware answer (§2.5, json §C.5); other failures of a pull
        // have no neutral event of their own.
        kept = kept && typed.code == std::optional<std::string_view>("not_found") && !typed.url && !typed.version &&
               typed.parameters.empty() && !typed.sign && !typed.sign_method && !typed.firmware_id && typed.size == 0;
        e.body.emplace<no_upgrade>();
      }
      break;
    }
    case message_type::upgrade_firmware: {
      const auto& typed = std::get<jetlinks::upgrade_firmware>(m);
      upgrade_offer offer{};
      kept = detail::jetlinks_package(typed, offer.package) && kept;
      e.body = offer;
      break;
    }
    case message_type::upgrade_firmware_reply: {
      const auto& typed = std::get<jetlinks::upgrade_firmware_reply>(m);
      if (typed.success) {
        kept = kept && !typed.code;
        e.body = accepted{answer_subject::offer};
      } else {
        const auto mapping = decode_jetlinks_reason(typed.code.value_or(std::string_view{}));
        // Only a bare token comes back as it was: `code` has no neutral slot of its own.
        kept = kept && typed.code == std::optional{encode_jetlinks_reason(mapping.why)};
        mapped = mapping.mapped;
        e.body = refused{answer_subject::offer, mapping.why};
      }
      break;
    }
    case message_type::upgrade_firmware_progress: {
      const auto& typed = std::get<jetlinks::upgrade_firmware_progress>(m);
      // The version is the target; it travels back through the profile (as Tencent's).
      kept = kept && !detail::jetlinks_empty(typed.version);
      if (!typed.success) {
        // ¬success → failed, whatever `complete` says (json §C.5); the canonical failure is the
        // bean's defaults (progress 0, complete false), as §C.5's example sends it.
        const auto mapping = decode_jetlinks_reason(typed.error_reason.value_or(std::string_view{}));
        kept = kept && typed.progress == 0 && !typed.complete && typed.error_reason;
        mapped = mapping.mapped;
        e.body = failed{phase::unspecified, mapping.why, {}};  // no phase on the wire (§2.5)
      } else if (typed.complete) {
        kept = kept && typed.progress == 100 && !typed.error_reason;  // `complete()` forces 100
        e.body = succeeded{typed.version.value_or(std::string_view{})};
      } else {
        kept = kept && typed.progress >= 0 && typed.progress <= 100 && !typed.error_reason;
        const auto percent = static_cast<std::uint8_t>(typed.progress < 0 ? 0 : typed.progress > 100 ? 100 : typed.progress);
        e.body = progress{phase::unspecified, percent, {}, {}};
      }
      break;
    }
  }
  e.mapped = kept ? mapped : worst(mapped, fidelity::lossy);
  return std::size_t{1};
}
/// Not from a temporary message, whose strings the event would outlive.
result<std::size_t> to_events(const jetlinks::message&&, const envelope&, const jetlinks_session_context&,
                              std::span<event>) = delete;

/// What `from_event` made: the JetLinks message (none when JetLinks has no message for the event),
/// how faithfully, and what it could not carry.
using jetlinks_encoding = encoding<jetlinks::message>;

namespace detail {
/// An optional text: absent when empty.
[[nodiscard]] inline jetlinks::optional_string jetlinks_text(std::string_view s) noexcept {
  if (s.empty()) return std::nullopt;
  return s;
}

/// The common fields of `e`'s envelope (correlation, device, time) on a message. A reply's
/// `messageId` names the request it answers and JetLinks' codec requires it, so a reply always
/// carries one: the event's correlation, empty when the event has none (as a JetLinks reply sent
/// with `"messageId":""` decodes; a gateway answering a platform request sets the correlation).
template <class Fields>
inline void jetlinks_common(const event& e, Fields& m) {
  if constexpr (jetlinks_reply<Fields>) {
    m.message_id = e.head.correlation;
  } else {
    m.message_id = jetlinks_text(e.head.correlation);
  }
  m.device_id = jetlinks_text(e.head.device.message_device());
  m.timestamp = e.head.time_ms;
}

/// The reason text for `why`: the event's own text when it came from JetLinks and still names
/// `why` (byte-faithful, §1.1 rule 2); else the token (§3.2).
[[nodiscard]] inline std::string_view jetlinks_reason_text(const event& e, reason why) noexcept {
  const auto& vendor = e.head.vendor;
  if (vendor.source == protocol::jetlinks && decode_jetlinks_reason(vendor.raw_text).why == why &&
      decode_jetlinks_reason(vendor.raw_text).mapped == fidelity::exact) {
    return vendor.raw_text;
  }
  return encode_jetlinks_reason(why);
}
}  // namespace detail

/// The JetLinks message that carries event `e` (§2.5 "synthesise neutral→JTL"), reasons as text
/// tokens (§3.2), and the session echoes of `profile`. Events JetLinks has no message for give none
/// and `lost_field::whole_event`: an acceptance or refusal of an install or cancel, a deferral
/// (nothing is sent, §3.2), a download end (no phase on the wire), an install request, a cancel, an
/// ok ack, chunks. Errors, never a silent change: an offer without a URL (`missing_field`; fragments
/// or a push need re-hosting, §4.1 `Rh`) or without a version, a URL or digest JetLinks' codec
/// refuses (`invalid_value` / `bad_string`), progress from another protocol with no target version
/// known (`missing_field`).
[[nodiscard]] inline result<jetlinks_encoding> from_event(const event& e, jetlinks_profile profile) {
  jetlinks_encoding out{};
  const bool own = e.head.vendor.source == protocol::jetlinks;
  if (!e.head.part.module.empty()) out.lose(lost_field::module);  // JetLinks has none
  const auto& task_ids = e.head.upgrade_task;
  if (!task_ids.task_id.empty() || task_ids.package_check_code) out.lose(lost_field::task_id);
  const auto reply_text = [&]() { return own ? detail::jetlinks_text(e.head.vendor.raw_text) : std::nullopt; };
  // A progress report of the active upgrade.
  const auto progress_report = [&](std::string_view version) -> result<jetlinks::upgrade_firmware_progress> {
    jetlinks::upgrade_firmware_progress p{};
    detail::jetlinks_common(e, p);
    if (version.empty() && !own) return fail(errc::missing_field, "version", 0);
    p.version = detail::jetlinks_text(version);
    p.firmware_id = detail::jetlinks_text(task_ids.firmware_id.empty() ? profile.firmware_id : task_ids.firmware_id);
    return p;
  };
  switch (e.kind()) {
    case event_kind::version_query: {
      jetlinks::read_firmware m{};
      detail::jetlinks_common(e, m);
      out.message = m;
      break;
    }
    case event_kind::version_report: {
      const auto& report = std::get<version_report>(e.body);
      if (report.second) out.lose(lost_field::second_version);
      if (!report.first.part.module.empty()) out.lose(lost_field::module);
      if (report.solicited) {
        jetlinks::read_firmware_reply m{};
        detail::jetlinks_common(e, m);
        m.version = detail::jetlinks_text(report.first.version);
        m.message = reply_text();
        out.message = m;
      } else {
        jetlinks::report_firmware m{};
        detail::jetlinks_common(e, m);
        m.version = detail::jetlinks_text(report.first.version);
        out.message = m;
      }
      break;
    }
    case event_kind::upgrade_request: {
      const auto& request = std::get<upgrade_request>(e.body);
      jetlinks::request_firmware m{};
      detail::jetlinks_common(e, m);
      m.current_version = detail::jetlinks_text(request.current_version);
      m.request_version = detail::jetlinks_text(request.requested_version);
      out.message = m;
      break;
    }
    case event_kind::upgrade_offer: {
      const auto& offer = std::get<upgrade_offer>(e.body);
      const auto& package = offer.package;
      if (package.source.kind != source_kind::url || (package.source.url.empty() && !own)) {
        return fail(errc::missing_field, "url", 0);  // fragments or push: re-host first (§4.1 Rh)
      }
      if (package.version.empty() && !own) return fail(errc::missing_field, "version", 0);
      if (!package.source.url.empty() && !json::fields::is_download_url(package.source.url)) {
        return fail(errc::invalid_value, "url", 0);
      }
      // A CTWing query token or a Huawei Bearer token cannot travel with a plain URL (§4.1 F).
      if (package.source.auth == url_auth::query_token || package.source.auth == url_auth::bearer) {
        out.lose(lost_field::url);
      }
      const auto fill = [&](auto& m) -> result<void> {
        detail::jetlinks_common(e, m);
        m.url = detail::jetlinks_text(package.source.url);
        m.version = detail::jetlinks_text(package.version);
        m.firmware_id = detail::jetlinks_text(task_ids.firmware_id);
        const auto& d = package.package_digest;
        if (d.algorithm == digest_algorithm::md5 || d.algorithm == digest_algorithm::sha256) {
          const bool md5 = d.algorithm == digest_algorithm::md5;
          if (!(md5 ? json::fields::is_md5_hex(d.hex) : json::fields::is_sha256_hex(d.hex))) {
            return fail(errc::bad_string, "sign", 0);
          }
          m.sign = d.hex;
          m.sign_method = md5 ? std::string_view{"md5"} : std::string_view{"sha256"};
        } else if (!d.hex.empty()) {
          m.sign = d.hex;  // a JetLinks digest whose method was not md5 or sha256
          out.lose(lost_field::digest);
        }
        // `size` 0 = unknown; a range sends its upper bound.
        if (package.max_size > 0x7FFFFFFFFFFFFFFFu) return fail(errc::out_of_range, "size", 0);
        m.size = static_cast<std::int64_t>(package.max_size);
        if (package.max_size != 0 && !package.exact_size()) out.lose(lost_field::exact_size);
        if (!package.extras.empty()) {
          if (own) {
            m.parameters = json::raw_json{package.extras, nullptr};
          } else {
            out.lose(lost_field::policy);  // another vendor's extras need not be a JSON object
          }
        }
        return ok();
      };
      if (!package.file_name.empty() || package.is_diff || package.policy != install_policy{}) {
        out.lose(lost_field::policy);
      }
      if (offer.solicited) {
        jetlinks::request_firmware_reply m{};
        if (auto r = fill(m); !r) return r.error();
        m.message = reply_text();
        out.message = m;
      } else {
        jetlinks::upgrade_firmware m{};
        if (auto r = fill(m); !r) return r.error();
        out.message = m;
      }
      break;
    }
    case event_kind::no_upgrade: {
      jetlinks::request_firmware_reply m{};
      detail::jetlinks_common(e, m);
      m.success = false;
      m.code = std::string_view{"not_found"};  // the platform's answer (json §C.5)
      m.message = own ? reply_text() : std::optional<std::string_view>("无固件更新");
      out.message = m;
      break;
    }
    case event_kind::accepted:
    case event_kind::refused: {
      const bool yes = e.kind() == event_kind::accepted;
      const auto subject = yes ? std::get<accepted>(e.body).subject : std::get<refused>(e.body).subject;
      const auto why = yes ? reason::unspecified : std::get<refused>(e.body).why;
      if (subject != answer_subject::offer || why == reason::deferred) {
        out.lose(lost_field::whole_event);  // only the push is answered; a deferral is held
        break;
      }
      jetlinks::upgrade_firmware_reply m{};
      detail::jetlinks_common(e, m);
      m.success = yes;
      if (!yes) m.code = encode_jetlinks_reason(why);
      m.message = reply_text();
      out.message = m;
      break;
    }
    case event_kind::progress: {
      const auto& step = std::get<progress>(e.body);
      if (!step.percent) {
        out.lose(lost_field::percent | lost_field::whole_event);
        break;
      }
      if (step.stage != phase::unspecified) out.mapped = worst(out.mapped, fidelity::lossy);  // phase dropped
      auto p = progress_report(profile.target_version);
      if (!p) return p.error();
      p->success = true;
      p->progress = *step.percent > 100 ? 100 : *step.percent;
      out.message = *p;
      break;
    }
    case event_kind::succeeded: {
      const auto& done = std::get<succeeded>(e.body);
      auto p = progress_report(done.new_version.empty() ? profile.target_version : done.new_version);
      if (!p) return p.error();
      p->success = true;
      p->complete = true;
      p->progress = 100;
      out.message = *p;
      break;
    }
    case event_kind::failed: {
      const auto& failure = std::get<failed>(e.body);
      if (failure.stage != phase::unspecified) out.mapped = worst(out.mapped, fidelity::lossy);  // no phase
      auto p = progress_report(profile.target_version);
      if (!p) return p.error();
      p->success = false;
      p->error_reason = detail::jetlinks_reason_text(e, failure.why);
      out.message = *p;
      break;
    }
    case event_kind::ack: {
      const auto& answer = std::get<ack>(e.body);
      if (answer.of != ack_subject::version_report || answer.ok) {
        out.lose(lost_field::whole_event);  // JetLinks' only ack is a failed read reply
        break;
      }
      jetlinks::read_firmware_reply m{};
      detail::jetlinks_common(e, m);
      m.success = false;
      m.code = encode_jetlinks_reason(answer.why);
      m.message = reply_text();
      out.message = m;
      break;
    }
    case event_kind::download_finished:
    case event_kind::install_request:
    case event_kind::cancel:
    case event_kind::chunk_request:
    case event_kind::chunk: out.lose(lost_field::whole_event); break;
  }
  return out;
}

}  // namespace otawire::ota

#endif
