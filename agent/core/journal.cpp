// The pure part of the journal reader (a file header's problem), shared by
// both builds: the Linux build checks files with it before libsystemd reads
// them (agent/host/journal_posix.cpp); the Windows build reads no journal.
#include "agent/core/journal.hpp"

#include <fmt/format.h>

#include <cstdint>

namespace sc {

namespace {

std::uint32_t le32(std::string_view s, std::size_t at) {
  auto b = [&](std::size_t i) { return static_cast<std::uint32_t>(static_cast<unsigned char>(s[at + i])); };
  return b(0) | b(1) << 8 | b(2) << 16 | b(3) << 24;
}

}  // namespace

std::string journal_header_problem(std::string_view h) {
  if (h.size() < 16) return "not a journal file (too short)";
  if (h.substr(0, 8) != "LPKSHHRH") return "not a journal file (bad signature)";
  // Incompatible flags known to libsystemd 252: XZ, LZ4, keyed hash, ZSTD, compact.
  constexpr std::uint32_t known = 0x1f;
  std::uint32_t incompatible = le32(h, 12);
  if (incompatible & ~known)
    return fmt::format("journal format newer than this reader (incompatible flags {:#x})", incompatible);
  return "";
}

}  // namespace sc
