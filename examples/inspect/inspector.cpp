#include "inspect/inspector.hpp"

#include <otawire/detect.hpp>

#include <algorithm>
#include <array>

namespace otawire::inspect {

const protocol_entry* find_protocol(std::string_view name) {
  const auto table = protocols();
  const auto it = std::find_if(table.begin(), table.end(), [&](const protocol_entry& p) { return p.name == name; });
  return it == table.end() ? nullptr : &*it;
}

protocol_session& capture::session_of(const protocol_entry& p) {
  auto& session = sessions_[std::string(p.name)];
  if (!session) session = p.make();
  return *session;
}

std::optional<record> capture::inspect_line(std::string_view line, std::size_t number) {
  auto text = trim(line);
  if (text.empty()) return std::nullopt;
  record r;
  r.line = number;
  if (text.front() == '#') {
    // `# <protocol> <directive> <value>` configures that protocol's sessions for this capture;
    // any other comment is skipped.
    auto [first, after] = split_word(text.substr(1));
    const auto* protocol = find_protocol(first);
    if (protocol == nullptr || after.empty()) return std::nullopt;
    auto [name, value] = split_word(after);
    const auto problem = session_of(*protocol).directive(name, value);
    if (!problem) return std::nullopt;
    r.protocol = std::string(first);
    r.type = "directive";
    r.set_error("bad_directive", *problem, std::size_t{0});
    r.offset_unit = "char";
    return r;
  }
  const auto stamp = parse_timestamp(text);
  r.time = stamp.time;
  text = stamp.rest;
  auto [word, rest] = split_word(text);
  r.protocol = std::string(word);
  if (stamp.error) {
    r.set_error("bad_timestamp", *stamp.error, std::size_t{0});
    r.offset_unit = "char";
    return r;
  }
  if (rest.empty()) {
    const bool known = word == auto_word || find_protocol(word) != nullptr;
    r.set_error(known ? "malformed_line" : "unknown_protocol",
                known ? "expected a payload after the protocol word" : std::string(word),
                known ? word.size() : std::size_t{0});
    r.offset_unit = "char";
    return r;
  }
  const protocol_entry* protocol = nullptr;
  if (word == auto_word) {
    const auto detected = otawire::detect(split_word(rest).first);
    if (!detected) {
      r.set_error(detected.error());
      return r;
    }
    // From here on the line is the detected family's: same record, same sessions.
    r.protocol = std::string(otawire::name(detected->family));
    protocol = find_protocol(r.protocol);
  } else {
    protocol = find_protocol(word);
  }
  if (protocol == nullptr) {
    r.set_error("unknown_protocol", r.protocol, std::size_t{0});
    r.offset_unit = "char";
    return r;
  }
  session_of(*protocol).inspect(rest, r);
  return r;
}

std::string format_human(std::string_view source, const record& r) {
  std::string out = std::string(source) + ":" + std::to_string(r.line) + ": " + r.protocol + " " +
                    (r.type.empty() ? "?" : r.type) + (r.ok() ? "  ok" : "  FAILED");
  if (!r.fields.empty()) out += "  " + boost::json::serialize(r.fields);
  if (r.error_code) {
    out += "\n    error: " + *r.error_code;
    if (!r.error_where.empty()) out += " at " + r.error_where;
    if (r.error_offset) {
      out += r.offset_unit == "byte" ? " (byte " : " (character ";
      out += std::to_string(*r.error_offset) + ")";
    }
  }
  if (!r.session_state.empty()) {
    out += "\n    session: ";
    if (!r.session_device.empty()) out += r.session_device + ": ";
    out += r.session_state;
  }
  if (r.session_error) {
    out += "\n    session rejected: rule " + std::string(r.session_error->where()) + " in state " +
           std::string(r.session_error->state());
  }
  return out;
}

std::string format_jsonl(const record& r) { return boost::json::serialize(r.to_json()); }

namespace {
/// An event without what names a vendor's side of the upgrade (output_content::upgrade_events),
/// fields kept in their order.
boost::json::object upgrade_view(const boost::json::object& e) {
  // The envelope (whose device, which part of it, which task) and the mapping (fidelity, rule):
  // how a vendor names and carries the upgrade, not what happened in it.
  constexpr std::array<std::string_view, 7> vendor_side{"device", "component", "module", "task_id",
                                                        "firmware_id", "fidelity", "rule"};
  boost::json::object kept;
  for (const auto& field : e) {
    if (std::find(vendor_side.begin(), vendor_side.end(), field.key()) != vendor_side.end()) continue;
    if (field.key() == "package" && field.value().is_object()) {
      boost::json::object package;
      for (const auto& part : field.value().get_object()) {
        if (part.key() != "source" && part.key() != "extras") package.emplace(part.key(), part.value());
      }
      kept.emplace(field.key(), std::move(package));
      continue;
    }
    kept.emplace(field.key(), field.value());
  }
  return kept;
}
}  // namespace

std::string format_events(std::string_view source, const record& r, output_format format, output_content content) {
  const std::string at = std::string(source) + ":" + std::to_string(r.line) + ": " + r.protocol + " ";
  std::string problem;
  if (!r.ok()) {
    problem = "FAILED " + (r.error_code ? *r.error_code : std::string("session_rejected"));
  } else if (!r.events_mapped) {
    problem = "no event mapping for " + (r.protocol.empty() ? std::string("?") : r.protocol);
  } else if (r.events_error) {
    problem = "event mapping refused: " + *r.events_error;
  }
  std::string out;
  if (!problem.empty()) {
    // In jsonl the line is named: the stream is no longer comparable anyway.
    out = format == output_format::jsonl
              ? boost::json::serialize(boost::json::object{{"line", r.line}, {"error", problem}})
              : at + (r.type.empty() ? "?" : r.type) + "  " + problem;
    out += '\n';
  }
  if (!r.ok()) return out;
  boost::json::object narrowed;  // --neutral's copy; --events prints the recorded event as it is
  for (const auto& full : r.events) {
    const boost::json::object& e = content == output_content::upgrade_events ? (narrowed = upgrade_view(full)) : full;
    if (format == output_format::jsonl) {
      out += boost::json::serialize(e);
    } else {
      // The kind leads the line; the rest keeps its order (object::erase would reorder it).
      boost::json::object rest;
      for (const auto& field : e) {
        if (field.key() != "event") rest.emplace(field.key(), field.value());
      }
      out += at + std::string(e.at("event").as_string()) + "  " + boost::json::serialize(rest);
    }
    out += '\n';
  }
  return out;
}

capture_report inspect_capture(std::string_view text, std::string_view source, output_format format,
                               output_content content) {
  capture_report report;
  capture session;
  std::size_t number = 0;
  while (!text.empty()) {
    const auto end = text.find('\n');
    const auto line = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view{} : text.substr(end + 1);
    const auto r = session.inspect_line(line, ++number);
    if (!r) continue;
    report.all_ok = report.all_ok && r->ok();
    ++report.records;
    if (content != output_content::records) {
      report.text += format_events(source, *r, format, content);
      continue;
    }
    report.text += format == output_format::jsonl ? format_jsonl(*r) : format_human(source, *r);
    report.text += '\n';
  }
  return report;
}

}  // namespace otawire::inspect
