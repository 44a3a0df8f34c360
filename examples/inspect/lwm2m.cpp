// otawire-inspect plug-in for LwM2M: `lwm2m read|write|exec|notify:<path>[;<format>] [<payload>]`,
// one device per file (the CoAP endpoint is the device). The format is `tlv` (11542, the default;
// the payload is hex), `text` (text/plain: the payload is the text itself, e.g.
// `lwm2m read:/5/0/3;text 1`) or `opaque` (application/octet-stream: hex). Object 5 paths decode
// into the firmware model and feed the server-side state validator (strict: a capture records
// every notification); any other object decodes as a generic TLV tree.
//
// Object version: a capture does not say which version of Object 5 the device implements, so the
// inspector assumes 1.2 (the superset: Cancel, Defer and Update Results 10-11 are accepted) unless
// the file says otherwise with `# lwm2m object-version 1.0|1.1|1.2`.
#include "inspect/events.hpp"
#include "inspect/record.hpp"

#include <otawire/hex.hpp>
#include <otawire/lwm2m.hpp>
#include <otawire/ota/lwm2m.hpp>

#include <array>

#include <string>
#include <vector>

namespace otawire::inspect {
namespace {

using namespace otawire::lwm2m;

constexpr object_version default_version = object_version::v1_2;

std::optional<object_version> parse_version(std::string_view v) {
  if (v == "1.0") return object_version::v1_0;
  if (v == "1.1") return object_version::v1_1;
  if (v == "1.2") return object_version::v1_2;
  return std::nullopt;
}

// `<path>[;tlv|;text|;opaque]`: the path and its content format.
std::optional<content_format> parse_format(std::string_view name) {
  if (name == "tlv") return content_format::tlv;
  if (name == "text") return content_format::text;
  if (name == "opaque") return content_format::opaque;
  return std::nullopt;
}

std::string hex_string(byte_view b) {
  std::string s(b.size() * 2, '0');
  (void)otawire::to_hex(b, s);
  return s;
}

std::string_view protocol_name(unsigned p) {
  switch (static_cast<fw_protocol>(p)) {
    case fw_protocol::coap: return "coap";
    case fw_protocol::coaps: return "coaps";
    case fw_protocol::http: return "http";
    case fw_protocol::https: return "https";
    case fw_protocol::coap_tcp: return "coap_tcp";
    case fw_protocol::coap_tls: return "coap_tls";
  }
  return "?";
}

std::string_view delivery_name(delivery_method d) {
  switch (d) {
    case delivery_method::pull: return "pull";
    case delivery_method::push: return "push";
    case delivery_method::both: return "both";
  }
  return "?";
}

std::string_view severity_name(severity s) {
  switch (s) {
    case severity::critical: return "critical";
    case severity::mandatory: return "mandatory";
    case severity::optional: return "optional";
  }
  return "?";
}

void fill_firmware_fields(const firmware_update& fw, bool is_write, boost::json::object& f) {
  if (fw.package) {
    boost::json::object p;
    p["size"] = fw.package->size();
    p["head"] = hex_string(fw.package->first(std::min<std::size_t>(fw.package->size(), 16)));
    f["package"] = std::move(p);
  }
  if (fw.package_uri) f["package_uri"] = std::string(*fw.package_uri);
  if (fw.state) f["state"] = std::string(name(*fw.state));
  if (fw.result) {
    f["update_result"] = std::string(name(*fw.result));
    f["update_result_code"] = static_cast<int>(*fw.result);
  }
  if (fw.pkg_name) f["pkg_name"] = std::string(*fw.pkg_name);
  if (fw.pkg_version) f["pkg_version"] = std::string(*fw.pkg_version);
  if (fw.protocol_support) {
    boost::json::array a;
    for (unsigned p = 0; p <= max_fw_protocol; ++p) {
      if (fw.protocol_support->contains(static_cast<fw_protocol>(p))) a.emplace_back(protocol_name(p));
    }
    f["protocol_support"] = std::move(a);
    if (fw.protocol_support->ignored_values) {
      f["protocol_support_ignored"] = fw.protocol_support->ignored_values;
    }
  }
  if (fw.delivery) f["delivery_method"] = std::string(delivery_name(*fw.delivery));
  if (fw.update_severity) f["severity"] = std::string(severity_name(*fw.update_severity));
  if (fw.last_state_change_time) f["last_state_change_time"] = *fw.last_state_change_time;
  if (fw.maximum_defer_period) f["maximum_defer_period"] = *fw.maximum_defer_period;
  if (fw.automatic_upgrade) f["automatic_upgrade"] = *fw.automatic_upgrade;
  if (is_write && fw.is_reset()) f["reset"] = true;  // a Read may show an empty URI too
  if (fw.unknown_resources) f["unknown_resources"] = fw.unknown_resources;
}

// A generic TLV level as JSON (the payload was validated first).
boost::json::array tlv_json(tlv_reader r) {
  boost::json::array out;
  while (true) {
    auto e = r.next();
    if (!e || !*e) break;
    boost::json::object o;
    o["kind"] = std::string(name((*e)->kind));
    o["id"] = (*e)->id;
    if (is_container((*e)->kind)) {
      o["children"] = tlv_json(r.children(**e));
    } else {
      o["value"] = hex_string((*e)->value);
    }
    out.push_back(std::move(o));
  }
  return out;
}

class lwm2m_session final : public protocol_session {
 public:
  std::optional<std::string> directive(std::string_view name, std::string_view value) override {
    if (name != "object-version") return "unknown directive '" + std::string(name) + "' (lwm2m knows object-version)";
    const auto v = parse_version(value);
    if (!v) return "object-version must be 1.0, 1.1 or 1.2, not '" + std::string(value) + "'";
    version_ = *v;
    observer_ = firmware_observer{version_, observe_mode::strict};
    return std::nullopt;
  }

  void inspect(std::string_view rest, record& out) override {
    auto [word, text] = split_word(rest);
    const auto colon = word.find(':');
    if (colon == std::string_view::npos) {
      out.set_error("malformed_line", "expected read|write|exec|notify:<path>", std::size_t{0});
      return finish(out);
    }
    const auto op = word.substr(0, colon);
    if (op != "read" && op != "write" && op != "exec" && op != "notify") {
      out.set_error("malformed_line", "operation must be read, write, exec or notify", std::size_t{0});
      return finish(out);
    }
    out.type = op == "read" ? "read_response" : op == "exec" ? "execute" : std::string(op);
    auto path_text = word.substr(colon + 1);
    content_format format = content_format::tlv;
    if (const auto semi = path_text.find(';'); semi != std::string_view::npos) {
      const auto f = parse_format(path_text.substr(semi + 1));
      if (!f) {
        out.set_error("malformed_line", "content format must be tlv, text or opaque (after the path and a semicolon)", colon + 1 + semi + 1);
        out.offset_unit = "char";
        return finish(out);
      }
      format = *f;
      path_text = path_text.substr(0, semi);
    }
    const auto target = parse_path(path_text);
    if (!target) {
      out.set_error(target.error());
      return finish(out);
    }
    std::vector<std::byte> payload;
    if (format == content_format::text) {
      const auto bytes = otawire::as_bytes(text);
      payload.assign(bytes.begin(), bytes.end());
    } else {
      payload.resize(otawire::hex_decoded_size(text));
      if (auto n = otawire::from_hex(text, payload); !n) {
        out.set_text_error(n.error());
        return finish(out);
      }
    }
    out.fields["path"] = std::string(path_text);
    if (format != content_format::tlv) out.fields["format"] = format == content_format::text ? "text" : "opaque";
    if (target->object != firmware_object_id) {
      if (format != content_format::tlv) {
        out.set_error("unsupported", "the inspector decodes text/plain and opaque values of Object 5 only", std::size_t{0});
        return finish(out);
      }
      generic(*target, payload, out);
      if (!out.error_code && *target == otawire::ota::device_firmware_version_path && (op == "read" || op == "notify")) {
        running_version(op, payload, out);
      }
      return finish(out);
    }
    // Object 5 through the contract's CoAP entry: the operation gives the payload kind and, for
    // an Execute, which resources the object version lets it name.
    const auto operation = op == "exec"     ? otawire::coap_operation::execute
                           : op == "write"  ? otawire::coap_operation::write
                           : op == "notify" ? otawire::coap_operation::notify
                                            : otawire::coap_operation::read_response;
    const auto decoded = otawire::lwm2m::decode(otawire::coap_exchange{operation, path_text, static_cast<std::uint16_t>(format), payload}, version_);
    if (!decoded) {
      out.set_error(decoded.error());
      return finish(out);
    }
    if (op == "exec") {
      execute(*target, out);
      events({otawire::ota::lwm2m_operation::execute, *target}, out);
      return finish(out);
    }
    const auto kind = op == "write" ? payload_kind::write_request : payload_kind::read_response;
    const auto fw = &decoded->message;
    fill_firmware_fields(*fw, kind == payload_kind::write_request, out.fields);
    using otawire::ota::lwm2m_operation;
    events({op == "write" ? lwm2m_operation::write : op == "notify" ? lwm2m_operation::notify : lwm2m_operation::read_value,
            *target, *fw},
           out);
    if (kind == payload_kind::write_request) {
      expect_write(*fw, out);
    } else if (auto v = observer_.observe(fw->state, fw->result); !v) {
      out.session_error = v.error();
    }
    finish(out);
  }

 private:
  // The neutral events of one operation, in the state the observer held before it.
  void events(const otawire::ota::lwm2m_message& m, record& out) const {
    std::array<otawire::ota::event, otawire::ota::lwm2m_max_events> buffer{};
    otawire::ota::envelope base{};
    base.source_protocol = otawire::ota::protocol::lwm2m_fw;
    const otawire::ota::lwm2m_session_context context{observer_.state().value_or(fw_state::idle), running_version_,
                                                      observer_.last_result()};
    add_events(otawire::ota::to_events(m, base, context, buffer), buffer, out);
  }

  // `/3/0/3` (Device object, Firmware Version), read or notified (its TLV already validated by
  // `generic`): the running version, which Update Result 1's event names.
  void running_version(std::string_view op, byte_view payload, record& out) {
    tlv_reader r(payload);
    const auto e = r.next();
    if (!e || !*e || (*e)->kind != tlv_kind::resource) {
      return out.set_error("invalid_value", "/3/0/3: expected one resource value", std::size_t{0});
    }
    running_version_ = std::string(decode_string((*e)->value));
    otawire::ota::lwm2m_message m{op == "notify" ? otawire::ota::lwm2m_operation::notify : otawire::ota::lwm2m_operation::read_value,
                                  otawire::ota::device_firmware_version_path};
    m.running_version = running_version_;
    events(m, out);
  }

  void generic(const path& target, byte_view payload, record& out) {
    out.fields["object"] = target.object;
    if (auto v = validate(payload, target); !v) {  // the request path's rules too (§1.4 rule 10)
      out.set_error(v.error());
      return;
    }
    out.fields["entries"] = tlv_json(tlv_reader(payload));
  }

  // What the device must answer, predicted by the client machine from the observed state.
  void predict(client_event e, record& out) {
    const auto s = observer_.state();
    if (!s) return;
    firmware_client client(version_, *s, observer_.last_result().value_or(update_result::initial));
    const auto r = client.apply(e);
    out.fields["expected_response"] = std::string(name(r.response));
    if (r.rejection) out.fields["expected_refusal"] = std::string(r.rejection->where());
  }

  // An Execute `lwm2m::decode` accepted: Update (/5/0/2) or Cancel (/5/0/10, object 1.1+).
  void execute(const path& target, record& out) {
    const bool update = target.resource == static_cast<std::uint16_t>(fw_resource::update);
    out.fields["resource"] = update ? "update" : "cancel";
    predict(update ? client_event::execute_update : client_event::execute_cancel, out);
  }

  void expect_write(const firmware_update& fw, record& out) {
    if (fw.is_reset()) {
      predict(client_event::write_reset, out);
    } else if (fw.package) {
      predict(client_event::write_package, out);
    } else if (fw.package_uri) {
      predict(client_event::write_package_uri, out);
    }
  }

  void finish(record& out) const {
    std::string s(observer_.state_name());
    if (const auto r = observer_.last_result()) {
      s += '/';  // appended piecewise: g++ 12 -O3 misreports "/" + std::string as -Wrestrict (GCC bug 105329)
      s += name(*r);
    }
    out.session_state = std::move(s);
  }

  object_version version_ = default_version;
  firmware_observer observer_{default_version, observe_mode::strict};
  std::string running_version_;  // `/3/0/3` as last read or notified
};

}  // namespace

OTAWIRE_INSPECT_PROTOCOL(lwm2m, lwm2m_session)

}  // namespace otawire::inspect
