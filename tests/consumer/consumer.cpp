// A consumer's translation unit: every public header included, and the entry points a platform,
// gateway or device calls instantiated on input the compiler cannot see. The install_consumer
// test compiles it against the installed package with nothing but
// `-std=c++20 -Wall -Wextra -Wpedantic -Werror` under g++ -O2/-O3 and clang++ -O2/-O3: a warning
// here is a user's broken build, so none of the project's own suppressions apply.
#include "all_headers.hpp"  // generated: #include <…> of every installed public header

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace consumer {

int pcp_calls(std::span<const std::byte> frame, bool up) {
  namespace pcp = otawire::pcp;
  const auto dir = up ? otawire::direction::device_to_platform : otawire::direction::platform_to_device;
  int seen = 0;
  if (auto m = pcp::decode(frame, dir)) {
    std::array<std::byte, pcp::max_frame_size> out{};
    if (auto n = pcp::encode(*m, out)) seen += static_cast<int>(*n);
    pcp::platform_session platform;
    if (platform.on(*m)) ++seen;
    pcp::device_session device;
    (void)device;
  }
  return seen;
}

int lwm2m_calls(std::span<const std::byte> payload, std::string_view path_text, int format) {
  namespace lw = otawire::lwm2m;
  int seen = 0;
  auto target = lw::parse_path(path_text);
  if (!target) return 0;
  if (lw::validate(payload)) ++seen;
  lw::decode_options opt;
  opt.format = format == 0 ? lw::content_format::text : format == 42 ? lw::content_format::opaque : lw::content_format::tlv;
  if (auto fw = lw::decode_firmware_update(payload, *target, opt)) {
    std::vector<std::byte> out(256);
    if (auto n = lw::encode_firmware_update(*fw, *target, out)) seen += static_cast<int>(*n);
    lw::firmware_observer observer{lw::object_version::v1_2, lw::observe_mode::strict};
    if (fw->state && observer.observe(fw->state, fw->result)) ++seen;
  }
  lw::tlv_reader r(payload);
  while (auto e = r.next()) {
    if (!*e) break;
    ++seen;
  }
  return seen;
}

int json_calls(std::string_view topic, std::string_view payload) {
  otawire::json::parser p;
  int seen = 0;
  if (auto m = otawire::tencent::decode(p, otawire::mqtt_publish{topic, payload})) {
    otawire::tencent::session s;
    if (s.on(m->message)) ++seen;
    std::visit([&](const auto& x) { if (auto e = otawire::tencent::encode(x)) seen += static_cast<int>(e->size()); }, m->message);
  }
  if (auto t = otawire::ctwing::parse_topic(topic)) {
    otawire::json::parser d;
    if (auto m = otawire::ctwing::decode_payload(d, *t, payload)) {
      otawire::ctwing::session s;
      if (s.on(*m)) ++seen;
      std::visit([&](const auto& x) { if (auto e = otawire::ctwing::encode(x)) seen += static_cast<int>(e->size()); }, *m);
    }
  }
  if (auto m = otawire::jetlinks::decode(p, otawire::mqtt_publish{topic, payload})) {
    otawire::jetlinks::session s;
    if (s.on(m->message)) ++seen;
    if (auto e = otawire::jetlinks::encode(m->message)) seen += static_cast<int>(e->size());
  }
  if (auto m = otawire::huawei::decode_payload(p, payload)) {
    if (auto e = otawire::huawei::encode(*m)) seen += static_cast<int>(e->size());
  }
  if (auto t = otawire::alibaba::parse_topic(topic)) {
    otawire::alibaba::message m;
    if (otawire::alibaba::decode_payload_into(p, *t, payload, m)) {
      otawire::alibaba::session v;
      if (v.on(*t, m)) ++seen;
      if (auto e = otawire::alibaba::encode(m)) seen += static_cast<int>(e->size());
    }
  }
  boost::system::error_code ec;
  const auto dom = boost::json::parse(payload, ec);
  if (!ec) {
    if (auto m = otawire::tencent::decode_payload_dom(dom)) ++seen;
  }
  return seen;
}

}  // namespace consumer

int main(int argc, char** argv) {
  // Inputs come from the command line so that nothing is folded away at compile time.
  if (argc < 3) return 0;
  const std::string_view a = argv[1], b = argv[2];
  const auto bytes = std::as_bytes(std::span(a.data(), a.size()));
  return (consumer::pcp_calls(bytes, argc > 3) + consumer::lwm2m_calls(bytes, b, argc) +
          consumer::json_calls(b, a)) == 12345;
}
