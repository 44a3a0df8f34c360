// otawire::pcp — UpgradeDesc.json, the software package descriptor (spec §7), in the
// otawire::json target: parse, validate and write the 14-field descriptor; answer "may a device at
// version X take this package" with the supportSourceVersionList matcher.
//
// Parsing uses the project's JSON layer (json/simd.hpp fast path with byte offsets, json/dom.hpp
// over a Boost.JSON value), one generic decoder for both; nothing is thrown for bad input.
// Errors name the field (`where`, the JSON key; array elements as `supportSourceVersionList[]`)
// and, on the text path, the byte offset of the offending value.
//
// Choices where the guide (D4) is silent or sources disagree, each tested:
// - The file must be UTF-8 *without* BOM (the guide says so): a BOM is `bad_string` at 0.
// - Keys outside the 14 are rejected (`unsupported`) unless `allow_unknown_keys` is set: a typo
//   such as "deviceshard" would otherwise silently fall back to the default. Duplicate keys are
//   rejected (`duplicate`) on the text path, unlike the JSON layer's last-wins rule for messages:
//   a package descriptor is authored once, and tools disagree on which occurrence wins. (A
//   Boost.JSON DOM has already merged them, so `parse_descriptor_dom` cannot see them.)
// - Optional fields given as "" (as in the guide's template) count as absent.
// - versionCheckCode: "长度为4个字符" with the example 1234 → bytes 12 34, but a real device
//   vendor used 2 characters ("e1"). We accept 1–4 hex digits and read them as the 16-bit
//   package check code of message 20 ("e1" → 0x00E1).
// - deviceShard: the template writes it as a string; we accept a string of digits or a JSON
//   integer, 32–500, default 500; we write it back as a string.
// - protocolType: "CoAP" or "LWM2M", compared case-insensitively ("LwM2M" is common).
// - date: "yyyy-MM-dd", a real calendar date.
#ifndef OTAWIRE_PCP_DESCRIPTOR_HPP
#define OTAWIRE_PCP_DESCRIPTOR_HPP

#include <otawire/error.hpp>
#include <otawire/pcp/fragments.hpp>
#include <otawire/pcp/messages.hpp>
#include <otawire/pcp/source_versions.hpp>
#include <otawire/result.hpp>

#include <otawire/json/dom.hpp>
#include <otawire/json/simd.hpp>

#include <boost/json.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace otawire::pcp {

/// The descriptor's fields, in the template's order (JSON names in comments).
struct upgrade_descriptor {
  std::string spec_version = "1.0";             ///< specVersion, fixed "1.0"
  std::string file_name;                        ///< fileName
  std::string package_type = "softwarePackage"; ///< packageType, fixed
  std::string version;                          ///< version, ≤ 16 bytes (the BYTE[16] field)
  std::string device_type;                      ///< deviceType
  std::string manufacturer_name;                ///< manufacturerName
  std::string model;                            ///< model
  std::string protocol_type;                    ///< protocolType: "CoAP" or "LWM2M"
  std::string description;                      ///< description (optional)
  std::string version_check_code;               ///< versionCheckCode (optional), 1–4 hex digits
  std::optional<std::uint16_t> device_shard;    ///< deviceShard (optional), 32–500
  std::string platform;                         ///< platform (optional), e.g. "linux"
  std::vector<std::string> support_source_version_list;  ///< supportSourceVersionList (optional)
  std::string date;                             ///< date (optional), yyyy-MM-dd

  /// The fragment size message 20 announces (deviceShard, default 500).
  [[nodiscard]] std::uint16_t fragment_size() const noexcept {
    return device_shard.value_or(default_fragment_size);
  }
  /// The package check code message 20 carries (0 when the descriptor has none). Precondition:
  /// the descriptor is valid.
  [[nodiscard]] std::uint16_t package_check_code() const noexcept {
    std::uint16_t v = 0;
    for (char c : version_check_code) {
      const int d = c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
      v = static_cast<std::uint16_t>((v << 4) | (d & 0xF));
    }
    return v;
  }
  /// May a device running `source_version` take this package? (An empty list allows all.)
  [[nodiscard]] bool allows_source_version(std::string_view source_version) const {
    return source_version_allowed_in(support_source_version_list, source_version);
  }
  /// The fragments of a package of `package_size` bytes under this descriptor.
  [[nodiscard]] result<fragment_plan> plan(std::uint64_t package_size) const noexcept {
    return plan_fragments(package_size, fragment_size());
  }
  /// Message 20 for this package.
  [[nodiscard]] result<notify_new_version_request> notification(std::uint64_t package_size) const noexcept {
    auto v = version_string::from(version);
    if (!v) return fail(errc::bad_string, "version");
    auto p = plan(package_size);
    if (!p) return p.error();
    return p->notification(*v, package_check_code());
  }

  friend bool operator==(const upgrade_descriptor&, const upgrade_descriptor&) = default;
};

/// How strictly `decode_descriptor` reads the JSON upgrade descriptor.
struct descriptor_options {
  /// Ignore keys outside the known set instead of failing with `unsupported` (the default
  /// rejects them, so a misspelt key is caught rather than silently dropped).
  bool allow_unknown_keys = false;
};

namespace detail::descriptor {

struct field_info {
  json::key_name name;  // the key, and its text for errors
  bool required;
};

inline constexpr std::array<field_info, 14> fields{{
    {"specVersion", true},       {"fileName", true},         {"packageType", true},
    {"version", true},           {"deviceType", true},       {"manufacturerName", true},
    {"model", true},             {"protocolType", true},     {"description", false},
    {"versionCheckCode", false}, {"deviceShard", false},     {"platform", false},
    {"supportSourceVersionList", false}, {"date", false},
}};

// A field's key and its value (an aggregate: its key must be built at compile time).
struct named_text {
  json::key_name name;
  const std::string* value;
};

/// Offsets of each field's value in the text (by index in `fields`), where the backend knows them.
using field_offsets = std::array<std::size_t, fields.size()>;

[[nodiscard]] constexpr std::size_t index_of(std::string_view key) noexcept {
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (fields[i].name.text == key) return i;
  }
  return fields.size();
}

[[nodiscard]] inline bool is_hex(char c) noexcept {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

[[nodiscard]] inline bool equals_ignoring_case(std::string_view a, std::string_view b) noexcept {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const auto lower = [](char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c | 0x20) : c; };
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

[[nodiscard]] inline bool valid_date(std::string_view d) noexcept {
  if (d.size() != 10 || d[4] != '-' || d[7] != '-') return false;
  int parts[3] = {0, 0, 0};
  const std::size_t starts[3] = {0, 5, 8};
  const std::size_t lengths[3] = {4, 2, 2};
  for (int p = 0; p < 3; ++p) {
    for (std::size_t k = 0; k < lengths[p]; ++k) {
      const char c = d[starts[p] + k];
      if (c < '0' || c > '9') return false;
      parts[p] = parts[p] * 10 + (c - '0');
    }
  }
  const int y = parts[0], m = parts[1], day = parts[2];
  if (m < 1 || m > 12 || day < 1) return false;
  constexpr int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return day <= days[m - 1] + ((m == 2 && leap) ? 1 : 0);
}

/// Well-formed UTF-8 (no overlongs, no surrogates, ≤ U+10FFFF): the descriptor is UTF-8.
[[nodiscard]] inline bool valid_utf8(std::string_view s) noexcept {
  std::size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t n = 0;
    std::uint32_t cp = 0;
    if (c < 0x80) {
      ++i;
      continue;
    }
    if (c >= 0xC2 && c <= 0xDF) { n = 1; cp = c & 0x1Fu; }
    else if (c >= 0xE0 && c <= 0xEF) { n = 2; cp = c & 0x0Fu; }
    else if (c >= 0xF0 && c <= 0xF4) { n = 3; cp = c & 0x07u; }
    else return false;
    if (i + n >= s.size()) return false;  // the continuation bytes are missing
    for (std::size_t k = 1; k <= n; ++k) {
      const auto cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0u) != 0x80u) return false;
      cp = (cp << 6) | (cc & 0x3Fu);
    }
    if ((n == 2 && cp < 0x800) || (n == 3 && (cp < 0x10000 || cp > 0x10FFFF)) ||
        (cp >= 0xD800 && cp <= 0xDFFF)) {
      return false;
    }
    i += n + 1;
  }
  return true;
}

[[nodiscard]] inline bool printable_ascii(std::string_view s) noexcept {
  for (char c : s) {
    if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) > 0x7E) return false;
  }
  return true;
}

}  // namespace detail::descriptor

namespace detail::descriptor {
/// The field rules; `offsets` (from the parsed text) places the errors when known.
[[nodiscard]] inline result<void> check(const upgrade_descriptor& d, const field_offsets* offsets) {
  namespace dd = detail::descriptor;
  auto at = [&](std::string_view key) -> std::size_t {
    const std::size_t i = index_of(key);
    return (offsets && i < fields.size()) ? (*offsets)[i] : error::no_offset;
  };
  // Free text must be UTF-8 (the file is UTF-8; Boost.JSON would write the bytes unchecked).
  const dd::named_text texts[] = {
      {"fileName", &d.file_name}, {"deviceType", &d.device_type},
      {"manufacturerName", &d.manufacturer_name}, {"model", &d.model},
      {"description", &d.description}, {"platform", &d.platform}};
  for (const auto& [name, value] : texts) {
    if (!dd::valid_utf8(*value)) return fail(errc::bad_string, name.id, at(name.text));
  }
  if (d.spec_version != "1.0") return fail(errc::invalid_value, "specVersion", at("specVersion"));
  const dd::named_text required[] = {
      {"fileName", &d.file_name},         {"version", &d.version},
      {"deviceType", &d.device_type},     {"manufacturerName", &d.manufacturer_name},
      {"model", &d.model},                {"protocolType", &d.protocol_type}};
  for (const auto& [name, value] : required) {
    if (value->empty()) return fail(errc::missing_field, name.id, at(name.text));
  }
  if (d.package_type != "softwarePackage") return fail(errc::invalid_value, "packageType", at("packageType"));
  if (auto v = version_string::from(d.version); !v) return fail(errc::bad_string, "version", at("version"));
  if (!dd::equals_ignoring_case(d.protocol_type, "CoAP") && !dd::equals_ignoring_case(d.protocol_type, "LWM2M")) {
    return fail(errc::invalid_value, "protocolType", at("protocolType"));
  }
  if (d.version_check_code.size() > 4) return fail(errc::bad_string, "versionCheckCode", at("versionCheckCode"));
  for (char c : d.version_check_code) {
    if (!dd::is_hex(c)) return fail(errc::bad_string, "versionCheckCode", at("versionCheckCode"));
  }
  if (d.device_shard && (*d.device_shard < min_fragment_size || *d.device_shard > max_fragment_size)) {
    return fail(errc::out_of_range, "deviceShard", at("deviceShard"));
  }
  for (const auto& entry : d.support_source_version_list) {
    if (!dd::printable_ascii(entry)) {
      return fail(errc::bad_string, "supportSourceVersionList[]", at("supportSourceVersionList"));
    }
  }
  if (!d.date.empty() && !dd::valid_date(d.date)) return fail(errc::bad_string, "date", at("date"));
  return ok();
}
}  // namespace detail::descriptor

/// Checks the field rules of a descriptor built in code (the parser applies the same rules).
[[nodiscard]] inline result<void> check(const upgrade_descriptor& d) {
  return detail::descriptor::check(d, nullptr);
}

/// Decodes a descriptor with either JSON backend (the JSON layer's pattern: one decoder over
/// `json::simd_document` and `json::dom_document`). Duplicate keys are caught only where the
/// backend still sees them (the simdjson walk); Boost.JSON's DOM keeps the last one.
template <class Document>
[[nodiscard]] result<upgrade_descriptor> decode_descriptor(Document& doc, const descriptor_options& options = {}) {
  namespace dd = detail::descriptor;
  upgrade_descriptor d;
  d.spec_version.clear();
  d.package_type.clear();
  std::array<bool, dd::fields.size()> seen{};
  dd::field_offsets offsets;
  offsets.fill(error::no_offset);
  std::string* const strings[dd::fields.size()] = {
      &d.spec_version, &d.file_name, &d.package_type, &d.version, &d.device_type,
      &d.manufacturer_name, &d.model, &d.protocol_type, &d.description, &d.version_check_code,
      nullptr /* deviceShard */, &d.platform, nullptr /* supportSourceVersionList */, &d.date};

  auto walked = doc.object_for_each([&](json::key_view key, auto& v) -> result<bool> {
    const std::size_t i = dd::index_of(key);
    if (i == dd::fields.size()) {
      if (options.allow_unknown_keys) return false;
      return fail(errc::unsupported, "(unknown key)", v.offset());
    }
    const text_id name = dd::fields[i].name.id;
    if (seen[i]) return fail(errc::duplicate, name, v.offset());
    seen[i] = true;
    offsets[i] = v.offset();
    if (strings[i] != nullptr) {
      auto text = v.string(name);
      if (!text) return text.error();
      strings[i]->assign(text->data(), text->size());
      return true;
    }
    if (dd::fields[i].name.text == "deviceShard") {
      auto k = v.type(name);
      if (!k) return k.error();
      std::int64_t n = 0;
      if (*k == json::kind::string) {
        auto text = v.string(name);
        if (!text) return text.error();
        if (text->empty()) return true;  // "" as in the template: absent
        if (text->size() > 5) return fail(errc::out_of_range, name, v.offset());
        for (char c : *text) {
          if (c < '0' || c > '9') return fail(errc::bad_string, name, v.offset());
          n = n * 10 + (c - '0');
        }
      } else if (*k == json::kind::number) {
        auto number = v.int64(name);
        if (!number) return number.error();
        n = *number;
      } else {
        return fail(errc::wrong_type, name, v.offset());
      }
      if (n < 0 || n > 0xFFFF) return fail(errc::out_of_range, name, v.offset());
      d.device_shard = static_cast<std::uint16_t>(n);
      return true;
    }
    // supportSourceVersionList: an array of strings.
    auto k = v.type(name);
    if (!k) return k.error();
    if (*k != json::kind::array) return fail(errc::wrong_type, name, v.offset());
    auto each = v.array_for_each("supportSourceVersionList[]", [&](auto& e) -> result<void> {
      auto text = e.string("supportSourceVersionList[]");
      if (!text) return text.error();
      d.support_source_version_list.emplace_back(text->data(), text->size());
      return ok();
    });
    if (!each) return each.error();
    return true;
  });
  if (!walked) return walked.error();
  for (std::size_t i = 0; i < dd::fields.size(); ++i) {
    if (dd::fields[i].required && !seen[i]) return fail(errc::missing_field, dd::fields[i].name.id, 0);
  }
  if (auto v = dd::check(d, &offsets); !v) return v.error();
  return d;
}

namespace detail::descriptor {
/// The JSON layer names the document root "": call it what it is.
[[nodiscard]] inline error named(error e) noexcept {
  if (!e.where().empty() || e.code() == errc::rule_violation) return e;
  return fail(e.code(), "UpgradeDesc", e.offset());
}
}  // namespace detail::descriptor

/// Parses and validates UpgradeDesc.json text with the fast (simdjson) path; errors carry byte
/// offsets. Never throws for bad input.
[[nodiscard]] inline result<upgrade_descriptor> parse_descriptor(std::string_view text,
                                                                 const descriptor_options& options = {}) {
  if (text.size() >= 3 && static_cast<unsigned char>(text[0]) == 0xEF &&
      static_cast<unsigned char>(text[1]) == 0xBB && static_cast<unsigned char>(text[2]) == 0xBF) {
    return fail(errc::bad_string, "BOM", 0);
  }
  json::parser parser;
  auto d = parser.parse(text, [&](json::simd_document& doc) { return decode_descriptor(doc, options); });
  if (d) return d;
  error e = d.error();
  if (e.code() == errc::malformed_json) {
    // On-Demand places a syntax error only roughly; Boost.JSON stops exactly at it (error path).
    if (auto whole = json::parse_dom(text); !whole) e = whole.error();
  }
  return detail::descriptor::named(e);
}

/// The same over a Boost.JSON document already parsed (no offsets; duplicates already merged).
[[nodiscard]] inline result<upgrade_descriptor> parse_descriptor_dom(const boost::json::value& root,
                                                                     const descriptor_options& options = {}) {
  json::dom_document doc(root);
  auto d = decode_descriptor(doc, options);
  if (d) return d;
  return detail::descriptor::named(d.error());
}

/// Writes the descriptor as UTF-8 JSON (no BOM), the 14 keys in the template's order; absent
/// optional fields are written as "" / [] like the template. Invalid descriptors are refused.
[[nodiscard]] inline result<std::string> write_descriptor(const upgrade_descriptor& d) {
  if (auto v = check(d); !v) return v.error();
  boost::json::object o;
  o["specVersion"] = d.spec_version;
  o["fileName"] = d.file_name;
  o["packageType"] = d.package_type;
  o["version"] = d.version;
  o["deviceType"] = d.device_type;
  o["manufacturerName"] = d.manufacturer_name;
  o["model"] = d.model;
  o["protocolType"] = d.protocol_type;
  o["description"] = d.description;
  o["versionCheckCode"] = d.version_check_code;
  o["deviceShard"] = d.device_shard ? std::to_string(*d.device_shard) : std::string();
  o["platform"] = d.platform;
  boost::json::array list;
  for (const auto& s : d.support_source_version_list) list.emplace_back(s);
  o["supportSourceVersionList"] = std::move(list);
  o["date"] = d.date;
  return boost::json::serialize(o);
}

}  // namespace otawire::pcp

#endif
