// A mixed stream of Huawei `$ota` messages as a device/gateway sees them (queries, upgrade
// notifications from the real captures, version and progress reports in the SDKs' layouts),
// decoded by otawire's simdjson path vs Boost.JSON parse + value_to and nlohmann::json parse +
// field extraction into plain structs — what application code typically writes — and vs the tuned
// baselines of issue 16 (../json_baselines.hpp: Boost.JSON with a reused parser on a stack buffer,
// RapidJSON in-situ, simdjson DOM, a hand-written single-pass On-Demand floor), which read the
// same fields as views with otawire's value checks.
#include "../json_baselines.hpp"
#include "support/alloc_counter.hpp"

#include <otawire/huawei.hpp>

#include <benchmark/benchmark.h>
#include <nlohmann/json.hpp>

#include <array>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <vector>

namespace {
namespace hw = otawire::huawei;

const std::vector<std::string> stream = [] {
  const std::string query =
      R"({"object_device_id":"DN100_00000000","services":[{"event_type":"version_query","service_id":"$ota","event_time":"20250710T024800Z","paras":null}]})";
  const std::string report =
      R"({"services":[{"service_id":"$ota","event_type":"version_report","paras":{"fw_version":"1.0"}}]})";
  const std::string upgrade_2025 =
      R"({"object_device_id":"68590ece7d33413cbac6c7c5_11111","services":[{"event_type":"firmware_upgrade","service_id":"$ota","event_time":"20250710T055429Z","paras":{"version":"2.0","url":"https://124.70.218.131:8943/iodm/dev/v2.0/upgradefile/applications/928f555068774817aa8010a996b21207/devices/68590ece7d33413cbac6c7c5_11111/packages/685b7386bd1c7a5b088e9498","file_size":30720,"file_name":"Newsensorboard.bin","access_token":"d2e880432ab35e18c4f8629663ce54f7f08e7b2e16efe03bf39ea5081f39b478","expires":86400,"sign":"71cfa4cfb93fce5c9677086ff7f5f2d786cfd2c6f27d4636978e1b9a8b2b12f5"}}]})";
  const std::string upgrade_2022 =
      R"({"object_device_id":"aithinker_F4CFA25BB155","services":[{"event_type":"firmware_upgrade","service_id":"$ota","event_time":"20220404T080450Z","paras":{"version":"v1.5","url":"https://121.36.42.100:8943/iodm/dev/v2.0/upgradefile/applications/2917ef9003854f769d69026380e92ae7/devices/aithinker_F4CFA25BB155/packages/e2bf30511f0b9f65f17e4c54","file_size":884768,"access_token":"1e766a203ee2b15a567833eb0697a900ff502780eb84c69df9fdbc4d0294145a","expires":86400,"sign":"52683c81688b7d5501713d6f0f0d99ec9ea9a5514aaa4594db079bcfb6d86b26"}}]})";
  const std::string go_progress =
      R"({"object_device_id":"dev1","services":[{"service_id":"$ota","event_type":"upgrade_progress_report","event_time":"20240726T114252Z","paras":{"result_code":0,"progress":40,"version":"v1.1","description":"downloading"}}]})";
  const std::string c_progress =
      "{\n\t\"services\":\t[{\n\t\t\t\"service_id\":\t\"$ota\",\n\t\t\t\"event_type\":\t\"upgrade_progress_report\",\n"
      "\t\t\t\"paras\":\t{\n\t\t\t\t\"result_code\":\t0,\n\t\t\t\t\"progress\":\t100,\n\t\t\t\t\"version\":\t\"v2.0\",\n"
      "\t\t\t\t\"description\":\t\"success\"\n\t\t\t}\n\t\t}]\n}";
  const std::string python_progress =
      R"({"object_device_id": "dev1", "services": [{"service_id": "$ota", "event_type": "upgrade_progress_report", "event_time": "2024-07-26T11:42:52Z", "event_id": null, "paras": {"result_code": 0, "version": "v1.1", "progress": 100, "description": "upgrade success"}}]})";
  const std::string minimal_success =
      R"({"services":[{"service_id":"$ota","event_type":"upgrade_progress_report","paras":{"result_code":0,"version":"2.0"}}]})";
  const std::string gateway_batch =
      R"({"object_device_id":"child-7","services":[{"event_type":"version_query","service_id":"$ota","event_time":"20250710T024800Z","paras":{"task_id":"65d31bf2581ed33a42a58d76","sub_device_count":2,"task_ext_info":{"device_type":"DDC"}}},{"event_type":"software_upgrade_v2","service_id":"$ota","event_time":"20250710T024801Z","paras":{"version":"3.1","url":"https://bucket.obs.cn-north-4.myhuaweicloud.com/pkg.bin","file_size":1024,"file_name":"pkg.bin","expires":86400,"task_id":"65d31bf2581ed33a42a58d76","sub_device_count":2}}]})";
  return std::vector<std::string>{query,       report,     upgrade_2025,    go_progress,     go_progress,
                                  c_progress,  query,      upgrade_2022,    python_progress, minimal_success,
                                  gateway_batch, report,   go_progress};
}();

const std::int64_t stream_bytes = [] {
  std::int64_t n = 0;
  for (const auto& s : stream) n += static_cast<std::int64_t>(s.size());
  return n;
}();

// What every implementation extracts, folded into one checksum per message.
struct summary {
  std::uint64_t value = 1469598103934665603ull;
  void add(std::string_view s) {
    for (const char c : s) value = (value ^ static_cast<unsigned char>(c)) * 1099511628211ull;
    value = (value ^ 0xFF) * 1099511628211ull;
  }
  void add(std::int64_t n) { value = (value ^ static_cast<std::uint64_t>(n)) * 1099511628211ull; }
  friend bool operator==(const summary&, const summary&) = default;
};

// ---- otawire ----------------------------------------------------------------------------------
summary summarize(const hw::message& m) {
  summary s;
  if (m.object_device_id) s.add(*m.object_device_id);
  for (const auto& e : m.events()) {
    s.add(e.event_type);
    if (e.time) s.add(e.time->text);
    if (const auto* u = e.get<hw::upgrade_notification>()) {
      s.add(u->version), s.add(u->url), s.add(u->file_size);
      if (u->sign) s.add(*u->sign);
      if (u->access_token) s.add(*u->access_token);
    } else if (const auto* p = e.get<hw::progress_report>()) {
      s.add(p->result_code), s.add(p->progress.value_or(-1)), s.add(p->version);
    } else if (const auto* r = e.get<hw::version_report>()) {
      s.add(r->fw_version.value_or("")), s.add(r->sw_version.value_or(""));
    } else if (const auto* q = e.get<hw::version_query>()) {
      s.add(q->sub_device_count.value_or(-1));
    }
  }
  return s;
}

// ---- baselines: plain structs ------------------------------------------------------------------
struct plain_event {
  std::string service_id, event_type, event_time;
  std::string version, url, sign, access_token, fw_version, sw_version;
  std::int64_t file_size = 0, result_code = 0, progress = -1, sub_device_count = -1;
  bool upgrade = false, is_progress = false, is_report = false, is_query = false;
};
struct plain_message {
  std::optional<std::string> object_device_id;
  std::vector<plain_event> services;
};

summary summarize(const plain_message& m) {
  summary s;
  if (m.object_device_id) s.add(*m.object_device_id);
  for (const auto& e : m.services) {
    s.add(e.event_type);
    if (!e.event_time.empty()) s.add(e.event_time);
    if (e.upgrade) {
      s.add(e.version), s.add(e.url), s.add(e.file_size);
      if (!e.sign.empty()) s.add(e.sign);
      if (!e.access_token.empty()) s.add(e.access_token);
    } else if (e.is_progress) {
      s.add(e.result_code), s.add(e.progress), s.add(e.version);
    } else if (e.is_report) {
      s.add(e.fw_version), s.add(e.sw_version);
    } else if (e.is_query) {
      s.add(e.sub_device_count);
    }
  }
  return s;
}

bool is_upgrade_type(const std::string& t) {
  return t == "firmware_upgrade" || t == "software_upgrade" || t == "firmware_upgrade_v2" || t == "software_upgrade_v2";
}

// Boost.JSON: value_to of the baseline structs.
plain_event tag_invoke(boost::json::value_to_tag<plain_event>, const boost::json::value& jv) {
  const auto& o = jv.as_object();
  plain_event e;
  e.service_id = boost::json::value_to<std::string>(o.at("service_id"));
  e.event_type = boost::json::value_to<std::string>(o.at("event_type"));
  if (const auto* t = o.if_contains("event_time"); t && t->is_string()) e.event_time = boost::json::value_to<std::string>(*t);
  const auto* paras = o.if_contains("paras");
  const auto str = [&](const char* k, std::string& out) {
    if (const auto* v = paras->as_object().if_contains(k); v && v->is_string()) out = boost::json::value_to<std::string>(*v);
  };
  const auto num = [&](const char* k, std::int64_t& out) {
    if (const auto* v = paras->as_object().if_contains(k); v && !v->is_null()) out = boost::json::value_to<std::int64_t>(*v);
  };
  if (is_upgrade_type(e.event_type)) {
    e.upgrade = true;
    str("version", e.version), str("url", e.url), str("sign", e.sign), str("access_token", e.access_token);
    num("file_size", e.file_size);
  } else if (e.event_type == "upgrade_progress_report") {
    e.is_progress = true;
    num("result_code", e.result_code), num("progress", e.progress), str("version", e.version);
  } else if (e.event_type == "version_report") {
    e.is_report = true;
    str("fw_version", e.fw_version), str("sw_version", e.sw_version);
  } else if (e.event_type == "version_query") {
    e.is_query = true;
    if (paras != nullptr && paras->is_object()) num("sub_device_count", e.sub_device_count);
  }
  return e;
}
plain_message tag_invoke(boost::json::value_to_tag<plain_message>, const boost::json::value& jv) {
  const auto& o = jv.as_object();
  plain_message m;
  if (const auto* d = o.if_contains("object_device_id"); d && d->is_string()) m.object_device_id = boost::json::value_to<std::string>(*d);
  m.services = boost::json::value_to<std::vector<plain_event>>(o.at("services"));
  return m;
}

// nlohmann::json: parse + field extraction.
plain_message from_nlohmann(const nlohmann::json& j) {
  plain_message m;
  if (auto it = j.find("object_device_id"); it != j.end() && it->is_string()) m.object_device_id = it->get<std::string>();
  for (const auto& s : j.at("services")) {
    plain_event e;
    e.service_id = s.at("service_id").get<std::string>();
    e.event_type = s.at("event_type").get<std::string>();
    if (auto t = s.find("event_time"); t != s.end() && t->is_string()) e.event_time = t->get<std::string>();
    const auto paras = s.find("paras");
    const auto str = [&](const char* k, std::string& out) {
      if (auto v = paras->find(k); v != paras->end() && v->is_string()) out = v->get<std::string>();
    };
    const auto num = [&](const char* k, std::int64_t& out) {
      if (auto v = paras->find(k); v != paras->end() && v->is_number_integer()) out = v->get<std::int64_t>();
    };
    if (is_upgrade_type(e.event_type)) {
      e.upgrade = true;
      str("version", e.version), str("url", e.url), str("sign", e.sign), str("access_token", e.access_token);
      num("file_size", e.file_size);
    } else if (e.event_type == "upgrade_progress_report") {
      e.is_progress = true;
      num("result_code", e.result_code), num("progress", e.progress), str("version", e.version);
    } else if (e.event_type == "version_report") {
      e.is_report = true;
      str("fw_version", e.fw_version), str("sw_version", e.sw_version);
    } else if (e.event_type == "version_query") {
      e.is_query = true;
      if (paras != s.end() && paras->is_object()) num("sub_device_count", e.sub_device_count);
    }
    m.services.push_back(std::move(e));
  }
  return m;
}

// ---- the tuned baselines (issue 16 item 1; ../json_baselines.hpp) ------------------------------
// Each reads every event's fields in place (views) into `message_fields`, applying otawire's rules
// (`check`): the kind from service_id/event_type, a downlink event_time in the documented form,
// paras null/absent only where allowed, required keys, ranges (file_size, expires and
// sub_device_count >= 0, progress 0..100, result_code int32), an http(s) url, a SHA-256 sign,
// required for v1 upgrades.
namespace ob = otawire::bench;
namespace od = simdjson::ondemand;

enum class paras_seen : std::uint8_t { absent, null, object, other };
struct event_fields {
  std::string_view service_id, event_type;
  bool has_service_id = false, has_type = false, bad = false;
  std::optional<std::string_view> time, event_id;
  paras_seen paras = paras_seen::absent;
  std::optional<std::string_view> version, url, sign, access_token, file_name, custom_info, task_id, fw_version,
      sw_version, description;
  std::optional<std::int64_t> file_size, result_code, progress, expires, sub_device_count;
  hw::event_kind kind = hw::event_kind::other_service;
};
struct message_fields {
  std::optional<std::string_view> object_device_id;
  std::array<event_fields, hw::max_services> events;
  std::size_t count = 0;
  bool has_services = false;
};

// The event's kind, once service_id and event_type are known (nullopt: an unknown $ota type).
std::optional<hw::event_kind> kind_of(const event_fields& e) {
  if (e.service_id != hw::ota_service_id) return hw::event_kind::other_service;
  return hw::ota_event_kind(e.event_type);
}

bool check(event_fields& e) {
  using hw::event_kind;
  if (e.bad || !e.has_service_id || !e.has_type) return false;
  const auto kind = kind_of(e);
  if (!kind) return false;
  e.kind = *kind;
  if (e.time && !hw::parse_event_time(*e.time) && hw::direction_of(*kind) == otawire::direction::platform_to_device) return false;
  if (*kind == event_kind::other_service) return true;
  if (e.paras == paras_seen::absent || e.paras == paras_seen::null) return *kind == event_kind::version_query;
  if (e.paras != paras_seen::object) return false;
  const auto non_negative = [](const std::optional<std::int64_t>& n) { return !n || *n >= 0; };
  switch (*kind) {
    case event_kind::version_query: return non_negative(e.sub_device_count);
    case event_kind::version_report: return true;
    case event_kind::upgrade_progress_report:
      return e.result_code && *e.result_code >= INT32_MIN && *e.result_code <= INT32_MAX && e.version &&
             (!e.progress || (*e.progress >= 0 && *e.progress <= 100));
    default:  // the four upgrade notifications
      return e.version && e.url && otawire::json::fields::is_download_url(*e.url) && e.file_size && *e.file_size >= 0 &&
             (!e.sign || otawire::json::fields::is_sha256_hex(*e.sign)) && (e.sign || hw::is_v2(*kind)) &&
             non_negative(e.expires) && non_negative(e.sub_device_count);
  }
}

summary summarize(const message_fields& m) {
  summary s;
  if (m.object_device_id) s.add(*m.object_device_id);
  for (std::size_t i = 0; i < m.count; ++i) {
    const auto& e = m.events[i];
    s.add(e.event_type);
    if (e.time) s.add(*e.time);
    if (hw::is_upgrade(e.kind)) {
      s.add(*e.version), s.add(*e.url), s.add(*e.file_size);
      if (e.sign) s.add(*e.sign);
      if (e.access_token) s.add(*e.access_token);
    } else if (e.kind == hw::event_kind::upgrade_progress_report) {
      s.add(*e.result_code), s.add(e.progress.value_or(-1)), s.add(*e.version);
    } else if (e.kind == hw::event_kind::version_report) {
      s.add(e.fw_version.value_or("")), s.add(e.sw_version.value_or(""));
    } else if (e.kind == hw::event_kind::version_query) {
      s.add(e.sub_device_count.value_or(-1));
    }
  }
  return s;
}

// By lookup, through a library's access functions `A`: what a user of a DOM library writes.
template <class A, class V>
bool extract_event(const V& o, event_fields& e) {
  using hw::event_kind;
  e = event_fields{};
  if (!A::is_object(o)) return false;
  // null = absent for optional strings and integers, as otawire decodes them.
  const auto str = [&](const V& from, const char* key, std::optional<std::string_view>& out) {
    auto h = A::find(from, key);
    if (!h || A::is_null(*h)) return;
    std::string_view s;
    if (A::string(*h, s)) out = s;
    else e.bad = true;
  };
  const auto num = [&](const V& from, const char* key, std::optional<std::int64_t>& out, bool lenient) {
    auto h = A::find(from, key);
    if (!h || A::is_null(*h)) return;
    std::int64_t n = 0;
    if (lenient ? A::integer(*h, n) : A::strict_integer(*h, n)) out = n;
    else e.bad = true;
  };
  e.has_service_id = ob::required_string<A>(o, "service_id", e.service_id);
  e.has_type = ob::required_string<A>(o, "event_type", e.event_type);
  str(o, "event_time", e.time);
  str(o, "event_id", e.event_id);
  if (!e.has_service_id || !e.has_type) return false;
  const auto kind = kind_of(e);
  if (!kind) return false;
  auto paras = A::find(o, "paras");
  if (!paras) return true;
  if (A::is_null(*paras)) {
    e.paras = paras_seen::null;
    return true;
  }
  if (!A::is_object(*paras)) {
    e.paras = paras_seen::other;
    return true;
  }
  e.paras = paras_seen::object;
  const V& p = *paras;
  const auto ext_info = [&] {
    auto h = A::find(p, "task_ext_info");
    std::string_view s;
    if (h && !A::is_null(*h) && !A::is_object(*h) && !A::string(*h, s)) e.bad = true;
  };
  switch (*kind) {
    case event_kind::other_service: break;
    case event_kind::version_query:
      str(p, "task_id", e.task_id);
      num(p, "sub_device_count", e.sub_device_count, true);
      ext_info();
      break;
    case event_kind::version_report:
      str(p, "sw_version", e.sw_version);
      str(p, "fw_version", e.fw_version);
      break;
    case event_kind::upgrade_progress_report:
      num(p, "result_code", e.result_code, false);
      num(p, "progress", e.progress, false);
      if (!ob::required_string<A>(p, "version", e.version.emplace())) e.version.reset();
      str(p, "description", e.description);
      break;
    default:
      if (!ob::required_string<A>(p, "version", e.version.emplace())) e.version.reset();
      if (!ob::required_string<A>(p, "url", e.url.emplace())) e.url.reset();
      if (auto h = A::find(p, "file_size"); h && !A::strict_integer(*h, e.file_size.emplace())) e.bad = true;
      str(p, "sign", e.sign);
      str(p, "file_name", e.file_name);
      str(p, "access_token", e.access_token);
      str(p, "custom_info", e.custom_info);
      str(p, "task_id", e.task_id);
      num(p, "expires", e.expires, false);
      num(p, "sub_device_count", e.sub_device_count, true);
      ext_info();
      break;
  }
  return true;
}

template <class A, class V>
bool extract(const V& root, message_fields& m) {
  m.object_device_id.reset();
  m.count = 0;
  if (!A::is_object(root)) return false;
  if (auto h = A::find(root, "object_device_id"); h && !A::is_null(*h)) {
    std::string_view s;
    if (!A::string(*h, s)) return false;
    m.object_device_id = s;
  }
  auto services = A::find(root, "services");
  if (!services) return false;
  return A::each(*services, [&](const V& element) {
    if (m.count == hw::max_services) return false;
    auto& e = m.events[m.count++];
    return extract_event<A>(element, e) && check(e);
  });
}

// (f) The floor: one hand-written pass over simdjson On-Demand; keys compared raw, each value read
// in place. `paras` is decoded when service_id and event_type precede it (every SDK and the
// platform write them first); the floor does not implement the other order (otawire decodes it
// with a second pass), which the stream does not contain.
bool od_optional_string(od::value& v, std::optional<std::string_view>& out) {
  if (v.is_null()) {
    out.reset();
    return true;
  }
  return ob::od_string(v, out);
}
bool od_optional_int(od::value& v, std::optional<std::int64_t>& out, bool lenient) {
  if (v.is_null()) {
    out.reset();
    return true;
  }
  std::int64_t n = 0;
  if (!(lenient ? ob::od_integer(v, n) : ob::od_strict_integer(v, n))) return false;
  out = n;
  return true;
}
bool od_ext_info(od::value& v) {
  od::json_type t;
  if (v.type().get(t) != simdjson::SUCCESS) return false;
  if (t != od::json_type::null && t != od::json_type::object && t != od::json_type::string) return false;
  return ob::od_validate(v);
}

bool floor_paras(od::value& v, event_fields& e) {
  using hw::event_kind;
  od::json_type t;
  if (v.type().get(t) != simdjson::SUCCESS) return false;
  if (t == od::json_type::null) {
    e.paras = paras_seen::null;
    return v.is_null();
  }
  if (e.kind == event_kind::other_service || t != od::json_type::object) {
    e.paras = t == od::json_type::object ? paras_seen::object : paras_seen::other;
    return ob::od_validate(v);
  }
  e.paras = paras_seen::object;
  od::object o;
  if (v.get_object().get(o) != simdjson::SUCCESS) return false;
  const bool upgrade = hw::is_upgrade(e.kind);
  for (auto member : o) {
    if (member.error() != simdjson::SUCCESS) return false;
    od::field& field = member.value_unsafe();  // in place: no copy of the field
    const od::raw_json_string k = field.key();
    od::value& x = field.value();
    int done = -1;  // -1: not a key of this kind
    switch (e.kind) {
      case event_kind::version_query:
        if (k == "task_id") done = od_optional_string(x, e.task_id);
        else if (k == "sub_device_count") done = od_optional_int(x, e.sub_device_count, true);
        else if (k == "task_ext_info") done = od_ext_info(x);
        break;
      case event_kind::version_report:
        if (k == "fw_version") done = od_optional_string(x, e.fw_version);
        else if (k == "sw_version") done = od_optional_string(x, e.sw_version);
        break;
      case event_kind::upgrade_progress_report:
        if (k == "result_code") done = od_optional_int(x, e.result_code, false) && e.result_code;
        else if (k == "progress") done = od_optional_int(x, e.progress, false);
        else if (k == "version") done = ob::od_string(x, e.version);
        else if (k == "description") done = od_optional_string(x, e.description);
        break;
      default:
        if (!upgrade) break;
        switch (k.raw()[0]) {
          case 'v': if (k == "version") done = ob::od_string(x, e.version); break;
          case 'u': if (k == "url") done = ob::od_string(x, e.url); break;
          case 'f':
            if (k == "file_size") done = od_optional_int(x, e.file_size, false) && e.file_size;
            else if (k == "file_name") done = od_optional_string(x, e.file_name);
            break;
          case 'a': if (k == "access_token") done = od_optional_string(x, e.access_token); break;
          case 'e': if (k == "expires") done = od_optional_int(x, e.expires, false); break;
          case 's':
            if (k == "sign") done = od_optional_string(x, e.sign);
            else if (k == "sub_device_count") done = od_optional_int(x, e.sub_device_count, true);
            break;
          case 'c': if (k == "custom_info") done = od_optional_string(x, e.custom_info); break;
          case 't':
            if (k == "task_id") done = od_optional_string(x, e.task_id);
            else if (k == "task_ext_info") done = od_ext_info(x);
            break;
          default: break;
        }
        break;
    }
    if (done == 0) return false;
    if (done < 0 && !ob::od_validate(x)) return false;  // an unknown key: validated, skipped
  }
  return true;
}

bool floor_event(od::value& v, event_fields& e) {
  e = event_fields{};
  od::object o;
  if (v.get_object().get(o) != simdjson::SUCCESS) return false;
  for (auto member : o) {
    if (member.error() != simdjson::SUCCESS) return false;
    od::field& field = member.value_unsafe();
    const od::raw_json_string k = field.key();
    od::value& x = field.value();
    bool ok = true;
    if (k == "service_id") {
      ok = e.has_service_id = ob::od_string(x, e.service_id);
    } else if (k == "event_type") {
      ok = e.has_type = ob::od_string(x, e.event_type);
    } else if (k == "event_time") {
      ok = od_optional_string(x, e.time);
    } else if (k == "event_id") {
      ok = od_optional_string(x, e.event_id);
    } else if (k == "paras") {
      if (!e.has_service_id || !e.has_type) return false;  // the order the floor leaves out (see above)
      const auto kind = kind_of(e);
      if (!kind) return false;
      e.kind = *kind;
      ok = floor_paras(x, e);
    } else {
      ok = ob::od_validate(x);
    }
    if (!ok) return false;
  }
  return check(e);
}

bool floor_decode(od::parser& parser, simdjson::padded_string_view text, message_fields& m) {
  m.object_device_id.reset();
  m.count = 0;
  m.has_services = false;
  od::document doc;
  if (parser.iterate(text).get(doc) != simdjson::SUCCESS) return false;
  od::object root;
  if (doc.get_object().get(root) != simdjson::SUCCESS) return false;
  for (auto member : root) {
    if (member.error() != simdjson::SUCCESS) return false;
    od::field& field = member.value_unsafe();
    const od::raw_json_string k = field.key();
    od::value& x = field.value();
    if (k == "services") {
      m.count = 0;
      m.has_services = true;
      od::array a;
      if (x.get_array().get(a) != simdjson::SUCCESS) return false;
      for (auto element : a) {
        if (element.error() != simdjson::SUCCESS || m.count == hw::max_services) return false;
        if (!floor_event(element.value_unsafe(), m.events[m.count++])) return false;
      }
    } else if (k == "object_device_id") {
      if (!od_optional_string(x, m.object_device_id)) return false;
    } else if (!ob::od_validate(x)) {
      return false;
    }
  }
  return m.has_services && ob::od_at_end(doc);
}

// The four tuned decoders of one std::string message (the stream's form, as otawire's decode
// of a std::string_view copies into its padded buffer, simdjson's baselines copy into theirs).
struct tuned_baselines {
  ob::boost_tuned boost;
  ob::rapidjson_insitu rapidjson;
  simdjson::dom::parser dom;
  od::parser floor;
  ob::padded_copy dom_copy, floor_copy;
  message_fields m;

  bool boost_one(const std::string& text) {
    const auto* v = boost.parse(text);
    return v != nullptr && extract<ob::boost_access>(*v, m);
  }
  bool rapidjson_one(const std::string& text) {
    return rapidjson.parse(text, false, [&](const ob::rapidjson_access::value& v) { return extract<ob::rapidjson_access>(v, m); });
  }
  bool dom_one(const std::string& text) {
    const auto padded = dom_copy(text);
    simdjson::dom::element root;
    return dom.parse(padded.data(), padded.size(), false).get(root) == simdjson::SUCCESS && extract<ob::dom_access>(root, m);
  }
  bool floor_one(const std::string& text) { return floor_decode(floor, floor_copy(text), m); }
};

// All three must extract the same fields from every message before anything is timed.
[[maybe_unused]] const bool checked = [] {
  otawire::json::parser p;
  hw::message m;
  for (const auto& text : stream) {
    if (!hw::decode_payload_into(p, text, m)) std::abort();
    const auto ours = summarize(m);
    const auto boost_side = summarize(boost::json::value_to<plain_message>(boost::json::parse(text)));
    const auto nlohmann_side = summarize(from_nlohmann(nlohmann::json::parse(text)));
    if (!(ours == boost_side) || !(ours == nlohmann_side)) std::abort();
  }
  // The tuned baselines: the same summary of every message; warm, no allocation.
  tuned_baselines b;
  const auto all_agree = [&] {
    for (const auto& text : stream) {
      if (!hw::decode_payload_into(p, text, m)) return false;
      const auto ours = summarize(m);
      if (!b.boost_one(text) || !(summarize(b.m) == ours)) return false;
      if (!b.rapidjson_one(text) || !(summarize(b.m) == ours)) return false;
      if (!b.dom_one(text) || !(summarize(b.m) == ours)) return false;
      if (!b.floor_one(text) || !(summarize(b.m) == ours)) return false;
    }
    return true;
  };
  if (!all_agree()) std::abort();
  const otawire::test::allocation_scope scope;
  for (const auto& text : stream) {
    if (!hw::decode_payload_into(p, text, m) || !b.boost_one(text) || !b.rapidjson_one(text) || !b.dom_one(text) ||
        !b.floor_one(text)) {
      std::abort();
    }
  }
  if (scope.count() != 0) {
    std::fprintf(stderr, "a warm decoder allocated %zu times\n", scope.count());
    std::abort();
  }
  return true;
}();

void set_counters(benchmark::State& state) {
  state.SetBytesProcessed(state.iterations() * stream_bytes);
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(stream.size()));
}

void mixed_otawire(benchmark::State& state) {
  otawire::json::parser p;
  hw::message m;
  for (auto _ : state) {
    for (const auto& text : stream) {
      if (!hw::decode_payload_into(p, text, m)) std::abort();
      benchmark::DoNotOptimize(m.count);
      benchmark::DoNotOptimize(m.storage[0].event_type.data());
    }
  }
  set_counters(state);
}

void mixed_boost_json(benchmark::State& state) {
  for (auto _ : state) {
    for (const auto& text : stream) {
      auto m = boost::json::value_to<plain_message>(boost::json::parse(text));
      benchmark::DoNotOptimize(m.services.data());
    }
  }
  set_counters(state);
}

template <bool (tuned_baselines::*decode_one)(const std::string&)>
void mixed_tuned(benchmark::State& state) {
  tuned_baselines b;
  for (auto _ : state) {
    for (const auto& text : stream) {
      if (!(b.*decode_one)(text)) std::abort();
      benchmark::DoNotOptimize(b.m.count);
      benchmark::DoNotOptimize(b.m.events[0].event_type.data());
    }
  }
  set_counters(state);
}

void mixed_nlohmann(benchmark::State& state) {
  for (auto _ : state) {
    for (const auto& text : stream) {
      auto m = from_nlohmann(nlohmann::json::parse(text));
      benchmark::DoNotOptimize(m.services.data());
    }
  }
  set_counters(state);
}

// The single-message case a gateway sees most: a real upgrade notification.
void upgrade_otawire(benchmark::State& state) {
  otawire::json::parser p;
  hw::message m;
  const auto& text = stream[2];
  for (auto _ : state) {
    if (!hw::decode_payload_into(p, text, m)) std::abort();
    benchmark::DoNotOptimize(m.storage[0].paras);
  }
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(text.size()));
  state.SetItemsProcessed(state.iterations());
}
void upgrade_boost_json(benchmark::State& state) {
  const auto& text = stream[2];
  for (auto _ : state) {
    auto m = boost::json::value_to<plain_message>(boost::json::parse(text));
    benchmark::DoNotOptimize(m.services.data());
  }
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(text.size()));
  state.SetItemsProcessed(state.iterations());
}
void upgrade_nlohmann(benchmark::State& state) {
  const auto& text = stream[2];
  for (auto _ : state) {
    auto m = from_nlohmann(nlohmann::json::parse(text));
    benchmark::DoNotOptimize(m.services.data());
  }
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(text.size()));
  state.SetItemsProcessed(state.iterations());
}
}  // namespace

BENCHMARK(mixed_otawire)->Name("huawei_mixed_stream/otawire");
BENCHMARK(mixed_boost_json)->Name("huawei_mixed_stream/baseline_boost_json");
BENCHMARK(mixed_nlohmann)->Name("huawei_mixed_stream/baseline_nlohmann");
BENCHMARK(mixed_tuned<&tuned_baselines::boost_one>)->Name("huawei_mixed_stream/baseline_boost_json_tuned");
BENCHMARK(mixed_tuned<&tuned_baselines::rapidjson_one>)->Name("huawei_mixed_stream/baseline_rapidjson_insitu");
BENCHMARK(mixed_tuned<&tuned_baselines::dom_one>)->Name("huawei_mixed_stream/baseline_simdjson_dom");
BENCHMARK(mixed_tuned<&tuned_baselines::floor_one>)->Name("huawei_mixed_stream/baseline_floor_ondemand");
BENCHMARK(upgrade_otawire)->Name("huawei_firmware_upgrade/otawire");
BENCHMARK(upgrade_boost_json)->Name("huawei_firmware_upgrade/baseline_boost_json");
BENCHMARK(upgrade_nlohmann)->Name("huawei_firmware_upgrade/baseline_nlohmann");
