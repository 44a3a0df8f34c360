// otawire-inspect plug-in for ctwing: not yet implemented (its protocol issue plugs the codec in).
#include "inspect/record.hpp"

namespace otawire::inspect {
namespace {
class ctwing_session final : public protocol_session {
 public:
  void inspect(std::string_view, record& out) override {
    out.set_error("unsupported", "the ctwing codec is not implemented yet");
  }
};
}  // namespace

std::unique_ptr<protocol_session> make_ctwing_session() { return std::make_unique<ctwing_session>(); }
}  // namespace otawire::inspect
