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
using otawire::text_id;
using otawire::fail;

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

// The three readers of a declaration `Fields` of message `M`: the generic walk on the simdjson
// backend and on the Boost.JSON one, and the fast path (nullopt: declined).
template <class M, const auto& Fields>
result<M> read_generic(json::parser& p, const std::string& text) {
  return p.parse(text, [](json::simd_document& d) -> result<M> {
    M m;
    if (auto r = json::read_object(d, m, Fields); !r) return r.error();
    return m;
  });
}

// The views point into a value local to this function: compare only what is not a view.
template <class M, const auto& Fields>
result<M> read_dom(const std::string& text) {
  boost::json::value v;
  if (auto r = json::parse_dom(text, v); !r) return r.error();
  json::dom_document d(v);
  M m;
  if (auto r = json::read_object(d, m, Fields); !r) return r.error();
  return m;
}

template <class M, const auto& Fields>
std::optional<M> read_fast(json::parser& p, const std::string& text) {
  std::optional<M> out;
  (void)p.parse(text, [&](json::simd_document& d) -> result<bool> {
    M m;
    if (json::fast_read_object(d, m, Fields)) out = m;
    return true;
  });
  return out;
}

result<toy> generic(json::parser& p, const std::string& text) { return read_generic<toy, toy_fields>(p, text); }
result<toy> dom(const std::string& text) { return read_dom<toy, toy_fields>(text); }
std::optional<toy> fast(json::parser& p, const std::string& text) { return read_fast<toy, toy_fields>(p, text); }

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
  ASSERT_TRUE(json::write_object(w, m, toy_fields));
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

// The features a Java bean's fields need (JetLinks' reading of Jackson): `null` for no value,
// booleans, objects kept raw, narrower integers, fields shared through a base class, and
// required / defaulted overriding what the member's type says.
struct bean_base {
  std::optional<std::string_view> id;
  json::raw_json headers;
};
struct bean : bean_base {
  bool success = true;
  std::int32_t progress = 0;
  std::optional<std::string_view> version;
  std::optional<std::string_view> slip;  // a key some sender adds: read, never written
};

constexpr auto shared = json::field_list(json::required(json::field("id", &bean_base::id, json::nullable)),
                                         json::field("headers", &bean_base::headers, json::nullable));
template <bool VersionRequired>
constexpr auto bean_fields = json::object<bean>(
    "", std::tuple_cat(shared, json::field_list(json::defaulted(json::field("success", &bean::success, json::nullable)),
                                                json::defaulted(json::field("progress", &bean::progress,
                                                                            json::nullable | json::lenient)),
                                                json::required_if<VersionRequired>(
                                                    json::field("version", &bean::version, json::nullable)),
                                                json::field("slip", &bean::slip, json::nullable | json::decode_only))));

template <bool VersionRequired = false>
result<bean> read_bean(json::parser& p, const std::string& text) {
  return read_generic<bean, bean_fields<VersionRequired>>(p, text);
}

TEST(JsonDeclare, NullIsNoValueOrTheDefaultAndRawObjectsAreKeptAsSent) {
  json::parser p;
  auto sent = read_bean(p, R"({"id":"a","headers":{"k":[1]},"success":false,"progress":"42","version":"1"})");
  ASSERT_TRUE(sent) << sent.error().where();
  EXPECT_EQ(sent->headers.text, R"({"k":[1]})");
  EXPECT_FALSE(sent->success);
  EXPECT_EQ(sent->progress, 42);
  EXPECT_EQ(sent->version, std::optional<std::string_view>("1"));

  auto nulls = read_bean(p, R"({"id":"a","headers":null,"success":null,"progress":null,"version":null})");
  ASSERT_TRUE(nulls);
  EXPECT_TRUE(nulls->headers.empty());
  EXPECT_FALSE(nulls->success);  // a primitive's default, not the member's initialiser
  EXPECT_EQ(nulls->progress, 0);
  EXPECT_FALSE(nulls->version.has_value());

  auto absent = read_bean(p, R"({"id":"a"})");  // defaulted members keep their initialisers
  ASSERT_TRUE(absent);
  EXPECT_TRUE(absent->success);
}

TEST(JsonDeclare, RequiredAndDefaultedOverrideTheMembersType) {
  json::parser p;
  auto null_id = read_bean(p, R"({"id":null})");  // required optional: null holds no value
  ASSERT_FALSE(null_id);
  EXPECT_EQ(null_id.error().code(), errc::missing_field);
  EXPECT_EQ(null_id.error().where(), "id");
  auto no_version = read_bean<true>(p, R"({"id":"a"})");
  ASSERT_FALSE(no_version);
  EXPECT_EQ(no_version.error().where(), "version");
  EXPECT_TRUE(read_bean<false>(p, R"({"id":"a"})"));

  auto list = read_bean(p, R"({"id":"a","headers":[1]})");  // a raw field holds an object only
  ASSERT_FALSE(list);
  EXPECT_EQ(list.error().code(), errc::wrong_type);
  EXPECT_EQ(list.error().where(), "headers");
  auto wide = read_bean(p, R"({"id":"a","progress":2147483648})");  // beyond the member's int32
  ASSERT_FALSE(wide);
  EXPECT_EQ(wide.error().code(), errc::out_of_range);
  auto text = read_bean(p, R"({"id":"a","success":"true"})");
  ASSERT_FALSE(text);
  EXPECT_EQ(text.error().code(), errc::wrong_type);

  bean m;
  EXPECT_EQ(json::check_object(m, bean_fields<false>).error().code(), errc::missing_field);
  m.id = "a";
  EXPECT_TRUE(json::check_object(m, bean_fields<false>));
  EXPECT_EQ(json::check_object(m, bean_fields<true>).error().where(), "version");
}

TEST(JsonDeclare, TheFastPathReadsNullsAndRawObjectsAsTheGenericWalkDoes) {
  json::parser p;
  for (const char* text : {R"({"id":"a","headers":{"k":1},"success":null,"progress":"7","version":null})",
                           R"({"version":"2","progress":3,"id":"b","headers":null})"}) {
    auto g = read_bean(p, text);
    ASSERT_TRUE(g) << text;
    const bean generic = *g;  // its views stay good: the parser reads the same text again
    const auto fast = read_fast<bean, bean_fields<false>>(p, text);
    ASSERT_TRUE(fast.has_value()) << text;
    EXPECT_EQ(fast->id, generic.id);
    EXPECT_EQ(fast->headers.text, generic.headers.text);
    EXPECT_EQ(fast->success, generic.success);
    EXPECT_EQ(fast->progress, generic.progress);
    EXPECT_EQ(fast->version, generic.version);
  }
  // The required id holds no value: declined, the generic walk reports it.
  EXPECT_FALSE((read_fast<bean, bean_fields<false>>(p, R"({"id":null})").has_value()));
}

TEST(JsonDeclare, TheEncoderWritesBooleansRawObjectsAndNarrowIntegersAndLeavesDecodeOnlyFieldsOut) {
  json::parser p;
  auto sent = read_bean(p, R"({"slip":"x","version":"1","progress":"-7","success":false,"headers":{"k":[1,{}]},"id":"a"})");
  ASSERT_TRUE(sent) << sent.error().where();
  EXPECT_EQ(sent->slip, std::optional<std::string_view>("x"));  // read
  const char invalid_utf8[] = {'\xC3', '\0'};
  bean m = *sent;
  m.slip = std::string_view(invalid_utf8, 1);  // never written, so never checked either
  ASSERT_TRUE(json::check_object(m, bean_fields<false>));

  // Through an object the caller opened (a type tag first, as JetLinks' toJson() writes it).
  std::string out;
  json::string_sink sink(out);
  json::writer<json::string_sink> w(sink);
  json::object_writer<json::string_sink> o(w);
  o.string("type", "BEAN");
  ASSERT_TRUE(json::write_fields(o, m, bean_fields<false>));
  o.close();
  EXPECT_EQ(out, R"({"type":"BEAN","id":"a","headers":{"k":[1,{}]},"success":false,"progress":-7,"version":"1"})");

  // Absent optionals are left out; a defaulted primitive is always written.
  bean bare;
  bare.id = "b";
  std::string bare_out;
  json::string_sink bare_sink(bare_out);
  json::writer<json::string_sink> bare_w(bare_sink);
  ASSERT_TRUE(json::write_object(bare_w, bare, bean_fields<false>));
  EXPECT_EQ(bare_out, R"({"id":"b","success":true,"progress":0})");

  // A hand-built raw member that is not JSON is refused, not written as it is.
  bean broken = bare;
  broken.headers.text = "{not json";
  std::string broken_out;
  json::string_sink broken_sink(broken_out);
  json::writer<json::string_sink> broken_w(broken_sink);
  EXPECT_FALSE(json::write_object(broken_w, broken, bean_fields<false>));
}

// Values a family reads and writes itself (json::coded): an enum spelled as a string, and an id
// sent as a number or as a numeric string, written back the way it came.
enum class colour : std::uint8_t { red, green };
struct colour_codec {
  template <class Value>
  static result<colour> read(Value& v, text_id path) {
    auto s = v.string(path);
    if (!s) return s.error();
    if (*s == "red") return colour::red;
    if (*s == "green") return colour::green;
    return fail(errc::invalid_value, path, v.offset());
  }
  template <class Sink>
  static void write(json::writer<Sink>& w, colour c) {
    w.string(c == colour::red ? "red" : "green");
  }
};
struct tagged_id {
  std::int64_t value = 0;
  bool quoted = false;
  friend bool operator==(const tagged_id&, const tagged_id&) = default;
};
struct id_codec {
  template <class Value>
  static result<tagged_id> read(Value& v, text_id path) {
    auto k = v.type(path);
    if (!k) return k.error();
    auto n = v.int64_lenient(path);
    if (!n) return n.error();
    return tagged_id{*n, *k == json::kind::string};
  }
  template <class Sink>
  static void write(json::writer<Sink>& w, const tagged_id& id) {
    if (id.quoted) w.quoted_integer(id.value);
    else w.integer(id.value);
  }
};
struct paint {
  tagged_id id;
  std::optional<colour> colour_of;
  friend bool operator==(const paint&, const paint&) = default;
};
constexpr json::check non_negative_id{errc::out_of_range, [](const tagged_id& id) { return id.value >= 0; }};
constexpr auto paint_fields =
    json::object<paint>("", json::coded<id_codec>(json::field("id", &paint::id, non_negative_id)),
                        json::coded<colour_codec>(json::field("colour", &paint::colour_of, json::nullable)));

result<paint> read_paint(json::parser& p, const std::string& text) { return read_generic<paint, paint_fields>(p, text); }
result<paint> read_paint_dom(const std::string& text) { return read_dom<paint, paint_fields>(text); }
std::optional<paint> read_paint_fast(json::parser& p, const std::string& text) {
  return read_fast<paint, paint_fields>(p, text);
}
std::string write_paint(const paint& m) {
  std::string out;
  json::string_sink sink(out);
  json::writer<json::string_sink> w(sink);
  EXPECT_TRUE(json::write_object(w, m, paint_fields));
  return out;
}

TEST(JsonDeclare, ACodedFieldIsReadByItsCodecOnEveryPathAndWrittenBack) {
  json::parser p;
  for (const auto& [text, expected] : {std::pair<std::string, paint>{R"({"colour":"green","id":"17"})", {{17, true}, colour::green}},
                                       {R"({"id":17,"colour":null})", {{17, false}, std::nullopt}},
                                       {R"({"id":0})", {{0, false}, std::nullopt}}}) {
    auto g = read_paint(p, text);
    ASSERT_TRUE(g) << text;
    EXPECT_EQ(*g, expected) << text;
    auto d = read_paint_dom(text);
    ASSERT_TRUE(d) << text;
    EXPECT_EQ(*d, expected) << text;
    EXPECT_EQ(read_paint_fast(p, text), std::optional<paint>(expected)) << text;
    ASSERT_TRUE(json::check_object(expected, paint_fields));
    auto back = read_paint(p, write_paint(expected));
    ASSERT_TRUE(back);
    EXPECT_EQ(*back, expected) << write_paint(expected);
  }
  EXPECT_EQ(write_paint({{17, true}, colour::green}), R"({"id":"17","colour":"green"})");

  // The codec's own refusal, with its code, the field's path and the value's offset; the
  // field's check after it; the fast path declines both.
  const std::string blue = R"({"id":1,"colour":"blue"})";
  auto refused = read_paint(p, blue);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code(), errc::invalid_value);
  EXPECT_EQ(refused.error().where(), "colour");
  EXPECT_EQ(refused.error().offset(), blue.find("\"blue"));
  EXPECT_FALSE(read_paint_fast(p, blue).has_value());
  const std::string negative = R"({"id":"-3"})";
  auto checked = read_paint(p, negative);
  ASSERT_FALSE(checked);
  EXPECT_EQ(checked.error().code(), errc::out_of_range);
  EXPECT_EQ(checked.error().where(), "id");
  EXPECT_FALSE(read_paint_fast(p, negative).has_value());
  EXPECT_EQ(json::check_object(paint{{-3, false}, std::nullopt}, paint_fields).error().code(), errc::out_of_range);
  auto missing = read_paint(p, R"({"colour":"red"})");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code(), errc::missing_field);
  EXPECT_EQ(missing.error().where(), "id");
}

}  // namespace
