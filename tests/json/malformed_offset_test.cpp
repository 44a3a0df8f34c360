// Issue 12 items 16 and 17: the fast decoder decides by itself whether a rejected text is
// malformed JSON and names the failing byte, without a second parse and without allocating; the
// DOM backend (Boost.JSON) reports the same byte.
#include "json/sample_message.hpp"
#include "support/alloc_counter.hpp"

#include <otawire/ctwing/codec.hpp>
#include <otawire/json/dom.hpp>
#include <otawire/json/scan.hpp>
#include <otawire/json/simd.hpp>

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <string>
#include <string_view>
#include <vector>

namespace {
using otawire::errc;
using otawire::error;
using otawire::test::decode_sample_dom;
using otawire::test::decode_sample_simd;

// The text is `before + after`; the failing byte is the first of `after` (its length when
// `after` is empty: the text ends too early).
struct malformed_case {
  const char* name;
  std::string before;
  std::string after;
};

std::string nested_arrays(std::size_t n) { return std::string(n, '['); }

const std::vector<malformed_case>& malformed_cases() {
  static const std::vector<malformed_case> cases = {
      // Rejected by simdjson's first pass (reported at byte 0 before the fix).
      {"trailing comma in an object", R"({"type":"report_progress","report":{"version":"1"},)", "}"},
      {"trailing comma in an array", R"({"type":"report_progress","tags":["a",)", "]}"},
      {"invalid UTF-8 byte", R"({"type":"report_progress","report":{"version":"1)", "\xff\"}}"},
      {"overlong UTF-8 form", R"({"type":"report_progress","report":{"version":")", "\xc0\xaf\"}}"},
      {"UTF-8 surrogate", R"({"type":"report_progress","report":{"version":")", "\xed\xa0\x80\"}}"},
      {"unclosed string", R"({"type":"report_progress","report":{"version":"1}})", ""},
      {"control character in a string", R"({"type":"report_progress","report":{"version":")", "\x01\"}}"},
      {"unknown escape", R"({"type":"report_progress","report":{"version":"\)", "x\"}}"},
      {"missing comma", R"({"type":"report_progress" )", R"("report":{}})"},
      {"missing colon", R"({"type" )", R"("report_progress"})"},
      {"unclosed object", R"({"type":"report_progress","report":{"version":"1"})", ""},
      {"text after the root", R"({"type":"report_progress"} )", "x"},
      {"empty text", "", ""},
      // Malformed values that On-Demand notices at the value's start (reported there before).
      {"digit missing after the point",
       R"({"type":"report_progress","report":{"version":"1","progress":{"state":"x","percent":1.)", "e5}}}"},
      {"digit missing in the exponent",
       R"({"type":"report_progress","report":{"version":"1","progress":{"state":"x","percent":1e)", "}}}"},
      {"leading zero", R"({"type":"report_progress","report":{"version":"1","progress":{"state":"x","percent":0)", "1}}}"},
      {"exponent beyond INT_MAX",
       R"({"type":"report_progress","report":{"version":"1","progress":{"state":"x","percent":1e214748364)", "8}}}"},
      {"misspelt literal (reported at its first letter)", R"({"type":"report_progress","report":{"version":"1","flag":)", "tru}}"},
      {"minus without digits", R"({"type":"report_progress","extra":-)", "}"},
      {"one container too deep", R"({"type":"report_progress","extra":)" + nested_arrays(63), "[]" + std::string(63, ']') + "}"},
      // The decoder stops early (an unknown type) or never walks the value: still malformed.
      {"unknown type, malformed later", R"({"type":"nope","report":{"version":"1",)", "}}"},
      {"unread value, malformed", R"({"type":"report_progress","unknown":[1,2,)", "]}"},
  };
  return cases;
}

TEST(MalformedJson, BothBackendsNameTheFailingByte) {
  otawire::json::parser p;
  otawire::json::parser cw;
  for (const auto& c : malformed_cases()) {
    const std::string text = c.before + c.after;
    const std::size_t expected = c.before.size();
    SCOPED_TRACE(c.name);
    EXPECT_EQ(otawire::json::detail::first_malformed_byte(text), expected);

    auto dom = otawire::json::parse_dom(text);
    ASSERT_FALSE(dom);
    EXPECT_EQ(dom.error().code(), errc::malformed_json);
    EXPECT_EQ(dom.error().offset(), expected);

    auto fast = decode_sample_simd(p, text);
    ASSERT_FALSE(fast);
    EXPECT_EQ(fast.error().code(), errc::malformed_json);
    EXPECT_EQ(fast.error().offset(), expected);

    // Zero copy from padded input: the same verdict and byte.
    const simdjson::padded_string padded(text);
    auto in_place = p.parse(padded, [](otawire::json::simd_document& d) { return otawire::test::decode_sample(d); });
    ASSERT_FALSE(in_place);
    EXPECT_EQ(in_place.error().code(), errc::malformed_json);
    EXPECT_EQ(in_place.error().offset(), expected);

    // A family decoder goes through the same layer (CTWing located errors with Boost.JSON).
    auto family = otawire::ctwing::decode_payload(cw, otawire::ctwing::topic::upgrade, text);
    ASSERT_FALSE(family);
    EXPECT_EQ(family.error().code(), errc::malformed_json);
    EXPECT_EQ(family.error().offset(), expected);
  }
}

TEST(MalformedJson, WellFormedTextsHaveNoMalformedByte) {
  for (const std::string_view text :
       {R"({"a":[1,-0.5e-3,true,false,null,"\u00e9\ud83d\ude00",{}],"b":{}})", "  {}  ", "\"x\"", "[[[]]]",
        R"({"big":123456789012345678901234567890e-2147483600})"}) {
    EXPECT_EQ(otawire::json::detail::first_malformed_byte(text), error::no_offset) << text;
    EXPECT_TRUE(otawire::json::parse_dom(text)) << text;
  }
  // 64 nested containers are allowed, 65 are not (the layer's max_depth, in both backends).
  const std::string deepest = std::string(64, '[') + std::string(64, ']');
  EXPECT_EQ(otawire::json::detail::first_malformed_byte(deepest), error::no_offset);
  EXPECT_EQ(otawire::json::detail::first_malformed_byte("[" + deepest + "]"), 64u);
}

// The verdict on a number whose exponent overflows once its insignificant digits are counted
// depends on how much text follows it (Boost.JSON has two paths); the fast decoder used to ask
// Boost.JSON (and allocate) for such tokens.
TEST(MalformedJson, NumberLimitsFollowBoostJson) {
  otawire::json::parser p;
  const std::string digits(40, '7');
  const std::vector<std::string> tails = {"}", "} " + std::string(40, ' ')};
  const std::vector<std::string> numbers = {digits + "e2147483600", digits + "e2147483647", "1." + digits + "e-2147483647",
                                            "1." + digits + "e-2147483000", "0.5e-2147483647"};
  for (const auto& tail : tails) {
    for (const auto& number : numbers) {
      const std::string text = R"({"type":"nope","extra":)" + number + tail;
      auto dom = otawire::json::parse_dom(text);
      auto fast = decode_sample_simd(p, text);
      ASSERT_FALSE(fast);
      EXPECT_EQ(fast.error().code() == errc::malformed_json, !dom) << text;
      if (!dom) {
        EXPECT_EQ(fast.error().offset(), dom.error().offset()) << text;
      }
      EXPECT_EQ(otawire::json::detail::first_malformed_byte(text), dom ? error::no_offset : dom.error().offset()) << text;
    }
  }
}

TEST(MalformedJson, RejectedMessagesAllocateNothing) {
  otawire::json::parser p;
  otawire::json::parser cw;
  std::vector<std::string> stream;
  for (const auto& c : malformed_cases()) stream.push_back(c.before + c.after);
  // Well-formed but rejected by the decoder (the whole text is still judged), and numbers past
  // Boost.JSON's limits (the fast decoder parsed those with Boost.JSON).
  stream.emplace_back(R"({"type":"nope","report":{"version":"1"}})");
  stream.emplace_back(R"({"type":"report_progress","report":{"version":1}})");
  stream.emplace_back(R"({"type":"report_progress","extra":)" + std::string(400, '9') + "e99999999999}");
  stream.emplace_back(R"({"type":"report_progress","extra":)" + std::string(400, '9') + "}");
  const auto decode_all = [&] {
    std::size_t rejected = 0;
    for (const auto& text : stream) {
      rejected += decode_sample_simd(p, text) ? 0 : 1;
      rejected += otawire::ctwing::decode_payload(cw, otawire::ctwing::topic::progress, text) ? 0 : 1;
    }
    return rejected;
  };
  (void)decode_all();  // warm-up: the parsers size their buffers
  otawire::test::allocation_scope scope;
  const std::size_t rejected = decode_all();
  EXPECT_EQ(scope.count(), 0u);
  EXPECT_EQ(rejected, 2 * stream.size());
}

// Random texts over JSON's alphabet: the fast decoder's malformed verdict and byte are the
// DOM backend's, decided independently.
RC_GTEST_PROP(MalformedJson, FastVerdictAndOffsetMatchBoostJson, ()) {
  static const std::string alphabet = "{}[]\",: \\u0123456789eE.-+tfnrlsa\xc3\xa9\xff\x01";
  const auto picks = *rc::gen::container<std::vector<std::size_t>>(rc::gen::inRange<std::size_t>(0, alphabet.size()));
  std::string text = R"({"type":"report_progress","extra":)";
  for (const std::size_t i : picks) text += alphabet[i];
  static otawire::json::parser p;
  auto dom = otawire::json::parse_dom(text);
  auto fast = decode_sample_simd(p, text);
  RC_ASSERT(!fast || dom.has_value());
  if (!dom) {
    RC_ASSERT(!fast);
    RC_ASSERT(fast.error().code() == errc::malformed_json);
    RC_ASSERT(fast.error().offset() == dom.error().offset());
  } else if (!fast) {
    RC_ASSERT(fast.error().code() != errc::malformed_json);
  }
}

}  // namespace
