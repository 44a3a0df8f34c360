// otawire-inspect plug-in for alibaba: not yet implemented (its protocol issue plugs the codec in).
#include "inspect/record.hpp"

namespace otawire::inspect {
namespace {
class alibaba_session final : public protocol_session {
 public:
  void inspect(std::string_view, record& out) override {
    out.set_error("unsupported", "the alibaba codec is not implemented yet");
  }
};
}  // namespace

std::unique_ptr<protocol_session> make_alibaba_session() { return std::make_unique<alibaba_session>(); }
}  // namespace otawire::inspect
