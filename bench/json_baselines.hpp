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
//   decimal_int64     the lenient number rule the families decode (`-?[0-9]+` in a string).
// simdjson DOM and the On-Demand floor need no set-up beyond a reused parser (in each family).
#ifndef OTAWIRE_BENCH_JSON_BASELINES_HPP
#define OTAWIRE_BENCH_JSON_BASELINES_HPP

#include <boost/json.hpp>
#include <rapidjson/document.h>

#include <charconv>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

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

/// A reused Boost.JSON parser; the value of the last message lives in `buffer_` until the next.
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

}  // namespace otawire::bench

#endif
