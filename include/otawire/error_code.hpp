// otawire: opt-in bridge from `otawire::errc` to `std::error_code`.
//
// Kept out of the core headers on purpose: a `std::error_category` pulls in virtual functions and
// string messages that cost flash on firmware (the same choice glaze makes).
#ifndef OTAWIRE_ERROR_CODE_HPP
#define OTAWIRE_ERROR_CODE_HPP

#include <otawire/error.hpp>

#include <string>
#include <system_error>

namespace otawire {

namespace detail {
class error_category_impl final : public std::error_category {
 public:
  [[nodiscard]] const char* name() const noexcept override { return "otawire"; }
  [[nodiscard]] std::string message(int ev) const override {
    if (ev == 0) return "success";
    return std::string(description(static_cast<errc>(ev)));
  }
};
}  // namespace detail

/// The category of every `std::error_code` made from an `otawire::errc`.
[[nodiscard]] inline const std::error_category& error_category() noexcept {
  static const detail::error_category_impl instance;
  return instance;
}

/// Found by ADL, so an `otawire::errc` converts to `std::error_code` implicitly.
[[nodiscard]] inline std::error_code make_error_code(errc e) noexcept {
  return {static_cast<int>(e), error_category()};
}

/// The code of a full `otawire::error` (the location is dropped: `std::error_code` has no room).
[[nodiscard]] inline std::error_code make_error_code(const error& e) noexcept {
  return make_error_code(e.code());
}

}  // namespace otawire

template <>
struct std::is_error_code_enum<otawire::errc> : std::true_type {};

#endif
