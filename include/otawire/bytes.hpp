// otawire: bounds-checked big-endian byte reader and writer.
//
// Loads and stores are hand-written rather than Boost.Endian calls so that they work in
// constant expressions (Boost.Endian's loads are not constexpr): shifts there, one load and a
// byte swap at run time. Every read that would pass the end returns `errc::truncated` with the field
// name and the offset at which the field starts; nothing is ever read out of bounds.
#ifndef OTAWIRE_BYTES_HPP
#define OTAWIRE_BYTES_HPP

#include <otawire/result.hpp>

#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <ranges>
#include <span>
#include <string_view>
#include <type_traits>

namespace otawire {

/// Bytes to read: what the binary decoders take. A view: the caller owns the storage.
using byte_view = std::span<const std::byte>;
/// A caller-provided buffer the binary encoders write into.
using mutable_byte_view = std::span<std::byte>;

/// The bytes of a string, for decoders that take `byte_view` (no copy).
[[nodiscard]] inline byte_view as_bytes(std::string_view s) noexcept {
  return {reinterpret_cast<const std::byte*>(s.data()), s.size()};
}

/// An argument that owns its elements and dies at the end of the full expression: a
/// `std::vector<std::byte>{…}`, a `std::array` or `std::string` prvalue. Views decoded from it
/// would dangle, so every zero-copy decoder deletes the overload that takes one (as simdjson
/// does). Views (`std::span`, `std::string_view`) and lvalues are borrowed ranges and stay
/// accepted, so `decode(std::span(rx).first(n))` compiles. `T` is the deduced type of a
/// forwarding reference (`T&&`).
template <class T>
concept dangling_temporary = std::ranges::range<T> && !std::ranges::borrowed_range<T>;

namespace detail {
/// Big-endian load of `sizeof(U)` bytes (a free function: clang 14 cannot evaluate a member
/// template defined later in its class in a constant expression). At run time one load and a
/// byte swap on the host: g++ -O2 does not fold the shift loop into one (an LwM2M Objlnk cost 24
/// instructions through it). A device keeps the loop (28 bytes less in the PCP image).
template <class U>
[[nodiscard]] constexpr U load_be(const std::byte* p) noexcept {
#if !defined(OTAWIRE_DEVICE_PROFILE)
  if constexpr (sizeof(U) == 2 || sizeof(U) == 4 || sizeof(U) == 8) {
    if (!std::is_constant_evaluated()) {
      U w;
      std::memcpy(&w, p, sizeof w);
      if constexpr (std::endian::native == std::endian::little) {
        if constexpr (sizeof(U) == 2) w = static_cast<U>(__builtin_bswap16(static_cast<std::uint16_t>(w)));
        if constexpr (sizeof(U) == 4) w = static_cast<U>(__builtin_bswap32(static_cast<std::uint32_t>(w)));
        if constexpr (sizeof(U) == 8) w = static_cast<U>(__builtin_bswap64(static_cast<std::uint64_t>(w)));
      }
      return w;
    }
  }
#endif
  std::uint64_t v = 0;
  for (std::size_t i = 0; i < sizeof(U); ++i) v = (v << 8) | std::to_integer<std::uint64_t>(p[i]);
  return static_cast<U>(v);
}

/// Copies `n` (at most 16) bytes to `to` from `from`, which may overlap it: every byte is loaded
/// before any is stored, a pair of possibly overlapping words for the head and the tail.
[[gnu::always_inline]] inline void move_small(std::byte* to, const std::byte* from, std::size_t n) noexcept {
  const auto move_pair = [to, from, n]<class Word>(Word) {
    Word head;
    Word tail;
    std::memcpy(&head, from, sizeof head);
    std::memcpy(&tail, from + n - sizeof tail, sizeof tail);
    std::memcpy(to, &head, sizeof head);
    std::memcpy(to + n - sizeof tail, &tail, sizeof tail);
  };
  if (n >= 8) {
    move_pair(std::uint64_t{});
  } else if (n >= 4) {
    move_pair(std::uint32_t{});
  } else if (n >= 2) {
    move_pair(std::uint16_t{});
  } else if (n == 1) {
    to[0] = from[0];
  }
}

/// Copies `n` bytes to `to` from `from`, which may overlap it (a writer may be handed bytes that
/// lie in its own output). `memcpy` when the ranges are disjoint (the usual case); otherwise a
/// byte loop in the direction that reads each byte before overwriting it. Not `memmove`: on a
/// device it is linked next to `memcpy` (+252 bytes in the LwM2M client image). Out of line: inlined
/// after `copy_bytes`'s small-value test, g++ 12 -O3 took the test's `n > 16` for the length of
/// a 9-byte `lwm2m::scalar_bytes` and warned (-Warray-bounds) on this unreachable path.
[[gnu::noinline]] constexpr void copy_bytes_any(std::byte* to, const std::byte* from, std::size_t n) noexcept {
  if (std::is_constant_evaluated()) {
    for (std::size_t i = 0; i < n; ++i) to[i] = from[i];
    return;
  }
  if (n == 0 || to == from) return;
  const auto t = reinterpret_cast<std::uintptr_t>(to);
  const auto f = reinterpret_cast<std::uintptr_t>(from);
  if (t > f && t - f < n) {
    for (std::size_t i = n; i-- > 0;) to[i] = from[i];  // destination after the source: backward
  } else if (f > t && f - t < n) {
    for (std::size_t i = 0; i < n; ++i) to[i] = from[i];  // destination before the source: forward
  } else {
    std::memcpy(to, from, n);
  }
}

/// `copy_bytes_any`, with values of up to 16 bytes (integers, IDs, short strings: most of what
/// the encoders copy) moved inline on the host: a call, the overlap tests and memcpy cost ~3x as
/// many instructions (device_encode, issue 16). A device keeps the one out-of-line copy.
constexpr void copy_bytes(std::byte* to, const std::byte* from, std::size_t n) noexcept {
#if !defined(OTAWIRE_DEVICE_PROFILE)
  if (!std::is_constant_evaluated() && n <= 16) {
    move_small(to, from, n);
    return;
  }
#endif
  copy_bytes_any(to, from, n);
}
}  // namespace detail

/// Reads big-endian integers and byte runs from a span, front to back.
class byte_reader {
  // Defined before its callers: clang 14 cannot constant-evaluate a member template that is
  // defined later in its class.
  template <class U>
  constexpr result<U> read_be(text_id field) noexcept {
    if (remaining() < sizeof(U)) return fail(errc::truncated, field, pos_);
    const U v = detail::load_be<U>(input_.data() + pos_);
    pos_ += sizeof(U);
    return v;
  }

 public:
  /// Reads `input` from its first byte; the reader keeps a view, so `input` must outlive it.
  constexpr explicit byte_reader(byte_view input) noexcept : input_(input) {}

  /// Offset of the next unread byte from the start of the input.
  [[nodiscard]] constexpr std::size_t offset() const noexcept { return pos_; }
  /// Bytes not read yet.
  [[nodiscard]] constexpr std::size_t remaining() const noexcept { return input_.size() - pos_; }
  /// Whether every byte was read.
  [[nodiscard]] constexpr bool empty() const noexcept { return pos_ == input_.size(); }
  /// The whole input, read or not.
  [[nodiscard]] constexpr byte_view input() const noexcept { return input_; }
  /// The unread bytes (a view, no copy).
  [[nodiscard]] constexpr byte_view rest() const noexcept { return input_.subspan(pos_); }

  ///@{
  /// The next 1, 2, 3, 4 or 8 bytes as a big-endian unsigned integer; `truncated` at the
  /// offset where `field` starts when fewer remain (nothing is consumed then).
  constexpr result<std::uint8_t> u8(text_id field) noexcept {
    return read_be<std::uint8_t>(field);
  }
  constexpr result<std::uint16_t> u16(text_id field) noexcept {
    return read_be<std::uint16_t>(field);
  }
  constexpr result<std::uint32_t> u24(text_id field) noexcept {
    if (remaining() < 3) return fail(errc::truncated, field, pos_);
    std::uint32_t v = 0;
    for (int i = 0; i < 3; ++i) v = (v << 8) | std::to_integer<std::uint32_t>(input_[pos_++]);
    return v;
  }
  constexpr result<std::uint32_t> u32(text_id field) noexcept {
    return read_be<std::uint32_t>(field);
  }
  constexpr result<std::uint64_t> u64(text_id field) noexcept {
    return read_be<std::uint64_t>(field);
  }
  ///@}

  /// The next `n` bytes as a view into the input.
  constexpr result<byte_view> bytes(std::size_t n, text_id field) noexcept {
    if (remaining() < n) return fail(errc::truncated, field, pos_);
    auto out = input_.subspan(pos_, n);
    pos_ += n;
    return out;
  }

  /// Skips `n` bytes (reserved or unused fields); `truncated` when fewer remain.
  constexpr result<void> skip(std::size_t n, text_id field) noexcept {
    if (remaining() < n) return fail(errc::truncated, field, pos_);
    pos_ += n;
    return ok();
  }

  /// Fails with `errc::trailing_bytes` unless every byte was consumed.
  constexpr result<void> expect_end(text_id field) const noexcept {
    if (!empty()) return fail(errc::trailing_bytes, field, pos_);
    return ok();
  }

 private:
  byte_view input_;
  std::size_t pos_ = 0;
};

/// Writes big-endian integers and byte runs into a caller-provided span. A write that does not
/// fit writes nothing and returns `errc::buffer_too_small` with the offset where it would start.
class byte_writer {
 public:
  /// Writes into `out` from its first byte; the writer keeps a view, so `out` must outlive it.
  constexpr explicit byte_writer(mutable_byte_view out) noexcept : out_(out) {}

  /// Bytes written so far.
  [[nodiscard]] constexpr std::size_t size() const noexcept { return pos_; }
  /// Room left in the buffer.
  [[nodiscard]] constexpr std::size_t remaining() const noexcept { return out_.size() - pos_; }
  /// The bytes written so far.
  [[nodiscard]] constexpr byte_view written() const noexcept { return {out_.data(), pos_}; }

  ///@{
  /// Appends `v` big-endian in 1, 2, 3, 4 or 8 bytes; `u24` refuses a value above 0xFFFFFF
  /// (`out_of_range`).
  constexpr result<void> u8(std::uint8_t v) noexcept { return write_be(v, 1); }
  constexpr result<void> u16(std::uint16_t v) noexcept { return write_be(v, 2); }
  constexpr result<void> u24(std::uint32_t v) noexcept {
    if (v > 0xFFFFFFu) return fail(errc::out_of_range, "u24", pos_);
    return write_be(v, 3);
  }
  constexpr result<void> u32(std::uint32_t v) noexcept { return write_be(v, 4); }
  constexpr result<void> u64(std::uint64_t v) noexcept { return write_be(v, 8); }
  ///@}

  /// Appends `b`, all of it or nothing.
  constexpr result<void> bytes(byte_view b) noexcept {
    if (remaining() < b.size()) return fail(errc::buffer_too_small, "output", pos_);
    detail::copy_bytes(out_.data() + pos_, b.data(), b.size());  // a byte loop cost more, even for 1-6 bytes
    pos_ += b.size();
    return ok();
  }

  /// Writes `n` copies of `fill` (padding).
  constexpr result<void> fill(std::size_t n, std::byte fill_byte = std::byte{0}) noexcept {
    if (remaining() < n) return fail(errc::buffer_too_small, "output", pos_);
    for (std::size_t i = 0; i < n; ++i) out_[pos_ + i] = fill_byte;
    pos_ += n;
    return ok();
  }

  /// Overwrites two bytes already written (a checksum or length patched in afterwards).
  constexpr result<void> patch_u16(std::size_t at, std::uint16_t v) noexcept {
    if (at + 2 > pos_) return fail(errc::buffer_too_small, "patch", at);
    out_[at] = static_cast<std::byte>(v >> 8);
    out_[at + 1] = static_cast<std::byte>(v & 0xFF);
    return ok();
  }

 private:
  constexpr result<void> write_be(std::uint64_t v, std::size_t n) noexcept {
    if (remaining() < n) return fail(errc::buffer_too_small, "output", pos_);
    for (std::size_t i = 0; i < n; ++i) {
      out_[pos_ + i] = static_cast<std::byte>((v >> (8 * (n - 1 - i))) & 0xFF);
    }
    pos_ += n;
    return ok();
  }

  mutable_byte_view out_;
  std::size_t pos_ = 0;
};

}  // namespace otawire

#endif
