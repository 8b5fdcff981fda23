// Checking findings files: the SHA-256 over the canonical content and, with
// the unit key, the HMAC-SHA256 (`selfcheck verify`, `selfcheck summary`);
// making and reading the unit key (`selfcheck key new`).
#pragma once
#include <filesystem>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>

#include "agent/document.hpp"

namespace sc {

enum class FileCheck {
  ok,              // hash matches (and the HMAC, when a key was given)
  unsigned_file,   // a key was given but the file has no HMAC
  corrupt,         // not YAML/JSON, truncated, no hash, or content ≠ hash
  tampered,        // hash matches but the HMAC does not: changed and re-hashed
  unknown_schema,  // another schema (or not a findings file at all)
  unreadable,      // the file could not be read
};
std::string_view to_string(FileCheck c);
// "ok", "未签名" ... for reports.
std::string check_words(FileCheck c, Lang lang);
inline bool acceptable(FileCheck c) { return c == FileCheck::ok; }

struct Verification {
  FileCheck check = FileCheck::corrupt;
  std::string reason;           // why, in English (empty when ok)
  bool signed_checked = false;  // the HMAC was checked and matched
  std::optional<Document> doc;  // set when the file parsed (schema 2 or 1)
};

// Verifies one findings file's text. The hash is computed over the parsed
// generic tree minus `integrity`, so keys unknown to this version count.
// `key` empty: only the SHA-256 is checked.
Verification verify_text(std::string_view text, std::string_view key);
// The largest findings file read (report, summary, verify, collect).
inline constexpr std::size_t kMaxFindingsBytes = 64u << 20;
// Reads `file` (a regular file of at most kMaxFindingsBytes, checked before
// reading) and verifies it.
Verification verify_file(const std::filesystem::path& file, std::string_view key);

// <settings>/unit.key on the running machine (platform.hpp local_paths():
// /etc/selfcheck/unit.key, %ProgramData%\selfcheck\unit.key on Windows).
std::filesystem::path default_key_file();
inline constexpr std::size_t kKeyBytes = 32;

// The unit key: the file's bytes are the HMAC key (what `scan` reads).
// Throws ConfigError when it cannot be read or is empty.
std::string read_key(const std::filesystem::path& file);
// Writes 32 random bytes (OpenSSL RAND_bytes) to `file`, mode 0600, atomically;
// refuses to replace an existing key unless `force`. Throws OutputError.
void write_new_key(const std::filesystem::path& file, bool force);
// The key `verify` and `summary` use: `key_file` (must be readable; else
// ConfigError), or the default key file when it can be read (a note on `err`
// when it exists but cannot), or "" (sha256 only). In cmd_verify.cpp.
std::string unit_key(const std::optional<std::string>& key_file, const std::string& command, std::ostream& err);

}  // namespace sc
