// BitLocker facts on the Linux build: the key protectors live in the
// volume's FVE metadata, not in the registry, so an offline Windows root
// cannot say whether a pre-boot PIN is set (→ "check by hand").
#include "checks/boot/boot_checks.hpp"

namespace sc {

BitLockerFacts read_bitlocker_facts(const Host&) {
  BitLockerFacts f;
  f.why = "offline audit: BitLocker's key protectors are not in the registry";
  return f;
}

}  // namespace sc
