// The Linux build has no Windows Security Center: a live Windows answer is
// never available here (offline Windows roots are read from their hives).
#include "agent/core/security_center.hpp"

namespace sc {

namespace {
class NoSecurityCenter : public SecurityCenter {
 public:
  WscAnswer antivirus_products() const override {
    WscAnswer a;
    a.error = "Windows Security Center is not available on this build";
    return a;
  }
};
}  // namespace

std::unique_ptr<SecurityCenter> make_security_center() { return std::make_unique<NoSecurityCenter>(); }

}  // namespace sc
