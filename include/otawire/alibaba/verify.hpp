// otawire Alibaba Link OTA: checking a downloaded package against the push's `sign`/`md5`
// (spec huawei-alibaba-json.md §B.3). The device computes the digest with its own crypto; these
// helpers say which digest to compute and compare it with what the platform sent.
//
// Rules (and why):
// - `sign` is the hex digest of the whole file by `signMethod` [A2][A10]. When `sign` is sent,
//   `signMethod` must be too (the Link SDK requires both [A7][A8]), and `sign` must be 32 (MD5)
//   or 64 (SHA256) hex digits, either case (the Link SDK decodes hex, so case does not matter).
// - When `md5` is sent as well it must match too (with Md5 both carry the same digest [A2]).
// - Without `sign`, `md5` alone is checked as MD5: the oldest doc sends only `md5` [A3] and iotkit
//   v3 verifies nothing else [A6].
// - With neither, verification FAILS (`missing_field`). An SDK check that passes when the
//   digest is missing (the Huawei C SDK's, §A.5) is exactly what this refuses to reproduce.
// - Hex is compared case-insensitively; iotkit v3's lowercase-only strcmp (§B.3) is an SDK bug.
#ifndef OTAWIRE_ALIBABA_VERIFY_HPP
#define OTAWIRE_ALIBABA_VERIFY_HPP

#include <otawire/alibaba/messages.hpp>
#include <otawire/hex.hpp>

#include <array>
#include <cstddef>
#include <span>
#include <string_view>

namespace otawire::alibaba {

/// A digest the device computed over the downloaded file.
struct computed_digest {
  digest_algorithm algorithm = digest_algorithm::md5;  ///< Which hash the device ran.
  std::span<const std::byte> bytes;  ///< The raw digest (16 bytes for MD5, 32 for SHA-256).
};

namespace detail {
/// Compares a hex digest text with raw bytes; `where` names the field.
[[nodiscard]] constexpr result<void> compare_hex_digest(std::string_view hex, digest_algorithm algorithm,
                                                        std::span<const std::byte> digest,
                                                        text_id where) noexcept {
  if (hex.size() != 2 * digest_size(algorithm)) return fail(errc::bad_length, where, 0);
  if (digest.size() != digest_size(algorithm)) return fail(errc::bad_length, "digest", 0);
  std::array<std::byte, 32> expected{};
  auto decoded = from_hex(hex, std::span<std::byte>(expected.data(), digest_size(algorithm)));
  if (!decoded) return fail(errc::bad_string, where, decoded.error().offset());
  for (std::size_t i = 0; i < digest.size(); ++i) {
    if (expected[i] != digest[i]) return fail(errc::bad_checksum, where, 0);
  }
  return ok();
}
}  // namespace detail

/// Which digest the device must compute to verify `p`. Errors: `missing_field` "data.sign" when
/// the package carries neither `sign` nor `md5`; `missing_field` "data.signMethod" when `sign`
/// comes without its method.
[[nodiscard]] constexpr result<digest_algorithm> required_digest(const package& p) noexcept {
  if (p.sign) {
    if (!p.sign_method) return fail(errc::missing_field, "data.signMethod", 0);
    return *p.sign_method;
  }
  if (p.md5) return digest_algorithm::md5;
  return fail(errc::missing_field, "data.sign", 0);
}

/// Verifies a downloaded package. Errors: those of `required_digest`; `invalid_value` "digest"
/// when `d` was computed with another algorithm; `bad_length`/`bad_string` when the hex is not a
/// digest of that algorithm; `bad_checksum` at "data.sign" or "data.md5" when it does not match.
[[nodiscard]] constexpr result<void> verify_package(const package& p, const computed_digest& d) noexcept {
  auto algorithm = required_digest(p);
  if (!algorithm) return algorithm.error();
  if (*algorithm != d.algorithm) return fail(errc::invalid_value, "digest", 0);
  if (p.sign) {
    if (auto r = detail::compare_hex_digest(*p.sign, *algorithm, d.bytes, "data.sign"); !r) return r;
  }
  if (p.md5 && d.algorithm == digest_algorithm::md5) {
    if (auto r = detail::compare_hex_digest(*p.md5, digest_algorithm::md5, d.bytes, "data.md5"); !r) return r;
  }
  return ok();
}

/// Verifies one file of a multi-file package against its `fileSign` (by the package's
/// `signMethod`). A file without `fileSign`, or a package without `signMethod`, fails.
[[nodiscard]] constexpr result<void> verify_file(const package& p, const package_file& f,
                                                 const computed_digest& d) noexcept {
  if (!f.sign) return fail(errc::missing_field, "data.files[].fileSign", 0);
  if (!p.sign_method) return fail(errc::missing_field, "data.signMethod", 0);
  if (*p.sign_method != d.algorithm) return fail(errc::invalid_value, "digest", 0);
  return detail::compare_hex_digest(*f.sign, d.algorithm, d.bytes, "data.files[].fileSign");
}

}  // namespace otawire::alibaba

#endif
