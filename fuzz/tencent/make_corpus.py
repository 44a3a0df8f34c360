#!/usr/bin/env python3
"""Writes the Tencent fuzz seed corpora from the real messages of spec §A (run from the repo root)."""
import os

REPORT = "$ota/report/LWVUL5SZ2L/dev1"
UPDATE = "$ota/update/LWVUL5SZ2L/dev1"
SUB = "$ota/update/E69UADXUYY/subdev1"

messages = {
    "report_version_v3": (REPORT, '{"type": "report_version", "report":{"version":"1.0.0"}}'),
    "report_version_java": (REPORT, '{"report":{"version":"0.0.1"},"type":"report_version"}'),
    "report_version_2025": (REPORT, '{\n"type": "report_version",\n"report": {\n"fw_type": "mcu",\n"version": "0.1"\n}\n}'),
    "rsp": (UPDATE, '{"result_code":0,"result_msg":"success","type":"report_version_rsp","version":"1.0.0"}'),
    "rsp_python_repr": (UPDATE, "{'result_code': 0, 'result_msg': 'success', 'type': 'report_version_rsp', 'version': '0.1.0'}"),
    "rsp_2025": (UPDATE, '{\n"type": "report_version_rsp",\n"version": "2.0",\n"result_code": 0,\n"result_msg": "success",\n"fw_type": "mcu"\n}'),
    "update_v3": (UPDATE, '{"file_size":175436,"md5sum":"ad4615b866c13afb8b293a679bfa5dc4","type":"update_firmware","url":"https://ota-1255858890.cos.ap-guangzhou.myqcloud.com/","version":"1.3.0"}'),
    "update_java": (UPDATE, '{"file_size":234775,"md5sum":"f2f1b3317d4f1ef7f512bfae5050563b","type":"update_firmware","url":"https://ota-1255858890.cos.ap-guangzhou.myqcloud.com/100012619289_LWVUL5SZ2L_0.0.2?sign=q-sign-algorithm%3Dsha1%26q-ak%3DAKIDdO8ldrUa0Uts4H5Gzx6FZ9nfedjpiCd7%26q-sign-time%3D1614129643%3B1614216043%26q-key-time%3D1614129643%3B1614216043%26q-header-list%3D%26q-url-param-list%3D%26q-signature%3Df038c9e4276f8219e1522b7e42d87f99b4d073ac","version":"0.0.2"}'),
    "update_subdev": (SUB, '{"file_size":29972,"md5sum":"20a4d2b1f8492a22fa3e472a758bf9ec","type":"update_firmware","url":"https://ota-1255858890.cos.ap-guangzhou.myqcloud.com/100003908905_E69UADXUYY_V100R0001?","version":"V100R0001"}'),
    "update_user_defined": (UPDATE, '{\n    "file_size": 1501696,\n    "md5sum": "a15d5deaf37bf6698cf9a21ec672166d",\n    "type": "update_firmware",\n    "url": "http://download_url.com",\n    "user_defined": "{\\"time\\":\\"2024-05-16\\",\\"info\\":\\"ota test\\"}",\n    "version": "v1.0.1"\n}'),
    "update_2025_masked": (UPDATE, '{\n"file_size": 708482,\n"md5sum": "36eb5951179db14a63****a37a9322a2",\n"type": "update_firmware",\n"url": "https://ota-1255858890.cos.ap-guangzhou.myqcloud.com",\n"version": "0.2",\n"task_id": 123456,\n"fw_type": "mcu"\n}'),
    "progress_0": (REPORT, '{"type": "report_progress", "report": {"progress": {"state":"downloading", "percent":"0", "result_code":"0", "result_msg":""}, "version": "1.3.0"}}'),
    "progress_31": (REPORT, '{"type": "report_progress", "report": {"progress": {"state":"downloading", "percent":"31", "result_code":"0", "result_msg":""}, "version": "1.3.0"}}'),
    "progress_100": (REPORT, '{"type": "report_progress", "report": {"progress": {"state":"downloading", "percent":"100", "result_code":"0", "result_msg":""}, "version": "1.3.0"}}'),
    "progress_done_v3": (REPORT, '{"type": "report_progress", "report":{"progress":{"state":"done", "result_code":"0", "result_msg":""}, "version":"1.3.0"}}'),
    "progress_java_6": (REPORT, '{"report":{"progress":{"result_msg":"","result_code":"0","state":"downloading","percent":"6"},"version":"0.0.2"},"type":"report_progress"}'),
    "progress_java_done": (REPORT, '{"report":{"progress":{"result_msg":"OK","result_code":"0","state":"done"},"version":"0.0.2"},"type":"report_progress"}'),
    "progress_done_ok": (REPORT, '{"type":"report_progress","report":{"progress":{"state":"done","result_code":"0","result_msg":"OK"},"version":"0.0.2"}}'),
    "progress_burning_doc": (REPORT, '{\n    "type": "report_progress",\n    "report":{\n        "progress":{\n               "state":"burning",\n               "result_code":"0",\n               "result_msg":""\n        },\n        "version": "0.2"\n    }\n}'),
    "progress_fail_doc": (REPORT, '{\n\t"type": "report_progress",\n\t"report":{\n\t\t"progress":{\n       \t\t"state":"fail",\n       \t\t"result_code":"-1",\n       \t\t"result_msg":"time_out"\n\t\t},\n\t\t"version": "0.2"\n\t}\n}'),
    "progress_fail_v4": (REPORT, '{"type":"report_progress","report":{"progress":{"state":"fail","result_code":"-4","result_msg":"md5 not match"},"version":"1.3.0"}}'),
    "progress_2025": (REPORT, '{\n"type": "report_progress",\n"report": {\n"progress": {\n"state": "downloading",\n"percent": "10",\n"result_code": "0",\n"result_msg": ""\n},\n"version": "0.2",\n"fw_type": "mcu",\n"task_id": 123456\n}\n}'),
}

# Edge cases for fuzz_tencent_fast: what its fast path must decline (escaped keys, a failed check,
# a bad value under a key the type does not use, a repeated `report`, trailing text) and the
# variations it takes itself (unknown keys, duplicates, numbers for the numeric strings).
fast_edge_cases = {
    "escaped_type_key": '{"typ\\u0065":"report_version","report":{"version":"1"}}',
    "escaped_report_key": '{"type":"report_version","report":{"ver\\u0073ion":"1"}}',
    "empty_version": '{"type":"report_version","report":{"version":""}}',
    "version_33": '{"type":"report_version","report":{"version":"123456789012345678901234567890123"}}',
    "unknown_type": '{"type":"request_firmware","report":{"version":"1"}}',
    "percent_after_done": '{"type":"report_progress","report":{"progress":{"state":"done","percent":"100","result_code":"0","result_msg":""},"version":"1"}}',
    "downloading_no_percent": '{"type":"report_progress","report":{"progress":{"state":"downloading","result_code":"0","result_msg":""},"version":"1"}}',
    "fail_code_6": '{"type":"report_progress","report":{"progress":{"state":"fail","result_code":"-6","result_msg":""},"version":"1"}}',
    "repeated_report": '{"type":"report_progress","report":{"progress":{"state":"burning","result_code":"0","result_msg":""},"version":"1"},"report":{"version":"2"}}',
    "unused_bad_value": '{"type":"report_version","report":{"version":"1"},"url":5,"file_size":0}',
    "file_size_zero": '{"type":"update_firmware","file_size":0,"md5sum":"ad4615b866c13afb8b293a679bfa5dc4","url":"http://x/y","version":"1"}',
    "file_size_string": '{"type":"update_firmware","file_size":"4294967295","md5sum":"ad4615b866c13afb8b293a679bfa5dc4","url":"http://x/y","version":"1","task_id":"-7"}',
    "ftp_url": '{"type":"update_firmware","file_size":1,"md5sum":"ad4615b866c13afb8b293a679bfa5dc4","url":"ftp://x/y","version":"1"}',
    "rsp_int32_overflow": '{"type":"report_version_rsp","result_code":2147483648}',
    "unknown_keys": '{"x":[1,{"a":null}],"type":"report_progress","report":{"y":true,"progress":{"z":{"b":[]},"state":"burning","result_code":"0","result_msg":""},"version":"2"}}',
    "duplicates": '{"type":"report_version_rsp","result_code":1,"result_code":0,"type":"report_version_rsp"}',
    "numbers": '{"type":"report_progress","report":{"progress":{"state":"downloading","percent":31,"result_code":0,"result_msg":"a\\u00e9"},"version":"1"}}',
    "trailing_text": '{"type":"report_version","report":{"version":"1"}} x',
}

for target, with_topic in (("fuzz_tencent_decode", True), ("fuzz_tencent_differential", False), ("fuzz_tencent_fast", False)):
    folder = os.path.join("fuzz", "corpus", target)
    os.makedirs(folder, exist_ok=True)
    seeds = dict(messages)
    if target == "fuzz_tencent_fast":
        seeds.update({name: (REPORT, text) for name, text in fast_edge_cases.items()})
    for name, (topic, text) in seeds.items():
        data = (topic + "\n" + text) if with_topic else text
        with open(os.path.join(folder, name + ".txt"), "wb") as f:
            f.write(data.encode())
