// The translating gateway (include/otawire/ota/gateway.hpp): the §4.3 matrix cell by cell and
// its Patterns paragraph, the §4.2 limits with the crosswalk's own examples, and one scripted
// upgrade per off-diagonal cell (success, a failure, and a pull where the device pulls), with
// both sides' streams checked by an independent neutral session of that side's profile.
#include <otawire/alibaba/codec.hpp>
#include <otawire/alibaba/session.hpp>
#include <otawire/ctwing/session.hpp>
#include <otawire/huawei/session.hpp>
#include <otawire/lwm2m/session.hpp>
#include <otawire/jetlinks/session.hpp>
#include <otawire/ota/alibaba.hpp>
#include <otawire/ota/ctwing.hpp>
#include <otawire/ota/gateway.hpp>
#include <otawire/ota/huawei.hpp>
#include <otawire/ota/jetlinks.hpp>
#include <otawire/ota/lwm2m.hpp>
#include <otawire/ota/pcp.hpp>
#include <otawire/ota/tencent.hpp>
#include <otawire/pcp/session.hpp>
#include <otawire/tencent/session.hpp>

#include <gtest/gtest.h>

#include <any>
#include <array>
#include <chrono>
#include <functional>
#include <typeinfo>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace {

namespace ota = otawire::ota;
using ota::capability;
using ota::grade;
using ota::protocol;

/// The seven protocols in §4.3's order.
constexpr std::array<protocol, 7> matrix_order{protocol::pcp,      protocol::lwm2m_fw,    protocol::tencent, protocol::ctwing,
                                               protocol::jetlinks, protocol::huawei_mqtt, protocol::alibaba};

bool is_json(protocol p) { return p != protocol::pcp && p != protocol::lwm2m_fw; }

/// Stand-ins for the rules the protocols' `to_events` name on their synthesised events (the
/// scripts write neutral events directly, as those mappings would give them).
constexpr ota::synthesis_rule script_fragment_progress{"pcp_progress_from_fragment_index", "crosswalk 2.1 (script)"};
constexpr ota::synthesis_rule script_success_by_report{"success_by_reported_version", "crosswalk 2.4/2.7 (script)"};

// --- §4.3 as printed, transcribed as text and parsed -----------------------------------------------

/// §4.3's table, row = device A, column = platform B, each cell as the note prints it (notes as
/// `^n`, the minus of I− as `I-`).
constexpr std::array<std::array<std::string_view, 7>, 7> printed{{
    {"-", "G As Fs V Tv X K ^1", "B F Fs V I+ P K", "B F Fs V I+ P K", "B F Fs V I+ P K", "B F Fs V I+ P K ^2",
     "B F Fs V I+ P O K"},
    {"B As Rh V K ^3", "-", "B F Rh V I+ P O ^4", "B F Rh/pass V I+ P O", "B F Rh/pass V I+ P O", "B F Rh V I+ P O",
     "B F Rh/pass V I+ P O"},
    {"G As Rh V I- K", "G As Rh V Tv I- X K", "-", "T ^5", "T/B ^6", "B F Rh V", "T/B ^6"},
    {"G As Rh V I- O", "G As Rh V Tv I- O X", "T/B ^7", "-", "T/B ^7", "B F Rh V", "T/B ^7"},
    {"G As Rh V I-", "G As Rh V Tv I- X", "T", "T ^5", "-", "T/B ^8", "T Q ^9"},
    {"G As Rh V I- ^2", "G As Rh V Tv I- X", "B F Rh/v2 ^10", "B F Rh/v2 ^10", "T/B ^10", "-", "T/B ^10"},
    {"G As Rh V I- O Q", "G As Rh V Tv I- O Q X", "T Q", "T Q ^5", "T/B Q ^11", "B F Rh V Q", "-"},
}};

ota::feasibility parse_cell(std::string_view text) {
  ota::feasibility f{};
  std::istringstream in{std::string(text)};
  std::string token;
  in >> token;
  if (token == "-") return f;
  if (token == "T") f.level = grade::translate;
  if (token == "B") f.level = grade::bridge;
  if (token == "G") f.level = grade::gap;
  if (token == "T/B") {
    f.level = grade::translate;
    f.conditional = true;
  }
  const std::pair<std::string_view, capability> codes[] = {
      {"F", capability::fetch},         {"As", capability::assemble},          {"Rh", capability::rehost},
      {"Fs", capability::fragment_server}, {"V", capability::version_bridge},  {"Tv", capability::target_version},
      {"I+", capability::issue_install}, {"I-", capability::hold_outcome},     {"P", capability::progress_synthesis},
      {"O", capability::outcome_synthesis}, {"Q", capability::pull_bridge},    {"X", capability::cancel_bridge},
      {"K", capability::acks}};
  while (in >> token) {
    if (token[0] == '^') {
      f.note = static_cast<std::uint8_t>(std::stoi(token.substr(1)));
      continue;
    }
    if (token == "Rh/pass" || token == "Rh/v2") {
      f.optional = f.optional | capability::rehost;
      continue;
    }
    bool known = false;
    for (const auto& [code, bit] : codes) {
      if (token == code) {
        f.needs = f.needs | bit;
        known = true;
      }
    }
    EXPECT_TRUE(known) << token;
  }
  return f;
}

TEST(GatewayMatrix, EveryCellAsPrinted) {  // crosswalk §4.3
  int cells = 0;
  for (std::size_t a = 0; a < 7; ++a) {
    for (std::size_t b = 0; b < 7; ++b) {
      const auto expected = parse_cell(printed[a][b]);
      const auto got = ota::feasibility_of(matrix_order[a], matrix_order[b]);
      EXPECT_EQ(got, expected) << ota::name(matrix_order[a]) << " -> " << ota::name(matrix_order[b]) << ": "
                               << printed[a][b];
      if (a != b) ++cells;
      EXPECT_EQ(got.level == grade::none, a == b);
    }
  }
  EXPECT_EQ(cells, 42);
}

TEST(GatewayMatrix, PatternsParagraph) {  // crosswalk §4.3 "Patterns"
  for (const protocol a : matrix_order) {
    for (const protocol b : matrix_order) {
      if (a == b) continue;
      const auto f = ota::feasibility_of(a, b);
      const bool b_installs_explicitly = !is_json(b);
      // A JSON device with B ∈ {PCP, LWM}: G (the explicit install cannot control the device).
      if (is_json(a) && b_installs_explicitly) {
        EXPECT_EQ(f.level, grade::gap);
        EXPECT_TRUE(contains(f.needs, capability::hold_outcome));
      }
      // A ∈ {PCP, LWM} with a JSON platform: B, the gateway handles the bytes and issues the install.
      if (!is_json(a) && is_json(b)) {
        EXPECT_EQ(f.level, grade::bridge);
        EXPECT_TRUE(contains(f.needs, capability::issue_install));
        EXPECT_TRUE(contains(f.needs, capability::fetch));
      }
      // JSON↔JSON: T (possibly conditional) except where Huawei's Bearer/digest is involved.
      if (is_json(a) && is_json(b) && f.level != grade::translate) {
        EXPECT_TRUE(a == protocol::huawei_mqtt || b == protocol::huawei_mqtt) << ota::name(a) << "->" << ota::name(b);
      }
      // Every G cell has a named reason: I− (install timing) or Tv (a target B never supplied).
      if (f.level == grade::gap) {
        EXPECT_TRUE(contains(f.needs, capability::hold_outcome) || contains(f.needs, capability::target_version));
      }
      // The cancel bridge exists only toward an LwM2M platform (§4.1 X).
      if (contains(f.needs, capability::cancel_bridge)) {
        EXPECT_EQ(b, protocol::lwm2m_fw);
      }
      // The PCP fragment server only toward a PCP device.
      if (contains(f.needs, capability::fragment_server)) {
        EXPECT_EQ(a, protocol::pcp);
      }
    }
  }
  // PCP device ↔ LWM platform is G only for the target version (note 1); the reverse is B.
  EXPECT_EQ(ota::feasibility_of(protocol::pcp, protocol::lwm2m_fw).level, grade::gap);
  EXPECT_TRUE(contains(ota::feasibility_of(protocol::pcp, protocol::lwm2m_fw).needs, capability::target_version));
  EXPECT_EQ(ota::feasibility_of(protocol::lwm2m_fw, protocol::pcp).level, grade::bridge);
}

ota::package_ref url_offer(std::string_view url, ota::url_auth auth, ota::digest_algorithm algo, std::uint64_t size,
                           std::string_view version = "2.0.0") {
  ota::package_ref p{};
  p.version = version;
  p.min_size = size;
  p.max_size = size;
  constexpr std::string_view md5_hex = "0123456789abcdef0123456789abcdef";
  constexpr std::string_view sha_hex = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
  p.package_digest = {algo, algo == ota::digest_algorithm::md5      ? md5_hex
                            : algo == ota::digest_algorithm::sha256 ? sha_hex
                                                                    : std::string_view{}};
  p.source.kind = ota::source_kind::url;
  p.source.url = url;
  p.source.auth = auth;
  return p;
}

TEST(GatewayMatrix, ConditionalCellsResolvedByTheOffer) {  // §4.3 notes 6–11
  using ota::digest_algorithm;
  using ota::url_auth;
  const auto resolve = [](protocol a, protocol b, const ota::package_ref& p) { return ota::feasibility_of(a, b, p); };
  const auto md5 = url_offer("https://x/p", url_auth::none, digest_algorithm::md5, 1200);
  const auto md5_no_size = url_offer("https://x/p", url_auth::none, digest_algorithm::md5, 0);
  const auto sha = url_offer("https://x/p", url_auth::none, digest_algorithm::sha256, 1200);
  const auto bearer = url_offer("https://x/p", url_auth::bearer, digest_algorithm::sha256, 1200);
  // Note 6: TCT device, JTL/ALI platform: T with MD5 (and a size), else B with F.
  EXPECT_EQ(resolve(protocol::tencent, protocol::jetlinks, md5).level, grade::translate);
  EXPECT_EQ(resolve(protocol::tencent, protocol::jetlinks, md5_no_size).level, grade::bridge);
  EXPECT_TRUE(contains(resolve(protocol::tencent, protocol::jetlinks, md5_no_size).needs, capability::fetch));
  EXPECT_EQ(resolve(protocol::tencent, protocol::alibaba, md5).level, grade::translate);
  EXPECT_EQ(resolve(protocol::tencent, protocol::alibaba, sha).level, grade::bridge);
  // Note 7: unknown tolerance of the appended query: always B, F + Rh (conservative).
  for (const protocol b : {protocol::tencent, protocol::jetlinks, protocol::alibaba}) {
    const auto f = resolve(protocol::ctwing, b, md5);
    EXPECT_EQ(f.level, grade::bridge);
    EXPECT_TRUE(contains(f.needs, capability::fetch | capability::rehost));
    EXPECT_FALSE(f.conditional);
  }
  // Note 8: JTL device, HWM platform: v2 (plain URL) T, v1 Bearer B (F + Rh).
  EXPECT_EQ(resolve(protocol::jetlinks, protocol::huawei_mqtt, sha).level, grade::translate);
  EXPECT_EQ(resolve(protocol::jetlinks, protocol::huawei_mqtt, bearer).level, grade::bridge);
  EXPECT_TRUE(contains(resolve(protocol::jetlinks, protocol::huawei_mqtt, bearer).needs, capability::rehost));
  // Note 10: HWM device, JTL/ALI platform: T when B supplies SHA-256.
  EXPECT_EQ(resolve(protocol::huawei_mqtt, protocol::jetlinks, sha).level, grade::translate);
  EXPECT_EQ(resolve(protocol::huawei_mqtt, protocol::alibaba, md5).level, grade::bridge);
  // Note 10, "Rh/v2": the TCT URL goes out as *_v2 (no Rh); a Bearer one cannot.
  const auto presigned = url_offer("https://cos/p?sign=1", url_auth::presigned, digest_algorithm::md5, 1200);
  EXPECT_FALSE(contains(resolve(protocol::huawei_mqtt, protocol::tencent, presigned).needs, capability::rehost));
  EXPECT_EQ(resolve(protocol::huawei_mqtt, protocol::tencent, presigned).level, grade::bridge);
  // Note 11: ALI device, JTL platform: MD5 needed (iotkit v3).
  EXPECT_EQ(resolve(protocol::alibaba, protocol::jetlinks, md5).level, grade::translate);
  EXPECT_EQ(resolve(protocol::alibaba, protocol::jetlinks, sha).level, grade::bridge);
  // "Rh/pass" toward an LwM2M device: a short presigned URL passes; a CTWing token does not.
  EXPECT_FALSE(contains(resolve(protocol::lwm2m_fw, protocol::alibaba, presigned).needs, capability::rehost));
  const auto token = url_offer("https://ctw/p?a=1", url_auth::query_token, digest_algorithm::md5, 1200);
  EXPECT_TRUE(contains(resolve(protocol::lwm2m_fw, protocol::ctwing, token).needs, capability::rehost));
  // Unconditional cells stay as printed.
  EXPECT_EQ(resolve(protocol::tencent, protocol::ctwing, md5), ota::feasibility_of(protocol::tencent, protocol::ctwing));
}

TEST(GatewayLimits, CrosswalkExamples) {  // crosswalk §4.2
  using ota::limit;
  // Huawei's `file_size 81362928` [hwali §A.3.3] needs 162,726 fragments: ✗ for a PCP device.
  auto huawei = url_offer("https://obs/p", ota::url_auth::bearer, ota::digest_algorithm::sha256, 81362928);
  EXPECT_EQ((81362928u + 499u) / 500u, 162726u);
  EXPECT_TRUE(contains(ota::limits_for(protocol::pcp, huawei), limit::pcp_package_too_large));
  EXPECT_EQ(ota::limits_for(protocol::tencent, huawei), limit::none);  // only PCP has the limit
  // The boundary: 65535 × 500 = 32,767,500 bytes fits, one more does not.
  EXPECT_EQ(ota::pcp_max_package_size, 32767500u);
  huawei.max_size = 32767500;
  EXPECT_FALSE(contains(ota::limits_for(protocol::pcp, huawei), limit::pcp_package_too_large));
  huawei.max_size = 32767501;
  EXPECT_TRUE(contains(ota::limits_for(protocol::pcp, huawei), limit::pcp_package_too_large));
  // Alibaba's "1.0.1.9.20171112.1432" [hwali §B.2.4] is 21 characters: an alias for PCP.
  auto ali = url_offer("https://oss/p", ota::url_auth::presigned, ota::digest_algorithm::md5, 1200,
                       "1.0.1.9.20171112.1432");
  EXPECT_EQ(ali.version.size(), 21u);
  EXPECT_EQ(ota::limits_for(protocol::pcp, ali), limit::pcp_version_alias);
  ali.version = "1234567890123456";  // exactly 16 bytes: no alias
  EXPECT_EQ(ota::limits_for(protocol::pcp, ali), limit::none);
  // Tencent's Java-log URL is 334 bytes [json §A.2]: an LwM2M device needs it re-hosted.
  const std::string tencent_url = "https://ota-1254092559.cos.ap-guangzhou.myqcloud.com/" + std::string(334 - 53, 'q');
  ASSERT_EQ(tencent_url.size(), 334u);
  const auto tct = url_offer(tencent_url, ota::url_auth::presigned, ota::digest_algorithm::md5, 1200);
  EXPECT_EQ(ota::limits_for(protocol::lwm2m_fw, tct), limit::lwm2m_rehost);
  EXPECT_TRUE(contains(ota::feasibility_of(protocol::lwm2m_fw, protocol::alibaba, tct).needs, capability::rehost));
  const std::string url255(255, 'u');
  EXPECT_EQ(ota::limits_for(protocol::lwm2m_fw,
                            url_offer(url255, ota::url_auth::presigned, ota::digest_algorithm::md5, 1200)),
            limit::none);
  // A Huawei v1 Bearer URL cannot be a Package URI (no header authentication, §4.2).
  EXPECT_EQ(ota::limits_for(protocol::lwm2m_fw,
                            url_offer("https://x/p", ota::url_auth::bearer, ota::digest_algorithm::sha256, 1200)),
            limit::lwm2m_rehost);
  // Over 16,777,215 bytes an LwM2M push goes block-wise.
  EXPECT_TRUE(contains(
      ota::limits_for(protocol::lwm2m_fw, url_offer("https://x/p", ota::url_auth::none, ota::digest_algorithm::md5,
                                                    16777216)),
      limit::lwm2m_blockwise));
}

// --- scripted upgrades ------------------------------------------------------------------------------

constexpr std::uint64_t package_size = 1200;  // three PCP fragments: 500, 500, 200
constexpr std::string_view target = "2.0.0";
constexpr std::string_view running = "1.0.0";

/// The test double of every hook: a 1200-byte package, fixed digests and URLs.
class fake_hooks final : public ota::gateway_hooks {
 public:
  int fetches = 0;
  int assembled = 0;
  int rehosts = 0;
  int fragments_served = 0;
  bool still_serving = true;
  std::optional<ota::package_ref> pull_offer{};

  otawire::result<ota::fetched_package> fetch(const ota::package_ref&) noexcept override {
    ++fetches;
    ota::fetched_package p{};
    p.size = package_size;
    p.verified = true;
    p.md5 = {ota::digest_algorithm::md5, "0123456789abcdef0123456789abcdef"};
    p.sha256 = {ota::digest_algorithm::sha256, std::string_view(sha_hex.data(), sha_hex.size())};
    return p;
  }
  otawire::result<void> assemble(const ota::chunk&) noexcept override {
    ++assembled;
    return otawire::ok();
  }
  otawire::result<ota::package_ref> rehost(protocol device, const ota::package_ref&, std::uint64_t size,
                                           std::string_view version) noexcept override {
    ++rehosts;
    ota::package_ref p{};
    p.version = version;
    p.min_size = size;
    p.max_size = size;
    p.source.kind = ota::source_kind::url;
    p.source.url = "https://gw.example/pkg/1?k=v";
    p.source.auth = ota::url_auth::none;
    if (device == protocol::ctwing) {
      p.source.auth = ota::url_auth::query_token;
      p.source.token = "gwtoken";
    }
    if (device == protocol::huawei_mqtt) {
      p.package_digest = {ota::digest_algorithm::sha256, std::string_view(sha_hex.data(), sha_hex.size())};
    } else if (device != protocol::lwm2m_fw) {
      p.package_digest = {ota::digest_algorithm::md5, "0123456789abcdef0123456789abcdef"};
    }
    return p;
  }
  otawire::result<ota::fragment_plan> plan_fragments(std::uint64_t size) noexcept override {
    auto plan = gateway_hooks::plan_fragments(size);
    if (plan) plan->check_code = 0x4242;
    return plan;
  }
  otawire::result<otawire::byte_view> serve_fragment(std::uint16_t index) noexcept override {
    ++fragments_served;
    const std::size_t n = index < 2 ? 500 : 200;
    return otawire::byte_view(bytes.data(), n);
  }
  otawire::result<std::string_view> version_alias(std::string_view) noexcept override { return std::string_view{"alias-1"}; }
  otawire::result<std::string_view> target_version(const ota::package_ref&) noexcept override { return target; }
  otawire::result<std::string_view> token_url(const ota::package_ref&) noexcept override {
    return std::string_view{"https://ctw.example/p?f=1&deviceId=dev&accessToken=tok"};
  }
  std::optional<std::uint64_t> bytes_served() noexcept override { return std::uint64_t{600}; }
  bool stop_serving() noexcept override { return still_serving; }
  std::optional<ota::package_ref> offer_for_pull() noexcept override { return pull_offer; }

  std::array<std::byte, 500> bytes{};
  std::array<char, 64> sha_hex = [] {
    std::array<char, 64> h{};
    for (auto& c : h) c = 'a';
    return h;
  }();
};

/// One message's events.
using message = std::vector<ota::event>;

template <class Body>
ota::event make(protocol p, otawire::direction dir, const Body& body) {
  ota::event e{};
  e.head.source_protocol = p;
  e.head.vendor.source = p;
  e.head.dir = dir;
  e.body.template emplace<Body>(body);
  return e;
}

enum class scenario { success, failure, pull };

/// A scripted device speaking A, in the neutral events its protocol's `to_events` gives (§2).
class scripted_device {
 public:
  scripted_device(protocol p, scenario s) : p_(p), s_(s) {}

  /// What the device says first (JSON devices report at boot; JTL/ALI pull in the pull run).
  std::vector<message> start() {
    std::vector<message> out;
    if (p_ == protocol::tencent || p_ == protocol::ctwing || p_ == protocol::alibaba) out.push_back({report(false)});
    if (s_ == scenario::pull && (p_ == protocol::jetlinks || p_ == protocol::alibaba)) {
      out.push_back({up(ota::upgrade_request{running, {}})});
    }
    return out;
  }

  /// The device's answer to one event from the gateway.
  std::vector<message> react(const ota::event& in) {
    std::vector<message> out;
    switch (in.kind()) {
      case ota::event_kind::version_query: out.push_back({report(true)}); break;
      case ota::event_kind::upgrade_offer: on_offer(std::get<ota::upgrade_offer>(in.body), out); break;
      case ota::event_kind::chunk: {
        const auto& c = std::get<ota::chunk>(in.body);
        if (c.status != ota::chunk_status::data) break;
        next_ = static_cast<std::uint16_t>(c.position + 1);
        if (s_ == scenario::failure) {
          out.push_back({up(ota::failed{ota::phase::download, ota::reason::integrity_failed, {}})});
        } else if (next_ < count_) {
          out.push_back(fragment_request(next_));
        } else {
          out.push_back({up(ota::download_finished{ota::verification::verified, {}})});
        }
        break;
      }
      case ota::event_kind::install_request: {
        out.push_back({up(ota::accepted{ota::answer_subject::install})});
        if (p_ == protocol::lwm2m_fw) out.back().push_back(up(ota::progress{ota::phase::install, {}, {}, {}}));
        out.push_back({up(ota::succeeded{target_})});
        break;
      }
      case ota::event_kind::no_upgrade: saw_no_upgrade = true; break;
      default: break;
    }
    return out;
  }

  bool saw_no_upgrade = false;

 private:
  template <class Body>
  ota::event up(const Body& body) {
    return make(p_, otawire::direction::device_to_platform, body);
  }
  ota::event report(bool solicited) {
    ota::version_report r{};
    r.first.version = running;
    r.solicited = solicited;
    return up(r);
  }
  message fragment_request(std::uint16_t i) {
    message m{up(ota::chunk_request{i, target_})};
    ota::progress p{ota::phase::download, static_cast<std::uint8_t>(i * 100u / count_), ota::fragment_position{i, count_}, {}};
    auto e = up(p);
    e.mapped = ota::fidelity::synthesised;
    e.made_by = &script_fragment_progress;
    m.push_back(e);
    return m;
  }
  ota::progress pct(ota::phase ph, std::uint8_t v) { return ota::progress{ph, v, {}, {}}; }

  void on_offer(const ota::upgrade_offer& o, std::vector<message>& out) {
    target_ = o.package.version;
    const bool fail = s_ == scenario::failure;
    using ota::phase;
    using ota::reason;
    const ota::failed failure{phase::download, reason::integrity_failed, {}};
    switch (p_) {
      case protocol::pcp:
        count_ = o.package.source.fragment_count;
        out.push_back({up(ota::accepted{ota::answer_subject::offer})});
        out.push_back(fragment_request(0));
        break;
      case protocol::lwm2m_fw:
        out.push_back({up(ota::accepted{ota::answer_subject::offer}), up(ota::progress{phase::download, {}, {}, {}})});
        if (fail) {
          out.push_back({up(failure)});
        } else {
          out.push_back({up(ota::download_finished{ota::verification::verified, {}})});
        }
        break;
      case protocol::tencent:
        out.push_back({up(pct(phase::download, 0))});
        if (fail) {
          out.push_back({up(failure)});
          break;
        }
        out.push_back({up(pct(phase::download, 50))});
        out.push_back({up(pct(phase::download, 100)), up(ota::download_finished{ota::verification::unknown, {}})});
        out.push_back({up(ota::progress{phase::install, {}, {}, {}})});  // `burning` has no percent
        out.push_back({up(ota::succeeded{target_})});
        out.push_back({report_of(target_)});
        break;
      case protocol::ctwing:
      case protocol::alibaba:
        out.push_back({up(pct(phase::unspecified, 10))});
        if (fail) {
          out.push_back({up(failure)});
          break;
        }
        out.push_back({up(pct(phase::unspecified, 100)), up(ota::download_finished{ota::verification::unknown, {}})});
        {
          auto success = up(ota::succeeded{target_});
          success.mapped = ota::fidelity::synthesised;
          success.made_by = &script_success_by_report;
          out.push_back({report_of(target_), success});
        }
        break;
      case protocol::jetlinks:
        out.push_back({up(pct(phase::unspecified, 50))});
        // The reason as otawire's JetLinks text token (§3.2) "integrity_failed: …".
        out.push_back({fail ? up(ota::failed{phase::unspecified, reason::integrity_failed, {}}) : up(ota::succeeded{target_})});
        break;
      case protocol::huawei_mqtt:
        out.push_back({up(ota::accepted{ota::answer_subject::offer}), up(pct(phase::unspecified, 50))});
        out.push_back({fail ? up(ota::failed{phase::unspecified, reason::integrity_failed, {}})
                            : up(ota::succeeded{target_})});
        break;
    }
  }
  ota::event report_of(std::string_view v) {
    ota::version_report r{};
    r.first.version = v;
    return up(r);
  }

  protocol p_;
  scenario s_;
  std::string_view target_{};
  std::uint16_t count_ = 0;
  std::uint16_t next_ = 0;
};

/// A scripted platform speaking B, in the neutral events its protocol's `to_events` gives (§2).
class scripted_platform {
 public:
  explicit scripted_platform(protocol p) : p_(p) {}

  std::vector<message> start(bool device_pulls) {
    std::vector<message> out;
    pull_expected_ = device_pulls && pulls();
    if (p_ == protocol::pcp || p_ == protocol::lwm2m_fw || p_ == protocol::jetlinks || p_ == protocol::huawei_mqtt) {
      out.push_back({down(ota::version_query{})});
      query_pending_ = true;
    }
    // TCT, CTW and ALI platforms offer once the device reported (json §A.4, §B.2; hwali §B.6 rule 1).
    if (!query_pending_ && !device_pulls && !wants_report_first()) out.push_back(offer(false));
    return out;
  }

  std::vector<message> react(const ota::event& in) {
    std::vector<message> out;
    switch (in.kind()) {
      case ota::event_kind::version_report:
        if (query_pending_ && !offered_ && std::get<ota::version_report>(in.body).solicited) {
          query_pending_ = false;
          out.push_back(offer(false));
        } else if (wants_report_first() && !offered_ && !pull_expected_) {
          out.push_back(offer(false));
        }
        break;
      case ota::event_kind::upgrade_request:
        if (!offered_) out.push_back(offer(true));  // one upgrade per run: a pull after the push is not answered
        break;
      case ota::event_kind::chunk_request: {
        const auto i = std::get<ota::chunk_request>(in.body).index;
        ota::chunk c{};
        c.position = i;
        c.bytes = otawire::byte_view(bytes_.data(), i < 2 ? 500 : 200);
        out.push_back({down(c)});
        break;
      }
      case ota::event_kind::download_finished:
        if (p_ == protocol::pcp) {
          out.push_back({down(ota::ack{ota::ack_subject::download_finished, true, ota::reason::unspecified})});
          out.push_back({down(ota::install_request{})});
        }
        if (p_ == protocol::lwm2m_fw) out.push_back({down(ota::install_request{})});
        break;
      case ota::event_kind::succeeded:
      case ota::event_kind::failed:
        if (p_ == protocol::pcp) {
          const bool download = in.kind() == ota::event_kind::failed && awaiting_download_ack(in);
          out.push_back({down(ota::ack{download ? ota::ack_subject::download_finished : ota::ack_subject::outcome, true,
                                       ota::reason::unspecified})});
        }
        break;
      default: break;
    }
    return out;
  }

 private:
  bool pulls() const { return p_ == protocol::jetlinks || p_ == protocol::alibaba; }
  bool wants_report_first() const {
    return p_ == protocol::tencent || p_ == protocol::ctwing || p_ == protocol::alibaba;
  }
  static bool awaiting_download_ack(const ota::event& in) {
    return std::get<ota::failed>(in.body).stage != ota::phase::install;
  }
  template <class Body>
  ota::event down(const Body& body) {
    return make(p_, otawire::direction::platform_to_device, body);
  }
  message offer(bool solicited) {
    offered_ = true;
    using ota::digest_algorithm;
    using ota::url_auth;
    ota::package_ref p{};
    switch (p_) {
      case protocol::pcp:
        p.version = target;
        p.min_size = 1001;
        p.max_size = 1500;
        p.source.kind = ota::source_kind::fragments;
        p.source.fragment_size = 500;
        p.source.fragment_count = 3;
        break;
      case protocol::lwm2m_fw:
        p.source.kind = ota::source_kind::url;
        p.source.url = "coap://lwm2m.example/fw.bin";
        break;
      case protocol::tencent: p = url_offer("https://cos.example/p?sign=1", url_auth::presigned, digest_algorithm::md5, package_size); break;
      case protocol::ctwing: p = url_offer("https://ctw.example/p?f=1", url_auth::query_token, digest_algorithm::md5, package_size); break;
      case protocol::jetlinks: p = url_offer("https://jtl.example/p", url_auth::none, digest_algorithm::md5, package_size); break;
      case protocol::huawei_mqtt: p = url_offer("https://obs.example/p", url_auth::none, digest_algorithm::sha256, package_size); break;
      case protocol::alibaba: p = url_offer("https://oss.example/p?sig=1", url_auth::presigned, digest_algorithm::md5, package_size); break;
    }
    auto e = down(ota::upgrade_offer{p, solicited});
    if (p_ == protocol::pcp) e.head.upgrade_task.package_check_code = 0x1234;
    return {e};
  }

  protocol p_;
  bool query_pending_ = false;
  bool offered_ = false;
  bool pull_expected_ = false;  ///< the device pulls and B answers pulls: no push
  std::array<std::byte, 500> bytes_{};
};

struct pair_case {
  protocol device;
  protocol platform;
};

std::string pair_name(const testing::TestParamInfo<pair_case>& info) {
  return std::string(ota::name(info.param.device)) + "_to_" + std::string(ota::name(info.param.platform));
}

std::vector<pair_case> all_pairs() {
  std::vector<pair_case> out;
  for (const protocol a : matrix_order) {
    for (const protocol b : matrix_order) {
      if (a != b) out.push_back({a, b});
    }
  }
  return out;
}

// --- the wire: each side's stream through from_event into its protocol's messages and validator ------

/// One link of a run as its protocol sees it: every event goes through that protocol's
/// `from_event` (with the session echoes its profile needs) into a message, and the message into
/// the protocol's own validator: pcp::platform_session, tencent::session, ctwing::session,
/// jetlinks::session, huawei::session, alibaba::session, and for LwM2M the strict
/// lwm2m::firmware_observer (object 1.1) over the State / Update Result notifications (the
/// server's Writes and Executes it does not see). Written once per protocol; serves both sides
/// of every cell.
class wire_side {
 public:
  wire_side(protocol p, std::function<std::string_view()> target_version, std::string_view running_version)
      : p_(p), target_of_(std::move(target_version)), running_(running_version) {}

  /// Encodes and validates `e`; an empty string when both accept it. `joined`: `e` is another
  /// event of the message the previous event came from; an encoding equal to the previous one is
  /// that message, already sent.
  std::string feed(const ota::event& e, bool joined) {
    target_ = target_of_();
    if (!joined) last_.reset();
    const auto encoded = [&](const auto& enc) -> std::string {
      if (!enc) return "from_event " + std::string(ota::name(e.kind())) + ": " + std::string(enc.error().where());
      return {};
    };
    const auto verdict = [&](const auto& r, std::string_view state) -> std::string {
      if (r) return {};
      return std::string(ota::name(p_)) + " rejects " + std::string(ota::name(e.kind())) + ": " +
             std::string(r.error().where()) + " in " + std::string(state);
    };
    switch (p_) {
      case protocol::pcp: {
        auto enc = ota::from_event(e, ota::pcp_profile{});
        if (auto bad = encoded(enc); !bad.empty()) return bad;
        if (!enc->message) return {};
        if (repeated(*enc->message)) return {};
        ++messages;
        const auto before = otawire::pcp::name(pcp_.state());
        return verdict(pcp_.on(*enc->message, otawire::pcp::timestamp{0}), before);
      }
      case protocol::lwm2m_fw: {
        auto enc = ota::from_event(e, ota::lwm2m_profile{});
        if (auto bad = encoded(enc); !bad.empty()) return bad;
        if (!enc->message) return {};
        if (repeated(*enc->message)) return {};
        ++messages;
        const auto& m = *enc->message;
        // The observer checks what the device reports: State and Update Result notifications.
        if (m.operation != ota::lwm2m_operation::notify && m.operation != ota::lwm2m_operation::read_value) return {};
        if (!m.values.state && !m.values.result) return {};
        ++observed;
        return verdict(lwm2m_.observe(m.values.state, m.values.result), "");
      }
      case protocol::tencent: {
        auto enc = ota::from_event(e, ota::tencent_profile{target_, running_});
        if (auto bad = encoded(enc); !bad.empty()) return bad;
        if (!enc->message) return {};
        if (repeated(*enc->message)) return {};
        ++messages;
        const auto before = otawire::tencent::name(tencent_.state());
        auto r = verdict(tencent_.on(*enc->message), before);
        tencent_done_ = tencent_done_ || tencent_.state() == otawire::tencent::session_state::done;
        return r;
      }
      case protocol::ctwing: {
        auto enc = ota::from_event(e, ota::ctwing_profile{7});
        if (auto bad = encoded(enc); !bad.empty()) return bad;
        if (!enc->message) return {};
        if (repeated(*enc->message)) return {};
        ++messages;
        const auto before = otawire::ctwing::name(ctwing_.state());
        return verdict(ctwing_.on(*enc->message), before);
      }
      case protocol::jetlinks: {
        auto enc = ota::from_event(e, ota::jetlinks_profile{target_, {}});
        if (auto bad = encoded(enc); !bad.empty()) return bad;
        if (!enc->message) return {};
        if (repeated(*enc->message)) return {};
        ++messages;
        const auto before = jetlinks_.state_name();
        return verdict(jetlinks_.on(*enc->message), before);
      }
      case protocol::huawei_mqtt: {
        auto enc = ota::from_event(e, ota::huawei_profile{running_});
        if (auto bad = encoded(enc); !bad.empty()) return bad;
        if (!enc->message) return {};
        if (repeated(*enc->message)) return {};
        ++messages;
        auto r = verdict(huawei_.on(otawire::huawei::topic{"dev", e.head.dir}, *enc->message), "");
        huawei_succeeded_ = huawei_succeeded_ || huawei_.state("dev") == otawire::huawei::session_state::succeeded;
        return r;
      }
      case protocol::alibaba: {
        auto enc = ota::from_event(e, ota::alibaba_profile{otawire::alibaba::message_id{next_id_++, false}});
        if (auto bad = encoded(enc); !bad.empty()) return bad;
        if (!enc->message) return {};
        if (repeated(*enc->message)) return {};
        ++messages;
        const auto kind = std::visit(
            [](const auto& m) { return otawire::alibaba::detail::topic_of<std::decay_t<decltype(m)>>; }, *enc->message);
        return verdict(alibaba_.on(otawire::alibaba::topic{kind, "pk", "dn"}, *enc->message), "");
      }
    }
    return "unknown protocol";
  }

  /// Whether the protocol's own validator saw the upgrade succeed (where it says so).
  bool validator_saw_success() const {
    switch (p_) {
      case protocol::pcp: return pcp_.outcome() == otawire::pcp::task_outcome::succeeded;
      case protocol::tencent: return tencent_done_;  // `done` (then the report_version after it)
      case protocol::jetlinks: return jetlinks_.state() == otawire::jetlinks::session_state::success;
      case protocol::lwm2m_fw: return observed > 0 && lwm2m_.state() == otawire::lwm2m::fw_state::idle;
      case protocol::ctwing: return ctwing_.last_outcome() == otawire::ctwing::outcome::succeeded;
      case protocol::huawei_mqtt: return huawei_succeeded_;  // a later version report moves it on
      case protocol::alibaba: {
        const auto* m = alibaba_.find("pk", "dn");
        return m != nullptr && m->state() == otawire::alibaba::session_state::succeeded;
      }
    }
    return false;
  }

  int messages = 0;  ///< wire messages encoded
  int observed = 0;  ///< LwM2M State / Update Result notifications the observer checked

 private:
  /// Whether `m` is the message the previous event of the same input message encoded to.
  template <class M>
  bool repeated(const M& m) {
    if (last_ && last_->type() == typeid(M) && std::any_cast<const M&>(*last_) == m) return true;
    last_ = m;
    return false;
  }
  protocol p_;
  std::function<std::string_view()> target_of_;
  std::optional<std::any> last_{};
  std::string_view target_{};
  std::string_view running_;
  std::int64_t next_id_ = 1;
  otawire::pcp::platform_session pcp_{};
  otawire::lwm2m::firmware_observer lwm2m_{otawire::lwm2m::object_version::v1_1};
  otawire::tencent::session tencent_{};
  bool tencent_done_ = false;  ///< the Tencent session reached `done`
  bool huawei_succeeded_ = false;  ///< the Huawei session reached `succeeded`
  otawire::ctwing::session ctwing_{};
  otawire::jetlinks::session jetlinks_{};
  otawire::huawei::session huawei_{4};
  otawire::alibaba::session alibaba_{4};
};

/// One run: the scripts on both sides, the gateway between them, and an independent neutral
/// session per side fed with everything that side sends and receives.
struct run {
  fake_hooks hooks;
  ota::gateway gw;
  scripted_device device;
  scripted_platform platform;
  ota::neutral_session device_check;
  ota::neutral_session platform_check;
  ota::gap gaps = ota::gap::none;
  std::vector<ota::event> to_platform_log;
  std::vector<ota::event> to_device_log;
  wire_side platform_wire;  ///< the platform link through B's from_event and validator
  wire_side device_wire;    ///< the device link through A's from_event and validator
  std::string wire_failure;  ///< the first rejection on either link
  std::string failure;

  run(pair_case c, scenario s)
      : gw(c.device, c.platform, hooks),
        device(c.device, s),
        platform(c.platform),
        device_check(ota::profile_of(c.device)),
        platform_check(ota::profile_of(c.platform)),
        platform_wire(c.platform, [this] { return gw.platform_target().empty() ? target : gw.platform_target(); }, running),
        device_wire(c.device, [this] { return gw.device_target(); }, running) {}

  /// Feeds one event to a link's wire check (on the fly: views into the gateway live one step).
  void on_wire(wire_side& side, const ota::event& e, bool joined, std::string_view link) {
    if (!wire_failure.empty()) return;
    if (auto bad = side.feed(e, joined); !bad.empty()) wire_failure = std::string(link) + ": " + bad;
  }

  void go(bool device_pulls) {
    std::deque<std::pair<bool, message>> queue;  // (from the device?, events)
    const auto deliver = [&](const otawire::result<ota::translation>& t) {
      if (!t) {
        failure = "gateway refused: " + std::string(t.error().where()) + " in " + std::string(t.error().state());
        return;
      }
      gaps = gaps | t->gaps;
      for (const auto& e : t->to_platform()) {
        EXPECT_EQ(e.head.source_protocol, gw.platform_protocol());
        EXPECT_EQ(e.head.dir, otawire::direction::device_to_platform);
        if (e.synthesised()) {
          EXPECT_NE(e.made_by, nullptr);
        }
        if (auto r = platform_check.on_event(e); !r) {
          failure = "platform side rejects " + std::string(ota::name(e.kind())) + ": " + std::string(r.error().where());
          return;
        }
        to_platform_log.push_back(e);
        on_wire(platform_wire, e, ((t->platform_joined >> (&e - t->to_platform().data())) & 1u) != 0, "platform link");
        for (auto& m : platform.react(e)) queue.emplace_back(false, std::move(m));
      }
      for (const auto& e : t->to_device()) {
        EXPECT_EQ(e.head.source_protocol, gw.device_protocol());
        EXPECT_EQ(e.head.dir, otawire::direction::platform_to_device);
        if (e.synthesised()) {
          EXPECT_NE(e.made_by, nullptr);
        }
        if (auto r = device_check.on_event(e); !r) {
          failure = "device side rejects " + std::string(ota::name(e.kind())) + ": " + std::string(r.error().where());
          return;
        }
        to_device_log.push_back(e);
        on_wire(device_wire, e, ((t->device_joined >> (&e - t->to_device().data())) & 1u) != 0, "device link");
        for (auto& m : device.react(e)) queue.emplace_back(true, std::move(m));
      }
    };
    deliver(gw.start());
    for (auto& m : device.start()) queue.emplace_back(true, std::move(m));
    for (auto& m : platform.start(device_pulls)) queue.emplace_back(false, std::move(m));
    for (int steps = 0; !queue.empty() && failure.empty() && steps < 200; ++steps) {
      auto [from_device, m] = std::move(queue.front());
      queue.pop_front();
      auto& check = from_device ? device_check : platform_check;
      if (auto r = check.on_events(m); !r) {
        failure = std::string(from_device ? "device" : "platform") + " script rejected by its own side: " +
                  std::string(r.error().where());
        break;
      }
      for (std::size_t i = 0; i < m.size(); ++i) {
        on_wire(from_device ? device_wire : platform_wire, m[i], i > 0, from_device ? "device link" : "platform link");
      }
      const auto t = from_device ? gw.on_device(m) : gw.on_platform(m);
      // Nothing is dropped silently: a step that sends nothing says what it absorbed.
      if (t && t->to_platform().empty() && t->to_device().empty()) {
        EXPECT_NE(t->absorbed, 0) << "a silent step for " << ota::name(m.front().kind());
      }
      deliver(t);
    }
  }
};

class GatewayPairs : public testing::TestWithParam<pair_case> {};

TEST_P(GatewayPairs, ScriptedUpgradeSucceeds) {
  const auto c = GetParam();
  run r(c, scenario::success);
  r.go(false);
  ASSERT_EQ(r.failure, "");
  const auto cell = r.gw.cell();
  EXPECT_EQ(r.platform_check.outcome(), ota::upgrade_outcome::succeeded);
  EXPECT_EQ(r.device_check.outcome(), ota::upgrade_outcome::succeeded);
  EXPECT_EQ(r.gw.platform_session().outcome(), ota::upgrade_outcome::succeeded);
  EXPECT_EQ(r.platform_check.state(), ota::upgrade_state::idle);
  // G cells report their gap; T and B cells report none.
  if (cell.level == grade::gap) {
    EXPECT_NE(r.gaps, ota::gap::none);
    if (contains(cell.needs, capability::hold_outcome)) {
      EXPECT_TRUE(contains(r.gaps, ota::gap::install_timing));
    }
    if (contains(cell.needs, capability::target_version)) {
      EXPECT_TRUE(contains(r.gaps, ota::gap::target_version));
    }
  } else {
    EXPECT_EQ(r.gaps, ota::gap::none) << static_cast<int>(r.gaps);
  }
  // The hooks the resolved cell names were the ones used.
  EXPECT_EQ(r.hooks.fetches > 0, contains(cell.needs, capability::fetch) || c.platform == protocol::lwm2m_fw);
  EXPECT_EQ(r.hooks.assembled > 0, c.platform == protocol::pcp);
  EXPECT_EQ(r.hooks.fragments_served > 0, c.device == protocol::pcp);
  if (c.device != protocol::pcp) {
    EXPECT_EQ(r.hooks.rehosts > 0, contains(cell.needs, capability::rehost));
  }
  // A success reported to B names B's target (LwM2M names none: the synthesised one).
  bool success_seen = false;
  for (const auto& e : r.to_platform_log) {
    if (const auto* s = std::get_if<ota::succeeded>(&e.body)) {
      EXPECT_EQ(s->new_version, target);
      success_seen = true;
    }
  }
  EXPECT_TRUE(success_seen);
}

TEST_P(GatewayPairs, BothLinksPassTheProtocolsOwnValidators) {
  const auto c = GetParam();
  run r(c, scenario::success);
  r.go(false);
  ASSERT_EQ(r.failure, "");
  EXPECT_EQ(r.wire_failure, "");
  EXPECT_GT(r.platform_wire.messages, 0);
  EXPECT_GT(r.device_wire.messages, 0);
  EXPECT_TRUE(r.platform_wire.validator_saw_success());
  EXPECT_TRUE(r.device_wire.validator_saw_success());
}

TEST_P(GatewayPairs, ScriptedFailureReachesThePlatform) {
  const auto c = GetParam();
  run r(c, scenario::failure);
  r.go(false);
  ASSERT_EQ(r.failure, "");
  EXPECT_EQ(r.platform_check.outcome(), ota::upgrade_outcome::download_failed);
  EXPECT_EQ(r.platform_check.state(), ota::upgrade_state::idle);
  EXPECT_EQ(r.wire_failure, "");  // both links still pass their protocols' own validators
  bool failure_seen = false;
  for (const auto& e : r.to_platform_log) failure_seen = failure_seen || e.kind() == ota::event_kind::failed;
  EXPECT_TRUE(failure_seen);
}

/// The cells whose device pulls (JTL `firmware/pull`, ALI `firmware/get`: §1.4 E3).
class GatewayPullPairs : public testing::TestWithParam<pair_case> {};

std::vector<pair_case> pulling_pairs() {
  std::vector<pair_case> out;
  for (const auto& c : all_pairs()) {
    if (c.device == protocol::jetlinks || c.device == protocol::alibaba) out.push_back(c);
  }
  return out;
}

TEST_P(GatewayPullPairs, DevicePullIsBridged) {  // §4.1 Q
  const auto c = GetParam();
  run r(c, scenario::pull);
  const bool platform_pulls = c.platform == protocol::jetlinks || c.platform == protocol::alibaba;
  r.go(true);
  ASSERT_EQ(r.failure, "");
  EXPECT_EQ(r.wire_failure, "");
  if (platform_pulls) {
    // The pull reaches B, whose solicited offer drives the upgrade.
    bool pulled = false;
    for (const auto& e : r.to_platform_log) pulled = pulled || e.kind() == ota::event_kind::upgrade_request;
    EXPECT_TRUE(pulled);
    EXPECT_EQ(r.platform_check.outcome(), ota::upgrade_outcome::succeeded);
  } else {
    // B only pushes and nothing is cached: no_upgrade, synthesised by the pull bridge.
    EXPECT_TRUE(r.device.saw_no_upgrade);
    ASSERT_FALSE(r.to_device_log.empty());
    bool answered = false;
    for (const auto& e : r.to_device_log) {
      if (e.kind() == ota::event_kind::no_upgrade) {
        answered = true;
        EXPECT_EQ(e.made_by, &ota::rules::gateway_pull_bridge);
      }
    }
    EXPECT_TRUE(answered);
  }
}

INSTANTIATE_TEST_SUITE_P(AllCells, GatewayPairs, testing::ValuesIn(all_pairs()), pair_name);
INSTANTIATE_TEST_SUITE_P(PullingDevices, GatewayPullPairs, testing::ValuesIn(pulling_pairs()), pair_name);

}  // namespace

namespace {

// --- focused runs: alias, §4.2 refusal, cancel bridge ------------------------------------------------

template <class Body>
ota::event from_platform(protocol p, const Body& body) {
  return make(p, otawire::direction::platform_to_device, body);
}
template <class Body>
ota::event from_device(protocol p, const Body& body) {
  return make(p, otawire::direction::device_to_platform, body);
}

/// The first event of kind `k` in `events`, or null.
const ota::event* find_kind(std::span<const ota::event> events, ota::event_kind k) {
  for (const auto& e : events) {
    if (e.kind() == k) return &e;
  }
  return nullptr;
}

/// Opens a PCP device's session: the gateway's query, the device's answer.
void open_pcp_device(ota::gateway& gw) {
  auto started = gw.start();
  ASSERT_TRUE(started);
  ASSERT_NE(find_kind(started->to_device(), ota::event_kind::version_query), nullptr);
  ota::version_report report{};
  report.first.version = running;
  report.solicited = true;
  ASSERT_TRUE(gw.on_device(from_device(protocol::pcp, report)));
}

TEST(GatewayAlias, LongVersionAliasedForAPcpDevice) {  // §4.2 "alias table", §4.1 V
  fake_hooks hooks;
  ota::gateway gw(protocol::pcp, protocol::alibaba, hooks);
  open_pcp_device(gw);
  const auto offer = url_offer("https://oss.example/p?sig=1", ota::url_auth::presigned, ota::digest_algorithm::md5,
                               package_size, "1.0.1.9.20171112.1432");
  auto t = gw.on_platform(from_platform(protocol::alibaba, ota::upgrade_offer{offer, false}));
  ASSERT_TRUE(t);
  const auto* to_device = find_kind(t->to_device(), ota::event_kind::upgrade_offer);
  ASSERT_NE(to_device, nullptr);
  const auto& pkg = std::get<ota::upgrade_offer>(to_device->body).package;
  EXPECT_EQ(pkg.version, "alias-1");
  EXPECT_EQ(pkg.source.kind, ota::source_kind::fragments);
  EXPECT_EQ(pkg.source.fragment_count, 3);
  EXPECT_EQ(to_device->made_by, &ota::rules::gateway_fragment_server);
  EXPECT_EQ(to_device->head.upgrade_task.package_check_code, std::optional<std::uint16_t>{0x4242});
  // The whole download, then the install the gateway issues (I+), then the success in B's terms.
  for (std::uint16_t i = 0; i < 3; ++i) {
    auto served = gw.on_device(from_device(protocol::pcp, ota::chunk_request{i, "alias-1"}));
    ASSERT_TRUE(served) << served.error().where();
    const auto* c = find_kind(served->to_device(), ota::event_kind::chunk);
    ASSERT_NE(c, nullptr);
    EXPECT_EQ(std::get<ota::chunk>(c->body).bytes.size(), i < 2 ? 500u : 200u);
    EXPECT_TRUE(served->was_absorbed(ota::event_kind::chunk_request));
  }
  auto downloaded = gw.on_device(from_device(protocol::pcp, ota::download_finished{ota::verification::verified, {}}));
  ASSERT_TRUE(downloaded);
  ASSERT_EQ(downloaded->to_device().size(), 2u);  // K: 22 rsp, then I+: 23
  EXPECT_EQ(downloaded->to_device()[0].kind(), ota::event_kind::ack);
  EXPECT_EQ(downloaded->to_device()[1].kind(), ota::event_kind::install_request);
  EXPECT_EQ(downloaded->to_device()[1].made_by, &ota::rules::gateway_issue_install);
  ASSERT_TRUE(gw.on_device(from_device(protocol::pcp, ota::accepted{ota::answer_subject::install})));
  auto done = gw.on_device(from_device(protocol::pcp, ota::succeeded{"alias-1"}));
  ASSERT_TRUE(done);
  const auto* success = find_kind(done->to_platform(), ota::event_kind::succeeded);
  ASSERT_NE(success, nullptr);
  EXPECT_EQ(std::get<ota::succeeded>(success->body).new_version, "1.0.1.9.20171112.1432");
  EXPECT_EQ(gw.platform_session().outcome(), ota::upgrade_outcome::succeeded);
}

TEST(GatewayResume, PcpDeviceResumesFromItsFirstMissingFragment) {  // pcp §5.5, §4.1 Fs
  fake_hooks hooks;
  ota::gateway gw(protocol::pcp, protocol::tencent, hooks);
  open_pcp_device(gw);
  const auto offer = url_offer("https://cos.example/p?sign=1", ota::url_auth::presigned, ota::digest_algorithm::md5,
                               package_size);
  ASSERT_TRUE(gw.on_platform(from_platform(protocol::tencent, ota::upgrade_offer{offer, false})));
  ASSERT_TRUE(gw.on_device(from_device(protocol::pcp, ota::chunk_request{0, target})));
  // The device goes quiet after fragment 0; the gateway re-queries and offers the same plan again.
  auto resumed = gw.resume();
  ASSERT_TRUE(resumed) << resumed.error().where();
  ASSERT_NE(find_kind(resumed->to_device(), ota::event_kind::version_query), nullptr);
  ota::version_report report{};
  report.first.version = running;
  report.solicited = true;
  auto again = gw.on_device(from_device(protocol::pcp, report));
  ASSERT_TRUE(again) << again.error().where();
  const auto* reoffer = find_kind(again->to_device(), ota::event_kind::upgrade_offer);
  ASSERT_NE(reoffer, nullptr);
  EXPECT_EQ(reoffer->head.upgrade_task.package_check_code, std::optional<std::uint16_t>{0x4242});
  EXPECT_TRUE(again->to_platform().empty());  // B's upgrade goes on untouched
  EXPECT_TRUE(gw.device_session().resumed());
  // Fragment 0 again is refused (resume from the first missing), fragment 1 is served.
  EXPECT_FALSE(gw.on_device(from_device(protocol::pcp, ota::chunk_request{0, target})));
  ASSERT_TRUE(gw.on_device(from_device(protocol::pcp, ota::chunk_request{1, target})));
  ASSERT_TRUE(gw.on_device(from_device(protocol::pcp, ota::chunk_request{2, target})));
  ASSERT_TRUE(gw.on_device(from_device(protocol::pcp, ota::download_finished{ota::verification::verified, {}})));
  ASSERT_TRUE(gw.on_device(from_device(protocol::pcp, ota::accepted{ota::answer_subject::install})));
  ASSERT_TRUE(gw.on_device(from_device(protocol::pcp, ota::succeeded{target})));
  EXPECT_EQ(gw.platform_session().outcome(), ota::upgrade_outcome::succeeded);
  EXPECT_EQ(hooks.fragments_served, 3);
  // Only a downloading PCP device resumes.
  EXPECT_FALSE(gw.resume());
}

TEST(GatewayLimits, PcpDeviceRefusesAPackageOverTheFragmentLimit) {  // §4.2 ✗
  fake_hooks hooks;
  ota::gateway gw(protocol::pcp, protocol::huawei_mqtt, hooks);
  open_pcp_device(gw);
  const auto offer = url_offer("https://obs/p", ota::url_auth::none, ota::digest_algorithm::sha256, 81362928);
  auto t = gw.on_platform(from_platform(protocol::huawei_mqtt, ota::upgrade_offer{offer, false}));
  ASSERT_FALSE(t);
  EXPECT_EQ(t.error().where(), ota::rules::offer_not_deliverable.name());
  EXPECT_EQ(gw.platform_session().state(), ota::upgrade_state::idle);  // the step is undone
}

TEST(GatewayCancel, DeliveredWhileTheGatewayServesAPcpDevice) {  // §4.1 X, §4.3 note 1
  fake_hooks hooks;
  ota::gateway gw(protocol::pcp, protocol::lwm2m_fw, hooks);
  open_pcp_device(gw);
  ota::package_ref offer{};
  offer.source.kind = ota::source_kind::url;
  offer.source.url = "coap://lwm2m.example/fw.bin";
  auto t = gw.on_platform(from_platform(protocol::lwm2m_fw, ota::upgrade_offer{offer, false}));
  ASSERT_TRUE(t);
  EXPECT_TRUE(contains(t->gaps, ota::gap::target_version));  // Tv: LwM2M names no target
  ASSERT_TRUE(gw.on_device(from_device(protocol::pcp, ota::chunk_request{0, target})));
  auto cancelled = gw.on_platform(from_platform(protocol::lwm2m_fw, ota::cancel{ota::cancel_mode::cancel}));
  ASSERT_TRUE(cancelled);
  const auto* f = find_kind(cancelled->to_platform(), ota::event_kind::failed);
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(std::get<ota::failed>(f->body).why, ota::reason::cancelled);
  EXPECT_EQ(f->made_by, &ota::rules::gateway_cancel_bridge);
  EXPECT_EQ(gw.platform_session().outcome(), ota::upgrade_outcome::cancelled);
  // PCP's only lever: the next fragment request is answered 0x80 (task not found).
  auto next = gw.on_device(from_device(protocol::pcp, ota::chunk_request{1, target}));
  ASSERT_TRUE(next);
  const auto* c = find_kind(next->to_device(), ota::event_kind::chunk);
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(std::get<ota::chunk>(c->body).status, ota::chunk_status::task_not_found);
  EXPECT_EQ(gw.device_session().outcome(), ota::upgrade_outcome::chunk_refused);
  EXPECT_EQ(gw.gaps(), ota::gap::target_version);  // the cancel itself was honest
}

TEST(GatewayCancel, RefusedOnceAnAutoInstallingDeviceHasThePackage) {  // §4.1 X, §4.3 G
  fake_hooks hooks;
  hooks.still_serving = false;
  ota::gateway gw(protocol::tencent, protocol::lwm2m_fw, hooks);
  ota::version_report boot{};
  boot.first.version = running;
  ASSERT_TRUE(gw.on_device(from_device(protocol::tencent, boot)));
  ota::package_ref offer{};
  offer.source.kind = ota::source_kind::url;
  offer.source.url = "coap://lwm2m.example/fw.bin";
  ASSERT_TRUE(gw.on_platform(from_platform(protocol::lwm2m_fw, ota::upgrade_offer{offer, false})));
  ASSERT_TRUE(gw.on_device(from_device(protocol::tencent, ota::progress{ota::phase::download, std::uint8_t{0}, {}, {}})));
  const std::array<ota::event, 2> end{
      from_device(protocol::tencent, ota::progress{ota::phase::download, std::uint8_t{100}, {}, {}}),
      from_device(protocol::tencent, ota::download_finished{ota::verification::unknown, {}})};
  auto t = gw.on_device(end);
  ASSERT_TRUE(t);
  EXPECT_EQ(t->platform_joined, 0b10);  // one Tencent message, two events
  auto refused = gw.on_platform(from_platform(protocol::lwm2m_fw, ota::cancel{ota::cancel_mode::cancel}));
  ASSERT_TRUE(refused);
  const auto* r = find_kind(refused->to_platform(), ota::event_kind::refused);
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(std::get<ota::refused>(r->body).subject, ota::answer_subject::cancel);
  EXPECT_TRUE(contains(gw.gaps(), ota::gap::cancel_after_download));
  EXPECT_EQ(gw.platform_session().state(), ota::upgrade_state::downloaded);  // the upgrade goes on
}

TEST(GatewayRefusal, AnEventItsSideRejectsLeavesTheGatewayUnchanged) {
  fake_hooks hooks;
  ota::gateway gw(protocol::tencent, protocol::jetlinks, hooks);
  // A success with no upgrade running: the device-side session rejects it, with its rule and state.
  auto t = gw.on_device(from_device(protocol::tencent, ota::succeeded{target}));
  ASSERT_FALSE(t);
  EXPECT_EQ(t.error().where(), ota::rules::outcome_outside_upgrade.name());
  EXPECT_EQ(t.error().state(), "idle");
  EXPECT_EQ(gw.device_session().state(), ota::upgrade_state::idle);
  // An event travelling the wrong way is refused too.
  auto wrong = gw.on_device(from_platform(protocol::tencent, ota::version_query{}));
  ASSERT_FALSE(wrong);
  EXPECT_EQ(wrong.error().where(), ota::rules::event_direction.name());
}

}  // namespace
