// Seam: where a collection drive may be mounted, by build platform. The Linux
// build lists the mount points of /proc/self/mountinfo
// (agent/host/drives_posix.cpp); the Windows build lists the roots of the
// removable volumes, `E:\` …, from GetLogicalDrives + GetDriveTypeW ==
// DRIVE_REMOVABLE (agent/host/drives_win32.cpp). agent/collect.cpp keeps the
// ones holding the collection marker.
#pragma once
#include <filesystem>
#include <vector>

namespace sc {

std::vector<std::filesystem::path> collection_drive_candidates();

}  // namespace sc
