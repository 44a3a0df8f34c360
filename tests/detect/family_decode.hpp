// The five families' own decode entry points behind one signature, for comparing decode_any with
// them (tests/detect and fuzz/detect).
#ifndef OTAWIRE_TESTS_DETECT_FAMILY_DECODE_HPP
#define OTAWIRE_TESTS_DETECT_FAMILY_DECODE_HPP

#include <otawire/detect.hpp>

#include <string_view>
#include <type_traits>
#include <variant>

namespace otawire::test::detect {

namespace ab = otawire::alibaba;
namespace cw = otawire::ctwing;
namespace hw = otawire::huawei;
namespace jl = otawire::jetlinks;
namespace tc = otawire::tencent;
using otawire::family;

// The family's own public decode, wrapped in the same envelope (its own parser: the views of the
// two results must not share one).
struct family_decoders {
  otawire::json::parser parser;
  otawire::json::parser ctwing;

  otawire::result<otawire::any_envelope> decode(family f, std::string_view topic, std::string_view payload) {
    using otawire::any_envelope;
    switch (f) {
      case family::tencent: {
        auto e = tc::decode(parser, otawire::mqtt_publish{topic, payload});
        if (!e) return e.error();
        return any_envelope{std::in_place_index<0>, *e};
      }
      case family::ctwing: {
        auto e = cw::decode(ctwing, otawire::mqtt_publish{topic, payload});
        if (!e) return e.error();
        return any_envelope{std::in_place_index<1>, *e};
      }
      case family::jetlinks: {
        auto e = jl::decode(parser, otawire::mqtt_publish{topic, payload});
        if (!e) return e.error();
        return any_envelope{std::in_place_index<2>, *e};
      }
      case family::huawei: {
        auto t = hw::parse_topic(topic);
        if (!t) return t.error();
        auto m = hw::decode_payload(parser, payload);
        if (!m) return m.error();
        return any_envelope{std::in_place_index<3>, hw::envelope{*t, *m}};
      }
      case family::alibaba: {
        auto t = ab::parse_topic(topic);
        if (!t) return t.error();
        auto m = ab::decode_payload(parser, *t, payload);
        if (!m) return m.error();
        return any_envelope{std::in_place_index<4>, ab::envelope{*t, *m}};
      }
    }
    return otawire::fail(otawire::errc::unknown_message, "test");
  }
};

// Every family's envelope is the contract's mqtt_envelope, which compares topic and message.
inline bool same_envelope(const otawire::any_envelope& a, const otawire::any_envelope& b) { return a == b; }

}  // namespace otawire::test::detect

#endif
