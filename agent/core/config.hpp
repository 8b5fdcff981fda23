// The administrator's config (/etc/selfcheck/agent.yaml, --config FILE):
// who and what this machine is, approved USB drives, collection drives,
// network targets, spool. Every key optional; anything unknown is refused.
#pragma once
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "agent/core/platform.hpp"

namespace sc {

enum class Classification { confidential, internal, public_ };
std::string_view to_string(Classification c);

// A registered USB device: vid+pid+serial, or the whole model when serial is absent.
struct UsbEntry {
  std::string vid;  // 4 lower-case hex digits
  std::string pid;
  std::optional<std::string> serial;
  std::string note;
  bool matches(std::string_view vid, std::string_view pid, std::string_view serial) const;
};

struct Config {
  std::string source;  // the file read, or "" for built-in defaults
  std::string asset_id, owner, department;
  Classification classification = Classification::internal;
  bool classification_given = false;
  std::vector<UsbEntry> approved;
  std::vector<UsbEntry> collection_drives;
  std::optional<std::vector<std::string>> targets;  // host:port; unset → rules/network.yaml
  std::vector<std::string> internal_networks;       // CIDR, extends RFC 1918
  std::int64_t timeout_ms = 1500;
  std::filesystem::path spool = local_paths().spool;  // /var/lib/selfcheck; Windows %ProgramData%\selfcheck
  std::int64_t spool_keep = 20;
};

class Host;

// The largest agent.yaml read (checked before parsing).
inline constexpr std::size_t kMaxConfigBytes = 1u << 20;

// Reads and validates a config file (regular files only, at most
// kMaxConfigBytes). Throws ConfigError with file:line:column.
Config load_config(const std::filesystem::path& file);
// The config of the audited machine, read through the Host (inside its root).
Config load_config(const Host& host, std::string_view abs);
Config parse_config(std::string_view text, const std::string& file_name);

}  // namespace sc
