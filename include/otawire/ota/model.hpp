// otawire::ota — the cross-vendor neutral model: one event vocabulary for every OTA protocol.
//
// Design and every mapping: shared/spec/crosswalk.md (§ numbers below refer to it). A wire message
// decodes to 0…n neutral events (§1.1); each event carries the envelope of §1.2, including the raw
// vendor record, so that re-encoding to the same protocol stays faithful. Device-safe: no
// allocation, no JSON, no exceptions; strings and bytes are views into the decoded message.
#ifndef OTAWIRE_OTA_MODEL_HPP
#define OTAWIRE_OTA_MODEL_HPP

#include <otawire/bytes.hpp>
#include <otawire/contract.hpp>
#include <otawire/error.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <type_traits>
#include <variant>

namespace otawire::ota {

/// The seven protocols the neutral model speaks for (§0 short names in the comments).
enum class protocol : std::uint8_t {
  pcp,          ///< PCP: Huawei / China Unicom NB-IoT software upgrade (binary)
  lwm2m_fw,     ///< LWM: LwM2M Object 5 Firmware Update (plus Object 3 for the running version)
  ctwing,       ///< CTW: CTWing MQTT FOTA
  tencent,      ///< TCT: Tencent IoT Hub / Explorer OTA
  jetlinks,     ///< JTL: JetLinks official MQTT protocol
  huawei_mqtt,  ///< HWM: Huawei IoTDA MQTT `$ota` events
  alibaba,      ///< ALI: Alibaba Link OTA
};

/// The protocol's name, for logs.
[[nodiscard]] constexpr std::string_view name(protocol p) noexcept {
  switch (p) {
    case protocol::pcp: return "pcp";
    case protocol::lwm2m_fw: return "lwm2m_fw";
    case protocol::ctwing: return "ctwing";
    case protocol::tencent: return "tencent";
    case protocol::jetlinks: return "jetlinks";
    case protocol::huawei_mqtt: return "huawei_mqtt";
    case protocol::alibaba: return "alibaba";
  }
  return "unknown";
}

/// What is being upgraded (§1.2 `component.kind`). PCP is the software path, Object 5 firmware.
enum class component_kind : std::uint8_t {
  unspecified,  ///< the protocol does not say (JetLinks)
  firmware,     ///< firmware (LwM2M Object 5, Huawei `firmware_*`)
  software,     ///< software (PCP, Huawei `software_*`)
};

/// The upgraded part: its kind and the vendor's module name (§1.2).
struct component {
  component_kind kind = component_kind::unspecified;  ///< firmware, software or unspecified
  std::string_view module{};  ///< the vendor's module name (`mcu`, `MCU`, …); empty means `default`
  /// Components are equal when kind and module are.
  friend constexpr bool operator==(const component&, const component&) noexcept = default;
};

/// The upgrade task a message belongs to (§1.2 `task`); every part is empty where the protocol has none.
struct task {
  std::string_view task_id{};      ///< CTWing `taskId`, Tencent `task_id`, Huawei `task_id` (as text)
  std::string_view firmware_id{};  ///< JetLinks `firmwareId`
  /// PCP 20's opaque package check code: identifies the package for resume (pcp §3, §5.5).
  std::optional<std::uint16_t> package_check_code{};
  /// Tasks are equal when every part is.
  friend constexpr bool operator==(const task&, const task&) noexcept = default;
};

/// The raw vendor record every event keeps (§1.1 rule 2): what the wire said, before mapping.
struct vendor_record {
  protocol source = protocol::pcp;  ///< the protocol the message was read from
  /// The protocol's own message kind (for PCP the `pcp::message_kind` value, for LwM2M the
  /// `ota::lwm2m_operation` value), so that a same-protocol encoder knows which message it was.
  std::uint8_t message_kind = 0;
  std::optional<std::int32_t> raw_code{};  ///< the result / status / step code as sent, if any
  std::string_view raw_text{};  ///< the vendor's free text (`desc`, `result_msg`, …); a view
  /// Records are equal when every part is.
  friend constexpr bool operator==(const vendor_record&, const vendor_record&) noexcept = default;
};

/// The common envelope of every event (§1.2). Strings are views into the message (or the topic)
/// the event was decoded from: keep that alive as long as the event.
struct envelope {
  protocol source_protocol = protocol::pcp;  ///< which codec produced (or should encode) the event
  std::uint8_t sdk_profile = 0;  ///< the protocol's SDK profile for exact re-encoding; 0 = its default
  direction dir = direction::device_to_platform;  ///< which way the event travels
  device_identity device{};  ///< the device (and `device.child`: the sub-device behind a gateway)
  component part{};          ///< what is being upgraded
  task upgrade_task{};       ///< the task ids the message carries
  std::string_view correlation{};  ///< request/reply pairing (ALI `id`, JTL `messageId`); empty if none
  std::optional<std::int64_t> time_ms{};  ///< event time in ms since the epoch, when the wire has one
  vendor_record vendor{};  ///< the raw record (§1.1 rule 2)
  /// Envelopes are equal when every part is.
  friend constexpr bool operator==(const envelope&, const envelope&) noexcept = default;
};

// --- package_ref (§1.3) ---------------------------------------------------------------------------

/// Digest algorithms the protocols name (§1.3 `digest.algo`).
enum class digest_algorithm : std::uint8_t {
  none,    ///< no digest given (PCP, LwM2M, JetLinks without `sign`)
  md5,     ///< MD5 (Tencent `md5sum`, CTWing `md5`, Alibaba `Md5`, JetLinks `md5`)
  sha256,  ///< SHA-256 (Huawei `sign`, Alibaba `SHA256`, JetLinks `sha256`)
};

/// A package digest: algorithm and the hex text as sent (a view).
struct digest {
  digest_algorithm algorithm = digest_algorithm::none;  ///< which hash
  std::string_view hex{};                               ///< the digest as sent
  /// Digests are equal when algorithm and text are.
  friend constexpr bool operator==(const digest&, const digest&) noexcept = default;
};

/// How the package's bytes reach the device (§1.1 rule 3, §1.3 `source`).
enum class source_kind : std::uint8_t {
  none,       ///< not said
  fragments,  ///< PCP: the device requests fragments with 21
  url,        ///< a URL the device fetches (every JSON protocol, LwM2M Package URI)
  push,       ///< LwM2M: the server writes `/5/0/0` block-wise
};

/// How a download URL is authenticated (§1.3 `source`, §4.1 `F`).
enum class url_auth : std::uint8_t {
  none,         ///< plain URL (JetLinks, Huawei v2) or authentication inside the URL (LwM2M)
  presigned,    ///< signature in the URL's query (Tencent COS, Alibaba OSS)
  query_token,  ///< CTWing: the device appends `&deviceId=…&accessToken=<token>`
  bearer,       ///< Huawei v1: `Authorization: Bearer <token>`
};

/// Where the package comes from (§1.3 `source`).
struct package_source {
  source_kind kind = source_kind::none;  ///< fragments, URL or push
  std::uint16_t fragment_size = 0;       ///< PCP: bytes per fragment (32–500); 0 otherwise
  std::uint16_t fragment_count = 0;      ///< PCP: how many fragments; 0 otherwise
  std::string_view url{};                ///< the download URL; empty unless `kind == url`
  url_auth auth = url_auth::none;        ///< how the URL is authenticated
  std::string_view token{};              ///< the token `auth` needs (CTWing, Huawei v1); a view
  /// Sources are equal when every part is.
  friend constexpr bool operator==(const package_source&, const package_source&) noexcept = default;
};

/// LwM2M-only install policy (§1.3 `policy`: `/5/0/11`, `/5/0/13`, `/5/0/14`); lost elsewhere.
struct install_policy {
  std::optional<std::uint8_t> severity{};              ///< 0 critical, 1 mandatory, 2 optional
  std::optional<std::uint64_t> max_defer_seconds{};    ///< Maximum Defer Period; 0 = no deferral
  std::optional<bool> automatic_upgrade{};             ///< install as soon as downloaded
  /// Policies are equal when every part is.
  friend constexpr bool operator==(const install_policy&, const install_policy&) noexcept = default;
};

/// The package an `upgrade_offer` carries (§1.3). Sizes may be known only as a range: a PCP
/// offer bounds the size by its fragment plan, the exact size is known after the last fragment.
struct package_ref {
  std::string_view version{};     ///< the target version; empty when the protocol gives none (LwM2M)
  std::uint64_t min_size = 0;     ///< smallest size the offer allows, in bytes (0 = unknown)
  std::uint64_t max_size = 0;     ///< largest size the offer allows; equals `min_size` when exact
  digest package_digest{};        ///< the platform's digest, if any
  package_source source{};        ///< fragments, URL or push
  std::string_view file_name{};   ///< Huawei `file_name`, Alibaba `files[].fileName`
  std::optional<bool> is_diff{};  ///< Alibaba `isDiff`
  install_policy policy{};        ///< LwM2M only
  std::string_view extras{};      ///< opaque vendor extras (`user_defined`, `extData`, …) as raw text
  /// The exact size, when the offer gives one.
  [[nodiscard]] constexpr std::optional<std::uint64_t> exact_size() const noexcept {
    if (min_size != 0 && min_size == max_size) return min_size;
    return std::nullopt;
  }
  /// References are equal when every part is.
  friend constexpr bool operator==(const package_ref&, const package_ref&) noexcept = default;
};

// --- reasons (§3.1) -------------------------------------------------------------------------------

/// Why something was refused or failed: the twenty neutral classes of §3.1. Success is not a
/// reason: events that may succeed say so with their own flag (`ack::ok`), so every value here
/// is a failure class.
enum class reason : std::uint8_t {
  busy,                  ///< device in use, try later (PCP 0x01, HWM 1)
  poor_signal,           ///< radio quality too low to download (PCP 0x02, HWM 2)
  already_latest,        ///< the device already runs the target (PCP 0x03, HWM 3)
  low_battery,           ///< not enough power (PCP 0x04, HWM 4)
  no_storage,            ///< not enough flash (PCP 0x05, HWM 5, LWM 2)
  out_of_memory,         ///< not enough RAM (PCP 0x09, HWM 9, LWM 3)
  download_timeout,      ///< transfer stalled, timed out or lost its connection (PCP 0x06, LWM 4)
  download_failed,       ///< transfer failed otherwise (TCT -2, CTW -2, ALI -2)
  download_auth_failed,  ///< credentials or presigned signature rejected or expired (TCT -3)
  invalid_uri,           ///< the URI given is not usable (LWM 7)
  unsupported_protocol,  ///< the URI scheme is not supported (LWM 9)
  integrity_failed,      ///< digest, signature or package check failed (PCP 0x07, LWM 5, …)
  unsupported_package,   ///< package type does not fit the device (PCP 0x08, LWM 6)
  install_failed,        ///< install, burn or flash write failed (PCP 0x0A, LWM 8, …)
  internal_error,        ///< device-internal exception (PCP 0x7F, HWM 255)
  task_not_found,        ///< the platform has no such task (PCP 0x80)
  fragment_not_found,    ///< the platform has no such fragment (PCP 0x81)
  cancelled,             ///< upgrade cancelled (LWM 10)
  deferred,              ///< install postponed; not terminal (LWM 11)
  unspecified,           ///< a failure with no finer class, or a code outside the documented sets
};

/// How many reasons there are: the size of tables indexed by `reason`.
inline constexpr std::size_t reason_count = 20;

/// The reason's name (snake_case, as in the enum), for logs and JetLinks' text tokens (§3.2).
[[nodiscard]] constexpr std::string_view name(reason r) noexcept {
  switch (r) {
    case reason::busy: return "busy";
    case reason::poor_signal: return "poor_signal";
    case reason::already_latest: return "already_latest";
    case reason::low_battery: return "low_battery";
    case reason::no_storage: return "no_storage";
    case reason::out_of_memory: return "out_of_memory";
    case reason::download_timeout: return "download_timeout";
    case reason::download_failed: return "download_failed";
    case reason::download_auth_failed: return "download_auth_failed";
    case reason::invalid_uri: return "invalid_uri";
    case reason::unsupported_protocol: return "unsupported_protocol";
    case reason::integrity_failed: return "integrity_failed";
    case reason::unsupported_package: return "unsupported_package";
    case reason::install_failed: return "install_failed";
    case reason::internal_error: return "internal_error";
    case reason::task_not_found: return "task_not_found";
    case reason::fragment_not_found: return "fragment_not_found";
    case reason::cancelled: return "cancelled";
    case reason::deferred: return "deferred";
    case reason::unspecified: return "unspecified";
  }
  return "unknown";
}

// --- fidelity and synthesis (§1.1 rule 4) ---------------------------------------------------------

/// How faithfully a conversion kept the meaning (§5 item 3). Every conversion reports one.
enum class fidelity : std::uint8_t {
  exact,        ///< nothing lost: converting back gives the same message
  lossy,        ///< mapped both ways, but the meaning shifts (the crosswalk's `≈`)
  fallback,     ///< the target has no code for it; a stand-in was sent (the crosswalk's `→X`)
  synthesised,  ///< not on the wire: derived from session state by a `synthesis_rule` (ⓢ)
};

/// The fidelity's name, for logs.
[[nodiscard]] constexpr std::string_view name(fidelity f) noexcept {
  switch (f) {
    case fidelity::exact: return "exact";
    case fidelity::lossy: return "lossy";
    case fidelity::fallback: return "fallback";
    case fidelity::synthesised: return "synthesised";
  }
  return "unknown";
}

/// The worse of two fidelities (exact < lossy < fallback < synthesised): what a conversion that
/// did both reports.
[[nodiscard]] constexpr fidelity worst(fidelity a, fidelity b) noexcept {
  return static_cast<std::uint8_t>(a) >= static_cast<std::uint8_t>(b) ? a : b;
}

/// A reason read from a vendor code, and how faithfully (every protocol's `decode_*_reason`).
struct reason_mapping {
  reason why = reason::unspecified;   ///< the neutral reason
  fidelity mapped = fidelity::exact;  ///< `lossy` where the crosswalk marks the code `≈`
};

/// The rule that made a synthesised event: a static record, referred to by address (as the
/// session validators' `otawire::rule`), so an event holds one pointer and still tells why it
/// exists. Declare them `inline constexpr` in a `rules::` namespace.
class synthesis_rule {
 public:
  /// A rule called `name`, citing the crosswalk row `source` it implements.
  consteval synthesis_rule(text_id name, text_id source) noexcept : name_(name), source_(source) {}
  synthesis_rule(const synthesis_rule&) = delete;  // referred to by address: no copies
  synthesis_rule& operator=(const synthesis_rule&) = delete;
  ~synthesis_rule() = default;

  /// The rule's name (empty in the device profile).
  [[nodiscard]] constexpr std::string_view name() const noexcept { return name_.view(); }
  /// The crosswalk row it implements (empty in the device profile).
  [[nodiscard]] constexpr std::string_view source() const noexcept { return source_.view(); }

 private:
  text_id name_;
  text_id source_;
};

// --- the sixteen events (§1.4) --------------------------------------------------------------------

/// What an `accepted` or `refused` answers.
enum class answer_subject : std::uint8_t {
  offer,    ///< the upgrade offer (PCP 20, LwM2M Write URI)
  install,  ///< the install request (PCP 23, LwM2M Execute `/5/0/2`)
  cancel,   ///< the cancel command (LwM2M Execute `/5/0/10`)
};

/// Which part of the upgrade a progress or failure belongs to (§1.6 `phase`).
enum class phase : std::uint8_t {
  offer,        ///< before any download (refusals)
  download,     ///< fetching the package
  install,      ///< installing it
  unspecified,  ///< the protocol does not say (HWM, JTL, CTW progress)
};

/// Whether a finished download was verified (E9).
enum class verification : std::uint8_t {
  unknown,  ///< not said (Tencent `downloading 100`)
  verified,  ///< the device checked the package (PCP 22 0x00, LwM2M State 2)
  unverified,  ///< explicitly not checked
};

/// What a `cancel` asks for (E13).
enum class cancel_mode : std::uint8_t {
  cancel,  ///< LwM2M Execute `/5/0/10` (object 1.1+): Update Result becomes 10
  reset,   ///< LwM2M reset Write (`/5/0/1` = "" or `/5/0/0` = 0x00): Update Result becomes 0
};

/// What an `ack` acknowledges (E14).
enum class ack_subject : std::uint8_t {
  version_report,     ///< Tencent `report_version_rsp`, JetLinks `read/reply`
  download_finished,  ///< PCP 22 response
  outcome,            ///< PCP 24 response (success or failure)
};

/// What a `chunk` carries besides data (D2; PCP 21 response results).
enum class chunk_status : std::uint8_t {
  data,                ///< the bytes follow
  task_not_found,      ///< PCP 0x80: no such task
  fragment_not_found,  ///< PCP 0x81: no such fragment
};

/// One running version of one component (E2).
struct component_version {
  component part{};             ///< which component
  std::string_view version{};   ///< its current version
  /// Entries are equal when both parts are.
  friend constexpr bool operator==(const component_version&, const component_version&) noexcept = default;
};

/// E1, platform → device: "which version do you run?" (component and task in the envelope).
struct version_query {
  /// Queries are all alike.
  friend constexpr bool operator==(const version_query&, const version_query&) noexcept = default;
};

/// E2, device → platform: the running versions; up to two (Huawei reports software and firmware).
struct version_report {
  component_version first{};   ///< the (first) component's version
  std::optional<component_version> second{};  ///< Huawei's other component, when reported
  bool solicited = false;      ///< an answer to a `version_query`
  /// Reports are equal when every part is.
  friend constexpr bool operator==(const version_report&, const version_report&) noexcept = default;
};

/// E3, device → platform: the device pulls an offer (JetLinks `pull`, Alibaba `get`).
struct upgrade_request {
  std::string_view current_version{};    ///< the device's version, when sent
  std::string_view requested_version{};  ///< empty = the latest
  /// Requests are equal when every part is.
  friend constexpr bool operator==(const upgrade_request&, const upgrade_request&) noexcept = default;
};

/// E4, platform → device: a package is offered.
struct upgrade_offer {
  package_ref package{};   ///< what is offered and where it comes from
  bool solicited = false;  ///< an answer to an `upgrade_request`
  /// Offers are equal when every part is.
  friend constexpr bool operator==(const upgrade_offer&, const upgrade_offer&) noexcept = default;
};

/// E5, platform → device: nothing to upgrade to (the answer to a pull).
struct no_upgrade {
  /// All alike; the vendor's code and text are in the envelope.
  friend constexpr bool operator==(const no_upgrade&, const no_upgrade&) noexcept = default;
};

/// E6, device → platform: the device goes ahead with an offer, an install or a cancel.
struct accepted {
  answer_subject subject = answer_subject::offer;  ///< what is accepted
  /// Acceptances are equal when their subjects are.
  friend constexpr bool operator==(const accepted&, const accepted&) noexcept = default;
};

/// E7, device → platform: the device will not (yet) go ahead.
struct refused {
  answer_subject subject = answer_subject::offer;  ///< what is refused
  reason why = reason::unspecified;                ///< why (`deferred` is not terminal)
  /// Refusals are equal when subject and reason are.
  friend constexpr bool operator==(const refused&, const refused&) noexcept = default;
};

/// A fragment position: which of how many (E8, PCP).
struct fragment_position {
  std::uint16_t index = 0;  ///< 0-based fragment index
  std::uint16_t count = 0;  ///< fragments in the package
  /// Positions are equal when index and count are.
  friend constexpr bool operator==(const fragment_position&, const fragment_position&) noexcept = default;
};

/// E8, device → platform: how far the upgrade has come.
struct progress {
  phase stage = phase::unspecified;               ///< download, install or unspecified
  std::optional<std::uint8_t> percent{};          ///< 0–100, when known
  std::optional<fragment_position> fragment{};    ///< PCP: the fragment being requested
  std::optional<std::uint64_t> bytes{};           ///< bytes transferred, when known
  /// Progress events are equal when every part is.
  friend constexpr bool operator==(const progress&, const progress&) noexcept = default;
};

/// E9, device → platform: the package is downloaded.
struct download_finished {
  verification checked = verification::unknown;  ///< whether the device verified it
  std::string_view package_version{};  ///< LwM2M `/5/0/7` PkgVersion of the downloaded package, if read
  /// Events are equal when every part is.
  friend constexpr bool operator==(const download_finished&, const download_finished&) noexcept = default;
};

/// E10, platform → device: install the downloaded package now.
struct install_request {
  /// Install requests are all alike.
  friend constexpr bool operator==(const install_request&, const install_request&) noexcept = default;
};

/// E11, device → platform: the upgrade succeeded (terminal).
struct succeeded {
  std::string_view new_version{};  ///< the version now running (empty when the wire has none)
  /// Events are equal when their versions are.
  friend constexpr bool operator==(const succeeded&, const succeeded&) noexcept = default;
};

/// E12, device → platform: the upgrade failed (terminal).
struct failed {
  phase stage = phase::unspecified;       ///< where it failed
  reason why = reason::unspecified;       ///< why
  std::string_view version_at_failure{};  ///< the version running after the failure, if sent
  /// Failures are equal when every part is.
  friend constexpr bool operator==(const failed&, const failed&) noexcept = default;
};

/// E13, platform → device: stop the upgrade.
struct cancel {
  cancel_mode mode = cancel_mode::cancel;  ///< cancel (Result 10) or reset (Result 0)
  /// Cancels are equal when their modes are.
  friend constexpr bool operator==(const cancel&, const cancel&) noexcept = default;
};

/// E14, either way: the receiver acknowledges an event.
struct ack {
  ack_subject of = ack_subject::outcome;  ///< what is acknowledged
  bool ok = true;                         ///< acknowledged without objection
  reason why = reason::unspecified;       ///< why not, when `!ok`
  /// Acks are equal when every part is (`why` counts only when `!ok`).
  friend constexpr bool operator==(const ack& a, const ack& b) noexcept {
    return a.of == b.of && a.ok == b.ok && (a.ok || a.why == b.why);
  }
};

/// D1, device → platform: send me this fragment.
struct chunk_request {
  std::uint16_t index = 0;     ///< fragment index
  std::string_view version{};  ///< the package version it belongs to (PCP 21 names it)
  /// Requests are equal when index and version are.
  friend constexpr bool operator==(const chunk_request&, const chunk_request&) noexcept = default;
};

/// D2, platform → device: package bytes (or why there are none).
struct chunk {
  chunk_status status = chunk_status::data;  ///< data, or PCP's 0x80 / 0x81
  bool by_offset = false;     ///< `position` is a byte offset (LwM2M push), not a fragment index
  std::uint64_t position = 0;  ///< fragment index or byte offset
  byte_view bytes{};           ///< the data: a view into the decoded message
  /// Chunks are equal when status, position and bytes are.
  friend constexpr bool operator==(const chunk& a, const chunk& b) noexcept {
    if (a.status != b.status || a.by_offset != b.by_offset || a.position != b.position) return false;
    if (a.bytes.size() != b.bytes.size()) return false;
    for (std::size_t i = 0; i < a.bytes.size(); ++i) {
      if (a.bytes[i] != b.bytes[i]) return false;
    }
    return true;
  }
};

/// The event's kind: the index of its alternative in `event_body`, in §1.4's order.
enum class event_kind : std::uint8_t {
  version_query,      ///< E1
  version_report,     ///< E2
  upgrade_request,    ///< E3
  upgrade_offer,      ///< E4
  no_upgrade,         ///< E5
  accepted,           ///< E6
  refused,            ///< E7
  progress,           ///< E8
  download_finished,  ///< E9
  install_request,    ///< E10
  succeeded,          ///< E11
  failed,             ///< E12
  cancel,             ///< E13
  ack,                ///< E14
  chunk_request,      ///< D1
  chunk,              ///< D2
};

/// How many event kinds there are (E1–E14, D1–D2).
inline constexpr std::size_t event_kind_count = 16;

/// The kind's name (as the struct's), for logs.
[[nodiscard]] constexpr std::string_view name(event_kind k) noexcept {
  switch (k) {
    case event_kind::version_query: return "version_query";
    case event_kind::version_report: return "version_report";
    case event_kind::upgrade_request: return "upgrade_request";
    case event_kind::upgrade_offer: return "upgrade_offer";
    case event_kind::no_upgrade: return "no_upgrade";
    case event_kind::accepted: return "accepted";
    case event_kind::refused: return "refused";
    case event_kind::progress: return "progress";
    case event_kind::download_finished: return "download_finished";
    case event_kind::install_request: return "install_request";
    case event_kind::succeeded: return "succeeded";
    case event_kind::failed: return "failed";
    case event_kind::cancel: return "cancel";
    case event_kind::ack: return "ack";
    case event_kind::chunk_request: return "chunk_request";
    case event_kind::chunk: return "chunk";
  }
  return "unknown";
}

/// The event's fields. A `std::variant`, not a tagged union or one wide struct: each kind keeps
/// only its own fields and no combination that means nothing can be built, while the size stays
/// that of the largest alternative (`upgrade_offer`) plus one index byte, with no allocation.
/// Code that runs on devices dispatches with `kind()` and `std::get_if`, not `std::visit`.
using event_body = std::variant<version_query, version_report, upgrade_request, upgrade_offer, no_upgrade,
                                accepted, refused, progress, download_finished, install_request, succeeded,
                                failed, cancel, ack, chunk_request, chunk>;

/// One neutral event: the envelope, the event's own fields, and how faithfully it maps.
struct event {
  envelope head{};  ///< protocol, direction, device, component, task, time, the raw vendor record
  event_body body{};  ///< the event itself
  fidelity mapped = fidelity::exact;  ///< how faithfully the wire message became this event
  /// The rule that made it, when `mapped == fidelity::synthesised`; null otherwise.
  const synthesis_rule* made_by = nullptr;

  /// Which of the sixteen events this is.
  [[nodiscard]] constexpr event_kind kind() const noexcept { return static_cast<event_kind>(body.index()); }
  /// Whether the event was invented from session state rather than read off the wire.
  [[nodiscard]] constexpr bool synthesised() const noexcept { return mapped == fidelity::synthesised; }
};

/// The direction each event travels in (§1.4); `ack` travels both ways and answers with its
/// envelope's direction, so it is reported as `platform_to_device` here (PCP's, the common case).
[[nodiscard]] constexpr direction natural_direction(event_kind k) noexcept {
  switch (k) {
    case event_kind::version_query:
    case event_kind::upgrade_offer:
    case event_kind::no_upgrade:
    case event_kind::install_request:
    case event_kind::cancel:
    case event_kind::ack:
    case event_kind::chunk: return direction::platform_to_device;
    default: return direction::device_to_platform;
  }
}

// --- bit sets ------------------------------------------------------------------------------------

/// Whether enum `E` is a bit set (each enumerator one bit, `none`/`nothing` = 0): opt in with a
/// specialisation next to the enum, and `|` and `contains` below apply to it. Written once for
/// every bit set of the model (`lost_field`, and the gateway's `capability`, `limit`, `gap`).
template <class E>
inline constexpr bool is_flag_set = false;

/// An enum that opted in with `is_flag_set`.
template <class E>
concept flag_set = std::is_enum_v<E> && is_flag_set<E>;

/// The union of two sets.
template <flag_set E>
[[nodiscard]] constexpr E operator|(E a, E b) noexcept {
  using bits = std::underlying_type_t<E>;
  return static_cast<E>(static_cast<bits>(static_cast<bits>(a) | static_cast<bits>(b)));
}
/// Whether set `all` contains every bit of `some`.
template <flag_set E>
[[nodiscard]] constexpr bool contains(E all, E some) noexcept {
  using bits = std::underlying_type_t<E>;
  return static_cast<bits>(static_cast<bits>(all) & static_cast<bits>(some)) == static_cast<bits>(some);
}

/// What a conversion could not carry (reported with every encode, never dropped silently): one
/// bit per neutral field. Combine with `|`.
enum class lost_field : std::uint16_t {
  nothing = 0,              ///< everything was carried
  whole_event = 1u << 0,    ///< the target protocol has no message for this event at all
  module = 1u << 1,         ///< the component's module name
  task_id = 1u << 2,        ///< the task / firmware ids
  digest = 1u << 3,         ///< the package digest
  url = 1u << 4,            ///< the download URL and its authentication
  exact_size = 1u << 5,     ///< the exact package size (only a range survives)
  policy = 1u << 6,         ///< the LwM2M install policy, file name, diff flag or extras
  percent = 1u << 7,        ///< a progress percentage
  exact_reason = 1u << 8,   ///< the exact failure reason (a stand-in code was sent)
  second_version = 1u << 9,  ///< the second component of a version report
  version = 1u << 10,        ///< a version string
};

/// Marks `lost_field` as a bit set: `|` and `contains` apply (`flag_set`).
template <>
inline constexpr bool is_flag_set<lost_field> = true;

/// What `from_event` made for a protocol (`<protocol>_encoding` is this with its message type):
/// the message (none when the protocol has no message for the event), how faithfully, and what it
/// could not carry.
template <class Message>
struct encoding {
  std::optional<Message> message{};       ///< the message to send; empty when the protocol has none for the event
  fidelity mapped = fidelity::exact;      ///< the worst fidelity of any field
  lost_field lost = lost_field::nothing;  ///< what the message does not carry
  /// Records a lost field: the encoding becomes at least `level`.
  constexpr void lose(lost_field field, fidelity level = fidelity::lossy) noexcept {
    lost = lost | field;
    mapped = worst(mapped, level);
  }
};

}  // namespace otawire::ota

#endif
