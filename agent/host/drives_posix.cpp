// Collection drive candidates on Linux: every mount point (see drives.hpp).
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

}  // namespace sc
