// rapidcheck generators for otawire::huawei messages and sessions, and the oracle functions the
// property tests and the fuzz targets share.
#ifndef OTAWIRE_TESTS_SUPPORT_HUAWEI_ARBITRARY_HPP
#define OTAWIRE_TESTS_SUPPORT_HUAWEI_ARBITRARY_HPP

#include <otawire/huawei.hpp>

#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace otawire::test::huawei {

namespace hw = otawire::huawei;

// ------------------------------------------------------------------------------------------------
// Oracles (no rapidcheck needed: the fuzz targets use them too)

/// Both decoders' verdicts on one text. The DOM result's views point into `dom_storage`.
struct both_decoded {
  result<hw::message> fast = fail(errc::invalid_value, "");
  result<hw::message> dom = fail(errc::invalid_value, "");
  boost::json::value dom_storage;
};

inline void decode_both(json::parser& p, std::string_view text, both_decoded& out) {
  out.fast = hw::decode_payload(p, text);
  out.dom = hw::decode_payload_dom(text, out.dom_storage);
}

/// Why the two decoders disagree, or empty when they agree (accept/reject, malformed-ness, the
/// decoded value).
inline std::string_view disagreement(const both_decoded& d) {
  if (d.fast.has_value() != d.dom.has_value()) return "accept/reject";
  if (d.fast) return *d.fast == *d.dom ? std::string_view{} : std::string_view("decoded value");
  if ((d.fast.error().code() == errc::malformed_json) != (d.dom.error().code() == errc::malformed_json)) {
    return "malformed_json";
  }
  return {};
}

/// Whether a decoded message survives encode → decode unchanged in `prof` (true when `check`
/// says the profile cannot encode it). Used by the decode fuzz target.
inline bool round_trips(json::parser& p, const hw::message& m, hw::profile prof) {
  if (!hw::check(m, prof)) return true;
  auto text = hw::encode(m, prof);
  if (!text) return false;
  boost::json::value storage;
  auto again = hw::decode_payload_dom(*text, storage);
  if (!again || !(*again == m)) return false;
  // and the fast path agrees on the encoded text
  auto fast = hw::decode_payload(p, *text);
  return fast && *fast == m;
}

// ------------------------------------------------------------------------------------------------
// Owned messages: the message's views point into strings kept alive by shared storage, so the
// value can be copied freely by rapidcheck.

struct owned_message {
  std::shared_ptr<std::deque<std::string>> strings = std::make_shared<std::deque<std::string>>();
  hw::message msg;

  std::string_view keep(std::string s) const {
    strings->push_back(std::move(s));
    return strings->back();
  }
};

}  // namespace otawire::test::huawei

#ifdef OTAWIRE_TEST_WITH_RAPIDCHECK
#include <rapidcheck.h>

namespace otawire::test::huawei {

/// Text with ASCII (control characters and quotes included) and some multi-byte UTF-8.
inline rc::Gen<std::string> gen_text() {
  return rc::gen::map(rc::gen::container<std::vector<int>>(rc::gen::inRange(0, 140)), [](const std::vector<int>& cs) {
    std::string s;
    for (int c : cs) {
      if (c < 127) s += static_cast<char>(c == 0 ? 'x' : c);
      else if (c < 132) s += "\xC3\xA9";           // é
      else if (c < 136) s += "\xE4\xB8\xAD";       // 中
      else s += "\xF0\x9F\x98\x80";                // 😀 (a surrogate pair in Python's escapes)
    }
    return s;
  });
}

inline rc::Gen<std::string> gen_version() {
  return rc::gen::oneOf(rc::gen::element<std::string>("v1.0", "v1.2", "2.0", "V2.0", "1.0.3-beta", ""),
                        rc::gen::nonEmpty(gen_text()));
}

inline rc::Gen<std::string> gen_sign() {
  return rc::gen::map(rc::gen::container<std::vector<int>>(64, rc::gen::inRange(0, 22)), [](const std::vector<int>& ds) {
    std::string s;
    for (int d : ds) s += "0123456789abcdefABCDEF"[d];
    return s;
  });
}

inline rc::Gen<std::string> gen_event_time_text() {
  return rc::gen::map(rc::gen::tuple(rc::gen::inRange(1970, 2100), rc::gen::inRange(1, 13), rc::gen::inRange(1, 29),
                                     rc::gen::inRange(0, 24), rc::gen::inRange(0, 60), rc::gen::inRange(0, 60)),
                      [](const std::tuple<int, int, int, int, int, int>& t) {
                        const auto [y, mo, d, h, mi, s] = t;
                        const auto a = hw::format_event_time(hw::utc_time{
                            static_cast<std::uint16_t>(y), static_cast<std::uint8_t>(mo), static_cast<std::uint8_t>(d),
                            static_cast<std::uint8_t>(h), static_cast<std::uint8_t>(mi), static_cast<std::uint8_t>(s)});
                        return std::string(a.data(), a.size());
                      });
}

inline const char* const raw_samples[] = {R"({"device_type":"DDC"})", "{}", R"("plain text")",
                                          R"({"a":[1,2,{"b":null}],"c":"\u00e9"})"};

/// Fills `e` with a random event of kind `k` (strings kept by `om`).
inline hw::event gen_event(const owned_message& om, hw::event_kind k) {
  using namespace rc;
  hw::event e;
  e.kind = k;
  e.service_id = hw::ota_service_id;
  e.event_type = hw::name(k);
  const bool down = hw::direction_of(k) == otawire::direction::platform_to_device;
  if (*gen::arbitrary<bool>()) {
    std::string t = *gen_event_time_text();
    if (!down && *gen::inRange(0, 4) == 0) t = "2024-07-26T11:42:52Z";  // Python's local-time form
    const auto text = om.keep(t);
    e.time = hw::event_time{text, hw::parse_event_time(text)};
  }
  if (*gen::inRange(0, 5) == 0) e.event_id = om.keep(*gen_text());
  const auto opt_str = [&](std::optional<std::string_view>& out) {
    if (*gen::arbitrary<bool>()) out = om.keep(*gen_text());
  };
  const auto raw = [&]() -> json::raw_json {
    if (*gen::arbitrary<bool>()) return {};
    return json::raw_json{om.keep(*gen::elementOf(std::vector<std::string>(std::begin(raw_samples), std::end(raw_samples)))), nullptr};
  };
  switch (k) {
    case hw::event_kind::version_query: {
      hw::version_query q;
      q.form = *gen::element(hw::paras_form::object, hw::paras_form::null, hw::paras_form::absent);
      if (q.form == hw::paras_form::object) {
        opt_str(q.task_id);
        if (*gen::arbitrary<bool>()) q.sub_device_count = *gen::inRange<std::int64_t>(0, 100000);
        q.task_ext_info = raw();
      }
      e.paras = q;
      break;
    }
    case hw::event_kind::version_report: {
      hw::version_report r;
      const int which = *gen::inRange(0, 3);
      if (which != 1) r.sw_version = om.keep(*gen_version());
      if (which != 0) r.fw_version = om.keep(*gen_version());
      e.paras = r;
      break;
    }
    case hw::event_kind::upgrade_progress_report: {
      hw::progress_report p;
      p.result_code = *gen::oneOf(gen::element(0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 255), gen::inRange(-5, 1000));
      if (*gen::arbitrary<bool>()) p.progress = *gen::inRange(0, 101);
      p.version = om.keep(*gen_version());
      opt_str(p.description);
      e.paras = p;
      break;
    }
    case hw::event_kind::other_service: break;
    default: {
      hw::upgrade_notification u;
      u.version = om.keep(*gen_version());
      u.url = om.keep("https://124.70.218.131:8943/iodm/dev/v2.0/upgradefile/applications/a/devices/d/packages/" +
                      std::to_string(*gen::inRange(0, 1000000)));
      u.file_size = *gen::inRange<std::int64_t>(0, std::numeric_limits<std::int64_t>::max());
      opt_str(u.file_name);
      if (!hw::is_v2(k)) opt_str(u.access_token);
      if (*gen::arbitrary<bool>()) u.expires = *gen::inRange<std::int64_t>(0, 1000000);
      if (!hw::is_v2(k) || *gen::arbitrary<bool>()) u.sign = om.keep(*gen_sign());
      opt_str(u.custom_info);
      opt_str(u.task_id);
      if (*gen::arbitrary<bool>()) u.sub_device_count = *gen::inRange<std::int64_t>(0, 1000);
      u.task_ext_info = raw();
      e.paras = u;
      break;
    }
  }
  return e;
}

inline hw::event gen_other_service_event(const owned_message& om) {
  hw::event e;
  e.kind = hw::event_kind::other_service;
  e.service_id = om.keep(*rc::gen::element<std::string>("$time_sync", "$sub_device_manager", "$file_manager"));
  e.event_type = om.keep(*rc::gen::element<std::string>("time_sync_response", "add_sub_device_notify", "x"));
  if (*rc::gen::arbitrary<bool>()) {
    e.paras = hw::other_service_event{json::raw_json{om.keep(*rc::gen::elementOf(std::vector<std::string>(
                                                         std::begin(raw_samples), std::end(raw_samples)))),
                                                     nullptr}};
  } else {
    e.paras = hw::other_service_event{};
  }
  return e;
}

}  // namespace otawire::test::huawei

namespace rc {
template <>
struct Arbitrary<otawire::test::huawei::owned_message> {
  static Gen<otawire::test::huawei::owned_message> arbitrary() {
    return gen::exec([] {
      namespace th = otawire::test::huawei;
      namespace hw = otawire::huawei;
      th::owned_message om;
      if (*gen::arbitrary<bool>()) om.msg.object_device_id = om.keep(*th::gen_text());
      const int n = *gen::inRange(1, static_cast<int>(hw::max_services) + 1);
      for (int i = 0; i < n; ++i) {
        const int k = *gen::inRange(0, 8);
        om.msg.push(k == 7 ? th::gen_other_service_event(om) : th::gen_event(om, static_cast<hw::event_kind>(k)));
      }
      return om;
    });
  }
};
}  // namespace rc

#endif  // OTAWIRE_TEST_WITH_RAPIDCHECK

#endif
