// otawire::ota — the fleet tracker: per device (and sub-device, and component) the neutral
// upgrade state, the last event, the last reason, the progress and two timestamps, over
// `otawire::session_table` (crosswalk.md §1; issue 15 item 4).
//
// Every event goes through the device's `neutral_session`, so the tracked state is the validated
// one: a rejected event changes nothing but the device's rejection count. One table slot per
// tracked (device, sub-device, component) is 64 bytes (static_assert below), allocated when the
// tracker is made; no event allocates. When the table is full, a new device evicts the least
// recently active one (the table's rule), counted in `evictions()`.
//
// Platform-side (host) code: the table allocates its slots once, with `new`.
#ifndef OTAWIRE_OTA_TRACKER_HPP
#define OTAWIRE_OTA_TRACKER_HPP

#include <otawire/contract.hpp>
#include <otawire/ota/model.hpp>
#include <otawire/ota/session.hpp>
#include <otawire/result.hpp>
#include <otawire/session_table.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <span>
#include <variant>

namespace otawire::ota {

/// What the tracker keeps per device: the validated session and when things happened.
struct tracked_device {
  neutral_session session{};  ///< the neutral state, outcome and last reason
  /// When `session.state()` last changed, in seconds since the tracker's epoch.
  std::uint32_t state_since_s = 0;
  std::uint32_t last_event_s = 0;  ///< when the last accepted event came, seconds since the epoch
  /// The last accepted event (`version_query`, with `last_event_s` 0, until one is accepted: a
  /// device first seen with a rejected event is tracked, with its rejection counted).
  event_kind last_event = event_kind::version_query;
  std::uint8_t percent = no_percent;  ///< the last progress percentage, `no_percent` when unknown
  std::uint16_t rejected = 0;  ///< events rejected for this device (saturates at 65 535)

  /// `percent` when no progress report gave one yet.
  static constexpr std::uint8_t no_percent = 0xFF;
};

/// The table key of an envelope: product, device, sub-device, component kind and module, so that
/// a gateway's children and a device's components are tracked apart.
[[nodiscard]] constexpr session_key tracker_key(const device_identity& device, const component& part) noexcept {
  const char kind = static_cast<char>('0' + static_cast<int>(part.kind));
  return identity_hasher{}
      .add(device.product)
      .add(device.device)
      .add(device.child)
      .add(std::string_view(&kind, 1))
      .add(part.module)
      .key();
}

/// Upgrades of a fleet, one neutral session per tracked device.
class fleet_tracker {
 public:
  /// A tracker for at most `max_devices` devices; times are measured from `epoch_ms` (ms since
  /// the Unix epoch, or any clock the caller uses consistently) in whole seconds, 32 bits: 136
  /// years from the epoch.
  explicit fleet_tracker(std::size_t max_devices, std::int64_t epoch_ms = 0)
      : table_(max_devices), epoch_ms_(epoch_ms) {}

  /// Feeds one event observed at `now_ms`: the device (from the envelope) is found or added, its
  /// session checks the event. A rejection is returned and counted; nothing else changes.
  result<void> on_event(const event& e, std::int64_t now_ms) noexcept {
    const auto touched = table_.touch(tracker_key(e.head.device, e.head.part));
    tracked_device& d = *touched.value;
    if (touched.inserted) {
      d.session = neutral_session{profile_of(e.head.source_protocol)};
      d.state_since_s = seconds(now_ms);
    }
    const auto before = d.session.state();
    if (auto r = d.session.on_event(e); !r) {
      if (d.rejected != std::numeric_limits<std::uint16_t>::max()) ++d.rejected;
      ++rejected_events_;
      return r;
    }
    record(d, e, before, now_ms);
    return ok();
  }

  /// Feeds the events of one wire message observed at `now_ms`, all or none (they name one device).
  result<void> on_events(std::span<const event> events, std::int64_t now_ms) noexcept {
    if (events.empty()) return ok();
    const auto touched = table_.touch(tracker_key(events[0].head.device, events[0].head.part));
    tracked_device& d = *touched.value;
    if (touched.inserted) {
      d.session = neutral_session{profile_of(events[0].head.source_protocol)};
      d.state_since_s = seconds(now_ms);
    }
    const auto before = d.session.state();
    if (auto r = d.session.on_events(events); !r) {
      if (d.rejected != std::numeric_limits<std::uint16_t>::max()) ++d.rejected;
      ++rejected_events_;
      return r;
    }
    for (const event& e : events) record(d, e, before, now_ms);
    return ok();
  }

  /// The tracked device, or null (recency is not changed).
  [[nodiscard]] const tracked_device* find(const device_identity& device, const component& part = {}) const noexcept {
    return table_.find(tracker_key(device, part));
  }

  /// Visits every device that has been in state `s` for longer than `longer_than_ms` at `now_ms`:
  /// f(key, device). A scan of the table (a query, not a per-message path).
  template <class F>
  void for_each_stuck(upgrade_state s, std::int64_t longer_than_ms, std::int64_t now_ms, F f) const {
    const std::int64_t since = now_ms - longer_than_ms;
    table_.for_each_by_recency([&](const session_key& k, const tracked_device& d) {
      if (d.session.state() == s && time_ms(d.state_since_s) < since) f(k, d);
    });
  }
  /// How many devices have been in state `s` for longer than `longer_than_ms` at `now_ms`.
  [[nodiscard]] std::size_t count_stuck(upgrade_state s, std::int64_t longer_than_ms, std::int64_t now_ms) const {
    std::size_t n = 0;
    for_each_stuck(s, longer_than_ms, now_ms, [&n](const session_key&, const tracked_device&) { ++n; });
    return n;
  }

  /// Refusals and failures accepted so far, per reason (indexed by `reason`).
  [[nodiscard]] const std::array<std::uint64_t, reason_count>& reason_counts() const noexcept { return reasons_; }
  /// Refusals and failures accepted so far for reason `r`.
  [[nodiscard]] std::uint64_t count(reason r) const noexcept { return reasons_[static_cast<std::size_t>(r)]; }
  /// Events rejected by the devices' sessions so far.
  [[nodiscard]] std::uint64_t rejected_events() const noexcept { return rejected_events_; }
  /// Devices tracked now.
  [[nodiscard]] std::size_t size() const noexcept { return table_.size(); }
  /// Devices evicted so far to make room.
  [[nodiscard]] std::uint64_t evictions() const noexcept { return table_.evictions(); }
  /// Bytes of the table's slots: what the tracker's devices cost (`slot_bytes` per slot).
  [[nodiscard]] std::size_t table_bytes() const noexcept { return table_.slot_count() * slot_bytes(); }
  /// Bytes of one table slot (key, recency links, `tracked_device`).
  [[nodiscard]] static constexpr std::size_t slot_bytes() noexcept {
    return session_table<tracked_device>::slot_bytes();
  }

 private:
  [[nodiscard]] std::uint32_t seconds(std::int64_t now_ms) const noexcept {
    const std::int64_t s = (now_ms - epoch_ms_) / 1000;
    if (s < 0) return 0;
    if (s > std::numeric_limits<std::uint32_t>::max()) return std::numeric_limits<std::uint32_t>::max();
    return static_cast<std::uint32_t>(s);
  }
  [[nodiscard]] std::int64_t time_ms(std::uint32_t s) const noexcept { return epoch_ms_ + std::int64_t{s} * 1000; }

  void record(tracked_device& d, const event& e, upgrade_state before, std::int64_t now_ms) noexcept {
    d.last_event = e.kind();
    d.last_event_s = seconds(now_ms);
    if (d.session.state() != before) d.state_since_s = d.last_event_s;
    if (e.kind() == event_kind::upgrade_offer) d.percent = tracked_device::no_percent;  // a new upgrade
    if (const auto* p = std::get_if<progress>(&e.body); p && p->percent) d.percent = *p->percent;
    if (const auto* r = std::get_if<refused>(&e.body)) ++reasons_[static_cast<std::size_t>(r->why)];
    if (const auto* f = std::get_if<failed>(&e.body)) ++reasons_[static_cast<std::size_t>(f->why)];
  }

  session_table<tracked_device> table_;
  std::int64_t epoch_ms_;
  std::array<std::uint64_t, reason_count> reasons_{};
  std::uint64_t rejected_events_ = 0;
};

// The budget: at most 64 bytes per tracked device, table bookkeeping included.
static_assert(fleet_tracker::slot_bytes() <= 64, "a tracked device costs at most 64 bytes");

}  // namespace otawire::ota

#endif
