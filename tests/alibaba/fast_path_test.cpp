// The simdjson decoder's fast path (alibaba/detail/fast.hpp): it takes the spec's and the SDKs'
// messages itself (a fast path that always declined would pass every other test and gain
// nothing), decodes them as the generic walk does, and declines whatever the generic walk must
// decide, which then gives the same message or the same error as it does alone, through every
// simdjson entry point of codec.hpp.
#include "alibaba/fast_cases.hpp"
#include "alibaba/spec_examples.hpp"

#include <otawire/alibaba.hpp>

#include <gtest/gtest.h>

#include <array>
#include <cstddef>
#include <string>
#include <string_view>

namespace {
namespace ab = otawire::alibaba;
using namespace otawire::test::alibaba;

// Whether the fast path alone accepts `text` on a topic of `kind`, and the message it gives.
struct fast_outcome {
  bool taken = false;
  ab::message message;
};
fast_outcome run_fast(otawire::json::parser& p, ab::topic_kind kind, std::string_view text) {
  fast_outcome out;
  const auto r = p.parse(text, [&](otawire::json::simd_document& d) -> otawire::result<bool> {
    return ab::detail::fast_message(d, kind, out.message);
  });
  out.taken = r && *r;
  return out;
}

// The generic walk alone, as the decoder ran it before the fast path.
otawire::result<ab::message> run_generic(otawire::json::parser& p, ab::topic_kind kind, std::string_view text) {
  ab::message m;
  auto r = p.parse(text, [&](otawire::json::simd_document& d) { return ab::detail::decode_payload(kind, d, m); });
  if (!r) return r.error();
  return m;
}

bool same(const otawire::result<ab::message>& a, const otawire::result<ab::message>& b) {
  if (a.has_value() != b.has_value()) return false;
  return a ? *a == *b : a.error() == b.error();
}
// The same for a decode into `m`.
bool same(const otawire::result<void>& r, const ab::message& m, const otawire::result<ab::message>& b) {
  if (r.has_value() != b.has_value()) return false;
  return r ? m == *b : r.error() == b.error();
}

// The payload of the case named `name`.
template <std::size_t N>
std::string_view case_text(const std::array<spec_example, N>& cases, std::string_view name) {
  for (const auto& e : cases) {
    if (e.name == name) return e.text;
  }
  ADD_FAILURE() << "no case " << name;
  return {};
}

ab::topic topic_of(ab::topic_kind kind) { return ab::topic{kind, "a1pk", "dev"}; }

// Through each simdjson entry point of codec.hpp: copied and zero-copy into a message, returning
// one, and the contract's mqtt_publish / padded_publish (the topic as text). Each must agree
// with the generic walk alone.
void expect_entry_points_agree(ab::topic_kind kind, std::string_view text) {
  otawire::json::parser generic;
  otawire::json::parser decoder;
  const auto alone = run_generic(generic, kind, text);
  const auto t = topic_of(kind);

  ab::message m;
  EXPECT_TRUE(same(ab::decode_payload_into(decoder, t, text, m), m, alone));
  const simdjson::padded_string padded(text);
  ab::message z;
  EXPECT_TRUE(same(ab::decode_payload_into(decoder, t, simdjson::padded_string_view(padded), z), z, alone));
  EXPECT_TRUE(same(ab::decode_payload(decoder, t, text), alone));

  const auto topic_text = ab::format_topic(t);
  ASSERT_TRUE(topic_text.has_value());
  // Each compared before the next decode: an unescaped string lives in the parser until then.
  const auto published = ab::decode(decoder, otawire::mqtt_publish{*topic_text, text});
  EXPECT_TRUE(published ? alone && published->message == *alone : !alone && published.error() == alone.error());
  const auto padded_published = ab::decode(decoder, otawire::json::padded_publish{*topic_text, simdjson::padded_string_view(padded)});
  EXPECT_TRUE(padded_published ? alone && padded_published->message == *alone
                               : !alone && padded_published.error() == alone.error());
}

TEST(AlibabaFastPath, TakesTheSpecMessagesAndDecodesThemAsTheGenericWalk) {
  otawire::json::parser fast;
  otawire::json::parser generic;
  for (const auto& e : spec_examples) {
    SCOPED_TRACE(std::string(e.name));
    const auto f = run_fast(fast, e.kind, e.text);
    const auto g = run_generic(generic, e.kind, e.text);
    // The examples as published, with "*" in their digests, are refused (json/fields.hpp): the
    // fast path leaves them to the generic walk, which reports.
    EXPECT_EQ(f.taken, !e.masked_digest);
    ASSERT_EQ(g.has_value(), !e.masked_digest);
    if (f.taken) {
      EXPECT_EQ(f.message, *g);
    }
    expect_entry_points_agree(e.kind, e.text);
  }
}

TEST(AlibabaFastPath, TakesTheUsualVariations) {
  otawire::json::parser fast;
  otawire::json::parser generic;
  for (const auto& e : fast_taken) {
    SCOPED_TRACE(std::string(e.name));
    const auto f = run_fast(fast, e.kind, e.text);
    ASSERT_TRUE(f.taken);
    const auto g = run_generic(generic, e.kind, e.text);
    ASSERT_TRUE(g.has_value());
    EXPECT_EQ(f.message, *g);
    expect_entry_points_agree(e.kind, e.text);
  }
}

// A few of the variations, value by value (the generic walk could share a mistake).
TEST(AlibabaFastPath, TheLastOccurrenceWins) {
  otawire::json::parser p;
  const auto params = run_fast(p, topic_kind::inform, case_text(fast_taken, "duplicate_params"));
  ASSERT_TRUE(params.taken);
  const auto& inform = std::get<ab::inform>(params.message);
  EXPECT_EQ(inform.version, "2");
  EXPECT_FALSE(inform.module);  // forgotten with the first `params`

  const auto id = run_fast(p, topic_kind::progress, case_text(fast_taken, "duplicate_id"));
  ASSERT_TRUE(id.taken);
  EXPECT_EQ(std::get<ab::progress>(id.message).id, (ab::message_id{2, true}));

  const auto data = run_fast(p, topic_kind::upgrade, case_text(fast_taken, "upgrade_duplicate_data"));
  ASSERT_TRUE(data.taken);
  const auto& push = std::get<ab::upgrade>(data.message);
  EXPECT_EQ(push.data.size, 2u);
  EXPECT_FALSE(push.data.module);

  const auto reply = run_fast(p, topic_kind::firmware_get_reply, case_text(fast_taken, "reply_data_then_empty"));
  ASSERT_TRUE(reply.taken);
  EXPECT_FALSE(std::get<ab::firmware_get_reply>(reply.message).data);
}

TEST(AlibabaFastPath, ReadsMultiFilePackagesAndPushesOnTheRequestTopic) {
  otawire::json::parser p;
  const auto files = run_fast(p, topic_kind::upgrade, case_text(fast_taken, "upgrade_files"));
  ASSERT_TRUE(files.taken);
  const auto& package = std::get<ab::upgrade>(files.message).data;
  ASSERT_EQ(package.files().size(), 2u);
  EXPECT_EQ(package.files()[1].name, "b.bin");
  EXPECT_EQ(package.files()[1].size, 6u);
  EXPECT_EQ(package.sign_method, ab::digest_algorithm::md5);

  const auto push = run_fast(p, topic_kind::request, case_text(fast_taken, "request_push"));
  ASSERT_TRUE(push.taken);
  EXPECT_EQ(std::get<ab::upgrade>(push.message).id, (ab::message_id{3, false}));
  const auto request = run_fast(p, topic_kind::request, iotkit3_inform);
  ASSERT_TRUE(request.taken);
  EXPECT_EQ(std::get<ab::version_request>(request.message).version, "1.0.0");
}

TEST(AlibabaFastPath, DeclinesWhatTheGenericWalkMustDecide) {
  otawire::json::parser fast;
  for (const auto& e : fast_declined) {
    SCOPED_TRACE(std::string(e.name));
    EXPECT_FALSE(run_fast(fast, e.kind, e.text).taken);
    expect_entry_points_agree(e.kind, e.text);
  }
}

TEST(AlibabaFastPath, AfterADeclineTheGenericWalkReportsExactly) {
  otawire::json::parser p;
  const auto t = topic_of(topic_kind::inform);
  // An escaped known key is that key.
  const auto escaped = ab::decode_payload(p, t, std::string_view(R"({"i\u0064":1,"params":{"version":"1"}})"));
  ASSERT_TRUE(escaped.has_value());
  EXPECT_EQ(std::get<ab::inform>(*escaped).id, (ab::message_id{1, false}));
  // A failed first occurrence is forgotten when a later one succeeds.
  ASSERT_TRUE(ab::decode_payload(p, t, std::string_view(R"({"id":-1,"id":1,"params":{"version":"1"}})")).has_value());
  // A failed check is the generic walk's error, with its path and offset.
  constexpr std::string_view text = R"({"id":1,"params":{"version":""}})";
  const auto empty = ab::decode_payload(p, t, text);
  ASSERT_FALSE(empty.has_value());
  EXPECT_EQ(empty.error().code(), otawire::errc::bad_length);
  EXPECT_EQ(empty.error().where(), "params.version");
  EXPECT_EQ(empty.error().offset(), text.find(R"("")"));
  // A package rule checked after the walk (check_package) keeps its path.
  const auto mismatch = ab::decode_payload(p, topic_of(topic_kind::upgrade), case_text(fast_declined, "sign_method_mismatch"));
  ASSERT_FALSE(mismatch.has_value());
  EXPECT_EQ(mismatch.error().code(), otawire::errc::bad_string);
  EXPECT_EQ(mismatch.error().where(), "data.sign");
}

}  // namespace
