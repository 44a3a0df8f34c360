// rapidcheck generators for otawire::lwm2m: depth-bounded TLV trees (unique IDs per level, never
// ID 65535, a consistent top level) and Object 5 values per object version.
#ifndef OTAWIRE_TESTS_LWM2M_ARBITRARY_HPP
#define OTAWIRE_TESTS_LWM2M_ARBITRARY_HPP

#include "support/lwm2m_oracle.hpp"

#include <rapidcheck.h>

#include <algorithm>
#include <cstdint>
#include <set>
#include <string>
#include <vector>

namespace otawire::test::lwm2m {

inline rc::Gen<std::uint16_t> gen_id() {
  return rc::gen::oneOf(rc::gen::inRange<std::uint16_t>(0, 16),
                        rc::gen::inRange<std::uint16_t>(0, 256),
                        rc::gen::inRange<std::uint16_t>(0, 65535));  // [0, 65535): never MAX_ID
}

inline rc::Gen<std::vector<std::byte>> gen_value_bytes() {
  const auto to_bytes = [](const std::vector<std::uint8_t>& v) {
    std::vector<std::byte> out(v.size());
    std::transform(v.begin(), v.end(), out.begin(), [](std::uint8_t b) { return std::byte{b}; });
    return out;
  };
  return rc::gen::map(
      rc::gen::oneOf(rc::gen::container<std::vector<std::uint8_t>>(rc::gen::arbitrary<std::uint8_t>()),
                     rc::gen::mapcat(rc::gen::inRange<std::size_t>(200, 700),
                                     [](std::size_t n) {
                                       return rc::gen::container<std::vector<std::uint8_t>>(
                                           n, rc::gen::arbitrary<std::uint8_t>());
                                     })),
      to_bytes);
}

inline tlv_tree unique_ids(tlv_tree nodes) {
  std::set<std::uint16_t> seen;
  tlv_tree out;
  for (auto& n : nodes) {
    if (seen.insert(n.id).second) out.push_back(std::move(n));
  }
  return out;
}

inline rc::Gen<tlv_node> gen_value_node(tlv_kind kind) {
  return rc::gen::apply(
      [kind](std::uint16_t id, std::vector<std::byte> value) {
        tlv_node n;
        n.kind = kind;
        n.id = id;
        n.value = std::move(value);
        return n;
      },
      gen_id(), gen_value_bytes());
}

inline rc::Gen<tlv_tree> gen_level(rc::Gen<tlv_node> element, std::size_t max_count) {
  return rc::gen::map(rc::gen::mapcat(rc::gen::inRange<std::size_t>(0, max_count + 1),
                                      [element](std::size_t n) {
                                        return rc::gen::container<tlv_tree>(n, element);
                                      }),
                      unique_ids);
}

inline rc::Gen<tlv_node> gen_container(tlv_kind kind, rc::Gen<tlv_node> child, std::size_t max_count) {
  return rc::gen::apply(
      [kind](std::uint16_t id, tlv_tree children) {
        tlv_node n;
        n.kind = kind;
        n.id = id;
        n.children = std::move(children);
        return n;
      },
      gen_id(), gen_level(child, max_count));
}

inline rc::Gen<tlv_node> gen_multiple_resource() {
  return gen_container(tlv_kind::multiple_resource, gen_value_node(tlv_kind::resource_instance), 6);
}

inline rc::Gen<tlv_node> gen_instance_child() {
  return rc::gen::oneOf(gen_value_node(tlv_kind::resource), gen_multiple_resource());
}

inline rc::Gen<tlv_node> gen_object_instance() {
  return gen_container(tlv_kind::object_instance, gen_instance_child(), 6);
}

/// A whole payload: Object Instances, or Resources, or Resource Instances.
inline rc::Gen<tlv_tree> gen_tree() {
  return rc::gen::oneOf(gen_level(gen_object_instance(), 4), gen_level(gen_instance_child(), 8),
                        gen_level(gen_value_node(tlv_kind::resource_instance), 8));
}

/// Strings of static storage (Object 5 values are views): lengths 0..255.
inline const std::vector<std::string>& string_pool() {
  static const std::vector<std::string> pool = [] {
    std::vector<std::string> p{"", "coap://fw.example.com/fw.bin", "https://example.org/a?b=c",
                               "Lightweight M2M Client", "1.0.3", "\xE4\xB8\xAD"};
    for (std::size_t n : {1u, 7u, 8u, 200u, 255u}) {
      std::string s;
      for (std::size_t i = 0; i < n; ++i) s += static_cast<char>('a' + (i * 7) % 26);
      p.push_back(s);
    }
    return p;
  }();
  return pool;
}

inline const std::vector<std::vector<std::byte>>& package_pool() {
  static const std::vector<std::vector<std::byte>> pool = [] {
    std::vector<std::vector<std::byte>> p{{}, {std::byte{0}}, {std::byte{0}, std::byte{0}}};
    for (std::size_t n : {5u, 300u, 70000u}) {
      std::vector<std::byte> v(n);
      for (std::size_t i = 0; i < n; ++i) v[i] = static_cast<std::byte>(i * 31 + 7);
      p.push_back(std::move(v));
    }
    return p;
  }();
  return pool;
}

/// Object 5 values that object version `v` can carry (no unknown or ignored values: those do
/// not survive an encode).
inline rc::Gen<firmware_update> gen_firmware_update(object_version v) {
  return rc::gen::exec([v] {
    firmware_update fw;
    const auto maybe = [] { return *rc::gen::inRange(0, 3) != 0; };
    // Index into the pools: elementOf would hand out copies, and the views must not dangle.
    const auto str = [] {
      const auto& pool = string_pool();
      return std::string_view(pool[*rc::gen::inRange<std::size_t>(0, pool.size())]);
    };
    if (maybe()) {
      const auto& pool = package_pool();
      fw.package = byte_view(pool[*rc::gen::inRange<std::size_t>(0, pool.size())]);
    }
    if (maybe()) fw.package_uri = str();
    if (maybe()) fw.state = static_cast<fw_state>(*rc::gen::inRange(0, 4));
    if (maybe()) fw.result = static_cast<update_result>(*rc::gen::inRange(0, max_update_result(v) + 1));
    if (maybe()) fw.pkg_name = str();
    if (maybe()) fw.pkg_version = str();
    if (maybe()) fw.protocol_support = protocol_set{static_cast<std::uint8_t>(*rc::gen::inRange(0, 64)), 0};
    if (maybe()) fw.delivery = static_cast<delivery_method>(*rc::gen::inRange(0, 3));
    if (v != object_version::v1_0) {
      if (maybe()) fw.update_severity = static_cast<severity>(*rc::gen::inRange(0, 3));
      if (maybe()) fw.last_state_change_time = *rc::gen::arbitrary<std::int64_t>();
      if (maybe()) fw.maximum_defer_period = *rc::gen::arbitrary<std::uint64_t>();
    }
    if (v == object_version::v1_2 && maybe()) fw.automatic_upgrade = *rc::gen::arbitrary<bool>();
    return fw;
  });
}

/// `fw` with only the resources a payload of `kind` may carry (Read responses and notifications
/// the readable ones, Writes the writable ones): what the encoder accepts for that kind.
inline firmware_update carried_by(firmware_update fw, payload_kind kind) {
  if (kind == payload_kind::write_request) {
    fw.state.reset(), fw.result.reset(), fw.pkg_name.reset(), fw.pkg_version.reset();
    fw.protocol_support.reset(), fw.delivery.reset(), fw.last_state_change_time.reset();
  } else {
    fw.package.reset();
  }
  return fw;
}

}  // namespace otawire::test::lwm2m

namespace rc {
template <>
struct Arbitrary<otawire::test::lwm2m::tlv_tree> {
  static Gen<otawire::test::lwm2m::tlv_tree> arbitrary() { return otawire::test::lwm2m::gen_tree(); }
};
template <>
struct Arbitrary<otawire::lwm2m::object_version> {
  static Gen<otawire::lwm2m::object_version> arbitrary() {
    return gen::element(otawire::lwm2m::object_version::v1_0, otawire::lwm2m::object_version::v1_1,
                        otawire::lwm2m::object_version::v1_2);
  }
};
template <>
struct Arbitrary<otawire::lwm2m::client_event> {
  static Gen<otawire::lwm2m::client_event> arbitrary() {
    return gen::map(gen::inRange<int>(0, 14),
                    [](int e) { return static_cast<otawire::lwm2m::client_event>(e); });
  }
};
template <>
struct Arbitrary<otawire::lwm2m::update_result> {
  static Gen<otawire::lwm2m::update_result> arbitrary() {
    return gen::map(gen::inRange<int>(0, 12),
                    [](int e) { return static_cast<otawire::lwm2m::update_result>(e); });
  }
};
}  // namespace rc

#endif
