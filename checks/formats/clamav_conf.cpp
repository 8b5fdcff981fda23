// freshclam.conf / clamd.conf → DatabaseDirectory (last one wins, as in
// ClamAV's option parser), with the sample-file "Example" marker noticed.
#include "checks/formats/clamav_conf.hpp"

#include "agent/core/text.hpp"

namespace sc {

namespace {}  // namespace

ClamavConf parse_clamav_conf(std::string_view text) {
  ClamavConf c;
  std::size_t pos = 0;
  std::string_view line;
  while (next_line(text, pos, line)) {
    line = trim(line);
    if (line.empty() || line.front() == '#') continue;
    std::size_t sp = line.find_first_of(" \t=");
    std::string_view name = line.substr(0, sp);
    std::string_view value = sp == std::string_view::npos ? std::string_view{} : trim(line.substr(sp + 1));
    if (!value.empty() && value.front() == '=') value = trim(value.substr(1));
    if (name == "Example") {
      c.example = true;
    } else if (name == "DatabaseDirectory") {
      if (value.size() >= 2 && value.front() == '"' && value.back() == '"') value = value.substr(1, value.size() - 2);
      if (!value.empty() && value.front() == '/') {
        while (value.size() > 1 && value.back() == '/') value.remove_suffix(1);
        c.database_directory = std::string(value);
      }
    }
  }
  return c;
}

}  // namespace sc
