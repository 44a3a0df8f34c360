// otawire::huawei — the generic decoder (one template over both JSON backends).
#ifndef OTAWIRE_HUAWEI_DETAIL_DECODE_HPP
#define OTAWIRE_HUAWEI_DETAIL_DECODE_HPP

#include <otawire/huawei/detail/time.hpp>
#include <otawire/json/fields.hpp>
#include <otawire/huawei/messages.hpp>
#include <otawire/json/dom.hpp>
#include <otawire/json/simd.hpp>

#include <array>
#include <cstdint>
#include <limits>
#include <optional>
#include <string_view>

namespace otawire::huawei::detail {

// JSON paths named by errors (string literals: errors keep views to them).
inline constexpr std::string_view p_object_device_id = "object_device_id";
inline constexpr std::string_view p_services = "services";
inline constexpr std::string_view p_service = "services[]";
inline constexpr std::string_view p_service_id = "services[].service_id";
inline constexpr std::string_view p_event_type = "services[].event_type";
inline constexpr std::string_view p_event_time = "services[].event_time";
inline constexpr std::string_view p_event_id = "services[].event_id";
inline constexpr std::string_view p_paras = "services[].paras";
inline constexpr std::string_view p_task_id = "services[].paras.task_id";
inline constexpr std::string_view p_sub_device_count = "services[].paras.sub_device_count";
inline constexpr std::string_view p_task_ext_info = "services[].paras.task_ext_info";
inline constexpr std::string_view p_sw_version = "services[].paras.sw_version";
inline constexpr std::string_view p_fw_version = "services[].paras.fw_version";
inline constexpr std::string_view p_version = "services[].paras.version";
inline constexpr std::string_view p_url = "services[].paras.url";
inline constexpr std::string_view p_file_size = "services[].paras.file_size";
inline constexpr std::string_view p_file_name = "services[].paras.file_name";
inline constexpr std::string_view p_access_token = "services[].paras.access_token";
inline constexpr std::string_view p_expires = "services[].paras.expires";
inline constexpr std::string_view p_sign = "services[].paras.sign";
inline constexpr std::string_view p_custom_info = "services[].paras.custom_info";
inline constexpr std::string_view p_result_code = "services[].paras.result_code";
inline constexpr std::string_view p_progress = "services[].paras.progress";
inline constexpr std::string_view p_description = "services[].paras.description";

/// 64 hex digits, either case (§A.5: the C SDK prints lowercase, Java compares ignoring case): the
/// SHA-256 rule every family shares (json/fields.hpp).
[[nodiscard]] constexpr bool is_sha256_hex(std::string_view s) noexcept { return json::fields::is_sha256_hex(s); }

/// The kind of a `services[]` element from its `service_id` and `event_type`; empty for an
/// unknown `$ota` event type.
[[nodiscard]] constexpr std::optional<event_kind> classify(std::string_view service_id, std::string_view type) noexcept {
  if (service_id != ota_service_id) return event_kind::other_service;
  return ota_event_kind(type);
}

/// An optional string field: absent or `null` (the Java SDK serialises unset fields as null)
/// decode to nullopt.
template <class Value>
result<std::optional<std::string_view>> optional_string(Value& v, text_id path) {
  auto n = v.null(path);
  if (!n) return n.error();
  if (*n) return std::optional<std::string_view>{};
  auto s = v.string(path);
  if (!s) return s.error();
  return std::optional<std::string_view>(*s);
}

/// An integer field within [lo, hi]; `lenient` also accepts it as a decimal string.
template <class Value>
result<std::int64_t> integer(Value& v, text_id path, std::int64_t lo, std::int64_t hi, bool lenient = false) {
  auto n = lenient ? v.int64_lenient(path) : v.int64(path);
  if (!n) return n.error();
  return json::in_range<std::int64_t>(*n, lo, hi, path, v.offset());
}

inline constexpr std::int64_t int64_max = std::numeric_limits<std::int64_t>::max();
inline constexpr std::int64_t int32_min = std::numeric_limits<std::int32_t>::min();
inline constexpr std::int64_t int32_max = std::numeric_limits<std::int32_t>::max();

/// `task_ext_info`: an object (the platform), or a string (Python types it `Union[str, dict]`),
/// kept as sent; `null` is absent.
template <class Value>
result<json::raw_json> task_ext_info(Value& v) {
  auto k = v.type(p_task_ext_info);
  if (!k) return k.error();
  if (*k == json::kind::null) {
    auto n = v.null(p_task_ext_info);
    if (!n) return n.error();
    return json::raw_json{};
  }
  if (*k != json::kind::object && *k != json::kind::string) return fail(errc::wrong_type, p_task_ext_info, v.offset());
  return v.raw(p_task_ext_info);
}

// Each paras decoder fills `out` in place (starting from a fresh value: a repeated `paras` key
// replaces the whole object, as in both backends) — copying events around costs more than the
// JSON walk on small messages.
template <class Value>
result<void> decode_version_query(Value& v, version_query& q) {
  q = version_query{};
  auto walked = v.object_for_each(p_paras, [&](json::key_view key, auto& f) OTAWIRE_JSON_VISITOR -> result<bool> {
    if (key == "task_id") {
      auto s = optional_string(f, p_task_id);
      if (!s) return s.error();
      q.task_id = *s;
      return true;
    }
    if (key == "sub_device_count") {
      auto n = f.null(p_sub_device_count);
      if (!n) return n.error();
      if (*n) {
        q.sub_device_count.reset();
        return true;
      }
      auto c = integer(f, p_sub_device_count, 0, int64_max, true);  // Go types it string (§A.3.3)
      if (!c) return c.error();
      q.sub_device_count = *c;
      return true;
    }
    if (key == "task_ext_info") {
      auto r = task_ext_info(f);
      if (!r) return r.error();
      q.task_ext_info = *r;
      return true;
    }
    return false;
  });
  return walked;
}

template <class Value>
result<void> decode_version_report(Value& v, version_report& r) {
  r = version_report{};
  auto walked = v.object_for_each(p_paras, [&](json::key_view key, auto& f) OTAWIRE_JSON_VISITOR -> result<bool> {
    if (key == "sw_version") {
      auto s = optional_string(f, p_sw_version);
      if (!s) return s.error();
      r.sw_version = *s;
      return true;
    }
    if (key == "fw_version") {
      auto s = optional_string(f, p_fw_version);
      if (!s) return s.error();
      r.fw_version = *s;
      return true;
    }
    return false;
  });
  return walked;
}

template <class Value>
result<void> decode_upgrade(Value& v, event_kind kind, upgrade_notification& u) {
  u = upgrade_notification{};
  bool has_version = false, has_url = false, has_file_size = false;
  auto opt_int = [](auto& f, text_id path, std::optional<std::int64_t>& out, bool lenient) -> result<bool> {
    auto n = f.null(path);
    if (!n) return n.error();
    if (*n) {
      out.reset();
      return true;
    }
    auto c = integer(f, path, 0, int64_max, lenient);
    if (!c) return c.error();
    out = *c;
    return true;
  };
  auto opt_str = [](auto& f, text_id path, std::optional<std::string_view>& out) -> result<bool> {
    auto s = optional_string(f, path);
    if (!s) return s.error();
    out = *s;
    return true;
  };
  auto walked = v.object_for_each(p_paras, [&](json::key_view key, auto& f) OTAWIRE_JSON_VISITOR -> result<bool> {
    if (key == "version") {
      auto s = f.string(p_version);
      if (!s) return s.error();
      u.version = *s;
      has_version = true;
      return true;
    }
    if (key == "url") {
      auto s = f.string(p_url);
      if (!s) return s.error();
      // An https download address [H3]: the download-URL rule every family shares.
      if (!json::fields::is_download_url(*s)) return fail(errc::invalid_value, p_url, f.offset());
      u.url = *s;
      has_url = true;
      return true;
    }
    if (key == "file_size") {
      // int64: C reads an int, Java a long, Go an int (§A.3.3).
      auto n = integer(f, p_file_size, 0, int64_max);
      if (!n) return n.error();
      u.file_size = *n;
      has_file_size = true;
      return true;
    }
    if (key == "sign") {
      auto s = optional_string(f, p_sign);
      if (!s) return s.error();
      if (*s && !is_sha256_hex(**s)) return fail(errc::bad_string, p_sign, f.offset());
      u.sign = *s;
      return true;
    }
    if (key == "file_name") return opt_str(f, p_file_name, u.file_name);
    if (key == "access_token") return opt_str(f, p_access_token, u.access_token);
    if (key == "custom_info") return opt_str(f, p_custom_info, u.custom_info);
    if (key == "task_id") return opt_str(f, p_task_id, u.task_id);
    if (key == "expires") return opt_int(f, p_expires, u.expires, false);
    if (key == "sub_device_count") return opt_int(f, p_sub_device_count, u.sub_device_count, true);
    if (key == "task_ext_info") {
      auto r = task_ext_info(f);
      if (!r) return r.error();
      u.task_ext_info = *r;
      return true;
    }
    return false;
  });
  if (!walked) return walked.error();
  if (!has_version) return fail(errc::missing_field, p_version, v.offset());
  if (!has_url) return fail(errc::missing_field, p_url, v.offset());
  if (!has_file_size) return fail(errc::missing_field, p_file_size, v.offset());
  // v1 packages are always signed (doc: required; every capture has it); v2 may omit it (§A.3.4).
  if (!u.sign && !is_v2(kind)) return fail(errc::missing_field, p_sign, v.offset());
  return ok();
}

template <class Value>
result<void> decode_progress(Value& v, progress_report& p) {
  p = progress_report{};
  bool has_result_code = false, has_version = false;
  auto walked = v.object_for_each(p_paras, [&](json::key_view key, auto& f) OTAWIRE_JSON_VISITOR -> result<bool> {
    if (key == "result_code") {
      // Any int: users may extend the codes (§A.4); the encoder is the strict side.
      auto n = integer(f, p_result_code, int32_min, int32_max);
      if (!n) return n.error();
      p.result_code = static_cast<std::int32_t>(*n);
      has_result_code = true;
      return true;
    }
    if (key == "progress") {
      auto n = f.null(p_progress);
      if (!n) return n.error();
      if (*n) {
        p.progress.reset();
        return true;
      }
      auto c = integer(f, p_progress, 0, 100);  // 0–100 [H4]; the C SDK refuses others
      if (!c) return c.error();
      p.progress = static_cast<std::int32_t>(*c);
      return true;
    }
    if (key == "version") {
      auto s = f.string(p_version);
      if (!s) return s.error();
      p.version = *s;
      has_version = true;
      return true;
    }
    if (key == "description") {
      auto s = optional_string(f, p_description);
      if (!s) return s.error();
      p.description = *s;
      return true;
    }
    return false;
  });
  if (!walked) return walked.error();
  if (!has_result_code) return fail(errc::missing_field, p_result_code, v.offset());
  if (!has_version) return fail(errc::missing_field, p_version, v.offset());
  return ok();
}

using paras_variant = decltype(event{}.paras);

/// Decodes a present `paras` value for an event of kind `kind` into `out`.
template <class Value>
result<void> decode_paras(Value& v, event_kind kind, paras_variant& out) {
  if (kind == event_kind::other_service) {
    auto r = v.raw(p_paras);
    if (!r) return r.error();
    out.emplace<other_service_event>(other_service_event{*r});
    return ok();
  }
  auto n = v.null(p_paras);
  if (!n) return n.error();
  if (*n) {
    // `"paras":null` is what the platform sends for version_query (real capture, §A.3.1).
    if (kind == event_kind::version_query) {
      out.emplace<version_query>(version_query{paras_form::null, {}, {}, {}});
      return ok();
    }
    return fail(errc::missing_field, p_paras, v.offset());
  }
  switch (kind) {
    case event_kind::version_query: return decode_version_query(v, out.emplace<version_query>());
    case event_kind::version_report: return decode_version_report(v, out.emplace<version_report>());
    case event_kind::upgrade_progress_report: return decode_progress(v, out.emplace<progress_report>());
    default: return decode_upgrade(v, kind, out.emplace<upgrade_notification>());
  }
}

using kind_hints = std::array<std::optional<event_kind>, max_services>;

/// Decodes one `services[]` element.
///
/// `event_type` may come after `paras` (and `service_id` after `event_type`: the platform's own
/// order is `event_type, service_id, event_time, paras`, §A.3.1). When both are known by the time
/// `paras` is reached — every real message — `paras` is decoded in place. Otherwise `paras` is
/// skipped and the element is `deferred`: the caller decodes the whole document again with the
/// element's kind as a `hint` (see decode_message for why not a reparse of `paras` alone).
/// `final_kind` receives the element's kind when it could be determined.
template <class Value>
result<void> decode_service(Value& v, std::optional<event_kind> hint, std::optional<event_kind>& final_kind,
                            bool& deferred, event& e) {
  e.service_id = ota_service_id;
  e.event_type = event_type_names[0];
  e.time.reset();
  e.event_id.reset();
  bool has_service_id = false, has_type = false;
  std::size_t type_offset = v.offset();
  std::optional<std::string_view> time_text;
  std::size_t time_offset = v.offset();
  enum class paras_state : std::uint8_t { absent, skipped, decoded };
  paras_state paras = paras_state::absent;
  std::optional<event_kind> paras_kind;
  result<void> paras_value = ok();

  auto walked = v.object_for_each(p_service, [&](json::key_view key, auto& f) OTAWIRE_JSON_VISITOR -> result<bool> {
    if (key == "service_id") {
      auto s = f.string(p_service_id);
      if (!s) return s.error();
      e.service_id = *s;
      has_service_id = true;
      return true;
    }
    if (key == "event_type") {
      type_offset = f.offset();
      auto s = f.string(p_event_type);
      if (!s) return s.error();
      e.event_type = *s;
      has_type = true;
      return true;
    }
    if (key == "event_time") {
      time_offset = f.offset();
      auto s = optional_string(f, p_event_time);
      if (!s) return s.error();
      time_text = *s;
      return true;
    }
    if (key == "event_id") {
      auto s = optional_string(f, p_event_id);
      if (!s) return s.error();
      e.event_id = *s;
      return true;
    }
    if (key == "paras") {
      const std::optional<event_kind> kind =
          hint ? hint : (has_service_id && has_type ? classify(e.service_id, e.event_type) : std::nullopt);
      if (!kind) {
        paras = paras_state::skipped;  // validated and skipped by the walk
        return false;
      }
      // A paras error is held until the element's kind is final (a later duplicate `event_type`
      // may change it); only malformed JSON stops the walk. The result is looked at, not copied
      // whole: g++ copies it with one wide load after the callee's narrow stores, a
      // store-forwarding stall on every event.
      if (auto r = decode_paras(f, *kind, e.paras); r) {
        paras_value = ok();
      } else {
        if (r.error().code() == errc::malformed_json) return r.error();
        paras_value = r.error();
      }
      paras = paras_state::decoded;
      paras_kind = kind;
      return true;
    }
    return false;
  });
  if (!walked) return walked.error();
  if (!has_service_id) return fail(errc::missing_field, p_service_id, v.offset());
  if (!has_type) return fail(errc::missing_field, p_event_type, v.offset());
  const auto kind = classify(e.service_id, e.event_type);
  if (!kind) return fail(errc::unknown_message, p_event_type, type_offset);
  final_kind = kind;
  e.kind = *kind;

  if (time_text) {
    event_time t{*time_text, parse_event_time(*time_text)};
    // The platform always sends the documented form; a device's malformed time is replaced by
    // the receive time on the platform (§A.2), so only downlink events must conform.
    if (!t.utc && direction_of(*kind) == direction::platform_to_device) {
      return fail(errc::invalid_value, p_event_time, time_offset);
    }
    e.time = t;
  }

  switch (paras) {
    case paras_state::absent:
      if (*kind == event_kind::version_query) {
        e.paras = version_query{paras_form::absent, {}, {}, {}};
      } else if (*kind == event_kind::other_service) {
        e.paras = other_service_event{};
      } else {
        return fail(errc::missing_field, p_paras, v.offset());
      }
      break;
    case paras_state::skipped: deferred = true; break;
    case paras_state::decoded:
      if (paras_kind != kind) {
        deferred = true;
        break;
      }
      if (!paras_value) return paras_value.error();
      break;
  }
  return ok();
}

/// Walks the root object of a message (a document in the first pass, a value in the second).
template <class Root>
result<void> decode_root(Root& root, message& m, const kind_hints* hints, kind_hints& kinds, bool& deferred) {
  bool has_services = false;
  auto on_key = [&](json::key_view key, auto& f) OTAWIRE_JSON_VISITOR -> result<bool> {
    if (key == "object_device_id") {
      auto s = optional_string(f, p_object_device_id);
      if (!s) return s.error();
      m.object_device_id = *s;
      return true;
    }
    if (key == "services") {
      // A repeated `services` key starts over: the last one wins, as in both backends.
      m.count = 0;
      kinds = {};
      deferred = false;
      std::size_t index = 0;
      auto each = f.array_for_each(p_services, [&](auto& element) -> result<void> {
        const std::size_t k = index++;
        std::optional<event_kind> final_kind;
        bool element_deferred = false;
        std::optional<event> spare;  // only for elements beyond the bound (validated, then refused)
        event& slot = k < max_services ? m.storage[k] : spare.emplace();
        auto ev = decode_service(element, k < max_services && hints != nullptr ? (*hints)[k] : std::nullopt,
                                 final_kind, element_deferred, slot);
        if (!ev) return ev;
        if (k >= max_services) return fail(errc::out_of_range, p_services, element.offset());
        kinds[k] = final_kind;
        deferred = deferred || element_deferred;
        m.count = k + 1;
        return ok();
      });
      if (!each) return each.error();
      has_services = true;
      return true;
    }
    return false;
  };
  result<void> walked = ok();
  if constexpr (requires { root.object_for_each(std::string_view{}, on_key); }) {
    walked = root.object_for_each(std::string_view{}, on_key);
  } else {
    walked = root.object_for_each(on_key);
  }
  if (!walked) return walked;
  if (!has_services) return fail(errc::missing_field, p_services, 0);
  return ok();
}

template <class F>
auto reparse_whole(json::simd_document& d, const json::raw_json& whole, F&& f) {
  return json::simd_value::reparse(d.context(), whole, std::forward<F>(f));
}
template <class F>
auto reparse_whole(json::dom_document& d, const json::raw_json& whole, F&& f) {
  return json::dom_value::reparse(d.context(), whole, std::forward<F>(f));
}

/// Decodes a message from `doc`; `whole` is the same document as a raw value (its text for the
/// simdjson backend, its root node for the DOM backend), used only in the rare second pass.
///
/// Why a second pass over the whole document rather than a reparse of each deferred `paras`:
/// strings decoded by a simdjson reparse live in the layer's one nested parser, which the next
/// reparse overwrites. One reparse per message keeps every view valid until the next message,
/// however many events the message carries.
template <class Document>
result<void> decode_message_into(Document& doc, const json::raw_json& whole, message& m) {
  kind_hints kinds{};
  bool deferred = false;
  m.object_device_id.reset();
  m.count = 0;
  if (auto first = decode_root(doc, m, nullptr, kinds, deferred); !first || !deferred) return first;
  return reparse_whole(doc, whole, [&](auto& root) -> result<void> {
    kind_hints again{};
    bool still_deferred = false;
    m.object_device_id.reset();
    m.count = 0;
    auto second = decode_root(root, m, &kinds, again, still_deferred);
    if (second && still_deferred) return fail(errc::invalid_value, p_paras);  // cannot happen: all kinds hinted
    return second;
  });
}

}  // namespace otawire::huawei::detail

#endif
