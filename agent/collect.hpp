// The inspection team's collection drive: finding it (a mounted filesystem
// with `selfcheck-collection.yaml` at its root) and writing a machine's
// findings onto it as <drive>/selfcheck/<YYYY-MM-DD>/<hostname>-<machine-id
// prefix>.yaml. The marker only says where to write; it exempts nothing.
#pragma once
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "agent/core/config.hpp"
#include "agent/core/host.hpp"
#include "agent/document.hpp"

namespace sc {

inline constexpr std::string_view kCollectionMarker = "selfcheck-collection.yaml";

// Mount points in /proc/self/mountinfo text (field 5, octal escapes such as
// \040 decoded). Malformed lines are skipped.
std::vector<std::string> parse_mountinfo(std::string_view text);

// The candidates (mount points on Linux, removable volumes' roots on
// Windows: collection_drive_candidates() in agent/core/drives.hpp) that hold
// the marker file at their root, each once.
std::vector<std::filesystem::path> find_collection_drives(const std::vector<std::filesystem::path>& candidates);
// The same over the mount points of /proc/self/mountinfo text.
std::vector<std::filesystem::path> find_collection_drives(std::string_view mountinfo_text);

// "2026-11-20/PC-0123-0f1e2d3c.yaml": the scan's local date (scan.as_of, else
// scan.finished) and the hostname with the machine-id's first 8 characters.
std::filesystem::path collection_name(const Document& doc);

// Writes `yaml_text` (the findings file exactly as kept in the spool) onto
// the drive: `dir` when given, else the one drive with the marker (a mount
// point on Linux, a removable volume E:\ … on Windows).
// Atomic through host.write_file_atomic. Throws OutputError (exit 3) when no
// or several drives are found, or the drive is full, read-only or gone;
// nothing is left half-written and the caller's spool copy stays.
// Returns the file written. `config` is reserved (collection_drives are the
// USB probe's business, not the writer's).
std::filesystem::path collect_document(const Host& host, const Config& config, const std::string& yaml_text,
                                       const Document& doc, std::optional<std::filesystem::path> dir);

}  // namespace sc
