// Seam: where a collection drive may be mounted, by build platform. The Linux
// build lists the mount points of /proc/self/mountinfo
// (agent/host/drives_posix.cpp); the Windows build lists the roots of the
// removable volumes, `E:\` …, from GetLogicalDrives + GetDriveTypeW ==
// DRIVE_REMOVABLE (agent/host/drives_win32.cpp). agent/collect.cpp keeps the
// ones holding the collection marker. Also making the folders on the drive
// without writing through a link placed there (issue 13 item 7).
#pragma once
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace sc {

std::vector<std::filesystem::path> collection_drive_candidates();

// Why make_folders_no_links stopped.
struct FolderError {
  enum Kind { open_base, create, link, open } kind;
  std::filesystem::path at;  // the drive (open_base) or the folder reached
  std::string why;           // the system's words (strerror, FormatMessageW)
};

// Creates the folders of `rel` below the existing folder `base`, one
// component at a time, never following a link: a component that is a link
// (POSIX: openat O_NOFOLLOW; Windows: a reparse point, a junction or
// symbolic link) or not a folder gives `link`. nullopt when all exist now.
std::optional<FolderError> make_folders_no_links(const std::filesystem::path& base, const std::filesystem::path& rel);

}  // namespace sc
