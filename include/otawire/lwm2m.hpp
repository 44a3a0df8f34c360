// otawire: OMA LwM2M TLV (content format 11542) and the Firmware Update object (ID 5).
#ifndef OTAWIRE_LWM2M_HPP
#define OTAWIRE_LWM2M_HPP

#include <otawire/lwm2m/codec.hpp>
#include <otawire/lwm2m/messages.hpp>
#include <otawire/lwm2m/session.hpp>

/// \namespace otawire::lwm2m
/// OMA LwM2M TLV (content format 11542) and the Firmware Update object (ID 5): a zero-copy
/// pull reader, typed values, a canonical encoder and the client- and server-side Object 5 state
/// validators. Device-safe: the C++20 standard library only.

#endif
