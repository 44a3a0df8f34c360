// rapidcheck generators for the Alibaba messages and legal sessions (§B.6), and the mutations
// that make a legal session illegal with a known rule.
//
// Messages hold views; a generated message owns its strings through `storage` (keep the
// `generated_message` alive while using `value`).
#ifndef OTAWIRE_TESTS_ALIBABA_ARBITRARY_HPP
#define OTAWIRE_TESTS_ALIBABA_ARBITRARY_HPP

#include "support/fields_arbitrary.hpp"
#include "support/alibaba_oracle.hpp"

#include <otawire/alibaba.hpp>

#include <rapidcheck.h>

#include <deque>
#include <limits>
#include <memory>
#include <string>
#include <vector>

namespace otawire::test::alibaba {

struct string_pool {
  std::deque<std::string> strings;
  std::string_view keep(std::string s) { return strings.emplace_back(std::move(s)); }
};

struct generated_message {
  std::shared_ptr<string_pool> storage = std::make_shared<string_pool>();
  ab::topic_kind kind = ab::topic_kind::inform;
  ab::message value;
};

namespace gen {

/// Text of printable ASCII and some UTF-8 (the docs' Chinese descriptions), escapes included.
inline rc::Gen<std::string> text() {
  return rc::gen::map(rc::gen::pair(rc::gen::container<std::string>(rc::gen::inRange<char>(1, 127)),
                                    rc::gen::element<std::string>("", "升级", "OTA升级失败，请求不到升级包信息。", "\"\\/")),
                      [](const std::pair<std::string, std::string>& p) { return p.first + p.second; });
}

inline rc::Gen<std::string> version_text() {
  return rc::gen::suchThat(text(), [](const std::string& s) { return !s.empty() && s.size() <= ab::max_version_length; });
}

inline rc::Gen<ab::message_id> id() {
  return rc::gen::build<ab::message_id>(rc::gen::set(&ab::message_id::value, rc::gen::inRange<std::int64_t>(0, 1LL << 53)),
                                        rc::gen::set(&ab::message_id::quoted));
}

inline std::optional<std::string_view> maybe_text(string_pool& pool) {
  if (*rc::gen::arbitrary<bool>()) return std::nullopt;
  return pool.keep(*text());
}

inline ab::package package(string_pool& pool) {
  ab::package p;
  p.size = *rc::gen::inRange<std::uint64_t>(0, std::numeric_limits<std::int64_t>::max());
  p.version = pool.keep(*version_text());
  namespace tf = otawire::test::fields;
  if (*rc::gen::arbitrary<bool>()) p.md5 = pool.keep(*tf::gen_md5_hex());
  if (*rc::gen::arbitrary<bool>()) p.sign_method = *rc::gen::element(ab::digest_algorithm::md5, ab::digest_algorithm::sha256);
  // A sign is the hex of the digest signMethod names (either length without a method).
  const auto digest = [&]() -> std::optional<std::string_view> {
    if (*rc::gen::arbitrary<bool>()) return std::nullopt;
    const bool sha = p.sign_method ? *p.sign_method == ab::digest_algorithm::sha256 : *rc::gen::arbitrary<bool>();
    return pool.keep(sha ? *tf::gen_sha256_hex() : *tf::gen_md5_hex());
  };
  p.sign = digest();
  p.digestsign = maybe_text(pool);
  p.is_diff = *rc::gen::arbitrary<bool>();
  p.module = maybe_text(pool);
  if (*rc::gen::arbitrary<bool>()) {
    boost::json::object ext{{"key1", *text()}, {"_package_udi", *text()}};
    p.ext_data = json::raw_json{pool.keep(boost::json::serialize(ext)), nullptr};
  }
  const int download = *rc::gen::inRange(0, 3);  // 0 url, 1 mqtt stream, 2 files
  if (download == 0 || *rc::gen::arbitrary<bool>()) p.url = pool.keep(*tf::gen_download_url());
  if (download == 1) {
    p.download_protocol = "mqtt";
    p.stream_id = *rc::gen::inRange<std::int64_t>(0, 1LL << 40);
    p.stream_file_id = *rc::gen::inRange<std::int64_t>(0, 100);
  }
  if (download == 2) {
    const auto n = *rc::gen::inRange<std::size_t>(1, ab::max_files + 1);
    for (std::size_t i = 0; i < n; ++i) {
      ab::package_file f;
      f.name = maybe_text(pool);
      if (*rc::gen::arbitrary<bool>()) f.size = *rc::gen::inRange<std::uint64_t>(0, std::numeric_limits<std::int64_t>::max());
      f.url = pool.keep(*tf::gen_download_url());
      f.sign = digest();
      p.file_storage.set(i, f);
    }
    p.file_count = static_cast<std::uint8_t>(n);
    p.has_files = true;
  }
  return p;
}

/// Any message, valid for the topic it is generated for.
inline rc::Gen<generated_message> message() {
  return rc::gen::exec([] {
    generated_message g;
    auto& pool = *g.storage;
    switch (*rc::gen::inRange(0, 6)) {
      case 0: {
        g.kind = ab::topic_kind::inform;
        g.value = ab::inform{*id(), pool.keep(*version_text()), maybe_text(pool)};
        break;
      }
      case 1: {
        g.kind = ab::topic_kind::upgrade;
        std::optional<std::string_view> message;
        if (*rc::gen::arbitrary<bool>()) message = "success";
        g.value = ab::upgrade{*id(), package(pool), message};
        break;
      }
      case 2: {
        g.kind = ab::topic_kind::progress;
        g.value = ab::progress{*id(), *rc::gen::inRange(ab::min_step, ab::max_step + 1), maybe_text(pool), maybe_text(pool)};
        break;
      }
      case 3: {
        g.kind = ab::topic_kind::firmware_get;
        std::optional<std::string_view> version;
        const bool docs_form = *rc::gen::arbitrary<bool>();
        if (docs_form) version = "1.0";
        g.value = ab::firmware_get{*id(), version, maybe_text(pool), docs_form};
        break;
      }
      case 4: {
        g.kind = ab::topic_kind::firmware_get_reply;
        std::optional<ab::package> data;
        if (*rc::gen::arbitrary<bool>()) data = package(pool);
        g.value = ab::firmware_get_reply{*id(), *rc::gen::element<std::int64_t>(200, 200, 200, 404), data, std::nullopt};
        break;
      }
      default: {
        g.kind = ab::topic_kind::request;
        g.value = ab::version_request{*id(), pool.keep(*version_text()), maybe_text(pool)};
        break;
      }
    }
    return g;
  });
}

}  // namespace gen

// --- sessions --------------------------------------------------------------------------------------

struct session_step {
  ab::topic topic;
  ab::message value;
};

/// One device's legal session: rounds of upgrades, each on its own module.
struct legal_session {
  std::vector<session_step> steps;
  struct round {
    std::size_t first = 0;        // index of the round's first step
    std::size_t offer = 0;        // the push, or the pull reply carrying the package
    std::size_t get = 0;          // the pull request (when pulled)
    std::size_t first_progress = 0;
    std::size_t progress_count = 0;
    bool reported = false, pulled = false, diff = false, succeeded = false;
    bool rolled_back = false;  // ended by step 100 and then the old version (a failed upgrade)
    std::optional<std::string_view> module;
  };
  std::vector<round> rounds;
};

/// A session with one message changed, which the validator must reject at `index` by `rule` in `state`.
struct mutated_session {
  std::vector<session_step> steps;
  std::size_t index = 0;
  std::string_view rule;
  std::string_view state;
};

namespace gen {

inline constexpr std::array<std::string_view, 4> modules{"MCU", "WIFI", "BLE", "NPU"};
inline constexpr std::array<std::string_view, 4> versions{"1.0.0", "1.1.0", "2.0.0", "2.0.1-rc.1"};

inline rc::Gen<legal_session> session() {
  return rc::gen::exec([] {
    legal_session s;
    const auto topic = [](ab::topic_kind k) { return ab::topic{k, "a1pk", "dev"}; };
    const auto rounds = *rc::gen::inRange(1, 5);
    for (int r = 0; r < rounds; ++r) {
      legal_session::round info;
      info.first = s.steps.size();
      if (r > 0) info.module = modules[static_cast<std::size_t>(r - 1)];
      const auto current = *rc::gen::elementOf(versions);
      const auto target = *rc::gen::suchThat(rc::gen::elementOf(versions), [&](std::string_view v) { return v != current; });
      info.diff = *rc::gen::arbitrary<bool>();
      info.reported = info.diff || *rc::gen::arbitrary<bool>();
      info.pulled = *rc::gen::arbitrary<bool>();
      if (info.reported) s.steps.push_back({topic(ab::topic_kind::inform), ab::inform{{1, false}, current, info.module}});
      ab::package p;
      p.size = 4096;
      p.version = target;
      p.url = "https://oss/fw.bin";
      p.sign = "d41d8cd98f00b204e9800998ecf8427e";
      p.sign_method = ab::digest_algorithm::md5;
      p.is_diff = info.diff;
      p.module = info.module;
      if (info.pulled) {
        info.get = s.steps.size();
        s.steps.push_back({topic(ab::topic_kind::firmware_get), ab::firmware_get{{7, false}, {}, info.module, false}});
        info.offer = s.steps.size();
        s.steps.push_back({topic(ab::topic_kind::firmware_get_reply), ab::firmware_get_reply{{7, false}, 200, p, {}}});
      } else {
        info.offer = s.steps.size();
        s.steps.push_back({topic(ab::topic_kind::upgrade), ab::upgrade{{1568864790381, false}, p, "success"}});
      }
      info.succeeded = *rc::gen::arbitrary<bool>();
      info.rolled_back = !info.succeeded && *rc::gen::arbitrary<bool>();
      info.progress_count = static_cast<std::size_t>(*rc::gen::inRange(info.succeeded || info.rolled_back ? 1 : 0, 5));
      info.first_progress = s.steps.size();
      std::int32_t step = 0;
      for (std::size_t i = 0; i < info.progress_count; ++i) {
        // A rollback is judged after the download completed: its last step is 100.
        const bool last = i + 1 == info.progress_count;
        step = info.rolled_back && last ? ab::max_step : *rc::gen::inRange(step, ab::max_step + 1);
        s.steps.push_back({topic(ab::topic_kind::progress), ab::progress{{2, false}, step, "", info.module}});
      }
      if (info.succeeded) {
        s.steps.push_back({topic(ab::topic_kind::inform), ab::inform{{3, false}, target, info.module}});
      } else if (info.rolled_back) {
        s.steps.push_back({topic(ab::topic_kind::inform), ab::inform{{3, false}, current, info.module}});
      } else {
        const auto failure = *rc::gen::inRange(ab::min_step, 0);
        s.steps.push_back({topic(ab::topic_kind::progress), ab::progress{{2, false}, failure, "failed", info.module}});
      }
      s.rounds.push_back(info);
    }
    return s;
  });
}

/// Applies one mutation with a known verdict to a legal session.
inline rc::Gen<mutated_session> mutation(const legal_session& s) {
  return rc::gen::exec([s] {
    const auto topic = [](ab::topic_kind k) { return ab::topic{k, "a1pk", "dev"}; };
    for (;;) {
      const auto& r = s.rounds[*rc::gen::inRange<std::size_t>(0, s.rounds.size())];
      mutated_session m;
      m.steps = s.steps;
      const auto before = r.reported ? std::string_view("reported") : std::string_view("idle");
      switch (*rc::gen::inRange(0, 5)) {
        case 0:  // a progress before anything was offered
          m.steps.insert(m.steps.begin() + static_cast<std::ptrdiff_t>(r.first),
                         {topic(ab::topic_kind::progress), ab::progress{{2, false}, 10, "", r.module}});
          return mutated_session{m.steps, r.first, ab::rules::progress_requires_package, "idle"};
        case 1: {  // success reported without any progress
          if (!r.succeeded) continue;
          m.steps.erase(m.steps.begin() + static_cast<std::ptrdiff_t>(r.first_progress),
                        m.steps.begin() + static_cast<std::ptrdiff_t>(r.first_progress + r.progress_count));
          return mutated_session{m.steps, r.first_progress, ab::rules::success_requires_progress, "notified"};
        }
        case 2: {  // a pull reply without its request
          if (!r.pulled) continue;
          m.steps.erase(m.steps.begin() + static_cast<std::ptrdiff_t>(r.get));
          return mutated_session{m.steps, r.get, ab::rules::reply_without_request, before};
        }
        case 3: {  // a diff package without a version report
          if (!r.diff) continue;
          m.steps.erase(m.steps.begin() + static_cast<std::ptrdiff_t>(r.first));  // the inform
          return mutated_session{m.steps, r.offer - 1, ab::rules::diff_requires_version_report,
                                 r.pulled ? std::string_view("await_reply") : std::string_view("idle")};
        }
        default: {  // another version pushed while upgrading
          if (r.progress_count == 0) continue;
          const auto at = r.first_progress + 1;
          ab::package other;
          other.size = 1;
          other.version = "9.9.9";
          other.url = "https://oss/other.bin";
          other.module = r.module;
          m.steps.insert(m.steps.begin() + static_cast<std::ptrdiff_t>(at),
                         {topic(ab::topic_kind::upgrade), ab::upgrade{{5, false}, other, "success"}});
          return mutated_session{m.steps, at, ab::rules::push_during_upgrade, "upgrading"};
        }
      }
    }
  });
}

}  // namespace gen
}  // namespace otawire::test::alibaba

namespace rc {
template <>
struct Arbitrary<otawire::test::alibaba::generated_message> {
  static Gen<otawire::test::alibaba::generated_message> arbitrary() { return otawire::test::alibaba::gen::message(); }
};
template <>
struct Arbitrary<otawire::test::alibaba::legal_session> {
  static Gen<otawire::test::alibaba::legal_session> arbitrary() { return otawire::test::alibaba::gen::session(); }
};
}  // namespace rc

#endif
