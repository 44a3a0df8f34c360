#include "inspect/events.hpp"

#include <otawire/hex.hpp>

#include <string>
#include <variant>

namespace otawire::inspect {
namespace {
namespace ota = otawire::ota;

std::string_view name(ota::answer_subject s) {
  switch (s) {
    case ota::answer_subject::offer: return "offer";
    case ota::answer_subject::install: return "install";
    case ota::answer_subject::cancel: return "cancel";
  }
  return "?";
}

std::string_view name(ota::phase p) {
  switch (p) {
    case ota::phase::offer: return "offer";
    case ota::phase::download: return "download";
    case ota::phase::install: return "install";
    case ota::phase::unspecified: return "unspecified";
  }
  return "?";
}

std::string_view name(ota::verification v) {
  switch (v) {
    case ota::verification::unknown: return "unknown";
    case ota::verification::verified: return "verified";
    case ota::verification::unverified: return "unverified";
  }
  return "?";
}

std::string_view name(ota::ack_subject s) {
  switch (s) {
    case ota::ack_subject::version_report: return "version_report";
    case ota::ack_subject::download_finished: return "download_finished";
    case ota::ack_subject::outcome: return "outcome";
  }
  return "?";
}

std::string_view name(ota::chunk_status s) {
  switch (s) {
    case ota::chunk_status::data: return "data";
    case ota::chunk_status::task_not_found: return "task_not_found";
    case ota::chunk_status::fragment_not_found: return "fragment_not_found";
  }
  return "?";
}

std::string_view name(ota::digest_algorithm a) {
  switch (a) {
    case ota::digest_algorithm::none: return "none";
    case ota::digest_algorithm::md5: return "md5";
    case ota::digest_algorithm::sha256: return "sha256";
  }
  return "?";
}

std::string_view name(ota::source_kind k) {
  switch (k) {
    case ota::source_kind::none: return "none";
    case ota::source_kind::fragments: return "fragments";
    case ota::source_kind::url: return "url";
    case ota::source_kind::push: return "push";
  }
  return "?";
}

std::string_view name(ota::url_auth a) {
  switch (a) {
    case ota::url_auth::none: return "none";
    case ota::url_auth::presigned: return "presigned";
    case ota::url_auth::query_token: return "query_token";
    case ota::url_auth::bearer: return "bearer";
  }
  return "?";
}

std::string_view name(ota::component_kind k) {
  switch (k) {
    case ota::component_kind::firmware: return "firmware";
    case ota::component_kind::software: return "software";
    case ota::component_kind::unspecified: return "unspecified";
  }
  return "?";
}

void put_text(boost::json::object& o, std::string_view key, std::string_view text) {
  if (!text.empty()) o[key] = text;
}

boost::json::object package_json(const ota::package_ref& p) {
  boost::json::object o;
  put_text(o, "version", p.version);
  if (const auto size = p.exact_size()) {
    o["size"] = *size;
  } else if (p.max_size != 0) {
    o["min_size"] = p.min_size;
    o["max_size"] = p.max_size;
  }
  if (p.package_digest.algorithm != ota::digest_algorithm::none) {
    o["digest"] = {{"algorithm", name(p.package_digest.algorithm)}, {"hex", p.package_digest.hex}};
  }
  boost::json::object source{{"kind", name(p.source.kind)}};
  if (p.source.fragment_count != 0) {
    source["fragment_size"] = p.source.fragment_size;
    source["fragment_count"] = p.source.fragment_count;
  }
  put_text(source, "url", p.source.url);
  if (p.source.auth != ota::url_auth::none) source["auth"] = name(p.source.auth);
  o["source"] = std::move(source);
  put_text(o, "file_name", p.file_name);
  if (p.is_diff) o["is_diff"] = *p.is_diff;
  if (p.policy.severity) o["severity"] = *p.policy.severity;
  if (p.policy.max_defer_seconds) o["max_defer_seconds"] = *p.policy.max_defer_seconds;
  if (p.policy.automatic_upgrade) o["automatic_upgrade"] = *p.policy.automatic_upgrade;
  put_text(o, "extras", p.extras);
  return o;
}

struct body_writer {
  boost::json::object& o;
  void operator()(const ota::version_query&) const {}
  void operator()(const ota::version_report& r) const {
    o["version"] = r.first.version;
    put_text(o, "module", r.first.part.module);
    if (r.second) o["second"] = {{"module", r.second->part.module}, {"version", r.second->version}};
    o["solicited"] = r.solicited;
  }
  void operator()(const ota::upgrade_request& r) const {
    put_text(o, "current_version", r.current_version);
    put_text(o, "requested_version", r.requested_version);
  }
  void operator()(const ota::upgrade_offer& r) const {
    o["package"] = package_json(r.package);
    o["solicited"] = r.solicited;
  }
  void operator()(const ota::no_upgrade&) const {}
  void operator()(const ota::accepted& r) const { o["subject"] = name(r.subject); }
  void operator()(const ota::refused& r) const {
    o["subject"] = name(r.subject);
    o["reason"] = ota::name(r.why);
  }
  void operator()(const ota::progress& r) const {
    o["phase"] = name(r.stage);
    if (r.percent) o["percent"] = *r.percent;
    if (r.fragment) o["fragment"] = {{"index", r.fragment->index}, {"count", r.fragment->count}};
    if (r.bytes) o["bytes"] = *r.bytes;
  }
  void operator()(const ota::download_finished& r) const {
    o["verification"] = name(r.checked);
    put_text(o, "package_version", r.package_version);
  }
  void operator()(const ota::install_request&) const {}
  void operator()(const ota::succeeded& r) const { put_text(o, "new_version", r.new_version); }
  void operator()(const ota::failed& r) const {
    o["phase"] = name(r.stage);
    o["reason"] = ota::name(r.why);
    put_text(o, "version_at_failure", r.version_at_failure);
  }
  void operator()(const ota::cancel& r) const { o["mode"] = r.mode == ota::cancel_mode::cancel ? "cancel" : "reset"; }
  void operator()(const ota::ack& r) const {
    o["of"] = name(r.of);
    o["ok"] = r.ok;
    if (!r.ok) o["reason"] = ota::name(r.why);
  }
  void operator()(const ota::chunk_request& r) const {
    o["index"] = r.index;
    put_text(o, "version", r.version);
  }
  void operator()(const ota::chunk& r) const {
    o["status"] = name(r.status);
    o[r.by_offset ? "offset" : "index"] = r.position;
    o["size"] = r.bytes.size();
  }
};
}  // namespace

boost::json::object event_json(const ota::event& e) {
  boost::json::object o;
  o["event"] = ota::name(e.kind());
  o["direction"] = otawire::name(e.head.dir);
  std::visit(body_writer{o}, e.body);
  const auto& device = e.head.device;
  if (!device.product.empty() || !device.device.empty() || !device.child.empty()) {
    boost::json::object d;
    put_text(d, "product", device.product);
    put_text(d, "device", device.device);
    put_text(d, "child", device.child);
    o["device"] = std::move(d);
  }
  if (e.head.part.kind != ota::component_kind::unspecified) o["component"] = name(e.head.part.kind);
  put_text(o, "module", e.head.part.module);
  put_text(o, "task_id", e.head.upgrade_task.task_id);
  put_text(o, "firmware_id", e.head.upgrade_task.firmware_id);
  o["fidelity"] = ota::name(e.mapped);
  if (e.made_by != nullptr) o["rule"] = e.made_by->name();
  return o;
}

void add_events(const otawire::result<std::size_t>& produced, std::span<const ota::event> events, record& out) {
  out.events_mapped = true;
  if (!produced) {
    out.events_error = std::string(otawire::name(produced.error().code())) + " at " +
                       std::string(produced.error().where());
    return;
  }
  for (std::size_t i = 0; i < *produced && i < events.size(); ++i) out.events.push_back(event_json(events[i]));
}

void event_context::observe(std::span<const ota::event> events) {
  for (const auto& e : events) {
    switch (e.kind()) {
      case ota::event_kind::upgrade_offer:
        target_version = std::string(std::get<ota::upgrade_offer>(e.body).package.version);
        progress_reported = false;
        break;
      case ota::event_kind::progress:
      case ota::event_kind::accepted:
      case ota::event_kind::download_finished: progress_reported = true; break;
      case ota::event_kind::version_query: query_pending = true; break;
      case ota::event_kind::version_report: query_pending = false; break;
      case ota::event_kind::refused:
        if (std::get<ota::refused>(e.body).why == ota::reason::deferred) break;  // not terminal
        [[fallthrough]];
      case ota::event_kind::succeeded:
      case ota::event_kind::failed:
      case ota::event_kind::no_upgrade:
      case ota::event_kind::cancel:
        target_version.clear();  // the upgrade ended: no offer is active
        progress_reported = false;
        break;
      default: break;
    }
  }
}

}  // namespace otawire::inspect
