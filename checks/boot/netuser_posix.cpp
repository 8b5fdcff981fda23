// The NetUser API on the Linux build: not there; Windows roots are read
// offline from the SAM hive instead.
#include "checks/boot/netuser.hpp"

namespace sc {

NetUserAnswers query_netuser(const Host&) {
  NetUserAnswers a;
  a.error = "the Windows account API is only available on the Windows build";
  return a;
}

}  // namespace sc
