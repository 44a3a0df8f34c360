// otawire::ota — Alibaba Link OTA messages to neutral events and back (crosswalk.md §2.7, §3.2
// CTW/ALI column, §3.4 ALI row).
//
// `to_events` turns one decoded Alibaba message (plus the session context the ⓢ row needs) into
// neutral events; `from_event` turns a neutral event into the Alibaba message that carries it,
// choosing a `step` code (§3.2) and reporting what it could not carry. Reads the message types
// only (alibaba/messages.hpp), not the JSON codec; no allocation, no exceptions.
//
// The message `id` is the transport's correlation (§1.2): the model holds correlation as text,
// and Alibaba ids are integers the decoder keeps no text for, so `to_events` leaves
// `correlation` empty and `from_event` takes the id from `alibaba_profile::id` (a reply must echo
// its request's). The device (pk, dn) comes from the topic, through `base`.
//
// What the neutral model has no field for, and so makes an event `lossy` (never silently): two
// digests at once (`sign` by SHA256 and `md5`, or an `md5` other than an Md5 `sign`), a `sign`
// without a method, `digestsign`, `dProtocol`/`streamId`/`streamFileId`, `files[]`, a missing
// `url`, `extData` decoded by the DOM backend (which keeps no text), a progress without `desc`
// (iotkit v2.03; every later SDK sends it), the docs' `version`/`method` in a pull request, a
// pull reply's package under a code other than 200, and optional texts sent empty.
#ifndef OTAWIRE_OTA_ALIBABA_HPP
#define OTAWIRE_OTA_ALIBABA_HPP

#include <otawire/alibaba/messages.hpp>
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

/// The synthesis rules the Alibaba mapping applies (§2.7 ⓢ).
namespace rules {
/// `inform` of the active offer's version → `succeeded` (hwali §B.6 rule 3: the reported version
/// is the only success criterion).
inline constexpr synthesis_rule alibaba_success_by_reported_version{
    "alibaba_success_by_reported_version", "crosswalk 2.7: inform with version = the active target -> succeeded"};
}  // namespace rules

/// What an Alibaba mapping needs to know about the session (§2.7 ⓢ).
struct alibaba_session_context {
  /// The version of the offer (push or pull reply) in progress for this (device, module); empty
  /// when none is.
  std::optional<std::string_view> target_version{};
};

/// The most events one Alibaba message becomes (an inform of the target version: the report and
/// the success).
inline constexpr std::size_t alibaba_max_events = 2;

/// The neutral reason of a failure `step` (§3.2 CTW/ALI column, §B.2.3): -1 unspecified, -2
/// download failed, -3 integrity failed, exact; -4 "burn failed" is `install_failed`, `lossy`
/// (flash write only). Other values (0…100 are progress, not failures) give `unspecified`, `lossy`.
[[nodiscard]] constexpr reason_mapping decode_alibaba_reason(std::int32_t step) noexcept {
  switch (step) {
    case -1: return {reason::unspecified, fidelity::exact};
    case -2: return {reason::download_failed, fidelity::exact};
    case -3: return {reason::integrity_failed, fidelity::exact};
    case -4: return {reason::install_failed, fidelity::lossy};
    default: break;
  }
  return {reason::unspecified, fidelity::lossy};
}

/// A failure `step` chosen for a reason, and how faithfully.
struct alibaba_code_mapping {
  std::int32_t step = -1;             ///< -1 … -4
  fidelity mapped = fidelity::exact;  ///< `lossy` for `≈`, `fallback` for `→X`
};

/// The failure `step` for reason `why` (§3.2, §3.4): download-stage reasons become -2, integrity
/// -3, install -4 (≈), everything else -1 "升级失败" (upgrade failed).
[[nodiscard]] constexpr alibaba_code_mapping encode_alibaba_reason(reason why) noexcept {
  switch (why) {
    case reason::unspecified: return {-1, fidelity::exact};
    case reason::download_failed: return {-2, fidelity::exact};
    case reason::integrity_failed: return {-3, fidelity::exact};
    case reason::install_failed: return {-4, fidelity::lossy};
    case reason::download_timeout:
    case reason::download_auth_failed:
    case reason::invalid_uri:
    case reason::unsupported_protocol: return {-2, fidelity::fallback};
    default: return {-1, fidelity::fallback};
  }
}

/// How `from_event` writes Alibaba messages.
struct alibaba_profile {
  /// The message id to send (a reply echoes its request's; an uplink takes the sender's next,
  /// as the Link SDK's counter does). `quoted` sends it as the docs' string form.
  alibaba::message_id id{};
};

namespace detail {
// `to_events` reads `alibaba::message` by index, and the index is the events' `message_kind`.
template <std::size_t I, class T>
inline constexpr bool alibaba_alternative = std::is_same_v<std::variant_alternative_t<I, alibaba::message>, T>;
static_assert(alibaba_alternative<0, alibaba::inform> && alibaba_alternative<1, alibaba::upgrade> &&
              alibaba_alternative<2, alibaba::progress> && alibaba_alternative<3, alibaba::firmware_get> &&
              alibaba_alternative<4, alibaba::firmware_get_reply> && alibaba_alternative<5, alibaba::version_request>);
/// The legacy request's `message_kind`.
inline constexpr std::uint8_t alibaba_version_request_kind = 5;

/// Fills `e`'s envelope from `base`, re-stamped as read from Alibaba message `m` (uplinks: the
/// device → cloud topics). In place: an event is a few hundred bytes.
inline void stamp_alibaba_event(event& e, const alibaba::message& m, const envelope& base, fidelity mapped) noexcept {
  e.head = base;
  e.head.source_protocol = protocol::alibaba;
  const bool down = std::holds_alternative<alibaba::upgrade>(m) || std::holds_alternative<alibaba::firmware_get_reply>(m);
  e.head.dir = down ? direction::platform_to_device : direction::device_to_platform;
  e.head.vendor = vendor_record{};
  e.head.vendor.source = protocol::alibaba;
  e.head.vendor.message_kind = static_cast<std::uint8_t>(m.index());
  e.mapped = mapped;
  e.made_by = nullptr;
}

/// Whether an optional text was sent empty (it reads back as absent).
[[nodiscard]] constexpr bool alibaba_sent_empty(const std::optional<std::string_view>& s) noexcept {
  return s && s->empty();
}

/// The package an offer carries, and whether it carries all of `p` (the file comment's list).
[[nodiscard]] inline bool alibaba_package_ref(const alibaba::package& p, package_ref& out) noexcept {
  out.version = p.version;
  out.min_size = out.max_size = p.size;
  if (p.url) {
    out.source.kind = source_kind::url;
    out.source.url = *p.url;
    out.source.auth = url_auth::presigned;  // OSS signed, 24 h (§B.6 rule 5)
  }
  bool kept = p.url.has_value() && !p.url->empty();
  if (p.sign && p.sign_method) {
    const bool md5 = *p.sign_method == alibaba::digest_algorithm::md5;
    out.package_digest = {md5 ? digest_algorithm::md5 : digest_algorithm::sha256, *p.sign};
    // `from_event` writes an Md5 sign with the same `md5` (iotkit v3 reads only `md5`, §B.3).
    kept = kept && (md5 ? p.md5 == p.sign : !p.md5);
  } else if (p.md5) {
    out.package_digest = {digest_algorithm::md5, *p.md5};
    kept = false;  // the oldest form (md5 alone, [A3]); sent back with `sign` too
  } else {
    kept = kept && !p.sign && !p.sign_method;
  }
  out.is_diff = p.is_diff;
  out.extras = p.ext_data.text;
  kept = kept && (p.ext_data.empty() || !p.ext_data.text.empty()) && !p.digestsign && !p.download_protocol &&
         !p.stream_id && !p.stream_file_id && !p.has_files && !alibaba_sent_empty(p.module);
  return kept;
}
}  // namespace detail

/// The neutral events of Alibaba message `m` (§2.7), written to `out`; returns how many (one, or
/// two for an inform of the active target: `version_report` then the synthesised `succeeded`).
/// `base` supplies what the transport knows (the topic's pk and dn); protocol, direction, the
/// module (`part.module`, empty for `default`) and the raw vendor record (`message_kind` = the
/// message's index in `alibaba::message`, `raw_code` = the progress `step` or the pull reply's
/// `code`, `raw_text` = `desc` or the downlink `message`) are set from `m`. Strings are views into
/// `m`. `buffer_too_small` when `out` is shorter than the events (`alibaba_max_events` always
/// suffices).
[[nodiscard]] inline result<std::size_t> to_events(const alibaba::message& m OTAWIRE_LIFETIMEBOUND, const envelope& base,
                                                   const alibaba_session_context& context,
                                                   std::span<event> out) noexcept {
  if (out.empty()) return fail(errc::buffer_too_small, "events", alibaba_max_events);
  event& e = out[0];
  const auto stamp = [&](fidelity mapped, const std::optional<std::string_view>& module) {
    detail::stamp_alibaba_event(e, m, base, detail::alibaba_sent_empty(module) ? worst(mapped, fidelity::lossy) : mapped);
    if (module) e.head.part.module = *module;
  };
  switch (m.index()) {
    case 0: {  // inform: a version report; also the success when it reports the target (§2.7)
      const auto& r = std::get<alibaba::inform>(m);
      stamp(fidelity::exact, r.module);
      version_report report{};
      report.first = {component{base.part.kind, e.head.part.module}, r.version};
      e.body.emplace<version_report>(report);  // unasked: Alibaba has no query (§1.4 E1)
      if (context.target_version && *context.target_version == r.version) {
        // The report stays an event of its own, as CTWing's inform does (§2.4): a tracker learns
        // the running version from it, a translation to another family re-reports it.
        if (out.size() < 2) return fail(errc::buffer_too_small, "events", alibaba_max_events);
        event& done = out[1];
        done = e;
        done.mapped = fidelity::synthesised;
        done.made_by = &rules::alibaba_success_by_reported_version;
        done.body.emplace<succeeded>(succeeded{r.version});
        return std::size_t{2};
      }
      break;
    }
    case 1: {  // upgrade push
      const auto& u = std::get<alibaba::upgrade>(m);
      upgrade_offer offer{};
      const bool kept = detail::alibaba_package_ref(u.data, offer.package) && !detail::alibaba_sent_empty(u.message);
      stamp(kept ? fidelity::exact : fidelity::lossy, u.data.module);
      if (u.message) e.head.vendor.raw_text = *u.message;
      e.body.emplace<upgrade_offer>(offer);
      break;
    }
    case 2: {  // progress
      const auto& p = std::get<alibaba::progress>(m);
      // Every SDK since iotkit v3 sends `desc` (empty when there is nothing to say, §B.5).
      const fidelity desc_kept = p.desc ? fidelity::exact : fidelity::lossy;
      if (p.step >= 0) {
        progress step{};
        // Phase-less: "upgrade progress" in the docs, "fetch percentage" in iotkit (§1.5).
        if (p.step <= 100) step.percent = static_cast<std::uint8_t>(p.step);
        stamp(p.step <= 100 ? desc_kept : fidelity::lossy, p.module);
        e.body.emplace<progress>(step);
      } else {
        const auto mapping = decode_alibaba_reason(p.step);
        // The step names the failure, not the phase the session was in: unspecified.
        stamp(worst(mapping.mapped, desc_kept), p.module);
        e.body.emplace<failed>(failed{phase::unspecified, mapping.why, {}});
      }
      e.head.vendor.raw_code = p.step;
      if (p.desc) e.head.vendor.raw_text = *p.desc;
      break;
    }
    case 3: {  // firmware/get: a pull, no versions (§2.7)
      const auto& g = std::get<alibaba::firmware_get>(m);
      stamp(g.version || g.has_method ? fidelity::lossy : fidelity::exact, g.module);  // the docs' form
      e.body.emplace<upgrade_request>(upgrade_request{});
      break;
    }
    case 4: {  // firmware/get_reply: the offer, or nothing to upgrade to
      const auto& r = std::get<alibaba::firmware_get_reply>(m);
      if (r.has_package()) {
        upgrade_offer offer{};
        offer.solicited = true;
        const bool kept = detail::alibaba_package_ref(*r.data, offer.package) && !detail::alibaba_sent_empty(r.message);
        stamp(kept ? fidelity::exact : fidelity::lossy, r.data->module);
        e.body.emplace<upgrade_offer>(offer);
      } else {
        // A package under another code than 200 is not an offer, and cannot come back.
        stamp(r.data || detail::alibaba_sent_empty(r.message) ? fidelity::lossy : fidelity::exact, std::nullopt);
        e.body.emplace<no_upgrade>();
      }
      e.head.vendor.raw_code = static_cast<std::int32_t>(r.code);
      if (r.code != e.head.vendor.raw_code) e.mapped = worst(e.mapped, fidelity::lossy);  // beyond 32 bits
      if (r.message) e.head.vendor.raw_text = *r.message;
      break;
    }
    default: {  // the legacy request: a pull that names the running version
      const auto& r = std::get<alibaba::version_request>(m);
      stamp(fidelity::exact, r.module);
      e.body.emplace<upgrade_request>(upgrade_request{r.version, {}});
      break;
    }
  }
  return std::size_t{1};
}
/// Not from a temporary message, whose strings the events would outlive.
result<std::size_t> to_events(const alibaba::message&&, const envelope&, const alibaba_session_context&,
                              std::span<event>) = delete;

/// What `from_event` made: the Alibaba message (none when Alibaba has none for the event), how
/// faithfully, and what it could not carry.
using alibaba_encoding = encoding<alibaba::message>;

namespace detail {
/// The module a message names: the version's own, else the envelope's; absent for `default`.
[[nodiscard]] constexpr std::optional<std::string_view> alibaba_module(std::string_view own,
                                                                      const event& e) noexcept {
  const std::string_view m = own.empty() ? e.head.part.module : own;
  if (m.empty()) return std::nullopt;
  return m;
}

/// The failure step for `why`: the event's own raw Alibaba step when it came from Alibaba and
/// still means `why` (§1.1 rule 2); else the §3.2 choice.
[[nodiscard]] constexpr alibaba_code_mapping alibaba_code_for(const event& e, reason why) noexcept {
  const auto& vendor = e.head.vendor;
  if (vendor.source == protocol::alibaba && vendor.raw_code && *vendor.raw_code < 0 &&
      *vendor.raw_code >= alibaba::min_step && decode_alibaba_reason(*vendor.raw_code).why == why) {
    return {*vendor.raw_code, decode_alibaba_reason(*vendor.raw_code).mapped};
  }
  return encode_alibaba_reason(why);
}
}  // namespace detail

/// The Alibaba message that carries event `e` (§2.7 "synthesise neutral→ALI"), reporting what it
/// could not carry. Success is the version report (§B.6 rule 3); refusals and failures are a
/// failure `step` (ALI has no refusal, §1.4 E7) with the event's own `desc` when it came from
/// Alibaba, else the neutral reason's name where the step is a stand-in (§3.4 "the token in
/// `desc`"). Events Alibaba has no message for (a query, acceptances, download_finished, the
/// install request, cancel, acks, chunks, a progress without a percentage, a deferral, which is
/// held back) give no message and `lost_field::whole_event`.
/// Errors, never a silent change: an offer that is not a URL (`unsupported` at `source`), a URL
/// that needs a header or an appended token (`unsupported` at `url_auth`: Huawei v1, CTWing;
/// re-host it, §4.1 `Rh`), a foreign offer without a version or a digest (`missing_field`: §4.1
/// `Tv`; the SDKs verify `md5` or `sign`, §4.2, so the gateway computes one, `F`), a foreign URL
/// that is not http(s) (`invalid_value`) or a digest that is not its algorithm's hex
/// (`bad_string`), a version outside 1–64 characters (`bad_length`, as the decoder: CreateOTAFirmware's
/// limit, [A10]), a success without its version (`missing_field`), a percent over 100 (`out_of_range`).
[[nodiscard]] inline result<alibaba_encoding> from_event(const event& e, alibaba_profile profile) noexcept {
  alibaba_encoding out{};
  const bool same = e.head.vendor.source == protocol::alibaba;
  // Versions as the decoder takes them: 1–64 characters (CreateOTAFirmware, [A10]).
  const auto bad_version = [](std::string_view v) { return v.empty() || v.size() > alibaba::max_version_length; };
  const auto& task = e.head.upgrade_task;
  if (!task.task_id.empty() || !task.firmware_id.empty() || task.package_check_code) {
    out.lose(lost_field::task_id);  // Alibaba has no task (§1.2)
  }
  const auto desc = [&](std::optional<std::string_view> token = std::nullopt) -> std::string_view {
    if (same) return e.head.vendor.raw_text;
    return token.value_or(std::string_view{});
  };
  const auto progress_step = [&](std::int32_t step, std::string_view text) {
    alibaba::progress p{};
    p.id = profile.id;
    p.step = step;
    p.desc = text;  // always sent, as iotkit v3 and the Link SDK do (§B.5)
    p.module = detail::alibaba_module({}, e);
    out.message = p;
  };
  const auto failure = [&](reason why) {
    const auto code = detail::alibaba_code_for(e, why);
    std::optional<std::string_view> token{};
    if (code.mapped == fidelity::fallback) token = name(why);
    if (code.mapped != fidelity::exact) out.lose(lost_field::exact_reason, code.mapped);
    progress_step(code.step, desc(token));
  };
  switch (e.kind()) {
    case event_kind::version_report: {
      const auto& r = std::get<version_report>(e.body);
      if (r.second) out.lose(lost_field::second_version);  // one module per inform (§B.6 rule 7)
      if (r.first.part.kind != component_kind::unspecified) out.mapped = worst(out.mapped, fidelity::lossy);  // kind
      if (bad_version(r.first.version)) return fail(errc::bad_length, "version", alibaba::max_version_length);
      out.message = alibaba::inform{profile.id, r.first.version, detail::alibaba_module(r.first.part.module, e)};
      break;
    }
    case event_kind::succeeded: {
      const auto& done = std::get<succeeded>(e.body);
      if (done.new_version.empty()) return fail(errc::missing_field, "version", 0);
      if (bad_version(done.new_version)) return fail(errc::bad_length, "version", alibaba::max_version_length);
      out.message = alibaba::inform{profile.id, done.new_version, detail::alibaba_module({}, e)};
      break;
    }
    case event_kind::upgrade_request: {
      const auto& r = std::get<upgrade_request>(e.body);
      if (!r.requested_version.empty()) out.lose(lost_field::version);
      const bool legacy = same && e.head.vendor.message_kind == detail::alibaba_version_request_kind;
      if (legacy) {
        if (bad_version(r.current_version)) return fail(errc::bad_length, "version", alibaba::max_version_length);
        out.message = alibaba::version_request{profile.id, r.current_version, detail::alibaba_module({}, e)};
        break;
      }
      // `thing/ota/firmware/get` carries only the module (§4.3 note 9).
      if (!r.current_version.empty()) out.lose(lost_field::version);
      alibaba::firmware_get g{};
      g.id = profile.id;
      g.module = detail::alibaba_module({}, e);
      out.message = g;
      break;
    }
    case event_kind::upgrade_offer: {
      const auto& offer = std::get<upgrade_offer>(e.body);
      const auto& package = offer.package;
      if (package.source.kind != source_kind::url) return fail(errc::unsupported, "source", 0);
      if (package.source.auth == url_auth::bearer || package.source.auth == url_auth::query_token) {
        return fail(errc::unsupported, "url_auth", 0);
      }
      if (package.version.empty() && !same) return fail(errc::missing_field, "version", 0);
      if (bad_version(package.version)) return fail(errc::bad_length, "version", alibaba::max_version_length);
      if (package.package_digest.algorithm == digest_algorithm::none && !same) return fail(errc::missing_field, "digest", 0);
      // The decoder's own rules (json/fields.hpp): an http(s) URL (another, such as LwM2M's
      // coap://, is re-hosted) and the hex of the digest named.
      if (!same && !json::fields::is_download_url(package.source.url)) return fail(errc::invalid_value, "url", 0);
      const auto& hex = package.package_digest.hex;
      if ((package.package_digest.algorithm == digest_algorithm::md5 && !json::fields::is_md5_hex(hex)) ||
          (package.package_digest.algorithm == digest_algorithm::sha256 && !json::fields::is_sha256_hex(hex))) {
        return fail(errc::bad_string, "digest", 0);
      }
      alibaba::package p;
      p.version = package.version;
      if (const auto size = package.exact_size()) {
        p.size = *size;
      } else if (package.max_size != 0 || !same) {
        p.size = package.max_size;  // a range (PCP's fragment plan) or none: `size` is required
        out.lose(lost_field::exact_size);
      }
      p.url = package.source.url;
      if (package.package_digest.algorithm == digest_algorithm::md5) {
        p.sign = p.md5 = package.package_digest.hex;  // Link SDK reads `sign`, iotkit v3 `md5` (§B.3)
        p.sign_method = alibaba::digest_algorithm::md5;
      } else if (package.package_digest.algorithm == digest_algorithm::sha256) {
        p.sign = package.package_digest.hex;
        p.sign_method = alibaba::digest_algorithm::sha256;
      }
      p.is_diff = package.is_diff.value_or(false);
      p.module = detail::alibaba_module({}, e);
      if (!package.extras.empty()) {
        if (same) {
          p.ext_data = json::raw_json{package.extras, nullptr};
        } else {
          out.lose(lost_field::policy);  // another vendor's extras are not extData
        }
      }
      if (!package.file_name.empty() || package.policy != install_policy{}) out.lose(lost_field::policy);
      // iotkit v3 needs `"message":"success"` in a push (§2.7).
      const std::optional<std::string_view> text =
          same ? (e.head.vendor.raw_text.empty() ? std::nullopt : std::optional(e.head.vendor.raw_text))
               : std::optional<std::string_view>("success");
      if (offer.solicited) {
        out.message = alibaba::firmware_get_reply{profile.id, 200, p, text};
      } else {
        out.message = alibaba::upgrade{profile.id, p, text};
      }
      break;
    }
    case event_kind::no_upgrade: {
      const std::int64_t code = same && e.head.vendor.raw_code ? *e.head.vendor.raw_code : 200;
      const std::optional<std::string_view> text =
          same && !e.head.vendor.raw_text.empty() ? std::optional(e.head.vendor.raw_text) : std::nullopt;
      out.message = alibaba::firmware_get_reply{profile.id, code, std::nullopt, text};
      break;
    }
    case event_kind::refused: {
      const auto& r = std::get<refused>(e.body);
      if (r.subject == answer_subject::cancel || r.why == reason::deferred) {
        out.lose(lost_field::whole_event);  // no cancel; a deferral is held (§3.2)
        break;
      }
      // No refusal message: a failure step (§1.4 E7 "encoded as a failure code").
      out.mapped = worst(out.mapped, fidelity::lossy);
      failure(r.why);
      break;
    }
    case event_kind::progress: {
      const auto& step = std::get<progress>(e.body);
      if (!step.percent) {
        out.lose(lost_field::whole_event | lost_field::percent);  // `step` is a number
        break;
      }
      if (*step.percent > 100) return fail(errc::out_of_range, "percent", 100);
      if (step.stage != phase::unspecified) out.mapped = worst(out.mapped, fidelity::lossy);  // no phase
      progress_step(*step.percent, desc());
      break;
    }
    case event_kind::failed: {
      const auto& f = std::get<failed>(e.body);
      if (f.stage != phase::unspecified) out.mapped = worst(out.mapped, fidelity::lossy);  // no phase
      if (!f.version_at_failure.empty()) out.lose(lost_field::version);
      failure(f.why);
      break;
    }
    case event_kind::version_query:
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
