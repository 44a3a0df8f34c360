#include <otawire/error.hpp>
#include <otawire/error_code.hpp>
#include <otawire/result.hpp>

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <type_traits>

namespace {
using otawire::errc;

constexpr errc all_codes[] = {
    errc::truncated,      errc::bad_magic,     errc::bad_version,    errc::unknown_message,
    errc::bad_checksum,   errc::bad_length,    errc::trailing_bytes, errc::out_of_range,
    errc::invalid_value,  errc::bad_string,    errc::duplicate,      errc::bad_nesting,
    errc::reserved_id,    errc::malformed_json, errc::missing_field, errc::wrong_type,
    errc::buffer_too_small, errc::rule_violation, errc::unsupported};

TEST(Error, EveryCodeHasADistinctNameAndADescription) {
  std::set<std::string_view> names;
  for (auto c : all_codes) {
    EXPECT_NE(otawire::name(c), "unknown_error");
    EXPECT_NE(otawire::description(c), "unknown error");
    EXPECT_TRUE(names.insert(otawire::name(c)).second) << otawire::name(c);
  }
  EXPECT_EQ(names.size(), std::size(all_codes));
  EXPECT_EQ(otawire::name(static_cast<errc>(200)), "unknown_error");
}

TEST(Error, CodesStartAtOneSoZeroIsSuccess) {
  EXPECT_EQ(static_cast<int>(errc::truncated), 1);
}

// A small machine of our own: rules are static records that name its states.
enum class demo_state : std::uint8_t { idle, downloading };
constexpr std::string_view name(demo_state s) noexcept { return s == demo_state::idle ? "idle" : "downloading"; }
namespace rules {
inline constexpr otawire::rule fragment_index_below_count{"fragment_index_below_count",
                                                          otawire::names_of_state<demo_state>};
}  // namespace rules

TEST(Error, FailAndViolationFillWhatAndWhere) {
  constexpr auto e = otawire::fail(errc::bad_checksum, "check_code", 4);
  static_assert(e.code() == errc::bad_checksum && e.offset() == 4 && e.where() == "check_code");
  EXPECT_TRUE(e.has_offset());
  EXPECT_FALSE(e.has_index());
  EXPECT_EQ(e.state(), "");
  constexpr auto v = otawire::violation(rules::fragment_index_below_count, demo_state::downloading);
  static_assert(v.code() == errc::rule_violation && !v.has_offset());
  EXPECT_EQ(v.state(), "downloading");
  EXPECT_EQ(v.state_index(), 1u);
  EXPECT_EQ(v.where(), "fragment_index_below_count");
  EXPECT_EQ(v.where(), rules::fragment_index_below_count);
}

TEST(Error, IsSixteenBytesOnA64BitHost) {
  if constexpr (sizeof(void*) == 8) {
    static_assert(sizeof(otawire::error) == 16);
    static_assert(sizeof(otawire::result<std::uint8_t>) <= 24);
  }
  static_assert(std::is_trivially_copyable_v<otawire::error>);
}

TEST(Error, OffsetsBeyondThirtyTwoBitsSaturateToNoOffset) {
  constexpr std::size_t big = std::size_t{0xFFFFFFFF};
  EXPECT_EQ(otawire::fail(errc::truncated, "x", big - 1).offset(), big - 1);
  EXPECT_FALSE(otawire::fail(errc::truncated, "x", big).has_offset());
  if constexpr (sizeof(std::size_t) == 8) {
    EXPECT_EQ(otawire::fail(errc::truncated, "x", std::size_t{1} << 40).offset(), otawire::error::no_offset);
  }
  EXPECT_EQ(otawire::fail(errc::truncated, "x", 3).at_offset(9).offset(), 9u);
}

TEST(Error, ComparesTextsByContentNotAddress) {
  // Two arrays with one text: the same literal in two translation units may differ in address.
  static constexpr char first[] = "check_code";
  static constexpr char second[] = "check_code";
  ASSERT_NE(static_cast<const void*>(first), static_cast<const void*>(second));
  EXPECT_EQ(otawire::fail(errc::bad_checksum, first, 4), otawire::fail(errc::bad_checksum, second, 4));
  EXPECT_NE(otawire::fail(errc::bad_checksum, first, 4), otawire::fail(errc::bad_checksum, "check", 4));
  EXPECT_NE(otawire::fail(errc::bad_checksum, first, 4), otawire::fail(errc::bad_checksum, first, 5));
  EXPECT_NE(otawire::fail(errc::bad_checksum, first, 4), otawire::fail(errc::bad_checksum, first, 4).in_element(0));
  EXPECT_NE(otawire::violation(rules::fragment_index_below_count, demo_state::idle),
            otawire::violation(rules::fragment_index_below_count, demo_state::downloading));
}

TEST(Error, AnArrayIndexIsRenderedIntoThePath) {
  const auto e = otawire::fail(errc::missing_field, "services[].paras.version", 17).in_element(2);
  EXPECT_EQ(e.where(), "services[].paras.version");  // the path as declared, as before
  ASSERT_TRUE(e.has_index());
  EXPECT_EQ(e.index(), 2u);
  char buffer[64];
  EXPECT_EQ(std::string_view(buffer, otawire::format_where(e, buffer)), "services[2].paras.version");
  char small[10];
  EXPECT_EQ(std::string_view(small, otawire::format_where(e, small)), "services[2");  // cut at the size
  EXPECT_EQ(otawire::describe(e), "missing_field at services[2].paras.version (byte 17)");
  // An inner array's index is kept when the outer walk stamps its own.
  EXPECT_EQ(e.in_element(5).index(), 2u);
  // Not representable: no index rather than a wrong one.
  EXPECT_FALSE(otawire::fail(errc::missing_field, "a[]").in_element(70000).has_index());
  const auto big = otawire::fail(errc::missing_field, "a[].b").in_element(65534);
  EXPECT_EQ(std::string_view(buffer, otawire::format_where(big, buffer)), "a[65534].b");
  EXPECT_EQ(otawire::describe(otawire::violation(rules::fragment_index_below_count, demo_state::idle)),
            "rule_violation: rule fragment_index_below_count in state idle");
}

TEST(ErrorCode, BridgeMapsEnumToCategory) {
  std::error_code ec = errc::bad_checksum;
  EXPECT_EQ(ec.category().name(), std::string("otawire"));
  EXPECT_EQ(ec.message(), "check code mismatch");
  EXPECT_EQ(ec.value(), static_cast<int>(errc::bad_checksum));
  EXPECT_TRUE(ec);
  EXPECT_EQ(otawire::make_error_code(otawire::fail(errc::truncated, "x")), errc::truncated);
  EXPECT_EQ(otawire::error_category().message(0), "success");
}
}  // namespace
