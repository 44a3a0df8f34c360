// Properties: TLV trees round-trip, random bytes decode to an error or to a tree with a canonical
// re-encoding, Object 5 values round-trip per object version, and the client machine stays within
// the values its object version defines while the observer accepts everything it does.
#include "support/lwm2m_arbitrary.hpp"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <vector>

namespace {
using namespace otawire::lwm2m;
using namespace otawire::test::lwm2m;

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
    RC_ASSERT(tree.error().offset <= in.size());
    RC_ASSERT(!tree.error().where.empty());
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
  std::vector<std::byte> out(*encoded_size(fw, p, encode_options{v}));
  RC_ASSERT(encode_firmware_update(fw, p, out, encode_options{v}).has_value());
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
      RC_ASSERT(!r.rejection->where.empty());
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

}  // namespace
