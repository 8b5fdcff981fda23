// Host: the root and its paths, the clock and zone, memoized facts. What
// touches the OS (reading and writing files, commands, libusb, connects) is
// in agent/host/*_posix.cpp and *_win32.cpp, chosen by build platform.
#include "agent/core/host.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "agent/core/errors.hpp"
#include "agent/core/platform.hpp"

namespace sc {

std::string_view to_string(ConnectOutcome o) {
  switch (o) {
    case ConnectOutcome::accepted:
      return "accepted";
    case ConnectOutcome::refused:
      return "refused";
    case ConnectOutcome::unreachable:
      return "unreachable";
    case ConnectOutcome::timeout:
      return "timeout";
    case ConnectOutcome::error:
      return "error";
  }
  return "error";
}

Host::Host(Options o) : command_timeout_(o.command_timeout) {
  std::error_code ec;
  root_ = o.root.empty() ? fs::path("/") : o.root;
  // "/" names the running machine on every build; on Windows it is the
  // system drive (platform.hpp), not the current directory's drive.
  const fs::path system = system_root();
  const bool named_system = root_ == fs::path("/");
  fs::path canon = fs::weakly_canonical(root_, ec);
  if (!ec) root_ = canon;
  system_root_ = named_system || root_ == system;
  if (system_root_) root_ = system;
  live_ = o.live.value_or(system_root_);
  os_ = detect_os(*this);
  registry_ = make_registry(*this);
  event_log_ = make_event_log(*this);
  if (os_.os == MachineOs::windows) {
    RegKeyResult tzi = registry_->key("HKLM\\SYSTEM\\CurrentControlSet\\Control\\TimeZoneInformation");
    std::optional<WindowsZoneRule> rule = tzi.found() ? windows_zone_rule(tzi.key) : std::nullopt;
    if (rule) {
      zone_ = Zone::windows(*rule);
    } else {
      zone_note_ = fmt::format("no readable time zone in the registry ({}): times are in UTC",
                               tzi.error.empty() ? "no TimeZoneInformation Bias" : tzi.error);
    }
  } else if (auto z = [&]() -> std::optional<Zone> {
               if (auto p = resolved_path("/etc/localtime"); p && is_file("/etc/localtime")) return Zone::load_file(*p);
               return std::nullopt;
             }()) {
    zone_ = *z;
  } else {
    zone_note_ = "no readable /etc/localtime under the root: times are in UTC";
  }
  if (o.as_of) {
    now_ = *o.as_of;
    as_of_given_ = true;
  } else {
    now_ = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  }
}

Host::~Host() = default;

fs::path Host::path(std::string_view abs) const {
  std::string_view rel = abs;
  while (!rel.empty() && rel.front() == '/') rel.remove_prefix(1);
  if (system_root_) return system_root() / path_from_utf8(rel);
  return root_ / path_from_utf8(rel);
}

std::string Host::describe(std::string_view abs, const std::error_code& ec) {
  if (ec == std::errc::permission_denied || ec == std::errc::operation_not_permitted)
    return fmt::format("no permission to read {}: run as root", abs);
  if (ec == std::errc::no_such_file_or_directory) return fmt::format("{} does not exist", abs);
  if (ec == std::errc::is_a_directory) return fmt::format("{} is a directory", abs);
  return fmt::format("cannot read {}: {}", abs, ec.message());
}

std::shared_ptr<Host::FactSlot> Host::slot_for(const std::string& key) const {
  std::lock_guard<std::mutex> lock(facts_mutex_);
  auto& slot = facts_[key];
  if (!slot) slot = std::make_shared<FactSlot>();
  return slot;
}

}  // namespace sc
