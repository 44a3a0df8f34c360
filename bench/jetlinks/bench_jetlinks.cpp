// A mixed stream of JetLinks firmware messages (push, pull, progress, report, read, a gateway
// child device), decoded field by field: otawire's simdjson path against Boost.JSON parse +
// value_to, and nlohmann::json parse + field extraction. otawire is timed twice: reading padded
// payloads in place (`jetlinks_mixed_stream`) and copying them into its padded buffer
// (`jetlinks_mixed_stream_copy`). The tuned baselines of issue 16 (../json_baselines.hpp: Boost.JSON
// with a reused parser on a stack buffer, RapidJSON in-situ, simdjson DOM, and a hand-written
// single-pass On-Demand floor) read the same fields with otawire's value checks. Every decoder must produce the same digest of the fields
// before anything is timed; otawire's steady state must not allocate.
#include <otawire/jetlinks/codec.hpp>

#include "../json_baselines.hpp"
#include "support/alloc_counter.hpp"

#include <benchmark/benchmark.h>
#include <nlohmann/json.hpp>

#include <climits>
#include <cstdio>
#include <optional>
#include <cstdlib>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace {
namespace jl = otawire::jetlinks;

const std::vector<std::pair<std::string, std::string>> stream = {
    {"/prod-a/dev-1/firmware/read", R"({"messageId":"1790000000000000000","deviceId":"dev-1","timestamp":1601196760000})"},
    {"/prod-a/dev-1/firmware/read/reply", R"({"success":true,"messageId":"1790000000000000000","timestamp":1601196760120,"version":"1.0","properties":{"bootloader":"1.2","chip":"esp32"}})"},
    {"/prod-a/dev-1/firmware/upgrade", R"({"headers":{"async":true},"messageId":"1790000000000000001","deviceId":"dev-1","timestamp":1601196762389,"url":"http://fw.example.com/prod-a/2.0.bin","version":"2.0","parameters":{"reboot":true},"sign":"9e107d9d372bb6826bd81d3542a419d6","signMethod":"md5","firmwareId":"fw-20","size":524288})"},
    {"/prod-a/dev-1/firmware/upgrade/reply", R"({"messageId":"1790000000000000001","success":true,"timestamp":1601196762500})"},
    {"/prod-a/dev-1/firmware/upgrade/progress", R"({"timestamp":1601196763000,"progress":10,"complete":false,"version":"2.0","success":true,"firmwareId":"fw-20"})"},
    {"/prod-a/dev-1/firmware/upgrade/progress", R"({"timestamp":1601196765000,"progress":45,"complete":false,"version":"2.0","success":true,"firmwareId":"fw-20"})"},
    {"/prod-a/dev-1/firmware/upgrade/progress", R"({"timestamp":1601196771000,"progress":100,"complete":true,"version":"2.0","success":true,"firmwareId":"fw-20"})"},
    {"/prod-a/dev-2/firmware/pull", R"({"timestamp":1601196762389,"messageId":"pull-1","currentVersion":"1.0","requestVersion":"","headers":{"force":false,"latest":true}})"},
    {"/prod-a/dev-2/firmware/pull/reply", R"({"headers":{"async":true},"success":true,"messageId":"pull-1","deviceId":"dev-2","timestamp":1601196762400,"url":"http://fw.example.com/prod-a/1.1.bin","version":"1.1","parameters":{},"sign":"2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae","signMethod":"sha256","firmwareId":"fw-11","size":262144})"},
    {"/prod-a/dev-3/firmware/upgrade/progress", R"({"progress":35,"complete":false,"version":"2.0","success":false,"errorReason":"signature mismatch","firmwareId":"fw-20"})"},
    {"/prod-gw/gw-1/child/sensor-7/firmware/upgrade/progress", R"({"progress":50,"complete":false,"version":"3.1.0","success":true,"firmwareId":"fw-s31","deviceId":"sensor-7"})"},
    {"/prod-a/dev-1/firmware/report", R"({"timestamp":1601196790000,"version":"2.0","properties":{"bootloader":"1.2","chip":"esp32"}})"},
};

std::size_t stream_bytes() {
  std::size_t n = 0;
  for (const auto& [t, p] : stream) n += t.size() + p.size();
  return n;
}

// What every decoder reports for the stream: a digest of every field, so that a decoder that
// skipped a field would not match. The check before timing sums every byte; the timed loops
// only touch each string (its length and first byte), as in the other families' benchmarks, so
// that the digest's own cost does not dilute the comparison.
bool full_digest = true;
struct digest {
  std::uint64_t sum = 0;
  void text(std::string_view s) {
    std::uint64_t acc = sum * 31 + s.size();
    if (!full_digest) {
      sum = acc + (s.empty() ? 0 : static_cast<unsigned char>(s[0]));
      return;
    }
    for (const char c : s) acc += static_cast<unsigned char>(c);
    sum = acc;
  }
  void number(std::int64_t v) { sum = sum * 31 + static_cast<std::uint64_t>(v); }
  void present(bool raw) { sum = sum * 31 + (raw ? 7 : 3); }
};

// --- otawire ---------------------------------------------------------------------------------------

void digest_optional(digest& d, const jl::optional_string& s) {
  if (s) d.text(*s);
}
template <class Fields>
void digest_common(digest& d, const Fields& m) {
  digest_optional(d, m.message_id);
  digest_optional(d, m.device_id);
  d.number(m.timestamp.value_or(0));
  d.present(!m.headers.empty());
  if constexpr (std::is_base_of_v<jl::device_reply_fields, Fields>) {
    d.number(m.success);
    digest_optional(d, m.code);
    digest_optional(d, m.message);
  }
}

void digest_otawire(digest& d, const jl::envelope& dm) {
  std::visit(
      [&](const auto& m) {
        using T = std::decay_t<decltype(m)>;
        digest_common(d, m);
        if constexpr (std::is_same_v<T, jl::read_firmware_reply> || std::is_same_v<T, jl::report_firmware>) {
          digest_optional(d, m.version);
          d.present(!m.properties.empty());
        } else if constexpr (std::is_same_v<T, jl::request_firmware>) {
          digest_optional(d, m.current_version);
          digest_optional(d, m.request_version);
        } else if constexpr (std::is_same_v<T, jl::request_firmware_reply> || std::is_same_v<T, jl::upgrade_firmware>) {
          digest_optional(d, m.url);
          digest_optional(d, m.version);
          d.present(!m.parameters.empty());
          digest_optional(d, m.sign);
          digest_optional(d, m.sign_method);
          digest_optional(d, m.firmware_id);
          d.number(m.size);
        } else if constexpr (std::is_same_v<T, jl::upgrade_firmware_progress>) {
          d.number(m.progress);
          d.number(m.complete);
          digest_optional(d, m.version);
          d.number(m.success);
          digest_optional(d, m.error_reason);
          digest_optional(d, m.firmware_id);
        }
      },
      dm.message);
}

// The payloads as a receive buffer with simdjson's padding holds them (the zero-copy path).
const std::vector<simdjson::padded_string> padded_payloads = [] {
  std::vector<simdjson::padded_string> v;
  for (const auto& [topic, payload] : stream) v.emplace_back(payload);
  return v;
}();

std::uint64_t run_otawire(otawire::json::parser& p) {
  digest d;
  jl::envelope m;  // reused, as a gateway's receive loop would (see Huawei's decode_into)
  for (std::size_t i = 0; i < stream.size(); ++i) {
    if (!jl::decode_into(p, otawire::json::padded_publish{stream[i].first, simdjson::padded_string_view(padded_payloads[i])}, m)) std::abort();
    digest_otawire(d, m);
  }
  return d.sum;
}

std::uint64_t run_otawire_copy(otawire::json::parser& p) {
  digest d;
  jl::envelope m;
  for (const auto& [topic, payload] : stream) {
    if (!jl::decode_into(p, otawire::mqtt_publish{topic, std::string_view(payload)}, m)) std::abort();
    digest_otawire(d, m);
  }
  return d.sum;
}

// --- the baselines: the same fields with the same defaults (the type from the same topic parse) ---

template <class Get>
void digest_baseline(digest& d, jl::message_type type, Get&& get) {
  // `get` abstracts the JSON library: get.str(key, out) / get.i64(key) / get.boolean(key, dflt) / get.has(key)
  std::string s;
  const auto opt = [&](const char* key) {
    if (get.str(key, s)) d.text(s);
  };
  opt("messageId");
  opt("deviceId");
  d.number(get.i64("timestamp"));
  d.present(get.has("headers"));
  if (jl::is_reply(type)) {
    d.number(get.boolean("success", true));
    opt("code");
    opt("message");
  }
  switch (type) {
    case jl::message_type::read_firmware_reply:
    case jl::message_type::report_firmware:
      opt("version");
      d.present(get.has("properties"));
      break;
    case jl::message_type::request_firmware:
      opt("currentVersion");
      opt("requestVersion");
      break;
    case jl::message_type::request_firmware_reply:
    case jl::message_type::upgrade_firmware:
      opt("url");
      opt("version");
      d.present(get.has("parameters"));
      opt("sign");
      opt("signMethod");
      opt("firmwareId");
      d.number(get.i64("size"));
      break;
    case jl::message_type::upgrade_firmware_progress:
      d.number(get.i64("progress"));
      d.number(get.boolean("complete", false));
      opt("version");
      d.number(get.boolean("success", false));
      opt("errorReason");
      opt("firmwareId");
      break;
    default: break;
  }
}

struct boost_getter {
  const boost::json::object& o;
  std::string_view device;  // deviceId comes from the topic, as otawire does
  bool str(const char* key, std::string& out) const {
    if (std::string_view(key) == "deviceId") {
      out.assign(device);
      return true;
    }
    const auto* v = o.if_contains(key);
    if (v == nullptr || v->is_null()) return false;
    out = boost::json::value_to<std::string>(*v);
    return true;
  }
  std::int64_t i64(const char* key) const {
    const auto* v = o.if_contains(key);
    return v == nullptr ? 0 : boost::json::value_to<std::int64_t>(*v);
  }
  bool boolean(const char* key, bool dflt) const {
    const auto* v = o.if_contains(key);
    return v == nullptr ? dflt : boost::json::value_to<bool>(*v);
  }
  bool has(const char* key) const {
    const auto* v = o.if_contains(key);
    return v != nullptr && v->is_object();
  }
};

std::uint64_t run_boost() {
  digest d;
  for (const auto& [topic, payload] : stream) {
    auto t = jl::parse_topic(topic);
    if (!t) std::abort();
    const boost::json::value v = boost::json::parse(payload);
    digest_baseline(d, t->type, boost_getter{v.as_object(), t->identity().message_device()});
  }
  return d.sum;
}

struct nlohmann_getter {
  const nlohmann::json& j;
  std::string_view device;
  bool str(const char* key, std::string& out) const {
    if (std::string_view(key) == "deviceId") {
      out.assign(device);
      return true;
    }
    auto it = j.find(key);
    if (it == j.end() || it->is_null()) return false;
    out = it->get<std::string>();
    return true;
  }
  std::int64_t i64(const char* key) const {
    auto it = j.find(key);
    return it == j.end() ? 0 : it->get<std::int64_t>();
  }
  bool boolean(const char* key, bool dflt) const {
    auto it = j.find(key);
    return it == j.end() ? dflt : it->get<bool>();
  }
  bool has(const char* key) const {
    auto it = j.find(key);
    return it != j.end() && it->is_object();
  }
};

std::uint64_t run_nlohmann() {
  digest d;
  for (const auto& [topic, payload] : stream) {
    auto t = jl::parse_topic(topic);
    if (!t) std::abort();
    const auto j = nlohmann::json::parse(payload);
    digest_baseline(d, t->type, nlohmann_getter{j, t->identity().message_device()});
  }
  return d.sum;
}

// --- the tuned baselines (issue 16 item 1; ../json_baselines.hpp) ------------------------------------
// Each reads the type's keys into `fields`, with otawire's rules: null = absent for strings and
// Maps, the Java default for primitives; numbers as integers or decimal strings; `progress` an
// int32; `url` an http(s) URL; `sign` the hex of a named digest method; the required keys
// present. `fold_fields` then feeds the digest in `digest_baseline`'s order.
namespace ob = otawire::bench;
namespace od = simdjson::ondemand;

struct fields {
  jl::optional_string code, message_id, device_id, message, version, current_version, request_version, url, sign,
      sign_method, firmware_id, error_reason;
  std::optional<std::int64_t> timestamp;
  std::int64_t size = 0, progress = 0;
  std::optional<bool> success, complete;
  bool headers = false, properties = false, parameters = false;
};

bool valid_fields(jl::message_type type, const fields& f) {
  using jl::message_type;
  if (f.progress < INT32_MIN || f.progress > INT32_MAX) return false;
  if (f.url && !otawire::json::fields::is_download_url(*f.url)) return false;
  if (type == message_type::upgrade_firmware || type == message_type::request_firmware_reply) {
    if (f.sign && f.sign_method) {
      const auto method = otawire::json::fields::digest_method_of(*f.sign_method);
      if (method != otawire::json::fields::digest_method::unknown && !otawire::json::fields::is_digest_hex(*f.sign, method)) {
        return false;
      }
    }
  }
  if (type == message_type::upgrade_firmware) return f.url && f.version;
  if (type == message_type::upgrade_firmware_progress) return f.version.has_value();
  if (jl::is_reply(type)) return f.message_id.has_value();
  return true;
}

void fold_fields(digest& d, jl::message_type type, const fields& f, std::string_view topic_device) {
  const auto opt = [&](const jl::optional_string& s) {
    if (s) d.text(*s);
  };
  opt(f.message_id);
  d.text(topic_device);  // deviceId comes from the topic, as otawire does
  d.number(f.timestamp.value_or(0));
  d.present(f.headers);
  if (jl::is_reply(type)) {
    d.number(f.success.value_or(true));
    opt(f.code);
    opt(f.message);
  }
  switch (type) {
    case jl::message_type::read_firmware_reply:
    case jl::message_type::report_firmware:
      opt(f.version);
      d.present(f.properties);
      break;
    case jl::message_type::request_firmware:
      opt(f.current_version);
      opt(f.request_version);
      break;
    case jl::message_type::request_firmware_reply:
    case jl::message_type::upgrade_firmware:
      opt(f.url);
      opt(f.version);
      d.present(f.parameters);
      opt(f.sign);
      opt(f.sign_method);
      opt(f.firmware_id);
      d.number(f.size);
      break;
    case jl::message_type::upgrade_firmware_progress:
      d.number(f.progress);
      d.number(f.complete.value_or(false));
      opt(f.version);
      d.number(f.success.value_or(false));
      opt(f.error_reason);
      opt(f.firmware_id);
      break;
    default: break;
  }
}

// By lookup, through a library's access functions `A`: the keys of the topic's message type.
template <class A, class V>
bool extract(jl::message_type type, const V& root, fields& f) {
  using jl::message_type;
  if (!A::is_object(root)) return false;
  bool ok = true;
  const auto str = [&](const char* key, jl::optional_string& out) {
    auto h = A::find(root, key);
    if (!h || A::is_null(*h)) return;
    std::string_view s;
    if (A::string(*h, s)) out = s;
    else ok = false;
  };
  const auto num = [&](const char* key, std::int64_t& out) {
    auto h = A::find(root, key);
    if (h && !A::is_null(*h) && !A::integer(*h, out)) ok = false;
  };
  const auto flag = [&](const char* key, std::optional<bool>& out) {
    auto h = A::find(root, key);
    if (!h) return;
    bool b = false;
    if (A::is_null(*h) || A::boolean(*h, b)) out = b;
    else ok = false;
  };
  const auto map = [&](const char* key, bool& present) {
    auto h = A::find(root, key);
    if (!h || A::is_null(*h)) return;
    if (A::is_object(*h)) present = true;
    else ok = false;
  };
  str("code", f.code);
  str("messageId", f.message_id);
  str("deviceId", f.device_id);
  if (auto h = A::find(root, "timestamp"); h) {
    std::int64_t t = 0;
    if (!A::is_null(*h) && !A::integer(*h, t)) ok = false;
    f.timestamp = t;
  }
  map("headers", f.headers);
  if (jl::is_reply(type)) {
    flag("success", f.success);
    str("message", f.message);
  }
  switch (type) {
    case message_type::read_firmware_reply:
    case message_type::report_firmware:
      str("version", f.version);
      map("properties", f.properties);
      break;
    case message_type::request_firmware:
      str("currentVersion", f.current_version);
      str("requestVersion", f.request_version);
      break;
    case message_type::request_firmware_reply:
    case message_type::upgrade_firmware:
      str("url", f.url);
      str("version", f.version);
      map("parameters", f.parameters);
      str("sign", f.sign);
      str("signMethod", f.sign_method);
      str("firmwareId", f.firmware_id);
      num("size", f.size);
      break;
    case message_type::upgrade_firmware_progress:
      num("progress", f.progress);
      flag("complete", f.complete);
      str("version", f.version);
      flag("success", f.success);
      str("errorReason", f.error_reason);
      str("firmwareId", f.firmware_id);
      str("message", f.message);
      break;
    default: break;
  }
  return ok && valid_fields(type, f);
}

// (f) The floor: one hand-written pass over simdjson On-Demand, keys dispatched on their first
// byte and compared raw, each value read in place; Maps and unknown keys validated and skipped.
bool od_nullable_string(od::value& v, jl::optional_string& out) {
  if (v.is_null()) {
    out.reset();
    return true;
  }
  return ob::od_string(v, out);
}
bool od_nullable_int(od::value& v, std::int64_t& out) {
  if (v.is_null()) {
    out = 0;
    return true;
  }
  return ob::od_integer(v, out);
}
bool od_nullable_bool(od::value& v, std::optional<bool>& out) {
  bool b = false;
  if (!v.is_null() && v.get_bool().get(b) != simdjson::SUCCESS) return false;
  out = b;
  return true;
}
bool od_map(od::value& v, bool& present) {
  od::json_type t;
  if (v.type().get(t) != simdjson::SUCCESS) return false;
  if (t == od::json_type::null) {
    present = false;
    return v.is_null();
  }
  present = true;
  return t == od::json_type::object && ob::od_validate(v);
}

bool floor_decode(od::parser& parser, jl::message_type type, const simdjson::padded_string& text, fields& f) {
  using jl::message_type;
  const bool reply = jl::is_reply(type);
  const bool firmware = type == message_type::upgrade_firmware || type == message_type::request_firmware_reply;
  const bool versioned = type == message_type::read_firmware_reply || type == message_type::report_firmware;
  const bool progress = type == message_type::upgrade_firmware_progress;
  od::document doc;
  if (parser.iterate(text).get(doc) != simdjson::SUCCESS) return false;
  od::object root;
  if (doc.get_object().get(root) != simdjson::SUCCESS) return false;
  for (auto member : root) {
    if (member.error() != simdjson::SUCCESS) return false;
    od::field& field = member.value_unsafe();  // in place: no copy of the field
    const od::raw_json_string k = field.key();
    od::value& x = field.value();
    int done = -1;  // -1: not a key of this type; else whether reading it succeeded
    switch (k.raw()[0]) {
      case 'c':
        if (k == "code") done = od_nullable_string(x, f.code);
        else if (k == "currentVersion" && type == message_type::request_firmware) done = od_nullable_string(x, f.current_version);
        else if (k == "complete" && progress) done = od_nullable_bool(x, f.complete);
        break;
      case 'm':
        if (k == "messageId") done = od_nullable_string(x, f.message_id);
        else if (k == "message" && (reply || progress)) done = od_nullable_string(x, f.message);
        break;
      case 'd':
        if (k == "deviceId") done = od_nullable_string(x, f.device_id);
        break;
      case 't':
        if (k == "timestamp") {
          std::int64_t t = 0;
          done = od_nullable_int(x, t);
          f.timestamp = t;
        }
        break;
      case 'h':
        if (k == "headers") done = od_map(x, f.headers);
        break;
      case 's':
        if (k == "success" && (reply || progress)) done = od_nullable_bool(x, f.success);
        else if (firmware && k == "size") done = od_nullable_int(x, f.size);
        else if (firmware && k == "sign") done = od_nullable_string(x, f.sign);
        else if (firmware && k == "signMethod") done = od_nullable_string(x, f.sign_method);
        break;
      case 'v':
        if (k == "version" && (firmware || versioned || progress)) done = od_nullable_string(x, f.version);
        break;
      case 'p':
        if (versioned && k == "properties") done = od_map(x, f.properties);
        else if (firmware && k == "parameters") done = od_map(x, f.parameters);
        else if (progress && k == "progress") done = od_nullable_int(x, f.progress);
        break;
      case 'u':
        if (firmware && k == "url") done = od_nullable_string(x, f.url);
        break;
      case 'f':
        if ((firmware || progress) && k == "firmwareId") done = od_nullable_string(x, f.firmware_id);
        break;
      case 'e':
        if (progress && k == "errorReason") done = od_nullable_string(x, f.error_reason);
        break;
      case 'r':
        if (type == message_type::request_firmware && k == "requestVersion") done = od_nullable_string(x, f.request_version);
        break;
      default: break;
    }
    if (done == 0) return false;
    if (done < 0 && !ob::od_validate(x)) return false;  // an unknown key: validated, skipped
  }
  return ob::od_at_end(doc) && valid_fields(type, f);
}

// One decode per baseline, by message index (topics parsed as otawire parses them).
struct tuned_baselines {
  ob::boost_tuned boost;
  ob::rapidjson_insitu rapidjson;
  simdjson::dom::parser dom;
  od::parser floor;

  template <class Decode>
  std::uint64_t run(Decode&& decode_one) {
    digest d;
    jl::topic t;
    for (std::size_t i = 0; i < stream.size(); ++i) {
      // The topic parse otawire's decode runs, into the caller's topic (not through a result).
      if (!jl::detail::parse_topic_into(stream[i].first, /*word_scan=*/true, t)) std::abort();
      fields f;
      if (!decode_one(i, t.type, f)) std::abort();
      fold_fields(d, t.type, f, t.identity().message_device());
    }
    return d.sum;
  }
  std::uint64_t run_boost() {
    return run([&](std::size_t i, jl::message_type type, fields& f) {
      const auto* v = boost.parse(stream[i].second);
      return v != nullptr && extract<ob::boost_access>(type, *v, f);
    });
  }
  std::uint64_t run_rapidjson() {
    return run([&](std::size_t i, jl::message_type type, fields& f) {
      return rapidjson.parse(stream[i].second, false,
                             [&](const ob::rapidjson_access::value& v) { return extract<ob::rapidjson_access>(type, v, f); });
    });
  }
  std::uint64_t run_dom() {
    return run([&](std::size_t i, jl::message_type type, fields& f) {
      simdjson::dom::element root;
      return dom.parse(padded_payloads[i]).get(root) == simdjson::SUCCESS && extract<ob::dom_access>(type, root, f);
    });
  }
  std::uint64_t run_floor() {
    return run([&](std::size_t i, jl::message_type type, fields& f) { return floor_decode(floor, type, padded_payloads[i], f); });
  }
};

// Same result from all three, and no allocation per message once otawire's parser is warm.
[[maybe_unused]] const bool checked = [] {
  otawire::json::parser p;
  const auto ours = run_otawire(p);
  if (run_otawire_copy(p) != ours) std::abort();
  const auto a = run_boost();
  const auto b = run_nlohmann();
  if (ours != a || ours != b) {
    std::fprintf(stderr, "digest mismatch: otawire %llu boost %llu nlohmann %llu\n", static_cast<unsigned long long>(ours),
                 static_cast<unsigned long long>(a), static_cast<unsigned long long>(b));
    std::abort();
  }
  tuned_baselines tuned;
  const auto tuned_agree = [&](std::uint64_t want) {
    return tuned.run_boost() == want && tuned.run_rapidjson() == want && tuned.run_dom() == want && tuned.run_floor() == want;
  };
  if (!tuned_agree(ours)) {
    std::fprintf(stderr, "digest mismatch: otawire %llu boost tuned %llu rapidjson %llu dom %llu floor %llu\n",
                 static_cast<unsigned long long>(ours), static_cast<unsigned long long>(tuned.run_boost()),
                 static_cast<unsigned long long>(tuned.run_rapidjson()), static_cast<unsigned long long>(tuned.run_dom()),
                 static_cast<unsigned long long>(tuned.run_floor()));
    std::abort();
  }
  otawire::test::allocation_scope scope;
  for (int i = 0; i < 10; ++i) {
    benchmark::DoNotOptimize(run_otawire(p));
    benchmark::DoNotOptimize(run_otawire_copy(p));
    benchmark::DoNotOptimize(tuned_agree(ours));  // the tuned baselines, warm, allocate nothing either
  }
  if (scope.count() != 0) {
    std::fprintf(stderr, "otawire allocated %zu times in steady state\n", scope.count());
    std::abort();
  }
  full_digest = false;
  if (run_otawire(p) != run_boost() || run_otawire_copy(p) != run_nlohmann()) std::abort();  // the light digests agree too
  if (!tuned_agree(run_otawire(p))) std::abort();
  return true;
}();

void set_counters(benchmark::State& state) {
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * stream_bytes()));
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * stream.size()));
}

void mixed_otawire(benchmark::State& state) {
  otawire::json::parser p;
  for (auto _ : state) benchmark::DoNotOptimize(run_otawire(p));
  set_counters(state);
}
void mixed_otawire_copy(benchmark::State& state) {
  otawire::json::parser p;
  for (auto _ : state) benchmark::DoNotOptimize(run_otawire_copy(p));
  set_counters(state);
}
void mixed_boost(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(run_boost());
  set_counters(state);
}
template <std::uint64_t (tuned_baselines::*run_one)()>
void mixed_tuned(benchmark::State& state) {
  tuned_baselines b;
  for (auto _ : state) benchmark::DoNotOptimize((b.*run_one)());
  set_counters(state);
}
void mixed_nlohmann(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(run_nlohmann());
  set_counters(state);
}
}  // namespace

BENCHMARK(mixed_otawire)->Name("jetlinks_mixed_stream/otawire");
BENCHMARK(mixed_boost)->Name("jetlinks_mixed_stream/baseline_boost_json");
BENCHMARK(mixed_nlohmann)->Name("jetlinks_mixed_stream/baseline_nlohmann");
BENCHMARK(mixed_tuned<&tuned_baselines::run_boost>)->Name("jetlinks_mixed_stream/baseline_boost_json_tuned");
BENCHMARK(mixed_tuned<&tuned_baselines::run_rapidjson>)->Name("jetlinks_mixed_stream/baseline_rapidjson_insitu");
BENCHMARK(mixed_tuned<&tuned_baselines::run_dom>)->Name("jetlinks_mixed_stream/baseline_simdjson_dom");
BENCHMARK(mixed_tuned<&tuned_baselines::run_floor>)->Name("jetlinks_mixed_stream/baseline_floor_ondemand");

BENCHMARK(mixed_otawire_copy)->Name("jetlinks_mixed_stream_copy/otawire");
BENCHMARK(mixed_boost)->Name("jetlinks_mixed_stream_copy/baseline_boost_json");
BENCHMARK(mixed_nlohmann)->Name("jetlinks_mixed_stream_copy/baseline_nlohmann");
