// The conformance suite of the protocol contract (docs/contract.md, issue 13 item 2): the same
// typed tests over all seven protocols, each reached only through the contract's entries:
// - every message type generated (the protocols' own rapidcheck generators), encoded and put on
//   its transport (an MQTT publish, a CoAP payload with its direction, a CoAP exchange), decodes
//   through `decode(transport)` to an envelope holding the same message, travelling the way the
//   message does;
// - decoding does not allocate (the zero-copy entry, a warm parser);
// - random and damaged input never crashes, and every refusal names where it failed, at an offset
//   inside the input; what a damaged input decodes to encodes and decodes again to itself;
// - a session validator fed random contract-decoded messages either accepts or rejects with
//   `rule_violation`, naming rule and state, and a rejection leaves its state unchanged.
// A protocol is one `*_protocol` struct below: its transport ("wire"), generator and session.
#include "support/alloc_counter.hpp"
#include "support/alibaba_arbitrary.hpp"
#include "support/alibaba_oracle.hpp"
#include "support/ctwing_arbitrary.hpp"
#define OTAWIRE_TEST_WITH_RAPIDCHECK   // huawei_arbitrary.hpp's generators
#define OTAWIRE_TESTS_WITH_RAPIDCHECK  // jetlinks_arbitrary.hpp's
#include "support/huawei_arbitrary.hpp"
#include "support/jetlinks_arbitrary.hpp"
#include "support/lwm2m_arbitrary.hpp"
#include "support/pcp_arbitrary.hpp"
#include "support/tencent_arbitrary.hpp"

#include <otawire/alibaba.hpp>
#include <otawire/ctwing.hpp>
#include <otawire/huawei.hpp>
#include <otawire/jetlinks.hpp>
#include <otawire/lwm2m.hpp>
#include <otawire/pcp.hpp>
#include <otawire/tencent.hpp>

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>
#include <simdjson.h>

#include <cstddef>
#include <cstring>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace {
namespace json = otawire::json;
using otawire::direction;

// --- the transports ------------------------------------------------------------------------------

/// An MQTT publish that owns its text.
struct mqtt_wire {
  std::string topic;
  std::string payload;
  [[nodiscard]] std::size_t size() const { return payload.size(); }
};

/// A CoAP payload (a PCP frame) that owns its bytes.
struct pcp_wire {
  std::vector<std::byte> bytes;
  direction dir = direction::device_to_platform;
  [[nodiscard]] std::size_t size() const { return bytes.size(); }
};

/// A CoAP exchange on Object 5 that owns its path and payload.
struct lwm2m_wire {
  otawire::coap_operation operation = otawire::coap_operation::notify;
  std::string path;
  std::uint16_t content_format = 11542;
  std::vector<std::byte> payload;
  otawire::lwm2m::object_version version = otawire::lwm2m::object_version::v1_2;
  [[nodiscard]] std::size_t size() const { return payload.size(); }
};

/// What a JSON family's wire decodes through: the contract's two MQTT entries.
template <class Family>
struct json_decoder {
  json::parser parser;
  simdjson::padded_string padded;
  auto operator()(const mqtt_wire& w) { return Family::decode(parser, otawire::mqtt_publish{w.topic, w.payload}); }
  auto in_place(const mqtt_wire& w) {
    return Family::decode(parser, json::padded_publish{w.topic, simdjson::padded_string_view(padded)});
  }
  void prepare_in_place(const mqtt_wire& w) { padded = simdjson::padded_string(w.payload); }
};

/// What a CoAP protocol's wire decodes through (no state to keep).
template <class Protocol>
struct coap_decoder {
  auto operator()(const typename Protocol::wire& w) { return Protocol::decode(w); }
  auto in_place(const typename Protocol::wire& w) { return Protocol::decode(w); }
  void prepare_in_place(const typename Protocol::wire&) {}
};

// A byte-exact copy of a session, to tell whether a rejected message changed it.
template <class Session>
struct snapshot {
  static_assert(std::is_trivially_copyable_v<Session>);
  explicit snapshot(const Session& s) { std::memcpy(bytes, &s, sizeof(Session)); }
  [[nodiscard]] bool same_as(const Session& s) const { return std::memcmp(bytes, &s, sizeof(Session)) == 0; }
  unsigned char bytes[sizeof(Session)];
};

// --- the seven protocols -------------------------------------------------------------------------

struct tencent_protocol {
  using wire = mqtt_wire;
  using owned = otawire::test::tencent::owned_message;
  using message = otawire::tencent::message;
  using decoder = json_decoder<tencent_protocol>;
  using session = otawire::tencent::session;
  static constexpr std::size_t max_state = 32;
  static rc::Gen<owned> gen() { return rc::gen::arbitrary<owned>(); }
  static const message& view(const owned& o) { return o.message; }
  // The three encode forms (docs/contract.md), under one name each for the typed tests.
  static auto encoded_size(const message& m) { return otawire::tencent::encoded_size(m); }
  static auto encode_into(const message& m, std::span<char> out) { return otawire::tencent::encode(m, out); }
  static auto encode_text(const message& m) { return otawire::tencent::encode(m); }
  // Written by hand: sizing and writing into a buffer allocate nothing.
  static bool encodes_without_allocating(const message&) { return true; }
  static std::optional<wire> encode(const message& m) {
    namespace tc = otawire::tencent;
    auto text = tc::encode(m);
    if (!text) return std::nullopt;
    return wire{tc::format_topic(tc::topic{tc::topic_of(tc::type_of(m)), "LWVUL5SZ2L", "dev1"}).value(), *text};
  }
  static direction dir(const message& m) { return otawire::tencent::direction_of(otawire::tencent::type_of(m)); }
  template <class P, class Publish>
  static auto decode(P& p, const Publish& w) { return otawire::tencent::decode(p, w); }
  template <class E>
  static auto feed(session& s, const E& e) { return s.on(e.message); }
};

struct ctwing_protocol {
  using wire = mqtt_wire;
  using owned = otawire::test::ctwing::owned_message;
  using message = otawire::ctwing::message;
  using decoder = json_decoder<ctwing_protocol>;
  using session = otawire::ctwing::session;
  static constexpr std::size_t max_state = 32;
  static rc::Gen<owned> gen() { return otawire::test::ctwing::gen_message(); }
  static message view(const owned& o) { return o.view(); }
  // The three encode forms (docs/contract.md), under one name each for the typed tests.
  static auto encoded_size(const message& m) { return otawire::ctwing::encoded_size(m); }
  static auto encode_into(const message& m, std::span<char> out) { return otawire::ctwing::encode(m, out); }
  static auto encode_text(const message& m) { return otawire::ctwing::encode(m); }
  // Written by hand: sizing and writing into a buffer allocate nothing.
  static bool encodes_without_allocating(const message&) { return true; }
  static std::optional<wire> encode(const message& m) {
    namespace cw = otawire::ctwing;
    auto text = cw::encode(m);
    if (!text) return std::nullopt;
    return wire{cw::format_topic(cw::topic_of(m)).value(), *text};
  }
  static direction dir(const message& m) { return otawire::ctwing::direction_of(otawire::ctwing::topic_of(m)); }
  template <class P, class Publish>
  static auto decode(P& p, const Publish& w) { return otawire::ctwing::decode(p, w); }
  template <class E>
  static auto feed(session& s, const E& e) { return s.on(e.message); }
};

struct jetlinks_protocol {
  using wire = mqtt_wire;
  using owned = otawire::test::jetlinks::owned_message;
  using message = otawire::jetlinks::message;
  using decoder = json_decoder<jetlinks_protocol>;
  using session = otawire::jetlinks::session;
  static constexpr std::size_t max_state = 32;
  // Generated messages, on a device whose id can be a topic level (the generator's ids hold '/',
  // '+', controls: the codec's own tests cover those; here the device's own topic carries it).
  static rc::Gen<owned> gen() {
    return rc::gen::map(rc::gen::arbitrary<owned>(), [](owned o) {
      std::visit([](auto& x) { x.device_id = "dev-1"; }, o.msg);
      return o;
    });
  }
  static const message& view(const owned& o) { return o.msg; }
  // The three encode forms (docs/contract.md), under one name each for the typed tests.
  static auto encoded_size(const message& m) { return otawire::jetlinks::encoded_size(m); }
  static auto encode_into(const message& m, std::span<char> out) { return otawire::jetlinks::encode(m, out); }
  static auto encode_text(const message& m) { return otawire::jetlinks::encode(m); }
  // Written by hand; only a raw field holding the sender's text is parsed (allocating) to be
  // written as Boost.JSON writes it.
  static bool encodes_without_allocating(const message& m) {
    return std::visit(
        [](const auto& x) {
          bool text = !x.headers.text.empty();
          if constexpr (requires { x.properties; }) text = text || !x.properties.text.empty();
          if constexpr (requires { x.parameters; }) text = text || !x.parameters.text.empty();
          return !text;
        },
        m);
  }
  static std::optional<wire> encode(const message& m) {
    namespace jl = otawire::jetlinks;
    // On the device's own topic, as the platform publishes: the deviceId comes back from it. A
    // message without one has no topic of its own (the platform writes "null" there).
    const auto device = jl::device_id_of(m);
    if (!device || device->empty()) return std::nullopt;
    auto e = jl::encode_for_device(m, "prod-a");
    if (!e) return std::nullopt;
    return wire{e->topic, e->payload};
  }
  static direction dir(const message& m) { return otawire::jetlinks::direction_of(otawire::jetlinks::type_of(m)); }
  template <class P, class Publish>
  static auto decode(P& p, const Publish& w) { return otawire::jetlinks::decode(p, w); }
  template <class E>
  static auto feed(session& s, const E& e) { return s.on(e.message); }
};

struct huawei_protocol {
  using wire = mqtt_wire;
  using owned = otawire::test::huawei::owned_message;
  using message = otawire::huawei::message;
  using decoder = json_decoder<huawei_protocol>;
  using session = otawire::huawei::session;
  static constexpr std::size_t max_state = 32;  // per device: huawei::device_state
  static rc::Gen<owned> gen() { return rc::gen::arbitrary<owned>(); }
  static const message& view(const owned& o) { return o.msg; }
  // The three encode forms (docs/contract.md), under one name each for the typed tests.
  static auto encoded_size(const message& m) { return otawire::huawei::encoded_size(m); }
  static auto encode_into(const message& m, std::span<char> out) { return otawire::huawei::encode(m, out); }
  static auto encode_text(const message& m) { return otawire::huawei::encode(m); }
  // Written by hand; only a raw field holding the sender's text (`task_ext_info`, another
  // service's `paras`) is parsed (allocating), to be checked and laid out as the profile prints it.
  static bool encodes_without_allocating(const message& m) {
    namespace hw = otawire::huawei;
    for (const auto& e : m.events()) {
      if (const auto* q = e.get<hw::version_query>(); q != nullptr && !q->task_ext_info.text.empty()) return false;
      if (const auto* u = e.get<hw::upgrade_notification>(); u != nullptr && !u->task_ext_info.text.empty()) return false;
      if (const auto* x = e.get<hw::other_service_event>(); x != nullptr && !x->paras.text.empty()) return false;
    }
    return true;
  }
  static std::optional<wire> encode(const message& m) {
    namespace hw = otawire::huawei;
    auto text = hw::encode(m);
    if (!text) return std::nullopt;
    // Huawei decodes every event on either topic (the session checks directions): the uplink.
    return wire{hw::format_topic(hw::topic{"dev-1", direction::device_to_platform}).value(), *text};
  }
  static direction dir(const message&) { return direction::device_to_platform; }
  template <class P, class Publish>
  static auto decode(P& p, const Publish& w) { return otawire::huawei::decode(p, w); }
  template <class E>
  static auto feed(session& s, const E& e) { return s.on(e.topic, e.message); }
};

// The module an Alibaba message names (none: a firmware_get_reply without a package).
std::optional<std::string_view> alibaba_module(const otawire::alibaba::message& m) {
  return std::visit(
      [](const auto& x) -> std::optional<std::string_view> {
        if constexpr (requires { x.module_name(); }) {
          return x.module_name();
        } else {
          if (!x.data) return std::nullopt;
          return x.data->module_name();
        }
      },
      m);
}

struct alibaba_protocol {
  using wire = mqtt_wire;
  using owned = otawire::test::alibaba::generated_message;
  using message = otawire::alibaba::message;
  using decoder = json_decoder<alibaba_protocol>;
  using session = otawire::alibaba::session;
  static constexpr std::size_t max_state = 32;  // per device and module: alibaba::module_session
  static rc::Gen<owned> gen() { return rc::gen::arbitrary<owned>(); }
  static const message& view(const owned& o) { return o.value; }
  // The three encode forms (docs/contract.md), under one name each for the typed tests.
  static auto encoded_size(const message& m) { return otawire::alibaba::encoded_size(m); }
  static auto encode_into(const message& m, std::span<char> out) { return otawire::alibaba::encode(m, out); }
  static auto encode_text(const message& m) { return otawire::alibaba::encode(m); }
  // Written by hand; only an `extData` holding the sender's text is parsed (allocating) to be
  // written as Boost.JSON writes it.
  static bool encodes_without_allocating(const message& m) {
    namespace ab = otawire::alibaba;
    if (const auto* u = std::get_if<ab::upgrade>(&m)) return u->data.ext_data.text.empty();
    if (const auto* r = std::get_if<ab::firmware_get_reply>(&m); r != nullptr && r->data) {
      return r->data->ext_data.text.empty();
    }
    return true;
  }
  static std::optional<wire> encode(const message& m) {
    namespace ab = otawire::alibaba;
    auto text = ab::encode(m);
    if (!text) return std::nullopt;
    return wire{ab::format_topic(ab::topic{otawire::alibaba::topic_of(m), "a1pk", "dev"}).value(), *text};
  }
  static direction dir(const message& m) { return otawire::alibaba::direction_of(otawire::alibaba::topic_of(m)); }
  template <class P, class Publish>
  static auto decode(P& p, const Publish& w) { return otawire::alibaba::decode(p, w); }
  template <class E>
  static auto feed(session& s, const E& e) { return s.on(e.topic, e.message); }
};

struct pcp_protocol {
  using wire = pcp_wire;
  using owned = otawire::pcp::message;
  using message = otawire::pcp::message;
  using decoder = coap_decoder<pcp_protocol>;
  using session = otawire::pcp::platform_session;
  // The platform's rules (versions as fingerprints) are 32 B, asserted as `platform_rules` in
  // session.hpp; beside them the task clock, three 8-byte timestamps (the policy is the task's,
  // passed in). The device's session is 32 B on devices.
  static constexpr std::size_t max_state = 56;
  static rc::Gen<owned> gen() { return otawire::test::pcp::gen_message(); }
  static const message& view(const owned& o) { return o; }
  static std::optional<wire> encode(const message& m) {
    std::vector<std::byte> out(otawire::pcp::encoded_size(m));
    if (!otawire::pcp::encode(m, out)) return std::nullopt;
    return wire{out, otawire::pcp::direction_of(m)};
  }
  static direction dir(const message& m) { return otawire::pcp::direction_of(m); }
  static auto decode(const wire& w) { return otawire::pcp::decode(otawire::coap_payload{w.bytes, w.dir}); }
  template <class E>
  static auto feed(session& s, const E& e) { return s.on(e.message); }
};

/// An Object 5 exchange the generator made: the operation, the path, and the resources.
struct lwm2m_message {
  otawire::coap_operation operation = otawire::coap_operation::notify;
  otawire::lwm2m::path target{5, 0, 0, 0, 2};
  otawire::lwm2m::firmware_update resources{};
  otawire::lwm2m::object_version version = otawire::lwm2m::object_version::v1_2;
};
inline std::ostream& operator<<(std::ostream& os, const lwm2m_message& m) {
  return os << otawire::name(m.operation) << " depth " << int{m.target.depth};
}

struct lwm2m_protocol {
  using wire = lwm2m_wire;
  using owned = lwm2m_message;
  using message = lwm2m_message;
  using decoder = coap_decoder<lwm2m_protocol>;
  using session = otawire::lwm2m::firmware_observer;
  static constexpr std::size_t max_state = 32;
  static rc::Gen<owned> gen() {
    namespace l = otawire::lwm2m;
    return rc::gen::exec([] {
      lwm2m_message m;
      m.version = *rc::gen::element(l::object_version::v1_0, l::object_version::v1_1, l::object_version::v1_2);
      m.operation = *rc::gen::element(otawire::coap_operation::read_response, otawire::coap_operation::notify,
                                      otawire::coap_operation::write, otawire::coap_operation::write_partial);
      const bool up = otawire::direction_of(m.operation) == direction::device_to_platform;
      m.resources = otawire::test::lwm2m::carried_by(*otawire::test::lwm2m::gen_firmware_update(m.version),
                                                      up ? l::payload_kind::read_response : l::payload_kind::write_request);
      if (*rc::gen::arbitrary<bool>()) m.target = l::path{5, 0, 0, 0, 1};
      return m;
    });
  }
  static const message& view(const owned& o) { return o; }
  static std::optional<wire> encode(const message& m) {
    namespace l = otawire::lwm2m;
    const bool up = otawire::direction_of(m.operation) == direction::device_to_platform;
    const l::encode_options opt{m.version, up ? l::payload_kind::read_response : l::payload_kind::write_request, {}};
    const auto size = l::encoded_size(m.resources, m.target, opt);
    if (!size) return std::nullopt;
    wire w{m.operation, m.target.depth == 1 ? "/5" : "/5/0", 11542, std::vector<std::byte>(*size), m.version};
    if (!l::encode_firmware_update(m.resources, m.target, w.payload, opt)) return std::nullopt;
    return w;
  }
  static direction dir(const message& m) { return otawire::direction_of(m.operation); }
  static auto decode(const wire& w) {
    return otawire::lwm2m::decode(otawire::coap_exchange{w.operation, w.path, w.content_format, w.payload}, w.version);
  }
  template <class E>
  static auto feed(session& s, const E& e) { return s.observe(e.message.state, e.message.result); }
};

// How each protocol's envelope holds the message it was made from.
template <class P, class E>
bool holds(const E& e, const typename P::message& m) {
  if constexpr (std::is_same_v<P, lwm2m_protocol>) {
    return e.operation == m.operation && e.target == m.target && e.message == m.resources;
  } else {
    return e.message == m;
  }
}

// Damages an encoded input: 1–3 byte edits (overwrite, erase, insert).
template <class Wire>
Wire damaged(Wire w) {
  auto edit = [](auto& seq) {
    using T = std::decay_t<decltype(seq[0])>;
    const auto edits = *rc::gen::inRange(1, 4);
    for (int i = 0; i < edits; ++i) {
      const auto pick = [] { return T(*rc::gen::element<unsigned char>('"', '{', '}', ',', ':', '1', '-', 'x', ' ', '\\', 0, 0xFF, 0x80)); };
      if (seq.empty()) {
        seq.insert(seq.begin(), pick());
        continue;
      }
      const auto at = *rc::gen::inRange<std::size_t>(0, seq.size());
      switch (*rc::gen::inRange(0, 3)) {
        case 0: seq[at] = pick(); break;
        case 1: seq.erase(seq.begin() + static_cast<std::ptrdiff_t>(at)); break;
        default: seq.insert(seq.begin() + static_cast<std::ptrdiff_t>(at), pick()); break;
      }
    }
  };
  if constexpr (std::is_same_v<Wire, mqtt_wire>) edit(w.payload);
  else if constexpr (std::is_same_v<Wire, pcp_wire>) edit(w.bytes);
  else edit(w.payload);
  return w;
}

template <class P>
class Conformance : public ::testing::Test {};
using protocols = ::testing::Types<pcp_protocol, lwm2m_protocol, tencent_protocol, ctwing_protocol, jetlinks_protocol,
                                   huawei_protocol, alibaba_protocol>;
TYPED_TEST_SUITE(Conformance, protocols);

TYPED_TEST(Conformance, SessionStateIsSmall) {
  using P = TypeParam;
  if constexpr (std::is_same_v<P, huawei_protocol>) {
    static_assert(sizeof(otawire::huawei::device_state) <= P::max_state);
  } else if constexpr (std::is_same_v<P, alibaba_protocol>) {
    static_assert(sizeof(otawire::alibaba::module_session) <= P::max_state);
  } else {
    static_assert(sizeof(typename P::session) <= P::max_state);
  }
  SUCCEED();
}

TYPED_TEST(Conformance, EveryMessageRoundTripsThroughTheTransportWithoutAllocating) {
  using P = TypeParam;
  const bool held = rc::check([] {
    const auto owned = *P::gen();
    const auto& m = P::view(owned);
    const auto w = P::encode(m);
    RC_ASSERT(w.has_value());  // the generators make encodable messages only
    typename P::decoder d;
    const auto copied = d(*w);
    if (!copied) RC_LOG() << "refused at '" << copied.error().where() << "'\n";
    RC_ASSERT(copied.has_value());
    RC_ASSERT(holds<P>(*copied, m));
    RC_ASSERT(copied->dir() == P::dir(m));
    d.prepare_in_place(*w);
    (void)d.in_place(*w);  // warm: the parser sizes itself once
    std::size_t allocations = 0;
    {
      const otawire::test::allocation_scope scope;
      const auto zero_copy = d.in_place(*w);
      allocations = scope.count();
      RC_ASSERT(zero_copy.has_value());
    }
    RC_ASSERT(allocations == 0u);
  });
  EXPECT_TRUE(held);
}

// The JSON families' encode: the exact size first, then the caller's buffer or a string of that
// size, the same bytes each way; a buffer one byte short is refused with the size it needs, and
// nothing is written past the buffer.
template <class P>
class JsonEncodeConformance : public ::testing::Test {};
using json_protocols =
    ::testing::Types<tencent_protocol, ctwing_protocol, jetlinks_protocol, huawei_protocol, alibaba_protocol>;
TYPED_TEST_SUITE(JsonEncodeConformance, json_protocols);

TYPED_TEST(JsonEncodeConformance, TheExactSizeFirstThenTheCallersBufferOrAString) {
  using P = TypeParam;
  const bool held = rc::check([] {
    const auto owned = *P::gen();
    const auto& m = P::view(owned);
    const auto text = P::encode_text(m);
    RC_ASSERT(text.has_value());
    std::size_t allocations = 0;
    std::vector<char> buffer(text->size() + 1, '#');
    {
      const otawire::test::allocation_scope scope;
      const auto size = P::encoded_size(m);
      const auto written = P::encode_into(m, std::span(buffer).first(text->size()));
      allocations = scope.count();
      RC_ASSERT(size.has_value());
      RC_ASSERT(*size == text->size());
      RC_ASSERT(written.has_value());
      RC_ASSERT(*written == text->size());
    }
    if (P::encodes_without_allocating(m)) RC_ASSERT(allocations == 0u);
    RC_ASSERT(std::string_view(buffer.data(), text->size()) == *text);
    RC_ASSERT(buffer.back() == '#');
    const auto short_write = P::encode_into(m, std::span(buffer).first(text->size() - 1));
    RC_ASSERT(!short_write.has_value());
    RC_ASSERT(short_write.error().code() == otawire::errc::buffer_too_small);
    RC_ASSERT(short_write.error().offset() == text->size());
  });
  EXPECT_TRUE(held);
}

TYPED_TEST(Conformance, DamagedInputIsRefusedWithAPlaceOrDecodesToAStableMessage) {
  using P = TypeParam;
  const bool held = rc::check([] {
    const auto owned = *P::gen();
    const auto w = P::encode(P::view(owned));
    RC_ASSERT(w.has_value());
    const auto bad = damaged(*w);
    typename P::decoder d;
    const auto e = d(bad);
    if (!e) {
      RC_LOG() << "code " << otawire::description(e.error().code()) << " at '" << e.error().where() << "' offset "
               << e.error().offset() << "\n";
      // The rule or JSON path, except for malformed JSON, which the offset alone places.
      if (e.error().code() == otawire::errc::malformed_json) RC_ASSERT(e.error().has_offset());
#if !defined(OTAWIRE_DEVICE_PROFILE)
      else RC_ASSERT(!e.error().where().empty());
#endif
      if (e.error().has_offset()) RC_ASSERT(e.error().offset() <= bad.size());
      return;
    }
    // Whatever it decoded to is a message of the protocol: encoded and decoded again, the same.
    if constexpr (!std::is_same_v<P, lwm2m_protocol>) {
      const auto again = P::encode(e->message);
      if (!again) return;  // accepted leniently (a form the encoder does not write), not re-encodable
      typename P::decoder d2;
      const auto back = d2(*again);
      RC_ASSERT(back.has_value());
      RC_ASSERT(back->message == e->message);
    }
  });
  EXPECT_TRUE(held);
}

// Each protocol's session state, as the rejection check reads it.
template <class P>
struct session_probe {
  typename P::session session{};
  template <class E>
  bool unchanged_by_rejected(const E& e) {
    if constexpr (std::is_same_v<P, huawei_protocol>) {
      // The device's state (a gateway's child: its own) before and after; nothing inserted or evicted.
      const auto device = e.identity().message_device();
      const auto before = session.state(device);
      const auto count = session.device_count();
      const auto evictions = session.evictions();
      const auto r = P::feed(session, e);
      check_rejection(r);
      return r.has_value() ||
             (session.state(device) == before && session.device_count() == count && session.evictions() == evictions);
    } else if constexpr (std::is_same_v<P, alibaba_protocol>) {
      // The (device, module) machine the message names, before and after; nothing inserted or evicted.
      const auto module = alibaba_module(e.message);
      const auto state_of = [&]() -> int {
        const auto* m = module ? session.find(e.topic.product_key, e.topic.device_name, *module) : nullptr;
        return m != nullptr ? static_cast<int>(m->state()) : -1;
      };
      const auto before = state_of();
      const auto size = session.size();
      const auto evictions = session.evictions();
      const auto r = P::feed(session, e);
      check_rejection(r);
      return r.has_value() || (state_of() == before && session.size() == size && session.evictions() == evictions);
    } else {
      const snapshot<typename P::session> before(session);
      const auto r = P::feed(session, e);
      check_rejection(r);
      return r.has_value() || before.same_as(session);
    }
  }
  template <class R>
  static void check_rejection(const R& r) {
    if (r) return;
    RC_LOG() << "rejected: " << r.error().where() << " in " << r.error().state() << "\n";
    RC_ASSERT(r.error().code() == otawire::errc::rule_violation);
#if !defined(OTAWIRE_DEVICE_PROFILE)
    RC_ASSERT(!r.error().where().empty());
    RC_ASSERT(!r.error().state().empty());
#endif
  }
};

TYPED_TEST(Conformance, ARejectedMessageNamesRuleAndStateAndChangesNothing) {
  using P = TypeParam;
  const bool held = rc::check([] {
    const auto count = *rc::gen::inRange(1, 12);
    std::vector<typename P::owned> owned;  // the decoded envelopes view their wires and messages
    std::vector<typename P::wire> wires;
    owned.reserve(static_cast<std::size_t>(count));
    wires.reserve(static_cast<std::size_t>(count));
    session_probe<P> probe;
    typename P::decoder d;
    for (int i = 0; i < count; ++i) {
      owned.push_back(*P::gen());
      auto w = P::encode(P::view(owned.back()));
      RC_ASSERT(w.has_value());
      wires.push_back(std::move(*w));
      const auto e = d(wires.back());
      RC_ASSERT(e.has_value());
      RC_ASSERT(probe.unchanged_by_rejected(*e));
    }
  });
  EXPECT_TRUE(held);
}

}  // namespace
