#!/usr/bin/env python3
"""Writes the PCP fuzz seed corpora (fuzz/corpus/fuzz_pcp_*/) from the spec's test vectors.

Run from anywhere: python3 fuzz/pcp/make_corpus.py. The check code is the spec §2 hybrid
(MSB-first 0x1021 table, LSB-first update, init 0); frames are checked against the documented ones.
"""
import pathlib

ROOT = pathlib.Path(__file__).resolve().parents[1] / "corpus"

TABLE = []
for i in range(256):
    c = i << 8
    for _ in range(8):
        c = ((c << 1) ^ 0x1021) if c & 0x8000 else (c << 1)
    TABLE.append(c & 0xFFFF)


def checksum(data: bytes) -> int:
    reg = 0
    for b in data:
        reg = (reg >> 8) ^ TABLE[(reg ^ b) & 0xFF]
    return reg


def frame(code: int, data: bytes) -> bytes:
    head = bytearray([0xFF, 0xFE, 0x01, code, 0, 0, len(data) >> 8, len(data) & 0xFF])
    raw = bytes(head) + data
    c = checksum(raw)
    return raw[:4] + bytes([c >> 8, c & 0xFF]) + raw[6:]


def ver(s: str) -> bytes:
    return s.encode().ljust(16, b"\0")


assert checksum(b"123456789") == 0xB955

DOC = {  # spec §9.1 / §9.4: name -> (hex, uplink?)
    "doc01_query": ("FFFE01134C9A0000", False),
    "doc02_query_rsp": ("FFFE01138DE300110056302E39000000000000000000000000", True),
    "doc03_notify": ("FFFE011402F7001656312E3000000000000000000000000001F400011234", False),
    "doc04_request": ("FFFE01155618001256312E300000000000000000000000000000", True),
    "doc05_fragment": ("FFFE0115E107001300000048454C4C4F2C20496F5420534F544121", False),
    "doc06_execute": ("FFFE0117CF900000", False),
    "doc07_execute_rsp": ("FFFE0117B725000100", True),
    "doc08_report": ("FFFE0118C7D200110056312E30000000000000000000000000", True),
    "doc09_report_rsp": ("FFFE0118AFA1000100", False),
    "doc10_download_up": ("FFFE0116850E000100", True),
    "doc10_download_down": ("FFFE0116850E000100", False),
    "der_notify_rsp_latest": ("FFFE0114E70B000103", True),
    "der_download_check_failed": ("FFFE0116F5E9000107", True),
    "der_execute_rsp_busy": ("FFFE0117A704000101", True),
    "der_report_install_failed": ("FFFE0118EB2500110A56312E30000000000000000000000000", True),
    "blind_burst_12bit": ("FFFE01138DE3001100563AED39000000000000000000000000", True),
    "blind_two_bit": ("FFFE01138DE3001100D6302E39020000000000000000000000", True),
}
for name, (hx, _) in DOC.items():
    b = bytes.fromhex(hx)
    if not name.startswith("blind"):
        assert frame(b[3], b[8:]) == b, name

largest = frame(21, bytes([0, 0, 42]) + bytes((i * 197 + 11) & 0xFF for i in range(500)))


def write(target: str, name: str, data: bytes) -> None:
    d = ROOT / target
    d.mkdir(parents=True, exist_ok=True)
    (d / name).write_bytes(data)


for name, (hx, up) in DOC.items():
    b = bytes.fromhex(hx)
    write("fuzz_pcp_frame", name, b)
    write("fuzz_pcp_message", name, bytes([2 | (1 if up else 0)]) + b)
    # Uplink frames too: the device must reject them as the generic downlink decoder does.
    write("fuzz_pcp_downlink", name, bytes([2]) + b)
write("fuzz_pcp_frame", "largest_fragment", largest)
write("fuzz_pcp_frame", "business_json", b'{"temperature":21}')
write("fuzz_pcp_message", "largest_fragment", bytes([2]) + largest)
write("fuzz_pcp_downlink", "largest_fragment", bytes([2]) + largest)
write("fuzz_pcp_downlink", "business_json", bytes([0]) + b'{"temperature":21}')


def session(records) -> bytes:
    out = bytearray()
    for up, f in records:
        assert len(f) < 256
        out += bytes([(1 if up else 0) | 2, len(f)]) + f
    return bytes(out)


V0, V1 = ver("V0.9"), ver("V1.0")
records = [
    (False, bytes.fromhex(DOC["doc01_query"][0])),
    (True, bytes.fromhex(DOC["doc02_query_rsp"][0])),
    (False, bytes.fromhex(DOC["doc03_notify"][0])),
    (True, frame(20, b"\x00")),
    (True, bytes.fromhex(DOC["doc04_request"][0])),
    (False, bytes.fromhex(DOC["doc05_fragment"][0])),
    (True, bytes.fromhex(DOC["doc10_download_up"][0])),
    (False, bytes.fromhex(DOC["doc10_download_down"][0])),
    (False, bytes.fromhex(DOC["doc06_execute"][0])),
    (True, bytes.fromhex(DOC["doc07_execute_rsp"][0])),
    (True, bytes.fromhex(DOC["doc08_report"][0])),
    (False, bytes.fromhex(DOC["doc09_report_rsp"][0])),
]
write("fuzz_pcp_session", "doc_happy", session(records))

# A resumed download: 100-byte package in 32-byte fragments (4), interrupted after 2.
pkg = bytes(range(100))
notify = frame(20, V1 + bytes([0, 32, 0, 4, 0x12, 0x34]))


def frag(i):
    return frame(21, bytes([0, 0, i]) + pkg[i * 32:(i + 1) * 32])


resumed = [(False, frame(19, b"")), (True, frame(19, b"\x00" + V0)), (False, notify)]
for i in range(2):
    resumed += [(True, frame(21, V1 + bytes([0, i]))), (False, frag(i))]
resumed += [(False, frame(19, b"")), (True, frame(19, b"\x00" + V0)), (False, notify)]
for i in range(2, 4):
    resumed += [(True, frame(21, V1 + bytes([0, i]))), (False, frag(i))]
resumed += [(True, frame(22, b"\x00")), (False, frame(22, b"\x00")), (False, frame(23, b"")),
            (True, frame(23, b"\x00")), (True, frame(24, b"\x00" + V1)), (False, frame(24, b"\x00"))]
write("fuzz_pcp_session", "resumed", session(resumed))
write("fuzz_pcp_session", "declined", session(records[:3] + [(True, frame(20, b"\x01"))]))

for i, (lst, v) in enumerate([("V1.*;V2.?", "V1.0.10"), ("V1.0.1?", "V1.0.10"), ("*", ""),
                              ("V1.0 ; V1.1", "V1.1"), ("**?*a", "bbba"), ("", "V1")]):
    write("fuzz_pcp_wildcard", f"seed{i}", lst.encode() + b"\0" + v.encode())
FULL = """{
  "specVersion": "1.0", "fileName": "ExamplePackage_V1.0.10.xx", "packageType": "softwarePackage",
  "version": "V1.0.10", "deviceType": "WaterMeter", "manufacturerName": "Example", "model": "WM100",
  "protocolType": "CoAP", "description": "example", "versionCheckCode": "1234", "deviceShard": "500",
  "platform": "linux", "supportSourceVersionList": ["V1.0.*;V1.1.?", "V0.9"], "date": "2024-02-29"
}"""
TEMPLATE = """{ "specVersion": "", "fileName": "", "packageType": "", "version": "", "deviceType": "",
  "manufacturerName": "", "model": "", "protocolType":"", "description":"",
  "versionCheckCode":"", "deviceShard":"", "platform":"", "supportSourceVersionList":[], "date":"" }"""
write("fuzz_pcp_descriptor", "guide_example.json", FULL.encode())
write("fuzz_pcp_descriptor", "template.json", TEMPLATE.encode())
write("fuzz_pcp_descriptor", "vendor_e1.json", FULL.replace('"1234"', '"e1"').replace('"500"', '128').encode())
print("corpora written under", ROOT)
