// The five JSON families' messages built as Boost.JSON values by hand, key by key, independently
// of otawire's one encoder (json::writer): the oracle the tests hold `encode` to (the same
// document, so `json::to_string(reference::value_of(m)) == encode(m)` in the compact profile),
// and what a Boost.JSON user writes in bench_json_encode. The library's own `value_from` parses
// what its encoder writes (json::assign_written), so it cannot serve as this oracle.
#ifndef OTAWIRE_TEST_SUPPORT_REFERENCE_DOCUMENTS_HPP
#define OTAWIRE_TEST_SUPPORT_REFERENCE_DOCUMENTS_HPP

#include <otawire/alibaba.hpp>
#include <otawire/ctwing.hpp>
#include <otawire/huawei.hpp>
#include <otawire/jetlinks.hpp>
#include <otawire/tencent.hpp>

#include <boost/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>

namespace otawire_test::reference {
template <class T>
inline constexpr bool is_variant_v = false;
template <class... Ts>
inline constexpr bool is_variant_v<std::variant<Ts...>> = true;
template <class T>
concept is_variant = is_variant_v<T>;
}  // namespace otawire_test::reference

namespace otawire_test::reference::tencent_docs {
using namespace otawire::tencent;
namespace json = otawire::json;

inline void build(boost::json::value& jv, const report_version& m) {
  boost::json::object report;
  report.emplace("version", m.version);
  if (m.fw_type) report.emplace("fw_type", *m.fw_type);
  boost::json::object o;
  o.emplace("type", "report_version");
  o.emplace("report", std::move(report));
  jv = std::move(o);
}

inline void build(boost::json::value& jv, const report_version_rsp& m) {
  boost::json::object o;
  o.emplace("result_code", m.result_code);
  if (m.result_msg) o.emplace("result_msg", *m.result_msg);
  o.emplace("type", "report_version_rsp");
  if (m.version) o.emplace("version", *m.version);
  if (m.fw_type) o.emplace("fw_type", *m.fw_type);
  jv = std::move(o);
}

inline void build(boost::json::value& jv, const update_firmware& m) {
  boost::json::object o;
  o.emplace("file_size", m.file_size);
  o.emplace("md5sum", m.md5sum);
  o.emplace("type", "update_firmware");
  o.emplace("url", m.url);
  if (m.user_defined) o.emplace("user_defined", *m.user_defined);
  o.emplace("version", m.version);
  if (m.task_id) o.emplace("task_id", *m.task_id);
  if (m.fw_type) o.emplace("fw_type", *m.fw_type);
  jv = std::move(o);
}

inline void build(boost::json::value& jv, const report_progress& m) {
  boost::json::object progress;
  progress.emplace("state", name(m.state));
  if (m.state == progress_state::downloading) progress.emplace("percent", std::to_string(m.percent.value_or(0)));
  progress.emplace("result_code", std::to_string(m.result_code));
  progress.emplace("result_msg", m.result_msg);
  boost::json::object report;
  report.emplace("progress", std::move(progress));
  report.emplace("version", m.version);
  if (m.fw_type) report.emplace("fw_type", *m.fw_type);
  if (m.task_id) report.emplace("task_id", *m.task_id);
  boost::json::object o;
  o.emplace("type", "report_progress");
  o.emplace("report", std::move(report));
  jv = std::move(o);
}

}  // namespace otawire_test::reference::tencent_docs

namespace otawire_test::reference::ctwing_docs {
using namespace otawire::ctwing;
namespace json = otawire::json;

[[nodiscard]] inline boost::json::string_view bj(std::string_view s) noexcept { return {s.data(), s.size()}; }

inline void build(boost::json::value& jv, const inform& m) {
  auto& o = jv.emplace_object();
  o.emplace("taskId", m.task_id);
  auto& p = o["params"].emplace_object();
  p.emplace("version", bj(m.version));
  if (m.module) p.emplace("module", bj(*m.module));
}

inline void build(boost::json::value& jv, const upgrade& m) {
  auto& o = jv.emplace_object();
  o.emplace("taskId", m.task_id);
  auto& p = o["payload"].emplace_object();
  p.emplace("size", m.size);
  p.emplace("version", bj(m.version));
  p.emplace("url", bj(m.url));
  p.emplace("md5", bj(m.md5));
  p.emplace("token", bj(m.token));
  if (m.module) p.emplace("module", bj(*m.module));
}

inline void build(boost::json::value& jv, const progress& m) {
  auto& o = jv.emplace_object();
  o.emplace("taskId", m.task_id);
  auto& p = o["params"].emplace_object();
  p.emplace("step", m.step);
  if (m.module) p.emplace("module", bj(*m.module));
  if (m.desc) p.emplace("desc", bj(*m.desc));
}
///@}

}  // namespace otawire_test::reference::ctwing_docs

namespace otawire_test::reference::jetlinks_docs {
using namespace otawire::jetlinks;
namespace json = otawire::json;

inline void put(boost::json::object& o, std::string_view key, const optional_string& s) {
  if (s) o.emplace(key, boost::json::string_view(s->data(), s->size()));
}
inline void put(boost::json::object& o, std::string_view key, const json::raw_json& r) {
  if (!r.empty()) o.emplace(key, json::to_value(r));
}
inline void put_common(boost::json::object& o, const device_message_fields& m) {
  put(o, "headers", m.headers);
  put(o, "code", m.code);
  put(o, "messageId", m.message_id);
  put(o, "deviceId", m.device_id);
  if (m.timestamp) o.emplace("timestamp", *m.timestamp);
}
inline void put_common(boost::json::object& o, const device_reply_fields& m) {
  put(o, "headers", m.headers);
  o.emplace("success", m.success);
  put(o, "code", m.code);
  put(o, "message", m.message);
  put(o, "messageId", m.message_id);
  put(o, "deviceId", m.device_id);
  if (m.timestamp) o.emplace("timestamp", *m.timestamp);
}
template <class Msg>
void put_firmware(boost::json::object& o, const Msg& m) {
  put(o, "url", m.url);
  put(o, "version", m.version);
  put(o, "parameters", m.parameters);
  put(o, "sign", m.sign);
  put(o, "signMethod", m.sign_method);
  put(o, "firmwareId", m.firmware_id);
  o.emplace("size", m.size);
}

template <firmware_message T>
void build(boost::json::value& out, const T& m) {
  boost::json::object o;
  put_common(o, m);
  if constexpr (std::is_same_v<T, read_firmware_reply> || std::is_same_v<T, report_firmware>) {
    put(o, "version", m.version);
    put(o, "properties", m.properties);
  } else if constexpr (std::is_same_v<T, request_firmware>) {
    put(o, "currentVersion", m.current_version);
    put(o, "requestVersion", m.request_version);
  } else if constexpr (std::is_same_v<T, request_firmware_reply> || std::is_same_v<T, upgrade_firmware>) {
    put_firmware(o, m);
  } else if constexpr (std::is_same_v<T, upgrade_firmware_progress>) {
    o.emplace("progress", m.progress);
    o.emplace("complete", m.complete);
    put(o, "version", m.version);
    o.emplace("success", m.success);
    put(o, "errorReason", m.error_reason);
    put(o, "firmwareId", m.firmware_id);
    // m.message (the [J6] doc slip) is never written: the reference has no such property.
  }
  out = std::move(o);
}

}  // namespace otawire_test::reference::jetlinks_docs

namespace otawire_test::reference::alibaba_docs {
using namespace otawire::alibaba;
namespace json = otawire::json;
inline void build(boost::json::value& jv, const package_file& f);
inline void build(boost::json::value& jv, const package& p);
// A nested package or file as a value.
template <class Part>
boost::json::value part_value(const Part& part) {
  boost::json::value jv;
  build(jv, part);
  return jv;
}
inline boost::json::value id_value(const message_id& id) {
  if (id.quoted) return boost::json::value(std::to_string(id.value));
  return boost::json::value(id.value);
}
inline void put(boost::json::object& o, std::string_view key, const std::optional<std::string_view>& s) {
  if (s) o.emplace(key, *s);
}

// Key order follows the SDK templates (§B.5) for uplink messages and the platform examples
// (§B.2.2 [A4], §B.2.4) for downlink ones. Keys whose place no example shows come last.

inline void build(boost::json::value& jv, const package_file& f) {
  boost::json::object o;
  put(o, "fileName", f.name);
  if (f.size) o.emplace("fileSize", static_cast<std::int64_t>(*f.size));
  put(o, "fileUrl", f.url);
  put(o, "fileSign", f.sign);
  jv = std::move(o);
}

inline void build(boost::json::value& jv, const package& p) {
  boost::json::object o;
  // As int64, like Boost.JSON's parser: the DOM decoder reads sizes as int64 (see detail/decode.hpp).
  o.emplace("size", static_cast<std::int64_t>(p.size));
  put(o, "sign", p.sign);
  o.emplace("version", p.version);
  if (p.is_diff) o.emplace("isDiff", 1);
  put(o, "url", p.url);
  if (p.sign_method) o.emplace("signMethod", to_sign_method(*p.sign_method));
  put(o, "md5", p.md5);
  put(o, "module", p.module);
  if (!p.ext_data.empty()) o.emplace("extData", json::to_value(p.ext_data));
  put(o, "digestsign", p.digestsign);
  put(o, "dProtocol", p.download_protocol);
  if (p.stream_id) o.emplace("streamId", *p.stream_id);
  if (p.stream_file_id) o.emplace("streamFileId", *p.stream_file_id);
  if (p.has_files) {
    boost::json::array files;
    for (const auto& f : p.files()) files.push_back(part_value(f));
    o.emplace("files", std::move(files));
  }
  jv = std::move(o);
}

inline void build(boost::json::value& jv, const inform& m) {
  boost::json::object params;
  params.emplace("version", m.version);
  put(params, "module", m.module);
  jv = boost::json::object{{"id", id_value(m.id)}, {"params", std::move(params)}};
}

inline void build(boost::json::value& jv, const version_request& m) {
  build(jv, inform{m.id, m.version, m.module});
}

inline void build(boost::json::value& jv, const progress& m) {
  boost::json::object params;
  params.emplace("step", std::to_string(m.step));  // quoted, as both SDKs send it
  put(params, "desc", m.desc);
  put(params, "module", m.module);
  jv = boost::json::object{{"id", id_value(m.id)}, {"params", std::move(params)}};
}

inline void build(boost::json::value& jv, const upgrade& m) {
  boost::json::object o;
  o.emplace("code", "1000");
  o.emplace("data", part_value(m.data));
  o.emplace("id", id_value(m.id));
  put(o, "message", m.message);
  jv = std::move(o);
}

inline void build(boost::json::value& jv, const firmware_get& m) {
  boost::json::object o;
  o.emplace("id", id_value(m.id));
  put(o, "version", m.version);
  boost::json::object params;
  put(params, "module", m.module);
  o.emplace("params", std::move(params));
  if (m.has_method) o.emplace("method", firmware_get_method);
  jv = std::move(o);
}

inline void build(boost::json::value& jv, const firmware_get_reply& m) {
  boost::json::object o;
  o.emplace("id", id_value(m.id));
  o.emplace("code", m.code);
  if (m.data) {
    o.emplace("data", part_value(*m.data));
  } else {
    o.emplace("data", boost::json::object{});
  }
  put(o, "message", m.message);
  jv = std::move(o);
}
///@}

}  // namespace otawire_test::reference::alibaba_docs

namespace otawire_test::reference::huawei_docs {
using namespace otawire::huawei;
namespace json = otawire::json;
using otawire::direction;
inline boost::json::string_view bj(std::string_view s) { return {s.data(), s.size()}; }

inline void put_opt(boost::json::object& o, std::string_view key, const std::optional<std::string_view>& v) {
  if (v) o.emplace(bj(key), bj(*v));
}
inline void put_opt(boost::json::object& o, std::string_view key, const std::optional<std::int64_t>& v) {
  if (v) o.emplace(bj(key), *v);
}
inline void put_raw(boost::json::object& o, std::string_view key, const json::raw_json& r) {
  if (!r.empty()) o.emplace(bj(key), json::to_value(r));
}

inline boost::json::value paras_value(const event& e, profile prof) {
  boost::json::object o;
  switch (e.kind) {
    case event_kind::version_query: {
      const auto& q = std::get<version_query>(e.paras);
      if (q.form == paras_form::null) return nullptr;
      put_opt(o, "task_id", q.task_id);
      put_opt(o, "sub_device_count", q.sub_device_count);
      put_raw(o, "task_ext_info", q.task_ext_info);
      break;
    }
    case event_kind::version_report: {
      const auto& r = std::get<version_report>(e.paras);
      if (prof == profile::python) {  // Python: fw_version, sw_version; C and Go: sw_version first
        put_opt(o, "fw_version", r.fw_version);
        put_opt(o, "sw_version", r.sw_version);
      } else {
        put_opt(o, "sw_version", r.sw_version);
        put_opt(o, "fw_version", r.fw_version);
      }
      break;
    }
    case event_kind::upgrade_progress_report: {
      const auto& p = std::get<progress_report>(e.paras);
      o.emplace("result_code", p.result_code);
      if (prof == profile::python) {  // Python: result_code, version, progress, description
        o.emplace("version", bj(p.version));
        if (p.progress) o.emplace("progress", *p.progress);
      } else {
        if (p.progress) o.emplace("progress", *p.progress);
        o.emplace("version", bj(p.version));
      }
      put_opt(o, "description", p.description);
      break;
    }
    case event_kind::other_service: {
      const auto& x = std::get<other_service_event>(e.paras);
      return json::to_value(x.paras);
    }
    default: {  // the platform's order (both real captures), then the doc's for the rest
      const auto& u = std::get<upgrade_notification>(e.paras);
      o.emplace("version", bj(u.version));
      o.emplace("url", bj(u.url));
      o.emplace("file_size", u.file_size);
      put_opt(o, "file_name", u.file_name);
      put_opt(o, "access_token", u.access_token);
      put_opt(o, "expires", u.expires);
      put_opt(o, "sign", u.sign);
      put_opt(o, "custom_info", u.custom_info);
      put_opt(o, "task_id", u.task_id);
      put_opt(o, "sub_device_count", u.sub_device_count);
      put_raw(o, "task_ext_info", u.task_ext_info);
      break;
    }
  }
  return o;
}

inline boost::json::value event_value(const event& e, profile prof) {
  boost::json::object o;
  const auto time = [&] {
    if (e.time) o.emplace("event_time", bj(e.time->text));
  };
  const auto paras = [&] {
    if (otawire::huawei::detail::has_paras(e)) o.emplace("paras", paras_value(e, prof));
  };
  const auto event_id = [&] {
    if (e.event_id) o.emplace("event_id", bj(*e.event_id));
    else if (prof == profile::python) o.emplace("event_id", nullptr);
  };
  if (prof == profile::c_sdk) {  // cJSON: service_id, event_time, event_type, paras
    o.emplace("service_id", bj(e.service_id));
    time();
    o.emplace("event_type", bj(e.event_type));
    paras();
    if (e.event_id) o.emplace("event_id", bj(*e.event_id));
  } else if (prof == profile::python) {  // service_id, event_type, event_time, event_id, paras
    o.emplace("service_id", bj(e.service_id));
    o.emplace("event_type", bj(e.event_type));
    time();
    event_id();
    paras();
  } else if (direction_of(e.kind) == direction::platform_to_device) {  // the platform: event_type first
    o.emplace("event_type", bj(e.event_type));
    o.emplace("service_id", bj(e.service_id));
    time();
    paras();
    event_id();
  } else {  // Go SDK: service_id, event_type, event_time, paras
    o.emplace("service_id", bj(e.service_id));
    o.emplace("event_type", bj(e.event_type));
    time();
    paras();
    event_id();
  }
  return o;
}

/// The message as a Boost.JSON value, keys in `prof`'s order (no checks: see `check`). Printed in
/// `prof`'s layout it is what `encode(m, prof)` writes.
inline boost::json::value value_of(const message& m, profile prof = profile::compact) {
  boost::json::object root;
  if (m.object_device_id) root.emplace("object_device_id", bj(*m.object_device_id));
  boost::json::array services;
  for (const auto& e : m.events()) services.push_back(event_value(e, prof));
  root.emplace("services", std::move(services));
  return root;
}

}  // namespace otawire_test::reference::huawei_docs

namespace otawire_test::reference {
/// Any message (or message type) of Tencent, CTWing, JetLinks or Alibaba as a value.
template <class T>
boost::json::value value_of(const T& m) {
  using alibaba_docs::build;
  using ctwing_docs::build;
  using jetlinks_docs::build;
  using tencent_docs::build;
  boost::json::value jv;
  if constexpr (is_variant<T>) {
    std::visit([&jv](const auto& x) { build(jv, x); }, m);
  } else {
    build(jv, m);
  }
  return jv;
}
/// A Huawei message as a value, keys in `prof`'s order.
using huawei_docs::value_of;
}  // namespace otawire_test::reference

#endif
