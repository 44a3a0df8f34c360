// Force-included by the `wasm` preset: the two C++20 library facilities otawire's headers use that
// the libc++ 13 of Debian's emscripten 3.1.6 lacks (the host's libstdc++ 12 and libc++ 14 have
// them). Each is defined only when that libc++ does not declare it.
#ifndef OTAWIRE_WEB_LIBCXX13_COMPAT_HPP
#define OTAWIRE_WEB_LIBCXX13_COMPAT_HPP
#include <algorithm>
#include <bit>
#include <iterator>
#include <type_traits>

#if defined(_LIBCPP_VERSION) && _LIBCPP_VERSION < 14000
namespace std {
#ifndef __cpp_lib_bit_cast
template <class To, class From>
  requires(sizeof(To) == sizeof(From) && is_trivially_copyable_v<To> && is_trivially_copyable_v<From>)
[[nodiscard]] constexpr To bit_cast(const From& from) noexcept {
  return __builtin_bit_cast(To, from);
}
#endif
namespace ranges {
struct otawire_equal_fn {
  template <class A, class B>
  constexpr bool operator()(A&& a, B&& b) const {
    return std::equal(std::begin(a), std::end(a), std::begin(b), std::end(b));
  }
};
inline constexpr otawire_equal_fn equal{};
}  // namespace ranges
}  // namespace std
#endif

#endif
