// The empty device program: start-up and a main that touches each HAL function once. Its size is
// subtracted from every device program's, so the table shows otawire's cost plus the application
// glue a firmware would write anyway — never the HAL stubs, which stand for the firmware's drivers.
#include "hal.hpp"

#include <array>

extern "C" int device_main() {
  std::array<std::uint8_t, 1> byte{};
  const std::size_t n = device::modem_receive(byte);
  device::modem_send(std::span(byte).first(n));
  return device::flash_write(0, byte) ? 0 : 1;
}
