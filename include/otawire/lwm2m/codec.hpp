// otawire::lwm2m — decode/encode: the TLV reader and writer, typed values and the Object 5 model.
#ifndef OTAWIRE_LWM2M_CODEC_HPP
#define OTAWIRE_LWM2M_CODEC_HPP

#include <otawire/lwm2m/messages.hpp>
#include <otawire/lwm2m/object5.hpp>
#include <otawire/lwm2m/tlv.hpp>
#include <otawire/lwm2m/values.hpp>

#endif
