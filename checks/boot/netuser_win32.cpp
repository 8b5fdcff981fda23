// The NetUser API on the Windows build (live only): NetUserEnum level 3 for
// local accounts, NetUserModalsGet level 0 for the maximum password age, and
// LogonUserW(name, ".", L"") for each enabled account (see netuser.hpp for
// the failed-logon event it may write). Untestable under Wine: the pure step
// account_facts_from_netuser is tested with recorded answers instead.
#include <windows.h>
// windows.h first
#include <lm.h>

#include "agent/core/text.hpp"
#include "checks/boot/netuser.hpp"

namespace sc {

namespace {

std::string narrow(const wchar_t* w) {
  if (!w) return {};
  int n = WideCharToMultiByte(CP_UTF8, 0, w, -1, nullptr, 0, nullptr, nullptr);
  std::string s(n > 0 ? static_cast<std::size_t>(n - 1) : 0, '\0');
  if (n > 1) WideCharToMultiByte(CP_UTF8, 0, w, -1, s.data(), n, nullptr, nullptr);
  return s;
}

}  // namespace

NetUserAnswers query_netuser(const Host& host) {
  NetUserAnswers a;
  if (!host.live()) {
    a.error = "offline root: accounts are read from the SAM hive";
    return a;
  }
  USER_MODALS_INFO_0* modals = nullptr;
  if (NetUserModalsGet(nullptr, 0, reinterpret_cast<LPBYTE*>(&modals)) == NERR_Success && modals) {
    a.max_passwd_age_s = modals->usrmod0_max_passwd_age;
    NetApiBufferFree(modals);
  }
  DWORD resume = 0;
  NET_API_STATUS st;
  do {
    USER_INFO_3* buf = nullptr;
    DWORD read = 0, total = 0;
    st = NetUserEnum(nullptr, 3, FILTER_NORMAL_ACCOUNT, reinterpret_cast<LPBYTE*>(&buf), MAX_PREFERRED_LENGTH, &read,
                     &total, &resume);
    if (st != NERR_Success && st != ERROR_MORE_DATA) {
      a.error = "NetUserEnum failed with error " + std::to_string(st);
      return a;
    }
    for (DWORD i = 0; buf && i < read; ++i) {
      NetUserRecord r;
      r.name = narrow(buf[i].usri3_name);
      r.rid = buf[i].usri3_user_id;
      r.flags = buf[i].usri3_flags;
      r.password_age_s = buf[i].usri3_password_age;
      if (!(r.flags & kUfAccountDisable)) {
        HANDLE token = nullptr;
        if (LogonUserW(buf[i].usri3_name, L".", L"", LOGON32_LOGON_INTERACTIVE, LOGON32_PROVIDER_DEFAULT, &token)) {
          r.blank_logon = 0;
          CloseHandle(token);
        } else {
          r.blank_logon = GetLastError();
        }
      }
      a.users.push_back(std::move(r));
    }
    if (buf) NetApiBufferFree(buf);
  } while (st == ERROR_MORE_DATA);
  a.available = true;
  return a;
}

}  // namespace sc
