// unit_state: systemd unit files and enablement links, SysV rc links.
// Links are inspected with lstat: their targets are absolute paths of the
// audited machine and do not resolve under another root.
#include "checks/linux/unit_state.hpp"

#include <array>
#include <cctype>
#include <filesystem>

namespace sc {

namespace {

namespace fs = std::filesystem;

constexpr std::array<std::string_view, 4> kUnitDirs = {"/etc/systemd/system", "/usr/local/lib/systemd/system",
                                                       "/lib/systemd/system", "/usr/lib/systemd/system"};

bool present(const Host& host, const std::string& abs) { return host.lexists(abs); }

bool is_symlink_to_dev_null(const Host& host, const std::string& abs) {
  auto target = host.read_link(abs);
  return target && *target == "/dev/null";
}

// "clamd@scan.service" → "clamd@.service"
std::string template_of(std::string_view unit) {
  auto at = unit.find('@');
  auto dot = unit.rfind('.');
  if (at == std::string_view::npos || dot == std::string_view::npos || dot < at) return {};
  return std::string(unit.substr(0, at + 1)) + std::string(unit.substr(dot));
}

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

}  // namespace

UnitState unit_state(const Host& host, std::string_view unit_name) {
  UnitState s;
  s.unit = std::string(unit_name);
  const std::string tmpl = template_of(unit_name);

  bool native = false;
  for (auto dir : kUnitDirs) {
    std::string f = std::string(dir) + "/" + s.unit;
    if (present(host, f) || (!tmpl.empty() && present(host, std::string(dir) + "/" + tmpl))) native = true;
  }
  if (is_symlink_to_dev_null(host, "/etc/systemd/system/" + s.unit)) {
    s.exists = true;
    s.masked = true;
    s.where = "/etc/systemd/system/" + s.unit + " -> /dev/null";
    return s;
  }

  // systemd enablement: <dir>/<target>.wants/<unit> (or .requires).
  for (auto dir : kUnitDirs) {
    for (const std::string& entry : host.list_dir(dir)) {
      if (!ends_with(entry, ".wants") && !ends_with(entry, ".requires")) continue;
      std::string link = std::string(dir) + "/" + entry + "/" + s.unit;
      if (present(host, link)) {
        s.exists = true;
        s.enabled = true;
        s.where = link;
        return s;
      }
    }
  }

  // SysV: only when there is no native unit (systemd ignores the script then).
  std::string script = s.unit;
  if (ends_with(script, ".service")) script.resize(script.size() - 8);
  bool sysv = present(host, "/etc/init.d/" + script) || present(host, "/etc/rc.d/init.d/" + script);
  if (!native && sysv) {
    for (std::string_view rc :
         {"/etc/rc2.d", "/etc/rc3.d", "/etc/rc4.d", "/etc/rc5.d", "/etc/rc.d/rc3.d", "/etc/rc.d/rc5.d"}) {
      for (const std::string& entry : host.list_dir(rc)) {
        // S<NN><name>
        if (entry.size() == script.size() + 3 && entry[0] == 'S' &&
            std::isdigit(static_cast<unsigned char>(entry[1])) && std::isdigit(static_cast<unsigned char>(entry[2])) &&
            entry.compare(3, std::string::npos, script) == 0) {
          s.exists = true;
          s.enabled = true;
          s.where = std::string(rc) + "/" + entry;
          return s;
        }
      }
    }
  }
  s.exists = native || sysv;

  // Only for the running system: with --live on another root, systemctl
  // would describe this machine's units, not the audited one's.
  if (s.exists && host.live() && host.is_system_root()) {
    CommandResult r = host.run({"systemctl", "is-enabled", s.unit}, std::chrono::milliseconds(5000));
    std::string out = r.out;
    while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
    if (r.error.empty() && !r.timed_out &&
        (out == "enabled" || out == "enabled-runtime" || out == "alias" || out == "generated")) {
      s.enabled = true;
      s.where = "systemctl is-enabled: " + out;
    }
  }
  return s;
}

}  // namespace sc
