// What the agreement checks of tests/support/ota_tcj_harness.hpp report (one run's verdict and
// log), shared by its three family parts.
#ifndef OTAWIRE_TEST_SUPPORT_OTA_TCJ_AGREEMENT_HPP
#define OTAWIRE_TEST_SUPPORT_OTA_TCJ_AGREEMENT_HPP

#include <otawire/ota/session.hpp>
#include <otawire/result.hpp>

#include <cstddef>
#include <map>
#include <string>
#include <string_view>

namespace otawire::test::ota_tcj {

/// How many messages each exclusion took (by name), so that a test can show they stay exceptions.
using exclusion_counts = std::map<std::string, std::size_t>;

/// What one run found: where the validators first disagreed (empty `disagreement`: nowhere), whether
/// any message was rejected, and a log of every step.
struct agreement {
  /// "to_events", "restart" (the neutral session refused the message it restarted with),
  /// "accept/reject", "state" or "outcome"; or empty.
  std::string_view disagreement{};
  std::size_t at = 0;  ///< the message it happened at
  bool any_rejected = false;
  bool logging = true;  ///< write `log` (the fuzz target does not: it only needs the verdict)
  std::string log;
};

namespace detail {
/// The log line of message `i`: what each side said, in which state.
template <class T>
void log_step(agreement& out, std::size_t i, std::string_view type, std::string_view family, const result<T>& by_family,
              std::string_view family_state, const result<void>& by_neutral, ota::upgrade_state neutral_state) {
  if (!out.logging) return;
  out.log += "message " + std::to_string(i) + " " + std::string(type) + ": " + std::string(family) + " " +
             std::string(by_family ? "accepts" : by_family.error().where()) + " in " + std::string(family_state) +
             ", neutral " + std::string(by_neutral ? "accepts" : by_neutral.error().where()) + " in " +
             std::string(ota::name(neutral_state)) + "\n";
}
}  // namespace detail

}  // namespace otawire::test::ota_tcj

#endif
