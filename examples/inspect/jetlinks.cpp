// otawire-inspect plug-in for JetLinks firmware messages: `jetlinks <topic> <json>`.
// Each device the topic names (a gateway's child devices included) has its own upgrade-task
// validator, whose state is kept across lines.
#include "inspect/events.hpp"
#include "inspect/json_backend.hpp"
#include "inspect/record.hpp"

#include <otawire/ota/jetlinks.hpp>

#include <otawire/jetlinks/codec.hpp>
#include <otawire/jetlinks/session.hpp>

#include <map>

namespace otawire::inspect {
namespace {
namespace jl = otawire::jetlinks;

void put(boost::json::object& o, std::string_view key, const jl::optional_string& s) {
  if (s) o[key] = boost::json::string_view(s->data(), s->size());
}
void put(boost::json::object& o, std::string_view key, const json::raw_json& r) {
  if (!r.empty()) o[key] = json::to_value(r);
}
template <class Fields>
void put_common(boost::json::object& o, const Fields& m) {
  put(o, "device_id", m.device_id);
  put(o, "message_id", m.message_id);
  put(o, "code", m.code);
  if (m.timestamp) o["timestamp"] = *m.timestamp;
  put(o, "headers", m.headers);
  if constexpr (std::is_base_of_v<jl::device_reply_fields, Fields>) {
    o["success"] = m.success;
    put(o, "message", m.message);
  }
}
template <class Msg>
void put_firmware(boost::json::object& o, const Msg& m) {
  put(o, "url", m.url);
  put(o, "version", m.version);
  put(o, "parameters", m.parameters);
  put(o, "sign", m.sign);
  put(o, "sign_method", m.sign_method);
  put(o, "firmware_id", m.firmware_id);
  o["size"] = m.size;
}

boost::json::object fields_of(const jl::envelope& d) {
  boost::json::object o;
  const auto& t = d.topic;
  o["product_id"] = boost::json::string_view(t.product_id.data(), t.product_id.size());
  if (t.form != jl::child_form::none) {
    o["gateway_id"] = boost::json::string_view(t.device_id.data(), t.device_id.size());
    o["topic_form"] = boost::json::string_view(jl::child_level(t.form).data(), jl::child_level(t.form).size());
  }
  std::visit(
      [&](const auto& m) {
        using T = std::decay_t<decltype(m)>;
        put_common(o, m);
        if constexpr (std::is_same_v<T, jl::read_firmware_reply> || std::is_same_v<T, jl::report_firmware>) {
          put(o, "version", m.version);
          put(o, "properties", m.properties);
        } else if constexpr (std::is_same_v<T, jl::request_firmware>) {
          put(o, "current_version", m.current_version);
          put(o, "request_version", m.request_version);
        } else if constexpr (std::is_same_v<T, jl::request_firmware_reply> || std::is_same_v<T, jl::upgrade_firmware>) {
          put_firmware(o, m);
        } else if constexpr (std::is_same_v<T, jl::upgrade_firmware_progress>) {
          o["progress"] = m.progress;
          o["complete"] = m.complete;
          put(o, "version", m.version);
          o["success"] = m.success;
          put(o, "error_reason", m.error_reason);
          put(o, "firmware_id", m.firmware_id);
          put(o, "message", m.message);
        }
      },
      d.message);
  return o;
}

boost::json::array notes_of(std::uint8_t notes) {
  boost::json::array a;
  if (notes & jl::note_complete_not_100) a.emplace_back("complete_not_100");
  if (notes & jl::note_message_instead_of_error_reason) a.emplace_back("message_instead_of_error_reason");
  if (notes & jl::note_no_firmware) a.emplace_back("no_firmware");
  return a;
}

class jetlinks_session final : public protocol_session {
 public:
  void inspect(std::string_view rest, record& out) override {
    auto [topic, payload] = split_word(rest);
    // The device is the one the topic names: a gateway's child device has a session of its own.
    jl::session* session = nullptr;
    if (auto t = jl::parse_topic(topic)) {
      out.type = std::string(jl::lower_name(t->type));
      out.session_device = std::string(t->product_id) + "/" + std::string(t->identity().message_device());
      session = &sessions_[out.session_device];
    }
    auto finish = [&] {
      if (session != nullptr) out.session_state = std::string(session->state_name());
    };
    if (payload.empty()) {
      out.set_error("malformed_line", "expected: jetlinks <topic> <json>", rest.size());
      return finish();
    }
    auto decoded = decode(topic, payload);
    if (!decoded) {
      out.set_error(decoded.error());
      return finish();
    }
    out.fields = fields_of(*decoded);
    add_family_events<otawire::ota::jetlinks_max_events>(
        otawire::ota::protocol::jetlinks, decoded->dir(), decoded->identity(), contexts_[out.session_device], out,
        [&](const auto& base, auto events) { return otawire::ota::to_events(decoded->message, base, {}, events); });
    auto verdict = session->on(decoded->message);
    if (!verdict) {
      out.session_error = verdict.error();
    } else if (verdict->notes != jl::note_none) {
      out.fields["notes"] = notes_of(verdict->notes);
    }
    finish();
  }

 private:
  result<jl::envelope> decode(std::string_view topic, std::string_view payload) {
#ifdef OTAWIRE_INSPECT_BOOST_JSON
    // The topic's error comes first, as on the fast path.
    if (auto t = jl::parse_topic(topic); !t) return t.error();
    if (auto parsed = json::parse_dom(payload, json_.document); !parsed) return parsed.error();
    return jl::decode_dom(topic, json_.document);
#else
    return jl::decode(json_.parser, otawire::mqtt_publish{topic, payload});
#endif
  }

  json_state json_;
  std::map<std::string, jl::session, std::less<>> sessions_;  // by "<product>/<device>"
  std::map<std::string, event_context, std::less<>> contexts_;  // the event mapping's, per device
};
}  // namespace

OTAWIRE_INSPECT_PROTOCOL(jetlinks, jetlinks_session)
}  // namespace otawire::inspect
