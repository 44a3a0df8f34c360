// otawire-inspect plug-in for Huawei IoTDA `$ota` events: `huawei <topic> <json>`.
//   huawei $oc/devices/dev-1/sys/events/down {"services":[{"event_type":"version_query",...}]}
// Sessions per device: the payload's object_device_id (a gateway's child device), else the
// topic's device_id; one capture may hold several connected devices and their children.
#include "inspect/events.hpp"
#include "inspect/json_backend.hpp"
#include "inspect/record.hpp"

#include <otawire/ota/huawei.hpp>

#include <otawire/huawei.hpp>

#include <map>
#include <string>

namespace otawire::inspect {
namespace {
class huawei_session final : public protocol_session {
 public:
  void inspect(std::string_view rest, record& out) override {
    auto [topic_text, payload] = split_word(rest);
    auto t = huawei::parse_topic(topic_text);
    if (!t) {
      out.set_error(t.error());
      out.session_state = std::string(huawei::name(upgrade_state_of(last_device_)));
      return;
    }
    out.fields["device_id"] = std::string(t->device_id);
    out.fields["direction"] = std::string(otawire::name(t->direction));
    out.session_device = std::string(t->device_id);
    if (payload.empty()) {
      out.set_error("malformed_line", "expected a JSON payload after the topic", rest.size());
      out.session_state = std::string(huawei::name(upgrade_state_of(std::string(t->device_id))));
      return;
    }
#ifdef OTAWIRE_INSPECT_BOOST_JSON
    auto m = huawei::decode_payload_dom(payload, json_.document);
#else
    auto m = huawei::decode_payload(json_.parser, payload);
#endif
    if (!m) {
      out.set_error(m.error());
      out.session_state = std::string(huawei::name(upgrade_state_of(std::string(t->device_id))));
      return;
    }
    for (const auto& e : m->events()) {
      if (!out.type.empty()) out.type += '+';
      out.type += std::string(e.event_type);
    }
    const auto decoded = boost::json::value_from(*m);
    for (const auto& kv : decoded.as_object()) out.fields[kv.key()] = kv.value();
    const std::string device(m->object_device_id ? *m->object_device_id : t->device_id);
    auto& context = contexts_[device];
    add_family_events<otawire::ota::huawei_max_events>(
        otawire::ota::protocol::huawei_mqtt, t->direction, huawei::identity_of(*t, *m), context, out,
        [&](const auto& base, auto events) {
          return otawire::ota::to_events(*m, base, {context.target(), context.progress_reported, context.query_pending}, events);
        });
    if (auto r = session_.on(*t, *m); !r) out.session_error = r.error();
    last_device_ = device;
    out.session_device = device;
    out.session_state = std::string(huawei::name(upgrade_state_of(device)));
  }

 private:
  [[nodiscard]] huawei::session_state upgrade_state_of(const std::string& device) const { return session_.state(device); }

  json_state json_;
  huawei::session session_;
  std::map<std::string, event_context, std::less<>> contexts_;  // the event mapping's, per device
  std::string last_device_;
};
}  // namespace

OTAWIRE_INSPECT_PROTOCOL(huawei, huawei_session)
}  // namespace otawire::inspect
