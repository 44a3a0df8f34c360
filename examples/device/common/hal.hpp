// The device programs' only contact with the outside world: a modem that delivers and sends CoAP
// payloads, and a flash writer. On the target these are extern functions (the firmware's HAL,
// stubbed in hal_target.cpp); on the host the tests implement them with a simulated platform.
#ifndef OTAWIRE_EXAMPLES_DEVICE_HAL_HPP
#define OTAWIRE_EXAMPLES_DEVICE_HAL_HPP

#include <cstddef>
#include <cstdint>
#include <span>

namespace device {

/// Waits for the next payload from the platform; returns its length in `into`, 0 when the link is
/// closed (the host tests end the program that way).
std::size_t modem_receive(std::span<std::uint8_t> into);
/// Sends one payload to the platform.
void modem_send(std::span<const std::uint8_t> payload);
/// Writes `bytes` at `offset` of the download partition; false when the flash refuses.
bool flash_write(std::uint32_t offset, std::span<const std::uint8_t> bytes);

}  // namespace device

#endif
