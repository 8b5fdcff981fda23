// GRUB 2 configuration as GRUB reads it at boot: grub.cfg is a script, so the
// protection it sets up (superusers, password_pbkdf2, plain password) is found
// by a small interpreter that follows `source`/`configfile` includes and the
// BLS entries of `blscfg`, evaluates the simple `[ ... ]` tests the generated
// files use (-f, -n, -z, =), and counts the menu entries that boot without the
// password (--unrestricted). Pure: files come through GrubFs, never the disk.
#pragma once
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace sc {

// A file as GRUB names it ("/boot/grub/user.cfg", device already stripped).
struct GrubFileRead {
  bool exists = false;
  std::string data;
  std::string error;  // exists but cannot be read
  std::string path;   // the path on the audited machine it resolved to
};

struct GrubFs {
  std::function<GrubFileRead(const std::string& path)> read;
  std::function<std::vector<std::string>(const std::string& dir)> list;  // entry names, sorted
};

enum class GrubPassword { pbkdf2, plain, invalid };

struct GrubAnalysis {
  std::vector<std::string> superusers;            // the last `set superusers=` (split like GRUB does)
  std::map<std::string, GrubPassword> passwords;  // user → kind; never the hash
  bool conditional = false;                       // the protection depends on a test selfcheck cannot decide
  int menu_entries = 0;
  int unrestricted_entries = 0;
  bool bls = false;                   // blscfg loaded /boot/loader/entries
  std::vector<std::string> files;     // files read, in order (resolved paths)
  std::vector<std::string> problems;  // "path: reason" for includes that exist but cannot be read
  int malformed = 0;                  // unbalanced blocks, runaway nesting

  // A superuser with a pbkdf2 password.
  bool protected_pbkdf2() const;
  // A superuser with a plain-text password (and none with pbkdf2).
  bool protected_plain_only() const;
  // Any plain-text `password` line at all (the text is readable in grub.cfg).
  std::vector<std::string> plain_users() const;
};

// Runs `entry` (a GRUB path) with $prefix and $config_directory set to its
// directory. Survives any bytes; includes nest at most 8 deep.
GrubAnalysis analyze_grub(const std::string& entry, const GrubFs& fs);

// What a generator script in /etc/grub.d (or /boot/grub2/user.cfg) sets up,
// by literal lines: update-grub copies them into grub.cfg.
struct GrubSourceScan {
  bool superusers = false;           // a `set superusers=` line with a literal value
  bool pbkdf2 = false;               // `password_pbkdf2 USER grub.pbkdf2...` with a literal hash
  bool plain = false;                // `password USER TEXT`
  bool uses_grub2_password = false;  // refers to ${GRUB2_PASSWORD} (RHEL 01_users)
  bool grub2_password_set = false;   // GRUB2_PASSWORD=grub.pbkdf2... (RHEL user.cfg)
};
GrubSourceScan scan_grub_source(std::string_view text);

// GRUB splits superusers on spaces, commas, semicolons, pipes and ampersands.
std::vector<std::string> split_grub_users(std::string_view value);

}  // namespace sc
