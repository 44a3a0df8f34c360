// CTWing decode target. Oracles: a rejection names a path or byte inside the input; an accepted
// message passes the encoder's checks and survives encode -> decode (both decoders) -> encode
// unchanged; the delivered URL of an accepted upgrade builds a download URL that parses back.
#include "input.hpp"
#include "support/ctwing_oracle.hpp"

#include <otawire/ctwing/codec.hpp>
#include <otawire/ctwing/url.hpp>

#include <cstdlib>
#include <cstdio>

namespace {
namespace cw = otawire::ctwing;

void check_one(otawire::json::parser& d, cw::topic t, std::string_view json) {
  auto m = cw::decode_payload(d, t, json);
  if (!m) {
    const auto& e = m.error();
    if (e.has_offset() && e.offset() > json.size()) std::abort();
    if (e.code() != otawire::errc::malformed_json && e.code() != otawire::errc::wrong_type && e.where().empty()) std::abort();
    return;
  }
  if (!cw::check(*m)) std::abort();
  if (const auto* u = std::get_if<cw::upgrade>(&*m)) {
    const std::string url(u->url);  // copy: the next decode reuses the buffer
    const std::string token(u->token);
    if (auto built = cw::build_download_url(url, "device10001", token.empty() ? "t" : token)) {
      auto parsed = cw::parse_download_url(*built);
      if (!parsed || parsed->device_id != "device10001") std::abort();
    }
  }
  const cw::message copy = *m;  // views stay valid until the decoder's next call (inside round_trip)
  otawire::json::parser other;
  if (auto why = otawire::test::ctwing::round_trip(other, copy)) {
    std::fprintf(stderr, "round trip: %s\n", why->c_str());
    std::abort();
  }
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static otawire::json::parser decoder;
  const auto in = otawire::fuzz::ctwing::split(data, size);
  if (!in.topic.empty()) {
    auto t = cw::parse_topic(in.topic);
    auto m = cw::decode(decoder, otawire::mqtt_publish{in.topic, in.json});
    if (!t) {
      if (m || m.error().code() != otawire::errc::unknown_message) std::abort();
      return 0;
    }
    check_one(decoder, *t, in.json);
    return 0;
  }
  for (auto t : {cw::topic::inform, cw::topic::upgrade, cw::topic::progress}) check_one(decoder, t, in.json);
  // The URL parser on arbitrary text: a success formats back to a URL that parses the same.
  if (auto u = cw::parse_download_url(in.json)) {
    auto text = cw::format_download_url(*u);
    if (!text) std::abort();
    auto again = cw::parse_download_url(*text);
    if (!again || !(*again == *u)) std::abort();
  }
  return 0;
}
