// CTWing FOTA: a realistic mixed stream (version reports, upgrade notifications, progress reports
// in the forms the senders use, failures and post-upgrade reports; tests/support/ctwing_stream.hpp)
// decoded by
//   otawire               ctwing::decoder (simdjson On-Demand), zero copy from padded input, or
//                         copying from std::string ("_copy" case);
//   baseline_boost_json   boost::json::parse + boost::json::value_to<T> of the same fields;
//   baseline_nlohmann     nlohmann::json::parse + extraction of the same fields.
// All three compute the same digest of every decoded field; it is checked before timing.
#include "support/ctwing_stream.hpp"

#include <otawire/ctwing/codec.hpp>

#include <benchmark/benchmark.h>
#include <boost/json.hpp>
#include <nlohmann/json.hpp>
#include <simdjson.h>

#include <cstdint>
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

// --- the benchmarks ---------------------------------------------------------------------------------------
void finish(benchmark::State& state) {
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) * static_cast<std::int64_t>(stream().size()));
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * stream_bytes());
}

void mixed_otawire(benchmark::State& state) {
  cw::decoder d;
  const auto& in = stream();
  const auto& pad = padded();
  for (auto _ : state) {
    std::uint64_t h = 0;
    for (std::size_t i = 0; i < in.size(); ++i) {
      auto m = d.decode(in[i].topic, pad[i]);
      if (!m) std::abort();
      h += accumulate<field_sum>(*m);
    }
    benchmark::DoNotOptimize(h);
  }
  finish(state);
}

void mixed_copy_otawire(benchmark::State& state) {
  cw::decoder d;
  const auto& in = stream();
  for (auto _ : state) {
    std::uint64_t h = 0;
    for (const auto& m : in) {
      auto r = d.decode(m.topic, m.text);
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
  cw::decoder d;
  for (std::size_t i = 0; i < stream().size(); ++i) {
    const auto& m = stream()[i];
    auto fast = d.decode(m.topic, padded()[i]);
    if (!fast) std::abort();
    const auto ours = accumulate<full_digest>(*fast);
    const auto sum = accumulate<field_sum>(*fast);
    auto copied = d.decode(m.topic, m.text);
    if (!copied || accumulate<full_digest>(*copied) != ours) std::abort();
    if (boost_decode<full_digest>(m.topic, m.text) != ours || nlohmann_decode<full_digest>(m.topic, m.text) != ours) {
      std::abort();
    }
    if (boost_decode<field_sum>(m.topic, m.text) != sum || nlohmann_decode<field_sum>(m.topic, m.text) != sum) {
      std::abort();
    }
  }
  return true;
}();
}  // namespace

BENCHMARK(mixed_otawire)->Name("ctwing_mixed_stream/otawire");
BENCHMARK(mixed_boost)->Name("ctwing_mixed_stream/baseline_boost_json");
BENCHMARK(mixed_nlohmann)->Name("ctwing_mixed_stream/baseline_nlohmann");
BENCHMARK(mixed_copy_otawire)->Name("ctwing_mixed_stream_copy/otawire");
BENCHMARK(mixed_boost)->Name("ctwing_mixed_stream_copy/baseline_boost_json");
BENCHMARK(mixed_nlohmann)->Name("ctwing_mixed_stream_copy/baseline_nlohmann");
