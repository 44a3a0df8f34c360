#!/usr/bin/env python3
"""Writes the seed corpora of the LwM2M fuzz targets from the spec's corrected examples and the
peers' vectors (shared/spec/lwm2m.md §4). Run from the repository root: fuzz/lwm2m/make_corpus.py"""
import os

S1 = ("C800144F70656E204D6F62696C6520416C6C69616E6365C801164C69676874776569676874204D324D20436C69656E"
      "74C80209333435303030313233C303312E30860641000141010588070842000ED842011388870841007D42010384C1"
      "0964C10A0F830B410000C40D5182428FC60E2B30323A3030C11055")
READ_5_0 = ("C8011C636F61703A2F2F66772E6578616D706C652E636F6D2F76322E62696EC10301C10500C70661636D652D6677C5"
            "07322E302E318608410000410101C10902C10B01C40C6553F100C20D0E10C10E01")
TLV = {
    "s1_device": S1,
    "s2_device_instance": "080079" + S1,
    "s3_acl": "08000EC10001C101008302417F07C1037F080212C10003C101008702417F0761013601C1037F",
    "s4_server": "08000FC10001C40100015180C10601C10755",
    "s5_objlnk": "88000C440000420000440100420001C8010D38363133383030373535353030C40212345678",
    "s6_two_instances": "080026C8000B6D79536572766963652031C8010F496E7465726E65742E31352E323334C40200430000"
                        "080126C8000B6D79536572766963652032C8010F496E7465726E65742E31352E323335C402FFFFFFFF",
    "s7_bare_instances": "410001410105",
    "s8_wrapped": "8606410001410105",
    "wakaama_parse": "28020311C337010203C842090405060708090A0B0C",
    "wakaama_instances": "030AC10114030BC10115030CC10116",
    "anjay_multi": "88010A412A45640202000AA289C10204",
    "anjay_empty": "00010002",
    "leshan_broken": "0011223344556677889900",
    "non_minimal": "C80101AACF0201BBE8000301CC",
    "duplicate": "C1000AC1000B",
    "max_id": "23FFFFC1010A",
    "instance_in_instance": "05000301C1000A",
    "read_5_0": READ_5_0,
    "read_5": "080050" + READ_5_0,
}


def write(target, name, data):
    d = os.path.join("fuzz", "corpus", target)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)


for name, hexstr in TLV.items():
    write("fuzz_lwm2m_tlv", name, bytes.fromhex(hexstr))

# fuzz_lwm2m_object5: selector byte = version | kind<<2 | format<<3 | path<<5 (see fuzz_object5.cpp).
def sel(version, write_req, fmt, which, rid=0):
    return bytes([version | (write_req << 2) | (fmt << 3) | (which << 5), rid])

o5 = {
    "read_5": sel(2, 0, 0, 0) + bytes.fromhex("080050" + READ_5_0),
    "read_5_0": sel(2, 0, 0, 1) + bytes.fromhex(READ_5_0),
    "read_5_0_v10": sel(0, 0, 0, 1) + bytes.fromhex(READ_5_0),
    "state": sel(1, 0, 0, 2, 3) + bytes.fromhex("C10302"),
    "uri_reset": sel(2, 1, 0, 2, 1) + bytes.fromhex("C001"),
    "package_reset": sel(2, 1, 3, 2, 0) + b"\x00",
    "protocols": sel(2, 0, 0, 7, 0) + bytes.fromhex("410001"),
    "protocols_bare": sel(2, 0, 0, 2, 8) + bytes.fromhex("410001410105"),
    "text_state": sel(2, 0, 2, 3, 3) + b"3",
    "text_defer": sel(1, 0, 2, 3, 13) + b"86400",
    "write_partial": sel(1, 1, 0, 1) + bytes.fromhex("C10B02C20D0E10"),
}
for name, data in o5.items():
    write("fuzz_lwm2m_object5", name, data)

# fuzz_lwm2m_session: selector then (event, reason) pairs.
sessions = {
    "pull_v10": bytes([0, 1, 0, 8, 0, 5, 0, 11, 0]),
    "push_v11": bytes([1, 0, 0, 8, 0, 5, 0, 12, 0]),
    "cancel_v12": bytes([2, 0, 0, 7, 0]),
    "fail_v11_lenient": bytes([5, 0, 0, 9, 5, 1, 0, 8, 0, 5, 0, 13, 0]),
    "defer_v12": bytes([2, 1, 0, 8, 0, 6, 0, 10, 0, 11, 0]),
}
for name, data in sessions.items():
    write("fuzz_lwm2m_session", name, data)
