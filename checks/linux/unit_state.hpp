// Is a service enabled at boot on the audited machine? Answered from files
// under the root (offline-safe): the unit file, systemd's *.wants links and
// masks, and SysV rc links for units that exist only as init scripts. On
// the running system (root "/", live) `systemctl is-enabled` may confirm
// what the files do not show.
#pragma once
#include <string>
#include <string_view>

#include "agent/core/host.hpp"

namespace sc {

struct UnitState {
  std::string unit;     // "clamav-freshclam.service"
  bool exists = false;  // a unit file or init script was found
  bool enabled = false;
  bool masked = false;
  std::string where;  // the file that decided: "/etc/systemd/system/multi-user.target.wants/…", "systemctl"
};

UnitState unit_state(const Host& host, std::string_view unit);

}  // namespace sc
