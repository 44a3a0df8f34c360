// Properties: TLV trees round-trip, random bytes decode to an error or to a tree with a canonical
// re-encoding, Object 5 values round-trip per object version, and the client machine stays within
// the values its object version defines while the observer accepts everything it does.
#include "support/lwm2m_arbitrary.hpp"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <algorithm>
#include <array>
#include <string>
#include <vector>

namespace {
using namespace otawire::lwm2m;
using namespace otawire::test::lwm2m;
using otawire::byte_view;

// ---- Object 5: encoder and decoder are inverse on every path, in both payload kinds ----------
// (issue 12 item 5). The models are random and may be invalid (out-of-range enums, Protocol
// Support values above 5, strings over 255 bytes, resources the version or the kind lacks), the
// paths include ones the decoder refuses. The oracle for "the decoder would reject" is a naive
// TLV writer (the allocated tree of lwm2m_oracle.hpp) that writes whatever the model holds
// without any check: encode must succeed exactly when the decoder gives the model back from the
// naive bytes, and then write those same bytes.

const std::vector<std::string>& model_strings() {
  static const std::vector<std::string> pool{"", "coap://fw.example.com/fw.bin", "2.0.1",
                                             std::string(255, 'a'), std::string(256, 'b')};
  return pool;
}
const std::vector<std::vector<std::byte>>& model_packages() {
  static const std::vector<std::vector<std::byte>> pool{
      {}, {std::byte{0}}, {std::byte{0xAB}, std::byte{0xCD}}, std::vector<std::byte>(300, std::byte{7})};
  return pool;
}

rc::Gen<firmware_update> gen_any_firmware_update() {
  return rc::gen::exec([] {
    firmware_update fw;
    // Each resource present one time in three; a value out of its range one time in ten.
    const auto maybe = [] { return *rc::gen::inRange(0, 3) == 0; };
    const auto upto = [](int valid_end, int invalid_end) {
      return *rc::gen::weightedOneOf<int>({{9, rc::gen::inRange(0, valid_end)},
                                           {1, rc::gen::inRange(valid_end, invalid_end)}});
    };
    const auto str = [&] {
      return std::string_view(model_strings()[static_cast<std::size_t>(upto(4, 5))]);  // [4]: 256 B
    };
    if (maybe()) fw.package = byte_view(model_packages()[*rc::gen::inRange<std::size_t>(0, model_packages().size())]);
    if (maybe()) fw.package_uri = str();
    if (maybe()) fw.state = static_cast<fw_state>(upto(4, 256));
    if (maybe()) fw.result = static_cast<update_result>(upto(12, 256));
    if (maybe()) fw.pkg_name = str();
    if (maybe()) fw.pkg_version = str();
    if (maybe()) {
      const int bits = upto(64, 256);
      fw.protocol_support = protocol_set{static_cast<std::uint8_t>(bits),
                                         static_cast<std::uint16_t>(*rc::gen::inRange(0, 3))};
    }
    if (maybe()) fw.delivery = static_cast<delivery_method>(upto(3, 256));
    if (maybe()) fw.update_severity = static_cast<severity>(upto(3, 256));
    if (maybe()) fw.last_state_change_time = *rc::gen::arbitrary<std::int64_t>();
    if (maybe()) fw.maximum_defer_period = *rc::gen::arbitrary<std::uint64_t>();
    if (maybe()) fw.automatic_upgrade = *rc::gen::arbitrary<bool>();
    fw.unknown_resources = static_cast<std::uint16_t>(*rc::gen::inRange(0, 3));
    return fw;
  });
}

rc::Gen<path> gen_object5_path() {
  return rc::gen::weightedOneOf<path>({
      {1, rc::gen::element(path{5, 0, 0, 0, 1}, path{5, 0, 0, 0, 2}, path{5, 1, 0, 0, 2}, path{5, 1, 3, 0, 3},
                       path{3, 0, 0, 0, 2}, path{5, 0, 65535, 0, 3}, path{5, 0, 8, 65535, 4},
                       path{5, 0, 3, 0, 4}, path{5, 0, 0, 0, 0}, path{5, 0, 8, 0, 5})},
      {4, rc::gen::element(path{5, 0, 0, 0, 1}, path{5, 0, 0, 0, 2})},
      {3, rc::gen::map(rc::gen::inRange(0, 17),
                       [](int rid) { return path{5, 0, static_cast<std::uint16_t>(rid), 0, 3}; })},
      {1, rc::gen::map(rc::gen::inRange(0, 4),
                       [](int ri) { return path{5, 0, 8, static_cast<std::uint16_t>(ri), 4}; })}});
}

// The model's resources as TLV nodes in ID order, values as they are (no range or kind check).
tlv_tree naive_resources(const firmware_update& fw, unsigned_policy policy) {
  tlv_tree out;
  const auto value = [&](std::uint16_t id, byte_view v) {
    out.push_back(tlv_node{tlv_kind::resource, id, {v.begin(), v.end()}, {}});
  };
  const auto integer = [&](std::uint16_t id, std::int64_t v) { value(id, encode_integer(v).view()); };
  if (fw.package) value(0, *fw.package);
  if (fw.package_uri) value(1, otawire::as_bytes(*fw.package_uri));
  if (fw.state) integer(3, static_cast<std::int64_t>(*fw.state));
  if (fw.result) integer(5, static_cast<std::int64_t>(*fw.result));
  if (fw.pkg_name) value(6, otawire::as_bytes(*fw.pkg_name));
  if (fw.pkg_version) value(7, otawire::as_bytes(*fw.pkg_version));
  if (fw.protocol_support) {
    tlv_node mr{tlv_kind::multiple_resource, 8, {}, {}};
    std::uint16_t instance = 0;
    for (unsigned b = 0; b < 8; ++b) {
      if (!((fw.protocol_support->bits >> b) & 1u)) continue;
      const auto v = encode_integer(b);
      mr.children.push_back(tlv_node{tlv_kind::resource_instance, instance++, {v.view().begin(), v.view().end()}, {}});
    }
    out.push_back(mr);
  }
  if (fw.delivery) integer(9, static_cast<std::int64_t>(*fw.delivery));
  if (fw.update_severity) integer(11, static_cast<std::int64_t>(*fw.update_severity));
  if (fw.last_state_change_time) integer(12, *fw.last_state_change_time);
  if (fw.maximum_defer_period) value(13, encode_unsigned(*fw.maximum_defer_period, policy).view());
  if (fw.automatic_upgrade) value(14, encode_boolean(*fw.automatic_upgrade).view());
  return out;
}

tlv_tree naive_payload(const firmware_update& fw, const path& p, unsigned_policy policy) {
  auto resources = naive_resources(fw, policy);
  if (p.depth == 1) return {tlv_node{tlv_kind::object_instance, 0, {}, std::move(resources)}};
  if (p.depth == 3) {
    for (auto& n : resources) {
      if (n.id == p.resource) return {n};
    }
    return {};
  }
  if (p.depth == 4) {
    // Each Protocol Support value as a Resource Instance named by the path.
    tlv_tree out;
    for (const auto& n : resources) {
      if (n.id != 8 || p.resource != 8) continue;
      for (auto ri : n.children) {
        ri.id = p.resource_instance;
        out.push_back(ri);
      }
    }
    return out;
  }
  return resources;
}

// What a payload for `p` can say about `fw`: the named resource only below /5/0, and never the
// decode-side counters.
firmware_update projection(const firmware_update& fw, const path& p) {
  firmware_update out;
  if (p.depth <= 2) {
    out = fw;
  } else {
    const auto id = static_cast<fw_resource>(p.resource);
    if (id == fw_resource::package) out.package = fw.package;
    if (id == fw_resource::package_uri) out.package_uri = fw.package_uri;
    if (id == fw_resource::state) out.state = fw.state;
    if (id == fw_resource::update_result) out.result = fw.result;
    if (id == fw_resource::pkg_name) out.pkg_name = fw.pkg_name;
    if (id == fw_resource::pkg_version) out.pkg_version = fw.pkg_version;
    if (id == fw_resource::protocol_support) out.protocol_support = fw.protocol_support;
    if (id == fw_resource::delivery_method) out.delivery = fw.delivery;
    if (id == fw_resource::severity) out.update_severity = fw.update_severity;
    if (id == fw_resource::last_state_change_time) out.last_state_change_time = fw.last_state_change_time;
    if (id == fw_resource::maximum_defer_period) out.maximum_defer_period = fw.maximum_defer_period;
    if (id == fw_resource::automatic_upgrade) out.automatic_upgrade = fw.automatic_upgrade;
  }
  out.unknown_resources = 0;
  if (out.protocol_support) out.protocol_support->ignored_values = 0;
  return out;
}

// Drops the resources that `opt` cannot carry, so that half of the models can be encoded.
void fit(firmware_update& fw, const encode_options& opt) {
  for (const auto& r : firmware_resources) {
    const bool carried = r.since <= opt.version &&
                         (opt.kind == payload_kind::read_response ? readable(r.ops) : writable(r.ops));
    if (carried) continue;
    switch (static_cast<fw_resource>(r.id)) {
      case fw_resource::package: fw.package.reset(); break;
      case fw_resource::package_uri: fw.package_uri.reset(); break;
      case fw_resource::state: fw.state.reset(); break;
      case fw_resource::update_result: fw.result.reset(); break;
      case fw_resource::pkg_name: fw.pkg_name.reset(); break;
      case fw_resource::pkg_version: fw.pkg_version.reset(); break;
      case fw_resource::protocol_support: fw.protocol_support.reset(); break;
      case fw_resource::delivery_method: fw.delivery.reset(); break;
      case fw_resource::severity: fw.update_severity.reset(); break;
      case fw_resource::last_state_change_time: fw.last_state_change_time.reset(); break;
      case fw_resource::maximum_defer_period: fw.maximum_defer_period.reset(); break;
      case fw_resource::automatic_upgrade: fw.automatic_upgrade.reset(); break;
      default: break;
    }
  }
}

RC_GTEST_PROP(Lwm2mProperties, Object5EncoderAndDecoderAreInverseOnEveryPathAndKind, ()) {
  auto fw = *gen_any_firmware_update();
  const auto p = *gen_object5_path();
  const encode_options opt{*rc::gen::arbitrary<object_version>(),
                           *rc::gen::element(payload_kind::read_response, payload_kind::write_request),
                           *rc::gen::element(unsigned_policy::top_bit_clear, unsigned_policy::minimal)};
  if (*rc::gen::arbitrary<bool>()) fit(fw, opt);
  const decode_options dopt{opt.version, opt.kind};
  RC_TAG(static_cast<int>(p.depth), static_cast<int>(opt.kind));

  // encoded_size and encode run the same checks: same verdict, same error, same size.
  std::vector<std::byte> out(4096);
  const auto size = encoded_size(fw, p, opt);
  const auto written = encode_firmware_update(fw, p, out, opt);
  RC_ASSERT(size.has_value() == written.has_value());
  if (!size) {
    RC_ASSERT(size.error().code() == written.error().code());
    RC_ASSERT(size.error().where() == written.error().where());
    RC_ASSERT(size.error().code() != otawire::errc::buffer_too_small);
  } else {
    RC_ASSERT(*size == *written);
  }

  // Encode succeeds exactly where the decoder gives the model back from the naive bytes.
  // (A naive payload the TLV writer refuses, such as two Resource Instances with the path's one
  // ID, is one no decoder takes either.)
  const auto naive = encode_tree(naive_payload(fw, p, opt.unsigned_encoding));
  const auto expected = projection(fw, p);
  bool decoder_gives_it_back = false;
  if (naive) {
    const auto from_naive = decode_firmware_update(*naive, p, dopt);
    decoder_gives_it_back = from_naive.has_value() && *from_naive == expected;
  }
  RC_ASSERT(written.has_value() == decoder_gives_it_back);
  if (!written) return;
  RC_TAG("encoded");

  // decode(encode(x)) == x, and the bytes are the canonical ones.
  const byte_view bytes = byte_view(out).first(*written);
  RC_ASSERT(std::vector<std::byte>(bytes.begin(), bytes.end()) == *naive);
  const auto back = decode_firmware_update(bytes, p, dopt);
  RC_ASSERT(back.has_value());
  RC_ASSERT(*back == expected);
  // The exact size is enough, one byte less is not.
  std::vector<std::byte> exact(*size);
  RC_ASSERT(encode_firmware_update(fw, p, exact, opt).has_value());
  if (*size > 0) {
    std::vector<std::byte> short_by_one(*size - 1);
    RC_ASSERT(encode_firmware_update(fw, p, short_by_one, opt).error().code() == otawire::errc::buffer_too_small);
  }
}

RC_GTEST_PROP(Lwm2mProperties, TreeRoundTrips, (const tlv_tree& tree)) {
  const auto bytes = encode_tree(tree);
  RC_ASSERT(bytes.has_value());
  const auto back = decode_tree(*bytes);
  RC_ASSERT(back.has_value());
  RC_ASSERT(*back == tree);
}

RC_GTEST_PROP(Lwm2mProperties, RandomBytesAreAnErrorOrReencodeCanonically,
              (const std::vector<std::uint8_t>& raw)) {
  std::vector<std::byte> in(raw.size());
  for (std::size_t i = 0; i < raw.size(); ++i) in[i] = std::byte{raw[i]};
  const auto tree = decode_tree(in);
  if (!tree) {
    RC_ASSERT(tree.error().has_offset());
    RC_ASSERT(tree.error().offset() <= in.size());
    RC_ASSERT(!tree.error().where().empty());
    return;
  }
  const auto canonical = encode_tree(*tree);
  RC_ASSERT(canonical.has_value());
  RC_ASSERT(canonical->size() <= in.size());  // canonical is never longer
  const auto again = decode_tree(*canonical);
  RC_ASSERT(again.has_value());
  RC_ASSERT(*again == *tree);
  RC_ASSERT(*encode_tree(*again) == *canonical);
}

RC_GTEST_PROP(Lwm2mProperties, MutatedCanonicalTreesNeverCrash, (const tlv_tree& tree, std::size_t at,
                                                                 std::uint8_t value)) {
  auto bytes = encode_tree(tree);
  RC_ASSERT(bytes.has_value());
  if (bytes->empty()) return;
  (*bytes)[at % bytes->size()] = std::byte{value};
  const auto t = decode_tree(*bytes);
  if (t) RC_ASSERT(*decode_tree(*encode_tree(*t)) == *t);
}

RC_GTEST_PROP(Lwm2mProperties, FirmwareReadResponsesRoundTrip, (object_version v)) {
  auto fw = *gen_firmware_update(v);
  fw.package.reset();  // write-only: never in a Read response
  for (const path p : {path{5, 0, 0, 0, 1}, path{5, 0, 0, 0, 2}}) {
    const auto size = encoded_size(fw, p, encode_options{v});
    RC_ASSERT(size.has_value());
    std::vector<std::byte> out(*size);
    const auto n = encode_firmware_update(fw, p, out, encode_options{v});
    RC_ASSERT(n.has_value());
    RC_ASSERT(*n == *size);
    const auto back = decode_firmware_update(out, p, decode_options{v});
    RC_ASSERT(back.has_value());
    RC_ASSERT(*back == fw);
  }
}

RC_GTEST_PROP(Lwm2mProperties, FirmwareWritesRoundTrip, (object_version v)) {
  const auto all = *gen_firmware_update(v);
  firmware_update fw;  // only the writable resources
  fw.package = all.package;
  fw.package_uri = all.package_uri;
  fw.update_severity = all.update_severity;
  fw.maximum_defer_period = all.maximum_defer_period;
  fw.automatic_upgrade = all.automatic_upgrade;
  const path p{5, 0, 0, 0, 2};
  const encode_options write{v, payload_kind::write_request};
  std::vector<std::byte> out(*encoded_size(fw, p, write));
  RC_ASSERT(encode_firmware_update(fw, p, out, write).has_value());
  const auto back = decode_firmware_update(out, p, decode_options{v, payload_kind::write_request});
  RC_ASSERT(back.has_value());
  RC_ASSERT(*back == fw);
}

RC_GTEST_PROP(Lwm2mProperties, SingleResourceRoundTrip, (object_version v)) {
  auto fw = *gen_firmware_update(v);
  fw.package.reset();
  for (const auto& r : firmware_resources) {
    if (r.since > v || !readable(r.ops)) continue;
    const path p{5, 0, r.id, 0, 3};
    const auto size = encoded_size(fw, p, encode_options{v});
    if (!size || *size == 0) continue;
    std::vector<std::byte> out(*size);
    RC_ASSERT(encode_firmware_update(fw, p, out, encode_options{v}).has_value());
    const auto back = decode_firmware_update(out, p, decode_options{v});
    RC_ASSERT(back.has_value());
    // Exactly that resource comes back.
    firmware_update expected;
    switch (static_cast<fw_resource>(r.id)) {
      case fw_resource::package_uri: expected.package_uri = fw.package_uri; break;
      case fw_resource::state: expected.state = fw.state; break;
      case fw_resource::update_result: expected.result = fw.result; break;
      case fw_resource::pkg_name: expected.pkg_name = fw.pkg_name; break;
      case fw_resource::pkg_version: expected.pkg_version = fw.pkg_version; break;
      case fw_resource::protocol_support: expected.protocol_support = fw.protocol_support; break;
      case fw_resource::delivery_method: expected.delivery = fw.delivery; break;
      case fw_resource::severity: expected.update_severity = fw.update_severity; break;
      case fw_resource::last_state_change_time: expected.last_state_change_time = fw.last_state_change_time; break;
      case fw_resource::maximum_defer_period: expected.maximum_defer_period = fw.maximum_defer_period; break;
      case fw_resource::automatic_upgrade: expected.automatic_upgrade = fw.automatic_upgrade; break;
      default: break;
    }
    RC_ASSERT(*back == expected);
  }
}

RC_GTEST_PROP(Lwm2mProperties, ClientStaysInItsVersionAndObserverAgrees,
              (object_version v, const std::vector<std::pair<client_event, update_result>>& events,
               const std::vector<bool>& shown)) {
  firmware_client client(v);
  firmware_observer strict(v, observe_mode::strict);
  firmware_observer lenient(v, observe_mode::lenient);
  RC_ASSERT(strict.observe(client.state(), client.last_result()).has_value());
  RC_ASSERT(lenient.observe(client.state(), client.last_result()).has_value());
  std::size_t i = 0;
  for (const auto& [event, reason] : events) {
    const auto before_state = client.state();
    const auto before_result = client.last_result();
    const auto r = client.apply(event, reason);
    RC_ASSERT(client_invariant(client));
    RC_ASSERT(r.state == client.state());
    RC_ASSERT(r.result == client.last_result());
    if (r.rejection) {
      // Refused (a CoAP error code) or impossible (no answer): nothing changes.
      RC_ASSERT(client.state() == before_state);
      RC_ASSERT(client.last_result() == before_result);
      RC_ASSERT(r.response != coap_code::changed);
      RC_ASSERT(!r.rejection->where().empty());
    } else {
      RC_ASSERT((r.response == coap_code::changed) == is_server_operation(event));
    }
    RC_ASSERT(strict.observe(client.state(), client.last_result()).has_value());
    // The lenient observer sees only some notifications.
    if (i < shown.size() && shown[i]) {
      RC_ASSERT(lenient.observe(client.state(), client.last_result()).has_value());
    }
    ++i;
  }
}

// The host's fast encoder (`detail::encode_fast`, behind encode_firmware_update) against the
// checked one (`detail::encode_checked`): the same size and bytes, or the same error, for values
// in and out of range, resources the version or kind cannot carry, every path shape, and buffers
// from empty to ample. (Out of range: a value the fast path must hand to the checked encoder.)
RC_GTEST_PROP(Lwm2mEncode, FastPathWritesWhatTheCheckedEncoderWrites, ()) {
  auto fw = *gen_any_firmware_update();
  const encode_options opt{*rc::gen::arbitrary<object_version>(),
                           *rc::gen::element(payload_kind::read_response, payload_kind::write_request),
                           *rc::gen::element(unsigned_policy::top_bit_clear, unsigned_policy::minimal)};
  // Mostly what the version and kind carry (`fit`), so that the fast path runs to the end.
  if (*rc::gen::inRange(0, 4) != 0) fit(fw, opt);
  // Half the cases: one of the present values set at or just past its range's end (or far past
  // it), or a String over 255 bytes, which the fast path must hand to the checked encoder.
  const auto edge = [](int max) {
    return static_cast<std::uint8_t>(*rc::gen::weightedElement<int>({{1, max}, {2, max + 1}, {1, 255}}));
  };
  static const std::string too_long(256, 'x');
  std::vector<int> present;
  if (fw.state) present.push_back(0);
  if (fw.result) present.push_back(1);
  if (fw.delivery) present.push_back(2);
  if (fw.update_severity) present.push_back(3);
  if (fw.protocol_support) present.push_back(4);
  if (fw.pkg_name) present.push_back(5);
  if (!present.empty() && *rc::gen::arbitrary<bool>()) {
    switch (*rc::gen::elementOf(present)) {
      case 0: fw.state = static_cast<fw_state>(edge(3)); break;
      case 1: fw.result = static_cast<update_result>(edge(max_update_result(opt.version))); break;
      case 2: fw.delivery = static_cast<delivery_method>(edge(2)); break;
      case 3: fw.update_severity = static_cast<severity>(edge(2)); break;
      case 4: fw.protocol_support->bits = static_cast<std::uint8_t>(edge(63)); break;
      default: fw.pkg_name = std::string_view(too_long); break;
    }
  }
  const path target = *rc::gen::weightedElement<path>({
      {4, path{.object = 5, .depth = 1}},
      {4, path{.object = 5, .instance = 0, .depth = 2}},
      {1, path{.object = 5, .instance = 1, .depth = 2}},
      {1, path{.object = 5, .instance = 0, .resource = 3, .depth = 3}},
      {1, path{.object = 5, .instance = 0, .resource = 8, .resource_instance = 0, .depth = 4}},
      {1, path{.object = 4, .depth = 1}}});
  const auto size = encoded_size(fw, target, opt);
  const std::size_t room = size ? *size : 300;
  const std::size_t capacity = *rc::gen::weightedElement<std::size_t>(
      {{1, 0}, {1, room > 0 ? room - 1 : 0}, {2, room}, {1, room + 1}, {3, room + 300}, {2, std::size_t{1} << 20}});
  std::vector<std::byte> fast_out(capacity, std::byte{0xEE});
  std::vector<std::byte> checked_out(capacity, std::byte{0xEE});
  const auto fast = otawire::lwm2m::detail::encode_fast(fw, target, fast_out, opt);
  const auto checked = otawire::lwm2m::detail::encode_checked(fw, target, checked_out, opt);
  RC_CLASSIFY(checked.has_value() && target.depth <= 2, "encoded by the fast path");
  RC_ASSERT(fast.has_value() == checked.has_value());
  if (!checked) {
    RC_ASSERT(fast.error() == checked.error());
    return;
  }
  RC_ASSERT(*fast == *checked);
  RC_ASSERT(std::equal(fast_out.begin(), fast_out.begin() + static_cast<std::ptrdiff_t>(*fast), checked_out.begin()));
}


// The /5 and /5/0 decode fast path (object5.hpp, `decode_instance_fast`) against the general
// decoder alone (`decode_firmware_update_general`): on canonical Read responses, on the
// same payloads with one byte changed or cut short (other shapes, broken rules: the fast path
// must hand them over), and with the resources reversed (out of ascending order), the verdict, the
// error (code, rule, offset) and the decoded value agree.
RC_GTEST_PROP(Lwm2mProperties, Object5FastDecodeAgreesWithTheGeneralDecoder, ()) {
  // A Read response of an object 1.2 client (every readable resource may be present); `v` and
  // `kind` then decide what the decoder accepts (a Write decoder refuses read-only resources).
  auto fw = *gen_firmware_update(object_version::v1_2);
  fw.package.reset();  // write-only: never in a Read response
  const object_version v = *rc::gen::arbitrary<object_version>();
  const payload_kind kind = *rc::gen::weightedElement<payload_kind>(
      {{3, payload_kind::read_response}, {1, payload_kind::write_request}});
  const path target = *rc::gen::element(path{5, 0, 0, 0, 1}, path{5, 0, 0, 0, 2});
  const encode_options eopt{object_version::v1_2};
  const auto size = encoded_size(fw, target, eopt);
  RC_ASSERT(size.has_value());
  std::vector<std::byte> bytes(*size);
  RC_ASSERT(encode_firmware_update(fw, target, bytes, eopt).has_value());
  switch (*rc::gen::inRange(0, 4)) {
    case 0: break;
    case 1:
      bytes[*rc::gen::inRange<std::size_t>(0, bytes.size())] = std::byte{*rc::gen::arbitrary<std::uint8_t>()};
      break;
    case 2: bytes.resize(*rc::gen::inRange<std::size_t>(0, bytes.size())); break;
    default: {
      // The Object Instance's resources in descending ID order: the general decoder's rule 9
      // check, which the fast path leaves to it.
      const auto tree = decode_tree(bytes);
      RC_ASSERT(tree.has_value());
      auto reversed = *tree;
      if (!reversed.empty() && reversed.front().kind == tlv_kind::object_instance) {
        std::reverse(reversed.front().children.begin(), reversed.front().children.end());
      }
      const auto again = encode_tree(reversed);
      RC_ASSERT(again.has_value());
      bytes = *again;
      break;
    }
  }
  const decode_options opt{v, kind};
  firmware_update general;
  const auto expected = detail::decode_firmware_update_general(bytes, target, general, opt);
  firmware_update decoded;
  const auto got = decode_firmware_update(bytes, target, decoded, opt);
  RC_ASSERT(got.has_value() == expected.has_value());
  if (!got) {
    RC_ASSERT(got.error() == expected.error());
  } else {
    RC_ASSERT(decoded == general);
  }
}

}  // namespace
