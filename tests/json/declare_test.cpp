// json/declare.hpp on a message of its own (the families' declarations are held to their specs by
// their own tests): what a declaration reads, in which order it reports what is missing, where
// its errors point, when the fast path declines, and what the encoder writes and refuses.
#include <otawire/json/declare.hpp>
#include <otawire/json/dom.hpp>

#include <gtest/gtest.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace {
namespace json = otawire::json;
using otawire::errc;
using otawire::result;

struct toy {
  std::int64_t id = 0;
  std::string_view name;
  std::optional<std::string_view> note;
  std::int64_t level = 0;
  std::optional<std::int64_t> weight;
  friend bool operator==(const toy&, const toy&) = default;
};

constexpr auto toy_fields = json::object<toy>(
    "", json::field("id", &toy::id, json::in_range_check<0, 9>),
    json::object<toy>("body", json::field("body.name", &toy::name, json::non_empty),
                      json::field("body.level", &toy::level, json::in_range_check<1, 5>, json::lenient),
                      json::field("body.note", &toy::note), json::field("body.weight", &toy::weight)));

static_assert(std::get<0>(std::get<1>(toy_fields.fields).fields).key == "name");
static_assert(std::get<0>(std::get<1>(toy_fields.fields).fields).quoted.view() == R"("name":)");
static_assert(std::get<1>(toy_fields.fields).key == "body");

result<toy> generic(json::parser& p, const std::string& text) {
  return p.parse(text, [](json::simd_document& d) -> result<toy> {
    toy m;
    if (auto r = json::read_object(d, m, toy_fields); !r) return r.error();
    return m;
  });
}

result<toy> dom(const std::string& text) {
  boost::json::value v;
  if (auto r = json::parse_dom(text, v); !r) return r.error();
  json::dom_document d(v);
  toy m;
  if (auto r = json::read_object(d, m, toy_fields); !r) return r.error();
  // The views point into `v`: compare lengths only past this scope.
  return m;
}

std::optional<toy> fast(json::parser& p, const std::string& text) {
  std::optional<toy> out;
  (void)p.parse(text, [&](json::simd_document& d) -> result<bool> {
    toy m;
    if (json::fast_read_object(d, m, toy_fields)) out = m;
    return true;
  });
  return out;
}

TEST(JsonDeclare, ReadsEveryKindOfFieldOnBothBackendsAndTheFastPath) {
  json::parser p;
  const std::string text = R"({"x":[1,{"y":2}],"body":{"level":"3","name":"n","note":"","weight":-7},"id":4})";
  auto g = generic(p, text);
  ASSERT_TRUE(g) << g.error().where();
  EXPECT_EQ(g->id, 4);
  EXPECT_EQ(g->name, "n");
  EXPECT_EQ(g->note, std::optional<std::string_view>(""));
  EXPECT_EQ(g->level, 3);
  EXPECT_EQ(g->weight, std::optional<std::int64_t>(-7));
  const toy copied{g->id, "n", "", 3, -7};
  EXPECT_EQ(fast(p, text), std::optional<toy>(copied));
  auto d = dom(text);
  ASSERT_TRUE(d);
  EXPECT_EQ(d->id, 4);
  EXPECT_EQ(d->level, 3);
  EXPECT_EQ(d->weight, std::optional<std::int64_t>(-7));
}

TEST(JsonDeclare, ARepeatedObjectReplacesTheEarlierOneWhole) {
  json::parser p;
  auto g = generic(p, R"({"id":1,"body":{"name":"a","note":"kept?","level":2},"body":{"name":"b","level":3}})");
  ASSERT_TRUE(g);
  EXPECT_EQ(g->name, "b");
  EXPECT_FALSE(g->note.has_value());
  auto f = fast(p, R"({"id":1,"body":{"name":"a","note":"kept?","level":2},"body":{"name":"b","level":3}})");
  ASSERT_TRUE(f.has_value());
  EXPECT_FALSE(f->note.has_value());
}

TEST(JsonDeclare, TheFirstMissingFieldInDeclarationOrderAtTheObjectsOffset) {
  json::parser p;
  auto root = generic(p, R"({"body":{"name":"a","level":1}})");
  ASSERT_FALSE(root);
  EXPECT_EQ(root.error().code(), errc::missing_field);
  EXPECT_EQ(root.error().where(), "id");
  EXPECT_EQ(root.error().offset(), otawire::error::no_offset);  // the whole document

  auto nested = generic(p, R"({"id":1,"body":{"note":"x"}})");
  ASSERT_FALSE(nested);
  EXPECT_EQ(nested.error().code(), errc::missing_field);
  EXPECT_EQ(nested.error().where(), "body.name");  // declared before body.level
  EXPECT_EQ(nested.error().offset(), 15U);          // the `{` of body

  auto dom_nested = dom(R"({"id":1,"body":{"note":"x"}})");
  ASSERT_FALSE(dom_nested);
  EXPECT_EQ(dom_nested.error().where(), "body.name");
  EXPECT_FALSE(fast(p, R"({"id":1,"body":{"note":"x"}})").has_value());
}

TEST(JsonDeclare, AFailedCheckNamesItsCodePathAndValue) {
  json::parser p;
  auto empty = generic(p, R"({"id":1,"body":{"name":"","level":1}})");
  ASSERT_FALSE(empty);
  EXPECT_EQ(empty.error().code(), errc::invalid_value);
  EXPECT_EQ(empty.error().where(), "body.name");
  EXPECT_EQ(empty.error().offset(), 23U);

  auto range = generic(p, R"({"id":10,"body":{"name":"a","level":1}})");
  ASSERT_FALSE(range);
  EXPECT_EQ(range.error().code(), errc::out_of_range);
  EXPECT_EQ(range.error().where(), "id");

  auto strict = generic(p, R"({"id":"1","body":{"name":"a","level":1}})");  // `id` is not lenient
  ASSERT_FALSE(strict);
  EXPECT_EQ(strict.error().code(), errc::wrong_type);

  for (const char* declined : {R"({"id":1,"body":{"name":"","level":1}})", R"({"id":"1","body":{"name":"a","level":1}})",
                               R"({"id":1,"body":{"na\u006de":"a","level":1}})", R"({"id":1,"body":{"name":"a","level":6}})"}) {
    EXPECT_FALSE(fast(p, declined).has_value()) << declined;
  }
  // An escaped key spelling a field's is that field to the generic walk.
  auto escaped = generic(p, R"({"id":1,"body":{"na\u006de":"a","level":1}})");
  ASSERT_TRUE(escaped);
  EXPECT_EQ(escaped->name, "a");
}

TEST(JsonDeclare, TheEncoderWritesInDeclarationOrderAndChecksAsTheDecoderDoes) {
  const toy m{3, "n\"q", std::nullopt, 2, 5};
  ASSERT_TRUE(json::check_object(m, toy_fields));
  std::string out;
  json::string_sink sink(out);
  json::writer<json::string_sink> w(sink);
  json::write_object(w, m, toy_fields);
  EXPECT_EQ(out, R"({"id":3,"body":{"name":"n\"q","level":2,"weight":5}})");
  json::parser p;
  auto back = generic(p, out);
  ASSERT_TRUE(back);
  EXPECT_EQ(back->name, "n\"q");
  EXPECT_EQ(back->weight, m.weight);

  auto refused = json::check_object(toy{3, "", std::nullopt, 2, std::nullopt}, toy_fields);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code(), errc::invalid_value);
  EXPECT_EQ(refused.error().where(), "body.name");
  const char invalid_utf8[] = {'\xC3', '\0'};
  auto bad_text = json::check_object(toy{3, "a", std::string_view(invalid_utf8, 1), 2, std::nullopt}, toy_fields);
  ASSERT_FALSE(bad_text);
  EXPECT_EQ(bad_text.error().code(), errc::bad_string);
  EXPECT_EQ(bad_text.error().where(), "body.note");
  auto range = json::check_object(toy{3, "a", std::nullopt, 0, std::nullopt}, toy_fields);
  ASSERT_FALSE(range);
  EXPECT_EQ(range.error().code(), errc::out_of_range);
  EXPECT_EQ(range.error().where(), "body.level");
}

}  // namespace
