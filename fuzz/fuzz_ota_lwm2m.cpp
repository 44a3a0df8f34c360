// LwM2M Object 5 → neutral events → LwM2M. Input: byte 0 picks the operation (bits 0–2, mod 6),
// the State before it (bits 3–4) and the peer's object version (bits 5–6); byte 1 the path
// (/3/0/3, /5/0 or /5/0/<rid>) and the content format (bit 7: text/plain, else TLV); the rest is
// the payload, decoded with lwm2m::decode_firmware_update.
// Oracles: to_events never fails with `lwm2m_max_events` slots; no failure read from Update
// Result 3, 4 or 8 claims `exact` (the crosswalk's ≈); synthesised events name their rule;
// from_event never crashes, and when both conversions claim `exact` the operation reads back as
// the same event.
#include <otawire/ota/lwm2m.hpp>
#include <otawire/lwm2m/object5.hpp>

#include <array>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  namespace ota = otawire::ota;
  namespace lwm2m = otawire::lwm2m;
  if (size < 2) return 0;
  constexpr std::array<std::uint16_t, 8> resources{0, 1, 2, 3, 5, 7, 10, 11};
  ota::lwm2m_message m{};
  m.operation = static_cast<ota::lwm2m_operation>((data[0] & 7u) % 6u);
  const ota::lwm2m_session_context context{static_cast<lwm2m::fw_state>((data[0] >> 3) & 3u), "1.0"};
  const auto version = static_cast<lwm2m::object_version>(((data[0] >> 5) & 3u) % 3u);
  const unsigned selector = data[1] & 0x0Fu;
  if (selector == 0) {
    m.target = ota::device_firmware_version_path;
  } else if (selector == 1) {
    m.target = ota::firmware_instance_path;
  } else {
    m.target = ota::firmware_path(static_cast<lwm2m::fw_resource>(resources[selector % resources.size()]));
  }
  const auto payload = std::as_bytes(std::span(data + 2, size - 2));
  if (m.target == ota::device_firmware_version_path) {
    m.running_version = std::string_view(reinterpret_cast<const char*>(data + 2), size - 2);
  } else {
    lwm2m::decode_options options{};
    options.version = version;
    const bool written = m.operation == ota::lwm2m_operation::write;
    options.kind = written ? lwm2m::payload_kind::write_request : lwm2m::payload_kind::read_response;
    options.format = (data[1] & 0x80u) ? lwm2m::content_format::text : lwm2m::content_format::tlv;
    auto decoded = lwm2m::decode_firmware_update(payload, m.target, options);
    if (!decoded) return 0;
    m.values = *decoded;
  }
  m.response = static_cast<lwm2m::coap_code>(((data[1] >> 4) & 7u) % 5u);
  std::array<ota::event, ota::lwm2m_max_events> events{};
  auto n = ota::to_events(m, ota::envelope{}, context, events);
  if (!n || *n > events.size()) std::abort();
  for (std::size_t i = 0; i < *n; ++i) {
    const auto& e = events[i];
    const auto result = m.values.result;
    const bool vague = result && (*result == lwm2m::update_result::out_of_ram ||
                                  *result == lwm2m::update_result::connection_lost ||
                                  *result == lwm2m::update_result::update_failed);
    if (vague && e.kind() == ota::event_kind::failed && e.mapped == ota::fidelity::exact) std::abort();
    if (e.synthesised() != (e.made_by != nullptr)) std::abort();
    auto back = ota::from_event(e, ota::lwm2m_profile{version});
    if (!back || !back->message) continue;
    if (e.mapped != ota::fidelity::exact || back->mapped != ota::fidelity::exact) continue;
    std::array<ota::event, ota::lwm2m_max_events> again{};
    auto k = ota::to_events(*back->message, ota::envelope{}, context, again);
    if (!k) std::abort();
    bool found = false;
    for (std::size_t j = 0; j < *k; ++j) found = found || again[j].body == e.body;
    if (!found) std::abort();
  }
  return 0;
}
