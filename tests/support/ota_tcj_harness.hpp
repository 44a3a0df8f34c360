// The Tencent, CTWing and JetLinks sides of the neutral validator's agreement checks, shared by
// the property tests (tests/ota/tencent_test.cpp, ctwing_test.cpp, jetlinks_test.cpp) and
// fuzz_ota_session_tcj: run one session through the family's own validator and through
// to_events → neutral_session, and say where they first disagree. Where the rules differ by
// design the comparison goes on past the message, counted by name (each exclusion is documented
// at its family's check function), with the neutral session restarted or put back as the
// family's stays.
//
// One part per family (ota_tcj_tencent.hpp, ota_tcj_ctwing.hpp, ota_tcj_jetlinks.hpp), which a
// family's test includes alone: with two families' ota headers in one file, `from_event(e, {})`
// is ambiguous between their profiles, and ctwing_test.cpp also builds in the JSON-free device
// profile. This header is the three together, for the fuzz target.
#ifndef OTAWIRE_TEST_SUPPORT_OTA_TCJ_HARNESS_HPP
#define OTAWIRE_TEST_SUPPORT_OTA_TCJ_HARNESS_HPP

#include "support/ota_tcj_agreement.hpp"
#include "support/ota_tcj_ctwing.hpp"
#include "support/ota_tcj_jetlinks.hpp"
#include "support/ota_tcj_tencent.hpp"

#endif
