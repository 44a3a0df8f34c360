// The allocating TLV tree a performance-minded C++ user writes, the second baseline of
// bench_lwm2m: one std::vector of compact nodes per parser, reserved for the most entries the
// input can hold (every entry takes at least 2 bytes) and reused from one message to the next,
// so that once warm it allocates nothing; values are views into the input (offset and length);
// a container's children are contiguous, found by index. Checks: truncation only, like
// Wakaama, but strict: an entry that does not fit fails the whole parse.
#ifndef OTAWIRE_BENCH_LWM2M_VECTOR_TREE_HPP
#define OTAWIRE_BENCH_LWM2M_VECTOR_TREE_HPP

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace otawire_bench {

class vector_tree {
 public:
  struct node {
    std::uint8_t kind = 0;  // type bits 7-6: 0 Object Instance, 1 Resource Instance, 2 Multiple Resource, 3 Resource
    std::uint16_t id = 0;
    std::uint32_t value_offset = 0;  // into the parsed input
    std::uint32_t value_length = 0;
    std::uint32_t first_child = 0;  // index into nodes(); children are contiguous
    std::uint32_t child_count = 0;
    [[nodiscard]] bool is_container() const noexcept { return kind == 0 || kind == 2; }
  };
  static_assert(sizeof(node) == 20, "a compact node: the README states its size");

  /// Parses `input` (kept by the caller while the tree is used); false on truncation.
  bool parse(std::span<const std::uint8_t> input) {
    input_ = input;
    nodes_.clear();
    nodes_.reserve(input.size() / 2 + 1);
    root_count_ = 0;
    return parse_level(0, static_cast<std::uint32_t>(input.size()), root_count_);
  }

  [[nodiscard]] std::span<const node> roots() const noexcept { return {nodes_.data(), root_count_}; }
  [[nodiscard]] std::span<const node> children(const node& n) const noexcept {
    return {nodes_.data() + n.first_child, n.child_count};
  }
  [[nodiscard]] std::span<const std::uint8_t> value(const node& n) const noexcept {
    return input_.subspan(n.value_offset, n.value_length);
  }

 private:
  // Appends the entries of [begin, end) contiguously, then the children of each container.
  bool parse_level(std::uint32_t begin, std::uint32_t end, std::uint32_t& count) {
    const auto first = static_cast<std::uint32_t>(nodes_.size());
    const std::uint8_t* p = input_.data();
    std::uint32_t at = begin;
    while (at < end) {
      const std::uint8_t type = p[at];
      const std::uint32_t id_size = (type & 0x20) ? 2 : 1;
      const std::uint32_t length_size = (type >> 3) & 3;
      const std::uint32_t header = 1 + id_size + length_size;
      if (end - at < header) return false;
      node n;
      n.kind = static_cast<std::uint8_t>(type >> 6);
      n.id = id_size == 2 ? static_cast<std::uint16_t>(p[at + 1] << 8 | p[at + 2]) : p[at + 1];
      std::uint32_t length = type & 7u;
      if (length_size != 0) {
        length = 0;
        for (std::uint32_t i = 0; i < length_size; ++i) length = length << 8 | p[at + 1 + id_size + i];
      }
      if (end - at - header < length) return false;
      n.value_offset = at + header;
      n.value_length = length;
      nodes_.push_back(n);
      at += header + length;
    }
    count = static_cast<std::uint32_t>(nodes_.size()) - first;
    for (std::uint32_t i = first; i < first + count; ++i) {
      if (!nodes_[i].is_container()) continue;
      const std::uint32_t content = nodes_[i].value_offset;
      const std::uint32_t content_end = content + nodes_[i].value_length;
      const auto child_first = static_cast<std::uint32_t>(nodes_.size());
      std::uint32_t child_count = 0;
      if (!parse_level(content, content_end, child_count)) return false;
      nodes_[i].first_child = child_first;
      nodes_[i].child_count = child_count;
    }
    return true;
  }

  std::span<const std::uint8_t> input_;
  std::vector<node> nodes_;
  std::uint32_t root_count_ = 0;
};

}  // namespace otawire_bench

#endif
