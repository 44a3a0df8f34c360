// Uses the installed headers of both targets: the core vocabulary and a JSON-layer header.
#include <otawire/bytes.hpp>
#include <otawire/error_code.hpp>
#include <otawire/hex.hpp>

#include <array>
#include <cstdio>

int main() {
  std::array<std::byte, 8> frame{};
  auto n = otawire::from_hex("FFFE01134C9A0000", frame);
  if (!n || *n != 8) return 1;
  otawire::byte_reader r{frame};
  auto start = r.u16("start");
  if (!start || *start != 0xFFFE) return 1;
  std::error_code ec = otawire::errc::bad_checksum;
  std::printf("otawire consumer ok: start=%04X, %s\n", static_cast<unsigned>(*start), ec.message().c_str());
  return 0;
}
