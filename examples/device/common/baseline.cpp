// The empty device program: start-up and a main that does nothing observable beyond touching the
// modem. Its size is subtracted from every device program's, so the table shows otawire's cost
// plus the application glue a firmware would write anyway.
#include "hal.hpp"

extern "C" int device_main() {
  device::modem_send({});
  return 0;
}
