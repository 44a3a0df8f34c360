// The whole-tree TLV walk. Oracles: (1) a payload that validates re-encodes canonically (the
// writer accepts every valid tree), the canonical form decodes to the same tree and re-encodes to
// itself; (2) differential: validate's bitmap-free duplicate check agrees with a naive per-level
// set over the allocated tree, and its entry count with the one-pass `walk` and its visits;
// (3) a payload accepted for a request path is accepted without one, with the same count;
// (4) the device's one-frame structure check (`check_structure`) gives validate's verdict and error.
#include "support/lwm2m_oracle.hpp"

#include <cstdlib>
#include <set>
#include <vector>

namespace {
using namespace otawire::test::lwm2m;

std::size_t count_and_check_unique(const tlv_tree& level) {
  std::set<std::uint16_t> ids;
  std::size_t n = 0;
  for (const auto& node : level) {
    if (!ids.insert(node.id).second) std::abort();  // validate let a duplicate through
    if (node.id == 65535) std::abort();
    n += 1 + count_and_check_unique(node.children);
  }
  return n;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const otawire::byte_view in(reinterpret_cast<const std::byte*>(data), size);
  const auto count = otawire::lwm2m::validate(in);
  const auto tree = decode_tree(in);
  if (count.has_value() != tree.has_value()) std::abort();
  // The one-pass walk agrees with the validator and visits each entry once.
  std::size_t visits = 0;
  const auto walked = otawire::lwm2m::walk(in, [&visits](const otawire::lwm2m::tlv_entry& e, unsigned depth) {
    if (depth > 2 || e.id == 65535) std::abort();
    ++visits;
  });
  if (walked.has_value() != count.has_value()) std::abort();
  otawire::error structure_failure;
  const bool structure = otawire::lwm2m::detail::check_structure(in, otawire::lwm2m::tlv_level::top, 0,
                                                                 structure_failure);
  if (structure != count.has_value() || (!structure && !(structure_failure == count.error()))) std::abort();
  if (walked && (*walked != *count || visits != *count)) std::abort();
  using otawire::lwm2m::path;
  for (const auto& p : {path{3, 0, 0, 0, 1}, path{3, 0, 0, 0, 2}, path{3, 1, 1, 0, 3},
                        path{3, 0, 1, 1, 4}}) {
    const auto in_path = otawire::lwm2m::validate(in, p);
    if (in_path && (!count || *in_path != *count)) std::abort();
  }
  if (!count) {
    if (!count.error().has_offset() || count.error().offset() > size || count.error().where().empty()) {
      std::abort();
    }
    return 0;
  }
  if (count_and_check_unique(*tree) != *count) std::abort();
  const auto canonical = encode_tree(*tree);
  if (!canonical || canonical->size() > size) std::abort();
  const auto again = decode_tree(*canonical);
  if (!again || !(*again == *tree)) std::abort();
  const auto twice = encode_tree(*again);
  if (!twice || *twice != *canonical) std::abort();
  return 0;
}
