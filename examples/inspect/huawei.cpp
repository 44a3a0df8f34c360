// otawire-inspect plug-in for huawei: not yet implemented (its protocol issue plugs the codec in).
#include "inspect/record.hpp"

namespace otawire::inspect {
namespace {
class huawei_session final : public protocol_session {
 public:
  void inspect(std::string_view, record& out) override {
    out.set_error("unsupported", "the huawei codec is not implemented yet");
  }
};
}  // namespace

std::unique_ptr<protocol_session> make_huawei_session() { return std::make_unique<huawei_session>(); }
}  // namespace otawire::inspect
