#!/usr/bin/env python3
"""Regenerates spec_examples.hpp (the CTWing examples, byte for byte) from the spec and the seed doc.
Usage: tests/ctwing/gen_examples.py <spec json-messages.md> <seed 002_5fbcb87d9eecfdc7.txt>"""
import os
import re
import sys

spec_path = sys.argv[1] if len(sys.argv) > 1 else '/work/shared/spec/json-messages.md'
seed_path = sys.argv[2] if len(sys.argv) > 2 else '/work/shared/seeds/002_5fbcb87d9eecfdc7.txt'
spec = open(spec_path, encoding='utf-8').read()
b = spec[spec.index('## B. China Telecom'):spec.index('## C. JetLinks')]
blocks = re.findall(r'```text\n(.*?)```', b, re.S)
seed = open(seed_path, encoding='utf-8').read()


def block_after(s, start):
    i = s.index(start)
    a = s.index('{', i)
    e = s.index('\n}\n', a) + 2  # the examples end with a lone "}" line
    return s[a:e]


prog = block_after(seed, 'ⅳ.')
newv = block_after(seed, 'ⅵ.')
assert '"taskId": 1' in prog and '"version": "1.0.2"' in newv


def lit(name, text, comment):
    assert ')json"' not in text
    return f'// {comment}\ninline constexpr std::string_view {name} = R"json({text})json";\n\n'


out = '''// The CTWing example messages of spec json-messages.md §B and of the original doc (seed
// 002_5fbcb87d9eecfdc7.txt, CTWing 设备管理 → MQTT FOTA), byte for byte. Generated from those files by
// tests/ctwing/gen_examples.py; do not edit by hand.
#ifndef OTAWIRE_TESTS_CTWING_SPEC_EXAMPLES_HPP
#define OTAWIRE_TESTS_CTWING_SPEC_EXAMPLES_HPP

#include <string_view>

namespace otawire::test::ctwing::examples {

'''
out += lit('doc_inform', blocks[0], '§B.2 version report, doc example verbatim [C1] (// comments: not JSON as published).')
out += lit('doc_upgrade', blocks[1], '§B.2 upgrade notification, doc example verbatim [C1]: // comments AND no comma after "token": "token".')
out += lit('doc_download_url', blocks[2].strip(), '§B.3 assembled download URL, doc sample [C1].')
out += lit('doc_progress', prog, 'Seed doc §iv/§v progress example verbatim (U+00A0 indentation and // comments, as published).')
out += lit('doc_new_version_inform', newv, 'Seed doc §vi post-upgrade version report verbatim (U+00A0 indentation and // comments).')
out += lit('c2_inform', '{"taskId":-1,"params":{"version":"…","module":"…"}}', '§B.2 [C2] cJSON output of the version report (inferred exact bytes).')
out += lit('c2_progress', '{"taskId":147589,"params":{"step":50,"module":"MCU","desc":"…"}}', '§B.2 [C2] cJSON output of a progress report (inferred exact bytes).')
out += lit('alibaba_progress', '{"id":1,"params":{"step":"1","desc":" xxxxxxxx "}}', '§B.2/[C3] Alibaba\'s progress (string step, "id" instead of "taskId"), from the doc mirror.')
out += '}  // namespace otawire::test::ctwing::examples\n\n#endif\n'
here = os.path.dirname(os.path.abspath(__file__))
open(os.path.join(here, 'spec_examples.hpp'), 'w', encoding='utf-8').write(out)
