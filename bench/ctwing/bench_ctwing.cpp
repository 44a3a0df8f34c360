// CTWing FOTA: a realistic mixed stream (version reports, upgrade notifications, progress reports
// in the forms the senders use, failures and post-upgrade reports; tests/support/ctwing_stream.hpp)
// decoded by
//   otawire               ctwing::decode_payload (simdjson On-Demand), zero copy from padded input, or
//                         copying from std::string ("_copy" case);
//   baseline_boost_json   boost::json::parse + boost::json::value_to<T> of the same fields;
//   baseline_nlohmann     nlohmann::json::parse + extraction of the same fields;
// and the tuned baselines of issue 16 (../json_baselines.hpp), each with otawire's value checks:
//   baseline_boost_json_tuned  reused boost::json::parser + monotonic_resource on a stack buffer;
//   baseline_rapidjson_insitu  RapidJSON in-situ on a mutable copy, allocation-free pools;
//   baseline_simdjson_dom      reused simdjson::dom::parser + extraction;
//   baseline_floor_ondemand    a hand-written single pass over simdjson On-Demand (the floor).
// All compute the same digest of every decoded field; it is checked before timing.
#include "../json_baselines.hpp"
#include "support/alloc_counter.hpp"
#include "support/ctwing_stream.hpp"

#include <otawire/ctwing/codec.hpp>

#include <benchmark/benchmark.h>
#include <boost/json.hpp>
#include <nlohmann/json.hpp>
#include <simdjson.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

namespace {
namespace cw = otawire::ctwing;

const std::vector<otawire::test::ctwing::stream_message>& stream() {
  static const auto s = otawire::test::ctwing::mixed_stream();
  return s;
}
const std::vector<simdjson::padded_string>& padded() {
  static const auto p = [] {
    std::vector<simdjson::padded_string> out;
    for (const auto& m : stream()) out.emplace_back(m.text);
    return out;
  }();
  return p;
}
std::int64_t stream_bytes() {
  std::int64_t n = 0;
  for (const auto& m : stream()) n += static_cast<std::int64_t>(m.text.size());
  return n;
}

// Two accumulators over the same fields in the same order: `full_digest` hashes every byte (compared
// message by message before timing); `field_sum` adds every integer and every string's length,
// O(1) per message, which is what the timed loops compute (so that they measure decoding, not
// hashing).
struct full_digest {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  void num(std::int64_t v) { h = (h ^ static_cast<std::uint64_t>(v)) * 0x100000001b3ULL; }
  void str(std::string_view s) {
    for (const char c : s) num(static_cast<unsigned char>(c));
    num(static_cast<std::int64_t>(s.size()));
  }
};
struct field_sum {
  std::uint64_t h = 0;
  void num(std::int64_t v) { h += static_cast<std::uint64_t>(v); }
  void str(std::string_view s) { h += s.size(); }
};

template <class Acc>
std::uint64_t accumulate(const cw::message& m) {
  Acc a;
  if (const auto* i = std::get_if<cw::inform>(&m)) {
    a.num(i->task_id);
    a.str(i->version);
    a.str(i->module.value_or(""));
  } else if (const auto* u = std::get_if<cw::upgrade>(&m)) {
    a.num(u->task_id);
    a.num(u->size);
    a.str(u->version);
    a.str(u->url);
    a.str(u->md5);
    a.str(u->token);
    a.str(u->module.value_or(""));
  } else {
    const auto& p = std::get<cw::progress>(m);
    a.num(p.task_id);
    a.num(p.step);
    a.str(p.desc.value_or(""));
    a.str(p.module.value_or(""));
  }
  return a.h;
}

// --- baseline (a): Boost.JSON parse + value_to, written as a Boost.JSON user would --------------
namespace plain {
struct inform {
  std::int64_t task_id;
  boost::json::string_view version, module;
};
struct upgrade {
  std::int64_t task_id, size;
  boost::json::string_view version, url, md5, token, module;
};
struct progress {
  std::int64_t task_id, step;
  boost::json::string_view desc, module;
};
boost::json::string_view optional_string(const boost::json::object& o, boost::json::string_view key) {
  const auto* v = o.if_contains(key);
  return v ? boost::json::string_view(v->as_string()) : boost::json::string_view();
}
inform tag_invoke(boost::json::value_to_tag<inform>, const boost::json::value& v) {
  const auto& o = v.as_object();
  const auto& p = o.at("params").as_object();
  return {o.at("taskId").to_number<std::int64_t>(), p.at("version").as_string(), optional_string(p, "module")};
}
upgrade tag_invoke(boost::json::value_to_tag<upgrade>, const boost::json::value& v) {
  const auto& o = v.as_object();
  const auto& p = o.at("payload").as_object();
  return {o.at("taskId").to_number<std::int64_t>(), p.at("size").to_number<std::int64_t>(), p.at("version").as_string(),
          p.at("url").as_string(), p.at("md5").as_string(), p.at("token").as_string(), optional_string(p, "module")};
}
progress tag_invoke(boost::json::value_to_tag<progress>, const boost::json::value& v) {
  const auto& o = v.as_object();
  const auto& p = o.at("params").as_object();
  const auto& s = p.at("step");
  const std::int64_t step = s.is_string() ? std::stoll(std::string(s.as_string())) : s.to_number<std::int64_t>();
  return {o.at("taskId").to_number<std::int64_t>(), step, optional_string(p, "desc"), optional_string(p, "module")};
}
std::string_view sv(boost::json::string_view s) { return {s.data(), s.size()}; }
}  // namespace plain

template <class Acc>
std::uint64_t boost_decode(cw::topic t, std::string_view text) {
  const boost::json::value v = boost::json::parse(boost::json::string_view(text.data(), text.size()));
  Acc a;
  switch (t) {
    case cw::topic::inform: {
      const auto m = boost::json::value_to<plain::inform>(v);
      a.num(m.task_id);
      a.str(plain::sv(m.version));
      a.str(plain::sv(m.module));
      break;
    }
    case cw::topic::upgrade: {
      const auto m = boost::json::value_to<plain::upgrade>(v);
      a.num(m.task_id);
      a.num(m.size);
      a.str(plain::sv(m.version));
      a.str(plain::sv(m.url));
      a.str(plain::sv(m.md5));
      a.str(plain::sv(m.token));
      a.str(plain::sv(m.module));
      break;
    }
    case cw::topic::progress: {
      const auto m = boost::json::value_to<plain::progress>(v);
      a.num(m.task_id);
      a.num(m.step);
      a.str(plain::sv(m.desc));
      a.str(plain::sv(m.module));
      break;
    }
  }
  return a.h;
}

// --- baseline (b): nlohmann::json parse + field extraction ------------------------------------------
std::string_view optional_string(const nlohmann::json& o, const char* key) {
  const auto it = o.find(key);
  return it == o.end() ? std::string_view() : std::string_view(it->get_ref<const std::string&>());
}

template <class Acc>
std::uint64_t nlohmann_decode(cw::topic t, std::string_view text) {
  const auto j = nlohmann::json::parse(text);
  Acc a;
  a.num(j.at("taskId").get<std::int64_t>());
  switch (t) {
    case cw::topic::inform: {
      const auto& p = j.at("params");
      a.str(p.at("version").get_ref<const std::string&>());
      a.str(optional_string(p, "module"));
      break;
    }
    case cw::topic::upgrade: {
      const auto& p = j.at("payload");
      a.num(p.at("size").get<std::int64_t>());
      a.str(p.at("version").get_ref<const std::string&>());
      a.str(p.at("url").get_ref<const std::string&>());
      a.str(p.at("md5").get_ref<const std::string&>());
      a.str(p.at("token").get_ref<const std::string&>());
      a.str(optional_string(p, "module"));
      break;
    }
    case cw::topic::progress: {
      const auto& p = j.at("params");
      const auto& s = p.at("step");
      a.num(s.is_string() ? std::stoll(s.get_ref<const std::string&>()) : s.get<std::int64_t>());
      a.str(optional_string(p, "desc"));
      a.str(optional_string(p, "module"));
      break;
    }
  }
  return a.h;
}

// --- the tuned baselines (issue 16 item 1; ../json_baselines.hpp) ------------------------------------
// Each applies otawire's value checks: taskId an integer in 0..2^31-1 (or -1 for inform), a
// non-empty version, size >= 0, an http(s) URL, 32 hex digits of MD5, the step (number or
// decimal string) in 1..100 or -4..-1, optional strings that are strings.
namespace ob = otawire::bench;
namespace od = simdjson::ondemand;

bool valid_task(std::int64_t id, bool allow_no_task) {
  return (allow_no_task && id == cw::no_task) || (id >= 0 && id <= cw::max_task_id);
}

// By lookup, through a library's access functions `A`: what a user of a DOM library writes.
template <class A, class V>
bool extract(cw::topic t, const V& root, cw::message& out) {
  std::int64_t task_id = 0;
  auto task = A::find(root, "taskId");
  if (!task || !A::strict_integer(*task, task_id)) return false;
  switch (t) {
    case cw::topic::inform: {
      auto& m = out.emplace<cw::inform>();
      if (!valid_task(task_id, true)) return false;
      m.task_id = task_id;
      auto p = A::find(root, "params");
      if (!p || !A::is_object(*p)) return false;
      if (!ob::required_string<A>(*p, "version", m.version) || m.version.empty()) return false;
      return ob::optional_string<A>(*p, "module", m.module);
    }
    case cw::topic::upgrade: {
      auto& m = out.emplace<cw::upgrade>();
      if (!valid_task(task_id, false)) return false;
      m.task_id = task_id;
      auto p = A::find(root, "payload");
      if (!p || !A::is_object(*p)) return false;
      auto size = A::find(*p, "size");
      if (!size || !A::strict_integer(*size, m.size) || m.size < 0) return false;
      if (!ob::required_string<A>(*p, "version", m.version) || m.version.empty()) return false;
      if (!ob::required_string<A>(*p, "url", m.url) || !otawire::json::fields::is_download_url(m.url)) return false;
      if (!ob::required_string<A>(*p, "md5", m.md5) || !otawire::json::fields::is_md5_hex(m.md5)) return false;
      if (!ob::required_string<A>(*p, "token", m.token)) return false;
      return ob::optional_string<A>(*p, "module", m.module);
    }
    case cw::topic::progress: {
      auto& m = out.emplace<cw::progress>();
      if (!valid_task(task_id, false)) return false;
      m.task_id = task_id;
      auto p = A::find(root, "params");
      if (!p || !A::is_object(*p)) return false;
      auto step = A::find(*p, "step");
      if (!step || !A::integer(*step, m.step) || !cw::is_valid_step(m.step)) return false;
      return ob::optional_string<A>(*p, "desc", m.desc) && ob::optional_string<A>(*p, "module", m.module);
    }
  }
  return false;
}

// (c) Boost.JSON tuned: reused parser, monotonic_resource on a stack buffer, views.
bool boost_tuned_decode(ob::boost_tuned& parser, cw::topic t, std::string_view text, cw::message& out) {
  const auto* v = parser.parse(text);
  return v != nullptr && extract<ob::boost_access>(t, *v, out);
}
// (d) RapidJSON in-situ on a mutable copy, allocation-free pools.
bool rapidjson_decode(ob::rapidjson_insitu& parser, cw::topic t, std::string_view text, cw::message& out) {
  return parser.parse(text, false, [&](const ob::rapidjson_access::value& v) { return extract<ob::rapidjson_access>(t, v, out); });
}
// (e) simdjson DOM + extraction, reused dom::parser.
bool dom_decode(simdjson::dom::parser& parser, cw::topic t, const simdjson::padded_string& text, cw::message& out) {
  simdjson::dom::element root;
  return parser.parse(text).get(root) == simdjson::SUCCESS && extract<ob::dom_access>(t, root, out);
}

// (f) The floor: a hand-written single pass over simdjson On-Demand, each value read and checked
// in place into the message, keys compared raw (a repeated nested object replaces the earlier);
// unknown keys' values are validated and skipped, as otawire does.
template <class F>
bool od_each(od::value& v, F&& on_member) {
  od::object o;
  if (v.get_object().get(o) != simdjson::SUCCESS) return false;
  for (auto member : o) {
    if (member.error() != simdjson::SUCCESS) return false;
    od::field& field = member.value_unsafe();  // in place: no copy of the field
    if (!on_member(field.key(), field.value())) return false;
  }
  return true;
}

bool floor_decode(od::parser& parser, cw::topic t, const simdjson::padded_string& text, cw::message& out) {
  od::document doc;
  if (parser.iterate(text).get(doc) != simdjson::SUCCESS) return false;
  od::object root;
  if (doc.get_object().get(root) != simdjson::SUCCESS) return false;
  bool has_task = false, has_nested = false;
  std::int64_t task_id = 0;
  const std::string_view nested_key = t == cw::topic::upgrade ? "payload" : "params";
  switch (t) {
    case cw::topic::inform: out.emplace<cw::inform>(); break;
    case cw::topic::upgrade: out.emplace<cw::upgrade>(); break;
    case cw::topic::progress: out.emplace<cw::progress>(); break;
  }
  for (auto member : root) {
    if (member.error() != simdjson::SUCCESS) return false;
    od::field& field = member.value_unsafe();
    const od::raw_json_string k = field.key();
    od::value& x = field.value();
    if (k == "taskId") {
      if (!ob::od_strict_integer(x, task_id)) return false;
      has_task = true;
    } else if (k == nested_key) {
      has_nested = true;
      bool ok = false;
      if (auto* i = std::get_if<cw::inform>(&out)) {
        *i = {};
        bool has_version = false;
        ok = od_each(x, [&](od::raw_json_string key, od::value& f) {
               if (key == "version") return has_version = ob::od_string(f, i->version) && !i->version.empty();
               if (key == "module") return ob::od_string(f, i->module);
               return ob::od_validate(f);  // an unknown key: validated, skipped
             }) && has_version;
      } else if (auto* u = std::get_if<cw::upgrade>(&out)) {
        *u = {};
        unsigned seen = 0;  // one bit per required key
        ok = od_each(x, [&](od::raw_json_string key, od::value& f) {
               switch (key.raw()[0]) {
                 case 's': if (key == "size") { seen |= 1; return ob::od_strict_integer(f, u->size) && u->size >= 0; } break;
                 case 'v': if (key == "version") { seen |= 2; return ob::od_string(f, u->version) && !u->version.empty(); } break;
                 case 'u': if (key == "url") { seen |= 4; return ob::od_string(f, u->url) && otawire::json::fields::is_download_url(u->url); } break;
                 case 'm':
                   if (key == "md5") { seen |= 8; return ob::od_string(f, u->md5) && otawire::json::fields::is_md5_hex(u->md5); }
                   if (key == "module") return ob::od_string(f, u->module);
                   break;
                 case 't': if (key == "token") { seen |= 16; return ob::od_string(f, u->token); } break;
                 default: break;
               }
               return ob::od_validate(f);
             }) && seen == 31;
      } else {
        auto& p = std::get<cw::progress>(out);
        p = {};
        bool has_step = false;
        ok = od_each(x, [&](od::raw_json_string key, od::value& f) {
               if (key == "step") return has_step = ob::od_integer(f, p.step) && cw::is_valid_step(p.step);
               if (key == "desc") return ob::od_string(f, p.desc);
               if (key == "module") return ob::od_string(f, p.module);
               return ob::od_validate(f);
             }) && has_step;
      }
      if (!ok) return false;
    } else if (!ob::od_validate(x)) {
      return false;
    }
  }
  if (!has_task || !has_nested || !ob::od_at_end(doc)) return false;
  if (!valid_task(task_id, t == cw::topic::inform)) return false;
  std::visit([&](auto& m) { m.task_id = task_id; }, out);
  return true;
}

template <class Acc, class F>
std::uint64_t baseline_sum(F&& decode_one) {
  std::uint64_t h = 0;
  cw::message m;
  for (std::size_t i = 0; i < stream().size(); ++i) {
    if (!decode_one(i, m)) std::abort();
    h += accumulate<Acc>(m);
  }
  return h;
}

// One decode per baseline, by message index; the benchmarks and the checks share them.
struct tuned_baselines {
  ob::boost_tuned boost;
  ob::rapidjson_insitu rapidjson;
  simdjson::dom::parser dom;
  od::parser floor;
  bool boost_one(std::size_t i, cw::message& m) { return boost_tuned_decode(boost, stream()[i].topic, stream()[i].text, m); }
  bool rapidjson_one(std::size_t i, cw::message& m) { return rapidjson_decode(rapidjson, stream()[i].topic, stream()[i].text, m); }
  bool dom_one(std::size_t i, cw::message& m) { return dom_decode(dom, stream()[i].topic, padded()[i], m); }
  bool floor_one(std::size_t i, cw::message& m) { return floor_decode(floor, stream()[i].topic, padded()[i], m); }
};

// --- the benchmarks ---------------------------------------------------------------------------------------
void finish(benchmark::State& state) {
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) * static_cast<std::int64_t>(stream().size()));
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * stream_bytes());
}

void mixed_otawire(benchmark::State& state) {
  otawire::json::parser d;
  const auto& in = stream();
  const auto& pad = padded();
  for (auto _ : state) {
    std::uint64_t h = 0;
    for (std::size_t i = 0; i < in.size(); ++i) {
      auto m = cw::decode_payload(d, in[i].topic, simdjson::padded_string_view(pad[i]));
      if (!m) std::abort();
      h += accumulate<field_sum>(*m);
    }
    benchmark::DoNotOptimize(h);
  }
  finish(state);
}

void mixed_copy_otawire(benchmark::State& state) {
  otawire::json::parser d;
  const auto& in = stream();
  for (auto _ : state) {
    std::uint64_t h = 0;
    for (const auto& m : in) {
      auto r = cw::decode_payload(d, m.topic, m.text);
      if (!r) std::abort();
      h += accumulate<field_sum>(*r);
    }
    benchmark::DoNotOptimize(h);
  }
  finish(state);
}

void mixed_boost(benchmark::State& state) {
  for (auto _ : state) {
    std::uint64_t h = 0;
    for (const auto& m : stream()) h += boost_decode<field_sum>(m.topic, m.text);
    benchmark::DoNotOptimize(h);
  }
  finish(state);
}

template <bool (tuned_baselines::*decode_one)(std::size_t, cw::message&)>
void mixed_tuned(benchmark::State& state) {
  tuned_baselines b;
  for (auto _ : state) {
    benchmark::DoNotOptimize(baseline_sum<field_sum>([&](std::size_t i, cw::message& m) { return (b.*decode_one)(i, m); }));
  }
  finish(state);
}

void mixed_nlohmann(benchmark::State& state) {
  for (auto _ : state) {
    std::uint64_t h = 0;
    for (const auto& m : stream()) h += nlohmann_decode<field_sum>(m.topic, m.text);
    benchmark::DoNotOptimize(h);
  }
  finish(state);
}

// All three must compute the same digests, message by message, before anything is timed.
[[maybe_unused]] const bool checked = [] {
  otawire::json::parser d;
  for (std::size_t i = 0; i < stream().size(); ++i) {
    const auto& m = stream()[i];
    auto fast = cw::decode_payload(d, m.topic, simdjson::padded_string_view(padded()[i]));
    if (!fast) std::abort();
    const auto ours = accumulate<full_digest>(*fast);
    const auto sum = accumulate<field_sum>(*fast);
    auto copied = cw::decode_payload(d, m.topic, m.text);
    if (!copied || accumulate<full_digest>(*copied) != ours) std::abort();
    if (boost_decode<full_digest>(m.topic, m.text) != ours || nlohmann_decode<full_digest>(m.topic, m.text) != ours) {
      std::abort();
    }
    if (boost_decode<field_sum>(m.topic, m.text) != sum || nlohmann_decode<field_sum>(m.topic, m.text) != sum) {
      std::abort();
    }
  }
  // The tuned baselines: the same digest over the stream; warm, no allocation.
  tuned_baselines b;
  const auto same = [&](auto decode_one) {
    std::uint64_t ours_full = 0, theirs_full = 0;
    for (std::size_t i = 0; i < stream().size(); ++i) {
      auto fast = cw::decode_payload(d, stream()[i].topic, simdjson::padded_string_view(padded()[i]));
      cw::message m;
      if (!fast || !decode_one(i, m)) return false;
      ours_full = ours_full * 31 + accumulate<full_digest>(*fast);
      theirs_full = theirs_full * 31 + accumulate<full_digest>(m);
    }
    return ours_full == theirs_full;
  };
  if (!same([&](std::size_t i, cw::message& m) { return b.boost_one(i, m); }) ||
      !same([&](std::size_t i, cw::message& m) { return b.rapidjson_one(i, m); }) ||
      !same([&](std::size_t i, cw::message& m) { return b.dom_one(i, m); }) ||
      !same([&](std::size_t i, cw::message& m) { return b.floor_one(i, m); })) {
    std::abort();
  }
  const otawire::test::allocation_scope scope;
  cw::message m;
  for (std::size_t i = 0; i < stream().size(); ++i) {
    if (!cw::decode_payload(d, stream()[i].topic, simdjson::padded_string_view(padded()[i])) || !b.boost_one(i, m) || !b.rapidjson_one(i, m) || !b.dom_one(i, m) ||
        !b.floor_one(i, m)) {
      std::abort();
    }
  }
  if (scope.count() != 0) {
    std::fprintf(stderr, "a warm decoder allocated %zu times\n", scope.count());
    std::abort();
  }
  return true;
}();
}  // namespace

BENCHMARK(mixed_otawire)->Name("ctwing_mixed_stream/otawire");
BENCHMARK(mixed_boost)->Name("ctwing_mixed_stream/baseline_boost_json");
BENCHMARK(mixed_nlohmann)->Name("ctwing_mixed_stream/baseline_nlohmann");
BENCHMARK(mixed_tuned<&tuned_baselines::boost_one>)->Name("ctwing_mixed_stream/baseline_boost_json_tuned");
BENCHMARK(mixed_tuned<&tuned_baselines::rapidjson_one>)->Name("ctwing_mixed_stream/baseline_rapidjson_insitu");
BENCHMARK(mixed_tuned<&tuned_baselines::dom_one>)->Name("ctwing_mixed_stream/baseline_simdjson_dom");
BENCHMARK(mixed_tuned<&tuned_baselines::floor_one>)->Name("ctwing_mixed_stream/baseline_floor_ondemand");
BENCHMARK(mixed_copy_otawire)->Name("ctwing_mixed_stream_copy/otawire");
BENCHMARK(mixed_boost)->Name("ctwing_mixed_stream_copy/baseline_boost_json");
BENCHMARK(mixed_nlohmann)->Name("ctwing_mixed_stream_copy/baseline_nlohmann");
