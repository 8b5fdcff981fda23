// Local accounts of the running Windows machine as the Win32 API answers
// (NetUserEnum level 3, NetUserModalsGet level 0, and a blank-password
// LogonUserW per enabled account), and the pure step that turns those answers
// into the boot probe's AccountFacts. The API calls are Windows-build-only
// (netuser_win32.cpp; the posix build answers "not available"), so the
// judgement is tested with recorded answers (tests/checks/boot/netuser_test.cpp).
//
// LogonUserW(name, ".", "") is tried for local accounts only. When auditing
// of logon events is on, each attempt that fails writes a Security event 4625
// (failed logon) — the documented cost of this test (WINDOWS.md, Known traps).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "checks/boot/boot_checks.hpp"

namespace sc {

inline constexpr std::uint32_t kUfAccountDisable = 0x0002;  // lmaccess.h UF_ACCOUNTDISABLE
inline constexpr std::uint32_t kUfPasswdNotReqd = 0x0020;   // UF_PASSWD_NOTREQD
inline constexpr std::uint32_t kTimeqForever = 0xffffffff;  // TIMEQ_FOREVER

struct NetUserRecord {
  std::string name;
  std::uint32_t rid = 0;
  std::uint32_t flags = 0;                   // usri3_flags
  std::uint32_t password_age_s = 0;          // usri3_password_age (seconds since the last change)
  std::optional<std::uint32_t> blank_logon;  // GetLastError() of LogonUserW with "" (0: it logged on)
};

struct NetUserAnswers {
  bool available = false;  // false: not asked (not the Windows build, or not live) with `error`
  std::string error;
  std::vector<NetUserRecord> users;
  std::optional<std::uint32_t> max_passwd_age_s;  // usrmod0_max_passwd_age
};

// Windows build, live: the API; otherwise available = false.
NetUserAnswers query_netuser(const Host& host);

// Blank when the empty password logged on (0) or was refused only by the
// "blank passwords for console logon only" policy (1327 ERROR_ACCOUNT_RESTRICTION);
// a wrong password (1326 ERROR_LOGON_FAILURE) means one is set; anything else
// is undecided.
AccountFacts account_facts_from_netuser(const NetUserAnswers& answers, Time now);

}  // namespace sc
