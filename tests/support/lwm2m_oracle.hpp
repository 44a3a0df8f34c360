// Test and fuzz oracles for otawire::lwm2m: an allocated TLV tree (what the C and Java peers
// build), its decoder on top of the zero-copy reader, and its canonical encoder on top of the
// writer. Shared by the property tests (lwm2m_arbitrary.hpp) and the fuzz targets.
#ifndef OTAWIRE_TESTS_LWM2M_ORACLE_HPP
#define OTAWIRE_TESTS_LWM2M_ORACLE_HPP

#include <otawire/hex.hpp>
#include <otawire/lwm2m.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace otawire::test::lwm2m {

using namespace otawire::lwm2m;

struct tlv_node {
  tlv_kind kind = tlv_kind::resource;
  std::uint16_t id = 0;
  std::vector<std::byte> value;    // value entries
  std::vector<tlv_node> children;  // containers
  friend bool operator==(const tlv_node&, const tlv_node&) = default;
};
using tlv_tree = std::vector<tlv_node>;

inline result<tlv_tree> read_level(tlv_reader r) {
  tlv_tree out;
  while (true) {
    auto e = r.next();
    if (!e) return e.error();
    if (!*e) return out;
    tlv_node n;
    n.kind = (*e)->kind;
    n.id = (*e)->id;
    if (is_container(n.kind)) {
      auto kids = read_level(r.children(**e));
      if (!kids) return kids.error();
      n.children = std::move(*kids);
    } else {
      n.value.assign((*e)->value.begin(), (*e)->value.end());
    }
    out.push_back(std::move(n));
  }
}

/// Strict decode (validate first, then build the tree).
inline result<tlv_tree> decode_tree(byte_view payload) {
  if (auto v = validate(payload); !v) return v.error();
  return read_level(tlv_reader(payload));
}

inline std::size_t content_size(const tlv_node& n) {
  if (!is_container(n.kind)) return n.value.size();
  std::size_t total = 0;
  for (const auto& c : n.children) total += entry_size(c.id, content_size(c));
  return total;
}

inline std::size_t tree_size(const tlv_tree& t) {
  std::size_t total = 0;
  for (const auto& n : t) total += entry_size(n.id, content_size(n));
  return total;
}

inline result<void> write_nodes(tlv_writer& w, const tlv_tree& t) {
  for (const auto& n : t) {
    if (is_container(n.kind)) {
      if (auto o = w.open(n.kind, n.id, content_size(n)); !o) return o;
      if (auto c = write_nodes(w, n.children); !c) return c;
      if (auto c = w.close(); !c) return c;
    } else {
      if (auto v = w.value(n.kind, n.id, n.value); !v) return v;
    }
  }
  return ok();
}

/// Canonical encoding of a tree (exact size first).
inline result<std::vector<std::byte>> encode_tree(const tlv_tree& t) {
  std::vector<std::byte> out(tree_size(t));
  tlv_writer w(out);
  if (auto r = write_nodes(w, t); !r) return r.error();
  if (w.written().size() != out.size()) return fail(errc::bad_length, "tree_size");
  return out;
}

inline std::vector<std::byte> bytes_of_hex(std::string_view hex) {
  std::vector<std::byte> out(hex.size() / 2);
  auto n = otawire::from_hex(hex, out);
  if (!n) out.clear();
  return out;
}

inline std::string hex_of(byte_view b) {
  std::string s(b.size() * 2, '0');
  (void)otawire::to_hex(b, s);
  return s;
}

/// The client's State and Update Result are always ones its object version defines.
inline bool client_invariant(const firmware_client& c) {
  return static_cast<unsigned>(c.state()) <= 3 &&
         static_cast<unsigned>(c.last_result()) <= max_update_result(c.version());
}

}  // namespace otawire::test::lwm2m

#endif
