// LwM2M TLV decode and encode: otawire (zero-copy, strict, no allocation) against two baselines
// (issue 16):
//   baseline_wakaama_shaped  Eclipse Wakaama's data model and costs (wakaama_shaped.hpp): 24-byte
//                            nodes, a malloc + copy per leaf value, sibling arrays regrown per
//                            entry; encode builds that tree from the values, computes the size,
//                            allocates and writes (containers into buffers of their own)
//   baseline_vector_tree     what a performance-minded C++ user writes (vector_tree.hpp): one
//                            reserved std::vector of compact nodes reused across messages,
//                            values as views into the input (decode only);
//   baseline_vector_tree_per_message  the same with a new tree (one allocation) per message
// Both baselines check truncation only; otawire also checks nesting, reserved and duplicate IDs,
// and each value's type as it reads it. Every side computes the same digest of the decoded
// values (or writes the same bytes), checked before anything is timed, and otawire's side is
// checked to allocate nothing.
//
//   object5_read           Read /5 response of an object 1.2 client (decoded into the typed model)
//   device_object          the spec's Device object example S1 (every value decoded by its type)
//   two_instances_read     the spec's example S6 (Read /66: two Object Instances with Strings and
//                          Objlnk values); issue 16 calls it F1
//   multiple_resource_<n>  one Multiple Resource with n instances: ours grows linearly, the
//                          Wakaama-shaped sibling array quadratically
//   object5_encode         the Read /5 response above, from the typed model
//   device_encode          the Device object S1, from its values (otawire: tlv_writer)
#include <otawire/hex.hpp>
#include <otawire/lwm2m.hpp>

#include <benchmark/benchmark.h>

#include <array>
#include <bit>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "support/alloc_counter.hpp"
#include "vector_tree.hpp"
#include "wakaama_shaped.hpp"

namespace {
using namespace otawire::lwm2m;
using otawire::byte_view;
namespace wk = otawire_bench::wakaama_shaped;
using otawire_bench::vector_tree;

std::vector<std::byte> from_hex(std::string_view hex) {
  std::vector<std::byte> out(hex.size() / 2);
  if (!otawire::from_hex(hex, out)) std::abort();
  return out;
}

std::span<const std::uint8_t> as_u8(const std::vector<std::byte>& v) {
  return {reinterpret_cast<const std::uint8_t*>(v.data()), v.size()};
}

// ---- inputs ----------------------------------------------------------------------------------

const std::string read_5_0 =
    "C8011C636F61703A2F2F66772E6578616D706C652E636F6D2F76322E62696EC10301C10500C70661636D652D6677C5"
    "07322E302E318608410000410101C10902C10B01C40C6553F100C20D0E10C10E01";
const std::vector<std::byte> object5_payload = from_hex("080050" + read_5_0);

const std::vector<std::byte> device_payload = from_hex(
    "C800144F70656E204D6F62696C6520416C6C69616E6365C801164C69676874776569676874204D324D20436C69656E"
    "74C80209333435303030313233C303312E30860641000141010588070842000ED842011388870841007D42010384C1"
    "0964C10A0F830B410000C40D5182428FC60E2B30323A3030C11055");

// Spec example S6 (../shared/spec/lwm2m.md §4.1, with the 0x26 length erratum corrected).
const std::vector<std::byte> two_instances_payload = from_hex(
    "080026C8000B6D79536572766963652031C8010F496E7465726E65742E31352E323334C40200430000080126C8000B"
    "6D79536572766963652032C8010F496E7465726E65742E31352E323335C402FFFFFFFF");

std::vector<std::byte> multiple_resource(std::size_t n) {
  std::vector<std::byte> kids;
  for (std::size_t i = 0; i < n; ++i) {
    const auto id = static_cast<std::uint16_t>(i);
    // Resource Instance, 16-bit ID when needed, 2-byte integer value.
    kids.push_back(std::byte{static_cast<unsigned char>(id > 255 ? 0x62 : 0x42)});
    if (id > 255) kids.push_back(static_cast<std::byte>(id >> 8));
    kids.push_back(static_cast<std::byte>(id & 0xFF));
    kids.push_back(static_cast<std::byte>((i * 7) >> 8 & 0x7F));
    kids.push_back(static_cast<std::byte>((i * 7) & 0xFF));
  }
  std::vector<std::byte> out(entry_size(8, kids.size()));
  tlv_writer w(out);
  if (!w.header(tlv_kind::multiple_resource, 8, kids.size())) std::abort();
  std::memcpy(out.data() + header_size(8, kids.size()), kids.data(), kids.size());
  return out;
}

const std::vector<std::byte> mr100 = multiple_resource(100);
const std::vector<std::byte> mr1000 = multiple_resource(1000);
const std::vector<std::byte> mr4000 = multiple_resource(4000);

// The Device object S1's values, as a client holds them before answering a Read.
struct device_values {
  std::string_view manufacturer = "Open Mobile Alliance";  // 0
  std::string_view model = "Lightweight M2M Client";       // 1
  std::string_view serial = "345000123";                   // 2
  std::string_view firmware_version = "1.0";               // 3
  std::array<std::int64_t, 2> power_sources{1, 5};         // 6
  std::array<std::int64_t, 2> voltages{3800, 5000};        // 7
  std::array<std::int64_t, 2> currents{125, 900};          // 8
  std::int64_t battery_level = 100;                        // 9
  std::int64_t memory_free = 15;                           // 10
  std::array<std::int64_t, 1> error_codes{0};              // 11
  std::int64_t current_time = 1367491215;                  // 13
  std::string_view utc_offset = "+02:00";                  // 14
  std::string_view binding = "U";                          // 16
};
const device_values device_source{};

// ---- digests: the same numbers from every decoder ---------------------------------------------

// Object 5: a digest of the typed fields a server looks at.
std::uint64_t digest(std::int64_t state, std::int64_t result, std::size_t uri, std::size_t name,
                     std::size_t version, std::uint64_t protocols, std::int64_t delivery,
                     std::int64_t time, std::uint64_t defer, bool automatic) {
  return static_cast<std::uint64_t>(state) * 1000003 ^ static_cast<std::uint64_t>(result) * 10007 ^
         uri * 101 ^ name * 13 ^ version * 7 ^ protocols * 3 ^ static_cast<std::uint64_t>(delivery) ^
         static_cast<std::uint64_t>(time) ^ defer * 31 ^ (automatic ? 1 : 0);
}

// The Device object's strings (other resources are integers).
bool device_is_string(std::uint16_t id) { return id <= 3 || id == 14 || id == 15 || id == 16; }

// S6: instance IDs, string lengths and links.
std::uint64_t instance_term(std::uint16_t id) { return std::uint64_t{id} * 1000003; }
std::uint64_t string_term(std::uint16_t id, std::size_t length) { return length * (id + 1u); }
std::uint64_t link_term(std::uint16_t object_id, std::uint16_t instance_id) {
  return std::uint64_t{object_id} * 65537 + instance_id;
}

// ---- otawire -----------------------------------------------------------------------------------

std::uint64_t object5_ours(byte_view payload) {
  firmware_update decoded;
  if (!decode_firmware_update(payload, path{5, 0, 0, 0, 1}, decoded)) std::abort();
  const firmware_update* fw = &decoded;
  return digest(static_cast<std::int64_t>(*fw->state), static_cast<std::int64_t>(*fw->result),
                fw->package_uri->size(), fw->pkg_name->size(), fw->pkg_version->size(),
                fw->protocol_support->bits, static_cast<std::int64_t>(*fw->delivery),
                *fw->last_state_change_time, *fw->maximum_defer_period, *fw->automatic_upgrade);
}

std::uint64_t device_ours(byte_view payload) {
  // One strict pass: validation and the typed reads together.
  std::uint64_t sum = 0;
  const auto r = walk(payload, [&sum](const tlv_entry& e, unsigned depth) {
    if (e.kind == tlv_kind::multiple_resource) return;
    if (depth == 0 && device_is_string(e.id)) {
      sum += decode_string(e.value).size();
    } else {
      sum += static_cast<std::uint64_t>(decode_integer(e.value).value_or(0));
    }
  });
  if (!r) std::abort();
  return sum;
}

std::uint64_t two_instances_ours(byte_view payload) {
  std::uint64_t sum = 0;
  bool bad_link = false;
  const auto r = walk(payload, [&](const tlv_entry& e, unsigned depth) {
    if (depth == 0) {
      sum += instance_term(e.id);
    } else if (e.id == 2) {
      const auto link = decode_objlnk(e.value);
      if (!link) {
        bad_link = true;
        return;
      }
      sum += link_term(link->object_id, link->instance_id);
    } else {
      sum += string_term(e.id, decode_string(e.value).size());
    }
  });
  if (!r || bad_link) std::abort();
  return sum;
}

std::uint64_t multiple_ours(byte_view payload) {
  std::uint64_t sum = 0;
  const auto r = walk(payload, [&sum](const tlv_entry& e, unsigned depth) {
    if (depth == 1) sum += static_cast<std::uint64_t>(decode_integer(e.value).value_or(0));
  });
  if (!r) std::abort();
  return sum;
}

// The Read /5 response from the typed model, into a caller's buffer.
std::size_t object5_encode_ours(const firmware_update& fw, std::span<std::byte> out) {
  const auto n = encode_firmware_update(fw, path{5, 0, 0, 0, 1}, out);
  return n ? *n : 0;
}

// The Device object with the TLV writer (canonical form, ascending IDs).
std::size_t device_encode_ours(const device_values& d, std::span<std::byte> out) {
  tlv_writer w(out);
  const auto text = [&w](std::uint16_t id, std::string_view s) {
    return static_cast<bool>(w.value(tlv_kind::resource, id, std::as_bytes(std::span(s.data(), s.size()))));
  };
  const auto integer = [&w](std::uint16_t id, std::int64_t v) {
    return static_cast<bool>(w.value(tlv_kind::resource, id, encode_integer(v).view()));
  };
  const auto integers = [&w](std::uint16_t id, std::span<const std::int64_t> values) {
    std::size_t content = 0;
    for (std::size_t i = 0; i < values.size(); ++i) {
      content += entry_size(static_cast<std::uint16_t>(i), encode_integer(values[i]).size);
    }
    if (!w.open(tlv_kind::multiple_resource, id, content)) return false;
    for (std::size_t i = 0; i < values.size(); ++i) {
      if (!w.value(tlv_kind::resource_instance, static_cast<std::uint16_t>(i), encode_integer(values[i]).view())) {
        return false;
      }
    }
    return static_cast<bool>(w.close());
  };
  const bool ok = text(0, d.manufacturer) && text(1, d.model) && text(2, d.serial) && text(3, d.firmware_version) &&
                  integers(6, d.power_sources) && integers(7, d.voltages) && integers(8, d.currents) &&
                  integer(9, d.battery_level) && integer(10, d.memory_free) && integers(11, d.error_codes) &&
                  integer(13, d.current_time) && text(14, d.utc_offset) && text(16, d.binding);
  return ok ? w.size() : 0;
}

// ---- Wakaama-shaped ----------------------------------------------------------------------------

std::int64_t wk_int(const wk::data& n) {
  std::int64_t v = 0;
  if (!wk::decode_int(n, v)) std::abort();
  return v;
}

std::uint64_t object5_wakaama(const std::vector<std::byte>& payload) {
  wk::data* top = nullptr;
  const auto bytes = as_u8(payload);
  const std::size_t count = wk::parse(bytes.data(), bytes.size(), &top);
  if (count != 1 || top[0].type != wk::data_type::object_instance) std::abort();
  std::int64_t state = 0, result = 0, delivery = 0, time = 0;
  std::size_t uri = 0, name = 0, version = 0;
  std::uint64_t protocols = 0, defer = 0;
  bool automatic = false;
  const auto& resources = top[0].value.as_children;
  for (std::size_t i = 0; i < resources.count; ++i) {
    const wk::data& r = resources.array[i];
    switch (r.id) {
      case 1: uri = r.value.as_buffer.length; break;
      case 3: state = wk_int(r); break;
      case 5: result = wk_int(r); break;
      case 6: name = r.value.as_buffer.length; break;
      case 7: version = r.value.as_buffer.length; break;
      case 8:
        for (std::size_t k = 0; k < r.value.as_children.count; ++k) {
          protocols |= std::uint64_t{1} << wk_int(r.value.as_children.array[k]);
        }
        break;
      case 9: delivery = wk_int(r); break;
      case 12: time = wk_int(r); break;
      case 13:
        if (!wk::decode_uint(r, defer)) std::abort();
        break;
      case 14:
        if (!wk::decode_bool(r, automatic)) std::abort();
        break;
      default: break;
    }
  }
  wk::data_free(count, top);
  return digest(state, result, uri, name, version, protocols, delivery, time, defer, automatic);
}

std::uint64_t device_wakaama(const std::vector<std::byte>& payload) {
  wk::data* nodes = nullptr;
  const auto bytes = as_u8(payload);
  const std::size_t count = wk::parse(bytes.data(), bytes.size(), &nodes);
  if (count == 0) std::abort();
  std::uint64_t sum = 0;
  for (std::size_t i = 0; i < count; ++i) {
    const auto& n = nodes[i];
    if (n.type == wk::data_type::multiple_resource) {
      for (std::size_t k = 0; k < n.value.as_children.count; ++k) {
        sum += static_cast<std::uint64_t>(wk_int(n.value.as_children.array[k]));
      }
    } else if (device_is_string(n.id)) {
      sum += n.value.as_buffer.length;
    } else {
      sum += static_cast<std::uint64_t>(wk_int(n));
    }
  }
  wk::data_free(count, nodes);
  return sum;
}

std::uint64_t two_instances_wakaama(const std::vector<std::byte>& payload) {
  wk::data* instances = nullptr;
  const auto bytes = as_u8(payload);
  const std::size_t count = wk::parse(bytes.data(), bytes.size(), &instances);
  if (count == 0) std::abort();
  std::uint64_t sum = 0;
  for (std::size_t i = 0; i < count; ++i) {
    sum += instance_term(instances[i].id);
    const auto& resources = instances[i].value.as_children;
    for (std::size_t k = 0; k < resources.count; ++k) {
      const wk::data& r = resources.array[k];
      const auto& b = r.value.as_buffer;
      if (r.id == 2) {
        if (b.length != 4) std::abort();
        sum += link_term(static_cast<std::uint16_t>(wk::load_be(b.buffer, 2)),
                         static_cast<std::uint16_t>(wk::load_be(b.buffer + 2, 2)));
      } else {
        sum += string_term(r.id, b.length);
      }
    }
  }
  wk::data_free(count, instances);
  return sum;
}

std::uint64_t multiple_wakaama(const std::vector<std::byte>& payload) {
  wk::data* nodes = nullptr;
  const auto bytes = as_u8(payload);
  const std::size_t count = wk::parse(bytes.data(), bytes.size(), &nodes);
  if (count != 1) std::abort();
  std::uint64_t sum = 0;
  for (std::size_t k = 0; k < nodes[0].value.as_children.count; ++k) {
    sum += static_cast<std::uint64_t>(wk_int(nodes[0].value.as_children.array[k]));
  }
  wk::data_free(count, nodes);
  return sum;
}

// A Wakaama client answering Read /5: the object fills a resource array from its values (strings
// copied), the core wraps it in Object Instance 0 and serializes; the buffer is freed once sent.
long object5_encode_wakaama(const firmware_update& fw, std::uint8_t** out) {
  const std::size_t present = fw.package_uri.has_value() + fw.state.has_value() + fw.result.has_value() +
                              fw.pkg_name.has_value() + fw.pkg_version.has_value() + fw.protocol_support.has_value() +
                              fw.delivery.has_value() + fw.update_severity.has_value() +
                              fw.last_state_change_time.has_value() + fw.maximum_defer_period.has_value() +
                              fw.automatic_upgrade.has_value();
  wk::data* r = wk::data_new(present);
  std::size_t n = 0;
  const auto text = [&](std::uint16_t id, std::string_view s) {
    wk::encode_nstring(s.data(), s.size(), &r[n]);
    r[n++].id = id;
  };
  const auto integer = [&](std::uint16_t id, std::int64_t v) {
    wk::encode_int(v, &r[n]);
    r[n++].id = id;
  };
  if (fw.package_uri) text(1, *fw.package_uri);
  if (fw.state) integer(3, static_cast<std::int64_t>(*fw.state));
  if (fw.result) integer(5, static_cast<std::int64_t>(*fw.result));
  if (fw.pkg_name) text(6, *fw.pkg_name);
  if (fw.pkg_version) text(7, *fw.pkg_version);
  if (fw.protocol_support) {
    const unsigned bits = fw.protocol_support->bits;
    const auto listed = static_cast<std::size_t>(std::popcount(bits));
    wk::data* kids = wk::data_new(listed);
    std::size_t k = 0;
    for (unsigned p = 0; p < 8; ++p) {
      if (((bits >> p) & 1u) == 0) continue;
      wk::encode_int(static_cast<std::int64_t>(p), &kids[k]);
      kids[k].id = static_cast<std::uint16_t>(k);
      ++k;
    }
    wk::encode_instances(kids, listed, &r[n]);
    r[n++].id = 8;
  }
  if (fw.delivery) integer(9, static_cast<std::int64_t>(*fw.delivery));
  if (fw.update_severity) integer(11, static_cast<std::int64_t>(*fw.update_severity));
  if (fw.last_state_change_time) integer(12, *fw.last_state_change_time);
  if (fw.maximum_defer_period) {
    wk::encode_uint(*fw.maximum_defer_period, &r[n]);
    r[n++].id = 13;
  }
  if (fw.automatic_upgrade) {
    wk::encode_bool(*fw.automatic_upgrade, &r[n]);
    r[n++].id = 14;
  }
  wk::data* instance = wk::data_new(1);
  wk::encode_object_instance(r, n, instance);
  instance->id = 0;
  const long length = wk::serialize(false, 1, instance, out);
  wk::data_free(1, instance);
  return length;
}

long device_encode_wakaama(const device_values& d, std::uint8_t** out) {
  constexpr std::size_t resources = 13;
  wk::data* r = wk::data_new(resources);
  std::size_t n = 0;
  const auto text = [&](std::uint16_t id, std::string_view s) {
    wk::encode_nstring(s.data(), s.size(), &r[n]);
    r[n++].id = id;
  };
  const auto integer = [&](std::uint16_t id, std::int64_t v) {
    wk::encode_int(v, &r[n]);
    r[n++].id = id;
  };
  const auto integers = [&](std::uint16_t id, std::span<const std::int64_t> values) {
    wk::data* kids = wk::data_new(values.size());
    for (std::size_t k = 0; k < values.size(); ++k) {
      wk::encode_int(values[k], &kids[k]);
      kids[k].id = static_cast<std::uint16_t>(k);
    }
    wk::encode_instances(kids, values.size(), &r[n]);
    r[n++].id = id;
  };
  text(0, d.manufacturer);
  text(1, d.model);
  text(2, d.serial);
  text(3, d.firmware_version);
  integers(6, d.power_sources);
  integers(7, d.voltages);
  integers(8, d.currents);
  integer(9, d.battery_level);
  integer(10, d.memory_free);
  integers(11, d.error_codes);
  integer(13, d.current_time);
  text(14, d.utc_offset);
  text(16, d.binding);
  const long length = wk::serialize(false, n, r, out);
  wk::data_free(n, r);
  return length;
}

// Sends (here: reads one byte of) and frees what the encoder allocated.
std::size_t sent(long length, std::uint8_t* buffer) {
  const std::size_t n = length > 0 ? static_cast<std::size_t>(length) + buffer[0] : 0;
  std::free(buffer);
  return n;
}

// ---- vector tree -------------------------------------------------------------------------------

std::int64_t tree_int(std::span<const std::uint8_t> v) {
  if (v.size() != 1 && v.size() != 2 && v.size() != 4 && v.size() != 8) std::abort();
  const std::uint64_t raw = wk::load_be(v.data(), v.size());
  const unsigned unused = 64 - 8 * static_cast<unsigned>(v.size());
  return static_cast<std::int64_t>(raw << unused) >> unused;  // sign-extended
}

std::uint64_t object5_tree(vector_tree& tree, const std::vector<std::byte>& payload) {
  if (!tree.parse(as_u8(payload)) || tree.roots().size() != 1) std::abort();
  std::int64_t state = 0, result = 0, delivery = 0, time = 0;
  std::size_t uri = 0, name = 0, version = 0;
  std::uint64_t protocols = 0, defer = 0;
  bool automatic = false;
  for (const auto& r : tree.children(tree.roots()[0])) {
    const auto v = tree.value(r);
    switch (r.id) {
      case 1: uri = v.size(); break;
      case 3: state = tree_int(v); break;
      case 5: result = tree_int(v); break;
      case 6: name = v.size(); break;
      case 7: version = v.size(); break;
      case 8:
        for (const auto& k : tree.children(r)) protocols |= std::uint64_t{1} << tree_int(tree.value(k));
        break;
      case 9: delivery = tree_int(v); break;
      case 12: time = tree_int(v); break;
      case 13:
        if (v.empty() || v.size() > 8) std::abort();
        defer = wk::load_be(v.data(), v.size());
        break;
      case 14:
        if (v.size() != 1 || v[0] > 1) std::abort();
        automatic = v[0] == 1;
        break;
      default: break;
    }
  }
  return digest(state, result, uri, name, version, protocols, delivery, time, defer, automatic);
}

std::uint64_t device_tree(vector_tree& tree, const std::vector<std::byte>& payload) {
  if (!tree.parse(as_u8(payload))) std::abort();
  std::uint64_t sum = 0;
  for (const auto& n : tree.roots()) {
    if (n.kind == 2) {
      for (const auto& k : tree.children(n)) sum += static_cast<std::uint64_t>(tree_int(tree.value(k)));
    } else if (device_is_string(n.id)) {
      sum += n.value_length;
    } else {
      sum += static_cast<std::uint64_t>(tree_int(tree.value(n)));
    }
  }
  return sum;
}

std::uint64_t two_instances_tree(vector_tree& tree, const std::vector<std::byte>& payload) {
  if (!tree.parse(as_u8(payload))) std::abort();
  std::uint64_t sum = 0;
  for (const auto& instance : tree.roots()) {
    sum += instance_term(instance.id);
    for (const auto& r : tree.children(instance)) {
      if (r.id == 2) {
        const auto v = tree.value(r);
        if (v.size() != 4) std::abort();
        sum += link_term(static_cast<std::uint16_t>(v[0] << 8 | v[1]), static_cast<std::uint16_t>(v[2] << 8 | v[3]));
      } else {
        sum += string_term(r.id, r.value_length);
      }
    }
  }
  return sum;
}

std::uint64_t multiple_tree(vector_tree& tree, const std::vector<std::byte>& payload) {
  if (!tree.parse(as_u8(payload)) || tree.roots().size() != 1) std::abort();
  std::uint64_t sum = 0;
  for (const auto& k : tree.children(tree.roots()[0])) sum += static_cast<std::uint64_t>(tree_int(tree.value(k)));
  return sum;
}

// ---- checks before timing --------------------------------------------------------------------

firmware_update decoded_object5() {
  firmware_update fw;
  if (!decode_firmware_update(byte_view(object5_payload), path{5, 0, 0, 0, 1}, fw)) std::abort();
  return fw;
}
const firmware_update object5_source = decoded_object5();

bool same_bytes(std::span<const std::byte> a, const std::uint8_t* b, long b_size) {
  return b_size >= 0 && a.size() == static_cast<std::size_t>(b_size) && std::memcmp(a.data(), b, a.size()) == 0;
}

// Every decoder computes the same digest and every encoder writes the input bytes back; otawire
// allocates nothing doing it.
[[maybe_unused]] const bool checked = [] {
  vector_tree tree;
  const auto decoders_agree = [&tree](const std::vector<std::byte>& p, auto ours, auto wakaama, auto vector) {
    const otawire::test::allocation_scope scope;
    const auto expected = ours(byte_view(p));
    if (scope.count() != 0) std::abort();
    if (wakaama(p) != expected || vector(tree, p) != expected) std::abort();
  };
  decoders_agree(object5_payload, object5_ours, object5_wakaama, object5_tree);
  decoders_agree(device_payload, device_ours, device_wakaama, device_tree);
  decoders_agree(two_instances_payload, two_instances_ours, two_instances_wakaama, two_instances_tree);
  for (const auto* p : {&mr100, &mr1000, &mr4000}) decoders_agree(*p, multiple_ours, multiple_wakaama, multiple_tree);

  std::array<std::byte, 256> out{};
  {
    const otawire::test::allocation_scope scope;
    const std::size_t n = object5_encode_ours(object5_source, out);
    if (scope.count() != 0 || n != object5_payload.size() ||
        std::memcmp(out.data(), object5_payload.data(), n) != 0) {
      std::abort();
    }
  }
  {
    const otawire::test::allocation_scope scope;
    const std::size_t n = device_encode_ours(device_source, out);
    if (scope.count() != 0 || n != device_payload.size() || std::memcmp(out.data(), device_payload.data(), n) != 0) {
      std::abort();
    }
  }
  std::uint8_t* written = nullptr;
  long length = object5_encode_wakaama(object5_source, &written);
  if (!same_bytes(object5_payload, written, length)) std::abort();
  std::free(written);
  length = device_encode_wakaama(device_source, &written);
  if (!same_bytes(device_payload, written, length)) std::abort();
  std::free(written);
  return true;
}();

// ---- benchmarks ------------------------------------------------------------------------------

template <class F>
void run(benchmark::State& state, const std::vector<std::byte>& payload, std::size_t items, F f) {
  for (auto _ : state) {
    auto r = f(payload);
    benchmark::DoNotOptimize(r);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * payload.size()));
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * items));
}

// otawire reads a view; the vector tree is one parser reused across the messages.
template <std::uint64_t (*Decode)(byte_view)>
void decode_otawire(benchmark::State& s, const std::vector<std::byte>& p, std::size_t items) {
  run(s, p, items, [](const std::vector<std::byte>& q) { return Decode(byte_view(q)); });
}
template <std::uint64_t (*Decode)(const std::vector<std::byte>&)>
void decode_wakaama(benchmark::State& s, const std::vector<std::byte>& p, std::size_t items) {
  run(s, p, items, Decode);
}
template <std::uint64_t (*Decode)(vector_tree&, const std::vector<std::byte>&)>
void decode_vector(benchmark::State& s, const std::vector<std::byte>& p, std::size_t items) {
  vector_tree tree;
  run(s, p, items, [&tree](const std::vector<std::byte>& q) { return Decode(tree, q); });
}
// The same tree built afresh for each message: one allocation (the reserve) and its free.
template <std::uint64_t (*Decode)(vector_tree&, const std::vector<std::byte>&)>
void decode_vector_per_message(benchmark::State& s, const std::vector<std::byte>& p, std::size_t items) {
  run(s, p, items, [](const std::vector<std::byte>& q) {
    vector_tree tree;
    return Decode(tree, q);
  });
}

void object5_encode_otawire(benchmark::State& s) {
  std::array<std::byte, 256> out{};
  run(s, object5_payload, 1, [&out](const auto&) {
    const std::size_t n = object5_encode_ours(object5_source, out);
    benchmark::DoNotOptimize(out.data());
    return n;
  });
}
void object5_encode_baseline(benchmark::State& s) {
  run(s, object5_payload, 1, [](const auto&) {
    std::uint8_t* buffer = nullptr;
    const long n = object5_encode_wakaama(object5_source, &buffer);
    return sent(n, buffer);
  });
}
void device_encode_otawire(benchmark::State& s) {
  std::array<std::byte, 256> out{};
  run(s, device_payload, 1, [&out](const auto&) {
    const std::size_t n = device_encode_ours(device_source, out);
    benchmark::DoNotOptimize(out.data());
    return n;
  });
}
void device_encode_baseline(benchmark::State& s) {
  run(s, device_payload, 1, [](const auto&) {
    std::uint8_t* buffer = nullptr;
    const long n = device_encode_wakaama(device_source, &buffer);
    return sent(n, buffer);
  });
}

// Registers one decode case's four sides.
template <std::uint64_t (*Ours)(byte_view), std::uint64_t (*Wakaama)(const std::vector<std::byte>&),
          std::uint64_t (*Vector)(vector_tree&, const std::vector<std::byte>&)>
void register_decode(const std::string& name, const std::vector<std::byte>& payload, std::size_t items) {
  benchmark::RegisterBenchmark((name + "/otawire").c_str(), [&payload, items](benchmark::State& s) {
    decode_otawire<Ours>(s, payload, items);
  });
  benchmark::RegisterBenchmark((name + "/baseline_wakaama_shaped").c_str(), [&payload, items](benchmark::State& s) {
    decode_wakaama<Wakaama>(s, payload, items);
  });
  benchmark::RegisterBenchmark((name + "/baseline_vector_tree").c_str(), [&payload, items](benchmark::State& s) {
    decode_vector<Vector>(s, payload, items);
  });
  benchmark::RegisterBenchmark((name + "/baseline_vector_tree_per_message").c_str(),
                              [&payload, items](benchmark::State& s) {
                                decode_vector_per_message<Vector>(s, payload, items);
                              });
}

[[maybe_unused]] const bool registered = [] {
  register_decode<object5_ours, object5_wakaama, object5_tree>("object5_read", object5_payload, 1);
  register_decode<device_ours, device_wakaama, device_tree>("device_object", device_payload, 1);
  register_decode<two_instances_ours, two_instances_wakaama, two_instances_tree>("two_instances_read",
                                                                                 two_instances_payload, 1);
  register_decode<multiple_ours, multiple_wakaama, multiple_tree>("multiple_resource_100", mr100, 100);
  register_decode<multiple_ours, multiple_wakaama, multiple_tree>("multiple_resource_1000", mr1000, 1000);
  register_decode<multiple_ours, multiple_wakaama, multiple_tree>("multiple_resource_4000", mr4000, 4000);
  benchmark::RegisterBenchmark("object5_encode/otawire", object5_encode_otawire);
  benchmark::RegisterBenchmark("object5_encode/baseline_wakaama_shaped", object5_encode_baseline);
  benchmark::RegisterBenchmark("device_encode/otawire", device_encode_otawire);
  benchmark::RegisterBenchmark("device_encode/baseline_wakaama_shaped", device_encode_baseline);
  return true;
}();

}  // namespace
