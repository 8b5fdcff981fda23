// /etc/shadow and /etc/passwd as shadow-utils and glibc write and read them.
// Privacy by construction: the parser keeps only whether a password is empty,
// locked or set, never the hash or any part of it.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sc {

// What a password field means to pam_unix: "" logs in without a password,
// "!..." / "*..." is locked, anything else is a (hashed) password.
enum class PasswordState { empty, locked, set };
PasswordState classify_password_field(std::string_view field);

struct ShadowEntry {
  std::string name;
  PasswordState state = PasswordState::locked;
  std::optional<std::int64_t> last_change;  // days since 1970-01-01; 0 = must change at next login
  std::optional<std::int64_t> max_days;     // field 5; 99999 = never
};

struct ShadowFile {
  std::vector<ShadowEntry> entries;
  int malformed = 0;  // lines skipped: too few/many fields, bad numbers, empty name
  int nis = 0;        // "+" / "-" NIS compat lines, skipped
};

// name:password:lastchg:min:max:warn:inactive:expire:reserved. Like glibc, a
// line with only name:password (old style) is accepted. Survives any bytes.
ShadowFile parse_shadow(std::string_view text);

struct PasswdEntry {
  std::string name;
  PasswordState state = PasswordState::locked;  // of field 2 itself
  bool shadowed = false;                        // field 2 is "x": the password is in shadow
  std::int64_t uid = -1;
  std::int64_t gid = -1;
  std::string home;
  std::string shell;  // "" means /bin/sh
};

struct PasswdFile {
  std::vector<PasswdEntry> entries;
  int malformed = 0;
  int nis = 0;
};

// name:password:uid:gid:gecos:home:shell. Survives any bytes.
PasswdFile parse_passwd(std::string_view text);

}  // namespace sc
