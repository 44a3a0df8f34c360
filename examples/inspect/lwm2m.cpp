// otawire-inspect plug-in for lwm2m: not yet implemented (its protocol issue plugs the codec in).
#include "inspect/record.hpp"

namespace otawire::inspect {
namespace {
class lwm2m_session final : public protocol_session {
 public:
  void inspect(std::string_view, record& out) override {
    out.set_error("unsupported", "the lwm2m codec is not implemented yet");
  }
};
}  // namespace

std::unique_ptr<protocol_session> make_lwm2m_session() { return std::make_unique<lwm2m_session>(); }
}  // namespace otawire::inspect
