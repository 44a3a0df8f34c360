// otawire-inspect plug-in for jetlinks: not yet implemented (its protocol issue plugs the codec in).
#include "inspect/record.hpp"

namespace otawire::inspect {
namespace {
class jetlinks_session final : public protocol_session {
 public:
  void inspect(std::string_view, record& out) override {
    out.set_error("unsupported", "the jetlinks codec is not implemented yet");
  }
};
}  // namespace

std::unique_ptr<protocol_session> make_jetlinks_session() { return std::make_unique<jetlinks_session>(); }
}  // namespace otawire::inspect
