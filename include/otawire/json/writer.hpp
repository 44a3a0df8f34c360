// otawire JSON layer: the one output path of the five JSON families' encoders.
//
// Every family writes a message through `writer<Sink>`, so one writer gives the three forms of
// `encode` the contract names (docs/contract.md): `encoded_size(m)` runs it over a `size_sink`
// (nothing written, nothing allocated), `encode(m, buffer)` over a `span_sink` (the caller's
// memory), `encode(m)` sizes first and then writes into a string reserved to exactly that size.
// Strings are escaped as Boost.JSON's `serialize` escapes them, so a family that builds a
// `boost::json::value` and one that writes by hand produce the same bytes for the same text.
#ifndef OTAWIRE_JSON_WRITER_HPP
#define OTAWIRE_JSON_WRITER_HPP

#include <otawire/error.hpp>
#include <otawire/result.hpp>

#include <array>
#include <charconv>
#include <cstddef>
#include <cstdint>
#include <new>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>

namespace otawire::json {

/// Counts the bytes a writer would produce.
class size_sink {
 public:
  /// Counts `s`.
  void append(std::string_view s) noexcept { size_ += s.size(); }
  /// Counts one byte.
  void push_back(char) noexcept { ++size_; }
  /// The bytes counted so far.
  [[nodiscard]] std::size_t size() const noexcept { return size_; }

 private:
  std::size_t size_ = 0;
};

/// Writes into a caller's buffer; past its end it only counts (`overflowed()`), so the caller
/// learns the size the output needs.
class span_sink {
 public:
  /// Writes into `out` from its start.
  explicit span_sink(std::span<char> out) noexcept : out_(out) {}
  /// Appends `s`, or counts it once the buffer is full.
  void append(std::string_view s) noexcept {
    if (size_ <= out_.size() && s.size() <= out_.size() - size_) s.copy(out_.data() + size_, s.size());
    size_ += s.size();
  }
  /// Appends one byte, or counts it once the buffer is full.
  void push_back(char c) noexcept {
    if (size_ < out_.size()) out_[size_] = c;
    ++size_;
  }
  /// The bytes the output takes (written when `!overflowed()`).
  [[nodiscard]] std::size_t size() const noexcept { return size_; }
  /// Whether the output did not fit.
  [[nodiscard]] bool overflowed() const noexcept { return size_ > out_.size(); }

 private:
  std::span<char> out_;
  std::size_t size_ = 0;
};

/// Appends to a string.
class string_sink {
 public:
  /// Appends to `out`.
  explicit string_sink(std::string& out) noexcept : out_(out) {}
  /// Appends `s`.
  void append(std::string_view s) { out_.append(s); }
  /// Appends one byte.
  void push_back(char c) { out_.push_back(c); }
  /// The string's size.
  [[nodiscard]] std::size_t size() const noexcept { return out_.size(); }

 private:
  std::string& out_;
};

/// JSON text into a sink: literal text, escaped strings, integers. The families' encoders are
/// functions `write(writer<Sink>&, const Message&, profile)` templated on the sink.
template <class Sink>
class writer {
 public:
  /// Writes into `sink`.
  explicit writer(Sink& sink) noexcept : sink_(sink) {}

  /// Text copied as it is (keys, punctuation: the template around the values).
  void raw(std::string_view s) { sink_.append(s); }
  /// One byte copied as it is.
  void raw(char c) { sink_.push_back(c); }

  /// A JSON string literal, escaped like `boost::json::serialize` (see `escaped`).
  void string(std::string_view s) {
    sink_.push_back('"');
    escaped(s);
    sink_.push_back('"');
  }

  /// The inside of a JSON string literal, escaped like `boost::json::serialize`: `\"`, `\\`, the
  /// short escapes of `\b \t \n \f \r`, `\u00XX` (lower-case hex) for the other control bytes,
  /// everything else as it is.
  void escaped(std::string_view s) {
    std::size_t run = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
      const auto c = static_cast<unsigned char>(s[i]);
      if (c >= 0x20 && c != '"' && c != '\\') continue;
      sink_.append(s.substr(run, i - run));
      run = i + 1;
      switch (c) {
        case '"': sink_.append("\\\""); break;
        case '\\': sink_.append("\\\\"); break;
        case '\b': sink_.append("\\b"); break;
        case '\t': sink_.append("\\t"); break;
        case '\n': sink_.append("\\n"); break;
        case '\f': sink_.append("\\f"); break;
        case '\r': sink_.append("\\r"); break;
        default: {
          constexpr std::string_view hex = "0123456789abcdef";
          sink_.append("\\u00");
          sink_.push_back(hex[c >> 4]);
          sink_.push_back(hex[c & 0xF]);
        }
      }
    }
    sink_.append(s.substr(run));
  }

  /// A JSON integer.
  void integer(std::int64_t v) {
    std::array<char, 24> buf{};
    const auto r = std::to_chars(buf.data(), buf.data() + buf.size(), v);
    sink_.append(std::string_view(buf.data(), static_cast<std::size_t>(r.ptr - buf.data())));
  }
  /// A JSON integer above the range of `std::int64_t`.
  void unsigned_integer(std::uint64_t v) {
    std::array<char, 24> buf{};
    const auto r = std::to_chars(buf.data(), buf.data() + buf.size(), v);
    sink_.append(std::string_view(buf.data(), static_cast<std::size_t>(r.ptr - buf.data())));
  }
  /// An integer written as a JSON string (`"percent":"31"`), as SDKs that print with `%d` do.
  void quoted_integer(std::int64_t v) {
    sink_.push_back('"');
    integer(v);
    sink_.push_back('"');
  }

  /// `prefix` (`,"key":`) and the value, when there is one.
  void optional(std::string_view prefix, const std::optional<std::string_view>& v) {
    if (!v) return;
    raw(prefix);
    string(*v);
  }
  /// `prefix` (`,"key":`) and the value, when there is one.
  void optional(std::string_view prefix, const std::optional<std::int64_t>& v) {
    if (!v) return;
    raw(prefix);
    integer(*v);
  }

  /// The sink written to.
  [[nodiscard]] Sink& sink() noexcept { return sink_; }

 private:
  Sink& sink_;
};

/// One JSON object written member by member, for messages whose members may each be absent: the
/// braces, a comma before every member but the first, and each key — a plain ASCII name, written
/// as it is. `second_separator` is what goes before the second member (Alibaba's Link SDK writes
/// `", "` there); the others are `,`.
template <class Sink>
class object_writer {
 public:
  /// Writes through `w`; `second_separator` goes before the second member.
  explicit object_writer(writer<Sink>& w, std::string_view second_separator = ",") noexcept
      : w_(w), second_separator_(second_separator) {}

  /// Opens the member `name` and returns the writer for its value.
  writer<Sink>& key(std::string_view name) {
    if (members_ == 0) {
      w_.raw('{');
    } else {
      w_.raw(members_ == 1 ? second_separator_ : std::string_view(","));
    }
    ++members_;
    w_.raw('"');
    w_.raw(name);
    w_.raw("\":");
    return w_;
  }
  /// The member `name` with a string value (escaped).
  void string(std::string_view name, std::string_view v) { key(name).string(v); }
  /// A literal (neither string_view nor optional is a better match for it than the other).
  void string(std::string_view name, const char* v) { string(name, std::string_view(v)); }
  /// Nothing when `v` is absent.
  void string(std::string_view name, const std::optional<std::string_view>& v) {
    if (v) string(name, *v);
  }
  /// The member `name` with an integer value.
  void integer(std::string_view name, std::int64_t v) { key(name).integer(v); }
  /// Nothing when `v` is absent.
  void integer(std::string_view name, const std::optional<std::int64_t>& v) {
    if (v) integer(name, *v);
  }
  /// The member `name` with `true` or `false`.
  void boolean(std::string_view name, bool v) { key(name).raw(v ? "true" : "false"); }
  /// Ends the object (`{}` when no member was written).
  void close() { w_.raw(members_ == 0 ? "{}" : "}"); }

 private:
  writer<Sink>& w_;
  std::string_view second_separator_;
  std::size_t members_ = 0;
};

// None of the three forms throws: a `write` that does (memory, in the families that format a
// Boost.JSON double) gives `buffer_too_small` at `memory`.

/// `encoded_size(m)` of every JSON family: the bytes `write(w)` produces, or its error.
/// `write` takes a `writer<S>&` for any sink `S` and returns `result<void>`.
template <class Write>
[[nodiscard]] result<std::size_t> size_of(Write&& write) noexcept {
  try {
    size_sink sink;
    writer<size_sink> w(sink);
    if (auto r = std::forward<Write>(write)(w); !r) return r.error();
    return sink.size();
  } catch (...) {
    return fail(errc::buffer_too_small, "memory", error::no_offset);
  }
}

/// `encode(m, out)` of every JSON family: writes into `out` and returns the size, or
/// `buffer_too_small` at `output` (offset: the size needed) when `out` is too short — the bytes
/// that fitted are written, the output is not valid.
template <class Write>
[[nodiscard]] result<std::size_t> write_into(std::span<char> out, Write&& write) noexcept {
  try {
    span_sink sink(out);
    writer<span_sink> w(sink);
    if (auto r = std::forward<Write>(write)(w); !r) return r.error();
    if (sink.overflowed()) return fail(errc::buffer_too_small, "output", sink.size());
    return sink.size();
  } catch (...) {
    return fail(errc::buffer_too_small, "memory", error::no_offset);
  }
}

/// `encode(m)` of every JSON family: sizes the output, then writes it into a string reserved to
/// exactly that size. `buffer_too_small` if memory runs out.
template <class Write>
[[nodiscard]] result<std::string> write_string(Write&& write) noexcept {
  try {
    const auto size = size_of(write);
    if (!size) return size.error();
    std::string out;
    out.reserve(*size);
    string_sink sink(out);
    writer<string_sink> w(sink);
    if (auto r = std::forward<Write>(write)(w); !r) return r.error();
    return out;
  } catch (...) {  // allocation failure (std::bad_alloc, or Boost.JSON's own)
    return fail(errc::buffer_too_small, "memory", error::no_offset);
  }
}

}  // namespace otawire::json

#endif
