// UpgradeDesc.json: the guide's template and examples, one test per rejection rule (naming the
// key and the byte offset), write → parse round trips, and the package → message 20 bridge.
#include <otawire/pcp/descriptor.hpp>

#include "support/alloc_counter.hpp"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <string>

namespace {
namespace pcp = otawire::pcp;
using otawire::errc;

// The guide's example values (spec §7), every field set.
const std::string full = R"({
  "specVersion": "1.0",
  "fileName": "ExamplePackage_V1.0.10.xx",
  "packageType": "softwarePackage",
  "version": "V1.0.10",
  "deviceType": "WaterMeter",
  "manufacturerName": "Example",
  "model": "WM100",
  "protocolType": "CoAP",
  "description": "example package",
  "versionCheckCode": "1234",
  "deviceShard": "500",
  "platform": "linux",
  "supportSourceVersionList": ["V1.0.*;V1.1.?", "V0.9"],
  "date": "2024-02-29"
})";

// The guide's template with the required fields filled and every optional one left "" / [].
const std::string minimal_template =
    R"({ "specVersion": "1.0", "fileName": "pkg.bin", "packageType": "softwarePackage", "version": "V2.0", "deviceType": "WaterMeter",
  "manufacturerName": "Example", "model": "WM100", "protocolType":"LWM2M", "description":"",
  "versionCheckCode":"", "deviceShard":"", "platform":"", "supportSourceVersionList":[], "date":"" })";

std::string replace(std::string s, std::string_view from, std::string_view to) {
  const auto at = s.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) s.replace(at, from.size(), to);
  return s;
}

void expect_error(const otawire::result<pcp::upgrade_descriptor>& r, errc code, std::string_view where,
                  std::size_t offset) {
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code(), code) << otawire::name(r.error().code());
  EXPECT_EQ(r.error().where(), where);
  EXPECT_EQ(r.error().offset(), offset);
}

TEST(PcpDescriptor, GuideExampleParses) {
  auto d = pcp::parse_descriptor(full);
  ASSERT_TRUE(d) << d.error().where();
  EXPECT_EQ(d->file_name, "ExamplePackage_V1.0.10.xx");
  EXPECT_EQ(d->version, "V1.0.10");
  EXPECT_EQ(d->protocol_type, "CoAP");
  EXPECT_EQ(d->package_check_code(), 0x1234);
  EXPECT_EQ(d->fragment_size(), 500);
  ASSERT_EQ(d->support_source_version_list.size(), 2u);
  EXPECT_TRUE(d->allows_source_version("V1.0.3"));
  EXPECT_TRUE(d->allows_source_version("V1.1.7"));
  EXPECT_TRUE(d->allows_source_version("V0.9"));
  EXPECT_FALSE(d->allows_source_version("V1.1.10"));
  EXPECT_FALSE(d->allows_source_version("V0.8"));
}

TEST(PcpDescriptor, TemplateWithEmptyOptionalFields) {
  auto d = pcp::parse_descriptor(minimal_template);
  ASSERT_TRUE(d) << d.error().where();
  EXPECT_FALSE(d->device_shard.has_value());
  EXPECT_EQ(d->fragment_size(), 500);  // the default
  EXPECT_EQ(d->package_check_code(), 0);
  EXPECT_TRUE(d->allows_source_version("anything"));  // empty list: no restriction
}

TEST(PcpDescriptor, TwoCharacterCheckCodeAndIntegerShard) {
  // A real vendor descriptor used "e1"; deviceShard as a JSON number is accepted too.
  auto d = pcp::parse_descriptor(replace(replace(full, R"("1234")", R"("e1")"), R"("500")", "128"));
  ASSERT_TRUE(d);
  EXPECT_EQ(d->package_check_code(), 0x00E1);
  EXPECT_EQ(d->fragment_size(), 128);
}

TEST(PcpDescriptor, NotificationForAPackage) {
  auto d = pcp::parse_descriptor(full).value();
  auto n = d.notification(1200);
  ASSERT_TRUE(n);
  EXPECT_EQ(n->target_version.view(), "V1.0.10");
  EXPECT_EQ(n->fragment_size, 500);
  EXPECT_EQ(n->fragment_count, 3);
  EXPECT_EQ(n->package_check_code, 0x1234);
  EXPECT_FALSE(d.notification(0));
}

TEST(PcpDescriptorReject, Bom) {
  expect_error(pcp::parse_descriptor("\xEF\xBB\xBF" + full), errc::bad_string, "BOM", 0);
}

TEST(PcpDescriptorReject, MalformedJsonWithOffset) {
  const std::string broken = R"({"specVersion": "1.0", "fileName" "x"})";
  auto r = pcp::parse_descriptor(broken);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code(), errc::malformed_json);
  EXPECT_EQ(r.error().offset(), broken.find(R"("x")"));
  expect_error(pcp::parse_descriptor(full + " {}"), errc::malformed_json, "UpgradeDesc", full.size() + 1);
  auto cut = pcp::parse_descriptor(full.substr(0, 40));
  ASSERT_FALSE(cut);
  EXPECT_EQ(cut.error().code(), errc::malformed_json);
}

TEST(PcpDescriptorReject, NotAnObject) {
  expect_error(pcp::parse_descriptor("  [1]"), errc::wrong_type, "UpgradeDesc", 2);
}

TEST(PcpDescriptorReject, EveryRequiredFieldMissing) {
  for (std::string_view key : {"specVersion", "fileName", "packageType", "version", "deviceType",
                               "manufacturerName", "model", "protocolType"}) {
    // Rename the key to an allowed-unknown one so that only the absence is tested.
    auto text = replace(full, "\"" + std::string(key) + "\"", "\"x_" + std::string(key) + "\"");
    auto r = pcp::parse_descriptor(text, {.allow_unknown_keys = true});
    ASSERT_FALSE(r) << key;
    EXPECT_EQ(r.error().code(), errc::missing_field) << key;
    EXPECT_EQ(r.error().where(), key);
    EXPECT_EQ(r.error().offset(), 0u);
  }
}

TEST(PcpDescriptorReject, EmptyRequiredField) {
  auto text = replace(full, R"("WaterMeter")", R"("")");
  expect_error(pcp::parse_descriptor(text), errc::missing_field, "deviceType", text.find(R"("")"));
}

TEST(PcpDescriptorReject, WrongTypes) {
  auto t1 = replace(full, R"("V1.0.10")", "1.0");
  expect_error(pcp::parse_descriptor(t1), errc::wrong_type, "version", t1.find("1.0,"));
  auto t2 = replace(full, R"(["V1.0.*;V1.1.?", "V0.9"])", R"("V1.0.*")");
  expect_error(pcp::parse_descriptor(t2), errc::wrong_type, "supportSourceVersionList", t2.find(R"("V1.0.*")"));
  auto t3 = replace(full, R"("V0.9"])", "9]");
  ASSERT_FALSE(pcp::parse_descriptor(t3));
  EXPECT_EQ(pcp::parse_descriptor(t3).error().where(), "supportSourceVersionList[]");
  auto t4 = replace(full, R"("500")", "true");
  expect_error(pcp::parse_descriptor(t4), errc::wrong_type, "deviceShard", t4.find("true"));
}

TEST(PcpDescriptorReject, FixedValues) {
  auto t1 = replace(full, R"("1.0")", R"("2.0")");
  expect_error(pcp::parse_descriptor(t1), errc::invalid_value, "specVersion", t1.find(R"("2.0")"));
  auto t2 = replace(full, R"("softwarePackage")", R"("firmwarePackage")");
  expect_error(pcp::parse_descriptor(t2), errc::invalid_value, "packageType", t2.find(R"("firmwarePackage")"));
  auto t3 = replace(full, R"("CoAP")", R"("MQTT")");
  expect_error(pcp::parse_descriptor(t3), errc::invalid_value, "protocolType", t3.find(R"("MQTT")"));
  EXPECT_TRUE(pcp::parse_descriptor(replace(full, R"("CoAP")", R"("LwM2M")")));
}

TEST(PcpDescriptorReject, VersionMustFitTheWireField) {
  auto t1 = replace(full, R"("V1.0.10")", R"("V1.0.10-build-1234")");
  expect_error(pcp::parse_descriptor(t1), errc::bad_string, "version", t1.find(R"("V1.0.10-)"));
  auto t2 = replace(full, R"("V1.0.10")", R"("V1.0\u00e9")");
  expect_error(pcp::parse_descriptor(t2), errc::bad_string, "version", t2.find(R"("V1.0\u)"));
  EXPECT_TRUE(pcp::parse_descriptor(replace(full, R"("V1.0.10")", R"("0123456789ABCDEF")")));
}

TEST(PcpDescriptorReject, VersionCheckCode) {
  for (const char* bad : {R"("12345")", R"("12G4")", R"("0x12")"}) {
    auto t = replace(full, R"("1234")", bad);
    expect_error(pcp::parse_descriptor(t), errc::bad_string, "versionCheckCode", t.find(bad));
  }
}

TEST(PcpDescriptorReject, DeviceShard) {
  for (const char* bad : {R"("31")", R"("501")", "600", R"("99999")"}) {
    auto t = replace(full, R"("500")", bad);
    expect_error(pcp::parse_descriptor(t), errc::out_of_range, "deviceShard", t.find(bad));
  }
  auto t = replace(full, R"("500")", R"("5x0")");
  expect_error(pcp::parse_descriptor(t), errc::bad_string, "deviceShard", t.find(R"("5x0")"));
  EXPECT_TRUE(pcp::parse_descriptor(replace(full, R"("500")", R"("32")")));
}

TEST(PcpDescriptorReject, Date) {
  for (const char* bad : {R"("2023-02-29")", R"("2024-13-01")", R"("2024/01/01")", R"("24-01-01")", R"("2024-04-31")"}) {
    auto t = replace(full, R"("2024-02-29")", bad);
    expect_error(pcp::parse_descriptor(t), errc::bad_string, "date", t.find(bad));
  }
}

TEST(PcpDescriptorReject, SourceVersionEntriesMustBePrintable) {
  auto t = replace(full, R"("V0.9")", R"("V0.9\n")");
  expect_error(pcp::parse_descriptor(t), errc::bad_string, "supportSourceVersionList[]",
               t.find(R"(["V1.0.*)"));
}

TEST(PcpDescriptorReject, TextMustBeUtf8) {
  EXPECT_TRUE(pcp::parse_descriptor(replace(full, R"("example package")", "\"\xE5\x8D\x87\xE7\xBA\xA7\"")));
  pcp::upgrade_descriptor d = pcp::parse_descriptor(full).value();
  d.description = "bad \xC0\xAF overlong";
  EXPECT_EQ(pcp::write_descriptor(d).error().where(), "description");
  d.description = "cut \xE5\x8D";
  EXPECT_EQ(pcp::write_descriptor(d).error().where(), "description");
  d.description = "surrogate \xED\xA0\x80";
  EXPECT_EQ(pcp::write_descriptor(d).error().where(), "description");
  d.description = "ok \xF0\x9F\x98\x80";
  EXPECT_TRUE(pcp::write_descriptor(d));
}

TEST(PcpDescriptorReject, DuplicateKey) {
  auto t = replace(full, R"("date": "2024-02-29")", R"("date": "2024-02-29", "version": "V9")");
  // The offset is the duplicate's value.
  expect_error(pcp::parse_descriptor(t), errc::duplicate, "version", t.find(R"("V9")"));
}

TEST(PcpDescriptorReject, UnknownKeyUnlessAllowed) {
  auto t = replace(full, R"("platform")", R"("platfrom")");
  expect_error(pcp::parse_descriptor(t), errc::unsupported, "(unknown key)", t.find(R"("linux")"));
  auto d = pcp::parse_descriptor(t, {.allow_unknown_keys = true});
  ASSERT_TRUE(d);
  EXPECT_TRUE(d->platform.empty());
}

TEST(PcpDescriptor, DomBackendDecodesTheSame) {
  for (const std::string* text : {&full, &minimal_template}) {
    auto fast = pcp::parse_descriptor(*text);
    auto dom = otawire::json::parse_dom(*text);
    ASSERT_TRUE(fast && dom);
    auto slow = pcp::parse_descriptor_dom(*dom);
    ASSERT_TRUE(slow);
    EXPECT_EQ(*slow, *fast);
  }
  // The DOM has no positions: same rule, same field, no offset.
  auto bad = otawire::json::parse_dom(replace(full, R"("CoAP")", R"("MQTT")")).value();
  auto r = pcp::parse_descriptor_dom(bad);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().where(), "protocolType");
  EXPECT_FALSE(r.error().has_offset());
}

TEST(PcpDescriptorWrite, RoundTripAndTemplateOrder) {
  auto d = pcp::parse_descriptor(full).value();
  auto text = pcp::write_descriptor(d);
  ASSERT_TRUE(text);
  EXPECT_EQ(text->find("specVersion"), 2u);
  EXPECT_LT(text->find("supportSourceVersionList"), text->find("date"));
  EXPECT_NE(text->find(R"("deviceShard":"500")"), std::string::npos);
  auto back = pcp::parse_descriptor(*text);
  ASSERT_TRUE(back);
  EXPECT_EQ(*back, d);
  auto minimal = pcp::parse_descriptor(minimal_template).value();
  EXPECT_EQ(pcp::parse_descriptor(pcp::write_descriptor(minimal).value()).value(), minimal);
}

TEST(PcpDescriptorWrite, RefusesInvalid) {
  pcp::upgrade_descriptor d;
  auto r = pcp::write_descriptor(d);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code(), errc::missing_field);
  EXPECT_EQ(r.error().where(), "fileName");
  EXPECT_FALSE(r.error().has_offset());
}

RC_GTEST_PROP(PcpDescriptorProp, WriteThenParseIsIdentity, ()) {
  auto printable = rc::gen::container<std::string>(rc::gen::inRange<char>(0x20, 0x7F));
  auto nonempty = rc::gen::suchThat(printable, [](const std::string& s) { return !s.empty(); });
  pcp::upgrade_descriptor d;
  d.file_name = *nonempty;
  d.version = (*nonempty).substr(0, 16);
  d.device_type = *nonempty;
  d.manufacturer_name = *nonempty;
  d.model = *nonempty;
  d.protocol_type = *rc::gen::element<std::string>("CoAP", "LWM2M", "lwm2m");
  d.description = *rc::gen::arbitrary<std::string>();  // any text, escapes included
  d.version_check_code = *rc::gen::element<std::string>("", "1", "e1", "ABC", "1234");
  if (*rc::gen::arbitrary<bool>()) d.device_shard = *rc::gen::inRange<std::uint16_t>(32, 501);
  d.platform = *printable;
  d.support_source_version_list = *rc::gen::container<std::vector<std::string>>(printable);
  d.date = *rc::gen::element<std::string>("", "2024-02-29", "1999-12-31");
  auto text = pcp::write_descriptor(d);
  if (!text) {
    // Only free text that is not UTF-8 may be refused.
    RC_ASSERT(text.error().code() == errc::bad_string);
    RC_ASSERT(text.error().where() == std::string_view("description"));
    return;
  }
  auto back = pcp::parse_descriptor(*text);
  RC_ASSERT(back.has_value());
  RC_ASSERT(*back == d);
}

RC_GTEST_PROP(PcpDescriptorProp, ArbitraryTextNeverThrows, (const std::string& text)) {
  auto r = pcp::parse_descriptor(text);
  if (!r) RC_ASSERT(!r.error().where().empty());
}

// An error inside supportSourceVersionList[] names the element (issue 13 item 4), on both backends.
TEST(PcpDescriptorReject, ErrorsInsideTheSourceVersionListNameTheElement) {
  const auto text = replace(full, R"("V0.9"])", "9]");
  const auto fast = pcp::parse_descriptor(text);
  ASSERT_FALSE(fast);
  EXPECT_EQ(fast.error().where(), "supportSourceVersionList[]");
  EXPECT_EQ(fast.error().index(), 1u);
  char where[64];
  EXPECT_EQ(std::string_view(where, otawire::format_where(fast.error(), where)), "supportSourceVersionList[1]");
  const auto dom = otawire::json::parse_dom(text);
  ASSERT_TRUE(dom);
  const auto slow = pcp::parse_descriptor_dom(*dom);
  ASSERT_FALSE(slow);
  EXPECT_EQ(slow.error().index(), 1u);
  // A field outside the list has none.
  const auto outside = pcp::parse_descriptor(replace(full, R"("V1.0.10")", "1.0"));
  ASSERT_FALSE(outside);
  EXPECT_FALSE(outside.error().has_index());
}

}  // namespace
