// Collection drive candidates on Windows (WINDOWS.md "Paths on Windows"): the
// root of every volume whose GetDriveTypeW is DRIVE_REMOVABLE — USB sticks
// and SD cards with a letter. USB hard disks report DRIVE_FIXED and are not
// candidates; `--collect=E:\` names any folder by hand.
#include <windows.h>

#include "agent/core/drives.hpp"

namespace sc {

std::vector<std::filesystem::path> collection_drive_candidates() {
  std::vector<std::filesystem::path> out;
  // No "insert a disk" dialog for an empty card reader slot.
  UINT old_mode = SetErrorMode(SEM_FAILCRITICALERRORS | SEM_NOOPENFILEERRORBOX);
  DWORD mask = GetLogicalDrives();
  for (int i = 0; i < 26; ++i) {
    if (!(mask & (1u << i))) continue;
    wchar_t root[] = {static_cast<wchar_t>(L'A' + i), L':', L'\\', 0};
    if (GetDriveTypeW(root) == DRIVE_REMOVABLE) out.emplace_back(std::wstring(root));
  }
  SetErrorMode(old_mode);
  return out;
}

}  // namespace sc
