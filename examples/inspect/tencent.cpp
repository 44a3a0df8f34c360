// otawire-inspect plug-in for Tencent IoT Hub OTA: `tencent <topic> <json>` lines. Decodes with the
// fast path (the topic decides which types are legal) and feeds the session validator of the
// device the topic names (`$ota/report|update/<product>/<device>`), whose state carries across lines.
#include "inspect/events.hpp"
#include "inspect/json_backend.hpp"
#include "inspect/record.hpp"

#include <otawire/ota/tencent.hpp>

#include <otawire/tencent.hpp>

#include <map>
#include <string>

namespace otawire::inspect {
namespace {

namespace tc = otawire::tencent;

boost::json::string_view sv(std::string_view s) { return {s.data(), s.size()}; }

template <class T>
void put_optional(boost::json::object& f, std::string_view key, const std::optional<T>& v) {
  if (!v) return;
  if constexpr (std::is_same_v<T, std::string_view>) {
    f[sv(key)] = sv(*v);
  } else {
    f[sv(key)] = *v;
  }
}

void fill(boost::json::object& f, const tc::report_version& m) {
  f["version"] = sv(m.version);
  put_optional(f, "fw_type", m.fw_type);
}

void fill(boost::json::object& f, const tc::report_version_rsp& m) {
  f["result_code"] = m.result_code;
  put_optional(f, "result_msg", m.result_msg);
  put_optional(f, "version", m.version);
  put_optional(f, "fw_type", m.fw_type);
}

void fill(boost::json::object& f, const tc::update_firmware& m) {
  f["version"] = sv(m.version);
  f["url"] = sv(m.url);
  f["md5sum"] = sv(m.md5sum);
  f["file_size"] = m.file_size;
  put_optional(f, "user_defined", m.user_defined);
  put_optional(f, "task_id", m.task_id);
  put_optional(f, "fw_type", m.fw_type);
}

void fill(boost::json::object& f, const tc::report_progress& m) {
  f["state"] = sv(tc::name(m.state));
  if (m.percent) f["percent"] = *m.percent;
  f["result_code"] = m.result_code;
  if (const auto code = m.failure()) f["fail_code"] = sv(tc::name(*code));
  f["result_msg"] = sv(m.result_msg);
  f["version"] = sv(m.version);
  put_optional(f, "fw_type", m.fw_type);
  put_optional(f, "task_id", m.task_id);
}

class tencent_session final : public protocol_session {
 public:
  void inspect(std::string_view rest, record& out) override {
    const auto [topic_text, payload] = split_word(rest);
    tc::session* session = nullptr;
    if (auto t = tc::parse_topic(topic_text)) {
      out.session_device = std::string(t->product_id) + "/" + std::string(t->device_name);
      session = &sessions_[out.session_device];
    }
    if (payload.empty()) {
      out.set_error("malformed_line", "expected: tencent <topic> <json>", rest.size());
    } else if (auto e = decode(topic_text, payload); !e) {
      out.set_error(e.error());
    } else {
      out.type = std::string(tc::name(tc::type_of(e->message)));
      out.fields["product_id"] = sv(e->topic.product_id);
      out.fields["device_name"] = sv(e->topic.device_name);
      std::visit([&](const auto& m) { fill(out.fields, m); }, e->message);
      auto& context = contexts_[out.session_device];
      add_family_events<otawire::ota::tencent_max_events>(
          otawire::ota::protocol::tencent, e->dir(), e->identity(), context, out, [&](const auto& base, auto events) {
            return otawire::ota::to_events(e->message, base, {.task_id_text = context.task_id_text}, events);
          });
      if (auto r = session->on(e->message); !r) out.session_error = r.error();
    }
    if (session == nullptr) return;  // no device named: no session to report
    out.session_state = std::string(session->state_name());
    if (session->resumed() && session->state() != tc::session_state::version_reported) out.session_state += " (resumed)";
  }

 private:
  result<tc::envelope> decode(std::string_view topic_text, std::string_view payload) {
#ifdef OTAWIRE_INSPECT_BOOST_JSON
    // The topic's error comes first, as on the fast path.
    if (auto t = tc::parse_topic(topic_text); !t) return t.error();
    if (auto parsed = json::parse_dom(payload, json_.document); !parsed) return parsed.error();
    return tc::decode_dom(topic_text, json_.document);
#else
    return tc::decode(json_.parser, otawire::mqtt_publish{topic_text, payload});
#endif
  }

  json_state json_;
  std::map<std::string, tc::session, std::less<>> sessions_;  // by "<product>/<device>"
  std::map<std::string, event_context, std::less<>> contexts_;  // the event mapping's, likewise
};
}  // namespace

OTAWIRE_INSPECT_PROTOCOL(tencent, tencent_session)
}  // namespace otawire::inspect
