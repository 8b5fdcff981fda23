// The one fact the antivirus probe needs from freshclam.conf / clamd.conf:
// DatabaseDirectory. Pure: config text in, the directory (or nothing) out.
// ClamAV's format: "Option value" per line, '#' comments, option names
// case-sensitive; a sample file still containing the "Example" line is not
// used by ClamAV at all.
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace sc {

struct ClamavConf {
  std::optional<std::string> database_directory;  // as written (absolute path)
  bool example = false;  // the unedited sample's "Example" line is present: ClamAV refuses the file
};

ClamavConf parse_clamav_conf(std::string_view text);

}  // namespace sc
