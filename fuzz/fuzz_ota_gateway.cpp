// The translating gateway (ota/gateway.hpp) on random event sequences from both sides. Input:
// one byte choosing the device protocol A, one choosing the platform protocol B (B ≠ A), one
// choosing how the hooks behave, then two bytes per event (side and kind, parameter; a first
// byte 0xFF calls `resume()` instead).
// Checked on every step the gateway accepts: each output event travels the right way in the
// right protocol, a synthesised one names its rule, and it is accepted by an independent neutral
// session of its side (profile_of(A) toward the device, profile_of(B) toward the platform) fed
// with everything that side sent and received. A refused step must leave the gateway's sessions
// as they were. Never crashing is checked by the sanitizers; a broken invariant aborts.
#include <otawire/ota/gateway.hpp>
#include <otawire/ota/session.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace {
namespace ota = otawire::ota;
using ota::protocol;

constexpr std::array<protocol, 7> protocols{protocol::pcp,      protocol::lwm2m_fw,    protocol::tencent, protocol::ctwing,
                                            protocol::jetlinks, protocol::huawei_mqtt, protocol::alibaba};
constexpr std::array<std::string_view, 5> versions{"1.0", "2.0", "", "1.0.1.9.20171112.1432", "2.1"};
constexpr std::array<std::byte, 500> bytes{};

/// Hooks that succeed or fail by one input byte's bits.
class fuzz_hooks final : public ota::gateway_hooks {
 public:
  explicit fuzz_hooks(std::uint8_t mode) : mode_(mode) {}

  otawire::result<ota::fetched_package> fetch(const ota::package_ref& offer) noexcept override {
    if ((mode_ & 1u) != 0) return otawire::fail(otawire::errc::unsupported, "fetch");
    ota::fetched_package p{};
    p.size = offer.max_size == 0 ? 1200 : offer.max_size;
    p.verified = (mode_ & 2u) != 0;
    p.md5 = {ota::digest_algorithm::md5, "0123456789abcdef0123456789abcdef"};
    return p;
  }
  otawire::result<void> assemble(const ota::chunk&) noexcept override { return otawire::ok(); }
  std::optional<std::uint64_t> assembled_size() noexcept override {
    if ((mode_ & 4u) != 0) return std::uint64_t{1200};
    return std::nullopt;
  }
  otawire::result<ota::package_ref> rehost(protocol, const ota::package_ref&, std::uint64_t size,
                                           std::string_view version) noexcept override {
    ota::package_ref p{};
    p.version = version;
    p.min_size = size;
    p.max_size = size;
    p.source.kind = ota::source_kind::url;
    p.source.url = "https://gw.example/p";
    return p;
  }
  otawire::result<otawire::byte_view> serve_fragment(std::uint16_t index) noexcept override {
    if ((mode_ & 8u) != 0) return otawire::fail(otawire::errc::out_of_range, "index");
    return otawire::byte_view(bytes.data(), index % 2 == 0 ? 500 : 200);
  }
  otawire::result<std::string_view> version_alias(std::string_view) noexcept override {
    return std::string_view{"alias"};
  }
  otawire::result<std::string_view> target_version(const ota::package_ref&) noexcept override {
    return std::string_view{"2.0"};
  }
  otawire::result<std::string_view> token_url(const ota::package_ref&) noexcept override {
    return std::string_view{"https://ctw.example/p?deviceId=d&accessToken=t"};
  }
  std::optional<std::uint64_t> bytes_served() noexcept override { return std::uint64_t{mode_} * 7u; }
  bool stop_serving() noexcept override { return (mode_ & 16u) != 0; }
  std::optional<ota::package_ref> offer_for_pull() noexcept override {
    if ((mode_ & 32u) == 0) return std::nullopt;
    ota::package_ref p{};
    p.version = "2.0";
    p.source.kind = ota::source_kind::url;
    p.source.url = "https://gw.example/p";
    return p;
  }

 private:
  std::uint8_t mode_;
};

ota::reason reason_of(std::uint8_t p) { return static_cast<ota::reason>(p % ota::reason_count); }
ota::phase phase_of(std::uint8_t p) { return static_cast<ota::phase>(p % 4); }

/// A platform event from two bytes.
ota::event platform_event(protocol b, std::uint8_t what, std::uint8_t p) {
  ota::event e{};
  e.head.source_protocol = b;
  e.head.vendor.source = b;
  e.head.dir = otawire::direction::platform_to_device;
  switch (what % 7) {
    case 0: e.body.emplace<ota::version_query>(); break;
    case 1: {
      ota::package_ref pkg{};
      pkg.version = versions[p % versions.size()];
      const std::uint64_t size = (p & 0x80u) != 0 ? 81362928u : 1200u;
      switch ((p >> 3) & 3u) {
        case 0:
          pkg.source.kind = ota::source_kind::fragments;
          pkg.source.fragment_size = 500;
          pkg.source.fragment_count = static_cast<std::uint16_t>(1 + ((p >> 5) & 3u));
          pkg.min_size = (pkg.source.fragment_count - 1u) * 500u + 1u;
          pkg.max_size = pkg.source.fragment_count * 500u;
          break;
        case 1:
          pkg.source.kind = ota::source_kind::push;
          break;
        default:
          pkg.source.kind = ota::source_kind::url;
          pkg.source.url = "https://b.example/p";
          pkg.source.auth = static_cast<ota::url_auth>((p >> 5) & 3u);
          pkg.min_size = size;
          pkg.max_size = size;
          pkg.package_digest = {static_cast<ota::digest_algorithm>(p % 3), "00"};
          break;
      }
      e.body.emplace<ota::upgrade_offer>(ota::upgrade_offer{pkg, (p & 1u) != 0});
      if ((p & 2u) != 0) e.head.upgrade_task.package_check_code = p;
      break;
    }
    case 2: e.body.emplace<ota::no_upgrade>(); break;
    case 3: e.body.emplace<ota::install_request>(); break;
    case 4: e.body.emplace<ota::cancel>(ota::cancel{static_cast<ota::cancel_mode>(p & 1u)}); break;
    case 5: e.body.emplace<ota::ack>(ota::ack{static_cast<ota::ack_subject>(p % 3), (p & 4u) == 0, reason_of(p >> 3)}); break;
    default: {
      ota::chunk c{};
      c.status = static_cast<ota::chunk_status>(p % 3);
      c.by_offset = (p & 4u) != 0;
      c.position = (p >> 3) & 3u;
      if (c.status == ota::chunk_status::data) c.bytes = otawire::byte_view(bytes.data(), (p & 0x20u) != 0 ? 500 : 200);
      e.body.emplace<ota::chunk>(c);
      break;
    }
  }
  return e;
}

/// A device event from two bytes.
ota::event device_event(protocol a, std::uint8_t what, std::uint8_t p) {
  ota::event e{};
  e.head.source_protocol = a;
  e.head.vendor.source = a;
  e.head.dir = otawire::direction::device_to_platform;
  const std::string_view v = versions[p % versions.size()];
  switch (what % 10) {
    case 0: {
      ota::version_report r{};
      r.first.version = v;
      r.solicited = (p & 0x80u) != 0;
      e.body.emplace<ota::version_report>(r);
      break;
    }
    case 1: e.body.emplace<ota::upgrade_request>(ota::upgrade_request{v, {}}); break;
    case 2: e.body.emplace<ota::accepted>(ota::accepted{static_cast<ota::answer_subject>(p % 3)}); break;
    case 3: e.body.emplace<ota::refused>(ota::refused{static_cast<ota::answer_subject>(p % 3), reason_of(p >> 2)}); break;
    case 4: {
      ota::progress pr{};
      pr.stage = phase_of(p);
      if ((p & 4u) != 0) pr.percent = static_cast<std::uint8_t>((p >> 3) * 4u);
      e.body.emplace<ota::progress>(pr);
      break;
    }
    case 5: e.body.emplace<ota::download_finished>(); break;
    case 6: e.body.emplace<ota::succeeded>(ota::succeeded{v}); break;
    case 7: e.body.emplace<ota::failed>(ota::failed{phase_of(p), reason_of(p >> 2), v}); break;
    case 8: e.body.emplace<ota::chunk_request>(ota::chunk_request{static_cast<std::uint16_t>((p >> 3) & 3u), v}); break;
    default: e.body.emplace<ota::ack>(ota::ack{ota::ack_subject::version_report, false, reason_of(p)}); break;
  }
  return e;
}

/// Aborts, saying which invariant broke, when `ok` is false.
void check(bool ok, int line) {
  if (ok) return;
  std::fprintf(stderr, "fuzz_ota_gateway: invariant at line %d broken\n", line);
  std::abort();
}
#define CHECK(x) check((x), __LINE__)

/// The gateway's session of one side agrees with the mirror of that side.
void same_state(const ota::neutral_session& gateway_side, const ota::neutral_session& mirror, std::size_t at,
                const char* side) {
  if (gateway_side.state() == mirror.state()) return;
  std::fprintf(stderr, "fuzz_ota_gateway: %s side at input byte %zu: gateway %s, mirror %s\n", side, at,
               std::string(ota::name(gateway_side.state())).c_str(), std::string(ota::name(mirror.state())).c_str());
  std::abort();
}

/// Every output of an accepted step, checked and fed to the mirror session of its side.
void check_outputs(std::span<const ota::event> events, protocol p, otawire::direction dir, ota::neutral_session& mirror) {
  for (const auto& e : events) {
    CHECK(e.head.source_protocol == p);
    CHECK(e.head.dir == dir);
    CHECK(!e.synthesised() || e.made_by != nullptr);
    CHECK(mirror.on_event(e).has_value());
  }
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 3) return 0;
  const protocol a = protocols[data[0] % protocols.size()];
  protocol b = protocols[data[1] % protocols.size()];
  if (a == b) b = protocols[(data[1] + 1u) % protocols.size()];
  fuzz_hooks hooks(data[2]);
  ota::gateway gw(a, b, hooks);
  ota::neutral_session device_mirror(ota::profile_of(a));
  ota::neutral_session platform_mirror(ota::profile_of(b));
  if (auto t = gw.start()) {
    check_outputs(t->to_device(), a, otawire::direction::platform_to_device, device_mirror);
  }
  for (std::size_t i = 3; i + 1 < size; i += 2) {
    if (data[i] == 0xFF) {  // resume(): a PCP device's interrupted download
      if (auto t = gw.resume()) check_outputs(t->to_device(), a, otawire::direction::platform_to_device, device_mirror);
      same_state(gw.device_session(), device_mirror, i, "device");
      continue;
    }
    const bool from_device = (data[i] & 0x80u) != 0;
    const ota::event e = from_device ? device_event(a, data[i], data[i + 1]) : platform_event(b, data[i], data[i + 1]);
    const auto device_before = gw.device_session().state();
    const auto platform_before = gw.platform_session().state();
    const auto t = from_device ? gw.on_device(e) : gw.on_platform(e);
    if (!t) {  // refused: nothing changed
      CHECK(gw.device_session().state() == device_before);
      CHECK(gw.platform_session().state() == platform_before);
      continue;
    }
    // The input itself goes to its side's mirror first (the gateway's side session accepted it).
    CHECK((from_device ? device_mirror : platform_mirror).on_event(e).has_value());
    // O: a report of the target is the device's success (ALI, CTW), inferred on the device side.
    if (t->device_success_inferred) {
      ota::event inferred = e;
      inferred.body.emplace<ota::succeeded>(ota::succeeded{gw.device_target()});
      CHECK(device_mirror.on_event(inferred).has_value());
    }
    check_outputs(t->to_platform(), b, otawire::direction::device_to_platform, platform_mirror);
    check_outputs(t->to_device(), a, otawire::direction::platform_to_device, device_mirror);
    same_state(gw.device_session(), device_mirror, i, "device");
    same_state(gw.platform_session(), platform_mirror, i, "platform");
  }
  return 0;
}
