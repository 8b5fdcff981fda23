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
  fs::path canon = fs::weakly_canonical(root_, ec);
  if (!ec) root_ = canon;
  system_root_ = (root_ == fs::path("/"));
  live_ = o.live.value_or(system_root_);
  if (auto z = Zone::load_file(path("/etc/localtime"))) {
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
  if (system_root_) return fs::path("/") / path_from_utf8(rel);
  return root_ / path_from_utf8(rel);
}

std::string Host::describe(std::string_view abs, const std::error_code& ec) {
  if (ec == std::errc::permission_denied || ec == std::errc::operation_not_permitted)
    return fmt::format("no permission to read {}: run as root", abs);
  if (ec == std::errc::no_such_file_or_directory) return fmt::format("{} does not exist", abs);
  if (ec == std::errc::is_a_directory) return fmt::format("{} is a directory", abs);
  return fmt::format("cannot read {}: {}", abs, ec.message());
}

bool Host::exists(std::string_view abs) const {
  std::error_code ec;
  return fs::exists(path(abs), ec);
}

bool Host::is_dir(std::string_view abs) const {
  std::error_code ec;
  return fs::is_directory(path(abs), ec);
}

std::vector<std::string> Host::list_dir(std::string_view abs) const {
  std::vector<std::string> names;
  std::error_code ec;
  fs::directory_iterator it(path(abs), ec), end;
  for (; !ec && it != end; it.increment(ec)) names.push_back(path_text(it->path().filename()));
  std::sort(names.begin(), names.end());
  return names;
}

std::shared_ptr<Host::FactSlot> Host::slot_for(const std::string& key) const {
  std::lock_guard<std::mutex> lock(facts_mutex_);
  auto& slot = facts_[key];
  if (!slot) slot = std::make_shared<FactSlot>();
  return slot;
}

}  // namespace sc
