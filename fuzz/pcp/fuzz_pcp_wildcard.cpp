// supportSourceVersionList matcher, differential: the linear backtracking matcher against a plain
// dynamic-programming definition of `*` and `?`. Input: pattern list, a 0 byte, the version.
#include <otawire/pcp/source_versions.hpp>

#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

namespace {
// dp[i][j]: pattern[0..i) matches text[0..j).
bool reference_match(std::string_view p, std::string_view t) {
  std::vector<std::vector<bool>> dp(p.size() + 1, std::vector<bool>(t.size() + 1, false));
  dp[0][0] = true;
  for (std::size_t i = 1; i <= p.size(); ++i) {
    dp[i][0] = dp[i - 1][0] && p[i - 1] == '*';
    for (std::size_t j = 1; j <= t.size(); ++j) {
      if (p[i - 1] == '*') dp[i][j] = dp[i - 1][j] || dp[i][j - 1];
      else dp[i][j] = dp[i - 1][j - 1] && (p[i - 1] == '?' || p[i - 1] == t[j - 1]);
    }
  }
  return dp[p.size()][t.size()];
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

bool reference_allowed(std::string_view list, std::string_view version) {
  std::vector<std::string_view> entries;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= list.size(); ++i) {
    if (i == list.size() || list[i] == ';') {
      auto e = trim(list.substr(start, i - start));
      if (!e.empty()) entries.push_back(e);
      start = i + 1;
    }
  }
  if (entries.empty()) return true;
  for (auto e : entries) {
    if (reference_match(e, version)) return true;
  }
  return false;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > 512) return 0;  // the reference is quadratic
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const auto zero = input.find('\0');
  const auto list = input.substr(0, zero);
  const auto version = zero == std::string_view::npos ? std::string_view{} : input.substr(zero + 1);
  if (otawire::pcp::wildcard_match(list, version) != reference_match(list, version)) std::abort();
  if (otawire::pcp::source_version_allowed(list, version) != reference_allowed(list, version)) std::abort();
  return 0;
}
