// The tuned JSON-library set-ups the JSON families' stream benchmarks compare otawire with
// (issue 16 item 1): what a performance-minded user of each library writes, so that a ratio
// measures otawire against that library at its best, not against a careless use of it.
//
//   boost_tuned       one reused boost::json::parser whose values go into a monotonic_resource
//                     on a buffer that lives on the caller's stack (released, not freed, per
//                     message); fields are read as views of the value's strings.
//   rapidjson_insitu  RapidJSON in-situ parsing: values and the parse stack both come from
//                     memory pools on the caller's stack, the stack capacity set up front, so a
//                     message allocates nothing. In-situ parsing writes into its input, so every
//                     parse first copies the message into a reused mutable buffer; that copy is
//                     part of RapidJSON's measured cost, as it would be for a user whose input is
//                     a read-only MQTT payload.
//   padded_copy       a reused padded buffer, for simdjson on std::string input.
//   *_access          one struct per library (find, string, integer, …), so that a family's
//                     extraction is written once for Boost.JSON, RapidJSON and simdjson DOM.
//   od_*              the On-Demand floor's value readers; each family writes its floor's walk.
//   decimal_int64     the lenient number rule the families decode (`-?[0-9]+` in a string).
// simdjson DOM and the On-Demand floor need no set-up beyond a reused parser (in each family).
#ifndef OTAWIRE_BENCH_JSON_BASELINES_HPP
#define OTAWIRE_BENCH_JSON_BASELINES_HPP

#include <boost/json.hpp>
#include <rapidjson/document.h>
#include <simdjson.h>

#include <charconv>
#include <climits>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace otawire::bench {

/// `-?[0-9]+` as an int64 (what the families accept for a number sent as a string).
[[nodiscard]] inline std::optional<std::int64_t> decimal_int64(std::string_view s) noexcept {
  if (s.empty() || s[0] == '+') return std::nullopt;
  std::int64_t v = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc{} || end != s.data() + s.size()) return std::nullopt;
  return v;
}

[[nodiscard]] inline std::string_view view(boost::json::string_view s) noexcept { return {s.data(), s.size()}; }

/// A reused Boost.JSON parser; the value of the last message lives in `value_buffer_` until the
/// next parse.
/// Keep the object itself on the stack of the decoding loop (it is a few kilobytes).
class boost_tuned {
 public:
  boost_tuned() : parser_(boost::json::storage_ptr(), boost::json::parse_options(), parse_stack_, sizeof parse_stack_) {}
  boost_tuned(const boost_tuned&) = delete;
  boost_tuned& operator=(const boost_tuned&) = delete;

  /// The document, or null when `text` is not JSON.
  [[nodiscard]] const boost::json::value* parse(std::string_view text) noexcept {
    value_.reset();
    values_.release();  // back to the start of the stack buffer
    parser_.reset(&values_);
    boost::json::error_code ec;
    parser_.write(text.data(), text.size(), ec);
    if (ec) return nullptr;
    // Constructed, not assigned: assignment would copy into the default (heap) resource.
    return &value_.emplace(parser_.release());
  }

 private:
  alignas(std::max_align_t) unsigned char value_buffer_[16384];
  unsigned char parse_stack_[4096];
  boost::json::monotonic_resource values_{value_buffer_, sizeof value_buffer_};
  boost::json::parser parser_;
  std::optional<boost::json::value> value_;
};

/// RapidJSON in-situ on a mutable copy of each message, allocation-free (see the file comment).
class rapidjson_insitu {
 public:
  using pool = rapidjson::MemoryPoolAllocator<rapidjson::CrtAllocator>;
  using document = rapidjson::GenericDocument<rapidjson::UTF8<>, pool, pool>;
  using value = document::ValueType;

  rapidjson_insitu() { copy_.reserve(8192); }
  rapidjson_insitu(const rapidjson_insitu&) = delete;
  rapidjson_insitu& operator=(const rapidjson_insitu&) = delete;

  /// Calls `use(const value&)` with the parsed document and returns what it returns; returns
  /// `failed` when `text` is not JSON. Strings in the value point into the copy: valid in `use`.
  template <class F, class R>
  R parse(std::string_view text, R failed, F&& use) {
    copy_.assign(text);
    pool values(value_pool_, sizeof value_pool_);
    pool stack(stack_pool_, sizeof stack_pool_);
    document doc(&values, stack_capacity, &stack);
    doc.ParseInsitu(copy_.data());
    if (doc.HasParseError()) return failed;
    return use(static_cast<const value&>(doc));
  }

 private:
  // The parse stack holds the members of the open objects: 16 bytes a value, 32 a member.
  static constexpr std::size_t stack_capacity = 2048;
  std::string copy_;
  alignas(std::max_align_t) char value_pool_[16384];
  alignas(std::max_align_t) char stack_pool_[stack_capacity + 256];
};

/// A RapidJSON string value as a view (RapidJSON strings may hold NUL: use the length).
[[nodiscard]] inline std::string_view view(const rapidjson_insitu::value& v) noexcept {
  return {v.GetString(), v.GetStringLength()};
}

/// A member of a RapidJSON object, or null.
[[nodiscard]] inline const rapidjson_insitu::value* member(const rapidjson_insitu::value& o, const char* key) noexcept {
  const auto it = o.FindMember(key);
  return it == o.MemberEnd() ? nullptr : &it->value;
}

/// A reused buffer with simdjson's padding after the text: what simdjson needs of input that is a
/// plain std::string (otawire's `decode(parser, std::string_view)` copies the same way).
class padded_copy {
 public:
  [[nodiscard]] simdjson::padded_string_view operator()(std::string_view text) {
    if (buffer_.size() < text.size() + simdjson::SIMDJSON_PADDING) buffer_.resize(text.size() + simdjson::SIMDJSON_PADDING);
    std::memcpy(buffer_.data(), text.data(), text.size());
    return simdjson::padded_string_view(buffer_.data(), text.size(), buffer_.size());
  }

 private:
  std::vector<char> buffer_;
};

// --- field access, one struct per library ------------------------------------------------------
// Each family's baselines read fields through these (find a member, read a string view, read an
// integer sent as a JSON integer or, `lenient`, as a decimal string): the same generic
// extraction code then runs over every library, and only the library's own access differs.

struct boost_access {
  using value = boost::json::value;
  static const value* find(const value& o, const char* key) {
    const auto* obj = o.if_object();
    return obj ? obj->if_contains(key) : nullptr;
  }
  static bool is_object(const value& v) { return v.is_object(); }
  static bool is_null(const value& v) { return v.is_null(); }
  static bool boolean(const value& v, bool& out) {
    const auto* b = v.if_bool();
    if (b != nullptr) out = *b;
    return b != nullptr;
  }
  static bool string(const value& v, std::string_view& out) {
    const auto* s = v.if_string();
    if (s == nullptr) return false;
    out = view(*s);
    return true;
  }
  template <class F>
  static bool each(const value& v, F&& f) {
    const auto* a = v.if_array();
    if (a == nullptr) return false;
    for (const auto& e : *a) {
      if (!f(e)) return false;
    }
    return true;
  }
  static bool strict_integer(const value& v, std::int64_t& out) {
    if (const auto* i = v.if_int64()) {
      out = *i;
      return true;
    }
    if (const auto* u = v.if_uint64(); u && *u <= INT64_MAX) {
      out = static_cast<std::int64_t>(*u);
      return true;
    }
    return false;
  }
  static bool integer(const value& v, std::int64_t& out) {
    if (strict_integer(v, out)) return true;
    if (const auto* s = v.if_string()) {
      auto n = decimal_int64(view(*s));
      if (n) out = *n;
      return n.has_value();
    }
    return false;
  }
};

struct rapidjson_access {
  using value = rapidjson_insitu::value;
  static const value* find(const value& o, const char* key) { return o.IsObject() ? member(o, key) : nullptr; }
  static bool is_object(const value& v) { return v.IsObject(); }
  static bool is_null(const value& v) { return v.IsNull(); }
  static bool boolean(const value& v, bool& out) {
    if (v.IsBool()) out = v.GetBool();
    return v.IsBool();
  }
  static bool string(const value& v, std::string_view& out) {
    if (!v.IsString()) return false;
    out = view(v);
    return true;
  }
  template <class F>
  static bool each(const value& v, F&& f) {
    if (!v.IsArray()) return false;
    for (const auto& e : v.GetArray()) {
      if (!f(e)) return false;
    }
    return true;
  }
  static bool strict_integer(const value& v, std::int64_t& out) {
    if (!v.IsInt64()) return false;
    out = v.GetInt64();
    return true;
  }
  static bool integer(const value& v, std::int64_t& out) {
    if (strict_integer(v, out)) return true;
    if (v.IsString()) {
      auto n = decimal_int64(view(v));
      if (n) out = *n;
      return n.has_value();
    }
    return false;
  }
};

struct dom_access {
  using value = simdjson::dom::element;
  static std::optional<value> find(const value& o, const char* key) {
    simdjson::dom::object obj;
    if (o.get(obj) != simdjson::SUCCESS) return std::nullopt;
    value e;
    if (obj.at_key(key).get(e) != simdjson::SUCCESS) return std::nullopt;
    return e;
  }
  static bool is_object(const value& v) { return v.is_object(); }
  static bool is_null(const value& v) { return v.is_null(); }
  static bool boolean(const value& v, bool& out) { return v.get(out) == simdjson::SUCCESS; }
  static bool string(const value& v, std::string_view& out) { return v.get(out) == simdjson::SUCCESS; }
  template <class F>
  static bool each(const value& v, F&& f) {
    simdjson::dom::array a;
    if (v.get(a) != simdjson::SUCCESS) return false;
    for (const value e : a) {
      if (!f(e)) return false;
    }
    return true;
  }
  static bool strict_integer(const value& v, std::int64_t& out) { return v.get(out) == simdjson::SUCCESS; }
  static bool integer(const value& v, std::int64_t& out) {
    if (strict_integer(v, out)) return true;
    std::string_view s;
    if (v.get(s) != simdjson::SUCCESS) return false;
    auto n = decimal_int64(s);
    if (n) out = *n;
    return n.has_value();
  }
};

/// A required string member: false when missing or not a string.
template <class A, class V>
bool required_string(const V& o, const char* key, std::string_view& out) {
  auto h = A::find(o, key);
  return h && A::string(*h, out);
}
/// An optional string member: false only when present and not a string.
template <class A, class V>
bool optional_string(const V& o, const char* key, std::optional<std::string_view>& out) {
  auto h = A::find(o, key);
  if (!h) return true;
  std::string_view s;
  if (!A::string(*h, s)) return false;
  out = s;
  return true;
}

// --- the On-Demand floor's value readers (the floor's walk is hand-written per family) ----------

/// A string, read in place.
inline bool od_string(simdjson::ondemand::value& v, std::string_view& out) {
  return v.get_string().get(out) == simdjson::SUCCESS;
}
inline bool od_string(simdjson::ondemand::value& v, std::optional<std::string_view>& out) {
  std::string_view s;
  if (!od_string(v, s)) return false;
  out = s;
  return true;
}
/// A JSON integer.
inline bool od_strict_integer(simdjson::ondemand::value& v, std::int64_t& out) {
  return v.get_int64().get(out) == simdjson::SUCCESS;
}
/// A JSON integer or a decimal string.
inline bool od_integer(simdjson::ondemand::value& v, std::int64_t& out) {
  simdjson::ondemand::json_type t;
  if (v.type().get(t) != simdjson::SUCCESS) return false;
  if (t == simdjson::ondemand::json_type::number) return od_strict_integer(v, out);
  if (t != simdjson::ondemand::json_type::string) return false;
  std::string_view s;
  if (v.get_string().get(s) != simdjson::SUCCESS) return false;
  auto n = decimal_int64(s);
  if (n) out = *n;
  return n.has_value();
}
inline bool od_integer(simdjson::ondemand::value& v, std::optional<std::int64_t>& out) {
  std::int64_t n = 0;
  if (!od_integer(v, n)) return false;
  out = n;
  return true;
}
/// Validates a value the decoder does not keep (an unknown key's, a Map's members), as otawire
/// does: On-Demand would otherwise skip it with only stage 1's structural checks.
inline bool od_validate(simdjson::ondemand::value& v, int depth = 0) {
  namespace od = simdjson::ondemand;
  if (depth > 64) return false;
  od::json_type t;
  if (v.type().get(t) != simdjson::SUCCESS) return false;
  switch (t) {
    case od::json_type::object: {
      od::object o;
      if (v.get_object().get(o) != simdjson::SUCCESS) return false;
      for (auto member : o) {
        if (member.error() != simdjson::SUCCESS) return false;
        if (!od_validate(member.value_unsafe().value(), depth + 1)) return false;
      }
      return true;
    }
    case od::json_type::array: {
      od::array a;
      if (v.get_array().get(a) != simdjson::SUCCESS) return false;
      for (auto element : a) {
        if (element.error() != simdjson::SUCCESS) return false;
        if (!od_validate(element.value_unsafe(), depth + 1)) return false;
      }
      return true;
    }
    case od::json_type::number: {
      double ignored = 0;
      return v.get_double().get(ignored) == simdjson::SUCCESS;
    }
    case od::json_type::string: {
      std::string_view ignored;
      return v.get_string().get(ignored) == simdjson::SUCCESS;
    }
    case od::json_type::boolean: {
      bool ignored = false;
      return v.get_bool().get(ignored) == simdjson::SUCCESS;
    }
    case od::json_type::null: return v.is_null();
  }
  return false;
}

/// Whether the On-Demand document was consumed to its end (anything after the root is malformed).
inline bool od_at_end(simdjson::ondemand::document& doc) {
  const char* trailing = nullptr;
  return doc.current_location().get(trailing) != simdjson::SUCCESS;
}

}  // namespace otawire::bench

#endif
