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
// read follows from the member's type: a string for `std::string_view`, an integer token for
// `std::int64_t` (`json::lenient` also takes `"31"`), a nested object for an `object` entry.
// A `std::optional` member may be absent; any other is required, and a missing one is
// `missing_field` at its path once the object has been walked (declaration order decides which
// is reported first). Keys are matched raw, as the fast path must; unknown keys are validated and
// skipped; the last duplicate wins (json/common.hpp).
//
// The fast path (`fast_read_object`) reads the same table with the simdjson backend's
// no-error walk: one pass, keys compared raw, values checked and stored in place. It declines
// (returns false) wherever the generic walk could report something, which then decodes the
// message again and decides, so every error is the generic walk's.
#ifndef OTAWIRE_JSON_DECLARE_HPP
#define OTAWIRE_JSON_DECLARE_HPP

#include <otawire/json/common.hpp>
#include <otawire/json/fields.hpp>
#include <otawire/json/simd.hpp>
#include <otawire/json/writer.hpp>
#include <otawire/result.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
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

/// How an integer field is written on the wire.
enum class number_form : std::uint8_t {
  strict,   ///< an integer token only
  lenient,  ///< an integer token or a string of decimal digits (`31` or `"31"`)
};
/// Shorthand for a field's `number_form::lenient`.
inline constexpr number_form lenient = number_form::lenient;

namespace detail {

/// The longest key a declaration may hold, with its quotes and colon (`"key":`).
inline constexpr std::size_t max_quoted_key = 40;

/// `"key":` as the encoder writes it, made at compile time.
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

template <class T>
inline constexpr bool is_optional = false;
template <class T>
inline constexpr bool is_optional<std::optional<T>> = true;

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

/// One field of message `Message`: declared with `json::field(...)`.
template <class Message, class Member, class Pred>
struct field_decl {
  std::string_view key;         ///< The key, compared raw with the keys sent.
  text_id path;                 ///< The JSON path, the error's `where()`.
  Member Message::* member;     ///< Where the value is stored.
  json::check<Pred> rule;       ///< What the value must pass.
  number_form form;             ///< Integers: the forms accepted.
  detail::quoted_key quoted;    ///< `"key":`, for the encoder.

  using message_type = Message;
  using value_type = detail::value_of<Member>;
  static constexpr bool required = !detail::is_optional<Member>;
};

/// A nested object (or, with an empty path, the document's root): its JSON path and its fields,
/// all stored in the same message.
template <class Message, class... Fields>
struct object_decl {
  std::string_view key;
  text_id path;
  std::tuple<Fields...> fields;
  detail::quoted_key quoted;

  using message_type = Message;
  static constexpr bool required = true;
};

/// A field at JSON `path` stored in `member`, passing `rule`.
template <class Message, class Member, class Pred = any_value>
[[nodiscard]] consteval auto field(const char* path, Member Message::* member, check<Pred> rule = check<Pred>(errc::invalid_value, Pred{}),
                                   number_form form = number_form::strict) {
  const std::string_view key = detail::last_key(path);
  return field_decl<Message, Member, Pred>{key, text_id(path), member, rule, form, detail::quoted_key(key)};
}

/// The object at JSON `path` (`""`: the root), holding `fields`.
template <class Message, class... Fields>
[[nodiscard]] consteval auto object(const char* path, Fields... fields) {
  const std::string_view key = detail::last_key(path);
  return object_decl<Message, Fields...>{key, text_id(path), std::tuple<Fields...>(fields...), detail::quoted_key(key)};
}

namespace detail {

template <class T>
inline constexpr bool is_object_decl = false;
template <class M, class... F>
inline constexpr bool is_object_decl<object_decl<M, F...>> = true;

/// One bit per field of an object, set when the field was read.
template <class... F>
[[nodiscard]] consteval unsigned required_mask(const std::tuple<F...>*) {
  unsigned mask = 0;
  unsigned bit = 1;
  ((mask |= F::required ? bit : 0U, bit <<= 1), ...);
  return mask;
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
  constexpr unsigned wanted = required_mask(static_cast<const std::tuple<F...>*>(nullptr));
  if ((seen & wanted) == wanted) return ok();
  // The first required field not sent, in declaration order.
  result<void> missing = ok();
  [&]<std::size_t... I>(std::index_sequence<I...>) {
    (void)(((wanted & ~seen & (1U << I)) != 0 &&
            (missing = missing_at<Root>(v, std::get<I>(o.fields).path), true)) ||
           ...);
  }(std::index_sequence_for<F...>{});
  return missing;
}

template <class Value, class Message, class Decl>
OTAWIRE_JSON_INLINE result<bool> read_field(Value& v, Message& m, const Decl& d) {
  if constexpr (is_object_decl<Decl>) {
    reset(m, d.fields);
    if (auto r = read_members<false>(v, m, d); !r) return r.error();
    return true;
  } else {
    using T = typename Decl::value_type;
    if constexpr (std::is_same_v<T, std::string_view>) {
      auto s = v.string(d.path);
      if (!s) return s.error();
      if (!d.rule.pass(*s)) return fail(d.rule.code, d.path, v.offset());
      m.*d.member = *s;
    } else {
      static_assert(std::is_same_v<T, std::int64_t>, "otawire::json: a field type the walk does not read");
      auto n = d.form == number_form::lenient ? v.int64_lenient(d.path) : v.int64(d.path);
      if (!n) return n.error();
      if (!d.rule.pass(*n)) return fail(d.rule.code, d.path, v.offset());
      m.*d.member = *n;
    }
    return true;
  }
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
      (void)((key.unsafe_is_equal(std::get<I>(o.fields).key)
                  ? (matched = fast_field(f, m, std::get<I>(o.fields)) ? (seen |= 1U << I, 1) : 0, true)
                  : false) ||
             ...);
    }(std::index_sequence_for<F...>{});
    return matched < 0 ? plain_key(key) : matched == 1;
  });
  constexpr unsigned wanted = required_mask(static_cast<const std::tuple<F...>*>(nullptr));
  return walked && (seen & wanted) == wanted;
}

template <class Message, class Decl>
OTAWIRE_JSON_INLINE bool fast_field(simd_value& v, Message& m, const Decl& d) noexcept {
  if constexpr (is_object_decl<Decl>) {
    reset(m, d.fields);
    return fast_members(v, m, d);
  } else {
    using T = typename Decl::value_type;
    if constexpr (std::is_same_v<T, std::string_view>) {
      auto s = v.string("");
      if (!s || !d.rule.pass(*s)) return false;
      m.*d.member = *s;
    } else {
      auto n = d.form == number_form::lenient ? v.int64_lenient("") : v.int64("");
      if (!n || !d.rule.pass(*n)) return false;
      m.*d.member = *n;
    }
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
      [&](const auto&... f) {
        const auto one = [&](const auto& d) -> bool {
          using D = std::remove_cvref_t<decltype(d)>;
          if constexpr (is_object_decl<D>) {
            r = check_members(m, d.fields);
          } else {
            const auto& held = m.*d.member;
            if constexpr (!D::required) {
              if (!held) return true;
            }
            const auto& value = [&]() -> const auto& {
              if constexpr (D::required) return held; else return *held;
            }();
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
void write_members(writer<Sink>& w, const Message& m, const std::tuple<F...>& fields) {
  char separator = '{';
  std::apply(
      [&](const auto&... f) {
        const auto one = [&](const auto& d) {
          using D = std::remove_cvref_t<decltype(d)>;
          if constexpr (is_object_decl<D>) {
            w.raw(separator);
            w.raw(d.quoted.view());
            write_members(w, m, d.fields);
          } else {
            const auto& held = m.*d.member;
            if constexpr (!D::required) {
              if (!held) return;
            }
            w.raw(separator);
            w.raw(d.quoted.view());
            const auto& value = [&]() -> const auto& {
              if constexpr (D::required) return held; else return *held;
            }();
            if constexpr (std::is_same_v<typename D::value_type, std::string_view>) {
              w.string(value);
            } else {
              w.integer(value);
            }
          }
          separator = ',';
        };
        (one(f), ...);
      },
      fields);
  w.raw('}');
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

/// `m` as the object `root` declares: keys in declaration order, compact, absent optionals left out.
template <class Sink, class Message, class... F>
void write_object(writer<Sink>& w, const Message& m, const object_decl<Message, F...>& root) {
  detail::write_members(w, m, root.fields);
}

}  // namespace otawire::json

#endif
