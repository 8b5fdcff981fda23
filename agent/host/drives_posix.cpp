// Collection drive candidates on Linux: every mount point (see drives.hpp);
// the drive's folders made with openat(O_NOFOLLOW), never through a link.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "agent/collect.hpp"
#include "agent/core/drives.hpp"

namespace sc {

std::vector<std::filesystem::path> collection_drive_candidates() {
  std::ifstream in("/proc/self/mountinfo");
  std::ostringstream ss;
  ss << in.rdbuf();
  std::vector<std::filesystem::path> out;
  for (auto& mp : parse_mountinfo(ss.str())) out.emplace_back(mp);
  return out;
}

std::optional<FolderError> make_folders_no_links(const std::filesystem::path& base, const std::filesystem::path& rel) {
  int dfd = ::open(base.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dfd < 0) return FolderError{FolderError::open_base, base, std::strerror(errno)};
  std::filesystem::path at = base;
  for (const auto& part : rel) {
    at /= part;
    if (::mkdirat(dfd, part.c_str(), 0755) != 0 && errno != EEXIST) {
      int e = errno;
      ::close(dfd);
      return FolderError{FolderError::create, at, std::strerror(e)};
    }
    int next = ::openat(dfd, part.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    int e = errno;
    ::close(dfd);
    if (next < 0) {
      if (e == ELOOP || e == ENOTDIR) return FolderError{FolderError::link, at, std::strerror(e)};
      return FolderError{FolderError::open, at, std::strerror(e)};
    }
    dfd = next;
  }
  ::close(dfd);
  return std::nullopt;
}

}  // namespace sc
