// The device's one-frame Object 5 decoder of /5 and /5/0 (`detail::decode_instance_levels`)
// against the host's level-per-function one (`detail::decode_instance_payload`): the same verdict,
// the same first error, the same model, and the same request for the whole-payload duplicate
// check. Shared by the property test (tests/lwm2m/device_profile_test.cpp) and fuzz_lwm2m_device.
#ifndef OTAWIRE_TEST_SUPPORT_LWM2M_ONE_FRAME_ORACLE_HPP
#define OTAWIRE_TEST_SUPPORT_LWM2M_ONE_FRAME_ORACLE_HPP

#include <otawire/lwm2m.hpp>

namespace otawire::test::lwm2m {

template <otawire::lwm2m::object_version Version, otawire::lwm2m::payload_kind Kind>
bool instance_decoders_agree(byte_view payload, const otawire::lwm2m::path& target) {
  namespace detail = otawire::lwm2m::detail;
  const otawire::lwm2m::fixed_decode_options<Version, Kind> opt{otawire::lwm2m::content_format::tlv};
  otawire::lwm2m::firmware_update by_levels;
  otawire::lwm2m::firmware_update in_one_frame;
  error levels_failure;
  error frame_failure;
  bool levels_out_of_order = false;
  bool frame_out_of_order = false;
  const bool levels = detail::decode_instance_payload(payload, target, opt, by_levels,
                                                      levels_out_of_order, levels_failure);
  const bool frame = detail::decode_instance_levels(payload, target, opt, in_one_frame,
                                                    frame_out_of_order, frame_failure);
  if (levels != frame) return false;
  if (!levels) return levels_failure == frame_failure;
  return by_levels == in_one_frame && levels_out_of_order == frame_out_of_order;
}

}  // namespace otawire::test::lwm2m

#endif
