// UpgradeDesc.json parser. Oracles: bad input gives an error with a `where` and an offset inside
// the text (or none for whole-document rules), never an exception; an accepted descriptor
// writes back to text that parses to the same descriptor; the matcher agrees with itself on the
// array and `;`-joined forms of the list; the DOM backend decodes the same descriptor (it cannot
// see duplicate keys, which Boost.JSON merges, so only a `duplicate` verdict may differ).
#include <otawire/pcp/descriptor.hpp>

#include <cstdlib>
#include <string>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  namespace pcp = otawire::pcp;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  for (bool lenient : {false, true}) {
    auto d = pcp::parse_descriptor(text, {.allow_unknown_keys = lenient});
    auto dom = otawire::json::parse_dom(text);
    if (d && !dom) std::abort();
    if (dom) {
      auto slow = pcp::parse_descriptor_dom(*dom, {.allow_unknown_keys = lenient});
      if (d && (!slow || !(*slow == *d))) std::abort();
      if (!d && slow && d.error().code() != otawire::errc::duplicate && d.error().where() != std::string_view("BOM")) {
        std::abort();
      }
    }
    if (!d) {
      const auto& e = d.error();
      if (e.where().empty()) std::abort();
      if (e.has_offset() && e.offset() > size) std::abort();
      continue;
    }
    auto written = pcp::write_descriptor(*d);
    if (!written) std::abort();
    auto again = pcp::parse_descriptor(*written);
    if (!again || !(*again == *d)) std::abort();
    std::string joined;
    for (const auto& e : d->support_source_version_list) joined += e + ";";
    for (std::string_view probe : {std::string_view(d->version), std::string_view("V1.0"), std::string_view("")}) {
      if (d->allows_source_version(probe) != pcp::source_version_allowed(joined, probe)) std::abort();
    }
  }
  return 0;
}
