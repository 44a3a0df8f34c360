// tencent: a stream of messages the decoder must refuse (tests/json/rejected_streams.hpp), on the
// simdjson padded, simdjson copy and Boost.JSON DOM paths; each refused with the code expected,
// none allocating once warm (issue 16 item 4). See ../rejected_bench.hpp.
#include "../rejected_bench.hpp"

OTAWIRE_BENCH_REJECTED_STREAM(otawire::test::rejected::tencent_family);
