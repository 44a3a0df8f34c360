// Both state-machine roles. The first byte picks object version and observer mode, the rest is a
// sequence of (event, reason) pairs for the client, then the observer is also fed raw pairs.
// Oracles: the client never leaves the values its version defines, a refused event changes
// nothing, and the strict observer accepts every trace the client produces (differential).
#include "support/lwm2m_oracle.hpp"

#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace otawire::lwm2m;
  if (size == 0) return 0;
  const auto version = static_cast<object_version>(data[0] % 3);
  const auto mode = (data[0] >> 2) & 1 ? observe_mode::lenient : observe_mode::strict;
  firmware_client client(version);
  firmware_observer follows(version, observe_mode::strict);
  firmware_observer raw(version, mode);
  if (!follows.observe(client.state(), client.last_result())) std::abort();
  for (std::size_t i = 1; i + 1 < size; i += 2) {
    const auto event = static_cast<client_event>(data[i] % 14);
    const auto reason = static_cast<update_result>(data[i + 1] % 12);
    const auto before_state = client.state();
    const auto before_result = client.last_result();
    const auto r = client.apply(event, reason);
    if (!otawire::test::lwm2m::client_invariant(client)) std::abort();
    if (r.state != client.state() || r.result != client.last_result()) std::abort();
    if (r.rejection) {
      if (client.state() != before_state || client.last_result() != before_result) std::abort();
      if (r.response == coap_code::changed || r.rejection->where().empty()) std::abort();
    } else if ((r.response == coap_code::changed) != is_server_operation(event)) {
      std::abort();
    }
    if (!follows.observe(client.state(), client.last_result())) std::abort();
    if (follows.state() != client.state()) std::abort();
    // Raw notifications: any byte pair, some with a component missing.
    const unsigned s = data[i] & 7;
    const unsigned res = data[i + 1] & 15;
    const std::optional<fw_state> st = s < 4 ? std::optional(static_cast<fw_state>(s)) : std::nullopt;
    const std::optional<update_result> rs =
        res < 12 ? std::optional(static_cast<update_result>(res)) : std::nullopt;
    const auto seen_state = raw.state();
    const auto ok = raw.observe(st, rs);
    if (ok) {
      if (st && raw.state() != st) std::abort();
      if (rs && raw.last_result() != rs) std::abort();
    } else if (raw.state() != seen_state || ok.error().where().empty()) {
      std::abort();
    }
  }
  return 0;
}
