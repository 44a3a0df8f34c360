// Host test of the LwM2M device program: the HAL of hal.hpp implemented by a simulated LwM2M server
// and flash. Each scenario is a script of requests with the response code each must get; every
// Read response and notification the device sends is decoded with otawire and fed to a strict
// `firmware_observer` (the server-side machine), which must accept the whole exchange.
//   push:      Write Package /5/0/0 (octet-stream, two blocks) -> Read State -> Execute -> Read /5/0
//   pull:      Write Package URI /5/0/1 (TLV), the device fetches, blocks arrive -> Execute -> Read
//   integrity: a pushed image whose check fails -> Idle, Update Result 5 (integrity check failure)
//   malformed: a Write whose TLV is truncated -> 4.00, State and Update Result unchanged;
//              Execute in Idle -> 4.05; a URI with an unsupported scheme -> 2.04, Update Result 9
#include <otawire/lwm2m.hpp>

#include "frame.hpp"
#include "hal.hpp"

#include <cstdio>
#include <cstring>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

extern "C" int device_main();

namespace {

namespace lw = otawire::lwm2m;
using bytes = std::vector<std::uint8_t>;

struct request {
  bytes frame;
  frame::code expected;
  lw::path target;
};

struct server_state {
  std::deque<request> script;
  std::deque<bytes> downloads;  // blocks served after the device fetches the package
  std::string fetched_uri;
  std::vector<std::uint8_t> image;  // the package as the server holds it
  std::vector<std::uint8_t> flash;
  bool awaiting_response = false;
  request current;
  lw::firmware_observer observer{lw::object_version::v1_0, lw::observe_mode::strict};
  std::vector<std::pair<lw::fw_state, lw::update_result>> seen;
  int failures = 0;
};
server_state server;

void check(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "FAILED: %s\n", what);
    ++server.failures;
  }
}

bytes make_request(frame::operation op, lw::path p, std::uint16_t format, const bytes& payload,
                   bool more = false) {
  bytes f{static_cast<std::uint8_t>(static_cast<std::uint8_t>(op) | (more ? frame::more_blocks : 0)),
          p.depth,
          static_cast<std::uint8_t>(p.object >> 8), static_cast<std::uint8_t>(p.object),
          static_cast<std::uint8_t>(p.instance >> 8), static_cast<std::uint8_t>(p.instance),
          static_cast<std::uint8_t>(p.resource >> 8), static_cast<std::uint8_t>(p.resource),
          static_cast<std::uint8_t>(format >> 8), static_cast<std::uint8_t>(format)};
  f.insert(f.end(), payload.begin(), payload.end());
  return f;
}

constexpr lw::path object5{.object = 5, .depth = 1};
constexpr lw::path instance0{.object = 5, .instance = 0, .depth = 2};
constexpr lw::path package{.object = 5, .instance = 0, .resource = 0, .depth = 3};
constexpr lw::path package_uri{.object = 5, .instance = 0, .resource = 1, .depth = 3};
constexpr lw::path update{.object = 5, .instance = 0, .resource = 2, .depth = 3};
constexpr lw::path state{.object = 5, .instance = 0, .resource = 3, .depth = 3};
constexpr lw::path update_result{.object = 5, .instance = 0, .resource = 5, .depth = 3};

void expect(frame::operation op, lw::path p, std::uint16_t format, const bytes& payload,
            frame::code code, bool more = false) {
  server.script.push_back({make_request(op, p, format, payload, more), code, p});
}
void read(lw::path p) { expect(frame::operation::read, p, frame::lwm2m_tlv, {}, frame::code::content, false); }

// A device image: `n` bytes and a last byte that makes the sum 0 mod 256 (the device's check).
bytes make_image(std::size_t n, bool corrupt) {
  bytes image(n);
  std::uint8_t sum = 0;
  for (std::size_t i = 0; i + 1 < n; ++i) {
    image[i] = static_cast<std::uint8_t>(i * 7 + 3);
    sum = static_cast<std::uint8_t>(sum + image[i]);
  }
  image[n - 1] = static_cast<std::uint8_t>(-sum + (corrupt ? 1 : 0));
  return image;
}

// The Package URI as one TLV Resource (what Leshan sends to /5/0/1 by default).
bytes uri_tlv(std::string_view uri) {
  std::vector<std::byte> out(uri.size() + lw::max_header_size);
  lw::tlv_writer w(out);
  const auto r = w.value(lw::tlv_kind::resource, 1, otawire::as_bytes(uri));
  check(r.has_value(), "URI TLV encodes");
  bytes b;
  for (auto x : w.written()) b.push_back(std::to_integer<std::uint8_t>(x));
  return b;
}

void observe(lw::path p, std::span<const std::uint8_t> payload) {
  lw::firmware_update fw;
  const auto d = lw::decode_firmware_update(std::as_bytes(payload), p, fw,
                                            {.version = lw::object_version::v1_0,
                                             .kind = lw::payload_kind::read_response});
  check(d.has_value(), "the device's TLV decodes as a Read response");
  if (!d) return;
  const auto o = server.observer.observe(fw.state, fw.result);
  check(o.has_value(), "the observer accepts the reported State / Update Result");
  if (fw.state && fw.result) server.seen.emplace_back(*fw.state, *fw.result);
}

void reset(lw::object_version) {
  server.script.clear();
  server.downloads.clear();
  server.fetched_uri.clear();
  server.flash.clear();
  server.awaiting_response = false;
  server.observer = lw::firmware_observer(lw::object_version::v1_0, lw::observe_mode::strict);
  server.seen.clear();
}

bool run(const char* name) {
  const int before = server.failures;
  check(device_main() == 0, "device_main returns when the link closes");
  check(server.script.empty(), "every scripted request was answered");
  std::printf("%-10s %s\n", name, server.failures == before ? "ok" : "FAILED");
  return server.failures == before;
}

bytes slice(const bytes& b, std::size_t from, std::size_t n) {
  return bytes(b.begin() + static_cast<std::ptrdiff_t>(from), b.begin() + static_cast<std::ptrdiff_t>(from + n));
}

}  // namespace

namespace device {

std::size_t modem_receive(std::span<std::uint8_t> into) {
  check(!server.awaiting_response, "the device answered the previous request");
  bytes next;
  if (!server.downloads.empty()) {
    next = server.downloads.front();
    server.downloads.pop_front();
  } else if (!server.script.empty()) {
    server.current = server.script.front();
    server.script.pop_front();
    server.awaiting_response = true;
    next = server.current.frame;
  } else {
    return 0;  // the link closes: device_main returns
  }
  check(next.size() <= into.size(), "a request fits the device's buffer");
  std::memcpy(into.data(), next.data(), next.size());
  return next.size();
}

void modem_send(std::span<const std::uint8_t> payload) {
  if (!payload.empty() && payload[0] == static_cast<std::uint8_t>(frame::operation::fetch)) {
    server.fetched_uri.assign(payload.begin() + 1, payload.end());
    // Serve the image in blocks of 300 bytes; the last without the "more" bit.
    for (std::size_t at = 0; at < server.image.size(); at += 300) {
      const std::size_t n = std::min<std::size_t>(300, server.image.size() - at);
      server.downloads.push_back(make_request(frame::operation::download_block, package, 0,
                                              slice(server.image, at, n), at + n < server.image.size()));
    }
    return;
  }
  check(payload.size() >= frame::response_header, "a response has a header");
  if (payload.size() < frame::response_header) return;
  const auto code = static_cast<frame::code>(payload[0]);
  const std::uint16_t format = static_cast<std::uint16_t>(payload[1] << 8 | payload[2]);
  const auto body = payload.subspan(frame::response_header);
  lw::path about = instance0;  // a notification: Observe on /5/0
  if (server.awaiting_response) {
    server.awaiting_response = false;
    if (code != server.current.expected) {
      std::fprintf(stderr, "response 0x%02X, expected 0x%02X\n", static_cast<unsigned>(code),
                   static_cast<unsigned>(server.current.expected));
    }
    check(code == server.current.expected, "the response code is the expected one");
    if (code != frame::code::content) return;
    about = server.current.target;
  } else {
    check(code == frame::code::content, "a notification carries 2.05");
  }
  check(format == frame::lwm2m_tlv, "State reports are TLV");
  observe(about, body);
}

bool flash_write(std::uint32_t offset, std::span<const std::uint8_t> data) {
  check(offset == server.flash.size(), "the package is written in order");
  server.flash.insert(server.flash.end(), data.begin(), data.end());
  return server.flash.size() <= 64 * 1024;
}

}  // namespace device

int main() {
  using frame::operation;
  using frame::code;
  using st = lw::fw_state;
  using ur = lw::update_result;
  // Push: Package in two octet-stream blocks (Block1), Read State, Execute Update, Read /5/0.
  reset(lw::object_version::v1_0);
  server.image = make_image(700, false);
  read(object5);
  expect(operation::write, package, frame::octet_stream, slice(server.image, 0, 512), code::continue_block, true);
  expect(operation::write, package, frame::octet_stream, slice(server.image, 512, 188), code::changed);
  read(state);
  expect(operation::execute, update, frame::text_plain, {}, code::changed);
  read(instance0);
  run("push");
  check(server.flash == server.image, "push: flash holds the image");
  std::vector<std::pair<st, ur>> push_seen(server.seen.begin() + 1, server.seen.end());
  check(push_seen == std::vector<std::pair<st, ur>>{{st::downloading, ur::initial},
                                                    {st::downloaded, ur::initial},
                                                    {st::updating, ur::initial},
                                                    {st::idle, ur::success},
                                                    {st::idle, ur::success}},
        "push: Idle -> Downloading -> Downloaded -> Updating -> Idle (1)");

  // Pull: Package URI as TLV; the device fetches the image; Execute; Read Update Result.
  reset(lw::object_version::v1_0);
  server.image = make_image(1000, false);
  expect(operation::write, package_uri, frame::lwm2m_tlv, uri_tlv("coaps://fw.example.com/img/2.1"), code::changed);
  read(state);
  expect(operation::execute, update, frame::text_plain, {}, code::changed);
  read(update_result);
  run("pull");
  check(server.fetched_uri == "coaps://fw.example.com/img/2.1", "pull: the device fetched the URI it was given");
  check(server.flash == server.image, "pull: flash holds the image");
  check(!server.seen.empty() && server.seen.back() == std::pair{st::idle, ur::success}, "pull: ends in Idle (1)");

  // Integrity failure: the pushed image fails the device's check -> Idle, Update Result 5; the
  // Update that follows is refused with 4.05.
  reset(lw::object_version::v1_0);
  server.image = make_image(300, true);
  expect(operation::write, package, frame::octet_stream, server.image, code::changed);
  read(update_result);
  expect(operation::execute, update, frame::text_plain, {}, code::method_not_allowed);
  run("integrity");
  check(!server.seen.empty() && server.seen.back() == std::pair{st::idle, ur::integrity_check_failure},
        "integrity: Idle with Update Result 5");

  // Malformed input: a truncated TLV (value length 16, 3 bytes present) -> 4.00 and nothing
  // changes; a URI with a scheme the device cannot pull -> 2.04 and Update Result 9 (E.6.1:
  // errors are reported through Update Result); a text/plain URI that is accepted.
  reset(lw::object_version::v1_0);
  server.image = make_image(20, false);
  expect(operation::write, package_uri, frame::lwm2m_tlv, {0xC8, 0x01, 0x10, 'c', 'o', 'a'}, code::bad_request);
  read(instance0);
  expect(operation::execute, update, frame::text_plain, {}, code::method_not_allowed);
  expect(operation::write, package_uri, frame::lwm2m_tlv, uri_tlv("http://fw.example.com/img"), code::changed);
  read(update_result);
  const std::string text_uri = "coap://[2001:db8::1]/fw";
  expect(operation::write, package_uri, frame::text_plain, bytes(text_uri.begin(), text_uri.end()), code::changed);
  read(state);
  run("malformed");
  check(server.seen.size() >= 2 && server.seen[0] == std::pair{st::idle, ur::initial} &&
            server.seen[1] == std::pair{st::idle, ur::unsupported_protocol},
        "malformed: 4.00 leaves Idle (0); the http URI gives Update Result 9");
  check(!server.seen.empty() && server.seen.back().first == st::downloaded, "malformed: the coap URI downloads");
  return server.failures == 0 ? 0 : 1;
}
