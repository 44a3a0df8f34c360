// otawire-inspect plug-in for tencent: not yet implemented (its protocol issue plugs the codec in).
#include "inspect/record.hpp"

namespace otawire::inspect {
namespace {
class tencent_session final : public protocol_session {
 public:
  void inspect(std::string_view, record& out) override {
    out.set_error("unsupported", "the tencent codec is not implemented yet");
  }
};
}  // namespace

std::unique_ptr<protocol_session> make_tencent_session() { return std::make_unique<tencent_session>(); }
}  // namespace otawire::inspect
