// otawire: what failed and where — the error vocabulary shared by every protocol.
#ifndef OTAWIRE_ERROR_HPP
#define OTAWIRE_ERROR_HPP

#include <cstddef>
#include <cstdint>
#include <limits>
#include <span>
#include <string_view>
#include <type_traits>
#if !defined(OTAWIRE_DEVICE_PROFILE)
#include <string>
#endif

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
  /// A session validator rejected a message: `where()` names the rule, `state()` the state it was in.
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

/// Whether errors carry their texts (`where()`, `state()`). Not in the device profile
/// (OTAWIRE_DEVICE_PROFILE, config.hpp): there both stay empty and only `code()`, `offset()` and
/// `index()` tell what failed, so that no field or rule name reaches a device image.
#if defined(OTAWIRE_DEVICE_PROFILE)
inline constexpr bool keeps_error_texts = false;
#else
inline constexpr bool keeps_error_texts = true;
#endif

namespace detail {
// Not constexpr on purpose: reaching it in a consteval constructor stops the compilation, and
// the compiler's message names the function.
inline void text_must_be_a_nul_terminated_constant() noexcept {}
}  // namespace detail

/// The handle of a static text (a field name, a JSON path, a rule name): one pointer on hosts,
/// nothing at all in the device profile.
///
/// Its constructors are `consteval`: a string literal or a `constexpr std::string_view` converts
/// implicitly, so `fail(errc::truncated, "data_length", off)` reads as before, while a text made
/// at run time does not compile (it could dangle). The text must be NUL-terminated where it
/// ends, which is checked at compile time: a `substr` of a literal is refused. In the device
/// profile the constructors drop the text, so no literal reaches a device image whether or not
/// the call that carries it is inlined.
class text_id {
 public:
  /// The empty text.
  constexpr text_id() noexcept = default;
  /// A string literal (or any constant NUL-terminated array).
  consteval text_id(const char* text) noexcept  // NOLINT: implicit, so that literals convert
#if !defined(OTAWIRE_DEVICE_PROFILE)
      : text_(text)
#endif
  {
    if (text == nullptr) detail::text_must_be_a_nul_terminated_constant();
    // Walking to the NUL at compile time fails to compile when there is none inside the array.
    for (const char* p = text; *p != '\0'; ++p) {
    }
  }
  /// A constant view that ends where its NUL terminator is (a literal's view, not a part of it);
  /// an empty view is the empty text.
  consteval text_id(std::string_view text) noexcept  // NOLINT: implicit, as above
#if !defined(OTAWIRE_DEVICE_PROFILE)
      : text_(text.empty() ? nullptr : text.data())
#endif
  {
    if (!text.empty() && text.data()[text.size()] != '\0') detail::text_must_be_a_nul_terminated_constant();
  }

  /// The text (empty in the device profile).
  [[nodiscard]] constexpr std::string_view view() const noexcept {
#if defined(OTAWIRE_DEVICE_PROFILE)
    return {};
#else
    return text_ == nullptr ? std::string_view{} : std::string_view(text_);
#endif
  }
  /// Whether the text is empty.
  [[nodiscard]] constexpr bool empty() const noexcept { return view().empty(); }
  /// Texts compare by content: the same literal in two translation units may have two addresses.
  [[nodiscard]] friend constexpr bool operator==(const text_id& a, const text_id& b) noexcept {
    return a.view() == b.view();
  }

 private:
#if !defined(OTAWIRE_DEVICE_PROFILE)
  const char* text_ = nullptr;
#endif
};

/// The name of state `index` of the state enum `State`, through the protocol's `name(State)`
/// (found by argument-dependent lookup). A `rule` keeps a pointer to one of these.
template <class State>
[[nodiscard]] constexpr std::string_view names_of_state(std::uint8_t index) noexcept {
  return name(static_cast<State>(index));
}

/// A session rule: a static record that an `error` points to when a validator rejects a message.
/// It names the rule and knows how to name the states of the machine that checks it, so that an
/// error holds one pointer and a one-byte state index and still tells `where()` and `state()`.
///
/// Declare rules as `inline constexpr` records (each protocol's `rules::` namespace):
/// `inline constexpr rule progress_in_range{"progress_in_range", names_of_state<session_state>};`
/// An error refers to the record by address, so a rule must have static storage duration.
class rule {
 public:
  /// How a state index becomes the state's name.
  using state_namer = std::string_view (*)(std::uint8_t) noexcept;

  /// A rule called `name`, checked in states that `states` names.
  consteval rule(text_id name, [[maybe_unused]] state_namer states) noexcept
#if !defined(OTAWIRE_DEVICE_PROFILE)
      : name_(name), states_(states)
#endif
  {
    static_cast<void>(name);
  }
  rule(const rule&) = delete;  // records are referred to by address: no copies
  rule& operator=(const rule&) = delete;
  ~rule() = default;

  /// The rule's name (empty in the device profile).
  [[nodiscard]] constexpr std::string_view name() const noexcept {
#if defined(OTAWIRE_DEVICE_PROFILE)
    return {};
#else
    return name_.view();
#endif
  }
  /// A rule reads as its name (`e.where() == rules::direction`).
  constexpr operator std::string_view() const noexcept { return name(); }  // NOLINT: implicit on purpose
  /// The name of state `index` of the machine that checks the rule (empty in the device profile).
  [[nodiscard]] constexpr std::string_view state_name([[maybe_unused]] std::uint8_t index) const noexcept {
#if defined(OTAWIRE_DEVICE_PROFILE)
    return {};
#else
    return states_(index);
#endif
  }

 private:
#if !defined(OTAWIRE_DEVICE_PROFILE)
  text_id name_;
  state_namer states_;
#endif
};


class error;
[[nodiscard]] constexpr error fail(errc code, text_id where, std::size_t offset) noexcept;
template <class State>
[[nodiscard]] constexpr error violation(const rule& r, State state) noexcept;

/// What failed and where, in 16 bytes on a 64-bit host (8 on a 32-bit device).
///
/// - `code()`: what failed;
/// - `where()`: the field, the JSON path (`report.progress.percent`; array elements as
///   `services[].version`, the element's number in `index()`) or, for `rule_violation`, the rule;
/// - `offset()`: the byte offset into the input where it was detected, or `no_offset`. Offsets
///   are kept in 32 bits: one at or beyond 4 GiB - 1 is reported as `no_offset`;
/// - `index()`: the array element a JSON path crosses (`services[2]`), or `no_index`;
/// - `state()`: the validator state a rule was checked in (empty for decoders).
///
/// The texts are static (string literals and rule records; see `text_id`): an error is trivially
/// copyable, allocates nothing and never dangles, so it can be returned from a decoder running on
/// a device. In the device profile the texts are not kept (`where()` and `state()` are empty) and
/// neither are the index and the state number: the error is `code()` and `offset()`, 8 bytes.
///
/// Errors compare equal when they say the same thing: texts are compared by content.
class error {
 public:
  /// `offset()` when no position is known (DOM decoding, session rules).
  static constexpr std::size_t no_offset = std::numeric_limits<std::size_t>::max();
  /// `index()` when the error is not inside an array element.
  static constexpr std::size_t no_index = std::numeric_limits<std::size_t>::max();

  /// An `invalid_value` error with no text, offset or index.
  constexpr error() noexcept = default;

  /// What failed.
  [[nodiscard]] constexpr errc code() const noexcept { return code_; }
  /// The field, JSON path (array elements as `[]`) or rule name; empty in the device profile.
  // The texts are returned const: `e.where() = "x"` would otherwise compile and change nothing.
  [[nodiscard]] constexpr const std::string_view where() const noexcept {
#if defined(OTAWIRE_DEVICE_PROFILE)
    return {};
#else
    if (code_ == errc::rule_violation) return handle_.rule_ == nullptr ? std::string_view{} : handle_.rule_->name();
    return handle_.text_.view();
#endif
  }
  /// The validator state a rule was checked in; empty for decoders and in the device profile.
  [[nodiscard]] constexpr const std::string_view state() const noexcept {
#if defined(OTAWIRE_DEVICE_PROFILE)
    return {};
#else
    if (code_ != errc::rule_violation || handle_.rule_ == nullptr) return {};
    return handle_.rule_->state_name(state_);
#endif
  }
  /// The number of the state a rule was checked in (0 for decoders and in the device profile).
  [[nodiscard]] constexpr std::uint8_t state_index() const noexcept {
#if defined(OTAWIRE_DEVICE_PROFILE)
    return 0;
#else
    return state_;
#endif
  }
  /// The byte offset into the input where it was detected, or `no_offset`.
  [[nodiscard]] constexpr std::size_t offset() const noexcept {
    return offset_ == stored_no_offset ? no_offset : offset_;
  }
  /// Whether `offset()` is known.
  [[nodiscard]] constexpr bool has_offset() const noexcept { return offset_ != stored_no_offset; }
  /// The element of the array that `where()` crosses (`services[]` then means `services[index]`),
  /// or `no_index`.
  [[nodiscard]] constexpr std::size_t index() const noexcept {
#if defined(OTAWIRE_DEVICE_PROFILE)
    return no_index;
#else
    return has_index() ? index_ - 1u : no_index;
#endif
  }
  /// Whether `index()` is known (never in the device profile).
  [[nodiscard]] constexpr bool has_index() const noexcept {
#if defined(OTAWIRE_DEVICE_PROFILE)
    return false;
#else
    return index_ != 0;
#endif
  }

  /// This error, inside element `i` of the array its path crosses: an array walk stamps the
  /// errors of its elements. An index already set (by an inner array) is kept; an index beyond
  /// 65534 is not representable and leaves the error without one.
  [[nodiscard]] constexpr error in_element(std::size_t i) const noexcept {
    error e = *this;
#if defined(OTAWIRE_DEVICE_PROFILE)
    static_cast<void>(i);
#else
    if (!has_index() && i < max_stored_index) e.index_ = static_cast<std::uint16_t>(i + 1);
#endif
    return e;
  }

  /// This error, detected at byte `offset` instead (`no_offset` beyond 32 bits).
  [[nodiscard]] constexpr error at_offset(std::size_t offset) const noexcept {
    error e = *this;
    if constexpr (sizeof(std::size_t) > sizeof(std::uint32_t)) {
      e.offset_ = offset < stored_no_offset ? static_cast<std::uint32_t>(offset) : stored_no_offset;
    } else {
      e.offset_ = static_cast<std::uint32_t>(offset);  // no_offset already is 0xFFFFFFFF
    }
    return e;
  }

  /// Same code, offset, index, texts (by content) and state.
  [[nodiscard]] friend constexpr bool operator==(const error& a, const error& b) noexcept {
    return a.code_ == b.code_ && a.offset_ == b.offset_ && a.index() == b.index() &&
           a.state_index() == b.state_index() && a.where() == b.where() && a.state() == b.state();
  }

 private:
  friend constexpr error fail(errc code, text_id where, std::size_t offset) noexcept;
  template <class State>
  friend constexpr error violation(const rule& r, State state) noexcept;

  static constexpr std::uint32_t stored_no_offset = std::numeric_limits<std::uint32_t>::max();
  // The index is stored plus one, so that "no index" is zero: a new error is then all zeros but
  // for its code and offset, which costs a device fewer instructions to build.
  static constexpr std::size_t max_stored_index = std::numeric_limits<std::uint16_t>::max();

#if !defined(OTAWIRE_DEVICE_PROFILE)
  // A path or field text, or (code_ == rule_violation) the rule record.
  union handle {
    text_id text_{};
    const rule* rule_;
  };
  handle handle_{};
#endif
  std::uint32_t offset_ = stored_no_offset;
  // The code in the low byte of a word that is otherwise zero for a decoder's error: one store.
  errc code_ = errc::invalid_value;
#if !defined(OTAWIRE_DEVICE_PROFILE)
  // Not on devices: no JSON path crosses an array there, and no state has a name to look up;
  // writing the two fields at every error would cost flash (LwM2M: 24 B).
  std::uint8_t state_ = 0;
  std::uint16_t index_ = 0;  // index() + 1; 0: none
#endif
};

#if defined(OTAWIRE_DEVICE_PROFILE)
static_assert(sizeof(error) == 8, "a device error is a code and a 32-bit offset");
#else
static_assert(sizeof(void*) != 8 || sizeof(error) == 16, "an error is one text handle and 8 bytes on 64-bit hosts");
#endif
static_assert(std::is_trivially_copyable_v<error>);

/// Shorthand used by decoders: `return fail(errc::truncated, "data_length", reader.offset());`
/// An offset that does not fit in 32 bits is reported as `error::no_offset`.
[[nodiscard]] constexpr error fail(errc code, text_id where, std::size_t offset = error::no_offset) noexcept {
  error e;
  e.code_ = code == errc::rule_violation ? errc::invalid_value : code;  // rule_violation needs a rule record
#if !defined(OTAWIRE_DEVICE_PROFILE)
  e.handle_.text_ = where;
#else
  static_cast<void>(where);
#endif
  return e.at_offset(offset);
}

/// Shorthand used by session validators: which rule failed, in which state (`State` is the
/// machine's state enum, the one the rule's `names_of_state` names).
template <class State>
[[nodiscard]] constexpr error violation(const rule& r, State state) noexcept {
  static_assert((std::is_enum_v<State> || std::is_same_v<State, std::uint8_t>) && sizeof(State) == 1,
                "a state is a one-byte enum (or its number)");
  error e;
  e.code_ = errc::rule_violation;
#if !defined(OTAWIRE_DEVICE_PROFILE)
  e.handle_.rule_ = &r;
  e.state_ = static_cast<std::uint8_t>(state);
#else
  // Nothing to look the state up in, and building the byte in costs flash at every rule.
  static_cast<void>(r);
  static_cast<void>(state);
#endif
  return e;
}
/// A rule must be a static record: an error keeps its address.
template <class State>
constexpr error violation(const rule&& r, State state) noexcept = delete;

/// Writes `e.where()` into `out` with the array index filled in (`services[]` with index 2 as
/// `services[2]`), and returns the characters written (cut at `out.size()`). Allocates nothing,
/// so a device can use it (where it writes nothing: the texts are not kept).
[[nodiscard]] constexpr std::size_t format_where(const error& e, std::span<char> out) noexcept {
  const std::string_view where = e.where();
  std::size_t n = 0;
  const auto put = [&](char c) {
    if (n < out.size()) out[n++] = c;
  };
  const std::size_t brackets = e.has_index() ? where.find("[]") : std::string_view::npos;
  for (std::size_t i = 0; i < where.size(); ++i) {
    put(where[i]);
    if (i == brackets) {
      char digits[8]{};
      std::size_t d = 0;
      for (std::size_t v = e.index(); d == 0 || v != 0; v /= 10) digits[d++] = static_cast<char>('0' + v % 10);
      while (d != 0) put(digits[--d]);
    }
  }
  return n;
}

#if !defined(OTAWIRE_DEVICE_PROFILE)
/// One line for a log: `missing_field at services[2].version (byte 17)`, or
/// `rule_violation: rule direction in state idle`. Host only (it allocates).
[[nodiscard]] inline std::string describe(const error& e) {
  std::string out(name(e.code()));
  if (e.code() == errc::rule_violation) {
    out += ": rule ";
    out += e.where();
    out += " in state ";
    out += e.state();
    return out;
  }
  if (!e.where().empty()) {
    char where[128];
    out += " at ";
    out.append(where, format_where(e, where));
  }
  if (e.has_offset()) out += " (byte " + std::to_string(e.offset()) + ")";
  return out;
}
#endif

}  // namespace otawire

#endif
