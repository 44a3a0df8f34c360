// otawire-inspect: decodes and validates captured OTA traffic, one message per line.
//
//   otawire-inspect [--jsonl] [FILE...]      (no FILE, or "-": standard input)
//
// Each file is one device's session, in order. Lines:
//   # comment            (skipped, as are blank lines)
//   pcp up|down <hex>
//   lwm2m read|write|exec|notify:<path> [<hex>]
//   tencent|ctwing|jetlinks|huawei|alibaba <topic> <json>
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
    if (r.error_offset) out += " (byte " + std::to_string(*r.error_offset) + ")";
  }
  if (!r.session_state.empty()) out += "\n    session: " + r.session_state;
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
    const auto text = trim(line);
    if (text.empty() || text.front() == '#') continue;
    record r;
    r.line = number;
    auto [word, rest] = split_word(text);
    r.protocol = std::string(word);
    const auto& table = protocols();
    if (auto it = table.find(word); it == table.end()) {
      r.set_error("unknown_protocol", std::string(word), std::size_t{0});
    } else if (rest.empty()) {
      r.set_error("malformed_line", "expected a payload after the protocol word", word.size());
    } else {
      auto& session = sessions[r.protocol];
      if (!session) session = it->second();
      session->inspect(rest, r);
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
         "Decodes and validates captured OTA sessions (one device per file, one message per line):\n"
         "  pcp up|down <hex>\n"
         "  lwm2m read|write|exec|notify:<path> [<hex>]\n"
         "  tencent|ctwing|jetlinks|huawei|alibaba <topic> <json>\n"
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
