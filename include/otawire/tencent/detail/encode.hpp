// otawire::tencent — the byte-exact writes behind `encode` (codec.hpp). They write the SDKs'
// printf templates directly (no DOM) through `json::writer`, which escapes strings exactly as
// Boost.JSON's serializer does, so that `encode(m)` and `serialize(value_from(m))` give the same
// bytes.
#ifndef OTAWIRE_TENCENT_DETAIL_ENCODE_HPP
#define OTAWIRE_TENCENT_DETAIL_ENCODE_HPP

#include <otawire/json/writer.hpp>
#include <otawire/result.hpp>
#include <otawire/tencent/messages.hpp>

#include <cstdint>

namespace otawire::tencent {

/// Which sender's bytes to reproduce.
enum class profile : std::uint8_t {
  /// No spaces: the C SDK v4 templates for device messages (`{"type":"report_version",…`), and the
  /// cloud's observed form for cloud messages (keys in alphabetical order, 2025 keys appended in
  /// the 2025 doc's order). The default, and the form `value_from` produces.
  compact,
  /// The C SDK v3 `printf` templates with their irregular spaces (`{"type": "report_version",
  /// "report":{…`). Device messages only (the cloud is not an SDK: cloud messages are written
  /// compact). `unsupported` for fields no v3-era template carries (progress `fw_type`/`task_id`).
  c_sdk_v3,
};

namespace detail {

template <class Sink>
result<void> write(json::writer<Sink>& w, const report_version& m, profile s) {
  if (s == profile::c_sdk_v3) {
    // ota_lib.c; the 2022-24 Explorer SDK's fw_type variant appends `, "fw_type":"%s"`.
    w.raw(R"({"type": "report_version", "report":{"version":)");
    w.string(m.version);
    w.optional(R"(, "fw_type":)", m.fw_type);
    w.raw("}}");
    return ok();
  }
  w.raw(R"({"type":"report_version","report":{"version":)");
  w.string(m.version);
  w.optional(R"(,"fw_type":)", m.fw_type);
  w.raw("}}");
  return ok();
}

template <class Sink>
result<void> write(json::writer<Sink>& w, const report_version_rsp& m, profile) {
  w.raw(R"({"result_code":)");
  w.integer(m.result_code);
  w.optional(R"(,"result_msg":)", m.result_msg);
  w.raw(R"(,"type":"report_version_rsp")");
  w.optional(R"(,"version":)", m.version);
  w.optional(R"(,"fw_type":)", m.fw_type);
  w.raw("}");
  return ok();
}

template <class Sink>
result<void> write(json::writer<Sink>& w, const update_firmware& m, profile) {
  w.raw(R"({"file_size":)");
  w.integer(m.file_size);
  w.raw(R"(,"md5sum":)");
  w.string(m.md5sum);
  w.raw(R"(,"type":"update_firmware","url":)");
  w.string(m.url);
  w.optional(R"(,"user_defined":)", m.user_defined);
  w.raw(R"(,"version":)");
  w.string(m.version);
  w.optional(R"(,"task_id":)", m.task_id);
  w.optional(R"(,"fw_type":)", m.fw_type);
  w.raw("}");
  return ok();
}

template <class Sink>
result<void> write(json::writer<Sink>& w, const report_progress& m, profile s) {
  const bool downloading = m.state == progress_state::downloading;
  if (s == profile::c_sdk_v3) {
    if (m.fw_type || m.task_id) return fail(errc::unsupported, "report.fw_type");
    // qcloud_otalib_gen_report_msg: the download and fail templates space differently from the
    // burning and done ones.
    const bool spaced = downloading || m.state == progress_state::fail;
    w.raw(spaced ? R"({"type": "report_progress", "report": {"progress": {"state":)"
                 : R"({"type": "report_progress", "report":{"progress":{"state":)");
    w.string(name(m.state));
    if (downloading) {
      w.raw(R"(, "percent":)");
      w.quoted_integer(m.percent.value_or(0));
    }
    w.raw(R"(, "result_code":)");
    w.quoted_integer(m.result_code);
    w.raw(R"(, "result_msg":)");
    w.string(m.result_msg);
    w.raw(spaced ? R"(}, "version": )" : R"(}, "version":)");
    w.string(m.version);
    w.raw("}}");
    return ok();
  }
  w.raw(R"({"type":"report_progress","report":{"progress":{"state":)");
  w.string(name(m.state));
  if (downloading) {
    w.raw(R"(,"percent":)");
    w.quoted_integer(m.percent.value_or(0));
  }
  w.raw(R"(,"result_code":)");
  w.quoted_integer(m.result_code);
  w.raw(R"(,"result_msg":)");
  w.string(m.result_msg);
  w.raw(R"(},"version":)");
  w.string(m.version);
  w.optional(R"(,"fw_type":)", m.fw_type);
  w.optional(R"(,"task_id":)", m.task_id);
  w.raw("}}");
  return ok();
}

}  // namespace detail
}  // namespace otawire::tencent

#endif
