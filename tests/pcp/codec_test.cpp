// PCP frame codec: every documented frame (spec §9.1) and derived frame (§9.4) in its direction,
// one test per rejection rule, encoding, classification and the no-allocation guarantee.
#include <otawire/hex.hpp>
#include <otawire/pcp/codec.hpp>

#include "support/alloc_counter.hpp"
#include "support/pcp_vectors.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <span>
#include <string>
#include <utility>
#include <vector>

namespace {
namespace pcp = otawire::pcp;
namespace v = otawire::test::pcp;
using otawire::errc;
using otawire::direction;
using pcp::result_code;

std::vector<std::byte> bytes_of(std::string_view hex) {
  std::vector<std::byte> out(hex.size() / 2);
  EXPECT_TRUE(otawire::from_hex(hex, out).has_value()) << hex;
  return out;
}

// Rewrites the check code so that only the intended defect remains.
void fix_checksum(std::vector<std::byte>& f) {
  const auto c = pcp::frame_checksum(f);
  f[4] = static_cast<std::byte>(c >> 8);
  f[5] = static_cast<std::byte>(c & 0xFF);
}

template <class T, class Frame>
T decode_as(const Frame& f, direction d) {
  auto m = pcp::decode(f, d);
  EXPECT_TRUE(m.has_value()) << (m ? "" : otawire::name(m.error().code()));
  if (!m) return T{};
  EXPECT_TRUE(std::holds_alternative<T>(*m));
  return std::holds_alternative<T>(*m) ? std::get<T>(*m) : T{};
}

/// The field an error names; the device profile drops the texts (keeps code and offset), so
/// there it must be empty.
void expect_where(const otawire::error& e, std::string_view where) {
  if constexpr (otawire::keeps_error_texts) {
    EXPECT_EQ(e.where(), where);
  } else {
    EXPECT_TRUE(e.where().empty() && e.state().empty()) << e.where();
  }
}

void expect_error(otawire::result<pcp::message> r, errc code, std::string_view where, std::size_t offset) {
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code(), code) << otawire::name(r.error().code());
  expect_where(r.error(), where);
  EXPECT_EQ(r.error().offset(), offset);
}

std::string text(otawire::byte_view b) {
  return {reinterpret_cast<const char*>(b.data()), b.size()};
}

// --- spec §9.1 documentation frames ---------------------------------------------------------------

TEST(PcpDocFrames, QueryVersion) {
  auto f = pcp::decode_frame(v::doc_query_version);
  ASSERT_TRUE(f);
  EXPECT_EQ(f->code, pcp::message_code::query_version);
  EXPECT_EQ(f->check_code, 0x4C9A);
  EXPECT_TRUE(f->data.empty());
  decode_as<pcp::query_version_request>(v::doc_query_version, direction::platform_to_device);
}

TEST(PcpDocFrames, QueryVersionResponse) {
  auto m = decode_as<pcp::query_version_response>(v::doc_query_version_rsp, direction::device_to_platform);
  EXPECT_EQ(m.result, result_code::success);
  EXPECT_EQ(m.current_version.view(), "V0.9");
}

TEST(PcpDocFrames, NotifyNewVersion) {
  auto m = decode_as<pcp::notify_new_version_request>(v::doc_notify, direction::platform_to_device);
  EXPECT_EQ(m.target_version.view(), "V1.0");
  EXPECT_EQ(m.fragment_size, 500);
  EXPECT_EQ(m.fragment_count, 1);
  EXPECT_EQ(m.package_check_code, 0x1234);
}

TEST(PcpDocFrames, RequestFragment) {
  auto m = decode_as<pcp::request_fragment_request>(v::doc_request_fragment, direction::device_to_platform);
  EXPECT_EQ(m.target_version.view(), "V1.0");
  EXPECT_EQ(m.fragment_index, 0);
}

TEST(PcpDocFrames, FragmentResponseIsAViewWithoutPadding) {
  auto m = decode_as<pcp::request_fragment_response>(v::doc_fragment_rsp, direction::platform_to_device);
  EXPECT_EQ(m.result, result_code::success);
  EXPECT_EQ(m.fragment_index, 0);
  EXPECT_EQ(text(m.data), "HELLO, IoT SOTA!");
  // No copy: the data points into the input frame.
  EXPECT_EQ(m.data.data(), v::doc_fragment_rsp.data() + 11);
}

TEST(PcpDocFrames, ExecuteAndResponse) {
  decode_as<pcp::execute_upgrade_request>(v::doc_execute, direction::platform_to_device);
  EXPECT_EQ(decode_as<pcp::execute_upgrade_response>(v::doc_execute_rsp, direction::device_to_platform).result,
            result_code::success);
}

TEST(PcpDocFrames, ReportUpgradeResultAndAck) {
  auto m = decode_as<pcp::report_upgrade_result_request>(v::doc_report_result, direction::device_to_platform);
  EXPECT_EQ(m.result, result_code::success);
  EXPECT_EQ(m.current_version.view(), "V1.0");
  EXPECT_EQ(decode_as<pcp::report_upgrade_result_response>(v::doc_report_result_rsp, direction::platform_to_device).result,
            result_code::success);
}

TEST(PcpDocFrames, DownloadResultIsTheSameBytesInBothDirections) {
  EXPECT_EQ(decode_as<pcp::report_download_result_request>(v::doc_download_result, direction::device_to_platform).status,
            result_code::success);
  EXPECT_EQ(decode_as<pcp::report_download_result_response>(v::doc_download_result, direction::platform_to_device).result,
            result_code::success);
}

// --- spec §9.4 derived frames --------------------------------------------------------------------

TEST(PcpDerivedFrames, All) {
  EXPECT_EQ(decode_as<pcp::notify_new_version_response>(v::derived_notify_rsp_latest, direction::device_to_platform).result,
            result_code::already_latest);
  EXPECT_EQ(decode_as<pcp::report_download_result_request>(v::derived_download_check_failed, direction::device_to_platform).status,
            result_code::package_check_failed);
  EXPECT_EQ(decode_as<pcp::execute_upgrade_response>(v::derived_execute_rsp_busy, direction::device_to_platform).result,
            result_code::device_busy);
  auto r = decode_as<pcp::report_upgrade_result_request>(v::derived_report_install_failed, direction::device_to_platform);
  EXPECT_EQ(r.result, result_code::install_failed);
  EXPECT_EQ(r.current_version.view(), "V1.0");
}

TEST(PcpDocFrames, EveryDocumentedFrameReencodesToTheSameBytes) {
  struct item {
    std::span<const std::byte> frame;
    direction dir;
  };
  const item items[] = {
      {v::doc_query_version, direction::platform_to_device},     {v::doc_query_version_rsp, direction::device_to_platform},
      {v::doc_notify, direction::platform_to_device},            {v::doc_request_fragment, direction::device_to_platform},
      {v::doc_fragment_rsp, direction::platform_to_device},      {v::doc_execute, direction::platform_to_device},
      {v::doc_execute_rsp, direction::device_to_platform},         {v::doc_report_result, direction::device_to_platform},
      {v::doc_report_result_rsp, direction::platform_to_device}, {v::doc_download_result, direction::device_to_platform},
      {v::doc_download_result, direction::platform_to_device},   {v::derived_notify_rsp_latest, direction::device_to_platform},
      {v::derived_download_check_failed, direction::device_to_platform}, {v::derived_execute_rsp_busy, direction::device_to_platform},
      {v::derived_report_install_failed, direction::device_to_platform}};
  for (const auto& it : items) {
    auto m = pcp::decode(it.frame, it.dir);
    ASSERT_TRUE(m);
    EXPECT_EQ(pcp::encoded_size(*m), it.frame.size());
    std::vector<std::byte> out(pcp::encoded_size(*m));
    ASSERT_TRUE(pcp::encode(*m, out));
    EXPECT_TRUE(std::equal(out.begin(), out.end(), it.frame.begin(), it.frame.end()));
  }
}

// --- views into the input --------------------------------------------------------------------------

// Issue 12 item 3: `pcp::decode(std::vector<std::byte>{…}, dir)` compiled and the fragment data
// dangled. Decoders whose result views the input refuse owning temporaries (deleted overloads,
// `otawire::dangling_temporary`); lvalues and views still decode.
template <class Input>
concept decodable = requires(Input&& in) { pcp::decode(std::forward<Input>(in), direction::platform_to_device); };
template <class Input>
concept frame_decodable = requires(Input&& in) { pcp::decode_frame(std::forward<Input>(in)); };

static_assert(!decodable<std::vector<std::byte>>);
static_assert(!decodable<const std::vector<std::byte>>);
static_assert(!decodable<std::array<std::byte, 8>>);
static_assert(decodable<std::vector<std::byte>&>);
static_assert(decodable<const std::vector<std::byte>&>);
static_assert(decodable<const std::array<std::byte, 8>&>);
static_assert(decodable<std::span<const std::byte>>);
static_assert(decodable<std::span<std::byte>>);
static_assert(!frame_decodable<std::vector<std::byte>>);
static_assert(!frame_decodable<std::array<std::byte, 8>>);
static_assert(frame_decodable<std::vector<std::byte>&>);
static_assert(frame_decodable<std::span<const std::byte>>);
static_assert(frame_decodable<std::span<std::byte>>);

TEST(PcpViews, AViewOfAReceiveBufferStillDecodesInPlace) {
  // A receive buffer longer than the datagram, handed over as a span prvalue.
  std::array<std::byte, 64> rx{};
  std::copy(v::doc_fragment_rsp.begin(), v::doc_fragment_rsp.end(), rx.begin());
  const std::size_t n = v::doc_fragment_rsp.size();
  auto m = pcp::decode(std::span(rx).first(n), direction::platform_to_device);
  ASSERT_TRUE(m.has_value());
  const auto& fragment = std::get<pcp::request_fragment_response>(*m);
  EXPECT_EQ(fragment.data.data(), rx.data() + 11);  // no copy: the view points into rx
  EXPECT_EQ(text(fragment.data), "HELLO, IoT SOTA!");
  auto f = pcp::decode_frame(std::span(rx).first(n));
  ASSERT_TRUE(f.has_value());
  EXPECT_EQ(f->data.data(), rx.data() + pcp::header_size);
  // A temporary frame is fine: the payload views rx, not the frame.
  auto p = pcp::decode_payload(*pcp::decode_frame(std::span(rx).first(n)), direction::platform_to_device);
  ASSERT_TRUE(p.has_value());
  EXPECT_EQ(std::get<pcp::request_fragment_response>(*p).data.data(), rx.data() + 11);
}

// --- frame rejection rules -----------------------------------------------------------------------

TEST(PcpFrameReject, BadMagic) {
  const auto wrong_start_id = bytes_of("FFFD01134C9A0000");
  expect_error(pcp::decode(wrong_start_id, direction::platform_to_device), errc::bad_magic, "start_id", 0);
  const auto business_byte = bytes_of("7B");
  expect_error(pcp::decode(business_byte, direction::device_to_platform), errc::bad_magic, "start_id", 0);
}

TEST(PcpFrameReject, BadVersionNibble) {
  auto f = bytes_of("FFFE02130000" "0000");
  fix_checksum(f);
  expect_error(pcp::decode(f, direction::platform_to_device), errc::bad_version, "version", 2);
}

TEST(PcpFrameReject, ReservedHighNibbleIsIgnored) {
  auto f = bytes_of("FFFEF1130000" "0000");
  fix_checksum(f);
  auto fr = pcp::decode_frame(f);
  ASSERT_TRUE(fr);
  EXPECT_EQ(fr->version_byte, 0xF1);
}

TEST(PcpFrameReject, UnknownMessageCode) {
  for (const char* code : {"12", "19", "00", "7F"}) {  // 18, 25, 0, 127
    auto f = bytes_of(std::string("FFFE01") + code + "00000000");
    fix_checksum(f);
    expect_error(pcp::decode(f, direction::platform_to_device), errc::unknown_message, "message_code", 3);
  }
}

TEST(PcpFrameReject, TruncatedHeader) {
  const auto cut_in_length = bytes_of("FFFE01134C9A00");
  expect_error(pcp::decode(cut_in_length, direction::platform_to_device), errc::truncated, "data_length", 6);
  const auto cut_before_code = bytes_of("FFFE01");
  expect_error(pcp::decode(cut_before_code, direction::platform_to_device), errc::truncated, "message_code", 3);
  expect_error(pcp::decode(otawire::byte_view{}, direction::platform_to_device), errc::truncated, "start_id", 0);
}

TEST(PcpFrameReject, DataShorterThanDeclared) {
  const auto longer_than_declared = bytes_of("FFFE0117B72500010000");
  expect_error(pcp::decode(longer_than_declared, direction::device_to_platform), errc::trailing_bytes, "data", 9);
  const auto shorter_than_declared = bytes_of("FFFE0117B7250002"  "00");
  expect_error(pcp::decode(shorter_than_declared, direction::device_to_platform), errc::truncated, "data", 8);
}

TEST(PcpFrameReject, BadChecksum) {
  auto f = bytes_of("FFFE0117B725000101");
  expect_error(pcp::decode(f, direction::device_to_platform), errc::bad_checksum, "check_code", 4);
}

TEST(PcpFrameReject, EveryTruncationOfTheLargestFrameIsAnError) {
  std::vector<std::byte> data(500, std::byte{0x5A});
  pcp::message m = pcp::request_fragment_response{result_code::success, 7, data};
  std::vector<std::byte> frame(pcp::encoded_size(m));
  ASSERT_EQ(frame.size(), pcp::max_frame_size);
  ASSERT_TRUE(pcp::encode(m, frame));
  for (std::size_t n = 0; n < frame.size(); ++n) {
    auto r = pcp::decode(std::span(frame).first(n), direction::platform_to_device);
    ASSERT_FALSE(r) << n;
    EXPECT_EQ(r.error().code(), errc::truncated) << n;
  }
}

// --- payload rejection rules ----------------------------------------------------------------------

TEST(PcpPayloadReject, WrongDataLengthForTheKind) {
  auto f = bytes_of("FFFE011300000001" "00");  // 19 request with a data byte
  fix_checksum(f);
  expect_error(pcp::decode(f, direction::platform_to_device), errc::bad_length, "data_length", 6);
  // The same frame is a malformed 19 response too (needs 17 bytes).
  expect_error(pcp::decode(f, direction::device_to_platform), errc::bad_length, "data_length", 6);
}

TEST(PcpPayloadReject, UndefinedResultCode) {
  auto f = bytes_of("FFFE01170000000142");
  fix_checksum(f);
  expect_error(pcp::decode(f, direction::device_to_platform), errc::invalid_value, "result", 8);
}

TEST(PcpPayloadReject, ResultNotLegalForTheMessage) {
  auto f = bytes_of("FFFE01140000000180");  // 20 response with 0x80 (a platform code)
  fix_checksum(f);
  expect_error(pcp::decode(f, direction::device_to_platform), errc::invalid_value, "result", 8);
  auto g = bytes_of("FFFE01130000001101" "56302E39000000000000000000000000");  // 19 rsp: 00 only
  fix_checksum(g);
  expect_error(pcp::decode(g, direction::device_to_platform), errc::invalid_value, "result", 8);
  auto h = bytes_of("FFFE01160000000103");  // 22 status: 03 not allowed
  fix_checksum(h);
  expect_error(pcp::decode(h, direction::device_to_platform), errc::invalid_value, "status", 8);
}

TEST(PcpPayloadReject, ChosenResultSets) {
  // 23 response: 0x7F accepted (LiteOS), 0x02 not.
  EXPECT_TRUE(pcp::allowed_result(pcp::message_kind::execute_upgrade_response, result_code::internal_error));
  EXPECT_FALSE(pcp::allowed_result(pcp::message_kind::execute_upgrade_response, result_code::weak_signal));
  // 22 response: as the 24 response {00, 80}.
  EXPECT_TRUE(pcp::allowed_result(pcp::message_kind::report_download_result_response, result_code::task_not_found));
  EXPECT_FALSE(pcp::allowed_result(pcp::message_kind::report_download_result_response, result_code::fragment_not_found));
  // Kinds without a result field accept none.
  EXPECT_FALSE(pcp::allowed_result(pcp::message_kind::query_version_request, result_code::success));
}

TEST(PcpPayloadReject, VersionNotAscii) {
  auto f = bytes_of("FFFE0118000000110056C12E30000000000000000000000000");
  fix_checksum(f);
  expect_error(pcp::decode(f, direction::device_to_platform), errc::bad_string, "version", 10);
  auto g = bytes_of("FFFE011800000011005609" "2E30000000000000000000000000");  // control char
  fix_checksum(g);
  expect_error(pcp::decode(g, direction::device_to_platform), errc::bad_string, "version", 10);
}

TEST(PcpPayloadReject, VersionPaddingMustBeNul) {
  auto f = bytes_of("FFFE0118000000110056312E30000041000000000000000000");  // NUL then 'A'
  fix_checksum(f);
  expect_error(pcp::decode(f, direction::device_to_platform), errc::bad_string, "version_padding", 15);
}

TEST(PcpPayloadReject, FragmentSizeOutOfRange) {
  for (const char* size : {"001F", "01F5", "0000"}) {  // 31, 501, 0
    auto f = bytes_of(std::string("FFFE011400000016" "56312E30000000000000000000000000") + size + "00011234");
    fix_checksum(f);
    expect_error(pcp::decode(f, direction::platform_to_device), errc::out_of_range, "fragment_size", 24);
  }
}

TEST(PcpPayloadReject, FragmentCountZero) {
  auto f = bytes_of("FFFE011400000016" "56312E30000000000000000000000000" "01F400001234");
  fix_checksum(f);
  expect_error(pcp::decode(f, direction::platform_to_device), errc::out_of_range, "fragment_count", 26);
}

TEST(PcpPayloadReject, FragmentResponseLengths) {
  auto ok_no_data = bytes_of("FFFE0115000000030000" "00");
  fix_checksum(ok_no_data);
  expect_error(pcp::decode(ok_no_data, direction::platform_to_device), errc::bad_length, "fragment_data", 11);
  auto err_with_data = bytes_of("FFFE011500000004810000AA");
  fix_checksum(err_with_data);
  expect_error(pcp::decode(err_with_data, direction::platform_to_device), errc::bad_length, "fragment_data", 11);
  auto err_without_index = bytes_of("FFFE0115000000018" "1");
  fix_checksum(err_without_index);
  expect_error(pcp::decode(err_without_index, direction::platform_to_device), errc::bad_length, "data_length", 6);
  std::vector<std::byte> big(8 + 3 + 501, std::byte{1});
  auto head = bytes_of("FFFE01150000" "01F8" "000000");
  std::copy(head.begin(), head.end(), big.begin());
  fix_checksum(big);
  expect_error(pcp::decode(big, direction::platform_to_device), errc::bad_length, "fragment_data", 511);
  // An error response with the index and no data is legal.
  auto refused = bytes_of("FFFE011500000003810005");
  fix_checksum(refused);
  auto m = decode_as<pcp::request_fragment_response>(refused, direction::platform_to_device);
  EXPECT_EQ(m.result, result_code::fragment_not_found);
  EXPECT_EQ(m.fragment_index, 5);
  EXPECT_TRUE(m.data.empty());
}

// --- version strings ------------------------------------------------------------------------------

TEST(PcpVersionString, Representable) {
  EXPECT_TRUE(pcp::version_string::from("V1.0.10"));
  EXPECT_TRUE(pcp::version_string::from("0123456789ABCDEF"));
  auto too_long = pcp::version_string::from("0123456789ABCDEFG");
  ASSERT_FALSE(too_long);
  EXPECT_EQ(too_long.error().code(), errc::bad_string);
  EXPECT_EQ(too_long.error().offset(), 16u);
  auto non_ascii = pcp::version_string::from("V1\xC3\xA9");
  ASSERT_FALSE(non_ascii);
  EXPECT_EQ(non_ascii.error().offset(), 2u);
  EXPECT_FALSE(pcp::version_string::from(std::string_view("V1\0x", 4)));
  auto v = pcp::version_string::from("V0.9").value();
  const auto wire = v.wire();
  EXPECT_EQ(std::to_integer<int>(wire[3]), '9');
  EXPECT_EQ(std::to_integer<int>(wire[4]), 0);
}

// --- encoding -----------------------------------------------------------------------------------

// Issue 12 item 11: name(message_kind) indexed its table with any byte value.
TEST(PcpMessageKind, NameIsDefinedForEveryByteValue) {
  for (unsigned value = 0; value < 256; ++value) {
    const auto kind = static_cast<pcp::message_kind>(value);
    if (value < pcp::message_kind_count) {
      EXPECT_NE(pcp::name(kind), "unknown") << value;
    } else {
      EXPECT_EQ(pcp::name(kind), "unknown") << value;
    }
  }
}

TEST(PcpEncode, ExactSizeAndSmallBufferWritesNothing) {
  pcp::message m = pcp::notify_new_version_request{pcp::version_string::from("V1.0").value(), 500, 1, 0x1234};
  EXPECT_EQ(pcp::encoded_size(m), 30u);
  std::vector<std::byte> small(29, std::byte{0xEE});
  auto r = pcp::encode(m, small);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code(), errc::buffer_too_small);
  for (auto b : small) EXPECT_EQ(b, std::byte{0xEE});
  std::vector<std::byte> out(30);
  ASSERT_EQ(pcp::encode(m, out).value(), 30u);
  EXPECT_TRUE(std::equal(out.begin(), out.end(), v::doc_notify.begin(), v::doc_notify.end()));
}

TEST(PcpEncode, RejectsWhatTheDecoderRejects) {
  std::array<std::byte, 600> out{};
  auto e1 = pcp::encode(pcp::notify_new_version_request{{}, 20, 1, 0}, out);
  ASSERT_FALSE(e1);
  expect_where(e1.error(), "fragment_size");
  auto e2 = pcp::encode(pcp::notify_new_version_response{result_code::task_not_found}, out);
  ASSERT_FALSE(e2);
  EXPECT_EQ(e2.error().code(), errc::invalid_value);
  auto e3 = pcp::encode(pcp::request_fragment_response{result_code::success, 0, {}}, out);
  ASSERT_FALSE(e3);
  expect_where(e3.error(), "fragment_data");
}

TEST(PcpEncode, RawFrame) {
  std::array<std::byte, 8> out{};
  ASSERT_EQ(pcp::encode_frame(pcp::message_code::execute_upgrade, {}, out).value(), 8u);
  EXPECT_EQ(out, v::doc_execute);
}

// --- classification (spec §1.1) -------------------------------------------------------------------

TEST(PcpClassify, PcpFrame) {
  auto c = pcp::classify_uplink(v::doc_report_result);
  EXPECT_TRUE(c.is_pcp());
  EXPECT_FALSE(c.reason.has_value());
}

TEST(PcpClassify, BusinessData) {
  auto c = pcp::classify_uplink(bytes_of("7B2274223A317D"));
  EXPECT_EQ(c.kind, pcp::payload_kind::business_data);
  ASSERT_TRUE(c.reason);
  EXPECT_EQ(c.reason->code(), errc::bad_magic);
  EXPECT_EQ(pcp::classify_uplink(otawire::byte_view{}).kind, pcp::payload_kind::business_data);
}

TEST(PcpClassify, MalformedPcpSaysWhy) {
  auto c = pcp::classify_uplink(bytes_of("FFFE0117B725000101"));
  EXPECT_EQ(c.kind, pcp::payload_kind::malformed_pcp);
  EXPECT_FALSE(c.is_pcp());
  ASSERT_TRUE(c.reason);
  EXPECT_EQ(c.reason->code(), errc::bad_checksum);
  EXPECT_EQ(c.reason->offset(), 4u);
}

TEST(PcpClassify, ProductWithoutPcpUpgradeSeesBusinessData) {
  auto c = pcp::classify_uplink(v::doc_report_result, /*product_upgrades_over_pcp=*/false);
  EXPECT_EQ(c.kind, pcp::payload_kind::business_data);
  ASSERT_TRUE(c.reason);
  expect_where(*c.reason, "product_upgrade_protocol");
}

// --- no allocation --------------------------------------------------------------------------------

TEST(PcpAllocation, DecodeAndEncodeAllocateNothing) {
  std::vector<std::byte> data(500, std::byte{0x33});
  std::vector<std::byte> frame(pcp::max_frame_size);
  std::array<std::byte, pcp::max_frame_size> again{};
  otawire::test::allocation_scope scope;
  std::size_t ok_count = 0;
  ok_count += pcp::decode(v::doc_notify, direction::platform_to_device).has_value();
  ok_count += pcp::decode(v::doc_fragment_rsp, direction::platform_to_device).has_value();
  ok_count += pcp::decode(v::doc_report_result, direction::device_to_platform).has_value();
  ok_count += !pcp::decode(v::blind_burst_12bit, direction::platform_to_device).has_value();  // error path too
  ok_count += pcp::encode(pcp::request_fragment_response{result_code::success, 3, data}, frame).has_value();
  ok_count += pcp::decode(frame, direction::platform_to_device).has_value();
  ok_count += pcp::encode(*pcp::decode(frame, direction::platform_to_device), again).has_value();
  ok_count += pcp::classify_uplink(frame).kind == pcp::payload_kind::pcp_frame;
  EXPECT_EQ(scope.count(), 0u);
  EXPECT_EQ(ok_count, 8u);
}

}  // namespace
