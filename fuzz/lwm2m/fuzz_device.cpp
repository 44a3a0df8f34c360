// The device profile's Object 5 decoder against the generic one, built as a device builds otawire
// (OTAWIRE_DEVICE_PROFILE: error texts dropped, pairwise duplicate check). The input layout is
// fuzz_lwm2m_object5's (its corpus is this target's too): the first byte picks the content format
// and the path, the second a resource or instance ID, the rest is the payload. Oracle: for every
// object version and payload kind, `fixed_decode_options<V, K>` gives exactly what run-time
// `decode_options{V, K, format}` gives (the model, or the error's code and offset); no error
// points past the payload; the one-frame decoder of /5 and /5/0 agrees with the level-per-function
// one.
#include "support/lwm2m_one_frame_oracle.hpp"

#include <otawire/lwm2m.hpp>

#include <array>
#include <cstdint>
#include <cstdlib>

namespace {
using namespace otawire::lwm2m;

template <object_version Version, payload_kind Kind>
void compare(otawire::byte_view payload, const path& target, content_format format) {
  firmware_update generic_model;
  firmware_update fixed_model;
  const auto generic = decode_firmware_update(payload, target, generic_model, decode_options{Version, Kind, format});
  const auto fixed = decode_firmware_update(payload, target, fixed_model, fixed_decode_options<Version, Kind>{format});
  if (generic.has_value() != fixed.has_value()) std::abort();
  if (generic) {
    if (!(generic_model == fixed_model)) std::abort();
    return;
  }
  if (!(generic.error() == fixed.error())) std::abort();
  if (fixed.error().has_offset() && fixed.error().offset() > payload.size()) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 2) return 0;
  const std::uint8_t selector = data[0];
  const std::uint8_t id_selector = data[1];
  const otawire::byte_view payload(reinterpret_cast<const std::byte*>(data + 2), size - 2);
  constexpr std::array<content_format, 4> formats{content_format::tlv, content_format::legacy_tlv,
                                                  content_format::text, content_format::opaque};
  const auto format = formats[(selector >> 3) & 3];
  // Paths: /5, /5/0, /5/0/<rid 0..15>, /5/0/8/<ri>; now and then instance 1 (always refused).
  const unsigned which = selector >> 5;
  path target{5, 0, 0, 0, 1};
  if (which == 1) target.depth = 2;
  if (which >= 2 && which <= 6) {
    target.depth = 3;
    target.resource = static_cast<std::uint16_t>(id_selector % 16);
  }
  if (which == 7) target = path{5, 0, 8, static_cast<std::uint16_t>(id_selector % 4), 4};
  if (target.depth >= 2 && id_selector >= 0xF8) target.instance = 1;

  compare<object_version::v1_0, payload_kind::write_request>(payload, target, format);
  compare<object_version::v1_1, payload_kind::write_request>(payload, target, format);
  compare<object_version::v1_2, payload_kind::write_request>(payload, target, format);
  compare<object_version::v1_0, payload_kind::read_response>(payload, target, format);
  compare<object_version::v1_1, payload_kind::read_response>(payload, target, format);
  compare<object_version::v1_2, payload_kind::read_response>(payload, target, format);
  using otawire::test::lwm2m::instance_decoders_agree;
  if (target.depth <= 2 && (!instance_decoders_agree<object_version::v1_0, payload_kind::write_request>(payload, target) ||
                            !instance_decoders_agree<object_version::v1_2, payload_kind::read_response>(payload, target))) {
    std::abort();
  }
  return 0;
}
