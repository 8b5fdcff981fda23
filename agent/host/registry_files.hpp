// The part of the offline registry facade that does not depend on the hive
// library: finding hive files under an audited root (case-insensitively,
// refusing symbolic links out of the root, bounding the size), resolving
// logical paths (HKLM\<hive>, HKU\<profile>, CurrentControlSet through
// Select\Current), one lock per hive, and the error texts. The libhivex
// (registry_hivex.cpp) and libregf (registry_regf.cpp) backends plug in only
// their library calls through HiveReader, so both behave the same.
#pragma once
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "agent/core/registry.hpp"

namespace sc {

class Host;

// Bounds shared by the backends.
inline constexpr std::uint64_t kMaxHiveBytes = 512ull << 20;  // larger than any real hive
inline constexpr std::size_t kMaxHiveChildren = 200000;       // subkeys or values read per key
inline constexpr std::size_t kMaxHiveValueBytes = 16u << 20;

// One opened hive file. Calls are serialised by the caller (one mutex per hive).
class HiveReader {
 public:
  virtual ~HiveReader() = default;
  // Fill r.key (name, class_name, last_write, subkeys, values, truncated)
  // for the key at `parts` below the hive root; r.absent when a component is
  // not there; r.error = corrupt(reason) when the library fails.
  virtual void read_key(const std::vector<std::string>& parts, RegKeyResult& r,
                        const std::function<std::string(const std::string&)>& corrupt) = 0;
};

// What opening a hive file gave: a reader, or why not.
struct HiveOpen {
  std::unique_ptr<HiveReader> reader;
  bool permission_denied = false;
  std::string detail;  // the library's reason when `reader` is null
};
// Opens the regular file `path` of `size` bytes (already checked).
using HiveOpener = std::function<HiveOpen(const std::filesystem::path& path, std::uintmax_t size)>;

// The offline registry over the Host's root with `open` as the hive library.
std::unique_ptr<Registry> make_hive_file_registry(const Host& host, HiveOpener open);

}  // namespace sc
