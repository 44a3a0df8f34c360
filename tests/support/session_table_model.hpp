// Test support: the reference model of otawire::session_table (a std::unordered_map plus an LRU
// list) and a driver that applies one operation to both and says where they disagree. The
// rapidcheck model test and the libFuzzer target share it.
#ifndef OTAWIRE_TESTS_SESSION_TABLE_MODEL_HPP
#define OTAWIRE_TESTS_SESSION_TABLE_MODEL_HPP

#include <otawire/session_table.hpp>

#include <cstddef>
#include <cstdint>
#include <list>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace otawire::test {

/// What the tests store per device: a counter of touches, so a lost or mixed-up value shows.
struct counted_session {
  std::uint32_t touches = 0;
  std::uint32_t device = 0;
};

struct key_hash {
  std::size_t operator()(const session_key& k) const noexcept { return static_cast<std::size_t>(k.hash ^ (k.check * 31)); }
};

/// The obvious implementation: a map plus a recency list (front = most recent).
class session_table_model {
 public:
  explicit session_table_model(std::size_t max_devices) : max_(max_devices == 0 ? 1 : max_devices) {}

  /// Returns whether the touch evicted a device.
  bool touch(const session_key& k, std::uint32_t device) {
    bool evicted = false;
    if (auto it = entries_.find(k); it != entries_.end()) {
      recency_.splice(recency_.begin(), recency_, it->second.where);
    } else {
      if (entries_.size() == max_) {
        entries_.erase(recency_.back());
        recency_.pop_back();
        evicted = true;
      }
      recency_.push_front(k);
      entries_.emplace(k, entry{counted_session{0, device}, recency_.begin()});
    }
    ++entries_.at(k).value.touches;
    return evicted;
  }
  bool erase(const session_key& k) {
    const auto it = entries_.find(k);
    if (it == entries_.end()) return false;
    recency_.erase(it->second.where);
    entries_.erase(it);
    return true;
  }
  [[nodiscard]] const counted_session* find(const session_key& k) const {
    const auto it = entries_.find(k);
    return it == entries_.end() ? nullptr : &it->second.value;
  }
  [[nodiscard]] std::size_t size() const { return entries_.size(); }
  [[nodiscard]] const std::list<session_key>& recency() const { return recency_; }
  void resize(std::size_t max_devices) {
    max_ = max_devices == 0 ? 1 : max_devices;
    while (entries_.size() > max_) {
      entries_.erase(recency_.back());
      recency_.pop_back();
    }
  }

 private:
  struct entry {
    counted_session value;
    std::list<session_key>::iterator where;
  };
  std::size_t max_;
  std::unordered_map<session_key, entry, key_hash> entries_;
  std::list<session_key> recency_;
};

enum class table_op : std::uint8_t { touch, find, erase, resize };

/// One operation on device `device` of a small universe of keys. Keys are built so that many
/// share `hash` (they collide in placement and differ only in `check`), to exercise the rule
/// that both hashes must match.
struct table_step {
  table_op op = table_op::touch;
  std::uint32_t device = 0;
  std::size_t new_max = 1;  // resize only
};

[[nodiscard]] inline session_key key_of_device(std::uint32_t device) {
  // Four devices per placing hash: device / 4 picks the hash, the full number the check.
  return {identity_hasher{}.add(std::to_string(device / 4)).hash(), identity_hasher{}.add(std::to_string(device)).check()};
}

/// Applies `s` to both; returns a description of the first disagreement, or nothing.
template <class Table>
[[nodiscard]] std::optional<std::string> apply_and_compare(Table& table, session_table_model& model, const table_step& s) {
  const auto k = key_of_device(s.device);
  switch (s.op) {
    case table_op::touch: {
      const auto before = table.evictions();
      auto t = table.touch(k);
      ++t.value->touches;
      if (t.inserted) t.value->device = s.device;
      const bool model_evicted = model.touch(k, s.device);
      if (t.evicted != model_evicted || (table.evictions() - before == 1) != model_evicted) return "eviction differs";
      break;
    }
    case table_op::find: break;
    case table_op::erase:
      if (table.erase(k) != model.erase(k)) return "erase result differs";
      break;
    case table_op::resize:
      table.resize(s.new_max);
      model.resize(s.new_max);
      break;
  }
  if (table.size() != model.size()) return "size differs";
  const auto* a = table.find(k);
  const auto* b = model.find(k);
  if ((a == nullptr) != (b == nullptr)) return "presence differs";
  if (a != nullptr && (a->touches != b->touches || a->device != b->device)) return "value differs";
  // The whole recency order, and every value, agree.
  std::vector<session_key> order;
  bool values_agree = true;
  table.for_each_by_recency([&](const session_key& key, const counted_session& v) {
    order.push_back(key);
    const auto* m = model.find(key);
    if (m == nullptr || m->touches != v.touches || m->device != v.device) values_agree = false;
  });
  if (!values_agree) return "a value differs";
  if (order.size() != model.size()) return "recency list length differs";
  std::size_t i = 0;
  for (const auto& key : model.recency()) {
    if (!(order[i++] == key)) return "recency order differs";
  }
  return std::nullopt;
}

}  // namespace otawire::test

#endif
