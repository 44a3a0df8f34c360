// otawire-inspect plug-in for pcp: not yet implemented (its protocol issue plugs the codec in).
#include "inspect/record.hpp"

namespace otawire::inspect {
namespace {
class pcp_session final : public protocol_session {
 public:
  void inspect(std::string_view, record& out) override {
    out.set_error("unsupported", "the pcp codec is not implemented yet");
  }
};
}  // namespace

std::unique_ptr<protocol_session> make_pcp_session() { return std::make_unique<pcp_session>(); }
}  // namespace otawire::inspect
