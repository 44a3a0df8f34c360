// CTWing test helpers: decode with both decoders and insist they agree.
#ifndef OTAWIRE_TESTS_CTWING_TEST_UTIL_HPP
#define OTAWIRE_TESTS_CTWING_TEST_UTIL_HPP

#include <otawire/ctwing/codec.hpp>

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <variant>

namespace otawire::test::ctwing {

namespace cw = otawire::ctwing;

/// Removes `//` comments (outside strings), as the doc's samples carry them.
inline std::string strip_line_comments(std::string_view s) {
  std::string out;
  bool in_string = false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (in_string) {
      out += c;
      if (c == '\\' && i + 1 < s.size()) {
        out += s[++i];
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    if (c == '"') in_string = true;
    if (c == '/' && i + 1 < s.size() && s[i + 1] == '/') {
      while (i + 1 < s.size() && s[i + 1] != '\n') ++i;
      continue;
    }
    out += c;
  }
  return out;
}

/// U+00A0 (the doc's indentation) -> one space.
inline std::string normalise_nbsp(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\xC2' && i + 1 < s.size() && s[i + 1] == '\xA0') {
      out += ' ';
      ++i;
    } else {
      out += s[i];
    }
  }
  return out;
}

/// Decodes `text` with both decoders, expects both to accept it and to agree, and returns the
/// fast decoder's message (views valid until the next call).
template <class T>
T decode_both(cw::topic t, std::string_view text) {
  static thread_local otawire::json::parser fast;
  static thread_local boost::json::value storage;
  auto a = cw::decode_payload(fast, t, text);
  auto b = cw::decode_payload_dom(t, text, storage);
  if (!a) {
    ADD_FAILURE() << "simdjson rejects: " << otawire::name(a.error().code()) << " at '" << a.error().where() << "' byte "
                  << a.error().offset() << "\n" << text;
    return T{};
  }
  if (!b) {
    ADD_FAILURE() << "Boost.JSON rejects: " << otawire::name(b.error().code()) << " at '" << b.error().where() << "'\n"
                  << text;
    return T{};
  }
  EXPECT_TRUE(*a == *b) << "the decoders disagree on\n" << text;
  const T* m = std::get_if<T>(&*a);
  if (m == nullptr) {
    ADD_FAILURE() << "wrong message type";
    return T{};
  }
  return *m;
}

/// Expects both decoders to reject `text` with `code` and the same path; for malformed JSON they
/// must also name the same byte. Returns the fast decoder's error.
inline otawire::error expect_rejected_by_both(cw::topic t, std::string_view text, errc code) {
  otawire::json::parser fast;
  boost::json::value storage;
  auto a = cw::decode_payload(fast, t, text);
  auto b = cw::decode_payload_dom(t, text, storage);
  EXPECT_FALSE(a) << text;
  EXPECT_FALSE(b) << text;
  if (a || b) return otawire::error{};
  EXPECT_EQ(a.error().code(), code) << "simdjson: " << otawire::name(a.error().code()) << " at " << a.error().where();
  EXPECT_EQ(b.error().code(), code) << "Boost.JSON: " << otawire::name(b.error().code()) << " at " << b.error().where();
  if (code == errc::malformed_json) {
    EXPECT_EQ(a.error().offset(), b.error().offset());
  } else {
    EXPECT_EQ(a.error().where(), b.error().where());
  }
  return a.error();
}

}  // namespace otawire::test::ctwing

#endif
