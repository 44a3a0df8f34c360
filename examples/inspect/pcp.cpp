// otawire-inspect plug-in for PCP: `pcp up|down <hex>` (up = device → platform, as AT+NMGS
// sends it; down = platform → device, as +NNMI prints it). Each line is decoded with its direction
// and fed to the platform-side validator, one device per file (the CoAP endpoint is the device).
// Timed lines (`@<seconds> pcp …`) feed the validator with their time, so the PCP timeouts are
// checked between them; untimed lines check none.
#include "inspect/events.hpp"
#include "inspect/record.hpp"

#include <otawire/hex.hpp>
#include <otawire/ota/pcp.hpp>
#include <otawire/pcp.hpp>

#include <array>

#include <string>
#include <vector>

namespace otawire::inspect {
namespace {
namespace pcp = otawire::pcp;

std::string version_text(const pcp::version_string& v) { return std::string(v.view()); }
std::string result_text(pcp::result_code r) { return std::string(pcp::name(r)); }

struct field_writer {
  boost::json::object& o;
  void operator()(const pcp::query_version_request&) const {}
  void operator()(const pcp::execute_upgrade_request&) const {}
  void operator()(const pcp::query_version_response& m) const {
    o["result"] = result_text(m.result);
    o["current_version"] = version_text(m.current_version);
  }
  void operator()(const pcp::notify_new_version_request& m) const {
    o["target_version"] = version_text(m.target_version);
    o["fragment_size"] = m.fragment_size;
    o["fragment_count"] = m.fragment_count;
    o["package_check_code"] = m.package_check_code;
  }
  void operator()(const pcp::request_fragment_request& m) const {
    o["target_version"] = version_text(m.target_version);
    o["fragment_index"] = m.fragment_index;
  }
  void operator()(const pcp::request_fragment_response& m) const {
    o["result"] = result_text(m.result);
    o["fragment_index"] = m.fragment_index;
    o["fragment_length"] = m.data.size();
  }
  void operator()(const pcp::report_download_result_request& m) const { o["status"] = result_text(m.status); }
  void operator()(const pcp::report_upgrade_result_request& m) const {
    o["result"] = result_text(m.result);
    o["current_version"] = version_text(m.current_version);
  }
  template <class M>
  void operator()(const M& m) const {
    o["result"] = result_text(m.result);
  }
};

class pcp_session final : public protocol_session {
 public:
  void inspect(std::string_view rest, record& out) override {
    const auto [word, hex] = split_word(rest);
    otawire::direction dir{};
    if (word == "up") {
      dir = otawire::direction::device_to_platform;
    } else if (word == "down") {
      dir = otawire::direction::platform_to_device;
    } else {
      out.set_error("malformed_line", "expected: pcp up|down <hex>", std::size_t{0});
      finish(out);
      return;
    }
    std::vector<std::byte> bytes(otawire::hex_decoded_size(hex));
    if (auto n = otawire::from_hex(hex, bytes); !n) {
      out.set_text_error(n.error());
      finish(out);
      return;
    }
    auto frame = pcp::decode_frame(bytes);
    if (!frame) {
      out.type = "invalid_frame";
      out.set_error(frame.error());
      finish(out);
      return;
    }
    out.type = std::string(pcp::name(pcp::kind_of(frame->code, dir)));
    auto m = pcp::decode_payload(*frame, dir);
    if (!m) {
      out.set_error(m.error());
      finish(out);
      return;
    }
    std::visit(field_writer{out.fields}, *m);
    events(*m, out);
    if (auto r = out.time ? session_.on(*m, *out.time) : session_.on(*m); !r) {
      out.session_error = r.error();
    } else if (std::holds_alternative<pcp::notify_new_version_request>(*m)) {
      out.fields["resumed"] = session_.rules().resumed();  // same package: continue, not restart
    }
    finish(out);
  }

 private:
  // The neutral events; a 21 request's progress needs the fragment count the last 20 announced.
  void events(const pcp::message& m, record& out) {
    if (const auto* offer = std::get_if<pcp::notify_new_version_request>(&m)) fragment_count_ = offer->fragment_count;
    std::array<otawire::ota::event, otawire::ota::pcp_max_events> buffer{};
    otawire::ota::envelope base{};
    base.source_protocol = otawire::ota::protocol::pcp;
    add_events(otawire::ota::to_events(m, base, {.fragment_count = fragment_count_}, buffer), buffer, out);
  }

  void finish(record& out) const {
    out.session_state = std::string(pcp::name(session_.state()));
    if (session_.state() == pcp::session_state::idle && session_.outcome() != pcp::task_outcome::none) {
      out.fields["task_outcome"] = std::string(pcp::name(session_.outcome()));
    }
  }

  pcp::platform_session session_;
  std::optional<std::uint16_t> fragment_count_;
};
}  // namespace

OTAWIRE_INSPECT_PROTOCOL(pcp, pcp_session)
}  // namespace otawire::inspect
