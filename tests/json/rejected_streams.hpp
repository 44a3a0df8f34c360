// Streams of messages every JSON family must REJECT, each with the error code it must be
// rejected with, and a harness that decodes them through the public entry points on each
// backend and counts heap allocations (issue 16 item 4: no allocation on invalid input either).
// Shared by tests/json/invalid_no_alloc_test.cpp and bench/<family>/bench_<family>_invalid.cpp,
// so that the test and the benchmark check the same inputs.
//
// Each family's stream is a realistic mix of what a broker hands a decoder: malformed JSON
// (truncated, bad token, bad UTF-8, too deep), a wrong JSON type, a missing required field, a
// value out of range, an unknown message type (type, event or topic), a payload on the wrong
// topic, and an oversize string (or array) the family bounds.
//
// Backends (json/common.hpp): the simdjson fast path from padded input (zero copy) and through
// the parser's copy, and the Boost.JSON DOM path. The DOM path decodes a `boost::json::value`
// the caller parsed: malformed text never reaches it (json::parse_dom, which allocates by
// nature, refuses it first), so its stream is the well-formed entries only.
#ifndef OTAWIRE_TESTS_JSON_REJECTED_STREAMS_HPP
#define OTAWIRE_TESTS_JSON_REJECTED_STREAMS_HPP

#include "support/alloc_counter.hpp"

#include <otawire/alibaba.hpp>
#include <otawire/ctwing.hpp>
#include <otawire/huawei.hpp>
#include <otawire/jetlinks.hpp>
#include <otawire/json/dom.hpp>
#include <otawire/json/simd.hpp>
#include <otawire/tencent.hpp>

#include <boost/json.hpp>
#include <simdjson.h>

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace otawire::test::rejected {

/// One message a decoder must refuse: why, where it was published, what it says, and the code.
struct rejected_message {
  std::string_view why;
  std::string topic;
  std::string payload;
  errc expected;
};

/// The ways a message reaches a decoder.
enum class backend { simdjson_padded, simdjson_copy, boost_dom };
inline constexpr std::array<backend, 3> all_backends{backend::simdjson_padded, backend::simdjson_copy,
                                                     backend::boost_dom};

[[nodiscard]] constexpr std::string_view name(backend b) noexcept {
  switch (b) {
    case backend::simdjson_padded: return "simdjson_padded";
    case backend::simdjson_copy: return "simdjson_copy";
    case backend::boost_dom: return "boost_dom";
  }
  return "?";
}

/// The code of a failed decode; nullopt when the decoder accepted the message.
template <class Result>
[[nodiscard]] std::optional<errc> code_of(const Result& r) noexcept {
  if (r) return std::nullopt;
  return r.error().code();
}

/// `n` copies of `unit`: oversize strings and arrays.
inline std::string repeat(std::string_view unit, std::size_t n) {
  std::string s;
  s.reserve(unit.size() * n);
  for (std::size_t i = 0; i < n; ++i) s.append(unit);
  return s;
}

/// `depth` nested arrays around `inner`: one more than json::max_depth is malformed.
inline std::string nested(std::size_t depth, std::string_view inner = "1") {
  return repeat("[", depth) + std::string(inner) + repeat("]", depth);
}

// --- Tencent (spec §A.2): `$ota/report/…` carries device messages, `$ota/update/…` platform ones -----

struct tencent_family {
  static constexpr std::string_view name = "tencent";
  struct state {
    json::parser parser;
    tencent::envelope out;  // reused, as a receive loop would
  };

  static std::vector<rejected_message> messages() {
    const std::string up = "$ota/report/PRODUCT1AB/dev1";
    const std::string down = "$ota/update/PRODUCT1AB/dev1";
    const std::string md5 = R"("md5sum":"f2f1b3317d4f1ef7f512bfae5050563b")";
    return {
        {"truncated", up, R"({"type":"report_version","report":{"version":"1.0.0"})", errc::malformed_json},
        {"bad token (unquoted version)", up, R"({"type":"report_version","report":{"version":1.0.0}})", errc::malformed_json},
        {"trailing comma", up, R"({"type":"report_progress","report":{"progress":{"state":"downloading","percent":"10","result_code":"0","result_msg":""},"version":"0.0.2"},})", errc::malformed_json},
        {"invalid UTF-8 in result_msg", up, "{\"type\":\"report_progress\",\"report\":{\"progress\":{\"state\":\"fail\",\"result_code\":\"-1\",\"result_msg\":\"\xC3\x28\"},\"version\":\"0.0.2\"}}", errc::malformed_json},
        {"nested deeper than max_depth", up, R"({"type":"report_version","x":)" + nested(json::max_depth + 1) + R"(,"report":{"version":"1.0.0"}})", errc::malformed_json},
        {"not an object", up, R"(["report_version","1.0.0"])", errc::wrong_type},
        {"version is a number", up, R"({"type":"report_version","report":{"version":100}})", errc::wrong_type},
        {"percent is a fraction", up, R"({"type":"report_progress","report":{"progress":{"state":"downloading","percent":10.5,"result_code":"0","result_msg":""},"version":"0.0.2"}})", errc::wrong_type},
        {"update_firmware without md5sum", down, R"({"type":"update_firmware","version":"0.0.2","url":"https://ota.example.com/fw.bin","file_size":234775})", errc::missing_field},
        {"report_progress without report.version", up, R"({"type":"report_progress","report":{"progress":{"state":"burning","result_code":"0","result_msg":""}}})", errc::missing_field},
        {"file_size negative", down, R"({"type":"update_firmware","version":"0.0.2","url":"https://ota.example.com/fw.bin",)" + md5 + R"(,"file_size":-5})", errc::out_of_range},
        {"result_code beyond int32", down, R"({"type":"report_version_rsp","result_code":"99999999999","result_msg":"","version":"1.0.0"})", errc::out_of_range},
        {"unknown type", up, R"({"type":"report_rollback","report":{"version":"1.0.0"}})", errc::unknown_message},
        {"update_firmware on the report topic", up, R"({"type":"update_firmware","version":"0.0.2","url":"https://ota.example.com/fw.bin",)" + md5 + R"(,"file_size":234775})", errc::invalid_value},
        {"topic of another service", "$thing/up/property/PRODUCT1AB/dev1", R"({"type":"report_version","report":{"version":"1.0.0"}})", errc::unknown_message},
        {"version longer than 32", up, R"({"type":"report_version","report":{"version":")" + repeat("1.", 100) + R"(0"}})", errc::bad_string},
        {"user_defined longer than 1536", down, R"({"type":"update_firmware","version":"0.0.2","url":"https://ota.example.com/fw.bin",)" + md5 + R"(,"file_size":234775,"user_defined":")" + repeat("x", 4096) + R"("})", errc::bad_string},
    };
  }

  static std::optional<errc> padded(state& s, const rejected_message& m, simdjson::padded_string_view text) noexcept {
    return code_of(tencent::decode_into(s.parser, json::padded_publish{m.topic, text}, s.out));
  }
  static std::optional<errc> copy(state& s, const rejected_message& m) noexcept {
    return code_of(tencent::decode_into(s.parser, mqtt_publish{m.topic, m.payload}, s.out));
  }
  static std::optional<errc> dom(state&, const rejected_message& m, const boost::json::value& v) noexcept {
    return code_of(tencent::decode_dom(m.topic, v));
  }
};

// --- CTWing (spec §B): the topic names the message ---------------------------------------------

struct ctwing_family {
  static constexpr std::string_view name = "ctwing";
  struct state {
    json::parser parser;
    ctwing::envelope out;  // reused, as a receive loop would
  };

  static std::vector<rejected_message> messages() {
    const std::string upgrade_head = R"({"taskId":147001,"payload":{"size":200977,"version":"2.0.1",)";
    const std::string url = R"("url":"https://dmfile.ctwing.cn/file/upgrade/32128a6e8c3e15aea1c7/147001")";
    const std::string md5 = R"("md5":"93230c3bde425a9d7984a594ac55ea1e")";
    const std::string token = R"("token":"a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6")";
    return {
        {"truncated", "/ota/inform", R"({"taskId":-1,"params":{"version":"1.0.0","module":"MCU"})", errc::malformed_json},
        {"bad token (misspelt true)", "/ota/progress", R"({"taskId":147001,"params":{"step":10,"module":"MCU","ok":tru}})", errc::malformed_json},
        {"single-quoted key", "/ota/progress", R"({'taskId':147001,"params":{"step":10}})", errc::malformed_json},
        {"nested deeper than max_depth", "/ota/inform", R"({"taskId":-1,"params":{"version":"1.0.0","extra":)" + nested(json::max_depth + 1) + "}}", errc::malformed_json},
        {"taskId is a string", "/ota/progress", R"({"taskId":"147001","params":{"step":10,"module":"MCU"}})", errc::wrong_type},
        {"params is an array", "/ota/inform", R"({"taskId":-1,"params":["1.0.0","MCU"]})", errc::wrong_type},
        {"upgrade without token", "/ota/upgrade", upgrade_head + url + "," + md5 + R"(,"module":"MCU"}})", errc::missing_field},
        {"progress without step", "/ota/progress", R"({"taskId":147001,"params":{"module":"MCU","desc":"downloading"}})", errc::missing_field},
        {"step 101", "/ota/progress", R"({"taskId":147001,"params":{"step":101,"module":"MCU"}})", errc::out_of_range},
        {"taskId beyond int32", "/ota/progress", R"({"taskId":2147483648,"params":{"step":10}})", errc::out_of_range},
        {"unknown topic", "/ota/rollback", R"({"taskId":147001,"params":{"version":"1.0.0"}})", errc::unknown_message},
        {"inform on the upgrade topic (taskId -1)", "/ota/upgrade", R"({"taskId":-1,"params":{"version":"1.0.0","module":"MCU"}})", errc::out_of_range},
        {"progress on the inform topic", "/ota/inform", R"({"taskId":147001,"params":{"step":10,"module":"MCU"}})", errc::missing_field},
        {"md5 of 1000 characters", "/ota/upgrade", upgrade_head + url + R"(,"md5":")" + repeat("93230c3bde", 100) + R"(",)" + token + "}}", errc::bad_string},
        {"url not http(s)", "/ota/upgrade", upgrade_head + R"("url":"ftp://dmfile.ctwing.cn/)" + repeat("a", 2048) + R"(",)" + md5 + "," + token + "}}", errc::invalid_value},
        {"empty version", "/ota/inform", R"({"taskId":-1,"params":{"version":"","module":"MCU"}})", errc::invalid_value},
    };
  }

  static std::optional<errc> padded(state& s, const rejected_message& m, simdjson::padded_string_view text) noexcept {
    return code_of(ctwing::decode_into(s.parser, json::padded_publish{m.topic, text}, s.out));
  }
  static std::optional<errc> copy(state& s, const rejected_message& m) noexcept {
    return code_of(ctwing::decode_into(s.parser, mqtt_publish{m.topic, m.payload}, s.out));
  }
  static std::optional<errc> dom(state&, const rejected_message& m, const boost::json::value& v) noexcept {
    return code_of(ctwing::decode_dom(m.topic, v));
  }
};

// --- JetLinks (spec §C): the topic names the message and the device -----------------------------

struct jetlinks_family {
  static constexpr std::string_view name = "jetlinks";
  struct state {
    json::parser parser;
    jetlinks::envelope out;  // reused, as a receive loop would
  };

  static std::vector<rejected_message> messages() {
    const std::string base = "/prod-a/dev-1/firmware";
    return {
        {"truncated", base + "/upgrade/progress", R"({"timestamp":1601196763000,"progress":10,"complete":false,"version":"2.0")", errc::malformed_json},
        {"bad token (NaN)", base + "/upgrade/progress", R"({"progress":NaN,"complete":false,"version":"2.0","success":true})", errc::malformed_json},
        {"unescaped control character", base + "/report", "{\"version\":\"2.0\",\"properties\":{\"chip\":\"esp\x01" "32\"}}", errc::malformed_json},
        {"nested deeper than max_depth", base + "/report", R"({"version":"2.0","properties":{"deep":)" + nested(json::max_depth + 1) + "}}", errc::malformed_json},
        {"progress is a boolean", base + "/upgrade/progress", R"({"progress":true,"complete":false,"version":"2.0","success":true})", errc::wrong_type},
        {"properties is a string", base + "/report", R"({"timestamp":1601196790000,"version":"2.0","properties":"chip=esp32"})", errc::wrong_type},
        {"upgrade without url", base + "/upgrade", R"({"messageId":"1790000000000000001","deviceId":"dev-1","version":"2.0","sign":"9e107d9d372bb6826bd81d3542a419d6","signMethod":"md5","size":524288})", errc::missing_field},
        {"reply without messageId", base + "/read/reply", R"({"success":true,"timestamp":1601196760120,"version":"1.0"})", errc::missing_field},
        {"progress beyond int32", base + "/upgrade/progress", R"({"progress":3000000000,"complete":false,"version":"2.0","success":true})", errc::out_of_range},
        {"unknown firmware topic", base + "/rollback", R"({"messageId":"1790000000000000002","version":"1.0"})", errc::unknown_message},
        {"topic without the product", "/dev-1/firmware/read", R"({"messageId":"1790000000000000000","deviceId":"dev-1"})", errc::unknown_message},
        {"md5 sign of 4096 characters", base + "/upgrade", R"({"messageId":"1","url":"http://fw.example.com/2.0.bin","version":"2.0","sign":")" + repeat("9e107d9d", 512) + R"(","signMethod":"md5","size":524288})", errc::bad_string},
        {"url not http(s)", base + "/upgrade", R"({"messageId":"1","url":"file:///etc/passwd","version":"2.0","size":524288})", errc::invalid_value},
    };
  }

  static std::optional<errc> padded(state& s, const rejected_message& m, simdjson::padded_string_view text) noexcept {
    return code_of(jetlinks::decode_into(s.parser, json::padded_publish{m.topic, text}, s.out));
  }
  static std::optional<errc> copy(state& s, const rejected_message& m) noexcept {
    return code_of(jetlinks::decode_into(s.parser, mqtt_publish{m.topic, m.payload}, s.out));
  }
  static std::optional<errc> dom(state&, const rejected_message& m, const boost::json::value& v) noexcept {
    return code_of(jetlinks::decode_dom(m.topic, v));
  }
};

// --- Huawei (spec §A): `$oc/devices/{id}/sys/events/up|down`; the decoder itself takes no topic,
// so a publish is parse_topic, then decode ------------------------------------------------------

struct huawei_family {
  static constexpr std::string_view name = "huawei";
  struct state {
    json::parser parser;
    huawei::envelope out;  // reused, as a receive loop would
  };

  static std::vector<rejected_message> messages() {
    const std::string up = "$oc/devices/dev1/sys/events/up";
    const std::string down = "$oc/devices/dev1/sys/events/down";
    const auto service = [](std::string_view event, std::string_view paras) {
      return R"({"object_device_id":"dev1","services":[{"service_id":"$ota","event_type":")" + std::string(event) +
             R"(","event_time":"20240726T114252Z","paras":)" + std::string(paras) + "}]}";
    };
    const std::string sha = R"("sign":"71cfa4cfb93fce5c9677086ff7f5f2d786cfd2c6f27d4636978e1b9a8b2b12f5")";
    return {
        {"truncated", up, R"({"services":[{"service_id":"$ota","event_type":"version_report","paras":{"fw_version":"1.0"}}])", errc::malformed_json},
        {"bad token (leading zero)", up, service("upgrade_progress_report", R"({"result_code":0,"progress":040,"version":"v1.1"})"), errc::malformed_json},
        {"invalid escape", up, service("version_report", R"({"fw_version":"1.0\q"})"), errc::malformed_json},
        {"nested deeper than max_depth", down, service("version_query", R"({"task_ext_info":)" + nested(json::max_depth + 1) + "}"), errc::malformed_json},
        {"services is an object", up, R"({"services":{"service_id":"$ota","event_type":"version_report","paras":{"fw_version":"1.0"}}})", errc::wrong_type},
        {"progress is a string of letters", up, service("upgrade_progress_report", R"({"result_code":0,"progress":"forty","version":"v1.1"})"), errc::wrong_type},
        {"firmware_upgrade without url", down, service("firmware_upgrade", R"({"version":"2.0","file_size":30720,"access_token":"d2e8","expires":86400,)" + sha + "}"), errc::missing_field},
        {"no services", up, R"({"object_device_id":"dev1"})", errc::missing_field},
        {"progress 101", up, service("upgrade_progress_report", R"({"result_code":0,"progress":101,"version":"v1.1"})"), errc::out_of_range},
        {"five services", up, R"({"services":[)" + repeat(R"({"service_id":"$ota","event_type":"version_report","paras":{"fw_version":"1.0"}},)", 4) + R"({"service_id":"$ota","event_type":"version_report","paras":{"fw_version":"1.0"}}]})", errc::out_of_range},
        {"unknown $ota event", up, service("firmware_rollback", R"({"version":"1.0"})"), errc::unknown_message},
        {"topic of another interface", "$oc/devices/dev1/sys/messages/up", service("version_report", R"({"fw_version":"1.0"})"), errc::unknown_message},
        {"sign of 4096 characters", down, service("firmware_upgrade", R"({"version":"2.0","url":"https://obs.example.com/pkg.bin","file_size":30720,"access_token":"d2e8","expires":86400,"sign":")" + repeat("71cfa4cf", 512) + R"("})"), errc::bad_string},
    };
  }

  static std::optional<errc> padded(state& s, const rejected_message& m, simdjson::padded_string_view text) noexcept {
    return code_of(huawei::decode_into(s.parser, json::padded_publish{m.topic, text}, s.out));
  }
  static std::optional<errc> copy(state& s, const rejected_message& m) noexcept {
    return code_of(huawei::decode_into(s.parser, mqtt_publish{m.topic, m.payload}, s.out));
  }
  static std::optional<errc> dom(state&, const rejected_message& m, const boost::json::value& v) noexcept {
    return code_of(huawei::decode_dom(m.topic, v));
  }
};

// --- Alibaba (spec §B): the topic names the message --------------------------------------------

struct alibaba_family {
  static constexpr std::string_view name = "alibaba";
  struct state {
    json::parser parser;
    alibaba::envelope out;  // reused, as a receive loop would
  };

  static std::vector<rejected_message> messages() {
    const std::string inform = "/ota/device/inform/a1pk/dev";
    const std::string progress = "/ota/device/progress/a1pk/dev";
    const std::string upgrade = "/ota/device/upgrade/a1pk/dev";
    const std::string get_reply = "/sys/a1pk/dev/thing/ota/firmware/get_reply";
    const std::string file = R"({"fileName":"a.bin","fileSize":1024,"fileSign":"93230c3bde425a9d7984a594ac55ea1e","fileUrl":"https://ota.example.com/a.bin"})";
    return {
        {"truncated", inform, R"({"id":1, "params":{"version":"1.0.0"})", errc::malformed_json},
        {"bad token (comment)", progress, R"({"id":2, /* step */ "params":{"step":"50","desc":""}})", errc::malformed_json},
        {"lone surrogate escape", inform, R"({"id":1, "params":{"version":"1.0.0","module":"\ud800"}})", errc::malformed_json},
        {"nested deeper than max_depth", upgrade, R"({"code":"1000","data":{"extData":)" + nested(json::max_depth + 1) + R"(},"id":1,"message":"success"})", errc::malformed_json},
        {"version is a number", inform, R"({"id":1, "params":{"version":100}})", errc::wrong_type},
        {"params is null", progress, R"({"id":2, "params":null})", errc::wrong_type},
        {"inform without version", inform, R"({"id":1, "params":{"module":"MCU"}})", errc::missing_field},
        {"upgrade without data", upgrade, R"({"code":"1000","id":1507707025,"message":"success"})", errc::missing_field},
        {"step 101", progress, R"({"id":2, "params":{"step":"101","desc":""}})", errc::out_of_range},
        {"negative id", inform, R"({"id":-1, "params":{"version":"1.0.0"}})", errc::out_of_range},
        {"unknown OTA topic", "/ota/device/rollback/a1pk/dev", R"({"id":1, "params":{"version":"1.0.0"}})", errc::unknown_message},
        {"topic without the device name", "/ota/device/inform/a1pk", R"({"id":1, "params":{"version":"1.0.0"}})", errc::unknown_message},
        {"version of 65 characters", inform, R"({"id":1, "params":{"version":")" + repeat("1", 65) + R"("}})", errc::bad_length},
        {"md5 of 4096 characters", upgrade, R"({"code":"1000","data":{"size":432945,"version":"2.0.0","url":"https://ota.example.com/fw.bin","md5":")" + repeat("93230c3b", 512) + R"("},"id":1,"message":"success"})", errc::bad_string},
        {"21 files", get_reply, R"({"code":200,"data":{"size":21504,"version":"2.0.0","files":[)" + repeat(file + ",", 20) + file + R"(]},"id":"3","message":"success"})", errc::unsupported},
    };
  }

  static std::optional<errc> padded(state& s, const rejected_message& m, simdjson::padded_string_view text) noexcept {
    return code_of(alibaba::decode_into(s.parser, json::padded_publish{m.topic, text}, s.out));
  }
  static std::optional<errc> copy(state& s, const rejected_message& m) noexcept {
    return code_of(alibaba::decode_into(s.parser, mqtt_publish{m.topic, m.payload}, s.out));
  }
  static std::optional<errc> dom(state&, const rejected_message& m, const boost::json::value& v) noexcept {
    return code_of(alibaba::decode_dom(m.topic, v));
  }
};

// --- the harness ---------------------------------------------------------------------------------

/// A family's rejected stream, ready for each backend: padded copies for the zero-copy path,
/// Boost.JSON values (parsed here, before any counting) for the DOM path.
template <class Family>
class rejected_stream {
 public:
  rejected_stream() : messages_(Family::messages()) {
    padded_.reserve(messages_.size());
    dom_.reserve(messages_.size());
    for (const auto& m : messages_) {
      padded_.emplace_back(m.payload);
      auto v = json::parse_dom(m.payload);
      dom_parse_code_.push_back(v ? std::nullopt : std::optional<errc>(v.error().code()));
      dom_.push_back(v ? std::move(*v) : boost::json::value());
    }
  }

  [[nodiscard]] const std::vector<rejected_message>& messages() const noexcept { return messages_; }

  /// Whether message `i` reaches the decoder on backend `b` (the DOM path gets only the
  /// messages Boost.JSON could parse).
  [[nodiscard]] bool reaches(backend b, std::size_t i) const noexcept {
    return b != backend::boost_dom || !dom_parse_code_[i];
  }

  /// How many messages reach the decoder on backend `b`.
  [[nodiscard]] std::size_t reaching(backend b) const noexcept {
    std::size_t n = 0;
    for (std::size_t i = 0; i < messages_.size(); ++i) n += reaches(b, i);
    return n;
  }

  /// Decodes message `i` on backend `b`: the code it was refused with (nullopt: accepted). On the
  /// DOM path a message Boost.JSON could not parse gets that parse's code (no decoder ran).
  [[nodiscard]] std::optional<errc> decode(backend b, std::size_t i) noexcept {
    const rejected_message& m = messages_[i];
    switch (b) {
      case backend::simdjson_padded: return Family::padded(state_, m, simdjson::padded_string_view(padded_[i]));
      case backend::simdjson_copy: return Family::copy(state_, m);
      case backend::boost_dom:
        if (dom_parse_code_[i]) return dom_parse_code_[i];
        return Family::dom(state_, m, dom_[i]);
    }
    return std::nullopt;
  }

  /// One line per message refused with another code than expected, or accepted; empty if none.
  [[nodiscard]] std::string mismatches(backend b) {
    std::string out;
    for (std::size_t i = 0; i < messages_.size(); ++i) {
      const auto got = decode(b, i);
      if (got == messages_[i].expected) continue;
      out.append(Family::name).append(" ").append(name(b)).append(" '").append(messages_[i].why);
      out.append("': expected ").append(otawire::name(messages_[i].expected)).append(", got ");
      out.append(got ? otawire::name(*got) : std::string_view("accepted")).append("\n");
    }
    return out;
  }

  /// Decodes every message reaching backend `b` once (warm-up: the parser's buffers grow to the
  /// largest message).
  void warm_up(backend b) noexcept {
    for (std::size_t i = 0; i < messages_.size(); ++i) {
      if (reaches(b, i)) (void)decode(b, i);
    }
  }

  /// Decodes every message reaching backend `b` once; returns a sum of the codes (so that the
  /// work cannot be optimised away).
  [[nodiscard]] std::size_t run(backend b) noexcept {
    std::size_t sum = 0;
    for (std::size_t i = 0; i < messages_.size(); ++i) {
      if (!reaches(b, i)) continue;
      const auto got = decode(b, i);
      sum += got ? static_cast<std::size_t>(*got) : 1000;
    }
    return sum;
  }

  /// The allocations each message made on backend `b`, warm (`counts` must have one slot per
  /// message; sized by the caller so that this function allocates nothing itself).
  void allocations_per_message(backend b, std::vector<std::size_t>& counts) noexcept {
    warm_up(b);
    for (std::size_t i = 0; i < messages_.size(); ++i) {
      counts[i] = 0;
      if (!reaches(b, i)) continue;
      const allocation_scope scope;
      (void)decode(b, i);
      counts[i] = scope.count();
    }
  }

 private:
  std::vector<rejected_message> messages_;
  std::vector<simdjson::padded_string> padded_;
  std::vector<boost::json::value> dom_;
  std::vector<std::optional<errc>> dom_parse_code_;
  typename Family::state state_;
};

}  // namespace otawire::test::rejected

#endif
