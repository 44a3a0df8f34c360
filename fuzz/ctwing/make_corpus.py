#!/usr/bin/env python3
"""Writes the CTWing seed corpora (fuzz/corpus/fuzz_ctwing_{decode,differential}/) from the spec's
examples (tests/ctwing/spec_examples.hpp) and a few messages in the forms the senders use.
Each file is "<topic>\\n<json>"; a file without a topic line is tried on every topic."""
import os
import re

root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
examples = open(os.path.join(root, 'tests/ctwing/spec_examples.hpp'), encoding='utf-8').read()
lit = dict(re.findall(r'std::string_view (\w+) = R"json\((.*?)\)json";', examples, re.S))


def strip_comments(s):
    out, in_string, i = [], False, 0
    while i < len(s):
        c = s[i]
        if in_string:
            out.append(c)
            if c == '\\' and i + 1 < len(s):
                out.append(s[i + 1]); i += 1
            elif c == '"':
                in_string = False
        elif c == '"':
            in_string = True; out.append(c)
        elif s.startswith('//', i):
            while i + 1 < len(s) and s[i + 1] != '\n':
                i += 1
        else:
            out.append(c)
        i += 1
    return ''.join(out)


clean = lambda s: strip_comments(s).replace('\u00a0', ' ')
upgrade_fixed = clean(lit['doc_upgrade']).replace('"token": "token"', '"token": "token",')
seeds = {
    'doc-inform': ('/ota/inform', lit['doc_inform']),
    'doc-inform-clean': ('/ota/inform', clean(lit['doc_inform'])),
    'doc-upgrade': ('/ota/upgrade', lit['doc_upgrade']),
    'doc-upgrade-missing-comma': ('/ota/upgrade', clean(lit['doc_upgrade'])),
    'doc-upgrade-fixed': ('ota/upgrade', upgrade_fixed),
    'doc-progress': ('/ota/progress', lit['doc_progress']),
    'doc-progress-clean': ('/ota/progress', clean(lit['doc_progress'])),
    'doc-new-version': ('/ota/inform', clean(lit['doc_new_version_inform'])),
    'c2-inform': ('/ota/inform', lit['c2_inform']),
    'c2-progress': ('/ota/progress', lit['c2_progress']),
    'alibaba-progress': ('/ota/progress', lit['alibaba_progress']),
    'string-step': ('/ota/progress', '{"taskId":7,"params":{"step":"-2","desc":"download failed"}}'),
    'reordered-upgrade': ('/ota/upgrade', '{"payload":{"module":"MCU","token":"a+b=","md5":"93230C3BDE425A9D7984A594AC55EA1E",'
                          '"url":"https://dmfile.ctwing.cn/file/upgrade?fileId=f&taskId=9","version":"3.1","size":0,'
                          '"extra":[1,{"x":null}]},"taskId":9}'),
    'duplicate-keys': ('/ota/progress', '{"taskId":1,"params":{"step":0},"params":{"step":9,"desc":"\\u5347"}}'),
    'no-topic': (None, '{"taskId":-1,"params":{"version":"1.0.1","module":"MCU"}}'),
    'download-url': (None, 'https://dmfile.ctwing.cn/file/upgrade?fileId=32128a6e8c3e15aea1c7&taskId=147589'
                           '&deviceId=device10001&accessToken=token'),
}
for target in ('fuzz_ctwing_decode', 'fuzz_ctwing_differential'):
    d = os.path.join(root, 'fuzz/corpus', target)
    os.makedirs(d, exist_ok=True)
    for name, (topic, body) in seeds.items():
        data = (topic + '\n' + body) if topic else body
        with open(os.path.join(d, name), 'wb') as f:
            f.write(data.encode('utf-8'))
