// otawire JSON layer: the one output path of the five JSON families' encoders.
//
// Every family writes a message through `writer<Sink>`, so one writer gives the three forms of
// `encode` the contract names (docs/contract.md): `encoded_size(m)` runs it over a `size_sink`
// (nothing written, nothing allocated), `encode(m, buffer)` over a `span_sink` (the caller's
// memory), `encode(m)` sizes first and then writes into a string reserved to exactly that size.
// Strings are escaped as Boost.JSON's `serialize` escapes them, so what a family writes by hand
// and its `boost::json::value_from` conversion serialised are the same bytes (the tests check
// it). `object_writer` and `array_writer` place the punctuation as a `layout` says: compact, or
// the spacing of the SDK printer a profile reproduces (cJSON_Print, Python's json.dumps, the
// Alibaba Link SDK).
#ifndef OTAWIRE_JSON_WRITER_HPP
#define OTAWIRE_JSON_WRITER_HPP

#include <otawire/error.hpp>
#include <otawire/json/common.hpp>
#include <otawire/result.hpp>

#include <array>
#include <charconv>
#include <cstddef>
#include <cstdint>
#include <cstring>
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
  /// Appends `s`, or counts it once the buffer is full. Inlined, so that a key or punctuation of
  /// a size known at compile time is copied without a call to memcpy.
  OTAWIRE_JSON_INLINE void append(std::string_view s) noexcept {
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

  /// Text copied as it is (keys, punctuation: the template around the values). Inlined with the
  /// sink's append (see span_sink::append).
  OTAWIRE_JSON_INLINE void raw(std::string_view s) { sink_.append(s); }
  /// One byte copied as it is.
  void raw(char c) { sink_.push_back(c); }

  /// A JSON string literal, escaped like `boost::json::serialize` (see `escaped`).
  void string(std::string_view s) {
    sink_.push_back('"');
    escaped(s);
    sink_.push_back('"');
  }

  /// A JSON string literal as Python's `json.dumps` writes it (`ensure_ascii`): escaped as
  /// `string` does, and DEL and every non-ASCII code point as `\uXXXX` (lower-case hex, a
  /// surrogate pair above U+FFFF). `s` is valid UTF-8 (both decoders check it).
  void ascii_string(std::string_view s) {
    sink_.push_back('"');
    std::size_t run = 0;  // start of the ASCII text not yet written
    for (std::size_t i = 0; i < s.size(); ++i) {
      const auto c = static_cast<unsigned char>(s[i]);
      if (c < 0x7F) continue;
      escaped(s.substr(run, i - run));
      std::uint32_t cp = c;
      std::size_t extra = 0;
      if ((c & 0xE0) == 0xC0) cp = c & 0x1F, extra = 1;
      else if ((c & 0xF0) == 0xE0) cp = c & 0x0F, extra = 2;
      else if (c >= 0xF0) cp = c & 0x07, extra = 3;
      for (std::size_t k = 0; k < extra && i + 1 < s.size(); ++k) {
        cp = (cp << 6) | (static_cast<unsigned char>(s[++i]) & 0x3F);
      }
      if (cp >= 0x10000) {
        cp -= 0x10000;
        hex_escape(0xD800 + (cp >> 10));
        hex_escape(0xDC00 + (cp & 0x3FF));
      } else {
        hex_escape(cp);
      }
      run = i + 1;
    }
    escaped(s.substr(run));
    sink_.push_back('"');
  }
  /// The inside of a JSON string literal, escaped like `boost::json::serialize`: `\"`, `\\`, the
  /// short escapes of `\b \t \n \f \r`, `\u00XX` (lower-case hex) for the other control bytes,
  /// everything else as it is.
  void escaped(std::string_view s) {
    std::size_t run = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
      // Eight bytes at a time past text that needs no escape (URLs, digests, tokens: most of a
      // message), then byte by byte from the word that does.
      while (s.size() - i >= 8 && !word_needs_escape(s.data() + i)) i += 8;
      if (i == s.size()) break;
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
        default: hex_escape(c);
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
  // Whether any of the 8 bytes at `p` is a control byte, `"` or `\` (SWAR: the top bit of a byte
  // of `(x - 0x0101..) & ~x & 0x8080..` is set for some byte exactly when some byte of x is zero,
  // or below n with `x - n * 0x0101..`, n <= 0x80; exact for "any", all the skip asks).
  static bool word_needs_escape(const char* p) noexcept {
    constexpr std::uint64_t ones = 0x0101010101010101U;
    constexpr std::uint64_t highs = 0x8080808080808080U;
    std::uint64_t x = 0;
    std::memcpy(&x, p, sizeof x);
    const std::uint64_t quote = x ^ (ones * '"');
    const std::uint64_t backslash = x ^ (ones * '\\');
    const std::uint64_t control = (x - ones * 0x20) & ~x;
    return ((control | ((quote - ones) & ~quote) | ((backslash - ones) & ~backslash)) & highs) != 0;
  }

  // `\uXXXX` of a UTF-16 code unit, lower-case hex (Boost.JSON and Python both write it so).
  void hex_escape(std::uint32_t unit) {
    constexpr std::string_view hex = "0123456789abcdef";
    sink_.append("\\u");
    for (int shift = 12; shift >= 0; shift -= 4) sink_.push_back(hex[(unit >> shift) & 0xF]);
  }

  Sink& sink_;
};

/// How `object_writer` and `array_writer` lay out JSON: compact by default (what the platforms
/// send), or the spacing of an SDK's printer, so an encoder writes the bytes that SDK sends.
struct layout {
  /// Between an object's first and second members (the Alibaba Link SDK writes `", "` there).
  std::string_view first_separator = ",";
  /// Between an object's later members.
  std::string_view separator = ",";
  /// Between array elements.
  std::string_view array_separator = ",";
  /// After a key.
  std::string_view colon = ":";
  /// cJSON_Print's form: every object member on its own line, indented with one tab per level.
  bool tabs = false;
  /// Python's `json.dumps` (`ensure_ascii`): strings through `writer::ascii_string`.
  bool ascii_only = false;
  /// How deep the object or array being written is (cJSON's indentation).
  std::uint8_t depth = 0;

  /// The layout of a value inside the object or array written with this one.
  [[nodiscard]] constexpr layout nested() const noexcept {
    layout inner = *this;
    ++inner.depth;
    return inner;
  }
};

/// cJSON_Print (1.7.15, formatted): objects break lines and indent with tabs, `":"` is followed
/// by a tab; arrays stay on one line with `", "` between elements.
inline constexpr layout cjson_layout{.array_separator = ", ", .colon = ":\t", .tabs = true};
/// Python's `json.dumps` defaults: `", "` and `": "`, ASCII only.
inline constexpr layout python_layout{
    .first_separator = ", ", .separator = ", ", .array_separator = ", ", .colon = ": ", .ascii_only = true};

/// One JSON object written member by member, for messages whose members may each be absent: the
/// braces, the separators and each key as `layout` places them (a comma before every member but
/// the first, when compact).
template <class Sink>
class object_writer {
 public:
  /// Writes through `w`, laid out as `l`.
  explicit object_writer(writer<Sink>& w, const layout& l = {}) noexcept
      : w_(w),
        layout_(l),
        compact_colon_(l.colon == ":"),
        compact_(compact_colon_ && l.first_separator == "," && l.separator == "," && !l.tabs) {}

  /// Opens the member `name` — a plain ASCII name, written as it is — and returns the writer for
  /// its value.
  writer<Sink>& key(std::string_view name) {
    open_member();
    w_.raw('"');
    w_.raw(name);
    w_.raw('"');
    w_.raw(layout_.colon);
    return w_;
  }
  /// Opens the member whose key comes with its quotes and a colon (`"name":`, made once at
  /// compile time by a declaration, json/declare.hpp): one append where the layout's colon is `:`.
  OTAWIRE_JSON_INLINE writer<Sink>& quoted_key(std::string_view quoted) {
    open_member();
    if (compact_colon_) {
      w_.raw(quoted);
    } else {
      w_.raw(quoted.substr(0, quoted.size() - 1));
      w_.raw(layout_.colon);
    }
    return w_;
  }
  /// Opens the member named by any text (escaped as the layout's strings are).
  writer<Sink>& escaped_key(std::string_view name) {
    open_member();
    string_value(name);
    w_.raw(layout_.colon);
    return w_;
  }
  /// The member `name` with a string value (escaped).
  void string(std::string_view name, std::string_view v) {
    key(name);
    string_value(v);
  }
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
  /// The member `name` with `null`.
  void null(std::string_view name) { key(name).raw("null"); }
  /// A string value (after `key`), escaped as the layout writes strings.
  void string_value(std::string_view v) {
    if (layout_.ascii_only) w_.ascii_string(v);
    else w_.string(v);
  }
  /// The layout of a member's value that is itself an object or array.
  [[nodiscard]] layout nested() const noexcept { return layout_.nested(); }
  /// Ends the object (`{}` when no member was written).
  void close() {
    if (layout_.tabs) {
      w_.raw(members_ == 0 ? "{\n" : "\n");
      indent(layout_.depth);
      w_.raw('}');
    } else {
      w_.raw(members_ == 0 ? "{}" : "}");
    }
  }

 private:
  // The compact layout's separators are single characters: written as such, inline (through the
  // layout's string_views every member cost a call and a memcpy of one byte).
  OTAWIRE_JSON_INLINE void open_member() {
    if (compact_) {
      w_.raw(members_++ == 0 ? '{' : ',');
      return;
    }
    open_laid_out_member();
  }
  void open_laid_out_member() {
    if (members_ == 0) w_.raw('{');
    else w_.raw(members_ == 1 ? layout_.first_separator : layout_.separator);
    ++members_;
    if (layout_.tabs) {
      w_.raw('\n');
      indent(layout_.depth + 1U);
    }
  }
  void indent(unsigned levels) {
    for (unsigned k = 0; k < levels; ++k) w_.raw('\t');
  }

  writer<Sink>& w_;
  layout layout_;
  bool compact_colon_;  // the colon is `:` (a declaration's quoted key is written whole)
  bool compact_;        // and the separators `,`, no line breaks
  std::size_t members_ = 0;
};

/// One JSON array written element by element, laid out as `layout` places the separators.
template <class Sink>
class array_writer {
 public:
  /// Writes through `w`, laid out as `l`.
  explicit array_writer(writer<Sink>& w, const layout& l = {}) noexcept : w_(w), layout_(l) {}
  /// Opens the next element and returns the writer for it.
  writer<Sink>& next() {
    w_.raw(elements_ == 0 ? std::string_view("[") : layout_.array_separator);
    ++elements_;
    return w_;
  }
  /// The layout of an element that is itself an object or array.
  [[nodiscard]] layout nested() const noexcept { return layout_.nested(); }
  /// Ends the array (`[]` when no element was written).
  void close() { w_.raw(elements_ == 0 ? "[]" : "]"); }

 private:
  writer<Sink>& w_;
  layout layout_;
  std::size_t elements_ = 0;
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
