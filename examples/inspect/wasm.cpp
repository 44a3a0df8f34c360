// The WebAssembly entry of the web inspector (web/): one C function the page calls, the capture's
// text in, the JSON lines of `otawire-inspect --jsonl` out. Built by scripts/web.sh with
// OTAWIRE_INSPECT_BOOST_JSON (see inspect/json_backend.hpp), so this translation unit also
// compiles Boost.JSON's implementation: Boost.JSON is header-only this way, and no Debian library
// is built for WebAssembly.
#include "inspect/inspector.hpp"

#include <boost/json/src.hpp>

#include <cstddef>
#include <string>
#include <string_view>

namespace {
// The last report, kept until the next call so that the page can copy it out of linear memory.
std::string last_report;
}  // namespace

extern "C" {
/// Inspects `size` bytes of capture text at `text` and returns the JSON lines (NUL-terminated,
/// valid until the next call). The page reads `inspect_report_size()` bytes: a report holds no
/// NUL, but the length is cheaper to take than to scan for.
[[gnu::used]] const char* inspect_capture_jsonl(const char* text, std::size_t size) {
  last_report = otawire::inspect::inspect_capture(std::string_view(text, size), "capture",
                                                  otawire::inspect::output_format::jsonl)
                    .text;
  return last_report.c_str();
}

[[gnu::used]] std::size_t inspect_report_size() { return last_report.size(); }
}
