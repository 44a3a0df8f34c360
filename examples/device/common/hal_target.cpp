// Target stubs of the HAL: opaque to the optimiser (noinline, volatile), so the device programs
// keep every path a real modem could drive and the size figures are honest.
#include "hal.hpp"

namespace {
volatile std::uint8_t modem_register;
}

namespace device {

__attribute__((noinline)) std::size_t modem_receive(std::span<std::uint8_t> into) {
  std::size_t n = modem_register;
  if (n > into.size()) n = into.size();
  for (std::size_t i = 0; i < n; ++i) into[i] = modem_register;
  return n;
}

__attribute__((noinline)) void modem_send(std::span<const std::uint8_t> payload) {
  for (std::uint8_t b : payload) modem_register = b;
}

__attribute__((noinline)) bool flash_write(std::uint32_t offset, std::span<const std::uint8_t> bytes) {
  modem_register = static_cast<std::uint8_t>(offset);
  for (std::uint8_t b : bytes) modem_register = b;
  return modem_register != 0;
}

}  // namespace device
