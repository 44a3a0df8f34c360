// otawire: what failed and where — the error vocabulary shared by every protocol.
#ifndef OTAWIRE_ERROR_HPP
#define OTAWIRE_ERROR_HPP

#include <cstddef>
#include <cstdint>
#include <limits>
#include <string_view>

namespace otawire {

/// The kinds of failure. Values start at 1 so that a zero-initialised code never means failure
/// by accident (the `std::error_code` bridge maps 0 to success).
enum class errc : std::uint8_t {
  /// The input ends before the structure does. Restartable for a streaming caller: more bytes
  /// may complete it. Every other code is a hard protocol violation.
  truncated = 1,
  /// A fixed marker is wrong (PCP start 0xFFFE).
  bad_magic,
  /// A protocol version field names a version this library does not speak.
  bad_version,
  /// A message code, TLV type, `messageType`, `type` or event name is not defined.
  unknown_message,
  /// A check code does not match the bytes it covers.
  bad_checksum,
  /// A declared length disagrees with the bytes present or with the rule for its type.
  bad_length,
  /// Bytes are left over after a complete message.
  trailing_bytes,
  /// A number lies outside the range its field allows.
  out_of_range,
  /// A value is of the right type and range but not one the protocol allows here
  /// (for example a result code that this message may not carry).
  invalid_value,
  /// A string cannot be represented or is malformed (non-ASCII, too long, bad padding, bad hex).
  bad_string,
  /// The same identifier or key appears twice where it must be unique.
  duplicate,
  /// Structures are nested in a way the format forbids (wrong parent, too deep).
  bad_nesting,
  /// An identifier the format reserves was used (LwM2M ID 65535).
  reserved_id,
  /// The text is not well-formed JSON.
  malformed_json,
  /// A required field or key is absent.
  missing_field,
  /// A field has the wrong JSON type (a string where a number is required, …).
  wrong_type,
  /// An encoder's output buffer is too small; nothing sensible was written.
  buffer_too_small,
  /// A session validator rejected a message: `where` names the rule, `state` the state it was in.
  rule_violation,
  /// Valid for the format but outside what this library or this object version supports.
  unsupported,
};

/// Stable identifier of an error kind (snake_case, as in the enum).
[[nodiscard]] constexpr std::string_view name(errc code) noexcept {
  switch (code) {
    case errc::truncated: return "truncated";
    case errc::bad_magic: return "bad_magic";
    case errc::bad_version: return "bad_version";
    case errc::unknown_message: return "unknown_message";
    case errc::bad_checksum: return "bad_checksum";
    case errc::bad_length: return "bad_length";
    case errc::trailing_bytes: return "trailing_bytes";
    case errc::out_of_range: return "out_of_range";
    case errc::invalid_value: return "invalid_value";
    case errc::bad_string: return "bad_string";
    case errc::duplicate: return "duplicate";
    case errc::bad_nesting: return "bad_nesting";
    case errc::reserved_id: return "reserved_id";
    case errc::malformed_json: return "malformed_json";
    case errc::missing_field: return "missing_field";
    case errc::wrong_type: return "wrong_type";
    case errc::buffer_too_small: return "buffer_too_small";
    case errc::rule_violation: return "rule_violation";
    case errc::unsupported: return "unsupported";
  }
  return "unknown_error";
}

/// One-line human description of an error kind.
[[nodiscard]] constexpr std::string_view description(errc code) noexcept {
  switch (code) {
    case errc::truncated: return "input ends before the structure does";
    case errc::bad_magic: return "wrong start marker";
    case errc::bad_version: return "unsupported protocol version";
    case errc::unknown_message: return "unknown message or type";
    case errc::bad_checksum: return "check code mismatch";
    case errc::bad_length: return "length does not match";
    case errc::trailing_bytes: return "bytes after the end of the message";
    case errc::out_of_range: return "number out of range";
    case errc::invalid_value: return "value not allowed here";
    case errc::bad_string: return "string cannot be represented";
    case errc::duplicate: return "duplicate identifier or key";
    case errc::bad_nesting: return "illegal nesting";
    case errc::reserved_id: return "reserved identifier";
    case errc::malformed_json: return "malformed JSON";
    case errc::missing_field: return "required field missing";
    case errc::wrong_type: return "field has the wrong type";
    case errc::buffer_too_small: return "output buffer too small";
    case errc::rule_violation: return "session rule violated";
    case errc::unsupported: return "not supported";
  }
  return "unknown error";
}

/// An error says *what* failed (`code`) and *where*: `where` names the field, the JSON path
/// (`report.progress.percent`; array elements as `services[]`, pinned down by `offset`) or, for
/// `rule_violation`, the rule; `offset` is the byte offset into the input where it was detected;
/// `state` is the validator state a rule was checked in.
///
/// `where` and `state` must refer to storage of static duration (string literals): an error is
/// trivially copyable, allocates nothing and never dangles, so it can be returned from a decoder
/// running on a device.
/// In the device profile `where` and `state` are static and always empty: code that reads them
/// still compiles, and an error is 8 bytes on a 32-bit device instead of 24.
struct error {
  /// `offset` when no position is known (DOM decoding, session rules).
  static constexpr std::size_t no_offset = std::numeric_limits<std::size_t>::max();

#if defined(OTAWIRE_DEVICE_PROFILE)
  errc code = errc::invalid_value;
  std::size_t offset = no_offset;
  static constexpr std::string_view where{};
  static constexpr std::string_view state{};
#else
  errc code = errc::invalid_value;  ///< What failed.
  std::string_view where{};  ///< The field, JSON path or rule (a static string; empty on devices).
  std::size_t offset = no_offset;  ///< Byte offset into the input where it was detected, or `no_offset`.
  std::string_view state{};  ///< The validator state a rule was checked in (empty for decoders).
#endif

  /// Whether `offset` is known.
  [[nodiscard]] constexpr bool has_offset() const noexcept { return offset != no_offset; }
  [[nodiscard]] friend constexpr bool operator==(const error&, const error&) noexcept = default;
};

/// Whether errors carry their texts (`where`, `state`). Not in the device profile
/// (OTAWIRE_DEVICE_PROFILE, config.hpp): there both stay empty and only `code` and `offset` tell
/// what failed, so that no field or rule name reaches a device image.
#if defined(OTAWIRE_DEVICE_PROFILE)
inline constexpr bool keeps_error_texts = false;
// Always inlined: the texts are arguments of a call that drops them, so once inlined nothing
// references the literals and the linker leaves them out.
#define OTAWIRE_ERROR_INLINE [[gnu::always_inline]] inline
#else
inline constexpr bool keeps_error_texts = true;
#define OTAWIRE_ERROR_INLINE
#endif

/// Shorthand used by decoders: `return fail(errc::truncated, "data_length", reader.offset());`
[[nodiscard]] OTAWIRE_ERROR_INLINE constexpr error fail(errc code, [[maybe_unused]] std::string_view where,
                                                        std::size_t offset = error::no_offset) noexcept {
#if defined(OTAWIRE_DEVICE_PROFILE)
  return error{code, offset};
#else
  return error{code, where, offset, {}};
#endif
}

/// Shorthand used by session validators: which rule failed, in which state.
[[nodiscard]] OTAWIRE_ERROR_INLINE constexpr error violation([[maybe_unused]] std::string_view rule,
                                                             [[maybe_unused]] std::string_view state) noexcept {
#if defined(OTAWIRE_DEVICE_PROFILE)
  return error{errc::rule_violation, error::no_offset};
#else
  return error{errc::rule_violation, rule, error::no_offset, state};
#endif
}

}  // namespace otawire

#endif
