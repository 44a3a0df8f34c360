// otawire-inspect: decodes and validates captured OTA traffic, one message per line.
//
//   otawire-inspect [--jsonl] [--events | --neutral] [FILE...]      (no FILE, or "-": standard input)
//
// Each file is one capture, inspected by otawire_inspect_core (inspect/inspector.hpp, which
// describes the lines). This file only reads the files and prints.
// Exit status: 0 when every message line is ok, 1 when any is not, 2 for usage errors.
#include "inspect/inspector.hpp"

#include <fstream>
#include <iostream>
#include <iterator>
#include <string>
#include <vector>

namespace {
using namespace otawire::inspect;

std::string read_all(std::istream& in) {
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

int usage(int status) {
  std::string protocol_words;
  for (const auto& p : protocols()) protocol_words += std::string(p.name) + " ";
  (status == 0 ? std::cout : std::cerr)
      << "usage: otawire-inspect [--jsonl] [--events | --neutral] [FILE...]\n"
         "Decodes and validates captured OTA sessions (one message per line, sessions per device):\n"
         "  [<timestamp>] pcp up|down <hex>\n"
         "  [<timestamp>] lwm2m read|write|exec|notify:<path>[;tlv|;text|;opaque] [<payload>]\n"
         "  [<timestamp>] tencent|ctwing|jetlinks|huawei|alibaba <topic> <json>\n"
         "  [<timestamp>] auto <topic> <json>   (the family detected from the topic)\n"
         "  # <protocol> <directive> <value>   e.g. # lwm2m object-version 1.0\n"
         "Protocols: "
      << protocol_words
      << "\n"
         "--events prints each line's neutral events (otawire::ota) instead of its record.\n"
         "--neutral prints the events without what names a vendor's side of the upgrade (device,\n"
         "  task ids, package source, fidelity): the same upgrade seen by two vendors prints the same.\n"
         "Timestamps: @<seconds>[.<fraction>] or YYYY-MM-DDTHH:MM:SS[.fraction]Z.\n"
         "Exit status: 0 all lines ok, 1 some line failed, 2 usage error.\n";
  return status;
}
}  // namespace

int main(int argc, char** argv) {
  auto format = output_format::human;
  auto content = output_content::records;
  std::vector<std::string> files;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--jsonl") format = output_format::jsonl;
    else if (a == "--events") content = content == output_content::records ? output_content::events : content;
    else if (a == "--neutral") content = output_content::upgrade_events;  // --events, narrowed
    else if (a == "--help" || a == "-h") return usage(0);
    else if (a.size() > 1 && a[0] == '-') return usage(2);
    else files.push_back(a);
  }
  if (files.empty()) files.push_back("-");
  bool all_ok = true;
  for (const auto& f : files) {
    std::string text;
    if (f == "-") {
      text = read_all(std::cin);
    } else {
      std::ifstream in(f, std::ios::binary);
      if (!in) {
        std::cerr << "otawire-inspect: cannot open " << f << '\n';
        return 2;
      }
      text = read_all(in);
    }
    const auto report = inspect_capture(text, f == "-" ? "<stdin>" : f, format, content);
    std::cout << report.text << std::flush;
    all_ok = report.all_ok && all_ok;
  }
  return all_ok ? 0 : 1;
}
