// The JetLinks documentation's examples, verbatim from shared/spec/json-messages.md §C.4
// ([J3] jetlinks-protocol-support.md, [J6] device-firmware.md), and the helper that turns the
// documentation's commented pseudo-JSON into the JSON a device would send.
#ifndef OTAWIRE_TESTS_JETLINKS_DOC_EXAMPLES_HPP
#define OTAWIRE_TESTS_JETLINKS_DOC_EXAMPLES_HPP

#include <string>
#include <string_view>

namespace otawire::test::jetlinks {

// [J3] 更新固件消息, topic /{productId}/{deviceId}/firmware/upgrade
inline constexpr std::string_view doc_upgrade = R"({
    "timestamp":1601196762389, //毫秒时间戳
    "url":"固件文件下载地址",
    "version":"版本号",
    "parameters":{},//其他参数
    "sign":"文件签名值",
    "signMethod":"签名方式",
    "firmwareId":"固件ID",
    "size":100000//文件大小,字节
})";

// [J3] 上报更新固件进度, topic .../firmware/upgrade/progress
inline constexpr std::string_view doc_progress = R"({
    "timestamp":1601196762389, //毫秒时间戳
    "progress":50,//进度,0-100
    "complete":false, //是否完成更新
    "version":"升级的版本号",
    "success":true,//是否更新成功,complete为true时有效
    "errorReason":"失败原因",
    "firmwareId":"固件ID"
})";

// [J3] 拉取固件更新, topic .../firmware/pull (note the trailing comma after requestVersion)
inline constexpr std::string_view doc_pull = R"({
    "timestamp":1601196762389, //毫秒时间戳
    "messageId":"消息ID",//回复的时候会回复相同的ID
    "currentVersion":"",//当前版本,可以为null
    "requestVersion":"", //请求更新版本,为null或者空字符则为最新版本
})";

// [J3] 拉取固件更新回复, topic .../firmware/pull/reply
inline constexpr std::string_view doc_pull_reply = R"({
    "timestamp":1601196762389, //毫秒时间戳
    "messageId":"请求的ID",
    "url":"固件文件下载地址",
    "version":"版本号",
    "parameters":{},//其他参数
    "sign":"文件签名值",
    "signMethod":"签名方式",
    "firmwareId":"固件ID",
    "size":100000//文件大小,字节
})";

// [J3] 上报固件版本, topic .../firmware/report
inline constexpr std::string_view doc_report = R"({
    "timestamp":1601196762389, //毫秒时间戳
    "version":"版本号"
})";

// [J3] 获取固件版本, topic .../firmware/read
inline constexpr std::string_view doc_read = R"({
    "timestamp":1601196762389, //毫秒时间戳
    "messageId":"消息ID"
})";

// [J3] 获取固件版本回复, topic .../firmware/read/reply
inline constexpr std::string_view doc_read_reply = R"({
    "timestamp":1601196762389, //毫秒时间戳
    "messageId":"读取指令中的消息ID",
    "version":""//版本号
})";

// [J6] platform-level pull: the `"timestampe"` typo, a string "timestamp".
inline constexpr std::string_view doc_platform_pull = "{\n"
    "\t\"headers\":{\n"
    "\t\t\"force\":false, //是否强制拉取更新. 为true时强制拉取固件更新信息\n"
    "\t\t\"latest\":false //是否拉取最新的固件,false为从头开始拉取\n"
    "\t},\n"
    "    \"deviceId\":\"设备ID\",\n"
    "    \"timestampe\":\"毫秒时间戳\",\n"
    "    \"messageId\":\"消息ID\",\n"
    "    \"requestVersion\":\"请求更新的版本\"//可留空\n"
    "}";

// [J6] platform-level progress: the failure text as "message" instead of "errorReason".
inline constexpr std::string_view doc_platform_progress = "{\n"
    "\t\"success\": true, //是否成功\n"
    "    \"message\":\"失败时传的消息\",\n"
    "\t\"progress\": 10, //更新进度: 0-100\n"
    "\t\"complete\": false,//是否完成,如果只是上报进度,则设置为false,完成更新则设置为true\n"
    "\t\"deviceId\": \"设备ID\",\n"
    "\t\"version\": \"1.0\", //更新的版本号(必填)\n"
    "\t\"timestamp\": 1589277369268\n"
    "}";

/// The documentation's examples are commented pseudo-JSON: drops `//` comments outside strings
/// and a comma left before `}` or `]`. Test helper only — the decoders accept strict JSON.
inline std::string strip_doc_comments(std::string_view doc) {
  std::string out;
  bool in_string = false;
  for (std::size_t i = 0; i < doc.size(); ++i) {
    const char c = doc[i];
    if (in_string) {
      out += c;
      if (c == '\\' && i + 1 < doc.size()) out += doc[++i];
      else if (c == '"') in_string = false;
      continue;
    }
    if (c == '"') in_string = true;
    if (c == '/' && i + 1 < doc.size() && doc[i + 1] == '/') {
      while (i < doc.size() && doc[i] != '\n') ++i;
      out += '\n';
      continue;
    }
    if (c == '}' || c == ']') {
      auto end = out.find_last_not_of(" \t\r\n");
      if (end != std::string::npos && out[end] == ',') out.erase(end, 1);
    }
    out += c;
  }
  return out;
}

}  // namespace otawire::test::jetlinks

#endif
