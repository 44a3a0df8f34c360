// otawire-inspect plug-in for CTWing MQTT FOTA: `ctwing <topic> <json>` lines.
// The topic may be written with or without its leading slash (/ota/upgrade or ota/upgrade).
// One session per capture, by design: CTWing's topics and payloads name no device (the MQTT
// connection is the device, spec json-messages.md §B.1), so a capture is one device's traffic.
#include "inspect/events.hpp"
#include "inspect/record.hpp"

#include <otawire/ota/ctwing.hpp>

#include <otawire/ctwing/codec.hpp>
#include <otawire/ctwing/session.hpp>
#include <otawire/ctwing/topic.hpp>

#include <string>
#include <variant>

namespace otawire::inspect {
namespace {
namespace cw = otawire::ctwing;

boost::json::string_view bj(std::string_view s) { return {s.data(), s.size()}; }

void put_optional(boost::json::object& o, const char* key, const std::optional<std::string_view>& v) {
  if (v) o[key] = bj(*v);
}

void fill(const cw::inform& m, record& out) {
  out.fields["task_id"] = m.task_id;
  out.fields["version"] = bj(m.version);
  put_optional(out.fields, "module", m.module);
}

void fill(const cw::upgrade& m, record& out) {
  out.fields["task_id"] = m.task_id;
  out.fields["size"] = m.size;
  out.fields["version"] = bj(m.version);
  out.fields["url"] = bj(m.url);
  out.fields["md5"] = bj(m.md5);
  out.fields["token"] = bj(m.token);
  put_optional(out.fields, "module", m.module);
}

void fill(const cw::progress& m, record& out) {
  out.fields["task_id"] = m.task_id;
  out.fields["step"] = m.step;
  if (m.is_failure()) out.fields["failure"] = bj(cw::name(m.failure_code()));
  put_optional(out.fields, "desc", m.desc);
  put_optional(out.fields, "module", m.module);
}

class ctwing_session final : public protocol_session {
 public:
  void inspect(std::string_view rest, record& out) override {
    const auto [topic_name, json] = split_word(rest);
    auto topic = cw::parse_topic(topic_name);
    if (!topic) {
      out.set_error(topic.error());
    } else {
      out.type = std::string(cw::message_name(*topic));
#ifdef OTAWIRE_INSPECT_BOOST_JSON
      auto m = cw::decode_payload_dom(*topic, json, document_);
#else
      auto m = cw::decode_payload(decoder_, *topic, json);
#endif
      if (!m) {
        out.set_error(m.error());
      } else {
        std::visit([&](const auto& x) { fill(x, out); }, *m);
        add_family_events<otawire::ota::ctwing_max_events>(
            otawire::ota::protocol::ctwing, cw::direction_of(*topic), {}, context_, out, [&](const auto& base, auto events) {
              return otawire::ota::to_events(*m, base,
                                             {.task_id_text = context_.task_id_text, .awaiting_version = context_.target_version},
                                             events);
            });
        const auto before = session_.state();
        if (auto r = session_.on(*m); !r) {
          out.session_error = r.error();
        } else if (before != session_.state() && session_.state() == cw::session_state::idle &&
                   session_.last_outcome() != cw::outcome::none) {
          // This message ended an attempt: say how (a rolled-back device reports not_applied).
          out.fields["task_outcome"] = bj(cw::name(session_.last_outcome()));
        }
      }
    }
    out.session_state = std::string(session_.state_name());
  }

 private:
#ifdef OTAWIRE_INSPECT_BOOST_JSON
  boost::json::value document_;  // what the decoded views point into (see inspect/json_backend.hpp)
#else
  otawire::json::parser decoder_;
#endif
  cw::session session_;
  event_context context_;  // the event mapping's (one device per capture, as for the session)
};
}  // namespace

OTAWIRE_INSPECT_PROTOCOL(ctwing, ctwing_session)
}  // namespace otawire::inspect
