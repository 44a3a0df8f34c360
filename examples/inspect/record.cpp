#include "inspect/record.hpp"

namespace otawire::inspect {

void record::set_error(const otawire::error& e) {
  error_code = std::string(otawire::name(e.code));
  error_where = std::string(e.where);
  error_offset = e.has_offset() ? std::optional<std::size_t>(e.offset) : std::nullopt;
}

void record::set_error(std::string code, std::string where, std::optional<std::size_t> offset) {
  error_code = std::move(code);
  error_where = std::move(where);
  error_offset = offset;
}

boost::json::object record::to_json() const {
  boost::json::object o;
  o["line"] = line;
  o["protocol"] = protocol;
  o["ok"] = ok();
  o["type"] = type;
  o["fields"] = fields;
  if (error_code) {
    boost::json::object e;
    e["code"] = *error_code;
    e["offset"] = error_offset ? boost::json::value(*error_offset) : boost::json::value(nullptr);
    e["where"] = error_where;
    o["error"] = std::move(e);
  }
  boost::json::object s;
  s["state"] = session_state;
  if (session_error) {
    boost::json::object e;
    e["code"] = std::string(otawire::name(session_error->code));
    e["rule"] = std::string(session_error->where);
    e["state"] = std::string(session_error->state);
    s["error"] = std::move(e);
  }
  o["session"] = std::move(s);
  return o;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

std::pair<std::string_view, std::string_view> split_word(std::string_view s) {
  s = trim(s);
  const auto end = s.find_first_of(" \t");
  if (end == std::string_view::npos) return {s, {}};
  return {s.substr(0, end), trim(s.substr(end))};
}

}  // namespace otawire::inspect
