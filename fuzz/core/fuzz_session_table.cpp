// Random operation sequences on otawire::session_table against the unordered_map + LRU model:
// byte 0 picks the capacity, then two bytes per operation (what, which device / new capacity).
#include "support/session_table_model.hpp"

#include <otawire/session_table.hpp>

#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::size_t max_devices = data[0] % 32 + 1;
  otawire::session_table<otawire::test::counted_session> table(max_devices);
  otawire::test::session_table_model model(max_devices);
  for (std::size_t i = 1; i + 1 < size; i += 2) {
    otawire::test::table_step s;
    s.op = static_cast<otawire::test::table_op>(data[i] % 4);
    s.device = data[i + 1] % 64;
    s.new_max = data[i + 1] % 32 + 1;
    if (otawire::test::apply_and_compare(table, model, s).has_value()) std::abort();
  }
  return 0;
}
