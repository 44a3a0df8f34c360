// otawire_inspect_core: the text of one capture in, one record per message line out, as JSON
// lines or human-readable lines. No file I/O and no main(): the CLI (main.cpp) and the web
// inspector build on it.
//
// Lines of a capture:
//   # comment            (skipped, as are blank lines)
//   # <protocol> <directive> <value>     (a per-capture setting, e.g. "# lwm2m object-version 1.0")
//   [<timestamp>] pcp up|down <hex>
//   [<timestamp>] lwm2m read|write|exec|notify:<path>[;tlv|;text|;opaque] [<payload>]
//   [<timestamp>] tencent|ctwing|jetlinks|huawei|alibaba <topic> <json>
//   [<timestamp>] auto <topic> <json>    (the family is the one otawire::detect names for the topic)
// An `auto` line is inspected exactly as the same line written with the detected family's name,
// on the same sessions; a topic no family (or more than one) takes is reported with detect's error.
// Sessions are kept per device, as the topic or payload names it; a protocol whose transport
// connection is the device (PCP, LwM2M, CTWing: their messages name no device) has one per capture.
#ifndef OTAWIRE_INSPECT_INSPECTOR_HPP
#define OTAWIRE_INSPECT_INSPECTOR_HPP

#include "inspect/record.hpp"

#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace otawire::inspect {

/// Every protocol an inspect/<protocol>.cpp registers (OTAWIRE_INSPECT_PROTOCOL), in
/// OTAWIRE_PROTOCOLS order. Defined by the table CMake generates.
std::span<const protocol_entry> protocols();

/// The registered protocol named `name`, or nullptr.
const protocol_entry* find_protocol(std::string_view name);

/// The word of a line whose family is detected from its topic.
inline constexpr std::string_view auto_word = "auto";

/// One capture: the sessions of every protocol (and in them, of every device), fed line by line.
class capture {
 public:
  /// The record of line `number` (1-based) of the capture; nothing for a blank line, a comment
  /// or a directive that took effect.
  std::optional<record> inspect_line(std::string_view line, std::size_t number);

 private:
  protocol_session& session_of(const protocol_entry& p);

  std::map<std::string, std::unique_ptr<protocol_session>, std::less<>> sessions_;  // by protocol name
};

enum class output_format { human, jsonl };

/// What a capture's report prints: one record per message line, or (`--events`) each line's
/// neutral events. Event lines in jsonl carry no protocol, line or raw record; a line that failed,
/// or whose protocol has no event mapping, prints an `error` object in its place.
/// `upgrade_events` (`--neutral`) keeps only what happened in the upgrade — which event, which
/// way, versions, package size and digest, progress, phase, reason — and leaves out how a vendor
/// names and carries it: the envelope (device identity, component and module, task and firmware
/// ids), the package's source (the vendor's hosting and its authentication) and extras, and the
/// mapping's fidelity and synthesis rule. The same upgrade captured from two vendors then prints
/// the same stream (examples/captures/pair-*).
enum class output_content { records, events, upgrade_events };

/// `<source>:<line>: <protocol> <type>  ok|FAILED  <fields>` and indented error and session
/// lines; no trailing newline.
std::string format_human(std::string_view source, const record& r);
/// The record as one line of JSON (no trailing newline).
std::string format_jsonl(const record& r);
/// The record's events, one line each, `<source>:<line>: <protocol> <event> <json>` (human) or
/// the event's JSON (jsonl); each line ends in '\n'. Empty for a line that maps to no event.
/// `content` is `events` or `upgrade_events` (see output_content).
std::string format_events(std::string_view source, const record& r, output_format format,
                          output_content content = output_content::events);

struct capture_report {
  std::string text;    // one formatted record per line, each ending in '\n'
  bool all_ok = true;  // every message line was ok
  std::size_t records = 0;
};

/// Inspects the whole text of one capture (lines end at '\n'; a '\r' before it is ignored).
/// `source` names the capture in human lines.
capture_report inspect_capture(std::string_view text, std::string_view source, output_format format,
                               output_content content = output_content::records);

}  // namespace otawire::inspect

#endif
