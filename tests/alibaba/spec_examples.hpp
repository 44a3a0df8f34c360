// Every Alibaba message in huawei-alibaba-json.md §B, verbatim (doc examples, and the SDK byte
// templates of §B.5 rendered with example values). Shared by the tests, the bench and the
// corpus generator test.
#ifndef OTAWIRE_TESTS_ALIBABA_SPEC_EXAMPLES_HPP
#define OTAWIRE_TESTS_ALIBABA_SPEC_EXAMPLES_HPP

#include <otawire/alibaba/topic.hpp>

#include <array>
#include <string_view>

namespace otawire::test::alibaba {

struct spec_example {
  std::string_view name;
  otawire::alibaba::topic_kind kind;
  std::string_view text;
  bool masked_digest = false;  // as published, with "*" in md5/sign: refused (json/fields.hpp)
};

using otawire::alibaba::topic_kind;

// §B.2.1 [A1] doc example.
inline constexpr std::string_view inform_doc = R"({
    "id": "123",
    "params": {
        "version": "1.0.1",
        "module": "MCU"
    }
})";
// §B.2.1 [A4] process-doc example (numeric id).
inline constexpr std::string_view inform_process_doc = R"({"id": 1, "params": {"version": "1.0.0"}})";

// §B.2.2 [A1] current doc, HTTPS single file ("signMethod": "MD5", digestsign, _package_udi).
inline constexpr std::string_view upgrade_https_doc_as_published =
    R"({ "code": "1000", "data": { "size": 432945, "version": "2.0.0", "isDiff": 1, "url": "https://***/nop***.tar.gz?Expires=1502955804&OSSAccessKeyId=***&Signature=XfgJu7P6DW***qAKU%3D&security-token=***Tz2IHtIf3***", "md5": "93230c3bde425a9d***", "digestsign":"A4WOP***SYHJ6DDDJD9***", "sign": "93230c3bde425a9d***", "signMethod": "MD5", "module": "MCU", "extData":{ "key1":"value1", "key2":"value2", "_package_udi":"{\"ota_notice\":\"升级底层摄像头驱动,解决视频图像模糊的问题。\"}" } }, "id": 1626969597470, "message": "success" })";
// The same with its masked digests filled in (hex digits in place of the docs' "*", padded to
// 32): a masked digest is refused by the shared md5 rule (json/fields.hpp).
inline constexpr std::string_view upgrade_https_doc = R"({ "code": "1000", "data": { "size": 432945, "version": "2.0.0", "isDiff": 1, "url": "https://***/nop***.tar.gz?Expires=1502955804&OSSAccessKeyId=***&Signature=XfgJu7P6DW***qAKU%3D&security-token=***Tz2IHtIf3***", "md5": "93230c3bde425a9d0000000000000000", "digestsign":"A4WOP***SYHJ6DDDJD9***", "sign": "93230c3bde425a9d0000000000000000", "signMethod": "MD5", "module": "MCU", "extData":{ "key1":"value1", "key2":"value2", "_package_udi":"{\"ota_notice\":\"升级底层摄像头驱动,解决视频图像模糊的问题。\"}" } }, "id": 1626969597470, "message": "success" })";
// §B.2.2 [A1] current doc, MQTT download.
inline constexpr std::string_view upgrade_mqtt_doc_as_published =
    R"({ "code":"1000", "data":{ "size":432945, "version":"2.0.0", "isDiff":1, "signMethod":"MD5", "dProtocol":"mqtt", "streamId":1397345, "streamFileId":1, "md5":"93230c3bde425***", "digestsign":"A4WOP***SYHJ6DDDJD9***", "sign":"93230c3bde425***", "module":"MCU", "extData":{ "key1":"value1", "key2":"value2" } }, "id":1507707025, "message":"success" })";
// The same with its masked digests filled in (hex digits in place of the docs' "*", padded to
// 32): a masked digest is refused by the shared md5 rule (json/fields.hpp).
inline constexpr std::string_view upgrade_mqtt_doc = R"({ "code":"1000", "data":{ "size":432945, "version":"2.0.0", "isDiff":1, "signMethod":"MD5", "dProtocol":"mqtt", "streamId":1397345, "streamFileId":1, "md5":"93230c3bde4250000000000000000000", "digestsign":"A4WOP***SYHJ6DDDJD9***", "sign":"93230c3bde4250000000000000000000", "module":"MCU", "extData":{ "key1":"value1", "key2":"value2" } }, "id":1507707025, "message":"success" })";
// §B.2.2 [A4] process-doc example ("signMethod":"Md5", numeric id).
inline constexpr std::string_view upgrade_process_doc_as_published = R"({
    "code":"1000",
    "data":{
        "size":11472299,
        "sign":"83254ac96e141affb8aa42cbfec9****",
        "version":"2.0.0",
        "url":"https://iotx-ota.oss-cn-shanghai.aliyuncs.com/ota/dbab6f742ae389b40db88fc2500b****/ck0q5lyav00003i7hezxe****.zip?Expires=1568951190&OSSAccessKeyId=cS8uRRy54Rsz****&Signature=nk0sogaxtyp7dYvKZnjNQ%2BZ8Q9****",
        "signMethod":"Md5",
        "md5":"83254ac96e141affb8aa42cbfec9****"
    },
    "id":1568864790381,
    "message":"success"
})";
// The same with its masked digests filled in (hex digits in place of the docs' "*", padded to
// 32): a masked digest is refused by the shared md5 rule (json/fields.hpp).
inline constexpr std::string_view upgrade_process_doc = R"({
    "code":"1000",
    "data":{
        "size":11472299,
        "sign":"83254ac96e141affb8aa42cbfec90000",
        "version":"2.0.0",
        "url":"https://iotx-ota.oss-cn-shanghai.aliyuncs.com/ota/dbab6f742ae389b40db88fc2500b****/ck0q5lyav00003i7hezxe****.zip?Expires=1568951190&OSSAccessKeyId=cS8uRRy54Rsz****&Signature=nk0sogaxtyp7dYvKZnjNQ%2BZ8Q9****",
        "signMethod":"Md5",
        "md5":"83254ac96e141affb8aa42cbfec90000"
    },
    "id":1568864790381,
    "message":"success"
})";
// §B.2.2 [A2]: the older Alink doc, described there as the same shape with a string id, "Md5",
// module and extData (assembled from that description).
inline constexpr std::string_view upgrade_alink_doc =
    R"({"code":"1000","data":{"size":432945,"sign":"93230c3bde425a9d7984a594ac55ea1e","version":"2.0.0","url":"https://the_firmware_url","signMethod":"Md5","md5":"93230c3bde425a9d7984a594ac55ea1e","module":"MCU","extData":{"key1":"value1","key2":"value2"}},"id":"1507707025","message":"success"})";
// §B.2.2 [A3]: the oldest doc has only size, version, url and md5 (assembled from that description).
inline constexpr std::string_view upgrade_oldest_doc =
    R"({"code":"1000","data":{"size":432945,"version":"2.0.0","url":"https://the_firmware_url","md5":"93230c3bde425a9d7984a594ac55ea1e"},"id":1507707025,"message":"success"})";

// §B.2.3 [A2] doc example.
inline constexpr std::string_view progress_doc = R"({
  "id": "123",
  "params": {
    "step": "-1",
    "desc": "OTA升级失败，请求不到升级包信息。",
    "module": "MCU"
  }
})";
// §B.2.3 [A3] old doc example: NOT valid JSON (the comma after "id": 1 is missing in the source).
inline constexpr std::string_view progress_old_doc_invalid = R"({
  "id": 1
  "params": {
    "step":"1", 
    "desc":" xxxxxxxx "
  }   
})";

// §B.2.4 [A2] pull request (docs form) and replies.
inline constexpr std::string_view get_doc = R"({
  "id": "123",
  "version": "1.0",
  "params": {
      "module": "MCU"
  },
  "method": "thing.ota.firmware.get"
})";
inline constexpr std::string_view get_reply_doc_as_published = R"({
  "id": "123",
  "code": 200,
  "data": {
    "size": 93796291,
    "sign": "f8d85b250d4d787a9f483d89a974****",
    "version": "1.0.1.9.20171112.1432",
    "isDiff": 1,
    "url": "https://the_firmware_url",
    "signMethod": "Md5",
    "md5": "f8d85b250d4d787a9f483d89a9747348",
    "module": "MCU",
    "extData":{
        "key1":"value1",
        "key2":"value2"
     }
  }
})";
// The same with its masked digests filled in (hex digits in place of the docs' "*", padded to
// 32): a masked digest is refused by the shared md5 rule (json/fields.hpp).
inline constexpr std::string_view get_reply_doc = R"({
  "id": "123",
  "code": 200,
  "data": {
    "size": 93796291,
    "sign": "f8d85b250d4d787a9f483d89a9740000",
    "version": "1.0.1.9.20171112.1432",
    "isDiff": 1,
    "url": "https://the_firmware_url",
    "signMethod": "Md5",
    "md5": "f8d85b250d4d787a9f483d89a9747348",
    "module": "MCU",
    "extData":{
        "key1":"value1",
        "key2":"value2"
     }
  }
})";
inline constexpr std::string_view get_reply_empty_doc = R"({
  "id": "123",
  "code": 200,
  "data": {
  }
})";

// §B.5 SDK bytes. iotkit-embedded v3 (compact).
inline constexpr std::string_view iotkit3_inform = R"({"id":0,"params":{"version":"1.0.0"}})";
inline constexpr std::string_view iotkit3_progress = R"({"id":0,"params":{"step":"50","desc":""}})";
inline constexpr std::string_view iotkit3_progress_desc = R"({"id":0,"params":{"step":"-2","desc":"fetch failed"}})";
// iotkit-embedded v2.03: one space after "params": and after "step":; no desc when NULL.
inline constexpr std::string_view iotkit2_progress = R"({"id":0,"params": {"step": "50"}})";
inline constexpr std::string_view iotkit2_progress_desc = R"({"id":0,"params": {"step": "50","desc":"downloading"}})";
// Link SDK 4.x: one space after the comma that follows id.
inline constexpr std::string_view linksdk_inform = R"({"id":1, "params":{"version":"1.0.0"}})";
inline constexpr std::string_view linksdk_inform_module = R"({"id":4, "params":{"version":"1.0.0","module":"MCU"}})";
inline constexpr std::string_view linksdk_progress = R"({"id":2, "params":{"step":"-3","desc":""}})";
inline constexpr std::string_view linksdk_progress_module = R"({"id":5, "params":{"step":"100","desc":"","module":"MCU"}})";
inline constexpr std::string_view linksdk_get = R"({"id":3, "params":{}})";
inline constexpr std::string_view linksdk_get_module = R"({"id":6, "params":{"module":"MCU"}})";

/// Every valid example with the topic it travels on (the invalid [A3] one is tested separately).
inline constexpr std::array<spec_example, 27> spec_examples{{
    {"inform_doc", topic_kind::inform, inform_doc},
    {"inform_process_doc", topic_kind::inform, inform_process_doc},
    {"upgrade_https_doc", topic_kind::upgrade, upgrade_https_doc_as_published, true},
    {"upgrade_https_doc_unmasked", topic_kind::upgrade, upgrade_https_doc},
    {"upgrade_mqtt_doc", topic_kind::upgrade, upgrade_mqtt_doc_as_published, true},
    {"upgrade_mqtt_doc_unmasked", topic_kind::upgrade, upgrade_mqtt_doc},
    {"upgrade_process_doc", topic_kind::upgrade, upgrade_process_doc_as_published, true},
    {"upgrade_process_doc_unmasked", topic_kind::upgrade, upgrade_process_doc},
    {"upgrade_alink_doc", topic_kind::upgrade, upgrade_alink_doc},
    {"upgrade_oldest_doc", topic_kind::upgrade, upgrade_oldest_doc},
    {"progress_doc", topic_kind::progress, progress_doc},
    {"get_doc", topic_kind::firmware_get, get_doc},
    {"get_reply_doc", topic_kind::firmware_get_reply, get_reply_doc_as_published, true},
    {"get_reply_doc_unmasked", topic_kind::firmware_get_reply, get_reply_doc},
    {"get_reply_empty_doc", topic_kind::firmware_get_reply, get_reply_empty_doc},
    {"iotkit3_inform", topic_kind::inform, iotkit3_inform},
    {"iotkit3_request", topic_kind::request, iotkit3_inform},  // iotx_req_image publishes it on request
    {"iotkit3_progress", topic_kind::progress, iotkit3_progress},
    {"iotkit3_progress_desc", topic_kind::progress, iotkit3_progress_desc},
    {"iotkit2_progress", topic_kind::progress, iotkit2_progress},
    {"iotkit2_progress_desc", topic_kind::progress, iotkit2_progress_desc},
    {"linksdk_inform", topic_kind::inform, linksdk_inform},
    {"linksdk_inform_module", topic_kind::inform, linksdk_inform_module},
    {"linksdk_progress", topic_kind::progress, linksdk_progress},
    {"linksdk_progress_module", topic_kind::progress, linksdk_progress_module},
    {"linksdk_get", topic_kind::firmware_get, linksdk_get},
    {"linksdk_get_module", topic_kind::firmware_get, linksdk_get_module},
}};

}  // namespace otawire::test::alibaba

#endif
