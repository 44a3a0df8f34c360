// json::raw_name / json::raw_key_is: a fast walk's key compare (one or two masked words) gives
// exactly the answer of comparing the key's text with the name, at every length around the word
// boundaries, for keys shorter, longer, escaped or differing in any one byte.
#include <otawire/json/simd.hpp>

#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>
#include <simdjson.h>

#include <string>
#include <string_view>
#include <vector>

namespace {
namespace od = simdjson::ondemand;
using otawire::json::raw_name;

/// For each key of `{"<key>":0,...}` (keys as written, escapes included), whether `name` matches it.
std::vector<bool> matches_in(const std::vector<std::string>& keys, std::string_view name) {
  std::string text = "{";
  for (const auto& k : keys) text += (text.size() > 1 ? ",\"" : "\"") + k + "\":0";
  text += "}";
  const simdjson::padded_string padded(text);
  od::parser parser;
  od::document doc = parser.iterate(padded);
  const raw_name packed(name);
  std::vector<bool> out;
  for (auto field : doc.get_object()) out.push_back(packed.matches(field.key().value()));
  return out;
}

bool matches(const std::string& key, std::string_view name) { return matches_in({key}, name).at(0); }

TEST(RawName, MatchesOnlyTheWholeName) {
  EXPECT_TRUE(matches("version", "version"));
  EXPECT_FALSE(matches("versio", "version"));    // shorter: the quote falls inside the name
  EXPECT_FALSE(matches("versions", "version"));  // longer: no quote after the name
  EXPECT_FALSE(matches("Version", "version"));   // first byte
  EXPECT_FALSE(matches("versioN", "version"));   // last byte
  EXPECT_FALSE(matches("ver\\u0073ion", "version"));  // escaped: never equal raw (the generic walk decides)
  EXPECT_TRUE(matches("", ""));
  EXPECT_FALSE(matches("x", ""));
}

TEST(RawName, EveryLengthAroundTheWordBoundaries) {
  // One word holds a name of up to 7 bytes and its quote; two up to 15; longer compare bytewise.
  for (std::size_t n : {1U, 6U, 7U, 8U, 9U, 14U, 15U, 16U, 17U, 30U}) {
    std::string name;
    for (std::size_t i = 0; i < n; ++i) name += static_cast<char>('a' + i % 26);
    SCOPED_TRACE(name);
    EXPECT_TRUE(matches(name, name));
    EXPECT_FALSE(matches(name.substr(0, n - 1), name));
    EXPECT_FALSE(matches(name + "z", name));
    for (std::size_t i = 0; i < n; ++i) {
      std::string other = name;
      other[i] = 'Z';
      EXPECT_FALSE(matches(other, name)) << "byte " << i;
    }
  }
}

TEST(RawName, KeyAtTheEndOfTheDocumentReadsOnlyPadding) {
  // The last key of a short document: the 16-byte read runs into simdjson's padding.
  EXPECT_EQ(matches_in({"a", "fileName"}, "fileName"), (std::vector<bool>{false, true}));
}

TEST(RawName, RawKeyIsTakesTheNameAtCompileTime) {
  const simdjson::padded_string padded(std::string_view(R"({"signMethod":1,"sign":2})"));
  od::parser parser;
  od::document doc = parser.iterate(padded);
  std::vector<bool> seen;
  for (auto field : doc.get_object()) {
    const auto key = field.key().value();
    seen.push_back(otawire::json::raw_key_is<"sign">(key));
  }
  EXPECT_EQ(seen, (std::vector<bool>{false, true}));
}

// Any plain name (printable ASCII but quote and backslash) and any plain key: the packed compare
// agrees with comparing the texts.
RC_GTEST_PROP(RawName, AgreesWithComparingTheText, ()) {
  const auto plain = rc::gen::container<std::string>(
      rc::gen::suchThat(rc::gen::inRange<char>(0x20, 0x7F), [](char c) { return c != '"' && c != '\\'; }));
  const std::string name = *plain;
  const std::string key = *rc::gen::oneOf(rc::gen::just(name), plain,
                                          rc::gen::map(plain, [&](const std::string& tail) { return name + tail; }));
  RC_ASSERT(matches(key, name) == (key == name));
}

}  // namespace
