// otawire-inspect: a message line's neutral events (otawire::ota, crosswalk.md §1) as JSON.
//
// The rendering is the protocol-neutral part of each event only: what happened, which way, to
// which device and component, with which package, version, reason and progress, and how
// faithfully the wire message became it. The protocol, the line and the vendor's raw record are
// left out; `otawire-inspect --neutral` also leaves out the envelope and the fidelity, so the same
// upgrade captured from two vendors prints the same stream (inspector.hpp, output_content).
#ifndef OTAWIRE_INSPECT_EVENTS_HPP
#define OTAWIRE_INSPECT_EVENTS_HPP

#include "inspect/record.hpp"

#include <otawire/ota/model.hpp>

#include <algorithm>
#include <array>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace otawire::inspect {

/// One neutral event as a JSON object: `event`, `direction`, then the body's fields, the
/// envelope's device / component / task parts that are set, and `fidelity` (with `rule` for a
/// synthesised event).
boost::json::object event_json(const otawire::ota::event& e);

/// Records the events a protocol plug-in's `to_events` produced for the line (`out.events`), or the
/// mapping's error.
void add_events(const otawire::result<std::size_t>& produced, std::span<const otawire::ota::event> events,
                record& out);

/// What the JSON families' mappings need from the session so far (their `*_session_context`),
/// kept per device by the plug-ins and learnt from the events each line produced: the active
/// offer's target version, whether progress came since, whether a version query is unanswered,
/// and the storage Tencent's and CTWing's numeric task ids are written into as text.
struct event_context {
  std::string target_version;  ///< empty when no offer is active
  bool progress_reported = false;
  bool query_pending = false;
  std::array<char, 24> task_id_text{};

  /// The target version as the mappings take it (absent when no offer is active).
  [[nodiscard]] std::optional<std::string_view> target() const {
    return target_version.empty() ? std::nullopt : std::optional<std::string_view>(target_version);
  }
  /// Learns from the events one line produced (after they were rendered: they may view into this).
  void observe(std::span<const otawire::ota::event> events);
};

/// Runs a family's mapping for one decoded message and records its events: `map(base, buffer)`
/// calls `ota::to_events` with the family's context; the device's `event_context` then learns
/// from the events.
template <std::size_t N, class Map>
void add_family_events(otawire::ota::protocol p, otawire::direction dir, const otawire::device_identity& device,
                       event_context& context, record& out, Map&& map) {
  std::array<otawire::ota::event, N> buffer{};
  otawire::ota::envelope base{};
  base.source_protocol = p;
  base.dir = dir;
  base.device = device;
  const otawire::result<std::size_t> produced = map(static_cast<const otawire::ota::envelope&>(base), std::span(buffer));
  add_events(produced, buffer, out);
  if (produced) context.observe(std::span<const otawire::ota::event>(buffer.data(), std::min(*produced, N)));
}

}  // namespace otawire::inspect

#endif
