// The CTWing example messages of spec json-messages.md §B and of the original doc (seed
// 002_5fbcb87d9eecfdc7.txt, CTWing 设备管理 → MQTT FOTA), byte for byte. Generated from those files by
// tests/ctwing/gen_examples.py; do not edit by hand.
#ifndef OTAWIRE_TESTS_CTWING_SPEC_EXAMPLES_HPP
#define OTAWIRE_TESTS_CTWING_SPEC_EXAMPLES_HPP

#include <string_view>

namespace otawire::test::ctwing::examples {

// §B.2 version report, doc example verbatim [C1] (// comments: not JSON as published).
inline constexpr std::string_view doc_inform = R"json({

"taskId":-1,//当前无升级任务情况

  "params": {

    "version": "1.0.1", //设备固件的版本信息

    "module": "MCU" //固件所属的模块名(预留字段)

  }

}
)json";

// §B.2 upgrade notification, doc example verbatim [C1]: // comments AND no comma after "token": "token".
inline constexpr std::string_view doc_upgrade = R"json({

"taskId": 1,

"payload": {

                            "size": 432945, //固件大小,单位:字节

                            "version": "2.0.0", //固件版本

                            "url": "https://dmfile.ctwing.cn/file/upgrade/32128a6e8c3e15aea1c7/147589", //固件下载地址

                            "md5": "93230c3bde425a9d7984a594ac55ea1e", //当签名方法为Md5时,md5值。


                            "token": "token" //认证信息

                            "module": "MCU" //固件所属的模块名(预留字段)

                   }

}
)json";

// §B.3 assembled download URL, doc sample [C1].
inline constexpr std::string_view doc_download_url = R"json(https://dmfile.ctwing.cn/file/upgrade?fileId=32128a6e8c3e15aea1c7&taskId=147589&deviceId=device10001&accessToken=token)json";

// Seed doc §iv/§v progress example verbatim (U+00A0 indentation and // comments, as published).
inline constexpr std::string_view doc_progress = R"json({

  "taskId": 1, //子任务ID

  "params": {

"step": -1, //固件升级进度信息

    "desc": "固件升级失败,请求不到固件信息。",

    "module": "MCU" //固件所属的模块名(预留字段)

  }

})json";

// Seed doc §vi post-upgrade version report verbatim (U+00A0 indentation and // comments).
inline constexpr std::string_view doc_new_version_inform = R"json({

"taskId": 1, //子任务ID

  "params": {

    "version": "1.0.2", //设备固件的版本信息

    "module": "MCU" //固件所属的模块名(预留字段)

  }

})json";

// §B.2 [C2] cJSON output of the version report (inferred exact bytes).
inline constexpr std::string_view c2_inform = R"json({"taskId":-1,"params":{"version":"…","module":"…"}})json";

// §B.2 [C2] cJSON output of a progress report (inferred exact bytes).
inline constexpr std::string_view c2_progress = R"json({"taskId":147589,"params":{"step":50,"module":"MCU","desc":"…"}})json";

// §B.2/[C3] Alibaba's progress (string step, "id" instead of "taskId"), from the doc mirror.
inline constexpr std::string_view alibaba_progress = R"json({"id":1,"params":{"step":"1","desc":" xxxxxxxx "}})json";

}  // namespace otawire::test::ctwing::examples

#endif
