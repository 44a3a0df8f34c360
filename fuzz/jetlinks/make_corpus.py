#!/usr/bin/env python3
"""Writes the seed corpora of the JetLinks fuzz targets from the spec's examples (§C.4, comments
stripped as tests/jetlinks/doc_examples.hpp does) and from platform-shaped messages (§C.5);
fuzz_jetlinks_fast (fast path vs generic walk) also gets the edge cases its fast path declines.
Run from the repository root: fuzz/jetlinks/make_corpus.py"""
import os, re

TYPES = ["read", "read/reply", "report", "pull", "pull/reply", "upgrade", "upgrade/reply", "upgrade/progress"]

def strip(doc):
    out, in_str, i = [], False, 0
    while i < len(doc):
        c = doc[i]
        if in_str:
            out.append(c)
            if c == '\\':
                i += 1; out.append(doc[i])
            elif c == '"':
                in_str = False
        elif c == '/' and doc[i:i+2] == '//':
            while i < len(doc) and doc[i] != '\n': i += 1
            out.append('\n')
        else:
            if c == '"': in_str = True
            if c in '}]':
                s = ''.join(out).rstrip()
                if s.endswith(','): out = list(s[:-1])
            out.append(c)
        i += 1
    return ''.join(out)

spec = open('../shared/spec/json-messages.md', encoding='utf-8').read() if os.path.exists('../shared/spec/json-messages.md') else ''
examples = {
  'upgrade': '{\n    "timestamp":1601196762389, //毫秒时间戳\n    "url":"固件文件下载地址",\n    "version":"版本号",\n    "parameters":{},//其他参数\n    "sign":"文件签名值",\n    "signMethod":"签名方式",\n    "firmwareId":"固件ID",\n    "size":100000//文件大小,字节\n}',
  'upgrade/progress': '{\n    "timestamp":1601196762389, //毫秒时间戳\n    "progress":50,//进度,0-100\n    "complete":false, //是否完成更新\n    "version":"升级的版本号",\n    "success":true,//是否更新成功,complete为true时有效\n    "errorReason":"失败原因",\n    "firmwareId":"固件ID"\n}',
  'pull': '{\n    "timestamp":1601196762389, //毫秒时间戳\n    "messageId":"消息ID",//回复的时候会回复相同的ID\n    "currentVersion":"",//当前版本,可以为null\n    "requestVersion":"", //请求更新版本,为null或者空字符则为最新版本\n}',
  'pull/reply': '{\n    "timestamp":1601196762389, //毫秒时间戳\n    "messageId":"请求的ID",\n    "url":"固件文件下载地址",\n    "version":"版本号",\n    "parameters":{},//其他参数\n    "sign":"文件签名值",\n    "signMethod":"签名方式",\n    "firmwareId":"固件ID",\n    "size":100000//文件大小,字节\n}',
  'report': '{\n    "timestamp":1601196762389, //毫秒时间戳\n    "version":"版本号"\n}',
  'read': '{\n    "timestamp":1601196762389, //毫秒时间戳\n    "messageId":"消息ID"\n}',
  'read/reply': '{\n    "timestamp":1601196762389, //毫秒时间戳\n    "messageId":"读取指令中的消息ID",\n    "version":""//版本号\n}',
}
platform = [
  ('pull', '{"headers":{"force":false,"latest":false},"deviceId":"设备ID","timestampe":"毫秒时间戳","messageId":"消息ID","requestVersion":"请求更新的版本"}'),
  ('upgrade/progress', '{"success": true, "message":"失败时传的消息", "progress": 10, "complete": false, "deviceId": "设备ID", "version": "1.0", "timestamp": 1589277369268}'),
  ('upgrade', '{"headers":{"async":true},"messageId":"1790000000000000001","deviceId":"dev-1","timestamp":1601196762389,"url":"http://fw.example/v2.bin","version":"2.0","parameters":{"reboot":true,"slots":[1,2]},"sign":"d41d8cd98f00b204e9800998ecf8427e","signMethod":"md5","firmwareId":"fw-2","size":524288,"messageType":"UPGRADE_FIRMWARE"}'),
  ('upgrade/reply', '{"messageId":"1790000000000000001","success":true,"timestamp":1601196762400}'),
  ('pull/reply', '{"success":false,"code":"not_found","message":"无固件更新","messageId":"m-7","size":0}'),
  ('upgrade/progress', '{"progress":"100","complete":true,"success":true,"version":"2.0","firmwareId":"fw-2","timestamp":"1601196762999"}'),
  ('upgrade/progress', '{"success":false,"errorReason":"flash write failed","version":"2.0","firmwareId":"fw-2"}'),
  ('report', '{"version":"2.0","properties":{"chip":"esp32","bootloader":"1.1"},"messageType":"report_firmware"}'),
  ('read/reply', '{"messageId":"r-1","version":null,"success":false,"code":"error","message":"busy"}'),
]
os.makedirs('fuzz/corpus/fuzz_jetlinks_decode', exist_ok=True)
os.makedirs('fuzz/corpus/fuzz_jetlinks_differential', exist_ok=True)
os.makedirs('fuzz/corpus/fuzz_jetlinks_fast', exist_ok=True)
n = 0
def emit_fast(suffix, payload, name):
    with open(f'fuzz/corpus/fuzz_jetlinks_fast/{name}', 'wb') as f:
        f.write(bytes([TYPES.index(suffix)]) + payload.encode())
def emit(suffix, payload, child=False):
    global n
    n += 1
    topic = ('/prod/gw-1/child/dev-3/firmware/' if child else '/prod/dev-1/firmware/') + suffix
    with open(f'fuzz/corpus/fuzz_jetlinks_decode/seed-{n:02d}', 'wb') as f:
        f.write((topic + '\n' + payload).encode())
    with open(f'fuzz/corpus/fuzz_jetlinks_differential/seed-{n:02d}', 'wb') as f:
        f.write(bytes([TYPES.index(suffix)]) + payload.encode())
    emit_fast(suffix, payload, f'seed-{n:02d}')
for suffix, doc in examples.items():
    if spec: assert doc in spec, suffix
    emit(suffix, strip(doc))
for i, (suffix, payload) in enumerate(platform):
    emit(suffix, payload, child=(i % 3 == 0))
# Edge cases for the fast path: each is declined (or taken) and must agree with the generic walk.
TEST_URL = 'http://baidu.com/1.mp3'  # [J2] protocol test; the doc's url is a placeholder
edges = [
  ('upgrade', 'doc-upgrade-test-url', strip(examples['upgrade']).replace('固件文件下载地址', TEST_URL)),
  ('pull/reply', 'doc-pull-reply-test-url', strip(examples['pull/reply']).replace('固件文件下载地址', TEST_URL)),
  ('report', 'escaped-known-key', '{"ver\\u0073ion":"1.0"}'),
  ('report', 'escaped-unknown-key', '{"version":"1.0","x\\u0041":1}'),
  ('read', 'failed-then-last-wins', '{"messageId":5,"messageId":"m"}'),
  ('upgrade', 'no-url', '{"version":"2"}'),
  ('upgrade', 'bad-md5-sign', '{"url":"http://x/y","version":"2","sign":"00","signMethod":"md5"}'),
  ('pull/reply', 'sha256-upper', '{"messageId":"p","url":"https://x/1.bin","version":"1.1","sign":"2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae","signMethod":"SHA256","size":"262144"}'),
  ('upgrade/progress', 'no-version', '{"progress":10}'),
  ('upgrade/progress', 'beyond-int32', '{"progress":2147483648,"version":"1"}'),
  ('upgrade/progress', 'nulls', '{"timestamp":"1601196763000","progress":"10","complete":null,"version":"2.0","success":null,"errorReason":null,"firmwareId":"fw"}'),
  ('upgrade/reply', 'no-message-id', '{"success":true}'),
  ('read', 'fraction', '{"timestamp":1.5}'),
  ('read', 'bad-numeric-string', '{"timestamp":"12x"}'),
  ('read/reply', 'wrong-type', '{"messageId":"m","success":"true"}'),
  ('read', 'headers-array', '{"headers":[1]}'),
  ('read', 'trailing-text', '{"messageId":"m"} x'),
  ('read', 'malformed-unknown', '{"messageId":"m","x":[1,}}'),
  ('read', 'root-array', '[1,2]'),
  ('upgrade', 'escaped-url', '{"url":"http://x/a\\u002fb.bin","version":"2","parameters":null,"headers":{"async":true},"thingType":"device"}'),
]
for suffix, name, payload in edges:
    emit_fast(suffix, payload, name)
print(n, "seeds,", len(edges), "fast-path edge cases")
