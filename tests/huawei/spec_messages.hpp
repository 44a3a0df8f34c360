// The messages of spec section A (shared/spec/huawei-alibaba-json.md), extracted verbatim by a script.
#ifndef OTAWIRE_TESTS_HUAWEI_SPEC_MESSAGES_HPP
#define OTAWIRE_TESTS_HUAWEI_SPEC_MESSAGES_HPP

#include <string_view>

namespace otawire::test::huawei::spec {

inline constexpr std::string_view doc_version_query = R"HW({
    "object_device_id": "{object_device_id}",
    "services": [
        {
            "service_id": "$ota",
            "event_type": "version_query",
            "event_time": "20151212T121212Z",
            "paras": {
                "task_id": "65d31bf2581ed33a42a58d76",
                "sub_device_count": 2,
                "task_ext_info": {
                    "device_type": "DDC"
                }
            }
        }
    ]
})HW";
inline constexpr std::string_view capture_version_query = R"HW({"object_device_id":"DN100_00000000","services":[{"event_type":"version_query","service_id":"$ota","event_time":"20250710T024800Z","paras":null}]})HW";
inline constexpr std::string_view doc_version_report = R"HW({ 
    "object_device_id": "{object_device_id}", 
    "services": [{ 
        "service_id": "$ota", 
        "event_type": "version_report", 
        "event_time": "20151212T121212Z", 
        "paras": { 
            "sw_version": "v1.0", 
            "fw_version": "v1.0" 
        } 
    }] 
} )HW";
inline constexpr std::string_view at_version_report = R"HW(AT+MQTTPUB=0,"$oc/devices/DN100_00000000/sys/events/up","{\"services\":[{\"service_id\":\"$ota\"\,\"event_type\":\"version_report\"\,\"paras\":{\"fw_version\":\"1.0\"}}]}",0,0)HW";
inline constexpr std::string_view doc_firmware_upgrade = R"HW({
    "object_device_id": "{object_device_id}",
    "services": [
        {
            "service_id": "$ota",
            "event_type": "firmware_upgrade",
            "event_time": "20151212T121212Z",
            "paras": {
                "version": "v1.2",
                "url": "https://100.93.28.202:8943/iodm/dev/v2.0/upgradefile/applications/******/devices/******/packages/******",
                "file_size": 81362928,
                "file_name": "upgrade.bin",
                "access_token": "595124473f866b033dfa1f",
                "expires": 86400,
                "sign": "595124473f866b033dfa1f7e831c8c99a12f6143f392dfa996a819010842c99d",
                "custom_info": "This upgrade package adds some new features.",
                "task_id": "65d31bf2581ed33a42a58d76",
                "sub_device_count": 2,
                "task_ext_info": {
                    "device_type": "DDC"
                }
            }
        }
    ]
})HW";
inline constexpr std::string_view capture_firmware_upgrade_2025 = R"HW({"object_device_id":"68590ece7d33413cbac6c7c5_11111","services":[{"event_type":"firmware_upgrade","service_id":"$ota","event_time":"20250710T055429Z","paras":{"version":"2.0","url":"https://124.70.218.131:8943/iodm/dev/v2.0/upgradefile/applications/928f555068774817aa8010a996b21207/devices/68590ece7d33413cbac6c7c5_11111/packages/685b7386bd1c7a5b088e9498","file_size":30720,"file_name":"Newsensorboard.bin","access_token":"d2e880432ab35e18c4f8629663ce54f7f08e7b2e16efe03bf39ea5081f39b478","expires":86400,"sign":"71cfa4cfb93fce5c9677086ff7f5f2d786cfd2c6f27d4636978e1b9a8b2b12f5"}}]})HW";
inline constexpr std::string_view capture_firmware_upgrade_2022 = R"HW({"object_device_id":"aithinker_F4CFA25BB155","services":[{"event_type":"firmware_upgrade","service_id":"$ota","event_time":"20220404T080450Z","paras":{"version":"v1.5","url":"https://121.36.42.100:8943/iodm/dev/v2.0/upgradefile/applications/2917ef9003854f769d69026380e92ae7/devices/aithinker_F4CFA25BB155/packages/e2bf30511f0b9f65f17e4c54","file_size":884768,"access_token":"1e766a203ee2b15a567833eb0697a900ff502780eb84c69df9fdbc4d0294145a","expires":86400,"sign":"52683c81688b7d5501713d6f0f0d99ec9ea9a5514aaa4594db079bcfb6d86b26"}}]})HW";
inline constexpr std::string_view doc_progress_report = R"HW({
    "object_device_id": "{object_device_id}",
    "services": [{
        "service_id": "$ota",
        "event_type": "upgrade_progress_report",
        "event_time": "20151212T121212Z",
        "paras": {
            "result_code": 0,
            "progress": 80,
            "version": "V2.0",
            "description": "upgrade processing"
        }
    }]
})HW";
inline constexpr std::string_view at_progress_report = R"HW(AT+MQTTPUB=0,"$oc/devices/68590ece7d33413cbac6c7c5_11111/sys/events/up","{\"services\":[{\"service_id\":\"$ota\"\,\"event_type\":\"upgrade_progress_report\"\,\"paras\":{\"result_code\":0\,\"version\":\"2.0\"}}]}",0,0)HW";
inline constexpr std::string_view c_sdk_progress_template = R"HW({
	"services":	[{
			"service_id":	"$ota",
			"event_type":	"upgrade_progress_report",
			"paras":	{
				"result_code":	0,
				"progress":	100,
				"version":	"v2.0",
				"description":	"success"
			}
		}]
})HW";
inline constexpr std::string_view python_progress_template = R"HW({"object_device_id": "dev1", "services": [{"service_id": "$ota", "event_type": "upgrade_progress_report", "event_time": "2024-07-26T11:42:52Z", "event_id": null, "paras": {"result_code": 0, "version": "v1.1", "progress": 100, "description": "upgrade success"}}]})HW";

}  // namespace otawire::test::huawei::spec

#endif
