// The fast path's own cases (alibaba/detail/fast.hpp), beyond the spec's examples: what it takes
// itself (variations of the usual message) and what it must decline for the generic walk to
// decide. Shared by fast_path_test.cpp and by corpus_test.cpp, which keeps them in
// fuzz/corpus/fuzz_alibaba_fast/ (one byte for the topic kind, then the payload).
#ifndef OTAWIRE_TESTS_ALIBABA_FAST_CASES_HPP
#define OTAWIRE_TESTS_ALIBABA_FAST_CASES_HPP

#include "alibaba/spec_examples.hpp"

#include <array>

namespace otawire::test::alibaba {

// Written by hand from the rules of decode.hpp (every value here is one the spec's notes allow or
// refuse, §0 and §B.2); `spec_example` only for its fields (name, topic kind, payload).

/// Taken by the fast path, decoded as the generic walk decodes them.
inline constexpr std::array<spec_example, 19> fast_taken{{
    // Unknown keys at every level, validated and skipped (`method` is unknown to inform).
    {"unknown_keys", topic_kind::inform, R"({"x":[1,{"a":null}],"id":7,"params":{"y":true,"version":"1.0.0","z":{"b":[]},"module":"MCU"},"method":"thing.ota.firmware.get"})"},
    // Keys of other message types, whatever their values, are unknown here: skipped.
    {"foreign_keys", topic_kind::inform, R"({"id":1,"params":{"version":"1"},"data":5,"code":"x","step":[]})"},
    // A repeated `params` replaces the whole earlier one (the module goes with it).
    {"duplicate_params", topic_kind::inform, R"({"id":1,"params":{"version":"1","module":"A"},"params":{"version":"2"}})"},
    // The last `id` wins, its form with it.
    {"duplicate_id", topic_kind::progress, R"({"id":1,"params":{"step":"5"},"id":"2"})"},
    // `step` unquoted, an escaped `desc`.
    {"progress_numbers", topic_kind::progress, R"({"id":"5","params":{"step":50,"desc":"x\u00e9\n","module":"MCU"}})"},
    // The bounds of `step` (-4 ... 100).
    {"step_min", topic_kind::progress, R"({"id":0,"params":{"step":"-4"}})"},
    {"step_max", topic_kind::progress, R"({"id":0,"params":{"step":100,"step":"100"}})"},
    // Escaped values (not keys) are read as the generic walk reads them.
    {"escaped_values", topic_kind::upgrade, R"({"code":"1000","data":{"size":1,"version":"1.0\u002e1","url":"http://x.example/f?a=\u0031"},"id":"9","message":"succ\u0065ss"})"},
    // `signMethod` after the sign it qualifies, in lower case; `code` and `isDiff` the other way round.
    {"upgrade_sha256", topic_kind::upgrade, R"({"code":1000,"data":{"size":1,"version":"1","url":"http://x.example/f","sign":"93230c3bde425a9d7984a594ac55ea1e93230c3bde425a9d7984a594ac55ea1e","signMethod":"sha256","isDiff":"0"},"id":9})"},
    // A multi-file package (Link SDK [A8]): no `url`, a URL per file.
    {"upgrade_files", topic_kind::upgrade, R"({"code":"1000","data":{"size":10,"version":"2","signMethod":"Md5","files":[{"fileName":"a.bin","fileSize":4,"fileUrl":"https://x.example/a","fileSign":"93230c3bde425a9d7984a594ac55ea1e"},{"fileName":"b.bin","fileSize":6,"fileUrl":"https://x.example/b","fileSign":"93230C3BDE425A9D7984A594AC55EA1E","extra":1}]},"id":1})"},
    // A repeated `data` replaces the whole earlier package.
    {"upgrade_duplicate_data", topic_kind::upgrade, R"({"id":1,"data":{"size":1,"version":"1","url":"http://a.example/b","module":"M"},"data":{"size":2,"version":"2","url":"http://c.example/d"}})"},
    // MQTT stream download: no URL needed, no `code`.
    {"upgrade_mqtt_minimal", topic_kind::upgrade, R"({"id":1,"data":{"size":0,"version":"v","dProtocol":"mqtt","streamId":0,"streamFileId":1}})"},
    // The pull request's `params` null, or absent.
    {"get_null_params", topic_kind::firmware_get, R"({"id":1,"params":null})"},
    {"get_no_params", topic_kind::firmware_get, R"({"id":"2","version":"1.0"})"},
    // The pull reply without a package: `data` null, absent, or `{}` after a package.
    {"reply_null_data", topic_kind::firmware_get_reply, R"({"id":1,"code":"200","data":null,"message":"no"})"},
    {"reply_no_data", topic_kind::firmware_get_reply, R"({"id":1,"code":-404})"},
    {"reply_data_then_empty", topic_kind::firmware_get_reply, R"({"id":1,"code":200,"data":{"size":1,"version":"1","url":"http://a.example/b"},"data":{}})"},
    // The legacy request topic carrying a package is a push [A6].
    {"request_push", topic_kind::request, R"({"id":3,"code":"1000","data":{"size":1,"version":"1","url":"http://a.example/b"},"message":"success"})"},
    {"request_params_and_data", topic_kind::request, R"({"id":3,"params":{"version":"1"},"data":{"size":1,"version":"1","dProtocol":"mqtt","streamId":1,"streamFileId":2}})"},
}};

/// Declined by the fast path; the generic walk then decides (accepts a few: the comments say why).
inline constexpr std::array<spec_example, 51> fast_declined{{
    // An escaped key, which may spell a known one, at every level.
    {"escaped_root_key", topic_kind::inform, R"({"i\u0064":1,"params":{"version":"1"}})"},
    {"escaped_params_key", topic_kind::inform, R"({"id":1,"params":{"ver\u0073ion":"1"}})"},
    {"escaped_data_key", topic_kind::upgrade, R"({"id":1,"data":{"si\u007ae":1,"version":"1","url":"http://a.example/b"}})"},
    {"escaped_unknown_key", topic_kind::progress, R"({"id":1,"params":{"step":"1"},"\u0078":1})"},
    // `id`: negative, not a number, a fraction, absent.
    {"id_negative", topic_kind::inform, R"({"id":-1,"params":{"version":"1"}})"},
    {"id_quoted_negative", topic_kind::inform, R"({"id":"-1","params":{"version":"1"}})"},
    {"id_text", topic_kind::inform, R"({"id":"abc","params":{"version":"1"}})"},
    {"id_fraction", topic_kind::inform, R"({"id":1.5,"params":{"version":"1"}})"},
    {"id_missing", topic_kind::inform, R"({"params":{"version":"1"}})"},
    // A failed first occurrence that a later one replaces: the generic walk accepts it.
    {"id_bad_then_good", topic_kind::inform, R"({"id":-1,"id":1,"params":{"version":"1"}})"},
    // `version`: 1-64 characters (§B.2.1, [A10]).
    {"version_empty", topic_kind::inform, R"({"id":1,"params":{"version":""}})"},
    {"version_65", topic_kind::inform, R"({"id":1,"params":{"version":"11111111111111111111111111111111111111111111111111111111111111111"}})"},
    {"version_number", topic_kind::inform, R"({"id":1,"params":{"version":1}})"},
    {"params_missing", topic_kind::inform, R"({"id":1})"},
    {"params_array", topic_kind::inform, R"({"id":1,"params":[]})"},
    {"params_null", topic_kind::progress, R"({"id":1,"params":null})"},
    // `step` outside -4 ... 100, not an integer, absent.
    {"step_101", topic_kind::progress, R"({"id":1,"params":{"step":"101"}})"},
    {"step_minus_5", topic_kind::progress, R"({"id":1,"params":{"step":-5}})"},
    {"step_text", topic_kind::progress, R"({"id":1,"params":{"step":"5x"}})"},
    {"step_fraction", topic_kind::progress, R"({"id":1,"params":{"step":5.0}})"},
    {"step_missing", topic_kind::progress, R"({"id":1,"params":{"desc":"x"}})"},
    {"desc_number", topic_kind::progress, R"({"id":1,"params":{"step":1,"desc":1}})"},
    // The package's field rules (json/fields.hpp) and required keys.
    {"ftp_url", topic_kind::upgrade, R"({"id":1,"data":{"size":1,"version":"1","url":"ftp://a.example/b"}})"},
    {"sign_31", topic_kind::upgrade, R"({"id":1,"data":{"size":1,"version":"1","url":"http://a.example/b","sign":"93230c3bde425a9d7984a594ac55ea1"}})"},
    {"sign_method_sha1", topic_kind::upgrade, R"({"id":1,"data":{"size":1,"version":"1","url":"http://a.example/b","signMethod":"sha1"}})"},
    {"sign_method_mismatch", topic_kind::upgrade, R"({"id":1,"data":{"size":1,"version":"1","url":"http://a.example/b","sign":"93230c3bde425a9d7984a594ac55ea1e","signMethod":"SHA256"}})"},
    {"file_sign_mismatch", topic_kind::upgrade, R"({"id":1,"data":{"size":1,"version":"1","signMethod":"SHA256","files":[{"fileUrl":"http://a.example/b","fileSign":"93230c3bde425a9d7984a594ac55ea1e"}]}})"},
    {"md5_short", topic_kind::upgrade, R"({"id":1,"data":{"size":1,"version":"1","url":"http://a.example/b","md5":"abc"}})"},
    {"is_diff_2", topic_kind::upgrade, R"({"id":1,"data":{"size":1,"version":"1","url":"http://a.example/b","isDiff":2}})"},
    {"size_negative", topic_kind::upgrade, R"({"id":1,"data":{"size":-1,"version":"1","url":"http://a.example/b"}})"},
    {"size_quoted", topic_kind::upgrade, R"({"id":1,"data":{"size":"1","version":"1","url":"http://a.example/b"}})"},
    {"url_missing", topic_kind::upgrade, R"({"id":1,"data":{"size":1,"version":"1"}})"},
    {"stream_id_missing", topic_kind::upgrade, R"({"id":1,"data":{"size":1,"version":"1","dProtocol":"mqtt","streamFileId":1}})"},
    {"ext_data_array", topic_kind::upgrade, R"({"id":1,"data":{"size":1,"version":"1","url":"http://a.example/b","extData":[]}})"},
    {"files_21", topic_kind::upgrade, R"({"id":1,"data":{"size":1,"version":"1","url":"http://a.example/b","files":[{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{}]}})"},
    {"files_element_number", topic_kind::upgrade, R"({"id":1,"data":{"size":1,"version":"1","url":"http://a.example/b","files":[1]}})"},
    {"file_url_ftp", topic_kind::upgrade, R"({"id":1,"data":{"size":1,"version":"1","files":[{"fileUrl":"ftp://a.example/b"}]}})"},
    {"push_code_text", topic_kind::upgrade, R"({"id":1,"code":"abc","data":{"size":1,"version":"1","url":"http://a.example/b"}})"},
    {"data_missing", topic_kind::upgrade, R"({"id":1,"code":"1000"})"},
    {"data_empty", topic_kind::upgrade, R"({"id":1,"data":{}})"},
    {"reply_code_missing", topic_kind::firmware_get_reply, R"({"id":1,"data":{}})"},
    {"reply_data_array", topic_kind::firmware_get_reply, R"({"id":1,"code":200,"data":[]})"},
    {"reply_unknown_only", topic_kind::firmware_get_reply, R"({"id":1,"code":200,"data":{"x":1}})"},
    {"get_method_wrong", topic_kind::firmware_get, R"({"id":1,"method":"thing.ota.firmware.put"})"},
    {"get_params_array", topic_kind::firmware_get, R"({"id":1,"params":[]})"},
    {"request_empty", topic_kind::request, R"({"id":1})"},
    // Malformed JSON, trailing text, too deep, not an object.
    {"malformed_unknown_value", topic_kind::inform, R"({"id":1,"x":tru,"params":{"version":"1"}})"},
    {"trailing_text", topic_kind::inform, R"({"id":1,"params":{"version":"1"}} x)"},
    {"unclosed", topic_kind::inform, R"({"id":1,"params":{"version":"1"})"},
    {"too_deep", topic_kind::inform, R"({"id":1,"params":{"version":"1"},"x":[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]})"},
    {"root_array", topic_kind::inform, R"([{"id":1,"params":{"version":"1"}}])"},
}};

}  // namespace otawire::test::alibaba

#endif
