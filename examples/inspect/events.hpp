// otawire-inspect: a message line's neutral events (otawire::ota, crosswalk.md §1) as JSON.
//
// The rendering is the protocol-neutral part of each event only: what happened, which way, to
// which device and component, with which package, version, reason and progress, and how
// faithfully the wire message became it. The protocol, the line and the vendor's raw record are
// left out, so the same upgrade captured from two vendors renders as the same stream
// (`otawire-inspect --events --jsonl`).
#ifndef OTAWIRE_INSPECT_EVENTS_HPP
#define OTAWIRE_INSPECT_EVENTS_HPP

#include "inspect/record.hpp"

#include <otawire/ota/model.hpp>

#include <span>

namespace otawire::inspect {

/// One neutral event as a JSON object: `event`, `direction`, then the body's fields, the
/// envelope's device / component / task parts that are set, and `fidelity` (with `rule` for a
/// synthesised event).
boost::json::object event_json(const otawire::ota::event& e);

/// Records the events a protocol plug-in's `to_events` produced for the line (`out.events`), or the
/// mapping's error.
void add_events(const otawire::result<std::size_t>& produced, std::span<const otawire::ota::event> events,
                record& out);

}  // namespace otawire::inspect

#endif
