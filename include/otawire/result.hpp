// otawire: `result<T>` — a value or an `otawire::error`, no exceptions required.
#ifndef OTAWIRE_RESULT_HPP
#define OTAWIRE_RESULT_HPP

#include <otawire/config.hpp>
#include <otawire/error.hpp>

#include <cstdint>
#include <optional>
#include <type_traits>
#include <utility>
#include <variant>

namespace otawire {

/// The outcome of a decode, encode or validation step: a `T` or an `error`.
///
/// Modelled on `std::expected` (C++23), reduced to what a codec needs and usable with
/// `-fno-exceptions -fno-rtti` and in constant expressions. Accessing the value of an error
/// result is a programming error and traps through `OTAWIRE_ASSERT`; check `has_value()` (or
/// `if (r)`) first, or use `value_or`.
template <class T>
class [[nodiscard]] result {
  static_assert(!std::is_reference_v<T>, "result<T&> is not supported; return a view type");
  static_assert(!std::is_same_v<std::remove_cv_t<T>, otawire::error>, "result<error> is ambiguous");

 public:
  using value_type = T;  ///< The success type.

  ///@{
  /// A success holding `v` (implicit, so that `return value;` works).
  constexpr result(const T& v) noexcept(std::is_nothrow_copy_constructible_v<T>)  // NOLINT
      : storage_(std::in_place_index<0>, v) {}
  constexpr result(T&& v) noexcept(std::is_nothrow_move_constructible_v<T>)  // NOLINT
      : storage_(std::in_place_index<0>, std::move(v)) {}
  ///@}
  /// A failure holding `e`.
  constexpr result(const otawire::error& e) noexcept  // NOLINT: implicit, so `return fail(...)` works
      : storage_(std::in_place_index<1>, e) {}
  /// A success whose value is built in place from `args`.
  template <class... Args>
  constexpr explicit result(std::in_place_t, Args&&... args)
      : storage_(std::in_place_index<0>, std::forward<Args>(args)...) {}

  ///@{
  /// Whether it holds a value rather than an error: check this before using the value.
  [[nodiscard]] constexpr bool has_value() const noexcept { return storage_.index() == 0; }
  constexpr explicit operator bool() const noexcept { return has_value(); }
  ///@}

  ///@{
  /// The value; precondition `has_value()` (otherwise `OTAWIRE_ASSERT` traps).
  [[nodiscard]] constexpr T& value() & noexcept { return *checked(); }
  [[nodiscard]] constexpr const T& value() const& noexcept { return *checked(); }
  [[nodiscard]] constexpr T&& value() && noexcept { return std::move(*checked()); }
  ///@}

  ///@{
  /// The value, as `value()`: precondition `has_value()`.
  [[nodiscard]] constexpr T& operator*() & noexcept { return value(); }
  [[nodiscard]] constexpr const T& operator*() const& noexcept { return value(); }
  [[nodiscard]] constexpr T&& operator*() && noexcept { return std::move(value()); }
  [[nodiscard]] constexpr T* operator->() noexcept { return checked(); }
  [[nodiscard]] constexpr const T* operator->() const noexcept { return checked(); }
  ///@}

  /// The error; precondition: `!has_value()`.
  [[nodiscard]] constexpr const otawire::error& error() const noexcept {
    OTAWIRE_ASSERT(storage_.index() == 1);
    return std::get<1>(storage_);
  }

  /// The value, or `fallback` (converted to `T`) when this holds an error.
  template <class U>
  [[nodiscard]] constexpr T value_or(U&& fallback) const& {
    return has_value() ? std::get<0>(storage_) : static_cast<T>(std::forward<U>(fallback));
  }

  [[nodiscard]] friend constexpr bool operator==(const result& a, const result& b) = default;

 private:
  // std::get after the index check rather than std::get_if: g++ 12 refuses get_if's null test
  // on a temporary in constant expressions.
  constexpr T* checked() noexcept {
    OTAWIRE_ASSERT(storage_.index() == 0);
    return &std::get<0>(storage_);
  }
  constexpr const T* checked() const noexcept {
    OTAWIRE_ASSERT(storage_.index() == 0);
    return &std::get<0>(storage_);
  }

  std::variant<T, otawire::error> storage_;
};

/// `result<void>`: success, or an error.
template <>
class [[nodiscard]] result<void> {
 public:
  using value_type = void;  ///< There is no value: success is all it says.

  constexpr result() noexcept = default;
  /// A failure holding `e` (implicit, so that `return fail(...);` works).
  constexpr result(const otawire::error& e) noexcept : error_(e) {}  // NOLINT: implicit by design

#if defined(OTAWIRE_DEVICE_PROFILE)
  // On a device the error is 8 bytes: the trivial copy is smaller than the branch below.
  constexpr result(const result&) noexcept = default;
  constexpr result& operator=(const result&) noexcept = default;
#else
  // Copies touch the error only when there is one. The implicit (trivial) copy moved all 56
  // bytes with wide loads, right after the callee had written the flag with a narrow store:
  // a store-forwarding stall on every `return r;` of a successful step.
  /// A copy (cheap on success: the error is copied only when there is one).
  constexpr result(const result& other) noexcept {
    if (other.error_) error_.emplace(*other.error_);
  }
  /// Assignment, as the copy.
  constexpr result& operator=(const result& other) noexcept {
    if (other.error_) {
      error_.emplace(*other.error_);
    } else {
      error_.reset();
    }
    return *this;
  }
#endif
  constexpr ~result() = default;

  ///@{
  /// Whether it is a success rather than an error.
  [[nodiscard]] constexpr bool has_value() const noexcept { return !error_.has_value(); }
  constexpr explicit operator bool() const noexcept { return has_value(); }
  ///@}
  /// Asserts success (precondition `has_value()`, otherwise `OTAWIRE_ASSERT` traps); no value.
  constexpr void value() const noexcept { OTAWIRE_ASSERT(has_value()); }
  /// The error; precondition `!has_value()`.
  [[nodiscard]] constexpr const otawire::error& error() const noexcept {
    OTAWIRE_ASSERT(error_.has_value());
    return *error_;
  }
  [[nodiscard]] friend constexpr bool operator==(const result&, const result&) noexcept = default;

 private:
  std::optional<otawire::error> error_{};
};

// A step's result stays small: a one-byte value or a 16-byte error, and the variant's index.
static_assert(sizeof(void*) != 8 || sizeof(result<std::uint8_t>) <= 24, "result<uint8_t> is at most 24 bytes on 64-bit hosts");

/// The success value of `result<void>`: `return ok();`.
[[nodiscard]] constexpr result<void> ok() noexcept { return {}; }

}  // namespace otawire

#endif
