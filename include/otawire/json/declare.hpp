// otawire JSON families: a message's fields declared once, and everything that walks them driven
// by the declaration (issue 13 item 5): the generic walk over either backend, the simdjson fast
// path, the encoder's checks and the encoder. glaze's `glz::meta` is the model: a constexpr table
// per object, read by templates that the compiler unrolls, so no table is looked up at run time.
//
//   inline constexpr auto inform_params = json::object<inform>(
//       "params",                                                   // JSON path of the object
//       json::field("params.version", &inform::version, json::non_empty),
//       json::field("params.module", &inform::module));             // std::optional: may be absent
//
// A field is its JSON path (the key is the path's last part; the whole path is the error's
// `where()`), the member it is stored in, and a check with the code its refusal carries. What is
// read follows from the member's type: a string for `std::string_view`, an integer token for any
// integer (range-checked to the type; `json::lenient` also takes `"31"`), `true`/`false` for
// `bool`, an object kept as sent for `json::raw_json`, a nested object for an `object` entry;
// `json::nullable` takes `null` for no value. A `std::optional` or raw member may be absent, any
// other is required (`json::required` and `json::defaulted` say otherwise), and a missing one is
// `missing_field` at its path once the object has been walked (declaration order decides which
// is reported first). Keys are matched raw, as the fast path must; unknown keys are validated and
// skipped; the last duplicate wins, and a repeated object is replaced whole (json/common.hpp).
// A rule over several fields stays the family's own, run after the walk.
//
// The fast path (`fast_read_object`) reads the same table with the simdjson backend's
// no-error walk: one pass, keys compared raw, values checked and stored in place. It declines
// (returns false) wherever the generic walk could report something, which then decodes the
// message again and decides, so every error is the generic walk's.
#ifndef OTAWIRE_JSON_DECLARE_HPP
#define OTAWIRE_JSON_DECLARE_HPP

#include <otawire/json/common.hpp>
#include <otawire/json/dom.hpp>
#include <otawire/json/fields.hpp>
#include <otawire/json/simd.hpp>
#include <otawire/json/writer.hpp>
#include <otawire/result.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>

namespace otawire::json {

/// A rule a field's value must pass (`pass(value)`), and the code its refusal carries.
template <class Pred>
struct check {
  /// A refusal as `code` of any value `pass` returns false for.
  constexpr check(errc code, Pred pass) noexcept : code(code), pass(pass) {}
  errc code;  ///< What a value that fails `pass` is.
  Pred pass;  ///< `bool(const T&)` for the member's value type.
};

/// Any value of the right type.
struct any_value {
  /// True, whatever the value.
  template <class T>
  [[nodiscard]] constexpr bool operator()(const T&) const noexcept {
    return true;
  }
};
/// The check of a field declared without one.
inline constexpr check<any_value> unchecked{errc::invalid_value, any_value{}};

/// A string that is not empty (`invalid_value` otherwise).
inline constexpr check non_empty{errc::invalid_value, [](std::string_view s) { return !s.empty(); }};

/// A download URL (json/fields.hpp; `invalid_value` otherwise).
inline constexpr check download_url{errc::invalid_value, [](std::string_view s) { return fields::is_download_url(s); }};

/// An MD5 digest in hex (json/fields.hpp; `bad_string` otherwise).
inline constexpr check md5_hex{errc::bad_string, [](std::string_view s) { return fields::is_md5_hex(s); }};

/// An integer within [Lo, Hi] (`out_of_range` otherwise).
template <std::int64_t Lo, std::int64_t Hi>
inline constexpr check in_range_check{errc::out_of_range, [](std::int64_t v) { return v >= Lo && v <= Hi; }};

/// How a field's value may be written beyond its plain JSON type.
struct field_options {
  bool lenient = false;      ///< an integer also as a string of decimal digits (`31` or `"31"`)
  bool nullable = false;     ///< `null` read as Java's Jackson reads it: a number or boolean is 0 or
                             ///< false (a Java primitive, also in an optional member); a string,
                             ///< raw or coded member holds no value
  bool decode_only = false;  ///< accepted when sent, never checked for nor written by the encoder

  [[nodiscard]] friend constexpr field_options operator|(field_options a, field_options b) noexcept {
    return {a.lenient || b.lenient, a.nullable || b.nullable, a.decode_only || b.decode_only};
  }
};
/// An integer field that also takes `"31"`.
inline constexpr field_options lenient{true, false, false};
/// A field that takes `null` for no value.
inline constexpr field_options nullable{false, true, false};
/// A field the decoders accept (a documented slip some senders make) but the encoder never writes.
inline constexpr field_options decode_only{false, false, true};

namespace detail {

/// The longest key a declaration may hold, with its quotes and colon (`"key":`).
inline constexpr std::size_t max_quoted_key = 40;

/// `"key":` as the encoder writes it, made at compile time (`object_writer::quoted_key`: one
/// append per key; writing quote, key, quote and colon apiece cost CTWing's encoder a third more
/// instructions).
struct quoted_key {
  std::array<char, max_quoted_key> text{};
  std::uint8_t size = 0;

  constexpr explicit quoted_key(std::string_view key) {
    if (key.size() + 3 > max_quoted_key) throw "otawire::json: key too long for a declaration";
    text[size++] = '"';
    for (const char c : key) text[size++] = c;
    text[size++] = '"';
    text[size++] = ':';
  }
  [[nodiscard]] constexpr std::string_view view() const noexcept { return {text.data(), size}; }
};

/// The last part of a JSON path (`params.version` -> `version`; `services[].id` -> `id`).
[[nodiscard]] constexpr std::string_view last_key(std::string_view path) {
  const auto dot = path.rfind('.');
  return dot == std::string_view::npos ? path : path.substr(dot + 1);
}

/// Whether a member may hold no value: a `std::optional`, or a raw value (empty when not sent).
template <class T>
inline constexpr bool is_optional = false;
template <class T>
inline constexpr bool is_optional<std::optional<T>> = true;
template <>
inline constexpr bool is_optional<raw_json> = true;

/// Whether member `x` (of an `is_optional` type) holds a value.
template <class T>
[[nodiscard]] constexpr bool holds(const std::optional<T>& x) noexcept {
  return x.has_value();
}
[[nodiscard]] inline bool holds(const raw_json& x) noexcept { return !x.empty(); }

/// The value member `x` holds (of an optional, the one it holds).
template <class T>
[[nodiscard]] constexpr const T& value_in(const std::optional<T>& x) noexcept {
  return *x;
}
template <class T>
[[nodiscard]] constexpr const T& value_in(const T& x) noexcept {
  return x;
}

template <class T>
inline constexpr bool is_integer = std::is_integral_v<T> && !std::is_same_v<T, bool>;

template <class T>
struct value_of_t {
  using type = T;
};
template <class T>
struct value_of_t<std::optional<T>> {
  using type = T;
};
/// The value type a member holds (`T` of `std::optional<T>`).
template <class T>
using value_of = typename value_of_t<T>::type;

}  // namespace detail

/// The reading and writing of a field's value by the family's own code, for a value that is not
/// one JSON type read plainly (an enum spelled as a string, an id sent as a number or a string):
/// a class with
///
///     template <class Value> static result<T> read(Value& v, text_id path);   // either backend
///     template <class Sink> static void write(writer<Sink>& w, const T& value);
///
/// `read` reports as the backend's accessors do (code, `path`, `v.offset()`); the fast path calls
/// it too and declines on any error. Attached to a field with `json::coded<Codec>(field)`.
struct plain_value {};

/// One field of message `Message` (or of a base class of the messages that hold it): declared
/// with `json::field(...)`. A `std::optional` (or raw) member is optional unless declared
/// `json::required(...)`, and then must hold a value once the object is walked; any other member
/// is required unless declared `json::defaulted(...)`. `Codec` is `plain_value`, or the family's
/// own reader and writer (`json::coded`).
template <class Message, class Member, class Pred, bool Required = !detail::is_optional<Member>, class Codec = plain_value>
struct field_decl {
  std::string_view key;         ///< The key, compared raw with the keys sent.
  text_id path;                 ///< The JSON path, the error's `where()`.
  Member Message::* member;     ///< Where the value is stored.
  json::check<Pred> rule;       ///< What the value must pass.
  field_options options;        ///< The forms accepted beyond the plain JSON type.
  detail::quoted_key quoted;    ///< `"key":`, for the encoder.
  raw_name raw;                 ///< The key packed for the fast path's compare.

  /// What is read and checked (`T` of a `std::optional<T>` member).
  using value_type = detail::value_of<Member>;
  /// Whether the member may hold no value (`std::optional`, raw).
  static constexpr bool optional_member = detail::is_optional<Member>;
  /// Whether a message without it is refused (`missing_field`).
  static constexpr bool required = Required;
  /// Reads and writes the value (`plain_value`: by its type).
  using codec = Codec;
};

/// A nested object (or, with an empty path, the document's root): its JSON path and its fields,
/// all stored in the same message.
template <class Message, class... Fields>
struct object_decl {
  std::string_view key;         ///< The key in the parent object (empty at the root).
  text_id path;                 ///< The JSON path, the error's `where()`.
  std::tuple<Fields...> fields; ///< Its fields, in the encoder's order.
  detail::quoted_key quoted;    ///< `"key":`, for the encoder.
  raw_name raw;                 ///< The key packed for the fast path's compare.

  /// A nested object is always there when its parent is (it is never optional).
  static constexpr bool optional_member = false;
  /// See `optional_member`.
  static constexpr bool required = true;
};

/// A field at JSON `path` stored in `member`, passing `rule`.
template <class Message, class Member, class Pred = any_value>
[[nodiscard]] consteval auto field(const char* path, Member Message::* member, check<Pred> rule = check<Pred>(errc::invalid_value, Pred{}),
                                   field_options options = {}) {
  const std::string_view key = detail::last_key(path);
  return field_decl<Message, Member, Pred>{key, text_id(path), member, rule, options, detail::quoted_key(key), raw_name(key)};
}
/// A field with no check of its own, taking `options`.
template <class Message, class Member>
[[nodiscard]] consteval auto field(const char* path, Member Message::* member, field_options options) {
  return field(path, member, unchecked, options);
}

/// `f`, whose optional member must hold a value once its object is walked (`missing_field` at its
/// path otherwise; a `nullable` field sent as `null` holds none).
template <class Message, class Member, class Pred, class Codec>
[[nodiscard]] consteval auto required(field_decl<Message, Member, Pred, false, Codec> f) {
  return field_decl<Message, Member, Pred, true, Codec>{f.key, f.path, f.member, f.rule, f.options, f.quoted, f.raw};
}

/// `f`, whose member may be left as it is when the key is not sent (the message's default, as
/// Java beans have them): a member that is not an optional is otherwise required.
template <class Message, class Member, class Pred, class Codec>
[[nodiscard]] consteval auto defaulted(field_decl<Message, Member, Pred, true, Codec> f) {
  return field_decl<Message, Member, Pred, false, Codec>{f.key, f.path, f.member, f.rule, f.options, f.quoted, f.raw};
}

/// `f`, whose value `Codec` reads and writes (see `plain_value`): `f`'s check, required-ness and
/// `nullable` still apply.
template <class Codec, class Message, class Member, class Pred, bool Required>
[[nodiscard]] consteval auto coded(field_decl<Message, Member, Pred, Required, plain_value> f) {
  return field_decl<Message, Member, Pred, Required, Codec>{f.key, f.path, f.member, f.rule, f.options, f.quoted, f.raw};
}

/// `f`, required when `Required` (fields shared by messages that differ in what they require).
template <bool Required, class Field>
[[nodiscard]] consteval auto required_if(Field f) {
  if constexpr (Required) {
    return required(f);
  } else {
    return f;
  }
}

/// The object at JSON `path` (`""`: the root), holding `fields`.
template <class Message, class... Fields>
[[nodiscard]] consteval auto object(const char* path, Fields... fields) {
  const std::string_view key = detail::last_key(path);
  return object_decl<Message, Fields...>{key, text_id(path), std::tuple<Fields...>(fields...), detail::quoted_key(key), raw_name(key)};
}
/// The object at JSON `path` holding a list of fields made elsewhere (fields shared by several
/// messages, joined with `std::tuple_cat`).
template <class Message, class... Fields>
[[nodiscard]] consteval auto object(const char* path, std::tuple<Fields...> fields) {
  const std::string_view key = detail::last_key(path);
  return object_decl<Message, Fields...>{key, text_id(path), fields, detail::quoted_key(key), raw_name(key)};
}
/// Fields to share between declarations (`std::tuple_cat` them into an `object`).
template <class... Fields>
[[nodiscard]] consteval auto field_list(Fields... f) {
  return std::tuple<Fields...>(f...);
}

namespace detail {

template <class T>
inline constexpr bool is_object_decl = false;
template <class M, class... F>
inline constexpr bool is_object_decl<object_decl<M, F...>> = true;

/// One bit per field of an object, set when the field was read: the required fields whose key
/// must have been sent (a required optional member must hold a value instead; see `has_value`).
template <class... F>
[[nodiscard]] consteval unsigned required_mask(const std::tuple<F...>*) {
  unsigned mask = 0;
  unsigned bit = 1;
  ((mask |= F::required && !F::optional_member ? bit : 0U, bit <<= 1), ...);
  return mask;
}

/// Whether a required optional member holds a value (any other field: true).
template <class Message, class Decl>
[[nodiscard]] OTAWIRE_JSON_INLINE bool has_value(const Message& m, const Decl& d) noexcept {
  if constexpr (Decl::required && Decl::optional_member) {
    return holds(m.*d.member);
  } else {
    return true;
  }
}

/// What `null` leaves in the member of field `Decl` (a `nullable` field): 0 or false for a plain
/// number or boolean (Jackson's primitives), no value for anything else.
template <class Decl, class Member>
OTAWIRE_JSON_INLINE void set_null(Member& member) noexcept {
  using T = value_of<Member>;
  if constexpr (std::is_same_v<typename Decl::codec, plain_value> && (is_integer<T> || std::is_same_v<T, bool>)) {
    member = T{};
  } else {
    member = Member{};
  }
}

/// Whether `key` (the walk's) is `name` (a declaration's: a constant once inlined).
[[nodiscard]] OTAWIRE_JSON_INLINE bool same_key(std::string_view key, std::string_view name) noexcept {
  return key.size() == name.size() && __builtin_memcmp(key.data(), name.data(), name.size()) == 0;
}

/// Every member an object's fields store into, back to its default: each occurrence of an object
/// starts clean (the last duplicate wins whole, not field by field).
template <class Message, class... F>
OTAWIRE_JSON_INLINE void reset(Message& m, const std::tuple<F...>& fields) noexcept {
  std::apply(
      [&m](const auto&... f) {
        const auto one = [&m](const auto& d) {
          if constexpr (is_object_decl<std::remove_cvref_t<decltype(d)>>) {
            reset(m, d.fields);
          } else {
            m.*d.member = {};
          }
        };
        (one(f), ...);
      },
      fields);
}

// --- the generic walk (either backend; every error exact) ------------------------------------------

/// A required field not sent: at the object's offset, except at the root (the whole document).
template <bool Root, class Value>
[[nodiscard]] OTAWIRE_JSON_INLINE error missing_at(Value& v, text_id path) noexcept {
  if constexpr (Root) {
    return fail(errc::missing_field, path);
  } else {
    return fail(errc::missing_field, path, v.offset());
  }
}

/// The first required field of `o` that is missing once it was walked (declaration order).
template <bool Root, class Value, class Message, class... F>
[[nodiscard]] result<void> first_missing(Value& v, const Message& m, const object_decl<Message, F...>& o, unsigned seen) noexcept {
  constexpr unsigned wanted = required_mask(static_cast<const std::tuple<F...>*>(nullptr));
  result<void> missing = ok();
  [&]<std::size_t... I>(std::index_sequence<I...>) {
    (void)((((wanted & ~seen & (1U << I)) != 0 || !has_value(m, std::get<I>(o.fields))) &&
            (missing = missing_at<Root>(v, std::get<I>(o.fields).path), true)) ||
           ...);
  }(std::index_sequence_for<F...>{});
  return missing;
}

/// Whether every required field of `o` is there once it was walked.
template <class Message, class... F>
[[nodiscard]] OTAWIRE_JSON_INLINE bool all_present(const Message& m, const object_decl<Message, F...>& o, unsigned seen) noexcept {
  constexpr unsigned wanted = required_mask(static_cast<const std::tuple<F...>*>(nullptr));
  return (seen & wanted) == wanted && std::apply([&m](const auto&... f) { return (has_value(m, f) && ...); }, o.fields);
}

template <class Value, class Message, class Decl>
OTAWIRE_JSON_INLINE result<bool> read_field(Value& v, Message& m, const Decl& d);

template <bool Root, class Value, class Message, class... F>
OTAWIRE_JSON_INLINE result<void> read_members(Value& v, Message& m, const object_decl<Message, F...>& o) {
  unsigned seen = 0;
  const auto visit = [&](key_view key, auto& f) OTAWIRE_JSON_VISITOR -> result<bool> {
    result<bool> r = false;
    [&]<std::size_t... I>(std::index_sequence<I...>) OTAWIRE_JSON_VISITOR {
      (void)((same_key(key, std::get<I>(o.fields).key) ? (r = read_field(f, m, std::get<I>(o.fields)),
                                                           seen |= (r && *r) ? 1U << I : 0U, true)
                                                        : false) ||
             ...);
    }(std::index_sequence_for<F...>{});
    return r;
  };
  result<void> walked = ok();
  if constexpr (Root) {
    walked = v.object_for_each(visit);
  } else {
    walked = v.object_for_each(o.path, visit);
  }
  if (!walked) return walked.error();
  if (all_present(m, o, seen)) return ok();
  return first_missing<Root>(v, m, o, seen);
}

/// A value of type `T` at `path` (the rule `d` applies is checked by the caller).
template <class T, class Value>
OTAWIRE_JSON_INLINE result<T> read_value(Value& v, text_id path, field_options options) {
  if constexpr (std::is_same_v<T, std::string_view>) {
    return v.string(path);
  } else if constexpr (std::is_same_v<T, bool>) {
    return v.boolean(path);
  } else if constexpr (std::is_same_v<T, raw_json>) {
    // A map kept as sent: an object, nothing else (the walk validates what it refuses).
    if (v.first_byte() != '{') {
      auto k = v.type(path);
      if (!k) return k.error();
      if (*k != kind::object) return fail(errc::wrong_type, path, v.offset());
    }
    return v.raw(path);
  } else {
    static_assert(is_integer<T>, "otawire::json: a field type the walk does not read");
    auto n = options.lenient ? v.int64_lenient(path) : v.int64(path);
    if (!n) return n.error();
    if constexpr (!std::is_same_v<T, std::int64_t>) {
      return json::in_range<T>(*n, std::numeric_limits<T>::min(), std::numeric_limits<T>::max(), path, v.offset());
    } else {
      return *n;
    }
  }
}

/// The value of field `Decl`: by its codec, or by its type.
template <class Decl, class Value>
OTAWIRE_JSON_INLINE result<typename Decl::value_type> read_coded(Value& v, text_id path, field_options options) {
  if constexpr (std::is_same_v<typename Decl::codec, plain_value>) {
    return read_value<typename Decl::value_type>(v, path, options);
  } else {
    return Decl::codec::read(v, path);
  }
}

template <class Value, class Message, class Decl>
OTAWIRE_JSON_INLINE result<bool> read_field(Value& v, Message& m, const Decl& d) {
  if constexpr (is_object_decl<Decl>) {
    reset(m, d.fields);
    if (auto r = read_members<false>(v, m, d); !r) return r.error();
  } else {
    if (d.options.nullable) {
      auto is_null = v.null(d.path);
      if (!is_null) return is_null.error();
      if (*is_null) {
        set_null<Decl>(m.*d.member);
        return true;
      }
    }
    auto x = read_coded<Decl>(v, d.path, d.options);
    if (!x) return x.error();
    if (!d.rule.pass(*x)) return fail(d.rule.code, d.path, v.offset());
    m.*d.member = *x;
  }
  return true;
}

// --- the fast path (simdjson backend; declines instead of reporting) --------------------------------

template <class Message, class Decl>
OTAWIRE_JSON_INLINE bool fast_field(simd_value& v, Message& m, const Decl& d) noexcept;

template <class Value, class Message, class... F>
OTAWIRE_JSON_INLINE bool fast_members(Value& v, Message& m, const object_decl<Message, F...>& o) noexcept {
  unsigned seen = 0;
  const bool walked = v.fast_object_in_place([&](raw_key key, simd_value& f) OTAWIRE_JSON_VISITOR {
    int matched = -1;  // -1: no field's key; 0: a field's, declined; 1: a field's, read
    [&]<std::size_t... I>(std::index_sequence<I...>) OTAWIRE_JSON_VISITOR {
      (void)((std::get<I>(o.fields).raw.matches(key)
                  ? (matched = fast_field(f, m, std::get<I>(o.fields)) ? (seen |= 1U << I, 1) : 0, true)
                  : false) ||
             ...);
    }(std::index_sequence_for<F...>{});
    return matched < 0 ? plain_key(key) : matched == 1;
  });
  return walked && all_present(m, o, seen);
}

/// The value of field `Decl`, or false (decline): `read_coded`'s reading without an error.
template <class Decl, class T>
OTAWIRE_JSON_INLINE bool fast_value(simd_value& v, field_options options, T& out) noexcept {
  if constexpr (!std::is_same_v<typename Decl::codec, plain_value>) {
    auto x = Decl::codec::read(v, "");
    if (!x) return false;
    out = *x;
  } else if constexpr (std::is_same_v<T, raw_json>) {
    if (v.first_byte() != '{') return false;
    auto raw = v.raw("");
    if (!raw) return false;
    out = *raw;
  } else {
    auto x = read_value<T>(v, "", options);
    if (!x) return false;
    out = *x;
  }
  return true;
}

template <class Message, class Decl>
OTAWIRE_JSON_INLINE bool fast_field(simd_value& v, Message& m, const Decl& d) noexcept {
  if constexpr (is_object_decl<Decl>) {
    reset(m, d.fields);
    return fast_members(v, m, d);
  } else {
    if (d.options.nullable && v.first_byte() == 'n') {
      auto is_null = v.null("");
      if (!is_null || !*is_null) return false;
      set_null<Decl>(m.*d.member);
      return true;
    }
    typename Decl::value_type x{};
    if (!fast_value<Decl>(v, d.options, x) || !d.rule.pass(x)) return false;
    m.*d.member = x;
    return true;
  }
}

// --- the encoder's checks and the encoder -----------------------------------------------------------

/// JSON text is UTF-8: a string the decoders would refuse must not be sent either.
[[nodiscard]] inline bool is_utf8(std::string_view s) noexcept { return simdjson::validate_utf8(s.data(), s.size()); }

template <class Message, class... F>
[[nodiscard]] result<void> check_members(const Message& m, const std::tuple<F...>& fields) noexcept {
  result<void> r = ok();
  std::apply(
      [&](const auto&... f) OTAWIRE_JSON_VISITOR {
        const auto one = [&](const auto& d) OTAWIRE_JSON_VISITOR -> bool {
          using D = std::remove_cvref_t<decltype(d)>;
          if constexpr (is_object_decl<D>) {
            r = check_members(m, d.fields);
          } else {
            if (d.options.decode_only) return true;
            const auto& held = m.*d.member;
            if constexpr (D::optional_member) {
              if (!holds(held)) {
                if constexpr (D::required) r = fail(errc::missing_field, d.path);
                return bool(r);
              }
            }
            const auto& value = value_in(held);
            if constexpr (std::is_same_v<typename D::value_type, std::string_view>) {
              if (!is_utf8(value)) r = fail(errc::bad_string, d.path);
            }
            if (r && !d.rule.pass(value)) r = fail(d.rule.code, d.path);
          }
          return bool(r);
        };
        (void)(one(f) && ...);
      },
      fields);
  return r;
}

template <class Sink, class Message, class... F>
[[nodiscard]] result<void> write_members(object_writer<Sink>& o, const Message& m, const std::tuple<F...>& fields) {
  result<void> r = ok();
  std::apply(
      [&](const auto&... f) OTAWIRE_JSON_VISITOR {
        const auto one = [&](const auto& d) OTAWIRE_JSON_VISITOR -> bool {
          using D = std::remove_cvref_t<decltype(d)>;
          if constexpr (is_object_decl<D>) {
            object_writer<Sink> nested(o.quoted_key(d.quoted.view()), o.nested());
            r = write_members(nested, m, d.fields);
            nested.close();
          } else {
            if (d.options.decode_only) return true;
            const auto& held = m.*d.member;
            if constexpr (D::optional_member) {
              if (!holds(held)) return true;
            }
            const auto& value = value_in(held);
            using T = typename D::value_type;
            if constexpr (!std::is_same_v<typename D::codec, plain_value>) {
              D::codec::write(o.quoted_key(d.quoted.view()), value);
            } else if constexpr (std::is_same_v<T, raw_json>) {
              r = write_raw(o.quoted_key(d.quoted.view()), value, o.nested());
            } else {
              auto& w = o.quoted_key(d.quoted.view());
              if constexpr (std::is_same_v<T, std::string_view>) {
                o.string_value(value);
              } else if constexpr (std::is_same_v<T, bool>) {
                w.raw(value ? std::string_view("true") : std::string_view("false"));
              } else {
                static_assert(is_integer<T> && sizeof(T) <= sizeof(std::int64_t) &&
                                  (std::is_signed_v<T> || sizeof(T) < sizeof(std::int64_t)),
                              "otawire::json: a field type the encoder does not write");
                w.integer(std::int64_t{value});
              }
            }
          }
          return bool(r);
        };
        (void)(one(f) && ...);
      },
      fields);
  return r;
}

}  // namespace detail

/// The generic walk: the document's root object declared by `root` (path `""`) into `m`; every
/// error exact (rule, JSON path, byte offset on the simdjson backend).
template <class Document, class Message, class... F>
[[nodiscard]] result<void> read_object(Document& doc, Message& m, const object_decl<Message, F...>& root) {
  return detail::read_members<true>(doc, m, root);
}

/// The fast path over the same declaration (simdjson backend): true when it decoded `m`; false
/// when it declined (the generic walk then decodes and reports).
template <class Message, class... F>
[[nodiscard]] OTAWIRE_JSON_INLINE bool fast_read_object(simd_document& doc, Message& m,
                                                        const object_decl<Message, F...>& root) noexcept {
  return detail::fast_members(doc, m, root);
}

/// Whether `m` passes every rule the decoders check on the fields of `root` (so that its encoding
/// decodes back to it): the first failing field's code and path, no offset.
template <class Message, class... F>
[[nodiscard]] result<void> check_object(const Message& m, const object_decl<Message, F...>& root) noexcept {
  return detail::check_members(m, root.fields);
}

/// The fields `decl` declares, written into the open object `o` (after any member the family
/// writes first, such as a type tag): declaration order, absent optionals and `decode_only` fields
/// left out. Fails only on a raw member whose text is not JSON (a hand-built message).
template <class Sink, class Message, class... F>
[[nodiscard]] result<void> write_fields(object_writer<Sink>& o, const Message& m, const object_decl<Message, F...>& decl) {
  return detail::write_members(o, m, decl.fields);
}

/// `m` as the object `root` declares, laid out as `l` (compact by default): see `write_fields`.
template <class Sink, class Message, class... F>
[[nodiscard]] result<void> write_object(writer<Sink>& w, const Message& m, const object_decl<Message, F...>& root,
                                        const layout& l = {}) {
  object_writer<Sink> o(w, l);
  auto r = write_fields(o, m, root);
  o.close();
  return r;
}

}  // namespace otawire::json

#endif
