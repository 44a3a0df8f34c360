// Test support: checks shared by the contract's transport tests (tests/*/contract_test.cpp).
#ifndef OTAWIRE_TESTS_CONTRACT_CHECKS_HPP
#define OTAWIRE_TESTS_CONTRACT_CHECKS_HPP

#include <otawire/result.hpp>

#include <rapidcheck.h>

#include <cstddef>
#include <cstdint>
#include <vector>

namespace otawire::test {

/// The bytes rapidcheck generated, as the decoders take them.
inline std::vector<std::byte> bytes_of(const std::vector<std::uint8_t>& raw) {
  std::vector<std::byte> out(raw.size());
  for (std::size_t i = 0; i < raw.size(); ++i) out[i] = std::byte{raw[i]};
  return out;
}

/// The contract's entry decoded what the byte-level decoder decoded: the same verdict, and the
/// same message in the envelope or the same error (code, rule, offset).
template <class Envelope, class Message>
void assert_envelope_agrees(const result<Envelope>& e, const result<Message>& plain) {
  RC_ASSERT(e.has_value() == plain.has_value());
  if (e) {
    RC_ASSERT(e->message == *plain);
  } else {
    RC_ASSERT(e.error() == plain.error());
  }
}

}  // namespace otawire::test

#endif
