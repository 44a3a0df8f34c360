// otawire — text fingerprints: a 64-bit stand-in for a text that a session only compares.
//
// A 64-bit fingerprint of a text (a version, an md5sum, a module name) for
// a session that only needs to know whether a later text is the same one. It compares with
// text directly (`fp == "1.0.0"`); two different texts compare equal only if their 64-bit
// fingerprints collide (about 2^-64 for a given pair: a collision can only let a wrong text pass
// as the remembered one). It keeps no copy, so it cannot show the text back or order versions.
//
// The binary codecs' platform sessions use it too (PCP's `platform_session`), so it needs nothing
// but <cstdint> and <string_view>: device builds include it.
#ifndef OTAWIRE_FINGERPRINT_HPP
#define OTAWIRE_FINGERPRINT_HPP

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace otawire {

namespace detail {
/// 64-bit FNV-1a step over one byte.
[[nodiscard]] constexpr std::uint64_t fnv1a_byte(std::uint64_t h, unsigned char c) noexcept {
  return (h ^ c) * 0x100000001b3ULL;
}
inline constexpr std::uint64_t fnv1a_basis = 0xcbf29ce484222325ULL;

/// A 64-bit finaliser (MurmurHash3's fmix64 constants): spreads every input bit over the output,
/// so masking the low bits of the result is a fair table index.
[[nodiscard]] constexpr std::uint64_t mix64(std::uint64_t h) noexcept {
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdULL;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ULL;
  h ^= h >> 33;
  return h;
}
}  // namespace detail

/// A 64-bit fingerprint of a text, for session state that only asks "is it the same text?".
class text_fingerprint {
 public:
  /// The fingerprint of the empty text.
  constexpr text_fingerprint() noexcept : value_(of_text(std::string_view{})) {}

  /// The fingerprint of `text`, byte for byte (case matters).
  [[nodiscard]] static constexpr text_fingerprint of(std::string_view text) noexcept {
    text_fingerprint f;
    f.value_ = of_text(text);
    return f;
  }
  /// The fingerprint of `text` with ASCII letters folded to lower case (hex digests compare so).
  [[nodiscard]] static constexpr text_fingerprint of_lowercase(std::string_view text) noexcept {
    std::uint64_t h = detail::fnv1a_basis;
    for (const char c : text) {
      h = detail::fnv1a_byte(h, static_cast<unsigned char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c));
    }
    text_fingerprint f;
    f.value_ = finish(h, text.size());
    return f;
  }

  /// The 64 bits, to store or pack elsewhere (`from_value` restores the fingerprint).
  [[nodiscard]] constexpr std::uint64_t value() const noexcept { return value_; }
  /// A fingerprint kept as its `value()`.
  [[nodiscard]] static constexpr text_fingerprint from_value(std::uint64_t value) noexcept {
    text_fingerprint f;
    f.value_ = value;
    return f;
  }

  friend constexpr bool operator==(const text_fingerprint&, const text_fingerprint&) noexcept = default;
  /// Whether `text` is (up to a 64-bit collision) the text this fingerprint was taken of.
  friend constexpr bool operator==(const text_fingerprint& f, std::string_view text) noexcept {
    return f == of(text);
  }

 private:
  [[nodiscard]] static constexpr std::uint64_t of_text(std::string_view text) noexcept {
    std::uint64_t h = detail::fnv1a_basis;
    for (const char c : text) h = detail::fnv1a_byte(h, static_cast<unsigned char>(c));
    return finish(h, text.size());
  }
  [[nodiscard]] static constexpr std::uint64_t finish(std::uint64_t h, std::size_t size) noexcept {
    return detail::mix64(h ^ (static_cast<std::uint64_t>(size) * 0x9e3779b97f4a7c15ULL));
  }

  std::uint64_t value_;
};

}  // namespace otawire

#endif
