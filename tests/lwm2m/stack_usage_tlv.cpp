// Issue 12 item 1: every public entry point of the LwM2M TLV layer (reader, validate, walk, path
// rules, typed values, writer), each called from its own out-of-line function so that
// g++ -O2 -fstack-usage reports the frame the call needs (the entry point and whatever it
// inlines). stack_usage_check.cmake compiles this file and fails when any function in it has a
// frame above the device budget (256 B). Compiled by that test only, never linked.
#include <otawire/lwm2m/tlv.hpp>
#include <otawire/lwm2m/values.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>

namespace lw = otawire::lwm2m;
using otawire::byte_view;
using otawire::mutable_byte_view;

#define ENTRY extern "C" [[gnu::noinline]]

ENTRY std::size_t entry_validate(byte_view in) { return lw::validate(in).value_or(0); }

ENTRY std::size_t entry_validate_path(byte_view in, const lw::path& p) {
  return lw::validate(in, p).value_or(0);
}

ENTRY std::size_t entry_walk(byte_view in) {
  std::size_t sum = 0;
  const auto r = lw::walk(in, [&sum](const lw::tlv_entry& e, unsigned depth) { sum += e.id + depth; });
  return r ? sum : 0;
}

ENTRY std::size_t entry_walk_with_result_visitor(byte_view in) {
  const auto r = lw::walk(in, [](const lw::tlv_entry& e, unsigned) -> otawire::result<void> {
    if (e.id == 7) return otawire::fail(otawire::errc::invalid_value, "seven", e.offset);
    return otawire::ok();
  });
  return r.value_or(0);
}

ENTRY std::size_t entry_reader(byte_view in) {
  std::size_t sum = 0;
  lw::tlv_reader top(in);
  while (auto e = top.next()) {
    if (!*e) break;
    auto kids = top.children(**e);
    while (auto c = kids.next()) {
      if (!*c) break;
      sum += (*c)->id;
    }
  }
  return sum;
}

ENTRY std::int64_t entry_values(byte_view in) {
  std::int64_t sum = lw::decode_integer(in).value_or(0) + lw::decode_time(in).value_or(0);
  sum += static_cast<std::int64_t>(lw::decode_unsigned(in).value_or(0));
  sum += static_cast<std::int64_t>(lw::decode_float(in).value_or(0));
  sum += lw::decode_boolean(in).value_or(false) ? 1 : 0;
  sum += lw::decode_objlnk(in).value_or(lw::objlnk{}).object_id;
  sum += static_cast<std::int64_t>(lw::decode_string(in).size() + lw::decode_corelnk(in).size() +
                                   lw::decode_opaque(in).size());
  return sum;
}

ENTRY std::size_t entry_writer(mutable_byte_view out, byte_view value) {
  lw::tlv_writer w(out);
  if (!w.open(lw::tlv_kind::object_instance, 1, lw::entry_size(3, value.size()))) return 0;
  if (!w.value(lw::tlv_kind::resource, 3, value)) return 0;
  if (!w.close()) return 0;
  if (!w.value(lw::tlv_kind::resource, 1, value)) return 0;  // refused: mixed top level
  return w.written().size();
}

