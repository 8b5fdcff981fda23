// Debian package version ordering (deb-version(7)): epoch, upstream version,
// Debian revision, and the `~` that sorts before everything. Implemented once
// here for the patch probe; tested against `dpkg --compare-versions`.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sc {

struct DebVersion {
  std::uint32_t epoch = 0;
  std::string_view upstream;  // views into the parsed text
  std::string_view revision;  // empty when the version has no '-'
};

// Splits "[epoch:]upstream[-revision]" as dpkg's parseversion does. nullopt
// (with the reason in *error) on what dpkg refuses: empty, embedded blanks,
// a non-numeric or huge epoch, an empty upstream or revision.
std::optional<DebVersion> parse_deb_version(std::string_view text, std::string* error = nullptr);

// <0, 0, >0 like dpkg's verrevcmp over epoch, upstream, revision.
int compare_deb_versions(const DebVersion& a, const DebVersion& b);

// Compares two version strings. A string that does not parse is compared as
// an epoch-0 upstream version (lenient, never throws) — callers that must
// refuse bad versions (rules) use parse_deb_version first.
int compare_deb_versions(std::string_view a, std::string_view b);

// The newest kernel release among /boot's entry names ("vmlinuz-6.1.0-10-amd64"
// → "6.1.0-10-amd64"), by Debian version order (6.1.0-10 after 6.1.0-9, which
// string order gets wrong); "" when there is none.
std::string newest_kernel_release(const std::vector<std::string>& boot_entries);

}  // namespace sc
