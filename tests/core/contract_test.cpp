// The contract's vocabulary: direction and device identity behave as docs/contract.md says.
#include <otawire/contract.hpp>

#include <gtest/gtest.h>

namespace {

using otawire::direction;

static_assert(sizeof(direction) == 1, "a direction is one byte on the wire-side structs");

TEST(Contract, OppositeSwapsTheTwoDirections) {
  EXPECT_EQ(otawire::opposite(direction::device_to_platform), direction::platform_to_device);
  EXPECT_EQ(otawire::opposite(direction::platform_to_device), direction::device_to_platform);
  EXPECT_EQ(otawire::opposite(otawire::opposite(direction::device_to_platform)), direction::device_to_platform);
}

TEST(Contract, DirectionNamesAreTheInspectorsWords) {
  EXPECT_EQ(otawire::name(direction::device_to_platform), "up");
  EXPECT_EQ(otawire::name(direction::platform_to_device), "down");
}

TEST(Contract, IdentitiesAreEqualOnlyWhenEveryPartIs) {
  const otawire::device_identity gateway{"pk", "gw", ""};
  EXPECT_EQ(gateway, (otawire::device_identity{"pk", "gw", ""}));
  EXPECT_NE(gateway, (otawire::device_identity{"pk", "gw", "child-1"}));
  EXPECT_NE(gateway, (otawire::device_identity{"pk2", "gw", ""}));
  EXPECT_NE(gateway, (otawire::device_identity{"pk", "gw2", ""}));
}

TEST(Contract, MessageDeviceIsTheChildBehindAGateway) {
  EXPECT_EQ((otawire::device_identity{"pk", "gw", "child-1"}).message_device(), "child-1");
  EXPECT_EQ((otawire::device_identity{"pk", "dev", ""}).message_device(), "dev");
}

}  // namespace
