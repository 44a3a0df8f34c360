// otawire::tencent — the byte-exact writer behind `encode` (codec.hpp). It writes the SDKs'
// printf templates directly (no DOM), escaping strings exactly as Boost.JSON's serializer does so
// that `encode(m)` and `serialize(value_from(m))` give the same bytes.
#ifndef OTAWIRE_TENCENT_DETAIL_ENCODE_HPP
#define OTAWIRE_TENCENT_DETAIL_ENCODE_HPP

#include <otawire/result.hpp>
#include <otawire/tencent/messages.hpp>

#include <array>
#include <charconv>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace otawire::tencent {

/// Which sender's bytes to reproduce.
enum class style : std::uint8_t {
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

class writer {
 public:
  explicit writer(std::string& out) noexcept : out_(out) {}

  void raw(std::string_view s) { out_.append(s); }

  /// A JSON string literal, escaped like boost::json::serialize.
  void string(std::string_view s) {
    out_.push_back('"');
    std::size_t run = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
      const auto c = static_cast<unsigned char>(s[i]);
      if (c >= 0x20 && c != '"' && c != '\\') continue;
      out_.append(s.substr(run, i - run));
      run = i + 1;
      switch (c) {
        case '"': out_.append("\\\""); break;
        case '\\': out_.append("\\\\"); break;
        case '\b': out_.append("\\b"); break;
        case '\t': out_.append("\\t"); break;
        case '\n': out_.append("\\n"); break;
        case '\f': out_.append("\\f"); break;
        case '\r': out_.append("\\r"); break;
        default: {
          constexpr std::string_view hex = "0123456789abcdef";
          out_.append("\\u00");
          out_.push_back(hex[c >> 4]);
          out_.push_back(hex[c & 0xF]);
        }
      }
    }
    out_.append(s.substr(run));
    out_.push_back('"');
  }

  void integer(std::int64_t v) {
    std::array<char, 24> buf{};
    const auto r = std::to_chars(buf.data(), buf.data() + buf.size(), v);
    out_.append(buf.data(), static_cast<std::size_t>(r.ptr - buf.data()));
  }

  /// `prefix` (`,"key":`) and the value, when there is one.
  void optional(std::string_view prefix, const std::optional<std::string_view>& v) {
    if (!v) return;
    raw(prefix);
    string(*v);
  }
  void optional(std::string_view prefix, const std::optional<std::int64_t>& v) {
    if (!v) return;
    raw(prefix);
    integer(*v);
  }

  /// An integer written as a JSON string (`"percent":"31"`), as every SDK does.
  void quoted_integer(std::int64_t v) {
    out_.push_back('"');
    integer(v);
    out_.push_back('"');
  }

 private:
  std::string& out_;
};

inline result<void> write(writer& w, const report_version& m, style s) {
  if (s == style::c_sdk_v3) {
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

inline result<void> write(writer& w, const report_version_rsp& m, style) {
  w.raw(R"({"result_code":)");
  w.integer(m.result_code);
  w.optional(R"(,"result_msg":)", m.result_msg);
  w.raw(R"(,"type":"report_version_rsp")");
  w.optional(R"(,"version":)", m.version);
  w.optional(R"(,"fw_type":)", m.fw_type);
  w.raw("}");
  return ok();
}

inline result<void> write(writer& w, const update_firmware& m, style) {
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

inline result<void> write(writer& w, const report_progress& m, style s) {
  const bool downloading = m.state == progress_state::downloading;
  if (s == style::c_sdk_v3) {
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
