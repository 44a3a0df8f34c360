// otawire JSON layer: the Boost.JSON DOM backend (the second decoder) and compact encoding.
//
// Decoders built on it take a `boost::json::value` (as `boost::json::value_to` does); strings and
// raw values are views into that value. The DOM carries no byte positions, so its errors have a
// JSON path but no offset.
#ifndef OTAWIRE_JSON_DOM_HPP
#define OTAWIRE_JSON_DOM_HPP

#include <otawire/error_code.hpp>
#include <otawire/json/common.hpp>
#include <otawire/json/writer.hpp>

#include <boost/json.hpp>

#include <cmath>
#include <span>
#include <string>
#include <string_view>
#include <utility>

namespace otawire::json {

template <>
inline constexpr bool owns_json<boost::json::value> = true;
template <>
inline constexpr bool owns_json<boost::json::object> = true;
template <>
inline constexpr bool owns_json<boost::json::array> = true;
template <>
inline constexpr bool owns_json<boost::json::string> = true;

/// One value of a Boost.JSON document, with the same members as `simd_value`.
class dom_value {
 public:
  /// Wraps `v`, read at nesting `depth`.
  explicit dom_value(const boost::json::value& v, std::size_t depth = 0) noexcept : value_(&v), depth_(depth) {}

  /// Always `error::no_offset`: a DOM has no byte positions.
  [[nodiscard]] std::size_t offset() const noexcept { return error::no_offset; }
  /// Always true: a DOM value needs no skipping.
  [[nodiscard]] bool consumed() const noexcept { return true; }
  /// The Boost.JSON node.
  [[nodiscard]] const boost::json::value& get() const noexcept { return *value_; }

  /// The first byte the value's JSON text has (as simd_value::first_byte), so that a decoder
  /// written once over both backends can test it.
  [[nodiscard]] char first_byte() const noexcept {
    switch (value_->kind()) {
      case boost::json::kind::object: return '{';
      case boost::json::kind::array: return '[';
      case boost::json::kind::string: return '"';
      case boost::json::kind::bool_: return value_->get_bool() ? 't' : 'f';
      case boost::json::kind::null: return 'n';
      case boost::json::kind::int64: return value_->get_int64() < 0 ? '-' : '0';
      case boost::json::kind::uint64: return '0';
      case boost::json::kind::double_: return std::signbit(value_->get_double()) ? '-' : '0';
    }
    return 'n';
  }

  /// The value's kind.
  result<kind> type(text_id) const noexcept {
    switch (value_->kind()) {
      case boost::json::kind::object: return kind::object;
      case boost::json::kind::array: return kind::array;
      case boost::json::kind::string: return kind::string;
      case boost::json::kind::int64:
      case boost::json::kind::uint64:
      case boost::json::kind::double_: return kind::number;
      case boost::json::kind::bool_: return kind::boolean;
      case boost::json::kind::null: return kind::null;
    }
    return kind::null;
  }

  /// The string's text, a view into the node; `wrong_type` for any other kind.
  result<std::string_view> string(text_id path) const noexcept {
    if (!value_->is_string()) return fail(errc::wrong_type, path);
    const auto& s = value_->get_string();
    return std::string_view(s.data(), s.size());
  }

  /// An integer in int64 range; `wrong_type` for a fraction or another kind, `out_of_range` beyond it.
  result<std::int64_t> int64(text_id path) const noexcept {
    switch (value_->kind()) {
      case boost::json::kind::int64: return value_->get_int64();
      case boost::json::kind::uint64: return fail(errc::out_of_range, path);
      case boost::json::kind::double_: return fail(detail::non_integer_code(value_->get_double()), path);
      default: return fail(errc::wrong_type, path);
    }
  }

  /// A non-negative integer; `out_of_range` for a negative or too large one.
  result<std::uint64_t> uint64(text_id path) const noexcept {
    switch (value_->kind()) {
      case boost::json::kind::int64:
        if (value_->get_int64() < 0) return fail(errc::out_of_range, path);
        return static_cast<std::uint64_t>(value_->get_int64());
      case boost::json::kind::uint64: return value_->get_uint64();
      case boost::json::kind::double_: return fail(detail::non_integer_code(value_->get_double()), path);
      default: return fail(errc::wrong_type, path);
    }
  }

  /// A number written `31` or `"31"` (see common.hpp).
  result<std::int64_t> int64_lenient(text_id path) const noexcept {
    if (!value_->is_string()) return int64(path);
    const auto& s = value_->get_string();
    return detail::parse_decimal_int64(std::string_view(s.data(), s.size()), path, error::no_offset);
  }

  /// Any finite number, as a double (`out_of_range` for Boost.JSON's infinities).
  result<double> number(text_id path) const noexcept {
    double d = 0;
    switch (value_->kind()) {
      case boost::json::kind::int64: d = static_cast<double>(value_->get_int64()); break;
      case boost::json::kind::uint64: d = static_cast<double>(value_->get_uint64()); break;
      case boost::json::kind::double_: d = value_->get_double(); break;
      default: return fail(errc::wrong_type, path);
    }
    // Boost.JSON turns an overflowing literal (1e400) into infinity; simdjson refuses it.
    if (!std::isfinite(d)) return fail(errc::out_of_range, path);
    return d;
  }

  /// `true` or `false`; `wrong_type` for any other kind.
  result<bool> boolean(text_id path) const noexcept {
    if (!value_->is_bool()) return fail(errc::wrong_type, path);
    return value_->get_bool();
  }

  /// True when the value is `null`.
  result<bool> null(text_id) const noexcept { return value_->is_null(); }

  template <class F>
  /// Walks an object: `f(key_view key, dom_value& v) -> result<bool>`; the first error is returned
  /// after the whole object was walked (as simd_value::object_for_each).
  result<void> object_for_each(text_id path, F&& f) const noexcept {
    if (!value_->is_object()) return fail(errc::wrong_type, path);
    result<void> first = ok();
    for (const auto& kv : value_->get_object()) {
      dom_value child(kv.value(), depth_ + 1);
      const auto key = kv.key();
      result<bool> handled = f(key_view{std::string_view(key.data(), key.size())}, child);
      if (!handled && first) first = handled.error();
    }
    return first;
  }

  template <class F>
  /// Walks an array: `f(dom_value& element) -> result<void>` for each element; the first error is
  /// returned after the whole array was walked, with the element's number as its `index()`.
  result<void> array_for_each(text_id path, F&& f) const noexcept {
    if (!value_->is_array()) return fail(errc::wrong_type, path);
    result<void> first = ok();
    std::size_t index = 0;  // errors inside an element name it (`services[2]`)
    for (const auto& element : value_->get_array()) {
      dom_value child(element, depth_ + 1);
      result<void> r = f(child);
      if (!r && first) first = r.error().in_element(index);
      ++index;
    }
    return first;
  }

  /// The value as sent: a pointer to the node (no copy).
  result<raw_json> raw(text_id) const noexcept { return raw_json{{}, value_}; }
  /// Nothing to do: a DOM is already validated.
  result<void> skip(text_id) const noexcept { return ok(); }

  /// The DOM counterpart of simd_value::reparse: the raw value already is a node.
  template <class F>
  static auto reparse(const void*, const raw_json& raw, F&& f) noexcept -> decltype(f(std::declval<dom_value&>())) {
    if (raw.dom == nullptr) return fail(errc::invalid_value, "");
    dom_value v(*raw.dom, 0);
    return f(v);
  }
  /// No shared state on the DOM path (null).
  [[nodiscard]] const void* context() const noexcept { return nullptr; }

 private:
  const boost::json::value* value_;
  std::size_t depth_;
};

/// The document root, with the same members as `simd_document`.
class dom_document {
 public:
  /// Wraps the root of a parsed document; views point into it.
  explicit dom_document(const boost::json::value& root) noexcept : root_(root) {}

  /// The index in `names` of the top-level string `key`; `missing_field`, `wrong_type` or
  /// `unknown_message` (not among `names`) otherwise.
  result<std::size_t> select(key_name key, std::span<const std::string_view> names) const noexcept {
    if (!root_.is_object()) return fail(errc::wrong_type, "");
    const auto* v = root_.get_object().if_contains(boost::json::string_view(key.text.data(), key.text.size()));
    if (v == nullptr) return fail(errc::missing_field, key.id);
    if (!v->is_string()) return fail(errc::wrong_type, key.id);
    const std::string_view s(v->get_string().data(), v->get_string().size());
    for (std::size_t i = 0; i < names.size(); ++i) {
      if (names[i] == s) return i;
    }
    return fail(errc::unknown_message, key.id);
  }

  template <class F>
  /// Walks the root object (see dom_value::object_for_each).
  result<void> object_for_each(F&& f) const noexcept {
    if (!root_.is_object()) return fail(errc::wrong_type, "");
    return dom_value(root_, 0).object_for_each("", std::forward<F>(f));
  }

  /// No shared state on the DOM path (null).
  [[nodiscard]] const void* context() const noexcept { return nullptr; }

 private:
  const boost::json::value& root_;
};

/// The Boost.JSON value a DOM decoder reads, as every family's `decode_dom` and
/// `decode_payload_dom` take it: the caller's value, which the decoded views point into. A
/// temporary value does not convert (json::dangling_json), nor does a `boost::json::object`,
/// `array` or `string` (converting one to a value would make a temporary).
class dom_input {
 public:
  /// The caller's value.
  dom_input(const boost::json::value& v OTAWIRE_LIFETIMEBOUND) noexcept : value_(&v) {}
  /// Not from a temporary: the views would point into it.
  dom_input(const boost::json::value&&) = delete;
  /// The value.
  [[nodiscard]] const boost::json::value& value() const noexcept { return *value_; }

 private:
  const boost::json::value* value_;
};

namespace detail {
/// The options both backends share: the layer's depth limit, strict RFC 8259 (Boost.JSON's
/// default depth limit is 32, the layer's 64).
[[nodiscard]] inline boost::json::parse_options parse_options() noexcept {
  boost::json::parse_options options;
  options.max_depth = max_depth;
  return options;
}
}  // namespace detail

/// Parses text with the options both backends share (depth limit, strict RFC 8259). The error's
/// offset is where Boost.JSON stopped (json/scan.hpp reports the same byte for the fast path).
[[nodiscard]] inline result<boost::json::value> parse_dom(std::string_view text) noexcept {
  try {
    boost::json::stream_parser p({}, detail::parse_options());
    boost::json::error_code ec;
    const std::size_t used = p.write(text.data(), text.size(), ec);
    if (!ec) p.finish(ec);
    if (ec) return fail(errc::malformed_json, "", used);
    return p.release();
  } catch (...) {  // allocation failure: the DOM path allocates by nature
    return fail(errc::buffer_too_small, "", 0);
  }
}

/// `parse_dom(text)` into the caller's `storage` (which decoded views then point into). Moving
/// the value copies it, and may allocate, when `storage` uses another memory resource: running
/// out is `buffer_too_small`, as in `parse_dom`.
[[nodiscard]] inline result<void> parse_dom(std::string_view text, boost::json::value& storage) noexcept {
  auto parsed = parse_dom(text);
  if (!parsed) return parsed.error();
  try {
    storage = std::move(*parsed);
  } catch (...) {
    return fail(errc::buffer_too_small, "", 0);
  }
  return ok();
}

namespace detail {
/// Writes `v` laid out as `l` (compact by default). Like boost::json::serialize, except for the
/// doubles JSON cannot spell: a raw value may hold `1e99999` (accepted by both decoders, an
/// infinity to Boost.JSON), which Boost.JSON would print as `Infinity`, invalid JSON. They are
/// written as literals that Boost.JSON reads back to the same double: 1e99999, -1e99999, and
/// 0e99999 for NaN.
template <class Sink>
void write_value(writer<Sink>& w, const boost::json::value& v, const layout& l = {}) {
  switch (v.kind()) {
    case boost::json::kind::object: {
      object_writer<Sink> o(w, l);
      for (const auto& kv : v.get_object()) {
        write_value(o.escaped_key(std::string_view(kv.key().data(), kv.key().size())), kv.value(), o.nested());
      }
      o.close();
      return;
    }
    case boost::json::kind::array: {
      array_writer<Sink> a(w, l);
      for (const auto& e : v.get_array()) write_value(a.next(), e, a.nested());
      a.close();
      return;
    }
    case boost::json::kind::string: {
      const std::string_view s(v.get_string().data(), v.get_string().size());
      if (l.ascii_only) w.ascii_string(s);
      else w.string(s);
      return;
    }
    case boost::json::kind::int64: w.integer(v.get_int64()); return;
    case boost::json::kind::uint64: w.unsigned_integer(v.get_uint64()); return;
    case boost::json::kind::bool_: w.raw(v.get_bool() ? "true" : "false"); return;
    case boost::json::kind::null: w.raw("null"); return;
    case boost::json::kind::double_: {
      const double d = v.get_double();
      if (std::isnan(d)) {
        w.raw("0e99999");
      } else if (std::isinf(d)) {
        w.raw(d > 0 ? "1e99999" : "-1e99999");
      } else {
        w.raw(boost::json::serialize(v));  // Boost.JSON's shortest form that reads back the same
      }
      return;
    }
  }
}
inline void append_compact(std::string& out, const boost::json::value& v) {
  string_sink sink(out);
  writer<string_sink> w(sink);
  write_value(w, v);
}

/// Equality of JSON values, with NaN equal to NaN (see append_compact: a NaN written out comes
/// back as NaN, and must compare equal for round trips to hold).
inline bool same_value(const boost::json::value& a, const boost::json::value& b) {
  if (a.is_double() && b.is_double()) {
    const double x = a.get_double(), y = b.get_double();
    return x == y || (std::isnan(x) && std::isnan(y));
  }
  if (a.is_object() && b.is_object()) {
    const auto& oa = a.get_object();
    const auto& ob = b.get_object();
    if (oa.size() != ob.size()) return false;
    for (const auto& kv : oa) {
      const auto* other = ob.if_contains(kv.key());
      if (other == nullptr || !same_value(kv.value(), *other)) return false;
    }
    return true;
  }
  if (a.is_array() && b.is_array()) {
    const auto& ea = a.get_array();
    const auto& eb = b.get_array();
    if (ea.size() != eb.size()) return false;
    for (std::size_t i = 0; i < ea.size(); ++i) {
      if (!same_value(ea[i], eb[i])) return false;
    }
    return true;
  }
  return a == b;
}

/// The JSON value of a raw field's text, parsed with the layer's options: any text a decoder
/// accepted parses back (nesting up to max_depth included). Text that is not JSON (a raw_json
/// built by hand) throws boost::system::system_error: an error never becomes a value.
[[nodiscard]] inline boost::json::value parse_raw(std::string_view text, boost::json::error_code& ec) {
  return boost::json::parse(boost::json::string_view(text.data(), text.size()), ec, {}, parse_options());
}
/// The same, throwing boost::system::system_error for text that is not JSON.
[[nodiscard]] inline boost::json::value parse_raw(std::string_view text) {
  boost::json::error_code ec;
  auto v = parse_raw(text, ec);
  if (ec) throw boost::system::system_error(ec);
  return v;
}
}  // namespace detail

/// Whether two raw values hold the same JSON (either backend's form). A raw text that is not
/// JSON equals nothing.
[[nodiscard]] inline bool equivalent(const raw_json& a, const raw_json& b) {
  if (a.dom != nullptr && b.dom != nullptr) return detail::same_value(*a.dom, *b.dom);
  try {
    const auto as_value = [](const raw_json& r) -> boost::json::value {
      if (r.dom != nullptr) return *r.dom;
      if (r.text.empty()) return nullptr;
      return detail::parse_raw(r.text);
    };
    return detail::same_value(as_value(a), as_value(b));
  } catch (const boost::system::system_error&) {
    return false;
  }
}

namespace detail {
/// Writes a raw field laid out as `l` (compact by default: as Boost.JSON would serialise
/// `to_value(r)`, numbers as Boost.JSON prints them), for the hand-written encoders: a DOM node
/// is written as it is, sender's text is parsed first (the only allocation). Text that is not
/// JSON is `malformed_json` at `raw_json`; running out of memory throws, for the encode forms to
/// catch.
template <class Sink>
[[nodiscard]] result<void> write_raw(writer<Sink>& w, const raw_json& r, const layout& l = {}) {
  if (r.dom != nullptr) {
    write_value(w, *r.dom, l);
    return ok();
  }
  if (r.text.empty()) {
    w.raw("null");
    return ok();
  }
  boost::json::error_code ec;
  const auto v = parse_raw(r.text, ec);
  if (ec) return fail(errc::malformed_json, "raw_json");
  write_value(w, v, l);
  return ok();
}
/// The member `name` holding raw field `r`, laid out as `o`'s members are; nothing when `r` is
/// absent (the key was not sent).
template <class Sink>
[[nodiscard]] result<void> write_raw_member(object_writer<Sink>& o, std::string_view name, const raw_json& r) {
  if (r.empty()) return ok();
  return write_raw(o.key(name), r, o.nested());
}
}  // namespace detail

/// Compact serialisation (no spaces), as the reference SDKs send; always valid JSON.
[[nodiscard]] inline std::string to_string(const boost::json::value& v) {
  std::string out;
  detail::append_compact(out, v);
  return out;
}

/// The JSON value of a raw field, for encoders (parsed back when it came from the simdjson path;
/// an empty raw value is null). Throws boost::system::system_error when the text is not JSON.
[[nodiscard]] inline boost::json::value to_value(const raw_json& r) {
  if (r.dom != nullptr) return *r.dom;
  if (r.text.empty()) return nullptr;
  return detail::parse_raw(r.text);
}

/// `boost::json::value_from(m)` of every JSON family: the document its one encoder writes
/// (`write`, the message unchecked), parsed into `jv`'s storage, so that a value and `encode`'s
/// bytes cannot disagree. A write that fails (a hand-built raw field that is not JSON) or memory
/// running out throws `boost::system::system_error`, as Boost.JSON's own conversions do.
template <class Write>
void assign_written(boost::json::value& jv, Write&& write) {
  const auto text = write_string(std::forward<Write>(write));
  if (!text) throw boost::system::system_error(boost::system::error_code(make_error_code(text.error().code())));
  boost::json::error_code ec;
  auto v = boost::json::parse(boost::json::string_view(text->data(), text->size()), ec, jv.storage(),
                              detail::parse_options());
  if (ec) throw boost::system::system_error(ec);
  jv = std::move(v);
}

}  // namespace otawire::json

#endif
