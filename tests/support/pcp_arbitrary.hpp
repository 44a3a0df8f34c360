// Test support for PCP: rapidcheck generators for every message kind, a generator of legal
// upgrade sessions, and oracle helpers shared by the property tests and the fuzzers.
#ifndef OTAWIRE_TESTS_PCP_ARBITRARY_HPP
#define OTAWIRE_TESTS_PCP_ARBITRARY_HPP

#include <otawire/pcp.hpp>

#include <rapidcheck.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace otawire::test::pcp {
namespace p = otawire::pcp;

/// Fragment data of generated messages points into this pool (a view needs storage that outlives
/// the message); its content is a fixed pseudo-random pattern.
inline const std::array<std::byte, 1024>& data_pool() {
  static const auto pool = [] {
    std::array<std::byte, 1024> a{};
    std::uint32_t x = 0x12345678u;
    for (auto& b : a) {
      x = x * 1103515245u + 12345u;
      b = static_cast<std::byte>(x >> 24);
    }
    return a;
  }();
  return pool;
}

/// The legal results of each kind, for generators.
inline std::vector<p::result_code> legal_results(p::message_kind k) {
  std::vector<p::result_code> out;
  for (unsigned v = 0; v < 256; ++v) {
    if (p::is_defined_result(static_cast<std::uint8_t>(v)) &&
        p::allowed_result(k, static_cast<p::result_code>(v))) {
      out.push_back(static_cast<p::result_code>(v));
    }
  }
  return out;
}

inline rc::Gen<p::result_code> gen_result(p::message_kind k) {
  return rc::gen::elementOf(legal_results(k));
}

inline rc::Gen<p::version_string> gen_version() {
  return rc::gen::map(
      rc::gen::container<std::string>(rc::gen::inRange<char>(0x20, 0x7F)),
      [](const std::string& s) { return p::version_string::from(s.substr(0, 16)).value(); });
}

inline rc::Gen<p::message> gen_message_of(p::message_kind k) {
  using mk = p::message_kind;
  switch (k) {
    case mk::query_version_request: return rc::gen::just(p::message{p::query_version_request{}});
    case mk::execute_upgrade_request: return rc::gen::just(p::message{p::execute_upgrade_request{}});
    case mk::query_version_response:
      return rc::gen::map(rc::gen::tuple(gen_result(k), gen_version()), [](const auto& t) {
        return p::message{p::query_version_response{std::get<0>(t), std::get<1>(t)}};
      });
    case mk::report_upgrade_result_request:
      return rc::gen::map(rc::gen::tuple(gen_result(k), gen_version()), [](const auto& t) {
        return p::message{p::report_upgrade_result_request{std::get<0>(t), std::get<1>(t)}};
      });
    case mk::notify_new_version_request:
      return rc::gen::map(
          rc::gen::tuple(gen_version(), rc::gen::inRange<std::uint16_t>(32, 501),
                         rc::gen::inRange<std::uint16_t>(1, 65535), rc::gen::arbitrary<std::uint16_t>()),
          [](const auto& t) {
            return p::message{p::notify_new_version_request{std::get<0>(t), std::get<1>(t),
                                                            std::get<2>(t), std::get<3>(t)}};
          });
    case mk::request_fragment_request:
      return rc::gen::map(rc::gen::tuple(gen_version(), rc::gen::arbitrary<std::uint16_t>()), [](const auto& t) {
        return p::message{p::request_fragment_request{std::get<0>(t), std::get<1>(t)}};
      });
    case mk::request_fragment_response:
      return rc::gen::map(rc::gen::tuple(gen_result(k), rc::gen::arbitrary<std::uint16_t>(),
                                         rc::gen::inRange<std::size_t>(0, 500),
                                         rc::gen::inRange<std::size_t>(1, 501)),
                          [](const auto& t) {
                            const auto r = std::get<0>(t);
                            otawire::byte_view data{};
                            if (r == p::result_code::success) {
                              data = otawire::byte_view(data_pool()).subspan(std::get<2>(t), std::get<3>(t));
                            }
                            return p::message{p::request_fragment_response{r, std::get<1>(t), data}};
                          });
    case mk::report_download_result_request:
      return rc::gen::map(gen_result(k), [](p::result_code r) {
        return p::message{p::report_download_result_request{r}};
      });
    case mk::notify_new_version_response:
      return rc::gen::map(gen_result(k), [](p::result_code r) { return p::message{p::notify_new_version_response{r}}; });
    case mk::report_download_result_response:
      return rc::gen::map(gen_result(k), [](p::result_code r) { return p::message{p::report_download_result_response{r}}; });
    case mk::execute_upgrade_response:
      return rc::gen::map(gen_result(k), [](p::result_code r) { return p::message{p::execute_upgrade_response{r}}; });
    default:
      return rc::gen::map(gen_result(k), [](p::result_code r) { return p::message{p::report_upgrade_result_response{r}}; });
  }
}

inline rc::Gen<p::message> gen_message() {
  return rc::gen::mapcat(rc::gen::inRange<unsigned>(0, p::message_kind_count),
                         [](unsigned k) { return gen_message_of(static_cast<p::message_kind>(k)); });
}

/// Encodes a message into a fresh vector (test helper; asserts success).
inline std::vector<std::byte> encode_to_vector(const p::message& m) {
  std::vector<std::byte> out(p::encoded_size(m));
  auto n = p::encode(m, out);
  RC_ASSERT(n.has_value());
  return out;
}

// --- legal sessions ----------------------------------------------------------------------------

/// How a generated session goes.
struct session_plan {
  std::uint32_t package_size = 1000;
  std::uint16_t fragment_size = 500;
  std::uint16_t package_check_code = 0;
  bool skip_notify_response = false;  ///< the device goes straight to 21 (LiteOS)
  /// Interrupt after this many fragments (if < count): the platform re-queries, notifies the same
  /// package again, and the device resumes from the first missing fragment.
  std::uint32_t interrupt_after = 0xFFFFFFFFu;
  bool lose_one_response = false;  ///< one 21 response is lost: the device re-requests it
};

/// A legal session (messages in order) with its package; fragment views point into `package`.
struct generated_session {
  std::vector<std::byte> package;
  std::vector<p::message> messages;
  p::version_string from_version = p::version_string::from("V1.0").value();
  p::version_string to_version = p::version_string::from("V2.0").value();
};

inline void build_session(generated_session& s, const session_plan& plan) {
  s.package.resize(plan.package_size);
  for (std::size_t i = 0; i < s.package.size(); ++i) s.package[i] = static_cast<std::byte>(i * 31 + 7);
  const auto fp = p::plan_fragments(plan.package_size, plan.fragment_size).value();
  auto& m = s.messages;
  m.clear();
  auto query = [&] {
    m.emplace_back(p::query_version_request{});
    m.emplace_back(p::query_version_response{p::result_code::success, s.from_version});
    m.emplace_back(fp.notification(s.to_version, plan.package_check_code));
    if (!plan.skip_notify_response) m.emplace_back(p::notify_new_version_response{p::result_code::success});
  };
  query();
  bool lost = false;
  for (std::uint32_t i = 0; i < fp.fragment_count(); ++i) {
    if (i == plan.interrupt_after) query();  // resume: same package, from fragment i
    const auto idx = static_cast<std::uint16_t>(i);
    m.emplace_back(p::request_fragment_request{s.to_version, idx});
    if (plan.lose_one_response && !lost && i == fp.fragment_count() / 2) {
      lost = true;  // the response never arrives; the device asks again
      m.emplace_back(p::request_fragment_request{s.to_version, idx});
    }
    m.emplace_back(fp.respond(s.package, idx));
  }
  m.emplace_back(p::report_download_result_request{p::result_code::success});
  m.emplace_back(p::report_download_result_response{p::result_code::success});
  m.emplace_back(p::execute_upgrade_request{});
  m.emplace_back(p::execute_upgrade_response{p::result_code::success});
  m.emplace_back(p::report_upgrade_result_request{p::result_code::success, s.to_version});
  m.emplace_back(p::report_upgrade_result_response{p::result_code::success});
}

inline rc::Gen<session_plan> gen_session_plan() {
  return rc::gen::map(
      rc::gen::tuple(rc::gen::inRange<std::uint32_t>(1, 6000), rc::gen::inRange<std::uint16_t>(32, 501),
                     rc::gen::arbitrary<std::uint16_t>(), rc::gen::arbitrary<bool>(),
                     rc::gen::inRange<std::uint32_t>(0, 40), rc::gen::arbitrary<bool>()),
      [](const auto& t) {
        session_plan plan;
        plan.package_size = std::get<0>(t);
        plan.fragment_size = std::get<1>(t);
        plan.package_check_code = std::get<2>(t);
        plan.skip_notify_response = std::get<3>(t);
        plan.interrupt_after = std::get<4>(t) == 0 ? 0xFFFFFFFFu : std::get<4>(t);
        plan.lose_one_response = std::get<5>(t);
        return plan;
      });
}

}  // namespace otawire::test::pcp

#endif
