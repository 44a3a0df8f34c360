#include "json/sample_message.hpp"
#include "support/alloc_counter.hpp"

#include <otawire/json/dom.hpp>
#include <otawire/json/simd.hpp>

#include <boost/json.hpp>

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <charconv>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

namespace {
using otawire::errc;
using otawire::test::decode_sample_dom;
using otawire::test::decode_sample_simd;

const std::string good =
    R"({"type": "report_progress", "report":{"progress":{"state":"downloading", "percent":"31", "result_code":"0", "result_msg":""}, "version":"1.0.1"}})";

TEST(JsonLayer, BothBackendsDecodeTheSame) {
  otawire::json::parser p;
  auto a = decode_sample_simd(p, good);
  ASSERT_TRUE(a) << otawire::name(a.error().code()) << " " << a.error().where();
  EXPECT_EQ(a->state, "downloading");
  EXPECT_EQ(a->percent, 31);
  EXPECT_EQ(a->version, "1.0.1");
  auto b = decode_sample_dom(good);
  ASSERT_TRUE(b);
  EXPECT_EQ(*a, *b);
}

TEST(JsonLayer, KeyOrderDoesNotMatterAndTypeMayComeLast) {
  otawire::json::parser p;
  auto a = decode_sample_simd(p, R"({"report":{"version":"2","progress":{"percent":5,"state":"burning"}},"type":"report_progress"})");
  ASSERT_TRUE(a);
  EXPECT_EQ(a->percent, 5);
  EXPECT_EQ(a->state, "burning");
}

struct bad_case {
  const char* text;
  errc code;
  std::string_view where;
};

TEST(JsonLayer, ErrorsNameThePathAndKindInBothBackends) {
  const bad_case cases[] = {
      {R"({"type":"report_progress","report":{"version":"1","progress":{"state":"x","percent":101}}})", errc::out_of_range, "report.progress.percent"},
      {R"({"type":"report_progress","report":{"version":"1","progress":{"state":"x","percent":"3a"}}})", errc::invalid_value, "report.progress.percent"},
      {R"({"type":"report_progress","report":{"version":"1","progress":{"state":"x","percent":3.5}}})", errc::wrong_type, "report.progress.percent"},
      {R"({"type":"report_progress","report":{"version":"1","progress":{"state":"x","percent":1e400}}})", errc::out_of_range, "report.progress.percent"},
      {R"({"type":"report_progress","report":{"version":"1","progress":{"state":"x","percent":0e+611}}})", errc::wrong_type, "report.progress.percent"},
      {R"({"type":"report_progress","report":{"version":"1","progress":{"state":"x","percent":123456789012345678901234}}})", errc::out_of_range, "report.progress.percent"},
      {R"({"type":"report_progress","report":{"version":1,"progress":{"state":"x"}}})", errc::wrong_type, "report.version"},
      {R"({"type":"report_progress","report":{"progress":{"state":"x"}}})", errc::missing_field, "report.version"},
      {R"({"type":"report_progress","report":{"version":"1","progress":{"state":"x"},"progress":{}}})", errc::missing_field, "report.progress.state"},
      {R"({"type":"report_progres","report":{}})", errc::unknown_message, "type"},
      {R"({"report":{}})", errc::missing_field, "type"},
      {R"({"type":7})", errc::wrong_type, "type"},
      {R"([1,2])", errc::wrong_type, ""},
  };
  otawire::json::parser p;
  for (const auto& c : cases) {
    auto a = decode_sample_simd(p, c.text);
    auto b = decode_sample_dom(c.text);
    ASSERT_FALSE(a) << c.text;
    ASSERT_FALSE(b) << c.text;
    EXPECT_EQ(a.error().code(), c.code) << c.text << " got " << otawire::name(a.error().code());
    EXPECT_EQ(a.error().where(), c.where) << c.text;
    EXPECT_EQ(b.error().code(), c.code) << c.text << " got " << otawire::name(b.error().code());
    EXPECT_EQ(b.error().where(), c.where) << c.text;
  }
}

TEST(JsonLayer, SimdErrorsCarryTheByteOffset) {
  otawire::json::parser p;
  const std::string text = R"({"type":"report_progress","report":{"version":"1","progress":{"state":"x","percent":101}}})";
  auto a = decode_sample_simd(p, text);
  ASSERT_FALSE(a);
  EXPECT_EQ(a.error().offset(), text.find("101"));
}

TEST(JsonLayer, MalformedAnywhereIsRejectedByBoth) {
  const char* cases[] = {
      R"({"type":"report_progress","report":{"version":"1","progress":{"state":"x"}},"junk":[1,2,tru]})",
      R"({"type":"report_progress","report":{"version":"1","progress":{"state":"x"}},"junk":"\x"})",
      R"({"type":"report_progress","report":{"version":"1","progress":{"state":"x"}},"junk":01})",
      R"({"type":"report_progress","report":{"version":"1","progress":{"state":"x"}}} trailing)",
      R"({"type":"report_progress","report":{"version":"1","progress":{"state":"x"}},})",
      R"({"type":"report_progress" "report":{}})",
      R"({"type":"report_progress","report":{"version":tru,"version":"1","progress":{"state":"x"}}})",
      R"({"type":"report_progress","report":{"version":"1","progress":{"state":"x"}},"junk":15e92769769268})",
      R"({"type":"report_progress","report":{"version":"1","progress":{"state":"x"}},"junk":1.5e-2147483649})",
      "",
      "   ",
      "{\"type\":\"report_progress\",\"report\":{\"version\":\"\xDA\",\"progress\":{\"state\":\"x\"}}}",
  };
  otawire::json::parser p;
  for (const char* c : cases) {
    auto a = decode_sample_simd(p, c);
    auto b = decode_sample_dom(c);
    ASSERT_FALSE(a) << c;
    ASSERT_FALSE(b) << c;
    EXPECT_EQ(b.error().code(), errc::malformed_json) << c;
    EXPECT_EQ(a.error().code(), errc::malformed_json) << c << " got " << otawire::name(a.error().code());
  }
}

TEST(JsonLayer, NumbersBoostJsonAcceptsAreAcceptedInUnknownKeys) {
  otawire::json::parser p;
  for (const char* junk : {"1e400", "-1e-400", "123456789012345678901234567890", "1e99999999", "0.000001e-99999999"}) {
    const std::string text =
        std::string(R"({"type":"report_progress","report":{"version":"1","progress":{"state":"x"}},"junk":)") + junk + "}";
    auto a = decode_sample_simd(p, text);
    auto b = decode_sample_dom(text);
    EXPECT_EQ(a.has_value(), b.has_value()) << junk;
  }
}

TEST(JsonLayer, DuplicateKeysLastOneWinsInBoth) {
  const std::string text =
      R"({"type":"report_progress","report":{"version":5,"progress":{"state":"x"},"version":"9"}})";
  otawire::json::parser p;
  auto a = decode_sample_simd(p, text);
  auto b = decode_sample_dom(text);
  ASSERT_TRUE(a);
  ASSERT_TRUE(b);
  EXPECT_EQ(a->version, "9");
  EXPECT_EQ(b->version, "9");
  const std::string bad = R"({"type":"report_progress","report":{"version":"9","progress":{"state":"x"},"version":5}})";
  EXPECT_FALSE(decode_sample_simd(p, bad));
  EXPECT_FALSE(decode_sample_dom(bad));
}

TEST(JsonLayer, DepthLimitIsTheSameInBoth) {
  otawire::json::parser p;
  for (std::size_t depth : {62u, 63u, 64u, 65u}) {
    // The root object is level 1; "extra" adds `depth - 1` nested arrays.
    std::string nested(depth - 1, '[');
    nested += std::string(depth - 1, ']');
    const std::string text = R"({"type":"report_progress","report":{"version":"1","progress":{"state":"x"}},"extra":)" + nested + "}";
    auto a = decode_sample_simd(p, text);
    auto b = decode_sample_dom(text);
    EXPECT_EQ(a.has_value(), b.has_value()) << depth;
    EXPECT_EQ(a.has_value(), depth <= otawire::json::max_depth) << depth;
  }
}

TEST(JsonLayer, RawValuesAreViewsAndArraysAreWalked) {
  const std::string text =
      R"({"type":"report_progress","extra": {"a":[1, 2.5e3,null]} ,"tags":["x","y"],"report":{"version":"1","progress":{"state":"x"},"flag":true}})";
  otawire::json::parser p;
  auto a = decode_sample_simd(p, text);
  ASSERT_TRUE(a);
  EXPECT_EQ(a->extra.text, R"({"a":[1, 2.5e3,null]})");
  EXPECT_EQ(a->tags, 2u);
  EXPECT_EQ(a->flag, std::optional<bool>(true));
  auto b = decode_sample_dom(text);
  ASSERT_TRUE(b);
  EXPECT_EQ(*a, *b);
}

TEST(JsonLayer, SteadyStateDecodeAllocatesNothing) {
  otawire::json::parser p;
  ASSERT_TRUE(decode_sample_simd(p, good));  // warm-up sizes the buffers
  otawire::test::allocation_scope scope;
  for (int i = 0; i < 100; ++i) {
    auto a = decode_sample_simd(p, good);
    ASSERT_TRUE(a);
  }
  EXPECT_EQ(scope.count(), 0u);
}

// The integer under key "n" of `text`, read as a T (int64 or uint64) by both backends.
template <class T>
std::pair<otawire::result<T>, otawire::result<T>> read_n_in_both(otawire::json::parser& p, const std::string& text) {
  const auto read = [](auto& doc) -> otawire::result<T> {
    T n = 7;
    auto walked = doc.object_for_each([&](std::string_view, auto& v) -> otawire::result<bool> {
      auto r = [&] {
        if constexpr (std::is_same_v<T, std::uint64_t>) {
          return v.uint64("n");
        } else {
          return v.int64("n");
        }
      }();
      if (!r) return r.error();
      n = *r;
      return true;
    });
    if (!walked) return walked.error();
    return n;
  };
  auto fast = p.parse(text, [&](otawire::json::simd_document& d) { return read(d); });
  auto dom_value = otawire::json::parse_dom(text);
  if (!dom_value) return {fast, dom_value.error()};
  otawire::json::dom_document d(*dom_value);
  return {fast, read(d)};
}

TEST(JsonLayer, UnsignedReadsAgreeOnNegativeZeroAndNegatives) {
  otawire::json::parser p;
  for (const char* text : {R"({"n":-0})", R"({"n":-1})", R"({"n":18446744073709551615})", R"({"n":18446744073709551616})"}) {
    const auto [fast, dom] = read_n_in_both<std::uint64_t>(p, text);
    ASSERT_EQ(fast.has_value(), dom.has_value()) << text;
    if (fast) {
      EXPECT_EQ(*fast, *dom) << text;
    }
  }
}

TEST(JsonLayer, LenientDecimalParsing) {
  using otawire::json::detail::parse_decimal_int64;
  EXPECT_EQ(parse_decimal_int64("-9223372036854775808", "p", 0).value(), INT64_MIN);
  EXPECT_EQ(parse_decimal_int64("9223372036854775807", "p", 0).value(), INT64_MAX);
  EXPECT_EQ(parse_decimal_int64("9223372036854775808", "p", 0).error().code(), errc::out_of_range);
  EXPECT_EQ(parse_decimal_int64("+1", "p", 0).error().code(), errc::invalid_value);
  EXPECT_EQ(parse_decimal_int64("", "p", 0).error().code(), errc::invalid_value);
  EXPECT_EQ(parse_decimal_int64("-", "p", 0).error().code(), errc::invalid_value);
  EXPECT_EQ(parse_decimal_int64(" 1", "p", 0).error().code(), errc::invalid_value);
}

RC_GTEST_PROP(JsonLayer, GeneratedMessagesDecodeEquallyInBoth, ()) {
  // Any Unicode text, escaped by Boost.JSON's serializer where needed.
  const auto printable = rc::gen::container<std::string>(rc::gen::inRange<char>(1, 127));
  const std::string state = *printable;
  const std::string version = *printable;
  const auto percent = *rc::gen::inRange(0, 101);
  boost::json::object progress{{"state", state}, {"percent", percent}};
  boost::json::object report{{"progress", progress}, {"version", version}};
  const std::string text = boost::json::serialize(boost::json::object{{"type", "report_progress"}, {"report", report}});
  otawire::json::parser p;
  auto a = decode_sample_simd(p, text);
  auto b = decode_sample_dom(text);
  RC_ASSERT(a.has_value());
  RC_ASSERT(b.has_value());
  RC_ASSERT(*a == *b);
  RC_ASSERT(a->state == state);
  RC_ASSERT(a->percent == percent);
}
}  // namespace

// A number Boost.JSON refuses (its exponent overflows once the digits are counted in) is
// malformed JSON in both decoders, also where the field's own rule would only have said
// wrong_type and a later duplicate would then have replaced that error (found by
// fuzz_jetlinks_differential; its reproducer is in fuzz/regressions/).
TEST(JsonLayer, NumbersBoostJsonRefusesAreMalformedEvenWhenADuplicateFollows) {
  otawire::json::parser p;
  for (const char* number : {"16016e623899999999999999999", "1e99999999999", "-0.5e-99999999999"}) {
    const std::string text = std::string(R"({"type":"report_progress","report":{"version":"1","progress":{"state":"x","percent":)") +
                             number + R"(,"percent":"31"}}})";
    auto a = decode_sample_simd(p, text);
    auto b = decode_sample_dom(text);
    ASSERT_FALSE(b) << number;
    EXPECT_EQ(b.error().code(), errc::malformed_json) << number;
    ASSERT_FALSE(a) << number;
    EXPECT_EQ(a.error().code(), errc::malformed_json) << number << " got " << otawire::name(a.error().code());
  }
}

// A raw value may hold a number Boost.JSON reads as an infinity or NaN (`1e99999`, `0e99999`):
// valid JSON that both decoders accept. Boost.JSON's own serializer prints `Infinity`, invalid
// JSON; the layer's compact writer spells such doubles as literals that read back the same
// (found by fuzz_jetlinks_decode re-encoding a message; reproducer in fuzz/regressions/).
TEST(JsonLayer, CompactWriterKeepsNonFiniteDoublesValidJson) {
  const auto v = boost::json::parse(R"({"a":1e99999,"b":[-1e99999,0e99999],"c":1.5,"d":"x\"y"})");
  const std::string text = otawire::json::to_string(v);
  EXPECT_EQ(text.find("Infinity"), std::string::npos) << text;
  EXPECT_EQ(text.find("NaN"), std::string::npos) << text;
  boost::json::error_code ec;
  const auto back = boost::json::parse(text, ec);
  ASSERT_FALSE(ec) << text;
  const otawire::json::raw_json original{{}, &v};
  const otawire::json::raw_json reread{{}, &back};
  EXPECT_TRUE(otawire::json::equivalent(original, reread)) << text;
  // Finite values are written exactly as Boost.JSON writes them.
  const auto finite = boost::json::parse(R"({"k":[1,-2,3.25,true,null,"s"],"o":{}})");
  EXPECT_EQ(otawire::json::to_string(finite), boost::json::serialize(finite));
}

namespace {
std::string laid_out(const boost::json::value& v, const otawire::json::layout& l) {
  std::string out;
  otawire::json::string_sink sink(out);
  otawire::json::writer<otawire::json::string_sink> w(sink);
  otawire::json::detail::write_value(w, v, l);
  return out;
}
}  // namespace

// The writer's escaping (eight bytes at a time past text that needs none) is Boost.JSON's,
// byte for byte, wherever the bytes that need an escape fall: strings mostly of plain text with
// quotes, backslashes and control bytes sprinkled in, at every alignment, and UTF-8 left as it is.
RC_GTEST_PROP(JsonLayer, WriterEscapesStringsAsBoostJsonDoes, ()) {
  const auto byte = rc::gen::weightedOneOf<char>({
      {12, rc::gen::inRange<char>(0x20, 0x7F)},
      {1, rc::gen::element<char>('"', '\\', '\n', '\t', '\x01', '\x1F', '\x7F')},
      {1, rc::gen::element<char>('\xC3', '\xA9')},
  });
  const std::string s = *rc::gen::container<std::string>(byte);
  std::string ours;
  otawire::json::string_sink sink(ours);
  otawire::json::writer<otawire::json::string_sink> w(sink);
  w.string(s);
  // Neither checks UTF-8 here (the decoders do): both copy bytes from 0x80 up as they are.
  RC_ASSERT(ours == boost::json::serialize(boost::json::string(s)));
}

// The SDK printers Huawei's profiles reproduce, on a value nested in every way: cJSON_Print
// (1.7.15: print_object indents members one tab deeper than its braces, print_array raises the
// depth for its elements and keeps them on one line) and Python's json.dumps.
TEST(JsonLayer, LayoutsPrintAsTheSdkPrintersDo) {
  const auto v = boost::json::parse(R"({"a":[1,{"b":{}},[]],"c":"x","d":{"e":null},"\u00e9":"\u4e2d\ud83d\ude00"})");
  EXPECT_EQ(laid_out(v, otawire::json::cjson_layout),
            "{\n\t\"a\":\t[1, {\n\t\t\t\"b\":\t{\n\t\t\t}\n\t\t}, []],\n\t\"c\":\t\"x\",\n\t\"d\":\t{\n\t\t\"e\":\tnull\n\t},"
            "\n\t\"\u00e9\":\t\"\u4e2d\U0001F600\"\n}");
  EXPECT_EQ(laid_out(v, otawire::json::python_layout),
            R"({"a": [1, {"b": {}}, []], "c": "x", "d": {"e": null}, "\u00e9": "\u4e2d\ud83d\ude00"})");
  EXPECT_EQ(laid_out(v, {}), boost::json::serialize(v));
  EXPECT_EQ(laid_out(boost::json::object{}, otawire::json::cjson_layout), "{\n}");
  // The Alibaba Link SDK's one space, after the first member only.
  EXPECT_EQ(laid_out(boost::json::parse(R"({"id":"1","a":1,"b":2})"), {.first_separator = ", "}),
            R"({"id":"1", "a":1,"b":2})");
}

namespace {
// read_integer_words against std::from_chars: right whenever it answers, and it answers for
// every integer of at most 15 digits followed by a terminator.
std::optional<std::int64_t> short_integer(const std::string& token) {
  std::string padded = token;
  padded.append(32, '\0');  // the input's padding
  std::int64_t out = 0;
  if (!otawire::json::detail::read_integer_words(padded.data(), out)) return std::nullopt;
  return out;
}

RC_GTEST_PROP(JsonLayer, ShortIntegerReaderMatchesFromChars, ()) {
  const auto digits = *rc::gen::inRange<std::size_t>(1, 19);
  std::string number;
  for (std::size_t i = 0; i < digits; ++i) number += *rc::gen::inRange('0', static_cast<char>('9' + 1));
  const bool negative = *rc::gen::arbitrary<bool>();
  const char end = *rc::gen::element(',', '}', ']', ' ', '\n', '\r', '\t', '.', 'e', 'E', '\0', 'x');
  const std::string token = (negative ? "-" : "") + number + end;
  const auto read = short_integer(token);
  const bool terminated = std::string_view(",}] \n\r\t").find(end) != std::string_view::npos;
  const bool leading_zero = number.size() > 1 && number[0] == '0';
  if (terminated && !leading_zero && digits <= 15) {
    RC_ASSERT(read.has_value());
  }
  if (read) {
    RC_ASSERT(terminated);
    RC_ASSERT(!leading_zero);
    std::int64_t expected = 0;
    const std::string signed_number = (negative ? "-" : "") + number;
    const auto [ptr, ec] = std::from_chars(signed_number.data(), signed_number.data() + signed_number.size(), expected);
    RC_ASSERT(ec == std::errc{});
    RC_ASSERT(*read == expected);
  }
}

TEST(JsonLayer, ShortIntegerReaderLeavesEverythingElseToTheGeneralPath) {
  EXPECT_EQ(short_integer("1601196760000,"), 1601196760000);
  EXPECT_EQ(short_integer("-0}"), 0);
  EXPECT_EQ(short_integer("0 "), 0);
  EXPECT_EQ(short_integer("999999999999999]"), 999999999999999);
  EXPECT_EQ(short_integer("-12345678,"), -12345678);
  EXPECT_EQ(short_integer("12345678,"), 12345678);
  EXPECT_EQ(short_integer("123456789,"), 123456789);
  for (const char* refused : {"1234567890123456,", "01,", "-,", "-01,", "1.5,", "1e3,", "12E3}", "7", "+1,", "--1,", "1x,",
                              "\"1\",", "true,", "-}"}) {
    EXPECT_FALSE(short_integer(refused).has_value()) << refused;
  }
}

// Through the decoders: every integer in the reader's range and around it decodes to the same
// value in both backends (the fast reader must not change what a field reads).
RC_GTEST_PROP(JsonLayer, IntegersDecodeEquallyInBoth, ()) {
  const auto magnitude = *rc::gen::element<std::int64_t>(1, 10, 1000, 100000000, 10000000000000, 999999999999999,
                                                        1000000000000000, INT64_MAX);
  const std::int64_t n = *rc::gen::inRange<std::int64_t>(-magnitude, magnitude);
  const std::string space = *rc::gen::element<std::string>("", " ", "\n\t");
  const std::string text = R"({"n":)" + std::to_string(n) + space + "}";
  otawire::json::parser p;
  const auto [fast, dom] = read_n_in_both<std::int64_t>(p, text);
  RC_ASSERT(fast.has_value());
  RC_ASSERT(dom.has_value());
  RC_ASSERT(*fast == n);
  RC_ASSERT(*dom == n);
}
}  // namespace
