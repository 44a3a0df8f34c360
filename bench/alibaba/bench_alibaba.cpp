// A mixed Alibaba OTA stream (what an MQTT bridge or a device sees in one upgrade: version
// reports, pull request and replies, pushes, progress), decoded by otawire's simdjson path vs
// Boost.JSON parse + value_to and nlohmann::json parse + field extraction of the same fields, and
// vs the tuned baselines of issue 16 (../json_baselines.hpp: Boost.JSON with a reused parser on a
// stack buffer, RapidJSON in-situ, simdjson DOM, a hand-written single-pass On-Demand floor),
// which read the same fields as views with otawire's value checks.
#include "../json_baselines.hpp"
#include "alibaba/spec_examples.hpp"
#include "support/alloc_counter.hpp"

#include <otawire/alibaba.hpp>

#include <benchmark/benchmark.h>
#include <boost/json.hpp>
#include <nlohmann/json.hpp>

#include <array>
#include <charconv>
#include <cstdio>
#include <optional>
#include <type_traits>
#include <cstdint>
#include <string>
#include <vector>

namespace {
namespace ab = otawire::alibaba;
using namespace otawire::test::alibaba;

struct stream_message {
  ab::topic topic;
  std::string payload;
  simdjson::padded_string padded;  // the same bytes with simdjson's padding (zero-copy decode)
};

std::vector<stream_message> make_stream() {
  const auto t = [](ab::topic_kind k) { return ab::topic{k, "a1pk", "dev"}; };
  std::vector<stream_message> s;
  const auto add = [&](ab::topic_kind k, std::string_view text) {
    s.push_back({t(k), std::string(text), simdjson::padded_string(text)});
  };
  add(ab::topic_kind::inform, linksdk_inform);
  add(ab::topic_kind::firmware_get, linksdk_get);
  add(ab::topic_kind::firmware_get_reply, get_reply_empty_doc);
  add(ab::topic_kind::inform, inform_doc);
  add(ab::topic_kind::firmware_get, get_doc);
  add(ab::topic_kind::firmware_get_reply, get_reply_doc);
  add(ab::topic_kind::upgrade, upgrade_process_doc);
  add(ab::topic_kind::upgrade, upgrade_https_doc);
  for (int step : {0, 10, 25, 40, 55, 70, 85, 100}) {
    add(ab::topic_kind::progress, R"({"id":)" + std::to_string(10 + step) + R"(, "params":{"step":")" + std::to_string(step) + R"(","desc":""}})");
  }
  add(ab::topic_kind::progress, progress_doc);
  add(ab::topic_kind::progress, iotkit3_progress_desc);
  add(ab::topic_kind::inform, iotkit3_inform);
  add(ab::topic_kind::upgrade, upgrade_mqtt_doc);
  return s;
}

const std::vector<stream_message>& stream() {
  static const auto s = make_stream();
  return s;
}

std::int64_t stream_bytes() {
  std::int64_t n = 0;
  for (const auto& m : stream()) n += static_cast<std::int64_t>(m.payload.size());
  return n;
}

// The same fields are extracted by every contender and folded into one checksum.
struct fold {
  std::uint64_t sum = 0;
  void add(std::uint64_t v) { sum = sum * 31 + v; }
  void add(std::string_view s) { add(static_cast<std::uint64_t>(s.size()) + (s.empty() ? 0u : static_cast<unsigned char>(s[0]))); }
};

void fold_package(fold& f, const ab::package& p) {
  f.add(p.size);
  f.add(p.version);
  f.add(p.url.value_or(""));
  f.add(p.sign.value_or(""));
  f.add(p.md5.value_or(""));
  f.add(p.sign_method ? static_cast<std::uint64_t>(*p.sign_method) + 1 : 0);
  f.add(p.is_diff ? 1u : 0u);
  f.add(p.module.value_or(""));
  f.add(p.digestsign.value_or(""));
  f.add(p.download_protocol.value_or(""));
  f.add(static_cast<std::uint64_t>(p.stream_id.value_or(0)));
  f.add(static_cast<std::uint64_t>(p.stream_file_id.value_or(0)));
  f.add(p.ext_data.empty() ? 0u : 1u);
}

void fold_message(fold& f, const ab::message& m) {
  std::visit(
      [&](const auto& x) {
        using T = std::decay_t<decltype(x)>;
        f.add(static_cast<std::uint64_t>(x.id.value));
        if constexpr (std::is_same_v<T, ab::inform> || std::is_same_v<T, ab::version_request>) {
          f.add(x.version);
          f.add(x.module.value_or(""));
        } else if constexpr (std::is_same_v<T, ab::progress>) {
          f.add(static_cast<std::uint64_t>(x.step + 10));
          f.add(x.desc.value_or(""));
          f.add(x.module.value_or(""));
        } else if constexpr (std::is_same_v<T, ab::upgrade>) {
          f.add(x.message.value_or(""));
          fold_package(f, x.data);
        } else if constexpr (std::is_same_v<T, ab::firmware_get>) {
          f.add(x.version.value_or(""));
          f.add(x.module.value_or(""));
          f.add(x.has_method ? 1u : 0u);
        } else {
          f.add(static_cast<std::uint64_t>(x.code));
          if (x.data) fold_package(f, *x.data);
        }
      },
      m);
}

std::uint64_t run_otawire(otawire::json::parser& p, ab::message& m) {
  fold f;
  for (const auto& s : stream()) {
    // Zero-copy: an MQTT client's receive buffer can reserve the padding (json::parser::parse).
    if (!ab::decode_payload_into(p, s.topic, simdjson::padded_string_view(s.padded), m)) return 0;
    fold_message(f, m);
  }
  return f.sum;
}

// --- Boost.JSON: parse + value_to ------------------------------------------------------------------

std::uint64_t id_of(const boost::json::value& v) {
  if (v.is_string()) {
    const auto s = boost::json::value_to<std::string>(v);
    std::uint64_t n = 0;
    std::from_chars(s.data(), s.data() + s.size(), n);
    return n;
  }
  return boost::json::value_to<std::uint64_t>(v);
}
std::string opt_string(const boost::json::object& o, const char* key) {
  const auto* v = o.if_contains(key);
  return v ? boost::json::value_to<std::string>(*v) : std::string();
}
std::uint64_t method_of(const boost::json::object& o) {
  const auto* v = o.if_contains("signMethod");
  if (!v) return 0;
  auto s = boost::json::value_to<std::string>(*v);
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s == "md5" ? 1 : 2;
}
void fold_boost_package(fold& f, const boost::json::object& d) {
  f.add(boost::json::value_to<std::uint64_t>(d.at("size")));
  f.add(boost::json::value_to<std::string>(d.at("version")));
  f.add(opt_string(d, "url"));
  f.add(opt_string(d, "sign"));
  f.add(opt_string(d, "md5"));
  f.add(method_of(d));
  const auto* diff = d.if_contains("isDiff");
  f.add(diff ? boost::json::value_to<std::uint64_t>(*diff) : 0u);
  f.add(opt_string(d, "module"));
  f.add(opt_string(d, "digestsign"));
  f.add(opt_string(d, "dProtocol"));
  const auto* stream = d.if_contains("streamId");
  f.add(stream ? boost::json::value_to<std::uint64_t>(*stream) : 0u);
  const auto* file = d.if_contains("streamFileId");
  f.add(file ? boost::json::value_to<std::uint64_t>(*file) : 0u);
  const auto* ext = d.if_contains("extData");  // kept as a value, as otawire keeps it as sent
  f.add(ext && ext->is_object() ? 1u : 0u);
}

std::uint64_t run_boost() {
  fold f;
  for (const auto& s : stream()) {
    const auto jv = boost::json::parse(s.payload);
    const auto& o = jv.as_object();
    f.add(id_of(o.at("id")));
    switch (s.topic.kind) {
      case ab::topic_kind::inform:
      case ab::topic_kind::request: {
        const auto& p = o.at("params").as_object();
        f.add(boost::json::value_to<std::string>(p.at("version")));
        f.add(opt_string(p, "module"));
        break;
      }
      case ab::topic_kind::progress: {
        const auto& p = o.at("params").as_object();
        const auto step = boost::json::value_to<std::string>(p.at("step"));
        std::int64_t n = 0;
        std::from_chars(step.data(), step.data() + step.size(), n);
        f.add(static_cast<std::uint64_t>(n + 10));
        f.add(opt_string(p, "desc"));
        f.add(opt_string(p, "module"));
        break;
      }
      case ab::topic_kind::upgrade:
        if (boost::json::value_to<std::string>(o.at("code")) != "1000") return 0;
        f.add(opt_string(o, "message"));
        fold_boost_package(f, o.at("data").as_object());
        break;
      case ab::topic_kind::firmware_get:
        f.add(opt_string(o, "version"));
        f.add(opt_string(o.at("params").as_object(), "module"));
        f.add(o.contains("method") ? 1u : 0u);
        break;
      case ab::topic_kind::firmware_get_reply: {
        f.add(boost::json::value_to<std::uint64_t>(o.at("code")));
        const auto& d = o.at("data").as_object();
        if (!d.empty()) fold_boost_package(f, d);
        break;
      }
    }
  }
  return f.sum;
}

// --- nlohmann::json: parse + field extraction ------------------------------------------------------

std::uint64_t id_of(const nlohmann::json& v) {
  if (v.is_string()) {
    const auto s = v.get<std::string>();
    std::uint64_t n = 0;
    std::from_chars(s.data(), s.data() + s.size(), n);
    return n;
  }
  return v.get<std::uint64_t>();
}
std::string opt_string(const nlohmann::json& o, const char* key) {
  const auto it = o.find(key);
  return it != o.end() ? it->get<std::string>() : std::string();
}
void fold_nlohmann_package(fold& f, const nlohmann::json& d) {
  f.add(d.at("size").get<std::uint64_t>());
  f.add(d.at("version").get<std::string>());
  f.add(opt_string(d, "url"));
  f.add(opt_string(d, "sign"));
  f.add(opt_string(d, "md5"));
  const auto m = d.find("signMethod");
  if (m == d.end()) {
    f.add(std::uint64_t{0});
  } else {
    auto s = m->get<std::string>();
    for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    f.add(std::uint64_t{s == "md5" ? 1u : 2u});
  }
  const auto diff = d.find("isDiff");
  f.add(diff != d.end() ? diff->get<std::uint64_t>() : 0u);
  f.add(opt_string(d, "module"));
  f.add(opt_string(d, "digestsign"));
  f.add(opt_string(d, "dProtocol"));
  const auto stream = d.find("streamId");
  f.add(stream != d.end() ? stream->get<std::uint64_t>() : 0u);
  const auto file = d.find("streamFileId");
  f.add(file != d.end() ? file->get<std::uint64_t>() : 0u);
  const auto ext = d.find("extData");
  f.add(ext != d.end() && ext->is_object() ? 1u : 0u);
}

std::uint64_t run_nlohmann() {
  fold f;
  for (const auto& s : stream()) {
    const auto j = nlohmann::json::parse(s.payload);
    f.add(id_of(j.at("id")));
    switch (s.topic.kind) {
      case ab::topic_kind::inform:
      case ab::topic_kind::request: {
        const auto& p = j.at("params");
        f.add(p.at("version").get<std::string>());
        f.add(opt_string(p, "module"));
        break;
      }
      case ab::topic_kind::progress: {
        const auto& p = j.at("params");
        const auto step = p.at("step").get<std::string>();
        std::int64_t n = 0;
        std::from_chars(step.data(), step.data() + step.size(), n);
        f.add(static_cast<std::uint64_t>(n + 10));
        f.add(opt_string(p, "desc"));
        f.add(opt_string(p, "module"));
        break;
      }
      case ab::topic_kind::upgrade:
        if (j.at("code").get<std::string>() != "1000") return 0;
        f.add(opt_string(j, "message"));
        fold_nlohmann_package(f, j.at("data"));
        break;
      case ab::topic_kind::firmware_get:
        f.add(opt_string(j, "version"));
        f.add(opt_string(j.at("params"), "module"));
        f.add(j.contains("method") ? 1u : 0u);
        break;
      case ab::topic_kind::firmware_get_reply: {
        f.add(j.at("code").get<std::uint64_t>());
        const auto& d = j.at("data");
        if (!d.empty()) fold_nlohmann_package(f, d);
        break;
      }
    }
  }
  return f.sum;
}

// --- the tuned baselines (issue 16 item 1; ../json_baselines.hpp) ------------------------------------
// Each reads the topic's keys into `fields` as views, with otawire's rules: id a non-negative
// integer or decimal string; versions 1..64 characters; step -4..100 (number or decimal string);
// in `data`: size, version required, url http(s), md5 and sign hex (sign of the signMethod's
// length), a known signMethod, isDiff 0/1, non-negative stream ids, required when dProtocol is
// mqtt, else url or files; extData an object; an empty or null get-reply `data` is no package.
namespace ob = otawire::bench;
namespace od = simdjson::ondemand;

struct package_fields {
  std::optional<std::int64_t> size, stream_id, stream_file_id;
  std::optional<std::string_view> version, url, md5, sign, digestsign, module, download_protocol;
  std::optional<ab::digest_algorithm> sign_method;
  bool is_diff = false, ext_data = false;
  std::size_t keys = 0, file_count = 0;
  std::array<std::optional<std::string_view>, ab::max_files> file_signs;
};
struct fields {
  std::optional<std::int64_t> id, step, code;
  bool has_params = false, has_method = false, has_data = false, bad = false;
  std::optional<std::string_view> version, module, desc, message;
  package_fields data;
};

bool valid_version(std::string_view s) { return !s.empty() && s.size() <= ab::max_version_length; }

// The checks that need the whole `data` object.
bool valid_package(const package_fields& p) {
  if (p.sign_method) {
    const auto method = *p.sign_method == ab::digest_algorithm::md5 ? otawire::json::fields::digest_method::md5
                                                                    : otawire::json::fields::digest_method::sha256;
    if (p.sign && !otawire::json::fields::is_digest_hex(*p.sign, method)) return false;
    for (std::size_t i = 0; i < p.file_count; ++i) {
      if (p.file_signs[i] && !otawire::json::fields::is_digest_hex(*p.file_signs[i], method)) return false;
    }
  }
  if (!p.size || !p.version) return false;
  if (p.download_protocol == std::string_view("mqtt")) return p.stream_id && p.stream_file_id;
  return p.url || p.file_count > 0;
}

// Reads one key of `data` (value checks included); false when the value breaks a rule.
template <class Read>
bool package_key(std::string_view key, package_fields& p, Read& r) {
  ++p.keys;
  switch (key.size()) {  // a first cut on the length keeps the comparisons few
    case 3:
      if (key == "url") return r.string(p.url) && otawire::json::fields::is_download_url(*p.url);
      if (key == "md5") return r.string(p.md5) && otawire::json::fields::is_md5_hex(*p.md5);
      break;
    case 4:
      if (key == "size") return r.count(p.size);
      if (key == "sign") return r.string(p.sign) && otawire::json::fields::is_digest_hex(*p.sign);
      break;
    case 5:
      if (key == "files") return r.files(p);
      break;
    case 6:
      if (key == "module") return r.string(p.module);
      if (key == "isDiff") {
        std::int64_t n = 0;
        if (!r.lenient(n) || n < 0 || n > 1) return false;
        p.is_diff = n == 1;
        return true;
      }
      break;
    case 7:
      if (key == "version") return r.string(p.version) && valid_version(*p.version);
      if (key == "extData") return p.ext_data = r.object();
      break;
    case 8:
      if (key == "streamId") return r.count(p.stream_id);
      break;
    case 9:
      if (key == "dProtocol") return r.string(p.download_protocol);
      break;
    case 10:
      if (key == "digestsign") return r.string(p.digestsign);
      if (key == "signMethod") {
        std::optional<std::string_view> s;
        if (!r.string(s)) return false;
        p.sign_method = ab::parse_sign_method(*s);
        return p.sign_method.has_value();
      }
      break;
    case 12:
      if (key == "streamFileId") return r.count(p.stream_file_id);
      break;
    default: break;
  }
  return r.skip();
}

// `A`'s lookups, as the readers package_key expects (for a DOM, a read is a lookup).
template <class A, class V>
struct dom_reader {
  const V* v;
  bool string(std::optional<std::string_view>& out) {
    std::string_view s;
    if (!A::string(*v, s)) return false;
    out = s;
    return true;
  }
  bool lenient(std::int64_t& n) { return A::integer(*v, n); }
  bool count(std::optional<std::int64_t>& out) {
    std::int64_t n = 0;
    if (!A::strict_integer(*v, n) || n < 0) return false;
    out = n;
    return true;
  }
  bool object() { return A::is_object(*v); }
  bool skip() { return true; }
  bool files(package_fields& p) {
    return A::each(*v, [&](const V& f) {
      if (!A::is_object(f)) return false;
      std::optional<std::string_view> name, url, sign;
      std::optional<std::int64_t> size;
      if (!ob::optional_string<A>(f, "fileName", name) || !ob::optional_string<A>(f, "fileUrl", url) ||
          !ob::optional_string<A>(f, "fileSign", sign)) {
        return false;
      }
      if (url && !otawire::json::fields::is_download_url(*url)) return false;
      if (sign && !otawire::json::fields::is_digest_hex(*sign)) return false;
      if (auto h = A::find(f, "fileSize"); h && !dom_reader{&*h}.count(size)) return false;
      if (p.file_count < ab::max_files) p.file_signs[p.file_count] = sign;
      return ++p.file_count <= ab::max_files;
    });
  }
};

// By lookup, through a library's access functions `A`: what a user of a DOM library writes. A
// DOM library hands over each object's members, so `data` is walked member by member.
template <class A, class V>
bool read_package(const V& d, bool allow_empty, fields& f) {
  f.data = package_fields{};
  if (allow_empty && A::is_null(d)) return true;
  if (!A::is_object(d)) return false;
  bool ok = true;
  const auto each_member = [&](auto&& on) {
    if constexpr (std::is_same_v<A, ob::boost_access>) {
      for (const auto& kv : d.as_object()) on(ob::view(kv.key()), kv.value());
    } else if constexpr (std::is_same_v<A, ob::rapidjson_access>) {
      for (const auto& kv : d.GetObject()) on(ob::view(kv.name), kv.value);
    } else {
      simdjson::dom::object o;
      if (d.get(o) != simdjson::SUCCESS) return;
      for (const auto kv : o) on(kv.key, kv.value);
    }
  };
  each_member([&](std::string_view key, const V& v) {
    dom_reader<A, V> r{&v};
    if (ok && !package_key(key, f.data, r)) ok = false;
  });
  if (!ok) return false;
  f.has_data = !(allow_empty && f.data.keys == 0);
  return !f.has_data || valid_package(f.data);
}

template <class A, class V>
bool extract(ab::topic_kind kind, const V& root, fields& f) {
  f = fields{};
  if (!A::is_object(root)) return false;
  auto id = A::find(root, "id");
  std::int64_t n = 0;
  if (!id || !A::integer(*id, n) || n < 0) return false;
  f.id = n;
  const auto version_params = [&](bool step) {
    auto p = A::find(root, "params");
    if (!p || !A::is_object(*p)) return false;
    if (!ob::optional_string<A>(*p, "module", f.module)) return false;
    if (step) {
      std::int64_t s = 0;
      auto h = A::find(*p, "step");
      if (!h || !A::integer(*h, s) || s < ab::min_step || s > ab::max_step) return false;
      f.step = s;
      return ob::optional_string<A>(*p, "desc", f.desc);
    }
    std::string_view version;
    if (!ob::required_string<A>(*p, "version", version) || !valid_version(version)) return false;
    f.version = version;
    return true;
  };
  switch (kind) {
    case ab::topic_kind::inform:
    case ab::topic_kind::request: return version_params(false);  // (the stream has no pushes on /request)
    case ab::topic_kind::progress: return version_params(true);
    case ab::topic_kind::upgrade: {
      std::int64_t code = 0;
      if (auto c = A::find(root, "code"); c && !A::integer(*c, code)) return false;
      if (!ob::optional_string<A>(root, "message", f.message)) return false;
      auto d = A::find(root, "data");
      return d && read_package<A>(*d, false, f) && f.has_data;
    }
    case ab::topic_kind::firmware_get: {
      if (!ob::optional_string<A>(root, "version", f.version)) return false;
      if (auto p = A::find(root, "params"); p && !A::is_null(*p)) {
        if (!A::is_object(*p) || !ob::optional_string<A>(*p, "module", f.module)) return false;
      }
      if (auto m = A::find(root, "method")) {
        std::string_view s;
        if (!A::string(*m, s) || s != ab::firmware_get_method) return false;
        f.has_method = true;
      }
      return true;
    }
    case ab::topic_kind::firmware_get_reply: {
      std::int64_t code = 0;
      auto c = A::find(root, "code");
      if (!c || !A::integer(*c, code)) return false;
      f.code = code;
      if (!ob::optional_string<A>(root, "message", f.message)) return false;
      auto d = A::find(root, "data");
      return !d || read_package<A>(*d, true, f);
    }
  }
  return false;
}

void fold_package_fields(fold& f, const package_fields& p) {
  f.add(static_cast<std::uint64_t>(*p.size));
  f.add(*p.version);
  f.add(p.url.value_or(""));
  f.add(p.sign.value_or(""));
  f.add(p.md5.value_or(""));
  f.add(p.sign_method ? static_cast<std::uint64_t>(*p.sign_method) + 1 : 0);
  f.add(p.is_diff ? 1u : 0u);
  f.add(p.module.value_or(""));
  f.add(p.digestsign.value_or(""));
  f.add(p.download_protocol.value_or(""));
  f.add(static_cast<std::uint64_t>(p.stream_id.value_or(0)));
  f.add(static_cast<std::uint64_t>(p.stream_file_id.value_or(0)));
  f.add(p.ext_data ? 1u : 0u);
}

void fold_fields(fold& f, ab::topic_kind kind, const fields& m) {
  f.add(static_cast<std::uint64_t>(*m.id));
  switch (kind) {
    case ab::topic_kind::inform:
    case ab::topic_kind::request:
      f.add(*m.version);
      f.add(m.module.value_or(""));
      break;
    case ab::topic_kind::progress:
      f.add(static_cast<std::uint64_t>(*m.step + 10));
      f.add(m.desc.value_or(""));
      f.add(m.module.value_or(""));
      break;
    case ab::topic_kind::upgrade:
      f.add(m.message.value_or(""));
      fold_package_fields(f, m.data);
      break;
    case ab::topic_kind::firmware_get:
      f.add(m.version.value_or(""));
      f.add(m.module.value_or(""));
      f.add(m.has_method ? 1u : 0u);
      break;
    case ab::topic_kind::firmware_get_reply:
      f.add(static_cast<std::uint64_t>(*m.code));
      if (m.has_data) fold_package_fields(f, m.data);
      break;
  }
}

// (f) The floor: one hand-written pass over simdjson On-Demand, keys compared raw, each value
// read and checked in place; unknown keys validated and skipped, as otawire does.
struct od_reader {
  od::value* v;
  bool string(std::optional<std::string_view>& out) { return ob::od_string(*v, out); }
  bool lenient(std::int64_t& n) { return ob::od_integer(*v, n); }
  bool count(std::optional<std::int64_t>& out) {
    std::int64_t n = 0;
    if (!ob::od_strict_integer(*v, n) || n < 0) return false;
    out = n;
    return true;
  }
  bool object() {
    od::json_type t;
    return v->type().get(t) == simdjson::SUCCESS && t == od::json_type::object && ob::od_validate(*v);
  }
  bool skip() { return ob::od_validate(*v); }
  bool files(package_fields& p) {
    od::array a;
    if (v->get_array().get(a) != simdjson::SUCCESS) return false;
    for (auto element : a) {
      if (element.error() != simdjson::SUCCESS) return false;
      od::object o;
      if (element.value_unsafe().get_object().get(o) != simdjson::SUCCESS) return false;
      std::optional<std::string_view> name, url, sign;
      std::optional<std::int64_t> size;
      for (auto member : o) {
        if (member.error() != simdjson::SUCCESS) return false;
        od::field& field = member.value_unsafe();
        od::value& x = field.value();
        const od::raw_json_string k = field.key();
        bool ok = true;
        if (k == "fileName") ok = ob::od_string(x, name);
        else if (k == "fileUrl") ok = ob::od_string(x, url) && otawire::json::fields::is_download_url(*url);
        else if (k == "fileSign") ok = ob::od_string(x, sign) && otawire::json::fields::is_digest_hex(*sign);
        else if (k == "fileSize") ok = od_reader{&x}.count(size);
        else ok = ob::od_validate(x);
        if (!ok) return false;
      }
      if (p.file_count < ab::max_files) p.file_signs[p.file_count] = sign;
      if (++p.file_count > ab::max_files) return false;
    }
    return true;
  }
};

// The key's text without its quotes: On-Demand's raw key runs to the closing quote (keys with an
// escape would need unescaping; no SDK sends one, and such a key never equals a name here).
std::string_view raw_key(od::raw_json_string k) {
  const char* s = k.raw();
  std::size_t n = 0;
  while (s[n] != '"') n += s[n] == '\\' ? 2 : 1;
  return {s, n};
}

bool floor_package(od::value& v, bool allow_empty, fields& f) {
  f.data = package_fields{};
  if (allow_empty && v.is_null()) return true;
  od::object o;
  if (v.get_object().get(o) != simdjson::SUCCESS) return false;
  for (auto member : o) {
    if (member.error() != simdjson::SUCCESS) return false;
    od::field& field = member.value_unsafe();
    od_reader r{&field.value()};
    if (!package_key(raw_key(field.key()), f.data, r)) return false;
  }
  f.has_data = !(allow_empty && f.data.keys == 0);
  return !f.has_data || valid_package(f.data);
}

bool floor_params(od::value& v, bool step, fields& f) {
  f.has_params = true;
  f.version.reset();
  f.module.reset();
  f.step.reset();
  f.desc.reset();
  od::object o;
  if (v.get_object().get(o) != simdjson::SUCCESS) return false;
  for (auto member : o) {
    if (member.error() != simdjson::SUCCESS) return false;
    od::field& field = member.value_unsafe();
    od::value& x = field.value();
    const od::raw_json_string k = field.key();
    bool ok = true;
    if (!step && k == "version") {
      ok = ob::od_string(x, f.version) && valid_version(*f.version);
    } else if (step && k == "step") {
      std::int64_t s = 0;
      ok = ob::od_integer(x, s) && s >= ab::min_step && s <= ab::max_step;
      f.step = s;
    } else if (step && k == "desc") {
      ok = ob::od_string(x, f.desc);
    } else if (k == "module") {
      ok = ob::od_string(x, f.module);
    } else {
      ok = ob::od_validate(x);
    }
    if (!ok) return false;
  }
  return step ? f.step.has_value() : f.version.has_value();
}

// firmware_get's `params`: null, or an object of which only `module` is read.
bool floor_get_params(od::value& v, fields& f) {
  f.module.reset();
  if (v.is_null()) return true;
  od::object o;
  if (v.get_object().get(o) != simdjson::SUCCESS) return false;
  for (auto member : o) {
    if (member.error() != simdjson::SUCCESS) return false;
    od::field& field = member.value_unsafe();
    od::value& x = field.value();
    if (!(field.key() == "module" ? ob::od_string(x, f.module) : ob::od_validate(x))) return false;
  }
  return true;
}

bool floor_decode(od::parser& parser, ab::topic_kind kind, const simdjson::padded_string& text, fields& f) {
  f = fields{};
  od::document doc;
  if (parser.iterate(text).get(doc) != simdjson::SUCCESS) return false;
  od::object root;
  if (doc.get_object().get(root) != simdjson::SUCCESS) return false;
  const bool version_params = kind == ab::topic_kind::inform || kind == ab::topic_kind::request;
  for (auto member : root) {
    if (member.error() != simdjson::SUCCESS) return false;
    od::field& field = member.value_unsafe();
    od::value& x = field.value();
    const od::raw_json_string k = field.key();
    bool ok = true;
    if (k == "id") {
      std::int64_t n = 0;
      ok = ob::od_integer(x, n) && n >= 0;
      f.id = n;
    } else if (k == "params" && (version_params || kind == ab::topic_kind::progress)) {
      ok = floor_params(x, kind == ab::topic_kind::progress, f);
    } else if (k == "params" && kind == ab::topic_kind::firmware_get) {
      ok = floor_get_params(x, f);
    } else if (k == "code" && (kind == ab::topic_kind::upgrade || kind == ab::topic_kind::firmware_get_reply)) {
      std::int64_t n = 0;
      ok = ob::od_integer(x, n);
      f.code = n;
    } else if (k == "message" && (kind == ab::topic_kind::upgrade || kind == ab::topic_kind::firmware_get_reply)) {
      ok = ob::od_string(x, f.message);
    } else if (k == "data" && kind == ab::topic_kind::upgrade) {
      ok = floor_package(x, false, f) && f.has_data;
    } else if (k == "data" && kind == ab::topic_kind::firmware_get_reply) {
      ok = floor_package(x, true, f);
    } else if (k == "version" && kind == ab::topic_kind::firmware_get) {
      ok = ob::od_string(x, f.version);
    } else if (k == "method" && kind == ab::topic_kind::firmware_get) {
      std::string_view s;
      ok = ob::od_string(x, s) && s == ab::firmware_get_method;
      f.has_method = true;
    } else {
      ok = ob::od_validate(x);
    }
    if (!ok) return false;
  }
  if (!ob::od_at_end(doc) || !f.id) return false;
  switch (kind) {
    case ab::topic_kind::inform:
    case ab::topic_kind::request:
    case ab::topic_kind::progress: return f.has_params;
    case ab::topic_kind::upgrade: return f.has_data;
    case ab::topic_kind::firmware_get: return true;
    case ab::topic_kind::firmware_get_reply: return f.code.has_value();
  }
  return false;
}

// One decode per baseline over the stream, folded as fold_message folds otawire's messages.
struct tuned_baselines {
  ob::boost_tuned boost;
  ob::rapidjson_insitu rapidjson;
  simdjson::dom::parser dom;
  od::parser floor;
  fields f;

  template <class Decode>
  std::uint64_t run(Decode&& decode_one) {
    fold sum;
    for (const auto& s : stream()) {
      if (!decode_one(s)) return 0;
      fold_fields(sum, s.topic.kind, f);
    }
    return sum.sum;
  }
  std::uint64_t run_boost() {
    return run([&](const stream_message& s) {
      const auto* v = boost.parse(s.payload);
      return v != nullptr && extract<ob::boost_access>(s.topic.kind, *v, f);
    });
  }
  std::uint64_t run_rapidjson() {
    return run([&](const stream_message& s) {
      return rapidjson.parse(s.payload, false,
                             [&](const ob::rapidjson_access::value& v) { return extract<ob::rapidjson_access>(s.topic.kind, v, f); });
    });
  }
  std::uint64_t run_dom() {
    return run([&](const stream_message& s) {
      simdjson::dom::element root;
      return dom.parse(s.padded).get(root) == simdjson::SUCCESS && extract<ob::dom_access>(s.topic.kind, root, f);
    });
  }
  std::uint64_t run_floor() {
    return run([&](const stream_message& s) { return floor_decode(floor, s.topic.kind, s.padded, f); });
  }
};

// Every contender must compute the same checksum before anything is timed.
bool same_results() {
  otawire::json::parser p;
  ab::message m;
  const auto ours = run_otawire(p, m);
  if (ours == 0 || ours != run_boost() || ours != run_nlohmann()) return false;
  tuned_baselines tuned;
  const auto tuned_agree = [&] {
    return tuned.run_boost() == ours && tuned.run_rapidjson() == ours && tuned.run_dom() == ours && tuned.run_floor() == ours;
  };
  if (!tuned_agree()) return false;
  // Warm, otawire and the tuned baselines allocate nothing.
  const otawire::test::allocation_scope scope;
  const bool again = run_otawire(p, m) == ours && tuned_agree();
  if (scope.count() != 0) std::fprintf(stderr, "a warm decoder allocated %zu times\n", scope.count());
  return again && scope.count() == 0;
}

void finish(benchmark::State& state) {
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * stream_bytes());
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * stream().size()));
}

void mixed_otawire(benchmark::State& state) {
  if (!same_results()) {
    state.SkipWithError("contenders disagree");
    return;
  }
  otawire::json::parser p;
  ab::message m;
  for (auto _ : state) benchmark::DoNotOptimize(run_otawire(p, m));
  finish(state);
}
void mixed_boost(benchmark::State& state) {
  if (!same_results()) {
    state.SkipWithError("contenders disagree");
    return;
  }
  for (auto _ : state) benchmark::DoNotOptimize(run_boost());
  finish(state);
}
template <std::uint64_t (tuned_baselines::*run_one)()>
void mixed_tuned(benchmark::State& state) {
  if (!same_results()) {
    state.SkipWithError("contenders disagree");
    return;
  }
  tuned_baselines b;
  for (auto _ : state) benchmark::DoNotOptimize((b.*run_one)());
  finish(state);
}
void mixed_nlohmann(benchmark::State& state) {
  if (!same_results()) {
    state.SkipWithError("contenders disagree");
    return;
  }
  for (auto _ : state) benchmark::DoNotOptimize(run_nlohmann());
  finish(state);
}

}  // namespace

BENCHMARK(mixed_otawire)->Name("alibaba_mixed_stream/otawire");
BENCHMARK(mixed_boost)->Name("alibaba_mixed_stream/baseline_boost_json");
BENCHMARK(mixed_nlohmann)->Name("alibaba_mixed_stream/baseline_nlohmann");
BENCHMARK(mixed_tuned<&tuned_baselines::run_boost>)->Name("alibaba_mixed_stream/baseline_boost_json_tuned");
BENCHMARK(mixed_tuned<&tuned_baselines::run_rapidjson>)->Name("alibaba_mixed_stream/baseline_rapidjson_insitu");
BENCHMARK(mixed_tuned<&tuned_baselines::run_dom>)->Name("alibaba_mixed_stream/baseline_simdjson_dom");
BENCHMARK(mixed_tuned<&tuned_baselines::run_floor>)->Name("alibaba_mixed_stream/baseline_floor_ondemand");
