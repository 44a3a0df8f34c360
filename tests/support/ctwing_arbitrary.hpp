// rapidcheck generators for CTWing messages and sessions. Messages view strings, so the
// generators produce owning values (`owned_*`) with a `view()` to the library's types.
#ifndef OTAWIRE_TESTS_CTWING_ARBITRARY_HPP
#define OTAWIRE_TESTS_CTWING_ARBITRARY_HPP

#include "support/fields_arbitrary.hpp"
#include <otawire/ctwing/messages.hpp>
#include <otawire/ctwing/session.hpp>

#include <rapidcheck.h>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>
#include <vector>

namespace otawire::test::ctwing {

namespace cw = otawire::ctwing;

inline std::optional<std::string_view> view(const std::optional<std::string>& s) {
  if (!s) return std::nullopt;
  return std::string_view(*s);
}

struct owned_inform {
  std::int64_t task_id = cw::no_task;
  std::string version;
  std::optional<std::string> module;
  [[nodiscard]] cw::inform view() const { return {task_id, version, ctwing::view(module)}; }
};

struct owned_upgrade {
  std::int64_t task_id = 0;
  std::int64_t size = 0;
  std::string version, url, md5, token;
  std::optional<std::string> module;
  [[nodiscard]] cw::upgrade view() const { return {task_id, size, version, url, md5, token, ctwing::view(module)}; }
};

struct owned_progress {
  std::int64_t task_id = 0;
  std::int64_t step = 0;
  std::optional<std::string> desc;
  std::optional<std::string> module;
  [[nodiscard]] cw::progress view() const { return {task_id, step, ctwing::view(desc), ctwing::view(module)}; }
};

struct owned_message {
  std::variant<owned_inform, owned_upgrade, owned_progress> m;
  [[nodiscard]] cw::message view() const {
    return std::visit([](const auto& x) { return cw::message(x.view()); }, m);
  }
};

inline std::ostream& operator<<(std::ostream& os, const owned_message& m) {
  std::visit(
      [&](const auto& x) {
        using T = std::decay_t<decltype(x)>;
        if constexpr (std::is_same_v<T, owned_inform>) {
          os << "inform{" << x.task_id << ", " << x.version << "}";
        } else if constexpr (std::is_same_v<T, owned_upgrade>) {
          os << "upgrade{" << x.task_id << ", " << x.version << "}";
        } else {
          os << "progress{" << x.task_id << ", " << x.step << "}";
        }
      },
      m.m);
  return os;
}

// --- building blocks ------------------------------------------------------------------------------

/// Valid UTF-8 text that exercises JSON escaping: ASCII, quotes, backslashes, control
/// characters, `/`, CJK (3-byte) and emoji (4-byte) characters.
inline rc::Gen<std::string> gen_text() {
  static const std::vector<std::string> pieces{"a", "Z", "0", "9", ".", "-", " ", "\"", "\\", "/", "\n", "\t",
                                               std::string("\x01", 1), std::string("\0", 1), "\x7f", "MCU",
                                               "升级", "失败", "\xF0\x9F\x98\x80", "&", "=", "%", "+", "?"};
  return rc::gen::map(rc::gen::container<std::vector<std::string>>(rc::gen::elementOf(pieces)),
                      [](const std::vector<std::string>& parts) {
                        std::string s;
                        for (const auto& p : parts) s += p;
                        return s;
                      });
}

inline rc::Gen<std::string> gen_non_empty_text() {
  return rc::gen::suchThat(gen_text(), [](const std::string& s) { return !s.empty(); });
}

inline rc::Gen<std::optional<std::string>> gen_optional_text() {
  return rc::gen::oneOf(rc::gen::just(std::optional<std::string>()),
                        rc::gen::map(gen_text(), [](std::string s) { return std::optional<std::string>(std::move(s)); }));
}

inline rc::Gen<std::int64_t> gen_task_id() {
  return rc::gen::oneOf(rc::gen::just<std::int64_t>(0), rc::gen::just<std::int64_t>(std::int64_t{cw::max_task_id}),
                        rc::gen::inRange<std::int64_t>(0, cw::max_task_id + 1));
}

inline rc::Gen<std::int64_t> gen_step() {
  return rc::gen::oneOf(rc::gen::inRange<std::int64_t>(-4, 0), rc::gen::inRange<std::int64_t>(1, 101),
                        rc::gen::just<std::int64_t>(100));
}

inline rc::Gen<std::string> gen_md5() { return otawire::test::fields::gen_md5_hex(); }

inline rc::Gen<owned_inform> gen_inform() {
  return rc::gen::build<owned_inform>(
      rc::gen::set(&owned_inform::task_id, rc::gen::oneOf(rc::gen::just<std::int64_t>(std::int64_t{cw::no_task}), gen_task_id())),
      rc::gen::set(&owned_inform::version, gen_non_empty_text()), rc::gen::set(&owned_inform::module, gen_optional_text()));
}

inline rc::Gen<owned_upgrade> gen_upgrade() {
  return rc::gen::build<owned_upgrade>(
      rc::gen::set(&owned_upgrade::task_id, gen_task_id()),
      rc::gen::set(&owned_upgrade::size,
                   rc::gen::oneOf(rc::gen::inRange<std::int64_t>(0, 1 << 24),
                                  rc::gen::just<std::int64_t>(std::numeric_limits<std::int64_t>::max()))),
      rc::gen::set(&owned_upgrade::version, gen_non_empty_text()), rc::gen::set(&owned_upgrade::url, otawire::test::fields::gen_download_url()),
      rc::gen::set(&owned_upgrade::md5, gen_md5()), rc::gen::set(&owned_upgrade::token, gen_text()),
      rc::gen::set(&owned_upgrade::module, gen_optional_text()));
}

inline rc::Gen<owned_progress> gen_progress() {
  return rc::gen::build<owned_progress>(
      rc::gen::set(&owned_progress::task_id, gen_task_id()), rc::gen::set(&owned_progress::step, gen_step()),
      rc::gen::set(&owned_progress::desc, gen_optional_text()), rc::gen::set(&owned_progress::module, gen_optional_text()));
}

inline rc::Gen<owned_message> gen_message() {
  return rc::gen::oneOf(rc::gen::map(gen_inform(), [](owned_inform m) { return owned_message{std::move(m)}; }),
                        rc::gen::map(gen_upgrade(), [](owned_upgrade m) { return owned_message{std::move(m)}; }),
                        rc::gen::map(gen_progress(), [](owned_progress m) { return owned_message{std::move(m)}; }));
}

// --- legal sessions -----------------------------------------------------------------------------------

/// A random session the validator must accept: a first inform, then attempts that succeed
/// (…100, inform of the new version with the task id) or fail (a negative step), with
/// reconnects (inform -1 mid-attempt, steps resuming from the break point) and re-pushed
/// upgrades of the same task (steps restart) along the way.
inline rc::Gen<std::vector<owned_message>> gen_legal_session() {
  return rc::gen::exec([] {
    std::vector<owned_message> out;
    int version_counter = *rc::gen::inRange(0, 50);
    auto version_name = [](int n) { return "1.0." + std::to_string(n); };
    std::string current = version_name(version_counter);
    out.push_back({owned_inform{cw::no_task, current, std::string("MCU")}});
    const int attempts = *rc::gen::inRange(0, 5);
    std::int64_t task = *gen_task_id();
    for (int a = 0; a < attempts; ++a) {
      if (*rc::gen::inRange(0, 4) == 0) out.push_back({owned_inform{cw::no_task, current, std::nullopt}});
      if (*rc::gen::inRange(0, 2) == 0) task = *gen_task_id();  // a new task, or the same one retried
      const std::string target = version_name(++version_counter);
      const auto upgrade = owned_upgrade{task, 1000, target, "https://dmfile.ctwing.cn/file/upgrade/f/1",
                                         "93230c3bde425a9d7984a594ac55ea1e", "token", std::string("MCU")};
      out.push_back({upgrade});
      std::int64_t step = 0;
      const int reports = *rc::gen::inRange(0, 8);
      for (int r = 0; r < reports; ++r) {
        switch (*rc::gen::inRange(0, 8)) {
          case 0: out.push_back({owned_inform{cw::no_task, current, std::string("MCU")}}); break;  // reconnect
          case 1:
            out.push_back({upgrade});  // re-pushed: a new attempt
            step = 0;
            break;
          default:
            step = *rc::gen::inRange<std::int64_t>(std::max<std::int64_t>(step, 1), 100);  // repeats allowed
            out.push_back({owned_progress{task, step, std::string("downloading"), std::string("MCU")}});
        }
      }
      const bool last = a + 1 == attempts;
      if (*rc::gen::inRange(0, 3) == 0) {
        const auto code = *rc::gen::inRange<std::int64_t>(-4, 0);
        out.push_back({owned_progress{task, code, std::string("failed"), std::string("MCU")}});
        if (*rc::gen::inRange(0, 2) == 0) out.push_back({owned_inform{cw::no_task, current, std::string("MCU")}});
      } else {
        out.push_back({owned_progress{task, 100, std::nullopt, std::string("MCU")}});
        if (last && *rc::gen::inRange(0, 4) == 0) break;  // the session may end before the reboot
        out.push_back({owned_inform{task, target, std::string("MCU")}});
        current = target;
      }
    }
    return out;
  });
}

}  // namespace otawire::test::ctwing

#endif
