// otawire Alibaba Link OTA: the message types (spec huawei-alibaba-json.md §B).
//
// Lifetimes: every `std::string_view` and `json::raw_json` in these types is a view. After a
// fast-path decode (`alibaba::decode(parser, ...)`) it points into the parser's buffers and lives
// until that parser decodes the next message; after a DOM decode (`decode_dom`, `value_to`) it
// points into the caller's `boost::json::value`. Copy what must outlive the input.
#ifndef OTAWIRE_ALIBABA_MESSAGES_HPP
#define OTAWIRE_ALIBABA_MESSAGES_HPP

#include <otawire/json/common.hpp>
#include <otawire/json/dom.hpp>

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string_view>
#include <type_traits>
#include <variant>

namespace otawire::alibaba {

/// The module a message without `module` belongs to: "omit it for the default module" [A1][A2].
inline constexpr std::string_view default_module = "default";

/// Longest `version` accepted: CreateOTAFirmware allows 1–64 characters [A10] (iotkit limits the
/// device side to 32, which fits).
inline constexpr std::size_t max_version_length = 64;

/// Most `data.files[]` elements accepted: the Link SDK's `OTA_ARRAY_MAX` [A8].
inline constexpr std::size_t max_files = 20;

///@{
/// `step` bounds: -4 (burn failed) … 100, the union of the docs and both SDKs (§B.2.3).
inline constexpr std::int32_t min_step = -4;
inline constexpr std::int32_t max_step = 100;
///@}

/// The pull request's `method` when sent (docs form, §B.2.4).
inline constexpr std::string_view firmware_get_method = "thing.ota.firmware.get";

/// Message `id`: the docs send a numeric string ("123"), the SDKs an unquoted integer (§B.2.1).
/// Both decode; `quoted` remembers the form so that encoding sends what was received.
struct message_id {
  /// The id's value; replies echo it.
  std::int64_t value = 0;
  /// Whether it was sent as a string (`"123"`), so that the encoder sends it back the same way.
  bool quoted = false;
  [[nodiscard]] friend constexpr bool operator==(const message_id&, const message_id&) = default;
};

/// `signMethod`. Decoded case-insensitively (docs send "MD5", "Md5", "SHA256"); encoded as "Md5"
/// and "SHA256", the spellings every SDK accepts (§B.2.2).
enum class digest_algorithm : std::uint8_t { md5, sha256 };

/// Digest size in bytes.
[[nodiscard]] constexpr std::size_t digest_size(digest_algorithm a) noexcept {
  return a == digest_algorithm::md5 ? 16 : 32;
}

/// The `signMethod` text this library sends.
[[nodiscard]] constexpr std::string_view to_sign_method(digest_algorithm a) noexcept {
  return a == digest_algorithm::md5 ? "Md5" : "SHA256";
}

/// Parses `signMethod`, ignoring case; empty for anything else (no SDK can verify it).
[[nodiscard]] constexpr std::optional<digest_algorithm> parse_sign_method(std::string_view s) noexcept {
  const auto iequals = [](std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
      char c = a[i];
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      if (c != b[i]) return false;
    }
    return true;
  };
  if (iequals(s, "md5")) return digest_algorithm::md5;
  if (iequals(s, "sha256")) return digest_algorithm::sha256;
  return std::nullopt;
}

/// One element of `data.files[]` (multi-file package). The key names are confirmed from the Link
/// SDK [A8]; which are required is unknown (§C.5), so each is optional here.
struct package_file {
  std::optional<std::string_view> name;  ///< `fileName`: the file's name within the package
  std::optional<std::uint64_t> size;     ///< `fileSize`: bytes
  std::optional<std::string_view> url;   ///< `fileUrl`: where to download this file
  std::optional<std::string_view> sign;  ///< `fileSign`: hex digest of the file, by `data.signMethod`
  [[nodiscard]] friend constexpr bool operator==(const package_file&, const package_file&) = default;
};

/// Room for `files[]` (read them through package::files()). Files past `package::file_count`
/// are never read, and never initialised: zeroing or even default-constructing twenty files
/// (1.7 KiB; g++ turns their flag stores into one memset) cost more than decoding a whole
/// upgrade push.
class package_file_storage {
 public:
  package_file_storage() noexcept {}  // NOLINT: leaves the union below uninitialised on purpose

  /// Writes file `i` (`i < max_files`).
  void set(std::size_t i, const package_file& f) noexcept { std::construct_at(&files_[i], f); }
  /// File `i` (`i < package::file_count`; read them through `package::files()`).
  [[nodiscard]] const package_file& operator[](std::size_t i) const noexcept { return files_[i]; }
  /// The first file (valid up to `package::file_count`).
  [[nodiscard]] const package_file* data() const noexcept { return files_; }

 private:
  static_assert(std::is_trivially_copyable_v<package_file> && std::is_trivially_destructible_v<package_file>,
                "copying the storage copies its bytes");
  union {
    package_file files_[max_files];
  };
};

/// The `data` of an upgrade push and of a pull reply (§B.2.2, §B.2.4): one firmware package.
struct package {
  // User-provided, so that building a package never zeroes its file storage (value-initialising
  // a class with an implicit constructor zeroes the whole object first). The members keep
  // their initialisers below.
  package() noexcept {}  // NOLINT(modernize-use-equals-default): `= default` would zero it

  std::uint64_t size = 0;                       ///< size (required; bytes, at most INT64_MAX)
  std::string_view version;                     ///< version (required, 1–64 chars)
  std::optional<std::string_view> url;          ///< url (required unless dProtocol "mqtt" or files[])
  std::optional<std::string_view> md5;          ///< md5 (hex; iotkit v3 verifies only this one)
  std::optional<std::string_view> sign;         ///< sign (hex digest by signMethod)
  std::optional<digest_algorithm> sign_method;  ///< `signMethod`: which hash `sign` and the files' signs hold
  std::optional<std::string_view> digestsign;   ///< digestsign (semantics unknown, kept)
  bool is_diff = false;                         ///< isDiff: 1 = diff package
  std::optional<std::string_view> module;       ///< module (absent = "default")
  json::raw_json ext_data;                      ///< extData object as sent (empty when absent)
  std::optional<std::string_view> download_protocol;  ///< dProtocol ("mqtt" = MQTT stream)
  std::optional<std::int64_t> stream_id;              ///< streamId (dProtocol "mqtt")
  std::optional<std::int64_t> stream_file_id;         ///< streamFileId (dProtocol "mqtt")
  package_file_storage file_storage;  ///< files[] (see files())
  /// How many of `file_storage` are set.
  std::uint8_t file_count = 0;
  bool has_files = false;  ///< `files` was present (possibly empty)

  /// The `files[]` of a multi-file package, in order.
  [[nodiscard]] std::span<const package_file> files() const noexcept { return {file_storage.data(), file_count}; }
  /// `module`, or "default" when absent: the session key next to the device.
  [[nodiscard]] std::string_view module_name() const noexcept { return module.value_or(default_module); }
  /// Whether the package comes over the MQTT stream (`dProtocol` "mqtt") rather than a URL.
  [[nodiscard]] bool mqtt_download() const noexcept { return download_protocol == std::string_view("mqtt"); }
};

/// Version report `/ota/device/inform/${pk}/${dn}` (device → cloud, §B.2.1).
struct inform {
  /// The message id (the platform's reply echoes it).
  message_id id;
  /// The version the device runs.
  std::string_view version;
  /// The module reported (absent: the default module).
  std::optional<std::string_view> module;
  /// `module`, or "default" when absent.
  [[nodiscard]] std::string_view module_name() const noexcept { return module.value_or(default_module); }
  [[nodiscard]] friend constexpr bool operator==(const inform&, const inform&) = default;
};

/// Upgrade push `/ota/device/upgrade/${pk}/${dn}` (cloud → device, §B.2.2). `code` is always
/// "1000" and is not stored.
struct upgrade {
  // Constructors rather than an aggregate: a message variant value-initialises what it
  // emplaces, which for an aggregate holding a package means zeroing 2 KiB per message.
  upgrade() noexcept {}  // NOLINT(modernize-use-equals-default): `= default` would zero it
  /// A push of `d` with id `i`; `m` is the optional `message` text.
  upgrade(message_id i, const package& d, std::optional<std::string_view> m = std::nullopt) noexcept
      : id(i), data(d), message(m) {}

  /// The message id.
  message_id id;
  /// The package to download.
  package data;
  /// Free text ("success" in every source).
  std::optional<std::string_view> message;  // "success" in every source
  /// The package's module, or "default".
  [[nodiscard]] std::string_view module_name() const noexcept { return data.module_name(); }
};

/// `params.step` failure values (§B.4).
enum class step_failure : std::int8_t {
  upgrade_failed = -1,
  download_failed = -2,
  verify_failed = -3,
  burn_failed = -4,
};

/// Progress `/ota/device/progress/${pk}/${dn}` (device → cloud, §B.2.3).
struct progress {
  /// The message id.
  message_id id;
  std::int32_t step = 0;  ///< 0–100 percent, or -1…-4 (step_failure)
  /// Free text; the failure reason when `step` is negative.
  std::optional<std::string_view> desc;
  /// The module (absent: the default module).
  std::optional<std::string_view> module;
  /// A failure report (negative step): the attempt is over.
  [[nodiscard]] bool failed() const noexcept { return step < 0; }
  /// `module`, or "default" when absent.
  [[nodiscard]] std::string_view module_name() const noexcept { return module.value_or(default_module); }
  [[nodiscard]] friend constexpr bool operator==(const progress&, const progress&) = default;
};

/// Pull request `/sys/${pk}/${dn}/thing/ota/firmware/get` (device → cloud, §B.2.4). The docs send
/// `version` ("1.0", the Alink protocol version) and `method`; the Link SDK sends neither.
struct firmware_get {
  /// The message id (the reply echoes it).
  message_id id;
  /// The Alink protocol version ("1.0") the docs send; the Link SDK sends none.
  std::optional<std::string_view> version;
  /// The module the device asks for (absent: the default module).
  std::optional<std::string_view> module;
  bool has_method = false;  ///< `method` was sent (it can only be "thing.ota.firmware.get")
  /// `module`, or "default" when absent.
  [[nodiscard]] std::string_view module_name() const noexcept { return module.value_or(default_module); }
  [[nodiscard]] friend constexpr bool operator==(const firmware_get&, const firmware_get&) = default;
};

/// Pull reply `/sys/${pk}/${dn}/thing/ota/firmware/get_reply` (cloud → device, §B.2.4).
/// `data` empty (`{}`, `null` or absent) means no package is waiting.
struct firmware_get_reply {
  // Constructors rather than an aggregate, as for `upgrade`.
  firmware_get_reply() noexcept {}  // NOLINT(modernize-use-equals-default): `= default` would zero it
  /// A reply with id `i`, `code` `c`, package `d` (or none) and optional `message` text `m`.
  firmware_get_reply(message_id i, std::int64_t c, const std::optional<package>& d,
                     std::optional<std::string_view> m = std::nullopt) noexcept
      : id(i), code(c), data(d), message(m) {}

  /// The request's id.
  message_id id;
  std::int64_t code = 200;  ///< an integer here, where the push sends the string "1000"
  /// The waiting package; empty when there is none.
  std::optional<package> data;
  /// Free text.
  std::optional<std::string_view> message;
  /// Whether a package is waiting (code 200 and `data` present).
  [[nodiscard]] bool has_package() const noexcept { return code == 200 && data.has_value(); }
};

/// Legacy request `/ota/device/request/${pk}/${dn}` (device → cloud, §B.1 [A11]): iotkit sends
/// the version report's body here to ask whether an upgrade is waiting.
struct version_request {
  /// The message id.
  message_id id;
  /// The version the device runs.
  std::string_view version;
  /// The module (absent: the default module).
  std::optional<std::string_view> module;
  /// `module`, or "default" when absent.
  [[nodiscard]] std::string_view module_name() const noexcept { return module.value_or(default_module); }
  [[nodiscard]] friend constexpr bool operator==(const version_request&, const version_request&) = default;
};

/// Any Alibaba OTA message; which one is decided by the topic. An `upgrade` may also arrive on the
/// legacy request topic (iotkit treats a payload there that carries a package as a push [A6]).
using message = std::variant<inform, upgrade, progress, firmware_get, firmware_get_reply, version_request>;

/// snake_case name of the message type.
[[nodiscard]] constexpr std::string_view type_name(const message& m) noexcept {
  constexpr std::array<std::string_view, 6> names{"inform", "upgrade", "progress", "firmware_get", "firmware_get_reply",
                                                  "version_request"};
  return names[m.index()];
}

/// Equality of packages (ext_data compared as JSON, whichever decoder produced it).
[[nodiscard]] inline bool operator==(const package& a, const package& b) {
  const bool same_ext = a.ext_data.empty() == b.ext_data.empty() &&
                        (a.ext_data.empty() || json::equivalent(a.ext_data, b.ext_data));
  return a.size == b.size && a.version == b.version && a.url == b.url && a.md5 == b.md5 && a.sign == b.sign &&
         a.sign_method == b.sign_method && a.digestsign == b.digestsign && a.is_diff == b.is_diff &&
         a.module == b.module && same_ext && a.download_protocol == b.download_protocol &&
         a.stream_id == b.stream_id && a.stream_file_id == b.stream_file_id && a.has_files == b.has_files &&
         std::equal(a.files().begin(), a.files().end(), b.files().begin(), b.files().end());
}
///@{
/// Equal when every field is (raw `extData` by content, only the files `file_count` covers).
[[nodiscard]] inline bool operator==(const upgrade& a, const upgrade& b) {
  return a.id == b.id && a.message == b.message && a.data == b.data;
}
[[nodiscard]] inline bool operator==(const firmware_get_reply& a, const firmware_get_reply& b) {
  return a.id == b.id && a.code == b.code && a.message == b.message && a.data == b.data;
}
///@}

}  // namespace otawire::alibaba

#endif
