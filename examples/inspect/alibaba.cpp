// otawire-inspect plug-in for Alibaba Link OTA: `alibaba <topic> <json>`. The topic decides the
// message (and carries the device: a gateway's sub-devices publish on their own pk/dn); every
// message feeds one validator that keeps a state machine per (device, module), so one capture
// file can hold a gateway and its children. `session_state` is the state of the (device, module)
// the line concerned.
#include "inspect/events.hpp"
#include "inspect/json_backend.hpp"
#include "inspect/record.hpp"

#include <otawire/ota/alibaba.hpp>

#include <otawire/alibaba.hpp>

#include <map>
#include <string>

namespace otawire::inspect {
namespace {
namespace ab = otawire::alibaba;

std::string text(std::string_view s) { return std::string(s); }

boost::json::value id_value(const ab::message_id& id) {
  if (id.quoted) return boost::json::value(std::to_string(id.value));
  return boost::json::value(id.value);
}

void put_package(boost::json::object& o, const ab::package& p) {
  o["version"] = text(p.version);
  o["size"] = p.size;
  o["module"] = text(p.module_name());
  if (p.url) o["url"] = text(*p.url);
  if (p.sign_method) o["sign_method"] = text(ab::to_sign_method(*p.sign_method));
  if (p.sign) o["sign"] = text(*p.sign);
  if (p.md5) o["md5"] = text(*p.md5);
  o["is_diff"] = p.is_diff;
  if (p.download_protocol) o["download_protocol"] = text(*p.download_protocol);
  if (p.stream_id) o["stream_id"] = *p.stream_id;
  if (p.stream_file_id) o["stream_file_id"] = *p.stream_file_id;
  if (p.has_files) o["file_count"] = p.file_count;
  if (!p.ext_data.empty()) o["ext_data"] = json::to_value(p.ext_data);
}

struct field_writer {
  boost::json::object& o;
  void operator()(const ab::inform& m) const {
    o["version"] = text(m.version);
    o["module"] = text(m.module_name());
  }
  void operator()(const ab::version_request& m) const {
    o["version"] = text(m.version);
    o["module"] = text(m.module_name());
  }
  void operator()(const ab::upgrade& m) const { put_package(o, m.data); }
  void operator()(const ab::progress& m) const {
    o["step"] = m.step;
    if (m.desc) o["desc"] = text(*m.desc);
    o["module"] = text(m.module_name());
  }
  void operator()(const ab::firmware_get& m) const { o["module"] = text(m.module_name()); }
  void operator()(const ab::firmware_get_reply& m) const {
    o["code"] = m.code;
    o["has_package"] = m.has_package();
    if (m.data) put_package(o, *m.data);
  }
};

class alibaba_session final : public protocol_session {
 public:
  void inspect(std::string_view rest, record& out) override {
    const auto [topic_text, payload] = split_word(rest);
    auto topic = ab::parse_topic(topic_text);
    if (!topic) {
      out.set_error(topic.error());
      finish(out);
      return;
    }
    if (payload.empty()) {
      out.set_error("malformed_line", "expected: alibaba <topic> <json>", topic_text.size());
      finish(out);
      return;
    }
    out.fields["product_key"] = text(topic->product_key);
    out.fields["device_name"] = text(topic->device_name);
    out.session_device = text(topic->product_key) + "/" + text(topic->device_name);
    ab::message m;
    if (auto r = decode(*topic, payload, m); !r) {
      out.type = text(ab::name(topic->kind));
      out.set_error(r.error());
      finish(out);
      return;
    }
    out.type = text(ab::type_name(m));
    std::visit([&](const auto& x) { out.fields["id"] = id_value(x.id); }, m);
    std::visit(field_writer{out.fields}, m);
    auto& context = contexts_[out.session_device];
    add_family_events<otawire::ota::alibaba_max_events>(
        otawire::ota::protocol::alibaba, ab::direction_of(*topic), topic->identity(), context, out,
        [&](const auto& base, auto events) { return otawire::ota::to_events(m, base, {context.target()}, events); });
    if (auto r = validator_.on(*topic, m); !r) {
      out.session_error = r.error();
    } else if (const auto* s = validator_.last();
               s != nullptr && (std::holds_alternative<ab::inform>(m) || std::holds_alternative<ab::progress>(m)) &&
               (s->state() == ab::session_state::succeeded || s->state() == ab::session_state::failed)) {
      // The device's report ended the attempt: say how (a rolled-back device: not_applied).
      out.fields["task_outcome"] = text(ab::name(s->last_outcome()));
    }
    finish(out);
  }

 private:
  void finish(record& out) const {
    out.session_state = validator_.last() ? text(validator_.last()->state_name()) : text(ab::name(ab::session_state::idle));
  }

  result<void> decode(const ab::topic& t, std::string_view payload, ab::message& m) {
#ifdef OTAWIRE_INSPECT_BOOST_JSON
    if (auto parsed = json::parse_dom(payload, json_.document); !parsed) return parsed.error();
    auto decoded = ab::decode_payload_dom(t, json_.document);
    if (!decoded) return decoded.error();
    m = std::move(*decoded);
    return {};
#else
    return ab::decode_payload_into(json_.parser, t, payload, m);
#endif
  }

  json_state json_;
  ab::session validator_;
  std::map<std::string, event_context, std::less<>> contexts_;  // the event mapping's, per device
};
}  // namespace

OTAWIRE_INSPECT_PROTOCOL(alibaba, alibaba_session)
}  // namespace otawire::inspect
