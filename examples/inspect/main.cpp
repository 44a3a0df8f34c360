// otawire-inspect: decodes and validates captured OTA traffic, one message per line.
//
//   otawire-inspect [--jsonl] [FILE...]      (no FILE, or "-": standard input)
//
// Each file is one capture, in order. Lines:
//   # comment            (skipped, as are blank lines)
//   # <protocol> <directive> <value>     (a per-file setting, e.g. "# lwm2m object-version 1.0")
//   [<timestamp>] pcp up|down <hex>
//   [<timestamp>] lwm2m read|write|exec|notify:<path>[;tlv|;text|;opaque] [<payload>]
//   [<timestamp>] tencent|ctwing|jetlinks|huawei|alibaba <topic> <json>
// A timestamp is `@<seconds>[.<fraction>]` or `YYYY-MM-DDTHH:MM:SS[.fraction]Z`; timed lines let
// the validators check timeouts (PCP). Sessions are kept per device, as the topic or payload names
// it; a protocol whose transport connection is the device (PCP, LwM2M, CTWing) has one per file.
// Exit status: 0 when every message line is ok, 1 when any is not, 2 for usage errors.
#include "inspect/record.hpp"

#include <cstdio>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>
#include <string>
#include <vector>

namespace {
using namespace otawire::inspect;

const std::map<std::string_view, std::function<std::unique_ptr<protocol_session>()>>& protocols() {
  static const std::map<std::string_view, std::function<std::unique_ptr<protocol_session>()>> table{
      {"pcp", make_pcp_session},         {"lwm2m", make_lwm2m_session},
      {"tencent", make_tencent_session}, {"ctwing", make_ctwing_session},
      {"jetlinks", make_jetlinks_session}, {"huawei", make_huawei_session},
      {"alibaba", make_alibaba_session}};
  return table;
}

void print_human(const std::string& source, const record& r) {
  std::string out = source + ":" + std::to_string(r.line) + ": " + r.protocol + " " +
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
    out += "\n    session rejected: rule " + std::string(r.session_error->where) + " in state " +
           std::string(r.session_error->state);
  }
  std::cout << out << '\n';
}

// Inspects one session; returns false when any message line is not ok.
bool inspect_stream(std::istream& in, const std::string& source, bool jsonl) {
  std::map<std::string, std::unique_ptr<protocol_session>> sessions;
  bool all_ok = true;
  std::string line;
  std::size_t number = 0;
  while (std::getline(in, line)) {
    ++number;
    auto text = trim(line);
    if (text.empty()) continue;
    const auto& table = protocols();
    record r;
    r.line = number;
    if (text.front() == '#') {
      // `# <protocol> <directive> <value>` configures that protocol's sessions for this file;
      // any other comment is skipped.
      auto [first, after] = split_word(text.substr(1));
      const auto it = table.find(first);
      if (it == table.end() || after.empty()) continue;
      auto [name, value] = split_word(after);
      auto& session = sessions[std::string(first)];
      if (!session) session = it->second();
      const auto problem = session->directive(name, value);
      if (!problem) continue;
      r.protocol = std::string(first);
      r.type = "directive";
      r.set_error("bad_directive", *problem, std::size_t{0});
      r.offset_unit = "char";
    } else {
      const auto stamp = parse_timestamp(text);
      r.time = stamp.time;
      text = stamp.rest;
      auto [word, rest] = split_word(text);
      r.protocol = std::string(word);
      if (stamp.error) {
        r.set_error("bad_timestamp", *stamp.error, std::size_t{0});
        r.offset_unit = "char";
      } else if (auto it = table.find(word); it == table.end()) {
        r.set_error("unknown_protocol", std::string(word), std::size_t{0});
        r.offset_unit = "char";
      } else if (rest.empty()) {
        r.set_error("malformed_line", "expected a payload after the protocol word", word.size());
        r.offset_unit = "char";
      } else {
        auto& session = sessions[r.protocol];
        if (!session) session = it->second();
        session->inspect(rest, r);
      }
    }
    all_ok = all_ok && r.ok();
    if (jsonl) {
      std::cout << boost::json::serialize(r.to_json()) << '\n';
    } else {
      print_human(source, r);
    }
  }
  return all_ok;
}

int usage(int status) {
  (status == 0 ? std::cout : std::cerr)
      << "usage: otawire-inspect [--jsonl] [FILE...]\n"
         "Decodes and validates captured OTA sessions (one message per line, sessions per device):\n"
         "  [<timestamp>] pcp up|down <hex>\n"
         "  [<timestamp>] lwm2m read|write|exec|notify:<path>[;tlv|;text|;opaque] [<payload>]\n"
         "  [<timestamp>] tencent|ctwing|jetlinks|huawei|alibaba <topic> <json>\n"
         "  # <protocol> <directive> <value>   e.g. # lwm2m object-version 1.0\n"
         "Timestamps: @<seconds>[.<fraction>] or YYYY-MM-DDTHH:MM:SS[.fraction]Z.\n"
         "Exit status: 0 all lines ok, 1 some line failed, 2 usage error.\n";
  return status;
}
}  // namespace

int main(int argc, char** argv) {
  bool jsonl = false;
  std::vector<std::string> files;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--jsonl") jsonl = true;
    else if (a == "--help" || a == "-h") return usage(0);
    else if (a.size() > 1 && a[0] == '-') return usage(2);
    else files.push_back(a);
  }
  if (files.empty()) files.push_back("-");
  bool all_ok = true;
  for (const auto& f : files) {
    if (f == "-") {
      all_ok = inspect_stream(std::cin, "<stdin>", jsonl) && all_ok;
      continue;
    }
    std::ifstream in(f);
    if (!in) {
      std::cerr << "otawire-inspect: cannot open " << f << '\n';
      return 2;
    }
    all_ok = inspect_stream(in, f, jsonl) && all_ok;
  }
  return all_ok ? 0 : 1;
}
