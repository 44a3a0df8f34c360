// Reads Google Benchmark JSON files and prints, for every pair `<case>/otawire[/args]` and
// `<case>/baseline_<name>[/args]`, the ratio baseline time / otawire time (higher is better for
// otawire) measured side by side in the same run. With --check, exits 1 when a checked pair is
// under its ratio (`rule_for`: otawire slower than a baseline it beats, a JSON fast path under
// 0.8x its floor or 2x the tuned Boost.JSON; some pairs are only reported, with a target).
// It also fails when otawire's LwM2M multiple_resource_<n> decode stops being linear in n.
// When a benchmark ran several repetitions (--benchmark_repetitions, ideally with random
// interleaving), each side's median CPU time is used: one slow repetition on a shared machine
// then moves nothing. A benchmark found in a later file replaces the one read from an earlier
// file, and --failed-cases FILE writes the case of every failing pair, one per line: bench.sh
// re-measures those cases longer and checks again with the new measurements after the old.
#include <boost/json.hpp>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace json = boost::json;

namespace {
struct measurement {
  double ns_per_iteration = 0;
  double bytes_per_second = 0;
  double items_per_second = 0;
};

// The repetitions of one benchmark; `median()` is the one the table reports.
struct repetitions {
  std::vector<measurement> runs;
  [[nodiscard]] measurement median() const {
    std::vector<measurement> sorted = runs;
    std::sort(sorted.begin(), sorted.end(),
              [](const measurement& a, const measurement& b) { return a.ns_per_iteration < b.ns_per_iteration; });
    return sorted[sorted.size() / 2];
  }
};

// Splits "case/otawire/100" into {"case", "otawire", "/100"}.
bool split_name(const std::string& name, std::string& case_name, std::string& impl, std::string& args) {
  std::size_t start = 0;
  while (start <= name.size()) {
    auto slash = name.find('/', start);
    std::string segment = name.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
    if (segment == "otawire" || segment.rfind("baseline_", 0) == 0) {
      if (start == 0) return false;
      case_name = name.substr(0, start - 1);
      impl = segment;
      args = slash == std::string::npos ? "" : name.substr(slash);
      return true;
    }
    if (slash == std::string::npos) break;
    start = slash + 1;
  }
  return false;
}

double number(const json::object& o, const char* key) {
  auto* v = o.if_contains(key);
  if (v == nullptr) return 0;
  if (v->is_double()) return v->as_double();
  if (v->is_int64()) return static_cast<double>(v->as_int64());
  if (v->is_uint64()) return static_cast<double>(v->as_uint64());
  return 0;
}

// What one pair must show: `target`, when above 0, is the ratio issue 16 asks for (printed, with
// "BELOW" under it); `fail_below`, when above 0, is the ratio under which --check fails (a margin
// under the target for a short run on a shared 2-core machine); 0 means reported only.
struct pair_rule {
  double target = 0;
  double fail_below = 1.0;
};

// The JSON streams decoded by a specialised fast path (issue 16 item 2). Item 5 holds them to
// >= 0.8x the hand-written On-Demand floor and >= 2x the tuned Boost.JSON; the other families'
// floor pairs are reported until their fast path exists.
bool has_json_fast_path(const std::string& case_name) {
  return case_name == "ctwing_mixed_stream" || case_name == "jetlinks_mixed_stream" ||
         case_name == "tencent_mixed_stream" || case_name == "huawei_mixed_stream" ||
         case_name == "alibaba_mixed_stream";
}

// JSON (issue 16 item 2): the hand-written simdjson On-Demand floor and simdjson DOM (0.9x) and
// RapidJSON in-situ (1x) are reported: otawire's margin over RapidJSON (0.97-1.6x) is too thin for
// a short CI run on a shared 2-core machine to tell from noise. LwM2M (item 3): >= 6x the
// Wakaama-shaped tree per message, checked to be faster; >= 3x on encode, reported only (not met
// yet); the multiple_resource_<n> pairs are checked (ours linear, Wakaama's quadratic); the
// vector-tree pairs are reported without a target.
pair_rule rule_for(const std::string& case_name, const std::string& impl) {
  const bool fast = has_json_fast_path(case_name);
  if (impl == "baseline_floor_ondemand") return {0.9, fast ? 0.8 : 0};
  if (impl == "baseline_simdjson_dom") return {0.9, 0};
  if (impl == "baseline_rapidjson_insitu") return {1.0, 0};
  if (impl == "baseline_boost_json_tuned" && fast) return {2.0, 2.0};
  if (impl == "baseline_wakaama_shaped") {
    const bool encode = case_name.size() >= 7 && case_name.compare(case_name.size() - 7, 7, "_encode") == 0;
    if (encode) return {3.0, 0};
    if (case_name.rfind("multiple_resource_", 0) == 0) return {};
    return {6.0, 1.0};
  }
  if (impl.rfind("baseline_vector_tree", 0) == 0) return {0, 0};
  return {};  // checked: otawire must be faster
}

// LwM2M (issue 16 item 3): otawire's `multiple_resource_<n>` decode must stay linear. Prints its
// time per instance for each n and returns false when the largest is over twice the smallest (a
// margin for a one-repetition run on a shared machine; a quadratic walk is 40x apart at n = 4000).
template <class Cases>
bool lwm2m_stays_linear(const Cases& cases) {
  const std::string prefix = "multiple_resource_";
  double lowest = 0;
  double highest = 0;
  std::string line;
  for (const auto& [name, impls] : cases) {
    if (name.rfind(prefix, 0) != 0) continue;
    const auto found = impls.find("otawire");
    const double n = std::atof(name.c_str() + prefix.size());
    if (found == impls.end() || n <= 0) continue;
    const double per_instance = found->second.median().ns_per_iteration / n;
    lowest = lowest == 0 ? per_instance : std::min(lowest, per_instance);
    highest = std::max(highest, per_instance);
    char cell[64];
    std::snprintf(cell, sizeof cell, " n=%.0f: %.2f ns", n, per_instance);
    line += cell;
  }
  if (highest == 0) return true;
  const bool linear = highest <= 2 * lowest;
  std::printf("LwM2M multiple_resource per instance:%s%s\n", line.c_str(), linear ? " (linear)" : "  NOT LINEAR");
  return linear;
}

double to_ns(double t, const std::string& unit) {
  if (unit == "us") return t * 1e3;
  if (unit == "ms") return t * 1e6;
  if (unit == "s") return t * 1e9;
  return t;
}
}  // namespace

int main(int argc, char** argv) {
  bool check = false;
  std::string failed_cases_path;
  std::vector<std::string> files;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--check") check = true;
    else if (a == "--failed-cases" && i + 1 < argc) failed_cases_path = argv[++i];
    else files.push_back(a);
  }
  if (files.empty()) {
    std::fprintf(stderr, "usage: otawire-bench-ratios [--check] [--failed-cases FILE] results.json...\n");
    return 2;
  }
  // key: case + args; value: impl -> measurement
  std::map<std::string, std::map<std::string, repetitions>> cases;
  for (const auto& f : files) {
    std::set<std::pair<std::string, std::string>> read_from_this_file;
    std::ifstream in(f);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    // Google Benchmark writes NaN for the cv of a counter that is always 0 (allocs_per_msg over
    // repetitions): not JSON, so read it as null (no ratio uses counters' aggregates).
    for (const std::string_view token : {std::string_view(": -NaN"), std::string_view(": NaN"),
                                         std::string_view(": -Infinity"), std::string_view(": Infinity")}) {
      for (auto at = text.find(token); at != std::string::npos; at = text.find(token, at)) {
        text.replace(at, token.size(), ": null");
      }
    }
    json::error_code ec;
    auto doc = json::parse(text, ec);
    if (ec || !doc.is_object()) {
      std::fprintf(stderr, "%s: not a benchmark JSON file\n", f.c_str());
      return 2;
    }
    const auto* list = doc.as_object().if_contains("benchmarks");
    if (list == nullptr || !list->is_array()) continue;
    for (const auto& b : list->as_array()) {
      if (!b.is_object()) continue;
      const auto& o = b.as_object();
      if (auto* rt = o.if_contains("run_type"); rt && rt->is_string() && rt->as_string() != "iteration") continue;
      const auto* name = o.if_contains("name");
      if (name == nullptr || !name->is_string()) continue;
      std::string case_name, impl, args;
      if (!split_name(std::string(name->as_string()), case_name, impl, args)) continue;
      std::string unit = "ns";
      if (auto* u = o.if_contains("time_unit"); u && u->is_string()) unit = std::string(u->as_string());
      measurement m;
      // CPU time: steadier than wall time on a shared machine, and both sides of a pair get the same.
      m.ns_per_iteration = to_ns(number(o, "cpu_time"), unit);
      m.bytes_per_second = number(o, "bytes_per_second");
      m.items_per_second = number(o, "items_per_second");
      auto& runs = cases[case_name + args][impl].runs;
      if (read_from_this_file.emplace(case_name + args, impl).second) runs.clear();  // a re-measurement
      runs.push_back(m);
    }
  }
  bool all_faster = true;
  std::set<std::string> failed_cases;  // the case names, without benchmark arguments
  int pairs = 0;
  std::printf("| case | otawire | baseline | baseline time / otawire time |\n|---|---|---|---|\n");
  for (const auto& [name, impls] : cases) {
    auto found = impls.find("otawire");
    if (found == impls.end()) continue;
    const measurement ours = found->second.median();
    for (const auto& [impl, reps] : impls) {
      if (impl == "otawire" || ours.ns_per_iteration <= 0) continue;
      const measurement m = reps.median();
      const double ratio = m.ns_per_iteration / ours.ns_per_iteration;
      ++pairs;
      const double mb = ours.bytes_per_second / 1e6;
      const pair_rule rule = rule_for(name, impl);
      const bool reported = rule.fail_below <= 0;
      const bool failing = !reported && ratio < rule.fail_below;
      char note[96] = "";
      if (rule.target > 0) {
        std::snprintf(note, sizeof note, "  (%starget >= %.1fx%s)%s", reported ? "reported, " : "", rule.target,
                      ratio < rule.target ? ": BELOW" : "", failing ? "  FAILS" : "");
      } else if (reported) {
        std::snprintf(note, sizeof note, "  (reported)");
      } else if (failing) {
        std::snprintf(note, sizeof note, "  SLOWER");
      }
      if (!reported && rule.fail_below != 1.0) {
        const std::size_t used = std::strlen(note);
        std::snprintf(note + used, sizeof note - used, "  [check: >= %.1fx]", rule.fail_below);
      }
      std::printf("| %s | %.1f ns (%.0f MB/s) | %s %.1f ns | %.2fx%s |\n", name.c_str(), ours.ns_per_iteration, mb,
                  impl.substr(9).c_str(), m.ns_per_iteration, ratio, note);
      if (failing) {
        all_faster = false;
        failed_cases.insert(name.substr(0, name.find('/')));
      }
    }
  }
  std::printf("%d pairs\n", pairs);
  const bool linear = lwm2m_stays_linear(cases);
  if (!failed_cases_path.empty()) {
    std::ofstream out(failed_cases_path, std::ios::trunc);
    for (const auto& c : failed_cases) out << c << '\n';
  }
  if (check && !all_faster) {
    std::fprintf(stderr, "otawire is below a checked ratio (slower than a baseline it must beat, or a fast path under its floor margin)\n");
    return 1;
  }
  if (check && !linear) {
    std::fprintf(stderr, "otawire's LwM2M decode is not linear in the number of instances\n");
    return 1;
  }
  return 0;
}
