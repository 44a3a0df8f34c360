// otawire: OMA LwM2M TLV (content format 11542) and the Firmware Update object (ID 5).
#ifndef OTAWIRE_LWM2M_HPP
#define OTAWIRE_LWM2M_HPP

#include <otawire/lwm2m/codec.hpp>
#include <otawire/lwm2m/messages.hpp>
#include <otawire/lwm2m/session.hpp>

#endif
