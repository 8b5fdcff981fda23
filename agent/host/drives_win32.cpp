// Collection drive candidates on Windows (WINDOWS.md "Paths on Windows"): the
// root of every volume whose GetDriveTypeW is DRIVE_REMOVABLE — USB sticks
// and SD cards with a letter. USB hard disks report DRIVE_FIXED and are not
// candidates; `--collect=E:\` names any folder by hand. The folders on the
// drive are made one at a time and a reparse point (junction, symbolic link)
// among them is refused, as O_NOFOLLOW does on Linux.
#include <windows.h>

#include "agent/core/drives.hpp"
#include "agent/host/win32_text.hpp"

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

std::optional<FolderError> make_folders_no_links(const std::filesystem::path& base, const std::filesystem::path& rel) {
  // A link or not a folder: FILE_ATTRIBUTE_REPARSE_POINT covers junctions,
  // symbolic links and mount points (GetFileAttributesW does not follow them).
  auto plain_folder = [](DWORD a) { return (a & FILE_ATTRIBUTE_DIRECTORY) && !(a & FILE_ATTRIBUTE_REPARSE_POINT); };
  DWORD a = GetFileAttributesW(base.c_str());
  if (a == INVALID_FILE_ATTRIBUTES) return FolderError{FolderError::open_base, base, win::error_text(GetLastError())};
  if (!(a & FILE_ATTRIBUTE_DIRECTORY))
    return FolderError{FolderError::open_base, base, win::error_text(ERROR_DIRECTORY)};
  std::filesystem::path at = base;
  for (const auto& part : rel) {
    at /= part;
    if (!CreateDirectoryW(at.c_str(), nullptr) && GetLastError() != ERROR_ALREADY_EXISTS)
      return FolderError{FolderError::create, at, win::error_text(GetLastError())};
    a = GetFileAttributesW(at.c_str());
    if (a == INVALID_FILE_ATTRIBUTES) return FolderError{FolderError::open, at, win::error_text(GetLastError())};
    if (!plain_folder(a)) return FolderError{FolderError::link, at, "a reparse point or not a folder"};
  }
  return std::nullopt;
}

}  // namespace sc
