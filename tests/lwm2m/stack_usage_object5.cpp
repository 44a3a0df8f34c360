// Issue 12 item 1: the public entry points of the Object 5 layer (decode, encode, the client and
// observer sessions) under the same 256-byte frame budget as the TLV layer (stack_usage_tlv.cpp),
// at -O2 and -O3; a Write to /5/0/<rid> goes through them. Compiled by stack_usage_check.cmake
// only.
#include <otawire/lwm2m.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>

namespace lw = otawire::lwm2m;
using otawire::byte_view;
using otawire::mutable_byte_view;

#define ENTRY extern "C" [[gnu::noinline]]

ENTRY bool entry_decode_firmware_update(byte_view in, const lw::path& p, const lw::decode_options& o) {
  return lw::decode_firmware_update(in, p, o).has_value();
}

ENTRY bool entry_decode_firmware_update_into(byte_view in, const lw::path& p,
                                             const lw::decode_options& o, lw::firmware_update& out) {
  return lw::decode_firmware_update(in, p, out, o).has_value();
}

ENTRY std::size_t entry_encode_firmware_update(const lw::firmware_update& fw, const lw::path& p,
                                               mutable_byte_view out) {
  return lw::encoded_size(fw, p).value_or(0) + lw::encode_firmware_update(fw, p, out).value_or(0);
}

ENTRY bool entry_session(std::optional<lw::fw_state> s, std::optional<lw::update_result> r,
                         lw::client_event e) {
  lw::firmware_observer observer;
  lw::firmware_client client;
  return observer.observe(s, r).has_value() && client.apply(e).response == lw::coap_code::changed;
}
