// otawire::lwm2m — types of the OMA LwM2M TLV format (content format 11542) and of the Firmware
// Update object (Object 5). Facts: shared/spec/lwm2m.md (§ numbers below refer to it).
#ifndef OTAWIRE_LWM2M_MESSAGES_HPP
#define OTAWIRE_LWM2M_MESSAGES_HPP

#include <otawire/bytes.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace otawire::lwm2m {

namespace detail {
/// Transitional name of the vocabulary rule `otawire::dangling_temporary` (bytes.hpp): an owning
/// prvalue range (`std::vector<std::byte>{…}`) whose decoded views would dangle. Views such as
/// `std::span(rx).first(n)` are borrowed ranges and are accepted. Kept so that headers still
/// spelling it compile; new code names the vocabulary concept.
template <class T>
concept owning_temporary = otawire::dangling_temporary<T>;
}  // namespace detail

// Helpers that build an error from a text (a rule or field name) are out of line and cold on the
// host, so that no error temporary sits in a decoder's frame. In the device profile
// (OTAWIRE_DEVICE_PROFILE, config.hpp) errors carry no texts and are small: the helpers are
// inlined, so the texts passed to them are never referenced and stay out of the image.
#if defined(OTAWIRE_DEVICE_PROFILE)
#define OTAWIRE_LWM2M_ERROR_HELPER [[gnu::always_inline]]
#else
#define OTAWIRE_LWM2M_ERROR_HELPER [[gnu::cold, gnu::noinline]]
#endif
// Where a device and the host want opposite inlining: a helper the one-frame walks share (tlv.hpp)
// is out of line on a device, where one copy of its code serves them all, and inlined on the
// host, where it sits in a hot loop (OTAWIRE_LWM2M_DEVICE_OUTLINE); the reader's entry test is
// inlined into that one copy on a device and left to the compiler on the host
// (OTAWIRE_LWM2M_DEVICE_INLINE).
#if defined(OTAWIRE_DEVICE_PROFILE)
#define OTAWIRE_LWM2M_DEVICE_OUTLINE [[gnu::noinline]]
#define OTAWIRE_LWM2M_DEVICE_INLINE [[gnu::always_inline]]
#else
#define OTAWIRE_LWM2M_DEVICE_OUTLINE [[gnu::always_inline]]
#define OTAWIRE_LWM2M_DEVICE_INLINE
#endif

// ------------------------------------------------------------------------------------------------
// TLV (§1.1)

/// Content formats a single resource value may travel in (§1.5, §2.2).
enum class content_format : std::uint16_t {
  text = 0,            // text/plain: one single-instance resource as text
  opaque = 42,         // application/octet-stream: one Opaque resource (Package)
  legacy_tlv = 1542,   // pre-registration TLV number, still accepted by peers (§1.5)
  tlv = 11542,         // application/vnd.oma.lwm2m+tlv
};

/// Bits 7-6 of the TLV type byte.
enum class tlv_kind : std::uint8_t {
  object_instance = 0,    // value holds Resource / Multiple Resource TLVs
  resource_instance = 1,  // value of one instance of a Multiple Resource
  multiple_resource = 2,  // value holds Resource Instance TLVs
  resource = 3,           // Resource with Value
};

/// The enumerator's name (`?` for an out-of-range value), for logs and error texts.
[[nodiscard]] constexpr std::string_view name(tlv_kind k) noexcept {
  switch (k) {
    case tlv_kind::object_instance: return "object_instance";
    case tlv_kind::resource_instance: return "resource_instance";
    case tlv_kind::multiple_resource: return "multiple_resource";
    case tlv_kind::resource: return "resource";
  }
  return "?";
}

/// Whether the value is itself a sequence of TLVs (Object Instance, Multiple Resource) to read
/// with `tlv_reader::children`, rather than a resource value.
[[nodiscard]] constexpr bool is_container(tlv_kind k) noexcept {
  return k == tlv_kind::object_instance || k == tlv_kind::multiple_resource;
}

/// "MAX_ID 65535 is a reserved value and MUST NOT be used" (§1.2).
inline constexpr std::uint32_t max_id = 65535;
/// The largest value a 24-bit length field can carry (§1.1).
inline constexpr std::size_t max_value_length = 0xFFFFFF;
/// Type byte + 16-bit identifier + 24-bit length (§1.1; Wakaama's header maximum agrees).
inline constexpr std::size_t max_header_size = 6;

/// One TLV entry: a view into the payload it was read from (no copy).
struct tlv_entry {
  tlv_kind kind = tlv_kind::resource;  ///< from bits 7-6 of the type byte
  std::uint16_t id = 0;                ///< Object Instance, Resource or Resource Instance ID
  byte_view value{};                   ///< the value bytes (for a container: its child TLVs)
  std::size_t offset = 0;        ///< of the type byte, from the start of the whole payload
  std::size_t value_offset = 0;  ///< of the first value byte, from the start of the whole payload
};

/// The context a TLV level is read in; it decides which entry kinds may appear (§1.2, §1.4-8).
enum class tlv_level : std::uint8_t {
  top,                // a payload: Object Instances, or Resources, or Resource Instances
  object_instance,    // inside an Object Instance: Resources and Multiple Resources
  multiple_resource,  // inside a Multiple Resource: Resource Instances
};

// ------------------------------------------------------------------------------------------------
// Typed values (§1.3)

/// Object link: Object ID and Object Instance ID. `FFFF:FFFF` is the null link (§1.3).
struct objlnk {
  std::uint16_t object_id = 0;    ///< the linked Object (first 16 bits on the wire)
  std::uint16_t instance_id = 0;  ///< the linked Object Instance (last 16 bits)
  /// True for `FFFF:FFFF`, the link to nothing.
  [[nodiscard]] constexpr bool is_null() const noexcept {
    return object_id == 0xFFFF && instance_id == 0xFFFF;
  }
  [[nodiscard]] friend constexpr bool operator==(objlnk, objlnk) noexcept = default;
};

/// How an encoder writes an Unsigned Integer (§1.3 "Unsigned interop hazard").
enum class unsigned_policy : std::uint8_t {
  /// Smallest of 1/2/4/8 bytes whose top bit is clear: every peer, Leshan's signed reader
  /// included, reads it back as the same number (200 -> 00 C8). The default.
  top_bit_clear,
  /// Smallest of 1/2/4/8 bytes (200 -> C8), as Wakaama and Anjay write it.
  minimal,
};

/// How an encoder writes a Float (§1.3, §6-3). Wakaama's lossy narrowing is not offered.
enum class float_policy : std::uint8_t {
  /// binary32 when it holds the value exactly, else binary64 (Anjay). The default.
  exact_float_else_double,
  /// always binary64 (Zephyr).
  always_double,
};

/// A resource's data type (§1.3); `none` for executable resources.
enum class data_type : std::uint8_t {
  string, integer, unsigned_integer, floating, boolean, opaque, time, objlnk, corelnk, none,
};

// ------------------------------------------------------------------------------------------------
// Paths

/// A LwM2M path `/O`, `/O/I`, `/O/I/R` or `/O/I/R/RI`.
struct path {
  std::uint16_t object = 0;             ///< O, always given
  std::uint16_t instance = 0;           ///< I, meaningful when `depth >= 2`
  std::uint16_t resource = 0;           ///< R, meaningful when `depth >= 3`
  std::uint16_t resource_instance = 0;  ///< RI, meaningful when `depth == 4`
  std::uint8_t depth = 0;  ///< 1..4: how many of the IDs above are given

  ///@{
  /// Whether the path goes down to that level (the ID above it is meaningful).
  [[nodiscard]] constexpr bool has_instance() const noexcept { return depth >= 2; }
  [[nodiscard]] constexpr bool has_resource() const noexcept { return depth >= 3; }
  [[nodiscard]] constexpr bool has_resource_instance() const noexcept { return depth >= 4; }
  ///@}
  [[nodiscard]] friend constexpr bool operator==(const path&, const path&) noexcept = default;
};

// ------------------------------------------------------------------------------------------------
// Firmware Update object, ID 5 (§2)

/// The Firmware Update object's ID: the `O` of `/5/0/…` paths (§2).
inline constexpr std::uint16_t firmware_object_id = 5;

/// Object versions of Object 5 (§2.1). 1.0 is the core object of LwM2M 1.0 and 1.1.
enum class object_version : std::uint8_t { v1_0, v1_1, v1_2 };

/// `1.0` / `1.1` / `1.2`, as the object's URN suffix spells it.
[[nodiscard]] constexpr std::string_view name(object_version v) noexcept {
  switch (v) {
    case object_version::v1_0: return "1.0";
    case object_version::v1_1: return "1.1";
    case object_version::v1_2: return "1.2";
  }
  return "?";
}

/// Resource IDs of Object 5 (§2.2). ID 4 existed only in pre-1.0 drafts and is unknown here.
enum class fw_resource : std::uint16_t {
  package = 0,
  package_uri = 1,
  update = 2,
  state = 3,
  update_result = 5,
  pkg_name = 6,
  pkg_version = 7,
  protocol_support = 8,
  delivery_method = 9,
  cancel = 10,
  severity = 11,
  last_state_change_time = 12,
  maximum_defer_period = 13,
  automatic_upgrade = 14,
};

/// State (resource 3).
enum class fw_state : std::uint8_t { idle = 0, downloading = 1, downloaded = 2, updating = 3 };

/// The enumerator's name (`?` for an out-of-range value), for logs.
[[nodiscard]] constexpr std::string_view name(fw_state s) noexcept {
  switch (s) {
    case fw_state::idle: return "idle";
    case fw_state::downloading: return "downloading";
    case fw_state::downloaded: return "downloaded";
    case fw_state::updating: return "updating";
  }
  return "?";
}

/// Update Result (resource 5). 10 and 11 exist from object version 1.1.
enum class update_result : std::uint8_t {
  initial = 0,
  success = 1,
  not_enough_flash = 2,
  out_of_ram = 3,
  connection_lost = 4,
  integrity_check_failure = 5,
  unsupported_package_type = 6,
  invalid_uri = 7,
  update_failed = 8,
  unsupported_protocol = 9,
  cancelled = 10,
  deferred = 11,
};

/// The enumerator's name (`?` for an out-of-range value), for logs.
[[nodiscard]] constexpr std::string_view name(update_result r) noexcept {
  switch (r) {
    case update_result::initial: return "initial";
    case update_result::success: return "success";
    case update_result::not_enough_flash: return "not_enough_flash";
    case update_result::out_of_ram: return "out_of_ram";
    case update_result::connection_lost: return "connection_lost";
    case update_result::integrity_check_failure: return "integrity_check_failure";
    case update_result::unsupported_package_type: return "unsupported_package_type";
    case update_result::invalid_uri: return "invalid_uri";
    case update_result::update_failed: return "update_failed";
    case update_result::unsupported_protocol: return "unsupported_protocol";
    case update_result::cancelled: return "cancelled";
    case update_result::deferred: return "deferred";
  }
  return "?";
}

/// The largest Update Result an object version defines (§2.2: 9 for 1.0, 11 from 1.1).
[[nodiscard]] constexpr std::uint8_t max_update_result(object_version v) noexcept {
  return v == object_version::v1_0 ? 9 : 11;
}

/// Firmware Update Protocol Support values (resource 8, multiple).
enum class fw_protocol : std::uint8_t {
  coap = 0, coaps = 1, http = 2, https = 3, coap_tcp = 4, coap_tls = 5,
};
/// The largest Protocol Support value defined (CoAP over TLS); larger ones are ignored, not errors.
inline constexpr std::uint8_t max_fw_protocol = 5;

/// Delivery Method (resource 9).
enum class delivery_method : std::uint8_t { pull = 0, push = 1, both = 2 };

/// Severity (resource 11, object 1.1+).
enum class severity : std::uint8_t { critical = 0, mandatory = 1, optional = 2 };

/// The set of Protocol Support values (resource 8): bit `p` set when protocol `p` is listed.
/// Values the library does not know (> 5) are counted, not kept: "Any value not understood by the
/// LwM2M Server MUST be ignored" (§2.2).
struct protocol_set {
  std::uint8_t bits = 0;             ///< bit `p` for each known protocol listed
  std::uint16_t ignored_values = 0;  ///< how many listed values were above 5 (saturates at 65535)

  /// Whether protocol `p` is listed.
  [[nodiscard]] constexpr bool contains(fw_protocol p) const noexcept {
    return (bits >> static_cast<unsigned>(p)) & 1u;
  }
  /// Lists protocol `p` (listing it twice is harmless).
  constexpr void insert(fw_protocol p) noexcept {
    bits = static_cast<std::uint8_t>(bits | (1u << static_cast<unsigned>(p)));
  }
  [[nodiscard]] friend constexpr bool operator==(const protocol_set&, const protocol_set&) noexcept =
      default;
};

/// Object 5 instance 0, as read or written. Every member is optional: a Read of one resource or
/// a partial Write carries only some. String and opaque members are views into the payload.
struct firmware_update {
  std::optional<byte_view> package;               ///< 0 Package, W, Opaque: the image pushed by the server
  std::optional<std::string_view> package_uri;    ///< 1 Package URI, RW, String 0..255 bytes: where to pull from
  std::optional<fw_state> state;                  ///< 3 State, R, Integer 0..3
  std::optional<update_result> result;            ///< 5 Update Result, R, Integer 0..9 / 0..11
  std::optional<std::string_view> pkg_name;       ///< 6 PkgName, R, String 0..255
  std::optional<std::string_view> pkg_version;    ///< 7 PkgVersion, R, String 0..255
  std::optional<protocol_set> protocol_support;   ///< 8 Protocol Support, R, multiple Integer 0..5
  std::optional<delivery_method> delivery;        ///< 9 Delivery Method, R, Integer 0..2
  std::optional<severity> update_severity;        ///< 11 Severity, RW, Integer 0..2 (1.1+)
  std::optional<std::int64_t> last_state_change_time;  ///< 12, R, Time in seconds since the epoch (1.1+)
  std::optional<std::uint64_t> maximum_defer_period;   ///< 13, RW, Unsigned Integer seconds, 0 = no deferral (1.1+)
  std::optional<bool> automatic_upgrade;               ///< 14 Automatic Upgrade at Download, RW, Boolean (1.2)
  /// Resources the object version does not define (ID 4, 15+, …), skipped: "a parser can skip
  /// TLVs for which the Resource is not known" (§1.1).
  std::uint16_t unknown_resources = 0;

  /// Package = a single 0x00 byte: resets the state machine (§2.3, "setting the Package Resource
  /// to NULL ('\0')"; Anjay tests exactly this). Zephyr also takes an EMPTY Package as a reset;
  /// we do not: the spec names NULL, and an empty write is more likely a truncated transfer.
  [[nodiscard]] constexpr bool is_package_reset() const noexcept {
    return package && package->size() == 1 && (*package)[0] == std::byte{0};
  }
  /// Package URI = "": resets the state machine (§2.3).
  [[nodiscard]] constexpr bool is_uri_reset() const noexcept {
    return package_uri && package_uri->empty();
  }
  /// Either reset: the client must go to Idle with Update Result 0 (§2.3).
  [[nodiscard]] constexpr bool is_reset() const noexcept {
    return is_package_reset() || is_uri_reset();
  }

  [[nodiscard]] friend constexpr bool operator==(const firmware_update& a,
                                                 const firmware_update& b) noexcept {
    const auto same_bytes = [](const std::optional<byte_view>& x,
                               const std::optional<byte_view>& y) {
      if (x.has_value() != y.has_value()) return false;
      if (!x) return true;
      if (x->size() != y->size()) return false;
      for (std::size_t i = 0; i < x->size(); ++i) {
        if ((*x)[i] != (*y)[i]) return false;
      }
      return true;
    };
    return same_bytes(a.package, b.package) && a.package_uri == b.package_uri &&
           a.state == b.state && a.result == b.result && a.pkg_name == b.pkg_name &&
           a.pkg_version == b.pkg_version && a.protocol_support == b.protocol_support &&
           a.delivery == b.delivery && a.update_severity == b.update_severity &&
           a.last_state_change_time == b.last_state_change_time &&
           a.maximum_defer_period == b.maximum_defer_period &&
           a.automatic_upgrade == b.automatic_upgrade && a.unknown_resources == b.unknown_resources;
  }
};

}  // namespace otawire::lwm2m

#endif
