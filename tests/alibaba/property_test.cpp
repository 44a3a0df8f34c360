// Properties: every generated message round-trips through the encoder and both decoders agree on
// it; random legal sessions pass the validator, and one mutated message is rejected by the rule
// the mutation breaks, in the state it breaks it in.
#include "support/alibaba_arbitrary.hpp"
#include "support/reference_documents.hpp"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <string>
#include <string_view>
#include <vector>

namespace {
namespace ab = otawire::alibaba;
using namespace otawire::test::alibaba;

RC_GTEST_PROP(AlibabaProperty, EncodedMessagesDecodeToThemselves, (const generated_message& g)) {
  static otawire::json::parser parser;
  for (const auto p : {ab::profile::compact, ab::profile::link_sdk}) {
    const std::string text = ab::encode(g.value, p).value();
    ab::message decoded;
    auto r = ab::decode_payload_into(parser, topic_for(g.kind), text, decoded);
    RC_ASSERT(r.has_value());
    RC_ASSERT(decoded == g.value);
  }
}

// The hand-written encoder writes the bytes of the value built key by key (the senders' key orders,
// tests/support/reference_documents.hpp) in all three forms, `extData` from either backend; the Link SDK profile adds one space
// after the comma that follows an uplink message's `id`, its first member.
RC_GTEST_PROP(AlibabaProperty, HandWriterWritesWhatTheValueWrites, (const generated_message& g)) {
  const std::string expected = otawire::json::to_string(otawire_test::reference::value_of(g.value));
  RC_ASSERT(ab::encode(g.value).value() == expected);
  RC_ASSERT(ab::encoded_size(g.value).value() == expected.size());
  std::vector<char> buffer(expected.size());
  RC_ASSERT(ab::encode(g.value, buffer).value() == expected.size());
  RC_ASSERT(std::string_view(buffer.data(), buffer.size()) == expected);
  buffer.pop_back();
  const auto refused = ab::encode(g.value, buffer);
  RC_ASSERT(!refused.has_value());
  RC_ASSERT(refused.error().code() == otawire::errc::buffer_too_small);
  RC_ASSERT(refused.error().offset() == expected.size());
  const bool uplink = otawire::alibaba::direction_of(ab::topic_of(g.value)) == otawire::direction::device_to_platform;
  std::string spaced = expected;
  if (uplink) spaced.insert(expected.find(',') + 1, " ");
  RC_ASSERT(ab::encode(g.value, ab::profile::link_sdk).value() == spaced);
  RC_ASSERT(ab::encoded_size(g.value, ab::profile::link_sdk).value() == spaced.size());
  // A package decoded from a Boost.JSON value: its extData points into the value.
  const boost::json::value v = boost::json::parse(expected);
  const auto from_dom = ab::decode_payload_dom(topic_for(g.kind), v);
  RC_ASSERT(from_dom.has_value());
  RC_ASSERT(ab::encode(*from_dom).value() == expected);
}

RC_GTEST_PROP(AlibabaProperty, RoundTripOracleHolds, (const generated_message& g)) {
  static otawire::json::parser first, second;
  const std::string text = ab::encode(g.value).value();
  RC_ASSERT(round_trip(first, second, g.kind, text) == "");
}

RC_GTEST_PROP(AlibabaProperty, BothDecodersAgree, (const generated_message& g)) {
  static otawire::json::parser parser;
  const std::string text = ab::encode(g.value).value();
  RC_ASSERT(differential(parser, g.kind, text) == "");
  // ... also on the same text cut short (malformed) or with a key renamed (a required key missing).
  const auto cut = *rc::gen::inRange<std::size_t>(0, text.size());
  RC_ASSERT(differential(parser, g.kind, text.substr(0, cut)) == "");
  std::string renamed = text;
  if (const auto at = renamed.find("\"id\""); at != std::string::npos) renamed[at + 1] = 'I';
  RC_ASSERT(differential(parser, g.kind, renamed) == "");
}

RC_GTEST_PROP(AlibabaProperty, LegalSessionsPass, (const legal_session& s)) {
  ab::session v;
  for (const auto& step : s.steps) {
    auto r = v.on(step.topic, step.value);
    RC_ASSERT(r.has_value());
  }
  for (const auto& r : s.rounds) {
    const auto* m = v.find("a1pk", "dev", r.module.value_or(ab::default_module));
    RC_ASSERT(m != nullptr);
    RC_ASSERT(m->state() == (r.succeeded ? ab::session_state::succeeded : ab::session_state::failed));
  }
}

RC_GTEST_PROP(AlibabaProperty, OneMutatedMessageIsRejectedByTheRightRule, (const legal_session& s)) {
  const auto m = *gen::mutation(s);
  RC_ASSERT(m.index < m.steps.size());
  ab::session v;
  bool rejected = false;
  for (std::size_t i = 0; i < m.steps.size(); ++i) {
    auto r = v.on(m.steps[i].topic, m.steps[i].value);
    if (i < m.index) {
      RC_ASSERT(r.has_value());
      continue;
    }
    RC_ASSERT(!r.has_value());
    RC_ASSERT(r.error().code() == otawire::errc::rule_violation);
    RC_ASSERT(r.error().where() == m.rule);
    RC_ASSERT(r.error().state() == m.state);
    rejected = true;
    break;
  }
  RC_ASSERT(rejected);
}

}  // namespace
