// The device profile's entries agree with the generic ones (issue 14):
//   * `decode_firmware_update` with `fixed_decode_options<V, K>` (version and payload kind fixed at
//     compile time, only the code they need instantiated) gives the same result, error or model, as
//     with run-time `decode_options{V, K, format}`, for every version, kind and content format, on
//     Object 5 shaped TLV (resources 0-15, duplicates, out of order, nested), arbitrary trees and
//     random bytes, for any path;
//   * the pairwise duplicate check of the device profile (`first_duplicate_pairwise`) finds the
//     same entry as the host's 1024-bit window (`first_duplicate_windowed`);
//   * the device's one-frame walks (`check_structure`, `decode_instance_levels`) give the verdicts
//     of the host's tree walker and level-per-function decoder.
// This file is built twice: in lwm2m_tests (host profile, errors compared with their texts) and in
// lwm2m_device_profile_tests with OTAWIRE_DEVICE_PROFILE (texts dropped, as on a device).
#include "support/lwm2m_arbitrary.hpp"
#include "support/lwm2m_one_frame_oracle.hpp"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

namespace {
using namespace otawire::lwm2m;
using namespace otawire::test::lwm2m;
using otawire::byte_view;

// A canonical header and value, written without any check (duplicates, any kind at any level).
void put_entry(std::vector<std::byte>& out, tlv_kind kind, std::uint16_t id, const std::vector<std::byte>& value) {
  std::vector<std::byte> header(max_header_size);
  tlv_writer w(header);
  const bool fits = w.header(kind, id, value.size()).has_value();
  RC_ASSERT(fits);
  out.insert(out.end(), w.written().begin(), w.written().end());
  out.insert(out.end(), value.begin(), value.end());
}

// Any header, reserved ID 65535 included (the writer refuses it): 16-bit ID, 8-bit length.
void put_raw(std::vector<std::byte>& out, tlv_kind kind, std::uint16_t id, std::size_t length) {
  out.push_back(static_cast<std::byte>((static_cast<unsigned>(kind) << 6) | 0x28u));
  out.push_back(static_cast<std::byte>(id >> 8));
  out.push_back(static_cast<std::byte>(id & 0xFF));
  out.push_back(static_cast<std::byte>(length));
  out.insert(out.end(), length, std::byte{0});
}

// Object 5 shaped payloads: resources 0-15 and 20 (IDs repeated and out of order on purpose), values
// of 0-9 bytes (valid and invalid lengths for every type), Multiple Resources (Protocol Support),
// sometimes wrapped in an Object Instance 0 or 1; or a bare Resource Instance.
rc::Gen<std::vector<std::byte>> gen_object5_payload() {
  return rc::gen::exec([] {
    std::vector<std::byte> level;
    const auto count = *rc::gen::inRange(0, 6);
    for (int i = 0; i < count; ++i) {
      // 20: a resource no version defines (skipped, its instances checked all the same).
      const auto id = *rc::gen::oneOf(rc::gen::inRange<std::uint16_t>(0, 16), rc::gen::just<std::uint16_t>(20));
      const auto shape = *rc::gen::inRange(0, 10);
      if (shape <= 2) {
        std::vector<std::byte> instances;
        const auto n = *rc::gen::inRange(0, 4);
        for (int k = 0; k < n; ++k) {
          put_entry(instances, tlv_kind::resource_instance, *rc::gen::inRange<std::uint16_t>(0, 3),
                    {std::byte{*rc::gen::inRange<std::uint8_t>(0, 8)}});
        }
        put_entry(level, tlv_kind::multiple_resource, id, instances);
      } else if (shape == 1) {
        put_entry(level, tlv_kind::resource_instance, id, {std::byte{1}});
      } else {
        const auto size = static_cast<std::size_t>(*rc::gen::inRange(0, 10));
        std::vector<std::byte> value(size);
        for (auto& b : value) b = std::byte{*rc::gen::inRange<std::uint8_t>(0, 4)};
        if (size > 0 && *rc::gen::inRange(0, 3) == 0) value[0] = std::byte{'c'};
        put_entry(level, tlv_kind::resource, id, value);
      }
    }
    if (*rc::gen::inRange(0, 3) != 0) return level;
    std::vector<std::byte> wrapped;
    put_entry(wrapped, tlv_kind::object_instance, *rc::gen::inRange<std::uint16_t>(0, 2), level);
    return wrapped;
  });
}

rc::Gen<std::vector<std::byte>> gen_payload() {
  return rc::gen::oneOf(
      gen_object5_payload(),
      rc::gen::map(rc::gen::arbitrary<tlv_tree>(), [](const tlv_tree& t) { return encode_tree(t).value(); }),
      rc::gen::container<std::vector<std::byte>>(rc::gen::map(rc::gen::arbitrary<std::uint8_t>(),
                                                              [](std::uint8_t b) { return std::byte{b}; })));
}

rc::Gen<path> gen_path() {
  return rc::gen::exec([] {
    path p;
    p.object = static_cast<std::uint16_t>(*rc::gen::element(5, 5, 5, 3));
    p.instance = static_cast<std::uint16_t>(*rc::gen::element(0, 0, 1));
    p.resource = *rc::gen::inRange<std::uint16_t>(0, 16);
    p.resource_instance = *rc::gen::inRange<std::uint16_t>(0, 3);
    p.depth = static_cast<std::uint8_t>(*rc::gen::element(1, 2, 3, 3, 3, 4, 0, 5));
    return p;
  });
}

rc::Gen<content_format> gen_format() {
  return rc::gen::element(content_format::tlv, content_format::tlv, content_format::legacy_tlv,
                          content_format::text, content_format::opaque, static_cast<content_format>(60));
}

// `gen_payload`, and now and then one of its bytes changed or its end cut off: structure errors
// at any depth, not only where random bytes happen to land.
rc::Gen<std::vector<std::byte>> gen_damaged_payload() {
  return rc::gen::exec([] {
    auto payload = *gen_payload();
    const auto damage = *rc::gen::inRange(0, 3);
    if (payload.empty() || damage == 0) return payload;
    const auto at = *rc::gen::inRange<std::size_t>(0, payload.size());
    if (damage == 1) {
      payload[at] = std::byte{*rc::gen::arbitrary<std::uint8_t>()};
    } else {
      payload.resize(at);
    }
    return payload;
  });
}

// The one-frame structure check (`detail::check_structure`, the device's whole-payload check)
// gives the tree walker's verdict: the same first error, code, text and offset, from any level.
void expect_structure_checked_as_walked(const std::vector<std::byte>& payload) {
  const byte_view bytes(payload);
  const auto level = *rc::gen::element(tlv_level::top, tlv_level::top, tlv_level::object_instance,
                                       tlv_level::multiple_resource);
  const std::size_t base = *rc::gen::element<std::size_t>(0, 0, 7);
  detail::no_visit none;
  const auto walked = detail::validate_level(tlv_reader(bytes, level, base), none, 0);
  otawire::error failure;
  const bool checked = detail::check_structure(bytes, level, base, failure);
  RC_ASSERT(checked == walked.has_value());
  if (!walked) RC_ASSERT(failure == walked.error());
}

// Ten payloads per case: the interesting ones (a duplicate below the top, a cut child) are rare.
RC_GTEST_PROP(Lwm2mDeviceProfile, OneFrameStructureCheckAgreesWithTheWalk, ()) {
  for (int i = 0; i < 10; ++i) expect_structure_checked_as_walked(*gen_damaged_payload());
}

// The one-frame Object 5 decoder of /5 and /5/0 (the device's) against the level-per-function one
// the host runs (support/lwm2m_one_frame_oracle.hpp), for every object version and payload kind.
void expect_same_instance_decodes(const std::vector<std::byte>& payload) {
  const byte_view bytes(payload);
  path target{.object = 5, .instance = *rc::gen::element<std::uint16_t>(0, 0, 1), .depth = 2};
  if (*rc::gen::arbitrary<bool>()) target.depth = 1;
  RC_ASSERT((instance_decoders_agree<object_version::v1_0, payload_kind::write_request>(bytes, target)));
  RC_ASSERT((instance_decoders_agree<object_version::v1_1, payload_kind::write_request>(bytes, target)));
  RC_ASSERT((instance_decoders_agree<object_version::v1_2, payload_kind::write_request>(bytes, target)));
  RC_ASSERT((instance_decoders_agree<object_version::v1_0, payload_kind::read_response>(bytes, target)));
  RC_ASSERT((instance_decoders_agree<object_version::v1_1, payload_kind::read_response>(bytes, target)));
  RC_ASSERT((instance_decoders_agree<object_version::v1_2, payload_kind::read_response>(bytes, target)));
}

RC_GTEST_PROP(Lwm2mDeviceProfile, OneFrameDecoderAgreesWithTheLevelDecoder, ()) {
  for (int i = 0; i < 10; ++i) expect_same_instance_decodes(*gen_damaged_payload());
}

template <object_version Version, payload_kind Kind>
void expect_same_decode(byte_view payload, const path& target, content_format format) {
  firmware_update generic_model;
  firmware_update fixed_model;
  const auto generic = decode_firmware_update(payload, target, generic_model,
                                              decode_options{Version, Kind, format});
  const auto fixed = decode_firmware_update(payload, target, fixed_model,
                                            fixed_decode_options<Version, Kind>{format});
  RC_ASSERT(generic.has_value() == fixed.has_value());
  if (generic) {
    RC_ASSERT(generic_model == fixed_model);
  } else {
    RC_ASSERT(generic.error() == fixed.error());
  }
}

RC_GTEST_PROP(Lwm2mDeviceProfile, FixedOptionsDecodeAsRunTimeOptions, ()) {
  const auto payload = *gen_payload();
  const auto target = *gen_path();
  const auto format = *gen_format();
  const byte_view bytes(payload);
  expect_same_decode<object_version::v1_0, payload_kind::write_request>(bytes, target, format);
  expect_same_decode<object_version::v1_1, payload_kind::write_request>(bytes, target, format);
  expect_same_decode<object_version::v1_2, payload_kind::write_request>(bytes, target, format);
  expect_same_decode<object_version::v1_0, payload_kind::read_response>(bytes, target, format);
  expect_same_decode<object_version::v1_1, payload_kind::read_response>(bytes, target, format);
  expect_same_decode<object_version::v1_2, payload_kind::read_response>(bytes, target, format);
}

// Every resource ID 0-15 as the one value of /5/0/<rid>, of /5/0 or of /5 (wrapped), in TLV and as
// text/plain or opaque: each resource's own case in the fixed decoders is reached often.
RC_GTEST_PROP(Lwm2mDeviceProfile, EachResourceDecodesAsWithRunTimeOptions, ()) {
  const auto rid = *rc::gen::inRange<std::uint16_t>(0, 16);
  const auto shape = *rc::gen::inRange(0, 4);
  std::vector<std::byte> payload;
  path target{.object = 5, .instance = 0, .resource = rid, .depth = 3};
  content_format format = content_format::tlv;
  if (shape == 3) {
    // A single value in text/plain or opaque: numbers, booleans, strings, nothing.
    static const std::vector<std::string> texts{"0", "1", "2", "12", "-1", "4294967296", "abc", "", "coap://h/f"};
    const auto& text = texts[*rc::gen::inRange<std::size_t>(0, texts.size())];
    for (char c : text) payload.push_back(static_cast<std::byte>(c));
    format = *rc::gen::element(content_format::text, content_format::opaque);
  } else {
    const auto size = static_cast<std::size_t>(*rc::gen::element(0, 1, 1, 2, 4, 8, 3));
    std::vector<std::byte> value(size);
    for (auto& b : value) b = std::byte{*rc::gen::inRange<std::uint8_t>(0, 3)};
    if (rid == 8) {
      std::vector<std::byte> instance;
      put_entry(instance, tlv_kind::resource_instance, 0, value);
      put_entry(payload, tlv_kind::multiple_resource, rid, instance);
    } else {
      put_entry(payload, tlv_kind::resource, rid, value);
    }
    if (shape >= 1) target.depth = 2;
    if (shape == 2) {
      std::vector<std::byte> wrapped;
      put_entry(wrapped, tlv_kind::object_instance, 0, payload);
      payload = wrapped;
      target.depth = 1;
    }
  }
  const byte_view bytes(payload);
  expect_same_decode<object_version::v1_0, payload_kind::write_request>(bytes, target, format);
  expect_same_decode<object_version::v1_1, payload_kind::write_request>(bytes, target, format);
  expect_same_decode<object_version::v1_2, payload_kind::write_request>(bytes, target, format);
  expect_same_decode<object_version::v1_0, payload_kind::read_response>(bytes, target, format);
  expect_same_decode<object_version::v1_1, payload_kind::read_response>(bytes, target, format);
  expect_same_decode<object_version::v1_2, payload_kind::read_response>(bytes, target, format);
}

// The device's own Writes, pinned: Package URI as TLV and as text/plain, Package as octet-stream,
// a truncated TLV and a text/plain Package (base64, unsupported) rejected.
TEST(Lwm2mDeviceProfile, DeviceWrites) {
  using device = fixed_decode_options<object_version::v1_0, payload_kind::write_request>;
  const path uri_path{.object = 5, .instance = 0, .resource = 1, .depth = 3};
  const path package_path{.object = 5, .instance = 0, .resource = 0, .depth = 3};
  firmware_update fw;
  const auto uri_tlv = bytes_of_hex("C8011C636F6170733A2F2F66772E6578616D706C652E636F6D2F696D672F32");
  ASSERT_TRUE(decode_firmware_update(byte_view(uri_tlv), uri_path, fw, device{content_format::tlv}));
  EXPECT_EQ(fw.package_uri, "coaps://fw.example.com/img/2");
  ASSERT_TRUE(decode_firmware_update(otawire::as_bytes("coap://h/f"), uri_path, fw, device{content_format::text}));
  EXPECT_EQ(fw.package_uri, "coap://h/f");
  const auto image = bytes_of_hex("00FF10");
  ASSERT_TRUE(decode_firmware_update(byte_view(image), package_path, fw, device{content_format::opaque}));
  ASSERT_TRUE(fw.package.has_value());
  EXPECT_EQ(fw.package->size(), 3u);
  const auto cut = bytes_of_hex("C80110636F61");
  const auto r = decode_firmware_update(byte_view(cut), uri_path, fw, device{content_format::tlv});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code(), otawire::errc::truncated);
  EXPECT_EQ(r.error().offset(), 3u);
  const auto text_package = decode_firmware_update(otawire::as_bytes("AAEC"), package_path, fw,
                                                   device{content_format::text});
  ASSERT_FALSE(text_package);
  EXPECT_EQ(text_package.error().code(), otawire::errc::unsupported);
  // State is not writable: the same refusal as the generic decoder's.
  const auto state = bytes_of_hex("C10302");
  const auto s = decode_firmware_update(byte_view(state), path{.object = 5, .instance = 0, .resource = 3, .depth = 3},
                                        fw, device{content_format::tlv});
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().code(), otawire::errc::invalid_value);
}

// An unknown resource's Multiple Resource is skipped with a one-level check (the deepest path of a
// device's decode no longer runs the whole-tree walk): its errors are the walk's. Children of any
// kind and ID, some cut short, sometimes a second level.
RC_GTEST_PROP(Lwm2mDeviceProfile, SkippedContainerIsCheckedAsTheWalkChecksIt, ()) {
  std::vector<std::byte> children;
  const auto n = *rc::gen::inRange(0, 6);
  for (int i = 0; i < n; ++i) {
    const auto kind = *rc::gen::element(tlv_kind::resource_instance, tlv_kind::resource_instance,
                                        tlv_kind::resource_instance, tlv_kind::resource,
                                        tlv_kind::multiple_resource, tlv_kind::object_instance);
    const auto id = *rc::gen::element<std::uint16_t>(0, 1, 2, 3, 65535);
    put_raw(children, kind, id, static_cast<std::size_t>(*rc::gen::inRange(0, 3)));
  }
  if (!children.empty() && *rc::gen::inRange(0, 4) == 0) children.pop_back();  // a child cut short
  std::vector<std::byte> payload;
  put_entry(payload, tlv_kind::resource, 3, {std::byte{1}});
  put_entry(payload, tlv_kind::multiple_resource, 20, children);  // not an Object 5 resource
  const bool wrapped = *rc::gen::arbitrary<bool>();
  if (wrapped) {
    std::vector<std::byte> instance;
    put_entry(instance, tlv_kind::object_instance, 0, payload);
    payload = instance;
  }
  const byte_view bytes(payload);
  const auto walked = validate(bytes);
  firmware_update fw;
  const auto decoded = decode_firmware_update(bytes, path{.object = 5, .instance = 0, .depth = 2}, fw);
  RC_ASSERT(walked.has_value() == decoded.has_value());
  if (walked) {
    RC_ASSERT(fw.unknown_resources == 1);
  } else {
    RC_ASSERT(decoded.error() == walked.error());
  }
}

// The one-pass encoder (`detail::write_encoded`: what encode_firmware_update runs, on a device
// alone, on the host first) against the counting pass (`detail::count_encoded`, encoded_size): with
// room enough, the size counted is the size written, or both give the same error. In a buffer one
// byte short (or any smaller one) the one pass fails; encode_firmware_update then reports
// buffer_too_small, or on the host the value error the counting pass finds further on.
RC_GTEST_PROP(Lwm2mDeviceProfile, OnePassEncoderWritesWhatTheCountingPassCounts, (object_version version)) {
  const auto fw = *gen_firmware_update(version);
  const auto kind = *rc::gen::element(payload_kind::read_response, payload_kind::write_request);
  const auto target = *gen_path();
  const encode_options opt{version, kind};
  // Room for any generated value (a Package or URI may pass 4 KiB).
  std::vector<std::byte> room(1 << 20);
  const auto counted = detail::count_encoded(fw, target, opt);
  const auto one_pass = detail::write_encoded(fw, target, room, opt);
  RC_ASSERT(counted.has_value() == one_pass.has_value());
  if (!counted) {
    RC_ASSERT(counted.error() == one_pass.error());
    return;
  }
  RC_ASSERT(*counted == *one_pass);
  const auto encoded = encode_firmware_update(fw, target, room, opt);
  RC_ASSERT(encoded.has_value() && *encoded == *one_pass);
  if (*counted == 0) return;
  std::vector<std::byte> short_buffer(*counted - 1);
  const auto cut = detail::write_encoded(fw, target, short_buffer, opt);
  RC_ASSERT(!cut.has_value());
  RC_ASSERT(cut.error().code() == otawire::errc::buffer_too_small);
  const auto refused = encode_firmware_update(fw, target, short_buffer, opt);
  RC_ASSERT(!refused.has_value());
  RC_ASSERT(refused.error().code() == otawire::errc::buffer_too_small);
}

// On the host a short buffer does not hide a value error further on: encode_firmware_update
// reports what encoded_size reports (the size-first contract), though it writes in one pass.
TEST(Lwm2mEncode, ShortBufferStillReportsTheValueErrorFurtherOn) {
  if constexpr (!otawire::keeps_error_texts) GTEST_SKIP() << "the device profile reports buffer_too_small first";
  firmware_update fw;
  fw.package_uri = std::string_view("coap://fw.example.com/v2.bin");
  fw.result = static_cast<update_result>(99);  // out of range, written after the URI
  std::vector<std::byte> tiny(4);
  const auto size = encoded_size(fw, path{.object = 5, .instance = 0, .depth = 2});
  ASSERT_FALSE(size.has_value());
  const auto encoded = encode_firmware_update(fw, path{.object = 5, .instance = 0, .depth = 2}, tiny);
  ASSERT_FALSE(encoded.has_value());
  EXPECT_EQ(encoded.error(), size.error());
  EXPECT_NE(encoded.error().code(), otawire::errc::buffer_too_small);
}

// Levels of bare Resources with IDs from a small range (many duplicates) or a wide one (several
// 1024-ID windows): both duplicate checks name the same entry.
RC_GTEST_PROP(Lwm2mDeviceProfile, PairwiseDuplicateCheckAgreesWithWindow, ()) {
  const bool wide = *rc::gen::arbitrary<bool>();
  const auto ids = *rc::gen::container<std::vector<std::uint16_t>>(
      wide ? rc::gen::inRange<std::uint16_t>(0, 65535) : rc::gen::inRange<std::uint16_t>(0, 40));
  std::vector<std::byte> level;
  std::uint16_t lowest = 0xFFFF;
  std::uint16_t highest = 0;
  for (const auto id : ids) {
    put_entry(level, tlv_kind::resource, id, {});
    lowest = std::min(lowest, id);
    highest = std::max(highest, id);
  }
  RC_PRE(!ids.empty());
  const std::size_t base = *rc::gen::inRange<std::size_t>(0, 100);
  RC_ASSERT(detail::first_duplicate_pairwise(byte_view(level), base) ==
            detail::first_duplicate_windowed(byte_view(level), base, lowest, highest));
}

TEST(Lwm2mDeviceProfile, PairwiseDuplicateCheckNamesTheFirstRepeat) {
  // IDs 7, 3, 9, 3, 7: the entry at offset 6 (the second 3) is the first to repeat an earlier one.
  const auto level = bytes_of_hex("C007C003C009C003C007");
  EXPECT_EQ(detail::first_duplicate_pairwise(byte_view(level), 10), 16u);
  EXPECT_EQ(detail::first_duplicate_windowed(byte_view(level), 10, 3, 9), 16u);
  const auto distinct = bytes_of_hex("C007C003C009");
  EXPECT_EQ(detail::first_duplicate_pairwise(byte_view(distinct), 0), otawire::error::no_offset);
}

}  // namespace
