// LwM2M TLV decode: otawire's zero-copy strict decoder against a baseline that builds an allocated
// node tree the way the C and Java peers do (Wakaama's tlv_parse: one malloc + copy per value, the
// sibling array grown by allocate-and-copy for every entry; Leshan: an object per TLV). Both check
// truncation; ours also checks nesting, reserved IDs and duplicate IDs, which the baseline skips.
//
//   object5_read      Read /5 response of an object 1.2 client (decoded into the typed model)
//   device_object     the spec's Device object example S1 (every value decoded by its type)
//   multiple_resource_<n>  one Multiple Resource with n instances: ours grows linearly, the
//                          baseline's grow-by-copy sibling array quadratically
#include <otawire/hex.hpp>
#include <otawire/lwm2m.hpp>

#include <benchmark/benchmark.h>

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

namespace {
using namespace otawire::lwm2m;
using otawire::byte_view;

std::vector<std::byte> from_hex(std::string_view hex) {
  std::vector<std::byte> out(hex.size() / 2);
  if (!otawire::from_hex(hex, out)) std::abort();
  return out;
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

// ---- baseline: allocated node tree -----------------------------------------------------------

namespace baseline {
struct node {
  std::uint8_t kind = 0;
  std::uint16_t id = 0;
  std::uint8_t* value = nullptr;  // malloc'd copy
  std::size_t length = 0;
  node* children = nullptr;
  std::size_t count = 0;
};

void free_nodes(node* nodes, std::size_t count) {
  for (std::size_t i = 0; i < count; ++i) {
    std::free(nodes[i].value);
    free_nodes(nodes[i].children, nodes[i].count);
  }
  std::free(nodes);
}

// Returns false on truncation. Sibling array grown by allocate-and-copy per entry (as Wakaama).
bool parse(const std::uint8_t* p, std::size_t size, node** out, std::size_t* out_count) {
  node* nodes = nullptr;
  std::size_t count = 0;
  std::size_t pos = 0;
  while (pos < size) {
    const std::uint8_t type = p[pos];
    const std::size_t id_size = (type & 0x20) ? 2 : 1;
    const std::size_t length_size = (type >> 3) & 3;
    if (size - pos < 1 + id_size + length_size) {
      free_nodes(nodes, count);
      return false;
    }
    std::uint16_t id = p[pos + 1];
    if (id_size == 2) id = static_cast<std::uint16_t>((id << 8) | p[pos + 2]);
    std::size_t length = type & 7;
    if (length_size) {
      length = 0;
      for (std::size_t i = 0; i < length_size; ++i) length = (length << 8) | p[pos + 1 + id_size + i];
    }
    const std::size_t header = 1 + id_size + length_size;
    if (size - pos - header < length) {
      free_nodes(nodes, count);
      return false;
    }
    auto* grown = static_cast<node*>(std::malloc(sizeof(node) * (count + 1)));
    if (count) std::memcpy(grown, nodes, sizeof(node) * count);
    std::free(nodes);
    nodes = grown;
    node& n = nodes[count++];
    n = node{};
    n.kind = static_cast<std::uint8_t>(type >> 6);
    n.id = id;
    if (n.kind == 0 || n.kind == 2) {
      if (!parse(p + pos + header, length, &n.children, &n.count)) {
        free_nodes(nodes, count);
        return false;
      }
    } else {
      n.value = static_cast<std::uint8_t*>(std::malloc(length ? length : 1));
      std::memcpy(n.value, p + pos + header, length);
      n.length = length;
    }
    pos += header + length;
  }
  *out = nodes;
  *out_count = count;
  return true;
}

const node* find(const node* nodes, std::size_t count, std::uint16_t id) {
  for (std::size_t i = 0; i < count; ++i) {
    if (nodes[i].id == id) return &nodes[i];
  }
  return nullptr;
}

std::int64_t as_int(const node& n) {
  std::int64_t v = (n.length && (n.value[0] & 0x80)) ? -1 : 0;
  for (std::size_t i = 0; i < n.length; ++i) v = static_cast<std::int64_t>(static_cast<std::uint64_t>(v) << 8 | n.value[i]);
  return v;
}
}  // namespace baseline

// ---- the same result from both sides --------------------------------------------------------

// Object 5: a digest of the typed fields a server looks at.
std::uint64_t digest(std::int64_t state, std::int64_t result, std::size_t uri, std::size_t name,
                     std::size_t version, std::uint64_t protocols, std::int64_t delivery,
                     std::int64_t time, std::uint64_t defer, bool automatic) {
  return static_cast<std::uint64_t>(state) * 1000003 ^ static_cast<std::uint64_t>(result) * 10007 ^
         uri * 101 ^ name * 13 ^ version * 7 ^ protocols * 3 ^ static_cast<std::uint64_t>(delivery) ^
         static_cast<std::uint64_t>(time) ^ defer * 31 ^ (automatic ? 1 : 0);
}

std::uint64_t object5_ours(byte_view payload) {
  firmware_update decoded;
  if (!decode_firmware_update(payload, path{5, 0, 0, 0, 1}, decoded)) std::abort();
  const firmware_update* fw = &decoded;
  return digest(static_cast<std::int64_t>(*fw->state), static_cast<std::int64_t>(*fw->result),
                fw->package_uri->size(), fw->pkg_name->size(), fw->pkg_version->size(),
                fw->protocol_support->bits, static_cast<std::int64_t>(*fw->delivery),
                *fw->last_state_change_time, *fw->maximum_defer_period, *fw->automatic_upgrade);
}

std::uint64_t object5_baseline(const std::vector<std::byte>& payload) {
  baseline::node* nodes = nullptr;
  std::size_t count = 0;
  if (!baseline::parse(reinterpret_cast<const std::uint8_t*>(payload.data()), payload.size(), &nodes, &count)) {
    std::abort();
  }
  const auto* inst = baseline::find(nodes, count, 0);
  const auto* r = inst->children;
  const auto n = inst->count;
  std::uint64_t protocols = 0;
  const auto* mr = baseline::find(r, n, 8);
  for (std::size_t i = 0; i < mr->count; ++i) protocols |= 1u << baseline::as_int(mr->children[i]);
  const auto defer_node = baseline::find(r, n, 13);
  std::uint64_t defer = 0;
  for (std::size_t i = 0; i < defer_node->length; ++i) defer = defer << 8 | defer_node->value[i];
  const auto d = digest(baseline::as_int(*baseline::find(r, n, 3)), baseline::as_int(*baseline::find(r, n, 5)),
                        baseline::find(r, n, 1)->length, baseline::find(r, n, 6)->length,
                        baseline::find(r, n, 7)->length, protocols,
                        baseline::as_int(*baseline::find(r, n, 9)), baseline::as_int(*baseline::find(r, n, 12)),
                        defer, baseline::find(r, n, 14)->value[0] == 1);
  baseline::free_nodes(nodes, count);
  return d;
}

// Device object: every value decoded by its type (strings: length; integers/time: value).
bool device_is_string(std::uint16_t id) { return id <= 3 || id == 14 || id == 15 || id == 16; }

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

std::uint64_t device_baseline(const std::vector<std::byte>& payload) {
  baseline::node* nodes = nullptr;
  std::size_t count = 0;
  if (!baseline::parse(reinterpret_cast<const std::uint8_t*>(payload.data()), payload.size(), &nodes, &count)) {
    std::abort();
  }
  std::uint64_t sum = 0;
  for (std::size_t i = 0; i < count; ++i) {
    const auto& n = nodes[i];
    if (n.kind == 2) {
      for (std::size_t k = 0; k < n.count; ++k) sum += static_cast<std::uint64_t>(baseline::as_int(n.children[k]));
    } else if (device_is_string(n.id)) {
      sum += n.length;
    } else {
      sum += static_cast<std::uint64_t>(baseline::as_int(n));
    }
  }
  baseline::free_nodes(nodes, count);
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

std::uint64_t multiple_baseline(const std::vector<std::byte>& payload) {
  baseline::node* nodes = nullptr;
  std::size_t count = 0;
  if (!baseline::parse(reinterpret_cast<const std::uint8_t*>(payload.data()), payload.size(), &nodes, &count)) {
    std::abort();
  }
  std::uint64_t sum = 0;
  for (std::size_t k = 0; k < nodes[0].count; ++k) sum += static_cast<std::uint64_t>(baseline::as_int(nodes[0].children[k]));
  baseline::free_nodes(nodes, count);
  return sum;
}

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

const std::vector<std::byte> mr100 = multiple_resource(100);
const std::vector<std::byte> mr1000 = multiple_resource(1000);
const std::vector<std::byte> mr4000 = multiple_resource(4000);

// Both sides must compute the same result before anything is timed.
[[maybe_unused]] const bool checked = [] {
  if (object5_ours(object5_payload) != object5_baseline(object5_payload)) std::abort();
  if (device_ours(device_payload) != device_baseline(device_payload)) std::abort();
  for (const auto* p : {&mr100, &mr1000, &mr4000}) {
    if (multiple_ours(*p) != multiple_baseline(*p)) std::abort();
  }
  return true;
}();

const auto ours_view = [](const std::vector<std::byte>& p, auto f) { return f(byte_view(p)); };

void object5_otawire(benchmark::State& s) {
  run(s, object5_payload, 1, [](const auto& p) { return ours_view(p, object5_ours); });
}
void object5_tree(benchmark::State& s) { run(s, object5_payload, 1, object5_baseline); }
void device_otawire(benchmark::State& s) {
  run(s, device_payload, 1, [](const auto& p) { return ours_view(p, device_ours); });
}
void device_tree(benchmark::State& s) { run(s, device_payload, 1, device_baseline); }

template <int N>
const std::vector<std::byte>& mr_of() {
  return N == 100 ? mr100 : N == 1000 ? mr1000 : mr4000;
}
template <int N>
void multiple_otawire(benchmark::State& s) {
  run(s, mr_of<N>(), N, [](const auto& q) { return ours_view(q, multiple_ours); });
}
template <int N>
void multiple_tree(benchmark::State& s) {
  run(s, mr_of<N>(), N, multiple_baseline);
}

}  // namespace

BENCHMARK(object5_otawire)->Name("object5_read/otawire");
BENCHMARK(object5_tree)->Name("object5_read/baseline_node_tree");
BENCHMARK(device_otawire)->Name("device_object/otawire");
BENCHMARK(device_tree)->Name("device_object/baseline_node_tree");
BENCHMARK_TEMPLATE(multiple_otawire, 100)->Name("multiple_resource_100/otawire");
BENCHMARK_TEMPLATE(multiple_tree, 100)->Name("multiple_resource_100/baseline_node_tree");
BENCHMARK_TEMPLATE(multiple_otawire, 1000)->Name("multiple_resource_1000/otawire");
BENCHMARK_TEMPLATE(multiple_tree, 1000)->Name("multiple_resource_1000/baseline_node_tree");
BENCHMARK_TEMPLATE(multiple_otawire, 4000)->Name("multiple_resource_4000/otawire");
BENCHMARK_TEMPLATE(multiple_tree, 4000)->Name("multiple_resource_4000/baseline_node_tree");
