// otawire::pcp — the supportSourceVersionList matcher of UpgradeDesc.json (spec §7): "may a device
// at version X take this package?". Device-safe (no allocation, constexpr), so a device can check
// before it accepts a notification; the descriptor parser lives in the JSON target.
//
// Syntax (D4): `*` matches 0…n characters, `?` exactly one, `;` separates versions. Choices where
// the guide is silent: matching is case-sensitive and exact (version strings are compared as
// bytes elsewhere in PCP); ASCII spaces around a `;`-separated entry are ignored; empty entries
// are ignored; an empty list (no entries at all) allows every source version, because the field
// is optional and the template's default is `[]`.
#ifndef OTAWIRE_PCP_SOURCE_VERSIONS_HPP
#define OTAWIRE_PCP_SOURCE_VERSIONS_HPP

#include <cstddef>
#include <string_view>

namespace otawire::pcp {

/// Glob match of `text` against `pattern` with `*` and `?`. Linear in practice, O(n·m) worst
/// case, no recursion and no allocation (the classic backtrack-to-last-star algorithm).
[[nodiscard]] constexpr bool wildcard_match(std::string_view pattern, std::string_view text) noexcept {
  std::size_t p = 0;
  std::size_t t = 0;
  std::size_t star = std::string_view::npos;  // position of the last `*` in the pattern
  std::size_t star_text = 0;                  // text position that `*` currently extends to
  while (t < text.size()) {
    if (p < pattern.size() && (pattern[p] == '?' || (pattern[p] != '*' && pattern[p] == text[t]))) {
      ++p;
      ++t;
    } else if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      star_text = t;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      t = ++star_text;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

namespace detail {
[[nodiscard]] constexpr std::string_view trim_spaces(std::string_view s) noexcept {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

/// Calls `f(entry)` for each non-empty `;`-separated entry; stops when `f` returns true.
template <class F>
constexpr bool any_entry(std::string_view list, F&& f) {
  while (true) {
    const auto semi = list.find(';');
    const auto entry = trim_spaces(list.substr(0, semi));
    if (!entry.empty() && f(entry)) return true;
    if (semi == std::string_view::npos) return false;
    list.remove_prefix(semi + 1);
  }
}
}  // namespace detail

/// Number of non-empty entries in a `;`-separated list.
[[nodiscard]] constexpr std::size_t source_version_entries(std::string_view list) noexcept {
  std::size_t n = 0;
  detail::any_entry(list, [&n](std::string_view) {
    ++n;
    return false;
  });
  return n;
}

/// Does `version` match any entry of the `;`-separated `list`? An empty list allows everything.
[[nodiscard]] constexpr bool source_version_allowed(std::string_view list, std::string_view version) noexcept {
  if (source_version_entries(list) == 0) return true;
  return detail::any_entry(list, [version](std::string_view e) { return wildcard_match(e, version); });
}

/// The same over the JSON array form: each element may itself hold `;`-separated entries.
/// An array without any entry allows everything.
template <class Range>
[[nodiscard]] constexpr bool source_version_allowed_in(const Range& elements, std::string_view version) {
  std::size_t entries = 0;
  for (const auto& e : elements) {
    const std::string_view s(e);
    entries += source_version_entries(s);
    if (detail::any_entry(s, [version](std::string_view p) { return wildcard_match(p, version); })) {
      return true;
    }
  }
  return entries == 0;
}

static_assert(wildcard_match("V1.*", "V1.0.10") && !wildcard_match("V1.?", "V1.10"));
static_assert(source_version_allowed("V1.0;V2.*", "V2.3") && !source_version_allowed("V1.0", "V1.1"));

}  // namespace otawire::pcp

#endif
