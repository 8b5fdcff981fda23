// boot.loader_password on Windows, the judgement: BitLocker on the system
// drive with a TPM+PIN protector (types 4 and 6) is a pre-boot password
// (pass); anything else, or facts that could not be read, leaves the
// firmware password to be checked by hand (unknown), as on Linux.
#include <algorithm>

#include "checks/boot/boot_checks.hpp"

namespace sc {

Finding check_windows_loader_password(const BitLockerFacts& f, const FindingSpec& spec) {
  const Text firmware{"BIOS/UEFI 固件密码无法从操作系统读取,需人工核查",
                      "a BIOS/UEFI firmware password cannot be read from the OS: check it by hand"};
  Evidence ev;
  if (!f.read) {
    ev["reason"] = f.why;
    return make_finding(spec, Status::unknown,
                        Text{"无法读取 BitLocker 预启动 PIN 状态(" + f.why + ")。" + firmware.zh,
                             "the BitLocker pre-boot PIN cannot be read (" + f.why + "); " + firmware.en},
                        std::move(ev));
  }
  std::vector<std::string> types;
  for (int t : f.protectors) types.push_back(std::to_string(t));
  ev["bitlocker"] = f.encrypted;
  ev["protectors"] = types;
  bool pin = std::any_of(f.protectors.begin(), f.protectors.end(), [](int t) { return t == 4 || t == 6; });
  if (f.encrypted && pin)
    return make_finding(spec, Status::pass,
                        Text{"系统盘 BitLocker 已启用 TPM+PIN 预启动密码",
                             "BitLocker protects the system drive with a "
                             "TPM+PIN pre-boot password"},
                        std::move(ev));
  return make_finding(
      spec, Status::unknown,
      Text{std::string(f.encrypted ? "系统盘 BitLocker 未使用 PIN 预启动密码" : "系统盘未启用 BitLocker") + "。" +
               firmware.zh,
           std::string(f.encrypted ? "BitLocker on the system drive has no pre-boot PIN"
                                   : "BitLocker is off on the system drive") +
               "; " + firmware.en},
      std::move(ev));
}

}  // namespace sc
