// Input: "<topic>\n<json>" (or only "<json>"). Oracles: a parsed topic formats back to the same
// text; a decoded message obeys the decoder's invariants (check), round trips through encode
// (both styles) and value_from; the session validator only ever fails with a named rule.
#include "support/tencent_oracle.hpp"

#include <cstdlib>
#include <string_view>

namespace tc = otawire::tencent;

namespace {
void check_error(const otawire::error& e, std::size_t size) {
  if (e.has_offset() && e.offset() > size + 1) std::abort();
  if (e.code() == otawire::errc{}) std::abort();
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static otawire::json::parser parser;
  static otawire::json::parser check;
  static tc::session session;
  std::string_view input(reinterpret_cast<const char*>(data), size);
  std::string_view topic_text;
  if (const auto nl = input.find('\n'); nl != std::string_view::npos && input.substr(0, 1) == "$") {
    topic_text = input.substr(0, nl);
    input.remove_prefix(nl + 1);
    if (auto t = tc::parse_topic(topic_text)) {
      auto again = tc::format_topic(*t);
      if (!again || *again != topic_text) std::abort();
    } else {
      check_error(t.error(), topic_text.size());
    }
  }
  auto decoded = topic_text.empty() ? tc::decode_payload(parser, input) : [&]() -> otawire::result<tc::message> {
    auto e = tc::decode(parser, otawire::mqtt_publish{topic_text, input});
    if (!e) return e.error();
    if (tc::topic_of(tc::type_of(e->message)) != e->topic.kind) std::abort();
    return e->message;
  }();
  if (!decoded) {
    check_error(decoded.error(), topic_text.size() > input.size() ? topic_text.size() : input.size());
    return 0;
  }
  const tc::message& m = *decoded;
  if (!tc::check(m)) std::abort();
  if (!otawire::test::tencent::round_trips(check, m)) std::abort();
  if (auto v3 = tc::encode(m, tc::profile::c_sdk_v3)) {
    auto back = tc::decode_payload(check, *v3);
    if (!back || !(*back == m)) std::abort();
  }
  if (auto r = session.on(m); !r) {
    if (r.error().code() != otawire::errc::rule_violation || r.error().where().empty() || r.error().state().empty()) std::abort();
  }
  return 0;
}
