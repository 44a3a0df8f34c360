// Object 5 decode. The first byte picks object version, payload kind, content format and path;
// the rest is the payload. Oracle: whatever decodes re-encodes (as TLV, same path and payload
// kind; encoded_size agreeing with the bytes written) and decodes to the same value, apart from
// what an encoder cannot carry (skipped unknown resources, ignored protocol values).
#include "support/lwm2m_oracle.hpp"

#include <array>
#include <bit>
#include <cstdlib>
#include <vector>

namespace {
using namespace otawire::lwm2m;
using otawire::test::lwm2m::tlv_node;

// Differential oracle for /5, /5/0 and /5/0/<rid>: the payload is strictly valid, and every resource the
// decoder reports sits in the allocated tree as a Resource (a Multiple Resource for 8) with the
// same value; every known resource of the tree is reported.
void check_against_tree(otawire::byte_view payload, const firmware_update& fw, object_version v) {
  const auto tree = otawire::test::lwm2m::decode_tree(payload);
  if (!tree) std::abort();
  if (!tree->empty() && tree->front().kind == tlv_kind::resource_instance) {
    // The bare form of /5/0/8 (S7): the whole payload is Protocol Support.
    if (!fw.protocol_support || fw.state || fw.result || fw.package_uri) std::abort();
    return;
  }
  const std::vector<tlv_node>* level = &*tree;
  if (!tree->empty() && tree->front().kind == tlv_kind::object_instance) {
    if (tree->size() != 1 || tree->front().id != 0) std::abort();
    level = &tree->front().children;
  }
  const auto find = [&](std::uint16_t id) -> const tlv_node* {
    for (const auto& n : *level) {
      if (n.id == id) return &n;
    }
    return nullptr;
  };
  const auto int_of = [](const tlv_node* n) {
    auto x = decode_integer(n->value);
    if (!x) std::abort();
    return *x;
  };
  const auto single = [&](std::uint16_t id, bool present) -> const tlv_node* {
    const auto* n = find(id);
    if ((n != nullptr) != present) std::abort();
    if (n && n->kind != tlv_kind::resource) std::abort();
    return n;
  };
  if (const auto* n = single(3, fw.state.has_value()); n && int_of(n) != static_cast<int>(*fw.state)) std::abort();
  if (const auto* n = single(5, fw.result.has_value()); n && int_of(n) != static_cast<int>(*fw.result)) std::abort();
  if (const auto* n = single(9, fw.delivery.has_value()); n && int_of(n) != static_cast<int>(*fw.delivery)) std::abort();
  if (const auto* n = single(1, fw.package_uri.has_value()); n && n->value.size() != fw.package_uri->size()) std::abort();
  if (const auto* n = single(0, fw.package.has_value()); n && n->value.size() != fw.package->size()) std::abort();
  (void)single(6, fw.pkg_name.has_value());
  (void)single(7, fw.pkg_version.has_value());
  if (v != object_version::v1_0) {
    (void)single(11, fw.update_severity.has_value());
    (void)single(12, fw.last_state_change_time.has_value());
    (void)single(13, fw.maximum_defer_period.has_value());
  }
  if (v == object_version::v1_2) (void)single(14, fw.automatic_upgrade.has_value());
  const auto* protocols = find(8);
  if ((protocols != nullptr) != fw.protocol_support.has_value()) std::abort();
  if (protocols) {
    if (protocols->kind != tlv_kind::multiple_resource) std::abort();
    if (protocols->children.size() <
        static_cast<std::size_t>(std::popcount(fw.protocol_support->bits)) + fw.protocol_support->ignored_values) {
      std::abort();
    }
  }
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace otawire::lwm2m;
  if (size < 2) return 0;
  const std::uint8_t selector = data[0];
  const std::uint8_t id_selector = data[1];
  const otawire::byte_view payload(reinterpret_cast<const std::byte*>(data + 2), size - 2);
  const auto version = static_cast<object_version>(selector % 3);
  const auto kind = (selector >> 2) & 1 ? payload_kind::write_request : payload_kind::read_response;
  constexpr std::array<content_format, 4> formats{content_format::tlv, content_format::legacy_tlv,
                                                  content_format::text, content_format::opaque};
  const auto format = formats[(selector >> 3) & 3];
  // Paths: /5, /5/0, /5/0/<rid 0..15>, /5/0/8/<ri>.
  const unsigned which = selector >> 5;  // 0..7
  path target{5, 0, 0, 0, 1};
  if (which == 1) target.depth = 2;
  if (which >= 2 && which <= 6) {
    target.depth = 3;
    target.resource = static_cast<std::uint16_t>(id_selector % 16);
  }
  if (which == 7) target = path{5, 0, 8, static_cast<std::uint16_t>(id_selector % 4), 4};
  // Now and then a path naming instance 1 of the single-instance object: always rejected.
  if (target.depth >= 2 && id_selector >= 0xF8) target.instance = 1;

  const auto fw = decode_firmware_update(payload, target, decode_options{version, kind, format});
  // The /5 and /5/0 fast path against the general decoder alone: the same verdict, the same error
  // (code, rule, offset), the same value.
  firmware_update general;
  const auto g = detail::decode_firmware_update_general(payload, target, general,
                                                        decode_options{version, kind, format});
  if (g.has_value() != fw.has_value()) std::abort();
  if (!g && !(g.error() == fw.error())) std::abort();
  if (g && !(general == *fw)) std::abort();
  if (!fw) {
    if (fw.error().where().empty()) std::abort();
    if (fw.error().has_offset() && fw.error().offset() > payload.size()) std::abort();
    return 0;
  }
  if (target.instance != 0) std::abort();
  if (format == content_format::tlv && target.depth <= 3) check_against_tree(payload, *fw, version);
  // The encoder is the decoder's inverse in the same payload kind and on the same path (the
  // decode-side counters are not encoded). It may refuse only what no payload could give back:
  // a resource this version does not define (/5/0/<rid>, counted as unknown), or a lone Resource
  // Instance of /5/0/8/<ri> whose value was ignored.
  firmware_update expected = *fw;
  expected.unknown_resources = 0;
  if (expected.protocol_support) expected.protocol_support->ignored_values = 0;
  const encode_options opt{version, kind};
  const auto size_needed = encoded_size(*fw, target, opt);
  std::vector<std::byte> out(size_needed ? *size_needed : 0);
  const auto written = encode_firmware_update(*fw, target, out, opt);
  if (size_needed.has_value() != written.has_value()) std::abort();
  if (!written) {
    if (size_needed.error().where() != written.error().where()) std::abort();
    const bool skipped = fw->unknown_resources != 0 ||
                         (target.depth == 4 && fw->protocol_support->ignored_values != 0);
    if (!skipped) std::abort();
    return 0;
  }
  if (*written != out.size()) std::abort();
  const auto back = decode_firmware_update(out, target, decode_options{version, kind});
  if (!back || !(*back == expected)) std::abort();
  return 0;
}
