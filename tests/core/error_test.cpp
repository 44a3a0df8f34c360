#include <otawire/error.hpp>
#include <otawire/error_code.hpp>

#include <gtest/gtest.h>

#include <set>
#include <string>

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

TEST(Error, FailAndViolationFillWhatAndWhere) {
  constexpr auto e = otawire::fail(errc::bad_checksum, "check_code", 4);
  static_assert(e.code == errc::bad_checksum && e.offset == 4 && e.where == "check_code");
  EXPECT_TRUE(e.has_offset());
  constexpr auto v = otawire::violation("fragment_index_below_count", "downloading");
  static_assert(v.code == errc::rule_violation && !v.has_offset());
  EXPECT_EQ(v.state, "downloading");
  EXPECT_EQ(v.where, "fragment_index_below_count");
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
