// otawire::ota — the translating gateway: one upgrade of one device that speaks protocol A, run
// for a platform that speaks protocol B (crosswalk.md §4; issue 15 item 5).
//
// Toward the device the gateway is an A platform, toward the platform a B device. It works on
// neutral events: the caller decodes each side's messages with that protocol's `to_events`, hands
// them to `on_device` or `on_platform`, and encodes what comes back with each protocol's
// `from_event`. What the gateway cannot do from session state alone (fetch a package, re-host it,
// serve PCP fragments, alias a version, …) it asks of `gateway_hooks`, one function per §4.1
// capability, which the gateway's user implements.
//
// Every event the gateway invents is `fidelity::synthesised` and names the `synthesis_rule` of
// the capability that made it; every input event either has a counterpart on the other side or is
// marked `absorbed` in the step's `translation`; what a B-side guarantee loses is reported as a
// `gap`. Each side keeps a `neutral_session` (profile_of(A) toward the device, profile_of(B)
// toward the platform): an input event that side's session rejects is refused with that rule and
// state, and a step is all or none.
//
// Device-safe: no allocation, no exceptions, no RTTI, no JSON.
#ifndef OTAWIRE_OTA_GATEWAY_HPP
#define OTAWIRE_OTA_GATEWAY_HPP

#include <otawire/error.hpp>
#include <otawire/ota/model.hpp>
#include <otawire/ota/session.hpp>
#include <otawire/result.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <type_traits>
#include <variant>

namespace otawire::ota {

// --- §4.1 capabilities and §4.3 grades ------------------------------------------------------------

/// What a gateway may have to add for a pair (§4.1 capability codes); a bit set, combine with `|`.
enum class capability : std::uint16_t {
  none = 0,  ///< nothing
  /// `F` Fetch B's package over HTTP(S) with B's authentication, verify B's digest, and cache it.
  fetch = 1u << 0,
  /// `As` Assemble B's package when B hands out no URL: as a PCP device request fragments 0…count−1
  /// (B = PCP), or take LwM2M's block-wise Write of `/5/0/0` or fetch its Package URI (B = LWM).
  assemble = 1u << 1,
  /// `Rh` Re-host for A: a gateway URL with A's authentication style and A's digest.
  rehost = 1u << 2,
  /// `Fs` Fragment server for a PCP device: plan fsz and count, answer 21, track resume.
  fragment_server = 1u << 3,
  /// `V` Version bridge: answer B's query from the cache, query A when B needs a report, and keep a
  /// version alias table for PCP's 16-byte limit.
  version_bridge = 1u << 4,
  /// `Tv` Target-version synthesis when B = LWM gives none but A needs one.
  target_version = 1u << 5,
  /// `I+` Issue install: A needs an explicit install (PCP 23, LwM2M Execute `/5/0/2`) and B has
  /// none; sent on A's `download_finished`.
  issue_install = 1u << 6,
  /// `I−` Hold outcome: B expects an explicit install but A installs on its own; report the
  /// download's end, answer B's install request, release A's outcome only after it.
  hold_outcome = 1u << 7,
  /// `P` Progress synthesis from the fragment index (PCP) or from bytes served.
  progress_synthesis = 1u << 8,
  /// `O` Outcome synthesis: success from a version report (A ∈ ALI, CTW), success as a version
  /// report (B ∈ ALI, CTW), TCT's `done` followed by `report_version`.
  outcome_synthesis = 1u << 9,
  /// `Q` Pull bridge: A pulls and B only pushes (answer from the cached offer or `no_upgrade`).
  pull_bridge = 1u << 10,
  /// `X` Cancel bridge (B = LWM only): deliverable only while the gateway still controls the bytes.
  cancel_bridge = 1u << 11,
  /// `K` Acks: generate the responses A waits for (PCP 21/22/24 rsp, TCT `report_version_rsp`),
  /// consume B's.
  acks = 1u << 12,
};

/// Marks `capability` as a bit set: `|` and `contains` apply (model.hpp `flag_set`).
template <>
inline constexpr bool is_flag_set<capability> = true;
/// The capabilities in `a` that are not in `b`.
[[nodiscard]] constexpr capability without(capability a, capability b) noexcept {
  return static_cast<capability>(static_cast<std::uint16_t>(a) & ~static_cast<std::uint16_t>(b));
}

/// The §4.3 grade of a pair.
enum class grade : std::uint8_t {
  none,       ///< the diagonal: device and platform speak the same protocol, nothing to translate
  translate,  ///< T: field mapping plus a session table; the URL passes through
  bridge,     ///< B: the gateway handles the package and/or synthesises, and everything B expects is truthful
  gap,        ///< G: the session completes, but a B-side guarantee is not honestly met
};

/// The grade's letter as §4.3 prints it ("–" on the diagonal).
[[nodiscard]] constexpr std::string_view name(grade g) noexcept {
  switch (g) {
    case grade::none: return "-";
    case grade::translate: return "T";
    case grade::bridge: return "B";
    case grade::gap: return "G";
  }
  return "unknown";
}

/// One cell of the §4.3 matrix.
struct feasibility {
  /// The grade; for a cell printed "T/B" the best case (T), with `conditional` set.
  grade level = grade::none;
  /// The cell reads "T/B": B unless the offer meets the cell's note (resolved by the overload of
  /// `feasibility_of` that takes the offer).
  bool conditional = false;
  capability needs = capability::none;  ///< the capability codes the cell prints
  /// Printed as an alternative ("Rh/pass", "Rh/v2"): needed only when the offer cannot pass through.
  capability optional = capability::none;
  std::uint8_t note = 0;  ///< the §4.3 note the cell cites; 0 for none
  /// Cells are equal when every part is.
  friend constexpr bool operator==(const feasibility&, const feasibility&) noexcept = default;
};

namespace detail {
/// A protocol's row/column in §4.3 (PCP, LWM, TCT, CTW, JTL, HWM, ALI), not the enum's order.
[[nodiscard]] constexpr std::size_t matrix_index(protocol p) noexcept {
  switch (p) {
    case protocol::pcp: return 0;
    case protocol::lwm2m_fw: return 1;
    case protocol::tencent: return 2;
    case protocol::ctwing: return 3;
    case protocol::jetlinks: return 4;
    case protocol::huawei_mqtt: return 5;
    case protocol::alibaba: return 6;
  }
  return 0;
}

// Short names for the table below, which reads as §4.3 prints it.
inline constexpr capability F = capability::fetch;
inline constexpr capability As = capability::assemble;
inline constexpr capability Rh = capability::rehost;
inline constexpr capability Fs = capability::fragment_server;
inline constexpr capability V = capability::version_bridge;
inline constexpr capability Tv = capability::target_version;
inline constexpr capability Ip = capability::issue_install;
inline constexpr capability Im = capability::hold_outcome;
inline constexpr capability P = capability::progress_synthesis;
inline constexpr capability O = capability::outcome_synthesis;
inline constexpr capability Q = capability::pull_bridge;
inline constexpr capability X = capability::cancel_bridge;
inline constexpr capability K = capability::acks;
inline constexpr capability no = capability::none;

/// A printed cell: grade, capabilities, alternative ("Rh/…"), note.
[[nodiscard]] constexpr feasibility cell(grade g, capability needs, capability optional = no, std::uint8_t note = 0,
                                         bool conditional = false) noexcept {
  return feasibility{g, conditional, needs, optional, note};
}
/// A "T/B" cell.
[[nodiscard]] constexpr feasibility t_or_b(capability needs, std::uint8_t note) noexcept {
  return feasibility{grade::translate, true, needs, no, note};
}

inline constexpr feasibility diagonal{};
constexpr grade T = grade::translate;
constexpr grade B = grade::bridge;
constexpr grade G = grade::gap;

/// §4.3, row = device A, column = platform B, both in the matrix's order (`matrix_index`).
inline constexpr std::array<std::array<feasibility, 7>, 7> feasibility_matrix{{
    // PCP device
    {{diagonal, cell(G, As | Fs | V | Tv | X | K, no, 1), cell(B, F | Fs | V | Ip | P | K),
      cell(B, F | Fs | V | Ip | P | K), cell(B, F | Fs | V | Ip | P | K), cell(B, F | Fs | V | Ip | P | K, no, 2),
      cell(B, F | Fs | V | Ip | P | O | K)}},
    // LWM device
    {{cell(B, As | Rh | V | K, no, 3), diagonal, cell(B, F | Rh | V | Ip | P | O, no, 4),
      cell(B, F | V | Ip | P | O, Rh), cell(B, F | V | Ip | P | O, Rh), cell(B, F | Rh | V | Ip | P | O),
      cell(B, F | V | Ip | P | O, Rh)}},
    // TCT device
    {{cell(G, As | Rh | V | Im | K), cell(G, As | Rh | V | Tv | Im | X | K), diagonal, cell(T, no, no, 5),
      t_or_b(no, 6), cell(B, F | Rh | V), t_or_b(no, 6)}},
    // CTW device
    {{cell(G, As | Rh | V | Im | O), cell(G, As | Rh | V | Tv | Im | O | X), t_or_b(no, 7), diagonal, t_or_b(no, 7),
      cell(B, F | Rh | V), t_or_b(no, 7)}},
    // JTL device
    {{cell(G, As | Rh | V | Im), cell(G, As | Rh | V | Tv | Im | X), cell(T, no), cell(T, no, no, 5), diagonal,
      t_or_b(no, 8), cell(T, Q, no, 9)}},
    // HWM device
    {{cell(G, As | Rh | V | Im, no, 2), cell(G, As | Rh | V | Tv | Im | X), cell(B, F, Rh, 10),
      cell(B, F, Rh, 10), t_or_b(no, 10), diagonal, t_or_b(no, 10)}},
    // ALI device
    {{cell(G, As | Rh | V | Im | O | Q), cell(G, As | Rh | V | Tv | Im | O | Q | X), cell(T, Q), cell(T, Q, no, 5),
      t_or_b(Q, 11), cell(B, F | Rh | V | Q), diagonal}},
}};
}  // namespace detail

/// The §4.3 cell for a device speaking `device` and a platform speaking `platform`, exactly as
/// printed: conditional cells ("T/B") report their best case with `conditional` set.
[[nodiscard]] constexpr feasibility feasibility_of(protocol device, protocol platform) noexcept {
  return detail::feasibility_matrix[detail::matrix_index(device)][detail::matrix_index(platform)];
}

/// Whether the offer lets a URL pass through to device protocol `device` unchanged in its
/// authentication (no header to add, no query the device would append): plain or presigned.
[[nodiscard]] constexpr bool url_passes(const package_ref& offer) noexcept {
  return offer.source.kind == source_kind::url &&
         (offer.source.auth == url_auth::none || offer.source.auth == url_auth::presigned);
}

/// The §4.3 cell resolved against the platform's `offer`: a "T/B" cell becomes T or B by its note,
/// and a printed alternative ("Rh/pass", "Rh/v2") is dropped when the URL can pass.
/// - note 6 (TCT device; JTL, ALI platform): T if B supplies MD5 (JTL `md5` with a size, ALI
///   `Md5`); otherwise B with `F` (the gateway computes MD5, and the size for JTL `size: 0`).
/// - note 7 (CTW device): whether COS/OSS or a JetLinks server tolerate the query a CTWing device
///   appends is **unknown**; the conservative resolution is B with `F` + `Rh`, always.
/// - note 8 (JTL device, HWM platform): T for a `*_v2` offer (plain URL), B (`F` + `Rh`) for v1's
///   `url_auth::bearer`.
/// - note 10 (HWM device; JTL, ALI platform): T when B supplies SHA-256, else B with `F`.
/// - note 11 (ALI device, JTL platform): iotkit v3 devices need `md5`: T only when B gives MD5
///   (conservative: the device's SDK is not known here), else B with `F`.
/// - "Rh/pass" (LWM device): pass when the URL passes (`url_passes`) and fits `/5/0/1`'s 255
///   bytes (§4.2); "Rh/v2" (HWM device): pass unless B's URL needs a Bearer header.
[[nodiscard]] constexpr feasibility feasibility_of(protocol device, protocol platform,
                                                   const package_ref& offer) noexcept {
  feasibility f = feasibility_of(device, platform);
  const digest_algorithm algo = offer.package_digest.algorithm;
  if (f.conditional) {
    bool translate = false;
    switch (f.note) {
      case 6: translate = algo == digest_algorithm::md5 && offer.max_size > 0; break;
      case 7: translate = false; break;
      case 8: translate = offer.source.auth != url_auth::bearer; break;
      case 10: translate = algo == digest_algorithm::sha256; break;
      case 11: translate = algo == digest_algorithm::md5; break;
      default: break;
    }
    f.conditional = false;
    if (!translate) {
      f.level = grade::bridge;
      f.needs = f.needs | capability::fetch;
      if (f.note == 7 || f.note == 8) f.needs = f.needs | capability::rehost;
    }
  }
  if (f.optional != capability::none) {
    const bool passes = device == protocol::lwm2m_fw ? url_passes(offer) && offer.source.url.size() <= 255
                                                     : offer.source.auth != url_auth::bearer;
    if (!passes) f.needs = f.needs | f.optional;
    f.optional = capability::none;
  }
  return f;
}

// --- §4.2 hard limits -------------------------------------------------------------------------------

/// The §4.2 limits an offer meets for a device protocol; a bit set, combine with `|`.
enum class limit : std::uint8_t {
  none = 0,  ///< the offer fits
  /// ✗: over 65 535 × 500 = 32 767 500 bytes, more than a PCP device can be served (pcp §3, §5.4).
  pcp_package_too_large = 1u << 0,
  /// The target version is over PCP's 16 bytes: an alias is needed (V).
  pcp_version_alias = 1u << 1,
  /// The URL does not fit LwM2M's Package URI (over 255 bytes, or authenticated outside the URL):
  /// re-host (Rh).
  lwm2m_rehost = 1u << 2,
  /// Over 16 777 215 bytes: a push to an LwM2M device goes as opaque + block1, not one TLV value.
  lwm2m_blockwise = 1u << 3,
};

/// Marks `limit` as a bit set: `|` and `contains` apply (model.hpp `flag_set`).
template <>
inline constexpr bool is_flag_set<limit> = true;

/// The largest package a PCP device can be served: 65 535 fragments of 500 bytes (§4.2).
inline constexpr std::uint64_t pcp_max_package_size = std::uint64_t{65535} * 500u;
/// The longest PCP version (BYTE[16], §4.2).
inline constexpr std::size_t pcp_max_version_size = 16;
/// The longest LwM2M Package URI (`/5/0/1`, §4.2).
inline constexpr std::size_t lwm2m_max_uri_size = 255;
/// The largest LwM2M single TLV value (§4.2).
inline constexpr std::uint64_t lwm2m_max_tlv_value_size = 16777215;

/// The §4.2 limits `offer` meets toward a device speaking `device` (sizes judged by the largest
/// size the offer allows).
[[nodiscard]] constexpr limit limits_for(protocol device, const package_ref& offer) noexcept {
  limit out = limit::none;
  if (device == protocol::pcp) {
    if (offer.max_size > pcp_max_package_size) out = out | limit::pcp_package_too_large;
    if (offer.version.size() > pcp_max_version_size) out = out | limit::pcp_version_alias;
  }
  if (device == protocol::lwm2m_fw) {
    // A CTWing token is appended by the device (json §B.3) and a Bearer token is a header: an
    // LwM2M device does neither, so both need a gateway URL.
    if (offer.source.kind == source_kind::url &&
        (offer.source.url.size() > lwm2m_max_uri_size || !url_passes(offer))) {
      out = out | limit::lwm2m_rehost;
    }
    if (offer.max_size > lwm2m_max_tlv_value_size) out = out | limit::lwm2m_blockwise;
  }
  return out;
}

// --- gaps -------------------------------------------------------------------------------------------

/// What B-side guarantee a run did not honestly meet (§4.3 G); a bit set, combine with `|`.
enum class gap : std::uint8_t {
  none = 0,  ///< every B-side guarantee met
  /// B's explicit install step does not control when A installs (A installs on its own, `I−`).
  install_timing = 1u << 0,
  /// B cancelled after A had the package; an auto-installing A cannot be stopped (`X`).
  cancel_after_download = 1u << 1,
  /// B never named the target version; A got a synthesised one (`Tv`), which loses
  /// `already_latest` detection.
  target_version = 1u << 2,
  /// B supplied a digest that reaches A nowhere and that the gateway did not verify (note 10's
  /// omitted `sign`).
  integrity_unchecked = 1u << 3,
};

/// Marks `gap` as a bit set: `|` and `contains` apply (model.hpp `flag_set`).
template <>
inline constexpr bool is_flag_set<gap> = true;

// --- synthesis rules --------------------------------------------------------------------------------

/// The rules the gateway's invented events name: one per §4.1 capability that invents events.
namespace rules {
/// `F`/`As`: the gateway, as B's device, accepts B's offer when it takes the package itself.
inline constexpr synthesis_rule gateway_fetch{"gateway_fetch", "crosswalk 4.1 F / As: the gateway takes B's package"};
/// `As`: the gateway, as a PCP device, requests B's fragments 0…count−1.
inline constexpr synthesis_rule gateway_assemble{"gateway_assemble", "crosswalk 4.1 As: 21 for indexes 0..count-1"};
/// `Rh`: the offer to A names the gateway's URL and digest.
inline constexpr synthesis_rule gateway_rehost{"gateway_rehost", "crosswalk 4.1 Rh: re-host for A"};
/// `Fs`: the offer to a PCP device and the fragments it requests are the gateway's.
inline constexpr synthesis_rule gateway_fragment_server{"gateway_fragment_server",
                                                        "crosswalk 4.1 Fs: plan fsz/count, answer 21"};
/// `V`: a version query answered from the cache, or a query sent to A for B.
inline constexpr synthesis_rule gateway_version_bridge{"gateway_version_bridge",
                                                       "crosswalk 4.1 V: answer from the cache, query A"};
/// `Tv`: A's offer names a target B never gave.
inline constexpr synthesis_rule gateway_target_version{"gateway_target_version",
                                                       "crosswalk 4.1 Tv: target version from configuration"};
/// `I+`: the install request A needs and B never sends.
inline constexpr synthesis_rule gateway_issue_install{"gateway_issue_install",
                                                      "crosswalk 4.1 I+: install on A's download_finished"};
/// `I−`: the download's end and the install's acceptance B expects from an auto-installing A.
inline constexpr synthesis_rule gateway_hold_outcome{"gateway_hold_outcome",
                                                     "crosswalk 4.1 I-: report 22 / State 2, answer 23 / Execute"};
/// `P`: a percent from the bytes served.
inline constexpr synthesis_rule gateway_progress{"gateway_progress", "crosswalk 4.1 P: percent from bytes served"};
/// `O`: success from A's report of the target version, or B's version report after TCT's `done`.
inline constexpr synthesis_rule gateway_outcome{"gateway_outcome", "crosswalk 4.1 O: success by version report"};
/// `Q`: A's pull answered from the cached offer or with `no_upgrade`.
inline constexpr synthesis_rule gateway_pull_bridge{"gateway_pull_bridge", "crosswalk 4.1 Q: answer A's pull"};
/// `X`: B's cancel answered: delivered (failed{cancelled}) or refused.
inline constexpr synthesis_rule gateway_cancel_bridge{"gateway_cancel_bridge", "crosswalk 4.1 X: cancel while serving"};
/// `K`: the acks A waits for.
inline constexpr synthesis_rule gateway_acks{"gateway_acks", "crosswalk 4.1 K: 21/22/24 rsp, report_version_rsp"};

/// The gateway's own refusals (besides each side's session rules).
/// An offer A cannot be given: §4.2's ✗ (a PCP package over 32 767 500 bytes) or a hook that failed.
inline constexpr rule offer_not_deliverable{"offer_not_deliverable", names_of_state<upgrade_state>};
/// A step that would produce more events than a `translation` holds.
inline constexpr rule translation_full{"translation_full", names_of_state<upgrade_state>};
}  // namespace rules

// --- hooks ------------------------------------------------------------------------------------------

/// What `gateway_hooks::fetch` found: the package's exact size, whether B's digest matched, and
/// the digests the gateway computed over the bytes (views into the hooks' storage).
struct fetched_package {
  std::uint64_t size = 0;       ///< the exact size
  bool verified = false;        ///< B's digest was checked and matched (false when B gave none)
  digest md5{};                 ///< MD5 over the bytes, for A's that need it (TCT, CTW, ALI iotkit)
  digest sha256{};              ///< SHA-256 over the bytes, for Huawei's `sign`
};

/// A PCP fragment plan (pcp §5.4) and the check code that identifies the package for resume (§5.5).
struct fragment_plan {
  std::uint16_t fragment_size = 500;  ///< 32…500
  std::uint16_t fragment_count = 0;   ///< ceil(size / fragment_size) ≤ 65 535
  std::uint16_t check_code = 0;       ///< PCP 20's package check code
};

/// The §4.1 capabilities the gateway needs from outside: package bytes, URLs, storage. One
/// function per capability that needs a resource; the rest (`I+`, `I−`, `O`, `K`) are session
/// logic inside the gateway and need none. Every default fails with `errc::unsupported`, so a user
/// implements only what the pairs it serves need (`feasibility_of` says which).
///
/// An abstract class rather than a template parameter with a concept: the pair (A, B) is a runtime
/// choice (a gateway serves devices of several protocols), so one non-template `gateway` is
/// compiled once, and a hook is called a few times per upgrade (per fragment at most), where a
/// virtual call costs nothing that matters. Neither needs RTTI (no `dynamic_cast`, no `typeid`);
/// the destructor is protected and non-virtual, so no deleting destructor is emitted either.
///
/// Views the hooks return must stay valid until the upgrade ends.
class gateway_hooks {
 public:
  /// `F`: fetch B's package with B's authentication (`offer.source.auth`, `token`), verify B's
  /// digest, cache it, and compute the digests A may need.
  virtual result<fetched_package> fetch(const package_ref& offer) noexcept {
    static_cast<void>(offer);
    return fail(errc::unsupported, "fetch");
  }
  /// `As`: store one piece of B's package: a PCP fragment (`position` = index) or an LwM2M pushed
  /// block (`by_offset`).
  virtual result<void> assemble(const chunk& piece) noexcept {
    static_cast<void>(piece);
    return fail(errc::unsupported, "assemble");
  }
  /// `As`: the package's exact size once a push (LwM2M `/5/0/0`) is complete; empty until then.
  /// Where a push ends is not in the fact files (CoAP block options, crosswalk §6).
  virtual std::optional<std::uint64_t> assembled_size() noexcept { return std::nullopt; }
  /// `Rh`: a package reference for a device speaking `device`: the gateway's URL (≤ 255 bytes for
  /// LwM2M), A's authentication and digest, and `version` as the target.
  virtual result<package_ref> rehost(protocol device, const package_ref& offer, std::uint64_t size,
                                     std::string_view version) noexcept {
    static_cast<void>(device), static_cast<void>(offer), static_cast<void>(size), static_cast<void>(version);
    return fail(errc::unsupported, "rehost");
  }
  /// `F` (note 5): CTWing's full URL, `url` + `&deviceId=…&accessToken=<token>` (json §B.3), for a
  /// device that does a plain GET, so that a CTWing offer's URL passes through (the storage is the
  /// hooks'; the device id is the CTWing connection's).
  virtual result<std::string_view> token_url(const package_ref& offer) noexcept {
    static_cast<void>(offer);
    return fail(errc::unsupported, "token_url");
  }
  /// `Fs`: the fragment plan for a package of `size` bytes. The default: 500-byte fragments and
  /// check code 0 (IoTDA's fixed `0000`, pcp §10).
  virtual result<fragment_plan> plan_fragments(std::uint64_t size) noexcept {
    if (size == 0 || size > pcp_max_package_size) return fail(errc::out_of_range, "size");
    fragment_plan plan{};
    plan.fragment_count = static_cast<std::uint16_t>((size + plan.fragment_size - 1u) / plan.fragment_size);
    return plan;
  }
  /// `Fs`: fragment `index`'s bytes (the last at its real length).
  virtual result<byte_view> serve_fragment(std::uint16_t index) noexcept {
    static_cast<void>(index);
    return fail(errc::unsupported, "serve_fragment");
  }
  /// `V`: a PCP alias (≤ 16 printable bytes) for a longer `version`; the gateway maps it back.
  virtual result<std::string_view> version_alias(std::string_view version) noexcept {
    static_cast<void>(version);
    return fail(errc::unsupported, "version_alias");
  }
  /// `Tv`: the target version to name toward A when B's offer (LwM2M) names none: from
  /// configuration or the package, or a synthetic label (design, §4.1).
  virtual result<std::string_view> target_version(const package_ref& offer) noexcept {
    static_cast<void>(offer);
    return fail(errc::unsupported, "target_version");
  }
  /// `P`: bytes of the package A has fetched from the gateway so far, when it serves them.
  virtual std::optional<std::uint64_t> bytes_served() noexcept { return std::nullopt; }
  /// `X`: stop serving the package to A; true when the gateway still controlled the bytes (A had
  /// not got them all), false when it is too late.
  virtual bool stop_serving() noexcept { return false; }
  /// `Q`: the offer to answer A's pull with (already in A's terms), or none (`no_upgrade`).
  virtual std::optional<package_ref> offer_for_pull() noexcept { return std::nullopt; }

 protected:
  /// Only as the base of an implementation.
  gateway_hooks() = default;
  /// Copied only as part of an implementation.
  gateway_hooks(const gateway_hooks&) = default;
  /// Assigned only as part of an implementation.
  gateway_hooks& operator=(const gateway_hooks&) = default;
  /// Not destroyed through the base: no virtual destructor needed.
  ~gateway_hooks() = default;
};

// --- the gateway ------------------------------------------------------------------------------------

/// The most events one step sends to either side.
inline constexpr std::size_t gateway_max_events = 6;
/// The longest version text the gateway keeps (running, targets, a held outcome's): Alibaba and
/// Huawei versions go to 64 characters (§2.1).
inline constexpr std::size_t gateway_version_capacity = 64;

/// What one step produced: events for the platform (in B's terms: `source_protocol` B, device →
/// platform), events for the device (in A's terms: `source_protocol` A, platform → device), the
/// gaps found, and which input event kinds were absorbed (consumed with no counterpart, each for
/// a documented reason: an ack the gateway consumes (`K`), a fragment request it serves (`Fs`), an
/// acceptance B already has, a report cached for B's query (`V`), an outcome held (`I−`), progress
/// B's session cannot place). Views in the events point into the input events, the gateway, or
/// the hooks' storage: use them before the next step.
struct translation {
  std::array<event, gateway_max_events> platform_events{};  ///< storage; see `to_platform()`
  std::array<event, gateway_max_events> device_events{};    ///< storage; see `to_device()`
  std::uint8_t platform_count = 0;                          ///< events in `platform_events`
  std::uint8_t device_count = 0;                            ///< events in `device_events`
  gap gaps = gap::none;                                     ///< gaps this step found
  /// Bit `i` set: platform event `i` and the one before it forward events of one input message
  /// (a Tencent `downloading "100"` is a progress and a download_finished). A caller encodes
  /// each event with `from_event`; where both give the same message, it is one message, sent once.
  std::uint8_t platform_joined = 0;
  std::uint8_t device_joined = 0;  ///< as `platform_joined`, for the device events
  /// The device's version report of the target was read as its success (§4.1 `O`: ALI, CTW say
  /// success only so): the device-side session counts a `succeeded` the device never sent as such.
  bool device_success_inferred = false;
  std::uint16_t absorbed = 0;  ///< bit `1 << event_kind` per input kind consumed without a counterpart

  /// The events to send to the platform, in order.
  [[nodiscard]] constexpr std::span<const event> to_platform() const noexcept {
    return {platform_events.data(), platform_count};
  }
  /// The events to send to the device, in order.
  [[nodiscard]] constexpr std::span<const event> to_device() const noexcept {
    return {device_events.data(), device_count};
  }
  /// Whether an input event of kind `k` was absorbed.
  [[nodiscard]] constexpr bool was_absorbed(event_kind k) const noexcept {
    return ((absorbed >> static_cast<unsigned>(k)) & 1u) != 0;
  }
};

namespace detail {
/// A version text the gateway owns (the input's views do not outlive the step).
class version_text {
 public:
  /// Keeps a copy of `v`; `false` (and empty) when it is longer than the capacity.
  constexpr bool assign(std::string_view v) noexcept {
    if (v.size() > text_.size()) {
      size_ = 0;
      return false;
    }
    for (std::size_t i = 0; i < v.size(); ++i) text_[i] = v[i];
    size_ = static_cast<std::uint8_t>(v.size());
    return true;
  }
  /// The text.
  [[nodiscard]] constexpr std::string_view view() const noexcept { return {text_.data(), size_}; }

 private:
  std::array<char, gateway_version_capacity> text_{};
  std::uint8_t size_ = 0;
};
}  // namespace detail

/// One upgrade of one device between a device speaking A and a platform speaking B.
///
/// Two verbs, `on_device` and `on_platform`, rather than one `on_event` dispatching on
/// `head.dir`: an `ack` travels both ways, and the gateway is a platform to one side and a device
/// to the other, so the direction alone does not say which side an event came from. Each takes
/// one wire message's events (a span, applied all or none, as `neutral_session::on_events`) or a
/// single event. `start()` opens the session toward the device (a PCP or LwM2M device reports its
/// version only when asked).
///
/// A refused step (that side's session rejects an input event, a hook fails, a translation would
/// overflow) leaves the gateway as it was; hooks' side effects (a fetch) are not undone.
class gateway {
 public:
  /// A gateway between a device speaking `device` and a platform speaking `platform`, using `hooks`
  /// (which must outlive the gateway).
  constexpr gateway(protocol device, protocol platform, gateway_hooks& hooks) noexcept
      : hooks_(&hooks),
        a_(device),
        b_(platform),
        device_side_(profile_of(device)),
        platform_side_(profile_of(platform)) {}

  /// The device's protocol (A).
  [[nodiscard]] constexpr protocol device_protocol() const noexcept { return a_; }
  /// The platform's protocol (B).
  [[nodiscard]] constexpr protocol platform_protocol() const noexcept { return b_; }
  /// The pair's §4.3 cell, resolved against B's offer once one came.
  [[nodiscard]] constexpr feasibility cell() const noexcept {
    return offered_ ? resolved_ : feasibility_of(a_, b_);
  }
  /// Every gap found so far.
  [[nodiscard]] constexpr gap gaps() const noexcept { return gaps_; }
  /// The session toward the device (A's profile), as the gateway sees it.
  [[nodiscard]] constexpr const neutral_session& device_session() const noexcept { return device_side_; }
  /// The session toward the platform (B's profile), as the gateway sees it.
  [[nodiscard]] constexpr const neutral_session& platform_session() const noexcept { return platform_side_; }
  /// The device's last reported running version (empty until one came).
  [[nodiscard]] constexpr std::string_view running_version() const noexcept { return running_.view(); }
  /// The target named toward the device (B's, an alias, or a synthesised one).
  [[nodiscard]] constexpr std::string_view device_target() const noexcept { return a_target_.view(); }
  /// The target B named (empty for LwM2M).
  [[nodiscard]] constexpr std::string_view platform_target() const noexcept { return b_target_.view(); }

  /// Opens the session: a `version_query` toward a device that reports only when asked (PCP,
  /// LwM2M: §1.4 E2), so that B's query can be answered from the cache, and toward any device that
  /// can be asked (JTL, HWM) when B expects an unasked report before its offer (TCT "must report
  /// version first", CTW "once on activation", ALI "once at boot": §1.4 E1) (§4.1 `V`).
  [[nodiscard]] constexpr result<translation> start() noexcept {
    return step([&](translation& out) -> result<void> {
      const bool b_wants_report = b_ == protocol::tencent || b_ == protocol::ctwing || b_ == protocol::alibaba;
      if (a_ != protocol::pcp && a_ != protocol::lwm2m_fw && !(b_wants_report && queryable(a_))) return ok();
      return to_device(out, nullptr, version_query{}, &rules::gateway_version_bridge);
    });
  }

  /// Resumes an interrupted download of a PCP device (pcp §5.5): a `version_query` now (the
  /// neutral rules restart an exchange by re-querying), then, on the device's answer, the same
  /// offer again (same target, plan and check code), from which the device requests its first
  /// missing fragment. Only for a PCP device that is downloading; otherwise `unexpected_event`.
  [[nodiscard]] constexpr result<translation> resume() noexcept {
    return step([&](translation& out) -> result<void> {
      const auto s = device_side_.state();
      const bool downloading = s == upgrade_state::offered || s == upgrade_state::downloading ||
                               s == upgrade_state::chunk_requested;
      if (a_ != protocol::pcp || !downloading || cancelled_) {
        return violation(rules::unexpected_event, device_side_.state());
      }
      reoffer_pending_ = true;
      return to_device(out, nullptr, version_query{}, &rules::gateway_fragment_server);
    });
  }

  /// The events of one message from the device (A's `to_events`), all or none.
  [[nodiscard]] constexpr result<translation> on_device(std::span<const event> events) noexcept {
    return step([&](translation& out) -> result<void> {
      // The device sends only device → platform events (an ack included: JetLinks read/reply).
      for (const event& e : events) {
        if (e.head.dir != direction::device_to_platform) return violation(rules::event_direction, device_side_.state());
      }
      if (auto r = device_side_.on_events(events); !r) return r.error();
      bool has_outcome = false;
      for (const event& e : events) {
        has_outcome = has_outcome || e.kind() == event_kind::succeeded || e.kind() == event_kind::failed;
      }
      for (std::size_t i = 0; i < events.size(); ++i) {
        input_ = static_cast<std::int8_t>(i);
        if (auto r = device_event(out, events[i], has_outcome); !r) return r;
      }
      return ok();
    });
  }
  /// One event from the device.
  [[nodiscard]] constexpr result<translation> on_device(const event& e) noexcept {
    return on_device(std::span<const event>(&e, 1));
  }

  /// The events of one message from the platform (B's `to_events`), all or none.
  [[nodiscard]] constexpr result<translation> on_platform(std::span<const event> events) noexcept {
    return step([&](translation& out) -> result<void> {
      for (const event& e : events) {
        if (e.head.dir != direction::platform_to_device) return refuse(rules::event_direction);
      }
      if (auto r = platform_side_.on_events(events); !r) return r.error();
      for (std::size_t i = 0; i < events.size(); ++i) {
        input_ = static_cast<std::int8_t>(i);
        if (auto r = platform_event(out, events[i]); !r) return r;
      }
      return ok();
    });
  }
  /// One event from the platform.
  [[nodiscard]] constexpr result<translation> on_platform(const event& e) noexcept {
    return on_platform(std::span<const event>(&e, 1));
  }

 private:
  /// Runs one step all or none.
  template <class Body>
  constexpr result<translation> step(Body body) noexcept {
    const gateway before = *this;
    translation out{};
    input_ = -1;
    last_platform_input_ = -2;
    last_device_input_ = -2;
    if (auto r = body(out); !r) {
      *this = before;
      return r.error();
    }
    gaps_ = gaps_ | out.gaps;
    return out;
  }

  [[nodiscard]] static constexpr bool queryable(protocol p) noexcept {  // §1.4 E1 "have it"
    return p == protocol::pcp || p == protocol::lwm2m_fw || p == protocol::jetlinks || p == protocol::huawei_mqtt;
  }
  [[nodiscard]] static constexpr bool pulls(protocol p) noexcept {  // §1.4 E3 "have it"
    return p == protocol::jetlinks || p == protocol::alibaba;
  }
  [[nodiscard]] static constexpr bool explicit_install(protocol p) noexcept {  // §1.4 E10
    return !profile_of(p).installs_on_its_own;
  }
  [[nodiscard]] static constexpr bool reports_unasked(protocol p) noexcept {  // §1.4 E2 "lack it"
    return p != protocol::pcp && p != protocol::lwm2m_fw;
  }
  [[nodiscard]] constexpr otawire::error refuse(const rule& r) const noexcept { return violation(r, platform_side_.state()); }
  [[nodiscard]] constexpr bool fetched() const noexcept { return contains(resolved_.needs, capability::fetch); }

  /// Builds an event for side `p` travelling `dir`, like `like` (its envelope, vendor record and
  /// fidelity) or invented by `rule`.
  constexpr void stamp(event& e, protocol p, direction dir, const event* like,
                       const synthesis_rule* made_by) const noexcept {
    if (like != nullptr) {
      e.head = like->head;
      e.mapped = like->mapped;
      e.made_by = like->made_by;
    } else {
      e.head = envelope{};
    }
    // An invented event carries no vendor code: the other side's protocol, so that the target's
    // encoder does not re-use a record of its own protocol that the event does not come from.
    if (like == nullptr || made_by != nullptr) e.head.vendor = vendor_record{p == a_ ? b_ : a_, 0, {}, {}};
    // The task ids belong to the side they came from; each side's encoder takes its own.
    e.head.upgrade_task = task{};
    e.head.correlation = {};
    e.head.source_protocol = p;
    e.head.sdk_profile = 0;
    e.head.dir = dir;
    if (made_by != nullptr) {
      e.mapped = fidelity::synthesised;
      e.made_by = made_by;
    }
  }
  /// Appends an event for the platform, checked by B's session.
  template <class Body>
  constexpr result<void> to_platform(translation& out, const event* like, const Body& body,
                                     const synthesis_rule* made_by = nullptr) noexcept {
    if (out.platform_count == gateway_max_events) return refuse(rules::translation_full);
    event& e = out.platform_events[out.platform_count];
    stamp(e, b_, direction::device_to_platform, like, made_by);
    e.body.template emplace<Body>(body);
    if (auto r = platform_side_.on_event(e); !r) return r;
    const std::int8_t from = (like != nullptr && made_by == nullptr) ? input_ : std::int8_t{-2};
    if (from > 0 && last_platform_input_ == from - 1) {
      out.platform_joined = static_cast<std::uint8_t>(out.platform_joined | (1u << out.platform_count));
    }
    last_platform_input_ = from;
    ++out.platform_count;
    return ok();
  }
  /// Appends an event for the device, checked by A's session.
  template <class Body>
  constexpr result<void> to_device(translation& out, const event* like, const Body& body,
                                   const synthesis_rule* made_by = nullptr) noexcept {
    if (out.device_count == gateway_max_events) return refuse(rules::translation_full);
    event& e = out.device_events[out.device_count];
    stamp(e, a_, direction::platform_to_device, like, made_by);
    e.body.template emplace<Body>(body);
    if (auto r = device_side_.on_event(e); !r) return r;
    const std::int8_t from = (like != nullptr && made_by == nullptr) ? input_ : std::int8_t{-2};
    if (from > 0 && last_device_input_ == from - 1) {
      out.device_joined = static_cast<std::uint8_t>(out.device_joined | (1u << out.device_count));
    }
    last_device_input_ = from;
    ++out.device_count;
    return ok();
  }
  static constexpr void absorb(translation& out, event_kind k) noexcept {
    out.absorbed = static_cast<std::uint16_t>(out.absorbed | (1u << static_cast<unsigned>(k)));
  }
  /// A's version in B's terms: A's target (an alias, a synthesised one) is B's target.
  [[nodiscard]] constexpr std::string_view to_platform_version(std::string_view v) const noexcept {
    if (!a_target_.view().empty() && v == a_target_.view() && !b_target_.view().empty()) return b_target_.view();
    return v;
  }

  // --- device side ---------------------------------------------------------------------------------

  constexpr result<void> device_event(translation& out, const event& e, bool has_outcome) noexcept {
    switch (e.kind()) {
      case event_kind::version_report: return device_report(out, e, has_outcome);
      case event_kind::upgrade_request: return device_pull(out, e);
      case event_kind::accepted: {
        const auto subject = std::get<accepted>(e.body).subject;
        if (cancelled_ || (subject == answer_subject::offer && platform_side_.state() != upgrade_state::offered)) {
          absorb(out, e.kind());  // B already has it: the gateway accepted when it took the package
          return ok();
        }
        if (subject == answer_subject::install && explicit_install(a_) && !explicit_install(b_)) {
          // B has no install step (I+ issued it): its session places the acceptance by itself.
          if (platform_side_.state() != upgrade_state::downloaded) {
            absorb(out, e.kind());
            return ok();
          }
        }
        return to_platform(out, &e, std::get<accepted>(e.body));
      }
      case event_kind::refused: {
        const auto& r = std::get<refused>(e.body);
        if (cancelled_) {
          absorb(out, e.kind());
          return ok();
        }
        const bool b_asked = r.subject == answer_subject::offer ? platform_side_.state() == upgrade_state::offered
                                                                : platform_side_.state() == upgrade_state::install_requested;
        if (b_asked || r.subject == answer_subject::cancel) return to_platform(out, &e, r);
        // B never asked (the gateway took the package, or issued the install): a failure to B.
        const phase stage = r.subject == answer_subject::offer ? phase::download : phase::install;
        if (r.why == reason::deferred) {
          absorb(out, e.kind());  // held, as §3.2 says for protocols without a deferral
          return ok();
        }
        return outcome_to_platform(out, &e, failed{stage, r.why, running_.view()});
      }
      case event_kind::progress: return device_progress(out, e);
      case event_kind::chunk_request: return device_chunk_request(out, e);
      case event_kind::download_finished: return device_download_finished(out, e);
      case event_kind::succeeded:
      case event_kind::failed: return device_outcome(out, e);
      case event_kind::ack:  // JetLinks read/reply{success:false}: nothing B can be told
      default: absorb(out, e.kind()); return ok();
    }
  }

  constexpr result<void> device_report(translation& out, const event& e, bool has_outcome) noexcept {
    const auto& r = std::get<version_report>(e.body);
    if (!running_.assign(r.first.version)) return fail(errc::out_of_range, "version");
    const auto in_upgrade = [](upgrade_state s) {
      return s == upgrade_state::downloading || s == upgrade_state::downloaded || s == upgrade_state::installing;
    };
    // O: a report of the target is the success (A ∈ ALI, CTW when to_events had no context).
    if (!has_outcome && !a_target_.view().empty() && r.first.version == a_target_.view() &&
        in_upgrade(device_side_.state())) {
      event made{};
      stamp(made, a_, direction::device_to_platform, &e, &rules::gateway_outcome);
      made.body.emplace<succeeded>(succeeded{a_target_.view()});
      if (auto s = device_side_.on_event(made); !s) return s;
      out.device_success_inferred = true;
      return device_outcome(out, made);
    }
    if (reoffer_pending_ && r.solicited) {  // resume(): the same offer again (pcp §5.5)
      reoffer_pending_ = false;
      absorb(out, e.kind());
      return to_device_offer(out, e, device_offer_, device_check_code_, &rules::gateway_fragment_server);
    }
    version_report forwarded = r;
    forwarded.first.version = to_platform_version(r.first.version);
    if (platform_side_.state() == upgrade_state::querying) {
      forwarded.solicited = true;
      return to_platform(out, &e, forwarded, r.solicited ? nullptr : &rules::gateway_version_bridge);
    }
    // An unasked report goes to a B that takes unasked reports, and only outside an upgrade (a
    // Tencent report mid-upgrade restarts it, json §A.4); else it is cached for B's query (V).
    const auto b = platform_side_.state();
    if (reports_unasked(b_) && (b == upgrade_state::idle || b == upgrade_state::version_known) &&
        !(has_outcome && (b_ == protocol::alibaba || b_ == protocol::ctwing))) {
      forwarded.solicited = false;
      return to_platform(out, &e, forwarded);
    }
    absorb(out, e.kind());
    return ok();
  }

  constexpr result<void> device_pull(translation& out, const event& e) noexcept {
    if (pulls(b_)) return to_platform(out, &e, std::get<upgrade_request>(e.body));
    // Q: B only pushes: answer from the cached offer, or say there is none.
    absorb(out, e.kind());
    if (auto offer = hooks_->offer_for_pull()) {
      return to_device(out, nullptr, upgrade_offer{*offer, true}, &rules::gateway_pull_bridge);
    }
    return to_device(out, nullptr, no_upgrade{}, &rules::gateway_pull_bridge);
  }

  constexpr result<void> device_progress(translation& out, const event& e) noexcept {
    if (cancelled_) {
      absorb(out, e.kind());
      return ok();
    }
    progress p = std::get<progress>(e.body);
    const synthesis_rule* made_by = nullptr;
    // P: a percent from the bytes the gateway served (an LwM2M device says none).
    if (!p.percent && p.stage != phase::install && size_ != 0) {
      if (auto served = hooks_->bytes_served()) {
        p.percent = static_cast<std::uint8_t>((*served >= size_ ? size_ : *served) * 100u / size_);
        p.bytes = served;
        made_by = &rules::gateway_progress;
      }
    }
    // Huawei progress has no phase: 100, or a report without a percent, is the upgrade's final
    // report (hwali §A.8 rule 2), so a download's end or an install step is not forwarded.
    if (b_ == protocol::huawei_mqtt && (!p.percent || *p.percent >= 100)) {
      absorb(out, e.kind());
      return ok();
    }
    // Tencent's first `downloading` percent is "0" (json §A.4): a device that starts elsewhere
    // (CTW step 1.., an LwM2M device's bytes) gets the 0 synthesised in front.
    if (b_ == protocol::tencent && !b_progress_started_ && p.stage != phase::install && p.percent &&
        *p.percent != 0) {
      if (auto r = to_platform(out, &e, progress{phase::download, std::uint8_t{0}, {}, {}}, &rules::gateway_progress);
          !r) {
        return r;
      }
    }
    if (p.percent && p.stage != phase::install) b_progress_started_ = true;
    neutral_session probe = platform_side_;
    event e2{};
    stamp(e2, b_, direction::device_to_platform, &e, made_by);
    e2.body.emplace<progress>(p);
    if (!probe.on_event(e2)) {  // progress B's session cannot place (install progress for a PCP B)
      absorb(out, e.kind());
      return ok();
    }
    return to_platform(out, &e, p, made_by);
  }

  constexpr result<void> device_chunk_request(translation& out, const event& e) noexcept {
    absorb(out, e.kind());  // served here (Fs); B sees the progress that came with it
    const auto& request = std::get<chunk_request>(e.body);
    chunk answer{};
    answer.position = request.index;
    if (cancelled_) {
      answer.status = chunk_status::task_not_found;  // X: the only lever PCP has (0x80)
      return to_device(out, nullptr, answer, &rules::gateway_cancel_bridge);
    }
    auto bytes = hooks_->serve_fragment(request.index);
    if (!bytes) return bytes.error();
    answer.bytes = *bytes;
    return to_device(out, nullptr, answer, &rules::gateway_fragment_server);
  }

  constexpr result<void> device_download_finished(translation& out, const event& e) noexcept {
    a_downloaded_ = true;
    if (profile_of(a_).acknowledged_reports) {  // K: PCP 22 rsp
      if (auto r = to_device(out, nullptr, ack{ack_subject::download_finished, true, reason::unspecified},
                             &rules::gateway_acks);
          !r) {
        return r;
      }
    }
    if (cancelled_) {
      absorb(out, e.kind());
      return ok();
    }
    if (auto r = to_platform(out, &e, std::get<download_finished>(e.body)); !r) return r;
    // I+: A needs the install request, B will never send one.
    if (explicit_install(a_) && !explicit_install(b_)) {
      return to_device(out, nullptr, install_request{}, &rules::gateway_issue_install);
    }
    return ok();
  }

  /// I−: B has an install step A does not follow, and B has not asked for the install yet.
  [[nodiscard]] constexpr bool holding() const noexcept {
    return explicit_install(b_) && !explicit_install(a_) && !b_install_requested_;
  }

  constexpr result<void> device_outcome(translation& out, const event& e) noexcept {
    if (profile_of(a_).acknowledged_reports) {  // K: PCP 24 rsp (22 rsp for a download failure)
      const ack_subject of = device_side_.state() == upgrade_state::download_reported ? ack_subject::download_finished
                                                                                        : ack_subject::outcome;
      if (auto r = to_device(out, nullptr, ack{of, true, reason::unspecified}, &rules::gateway_acks); !r) return r;
    }
    if (cancelled_) {  // B was told failed{cancelled} already
      absorb(out, e.kind());
      return ok();
    }
    if (e.kind() == event_kind::failed) {
      failed f = std::get<failed>(e.body);
      f.version_at_failure = to_platform_version(f.version_at_failure);
      const bool download_stage = f.stage == phase::download || f.stage == phase::offer ||
                                  (f.stage == phase::unspecified && !a_downloaded_);
      if (holding() && !download_stage) return hold(out, e, false, f.why, f.stage);
      // A phase-less failure (JTL, HWM) takes B's phase: a PCP B reports a download failure in 22,
      // an install failure in 24, and checks which one it gets.
      const auto b = platform_side_.state();
      if (f.stage == phase::unspecified && (b == upgrade_state::offered || b == upgrade_state::downloading ||
                                            b == upgrade_state::chunk_requested)) {
        f.stage = phase::download;
      }
      return outcome_to_platform(out, &e, f);
    }
    const auto& s = std::get<succeeded>(e.body);
    if (holding()) return hold(out, e, true, reason::unspecified, phase::install);
    // O: a JTL or HWM device never says its download ended (§1.4 E9), but TCT's `done` needs
    // `downloading "100"` before it (json §A.4) and CTW's success inform needs step 100: a success
    // implies the download, so it is said first.
    if ((b_ == protocol::tencent || b_ == protocol::ctwing) && platform_side_.state() == upgrade_state::downloading) {
      if (auto r = to_platform(out, &e, download_finished{verification::unknown, {}}, &rules::gateway_outcome); !r) {
        return r;
      }
    }
    return outcome_to_platform(out, &e, succeeded{to_platform_version(s.new_version)});
  }

  /// I−: reports the download's end to B (if A never said it: JTL, HWM) and keeps the outcome
  /// until B asks for the install.
  constexpr result<void> hold(translation& out, const event& e, bool success, reason why, phase stage) noexcept {
    out.gaps = out.gaps | gap::install_timing;
    absorb(out, e.kind());
    const auto b = platform_side_.state();
    if (b == upgrade_state::offered || b == upgrade_state::downloading || b == upgrade_state::chunk_requested) {
      if (auto r = to_platform(out, nullptr, download_finished{verification::unknown, {}},
                               &rules::gateway_hold_outcome);
          !r) {
        return r;
      }
    }
    held_ = true;
    held_success_ = success;
    held_reason_ = why;
    held_stage_ = stage;
    const std::string_view v = success ? std::get<succeeded>(e.body).new_version : std::get<failed>(e.body).version_at_failure;
    if (!held_version_.assign(to_platform_version(v))) return fail(errc::out_of_range, "version");
    return ok();
  }

  /// An outcome to B; then O for B = TCT (`done` followed by `report_version`, §4.1).
  template <class Body>
  constexpr result<void> outcome_to_platform(translation& out, const event* like, const Body& body,
                                             const synthesis_rule* made_by = nullptr) noexcept {
    if (auto r = to_platform(out, like, body, made_by); !r) return r;
    if constexpr (std::is_same_v<Body, succeeded>) {
      if (b_ == protocol::tencent && platform_side_.state() == upgrade_state::idle) {
        version_report report{};
        report.first.version = body.new_version;
        return to_platform(out, like, report, &rules::gateway_outcome);
      }
    }
    return ok();
  }

  // --- platform side -------------------------------------------------------------------------------

  constexpr result<void> platform_event(translation& out, const event& e) noexcept {
    switch (e.kind()) {
      case event_kind::version_query: return platform_query(out, e);
      case event_kind::upgrade_offer: return platform_offer(out, e);
      case event_kind::no_upgrade:
        if (pulls(a_)) return to_device(out, &e, no_upgrade{});
        absorb(out, e.kind());
        return ok();
      case event_kind::chunk: return platform_chunk(out, e);
      case event_kind::install_request: return platform_install(out, e);
      case event_kind::cancel: return platform_cancel(out, e);
      case event_kind::ack:  // K: B's acks are consumed (PCP 22/24 rsp, TCT report_version_rsp)
      default: absorb(out, e.kind()); return ok();
    }
  }

  constexpr result<void> platform_query(translation& out, const event& e) noexcept {
    if (!running_.view().empty()) {  // V: from the cache
      version_report report{};
      report.first.part = e.head.part;
      report.first.version = to_platform_version(running_.view());
      report.solicited = true;
      return to_platform(out, &e, report, &rules::gateway_version_bridge);
    }
    if (queryable(a_)) return to_device(out, &e, version_query{});
    absorb(out, e.kind());  // answered when A reports unasked (TCT, CTW, ALI report at boot)
    return ok();
  }

  constexpr result<void> platform_offer(translation& out, const event& e) noexcept {
    const package_ref& offer = std::get<upgrade_offer>(e.body).package;
    resolved_ = feasibility_of(a_, b_, offer);
    offered_ = true;
    offer_solicited_ = std::get<upgrade_offer>(e.body).solicited;
    a_downloaded_ = false;
    cancelled_ = false;
    b_install_requested_ = false;
    held_ = false;
    b_progress_started_ = false;
    reoffer_pending_ = false;
    if (!b_target_.assign(offer.version)) return fail(errc::out_of_range, "version");
    source_ = offer;
    source_.version = b_target_.view();
    if (offer.version.empty()) {  // Tv: B = LwM2M names none
      auto v = hooks_->target_version(offer);
      if (!v) return v.error();
      if (!a_target_.assign(*v)) return fail(errc::out_of_range, "version");
      out.gaps = out.gaps | gap::target_version;
    } else if (a_ == protocol::pcp && offer.version.size() > pcp_max_version_size) {  // V: alias
      auto v = hooks_->version_alias(offer.version);
      if (!v) return v.error();
      if (v->size() > pcp_max_version_size || !a_target_.assign(*v)) return fail(errc::bad_string, "version");
    } else {
      a_target_.assign(offer.version);
    }
    size_ = offer.exact_size().value_or(offer.max_size);
    if (contains(limits_for(a_, offer), limit::pcp_package_too_large)) return refuse(rules::offer_not_deliverable);
    switch (offer.source.kind) {
      case source_kind::fragments: {  // As: B = PCP; accept, then request 0 … count−1
        fragment_count_ = offer.source.fragment_count;
        next_fragment_ = 0;
        assembled_bytes_ = 0;
        if (auto r = to_platform(out, &e, accepted{answer_subject::offer}, &rules::gateway_fetch); !r) return r;
        if (fragment_count_ == 0) return refuse(rules::offer_not_deliverable);
        return to_platform(out, &e, chunk_request{0, b_target_.view()}, &rules::gateway_assemble);
      }
      case source_kind::push:  // As: B = LwM2M pushes; the offer's first block follows as a chunk
        return to_platform(out, &e, accepted{answer_subject::offer}, &rules::gateway_fetch);
      case source_kind::url:
      case source_kind::none:
        if (fetched() || b_ == protocol::lwm2m_fw) {
          auto got = hooks_->fetch(offer);
          if (!got) return got.error();
          fetched_ = *got;
          size_ = got->size;
          if (explicit_install(b_)) {  // LwM2M State 1: the gateway downloads
            if (auto r = to_platform(out, &e, accepted{answer_subject::offer}, &rules::gateway_fetch); !r) return r;
          }
        }
        return offer_device(out, e);
    }
    return ok();
  }

  constexpr result<void> platform_chunk(translation& out, const event& e) noexcept {
    const auto& piece = std::get<chunk>(e.body);
    absorb(out, e.kind());
    if (piece.status != chunk_status::data) return ok();  // B ended the task; its session says so
    if (auto r = hooks_->assemble(piece); !r) return r;
    if (piece.by_offset) {
      if (auto size = hooks_->assembled_size()) {
        size_ = *size;
        return offer_device(out, e);
      }
      return ok();
    }
    assembled_bytes_ += piece.bytes.size();
    ++next_fragment_;
    if (next_fragment_ < fragment_count_) {
      return to_platform(out, &e, chunk_request{next_fragment_, b_target_.view()}, &rules::gateway_assemble);
    }
    size_ = assembled_bytes_;  // the exact size is known at the end (§4.1 As)
    return offer_device(out, e);
  }

  /// The offer in A's terms: fragments (Fs), a re-hosted URL (Rh) or B's URL passed through.
  /// `trigger` is the platform event of this step (the offer, or the last fragment or block).
  constexpr result<void> offer_device(translation& out, const event& trigger) noexcept {
    package_ref pkg = source_;
    pkg.version = a_target_.view();
    pkg.min_size = size_;
    pkg.max_size = size_;
    const synthesis_rule* made_by = a_target_.view() != b_target_.view() ? &rules::gateway_target_version : nullptr;
    if (a_ == protocol::pcp) {
      auto plan = hooks_->plan_fragments(size_);
      if (!plan) return plan.error();
      pkg.source = package_source{};
      pkg.source.kind = source_kind::fragments;
      pkg.source.fragment_size = plan->fragment_size;
      pkg.source.fragment_count = plan->fragment_count;
      pkg.package_digest = digest{};
      return to_device_offer(out, trigger, pkg, plan->check_code, &rules::gateway_fragment_server);
    }
    const bool needs_rehost = contains(resolved_.needs, capability::rehost) ||
                              source_.source.kind != source_kind::url;
    if (needs_rehost) {
      auto hosted = hooks_->rehost(a_, source_, size_, a_target_.view());
      if (!hosted) return hosted.error();
      pkg = *hosted;
      pkg.version = a_target_.view();
      made_by = &rules::gateway_rehost;
    } else {
      if (source_.source.auth == url_auth::query_token && a_ != protocol::ctwing) {
        auto url = hooks_->token_url(source_);  // note 5: pre-built for a plain GET
        if (!url) return url.error();
        pkg.source.url = *url;
        pkg.source.auth = url_auth::presigned;
        pkg.source.token = {};
      }
    }
    if (!needs_rehost && fetched()) {
      // F computed what A needs (notes 6, 10, 11); the URL passes through.
      const digest wanted = a_ == protocol::huawei_mqtt ? fetched_.sha256 : fetched_.md5;
      if (wanted.algorithm != digest_algorithm::none) {
        pkg.package_digest = wanted;
      } else if (a_ == protocol::huawei_mqtt) {
        pkg.package_digest = digest{};  // note 10: `sign` omitted; the SDKs check it only for v1
        if (!fetched_.verified) out.gaps = out.gaps | gap::integrity_unchecked;
      }
      made_by = &rules::gateway_fetch;
    }
    return to_device_offer(out, trigger, pkg, std::nullopt, made_by);
  }

  constexpr result<void> to_device_offer(translation& out, const event& like, const package_ref& pkg,
                                         std::optional<std::uint16_t> check_code,
                                         const synthesis_rule* made_by) noexcept {
    if (out.device_count == gateway_max_events) return refuse(rules::translation_full);
    event& e = out.device_events[out.device_count];
    stamp(e, a_, direction::platform_to_device, &like, made_by);
    e.head.upgrade_task.package_check_code = check_code;
    e.body.emplace<upgrade_offer>(upgrade_offer{pkg, offer_solicited_});
    if (auto r = device_side_.on_event(e); !r) return r;
    ++out.device_count;
    if (a_ == protocol::pcp) {  // kept for resume(): a fragment plan holds no views but the version
      device_offer_ = pkg;
      device_offer_.version = a_target_.view();
      device_check_code_ = check_code;
    }
    return ok();
  }

  constexpr result<void> platform_install(translation& out, const event& e) noexcept {
    b_install_requested_ = true;
    if (explicit_install(a_)) return to_device(out, &e, install_request{});
    // I−: A installs on its own; B's request is answered here, and the held outcome released.
    out.gaps = out.gaps | gap::install_timing;
    if (auto r = to_platform(out, &e, accepted{answer_subject::install}, &rules::gateway_hold_outcome); !r) return r;
    if (!held_) return ok();
    held_ = false;
    if (held_success_) return outcome_to_platform(out, nullptr, succeeded{held_version_.view()}, &rules::gateway_hold_outcome);
    return outcome_to_platform(out, nullptr, failed{held_stage_, held_reason_, held_version_.view()},
                               &rules::gateway_hold_outcome);
  }

  constexpr result<void> platform_cancel(translation& out, const event& e) noexcept {
    if (a_ == protocol::lwm2m_fw) return to_device(out, &e, std::get<cancel>(e.body));  // A has its own
    // X: deliverable while the gateway controls the bytes, or (A with an explicit install) while
    // it has not issued the install: it never will (§4.3 note 1).
    const bool before_install = explicit_install(a_) && device_side_.state() != upgrade_state::install_requested &&
                                device_side_.state() != upgrade_state::installing;
    if ((!a_downloaded_ && hooks_->stop_serving()) || (a_downloaded_ && before_install)) {
      cancelled_ = true;
      if (std::get<cancel>(e.body).mode == cancel_mode::reset) {  // B's session is idle already (Result 0)
        absorb(out, e.kind());
        return ok();
      }
      return to_platform(out, &e, failed{phase::download, reason::cancelled, running_.view()},
                         &rules::gateway_cancel_bridge);
    }
    out.gaps = out.gaps | gap::cancel_after_download;
    if (std::get<cancel>(e.body).mode == cancel_mode::reset) {
      absorb(out, e.kind());
      return ok();
    }
    return to_platform(out, &e, refused{answer_subject::cancel, reason::unspecified}, &rules::gateway_cancel_bridge);
  }

  gateway_hooks* hooks_;
  protocol a_;
  protocol b_;
  neutral_session device_side_;
  neutral_session platform_side_;
  feasibility resolved_{};
  /// B's offer, its version pointing at `b_target_`. Its other views (URL, digest) point into B's
  /// offer message and are read only in the offer's own step: the offers read in a later step
  /// (PCP fragments, an LwM2M push) carry none.
  package_ref source_{};
  fetched_package fetched_{};
  detail::version_text running_{};
  detail::version_text a_target_{};
  detail::version_text b_target_{};
  detail::version_text held_version_{};
  std::uint64_t size_ = 0;
  std::uint64_t assembled_bytes_ = 0;
  std::uint16_t fragment_count_ = 0;
  std::uint16_t next_fragment_ = 0;
  gap gaps_ = gap::none;
  reason held_reason_ = reason::unspecified;
  phase held_stage_ = phase::install;
  bool offered_ = false;
  bool offer_solicited_ = false;
  bool a_downloaded_ = false;
  bool cancelled_ = false;
  bool b_install_requested_ = false;
  bool held_ = false;
  bool held_success_ = false;
  bool b_progress_started_ = false;  ///< a download percent went to B in this upgrade
  bool reoffer_pending_ = false;     ///< resume(): re-offer on the device's answer
  package_ref device_offer_{};       ///< the last offer to a PCP device (its version in `a_target_`)
  std::optional<std::uint16_t> device_check_code_{};  ///< its package check code
  std::int8_t input_ = -1;                ///< the input event being handled (for `*_joined`)
  std::int8_t last_platform_input_ = -2;  ///< the input the last platform event forwarded
  std::int8_t last_device_input_ = -2;    ///< the input the last device event forwarded
};

}  // namespace otawire::ota

#endif
