// supportSourceVersionList matcher (device-safe part): `*`, `?`, `;`, and the chosen edge cases.
#include <otawire/pcp/source_versions.hpp>

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <array>
#include <string>
#include <vector>

namespace {
namespace pcp = otawire::pcp;

static_assert(pcp::wildcard_match("V1.0.*", "V1.0.10"));
static_assert(!pcp::wildcard_match("V1.0.?", "V1.0.10"));

TEST(PcpWildcard, StarAndQuestionMark) {
  EXPECT_TRUE(pcp::wildcard_match("*", ""));
  EXPECT_TRUE(pcp::wildcard_match("*", "anything"));
  EXPECT_TRUE(pcp::wildcard_match("V1.?", "V1.2"));
  EXPECT_FALSE(pcp::wildcard_match("V1.?", "V1."));
  EXPECT_TRUE(pcp::wildcard_match("V*.0", "V1.2.0"));
  EXPECT_TRUE(pcp::wildcard_match("V*1*", "V0.1.0"));
  EXPECT_FALSE(pcp::wildcard_match("V*1*", "V0.2.0"));
  EXPECT_TRUE(pcp::wildcard_match("**?*a", "bbba"));
  EXPECT_FALSE(pcp::wildcard_match("", "V1"));
  EXPECT_TRUE(pcp::wildcard_match("", ""));
}

TEST(PcpWildcard, CaseSensitiveAndExact) {
  EXPECT_FALSE(pcp::wildcard_match("v1.0", "V1.0"));
  EXPECT_FALSE(pcp::wildcard_match("V1.0", "V1.0.1"));
}

TEST(PcpSourceVersions, SemicolonListSpacesAndEmptyEntries) {
  EXPECT_TRUE(pcp::source_version_allowed("V1.0;V1.1", "V1.1"));
  EXPECT_TRUE(pcp::source_version_allowed("V1.0 ; V1.1", "V1.1"));
  EXPECT_FALSE(pcp::source_version_allowed("V1.0;V1.1", "V1.2"));
  EXPECT_TRUE(pcp::source_version_allowed("V1.0;;V2.*;", "V2.5"));
  EXPECT_EQ(pcp::source_version_entries("V1.0;;V2.*; "), 2u);
}

TEST(PcpSourceVersions, EmptyListAllowsEverything) {
  EXPECT_TRUE(pcp::source_version_allowed("", "V9"));
  EXPECT_TRUE(pcp::source_version_allowed(" ; ", "V9"));
  const std::vector<std::string> none;
  EXPECT_TRUE(pcp::source_version_allowed_in(none, "V9"));
  const std::vector<std::string> blanks{"", " "};
  EXPECT_TRUE(pcp::source_version_allowed_in(blanks, "V9"));
}

TEST(PcpSourceVersions, ArrayElementsMayHoldSeveralEntries) {
  const std::vector<std::string> list{"V1.0.*;V1.1.?", "V2.0"};
  EXPECT_TRUE(pcp::source_version_allowed_in(list, "V1.0.10"));
  EXPECT_TRUE(pcp::source_version_allowed_in(list, "V1.1.3"));
  EXPECT_TRUE(pcp::source_version_allowed_in(list, "V2.0"));
  EXPECT_FALSE(pcp::source_version_allowed_in(list, "V1.1.10"));
  EXPECT_FALSE(pcp::source_version_allowed_in(list, "V3.0"));
}

RC_GTEST_PROP(PcpWildcardProp, LiteralPatternMatchesOnlyItself, (const std::string& a, const std::string& b)) {
  RC_PRE(a.find_first_of("*?") == std::string::npos);
  RC_ASSERT(pcp::wildcard_match(a, a));
  RC_ASSERT(pcp::wildcard_match(a, b) == (a == b));
}

RC_GTEST_PROP(PcpWildcardProp, StarAroundAnySubstringMatches, (const std::string& s)) {
  RC_PRE(s.find_first_of("*?") == std::string::npos);
  const auto from = *rc::gen::inRange<std::size_t>(0, s.size() + 1);
  const auto len = *rc::gen::inRange<std::size_t>(0, s.size() - from + 1);
  RC_ASSERT(pcp::wildcard_match("*" + s.substr(from, len) + "*", s));
  std::string qs(s.size(), '?');
  RC_ASSERT(pcp::wildcard_match(qs, s));
  RC_ASSERT(!pcp::wildcard_match(qs + "?", s));
}

}  // namespace
