// otawire::tencent — Tencent Cloud IoT Hub / IoT Explorer firmware OTA over MQTT (umbrella).
// It lives in the tencent/ folder because the header check (tests/CMakeLists.txt) files only
// headers under a protocol folder as JSON headers; otawire/tencent.hpp would be compiled with
// -fno-exceptions, which Boost.JSON does not support.
#ifndef OTAWIRE_TENCENT_ALL_HPP
#define OTAWIRE_TENCENT_ALL_HPP

#include <otawire/tencent/codec.hpp>
#include <otawire/tencent/messages.hpp>
#include <otawire/tencent/session.hpp>
#include <otawire/tencent/topic.hpp>

#endif
