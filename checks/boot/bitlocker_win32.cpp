// BitLocker facts on the Windows build. Live, the answer comes from WMI
// root\CIMV2\Security\MicrosoftVolumeEncryption Win32_EncryptableVolume
// (ProtectionStatus, GetKeyProtectors) — not yet wired: until it is, the
// finding says the PIN cannot be read (unknown), never a pass. Offline roots
// are as on Linux. The judgement is tested with recorded protector lists
// (tests/checks/boot/windows_test.cpp).
#include "checks/boot/boot_checks.hpp"

namespace sc {

BitLockerFacts read_bitlocker_facts(const Host& host) {
  BitLockerFacts f;
  f.why = host.live() ? "the WMI BitLocker query is not available on this build yet"
                      : "offline audit: BitLocker's key protectors are not in the registry";
  return f;
}

}  // namespace sc
