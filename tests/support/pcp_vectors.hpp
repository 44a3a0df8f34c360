// Test support: the PCP test vectors of spec §9 (documentation frames and derived ones), as
// compile-time byte arrays so that they serve static_assert, example tests, fuzz seeds and benches.
#ifndef OTAWIRE_TESTS_PCP_VECTORS_HPP
#define OTAWIRE_TESTS_PCP_VECTORS_HPP

#include <otawire/hex.hpp>
#include <otawire/pcp/messages.hpp>

#include <array>
#include <cstddef>
#include <string_view>

namespace otawire::test::pcp {

/// The bytes of a hex literal, at compile time: `constexpr auto f = hex_frame("FFFE0113...")`.
template <std::size_t N>
consteval std::array<std::byte, (N - 1) / 2> hex_frame(const char (&text)[N]) {
  static_assert((N - 1) % 2 == 0, "even number of hex digits");
  std::array<std::byte, (N - 1) / 2> out{};
  auto n = otawire::from_hex(std::string_view(text, N - 1), out);
  if (!n) throw "bad hex literal";  // consteval: a compile error, never a runtime throw
  return out;
}

// spec §9.1 — from Huawei documentation (direction as documented).
inline constexpr auto doc_query_version = hex_frame("FFFE01134C9A0000");  // #1 down
inline constexpr auto doc_query_version_rsp =
    hex_frame("FFFE01138DE300110056302E39000000000000000000000000");  // #2 up, "V0.9"
inline constexpr auto doc_notify =
    hex_frame("FFFE011402F7001656312E3000000000000000000000000001F400011234");  // #3 down
inline constexpr auto doc_request_fragment =
    hex_frame("FFFE01155618001256312E300000000000000000000000000000");  // #4 up, idx 0
inline constexpr auto doc_fragment_rsp =
    hex_frame("FFFE0115E107001300000048454C4C4F2C20496F5420534F544121");  // #5 down
inline constexpr auto doc_execute = hex_frame("FFFE0117CF900000");             // #6 down
inline constexpr auto doc_execute_rsp = hex_frame("FFFE0117B725000100");       // #7 up
inline constexpr auto doc_report_result =
    hex_frame("FFFE0118C7D200110056312E30000000000000000000000000");  // #8 up
inline constexpr auto doc_report_result_rsp = hex_frame("FFFE0118AFA1000100");  // #9 down
inline constexpr auto doc_download_result = hex_frame("FFFE0116850E000100");    // #10 both

// spec §9.4 — derived with the verified algorithm (regression data only).
inline constexpr auto derived_notify_rsp_latest = hex_frame("FFFE0114E70B000103");  // up
inline constexpr auto derived_download_check_failed = hex_frame("FFFE0116F5E9000107");  // up
inline constexpr auto derived_execute_rsp_busy = hex_frame("FFFE0117A704000101");  // up
inline constexpr auto derived_report_install_failed =
    hex_frame("FFFE0118EB2500110A56312E30000000000000000000000000");  // up

// spec §2.1 — blind spots: frame #2 corrupted so that the check code still matches.
inline constexpr auto blind_burst_12bit =
    hex_frame("FFFE01138DE3001100563AED39000000000000000000000000");
inline constexpr auto blind_two_bit =
    hex_frame("FFFE01138DE3001100D6302E39020000000000000000000000");

}  // namespace otawire::test::pcp

#endif
