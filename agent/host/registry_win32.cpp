// The registry facade on the Windows build. Live (the root is the running
// system): the Win32 registry, 64-bit view (KEY_WOW64_64KEY), so a 32-bit
// build would still see what 64-bit Windows stores; 32-bit products are read
// through their WOW6432Node paths, as offline. An offline root: the hive
// files read with libregf (registry_regf.cpp; the same discovery, paths and
// errors as the Linux build's hivex reader, registry_files.cpp), because
// RegLoadAppKeyW is a stub under wine 8 and needs exclusive access to the
// hive on Windows (/work/helpers/wine-findings.md), and hivex cannot be
// cross-built from Debian's sources.
#include <windows.h>

#include <algorithm>

#include "agent/core/host.hpp"
#include "agent/core/text.hpp"
#include "agent/host/registry_regf.hpp"
#include "agent/host/win32_text.hpp"

namespace sc {

namespace {

constexpr DWORD kMaxChildren = 200000;

struct Key {
  HKEY h = nullptr;
  ~Key() {
    if (h) RegCloseKey(h);
  }
};

class LiveRegistry : public Registry {
 public:
  RegKeyResult key(std::string_view path) const override {
    RegKeyResult r;
    std::string why;
    std::optional<RegPath> rp = parse_reg_path(path, &why);
    if (!rp) {
      r.error = why;
      return r;
    }
    HKEY root = rp->hive == "USER" ? HKEY_USERS : HKEY_LOCAL_MACHINE;
    std::string sub = rp->hive == "USER" ? rp->user : rp->hive;
    for (const auto& part : rp->parts) sub += "\\" + part;
    r.key.path = (rp->hive == "USER" ? "HKU\\" : "HKLM\\") + sub;
    Key k;
    LSTATUS rc = RegOpenKeyExW(root, win32::wide(sub).c_str(), 0, KEY_READ | KEY_WOW64_64KEY, &k.h);
    if (rc == ERROR_FILE_NOT_FOUND || rc == ERROR_PATH_NOT_FOUND) {
      r.absent = true;
      return r;
    }
    if (rc == ERROR_ACCESS_DENIED) {
      r.error = "no permission to read " + r.key.path + ": run as administrator";
      return r;
    }
    if (rc != ERROR_SUCCESS) {
      r.error = "cannot read " + r.key.path + ": " + win32::error_text(static_cast<DWORD>(rc));
      return r;
    }
    r.key.name = rp->parts.empty() ? sub : rp->parts.back();
    wchar_t cls[1024];
    DWORD cls_len = 1024, nsub = 0, max_sub = 0, nval = 0, max_name = 0, max_data = 0;
    FILETIME ft{};
    rc = RegQueryInfoKeyW(k.h, cls, &cls_len, nullptr, &nsub, &max_sub, nullptr, &nval, &max_name, &max_data, nullptr,
                          &ft);
    if (rc != ERROR_SUCCESS) {
      r.error = "cannot read " + r.key.path + ": " + win32::error_text(static_cast<DWORD>(rc));
      return r;
    }
    r.key.class_name = win32::utf8(std::wstring_view(cls, cls_len));
    r.key.last_write = filetime_to_time((static_cast<std::uint64_t>(ft.dwHighDateTime) << 32) | ft.dwLowDateTime);
    std::wstring name(static_cast<std::size_t>(max_sub) + 2, L'\0');
    for (DWORD i = 0; i < nsub; ++i) {
      if (i >= kMaxChildren) {
        r.key.truncated = true;
        break;
      }
      DWORD len = static_cast<DWORD>(name.size());
      if (RegEnumKeyExW(k.h, i, name.data(), &len, nullptr, nullptr, nullptr, nullptr) != ERROR_SUCCESS) continue;
      r.key.subkeys.push_back(win32::utf8(std::wstring_view(name.data(), len)));
    }
    std::wstring vname(static_cast<std::size_t>(max_name) + 2, L'\0');
    std::string data(static_cast<std::size_t>(max_data), '\0');
    for (DWORD i = 0; i < nval; ++i) {
      if (i >= kMaxChildren) {
        r.key.truncated = true;
        break;
      }
      DWORD len = static_cast<DWORD>(vname.size()), type = 0, size = static_cast<DWORD>(data.size());
      if (RegEnumValueW(k.h, i, vname.data(), &len, nullptr, &type, reinterpret_cast<BYTE*>(data.data()), &size) !=
          ERROR_SUCCESS)
        continue;
      // Raw bytes, as hivex gives them: both builds decode alike (registry.cpp).
      r.key.values.push_back(RegValue{win32::utf8(std::wstring_view(vname.data(), len)), type, data.substr(0, size)});
    }
    return r;
  }

  // The SIDs of the loaded user hives (HKEY_USERS), without the *_Classes ones.
  std::vector<std::string> users() const override {
    std::vector<std::string> out;
    DWORD n = 0;  // HKEY_USERS is predefined: nothing to open or close
    if (RegQueryInfoKeyW(HKEY_USERS, nullptr, nullptr, nullptr, &n, nullptr, nullptr, nullptr, nullptr, nullptr,
                         nullptr, nullptr) != ERROR_SUCCESS)
      return out;
    wchar_t name[256];
    for (DWORD i = 0; i < n && i < 10000; ++i) {
      DWORD len = 256;
      if (RegEnumKeyExW(HKEY_USERS, i, name, &len, nullptr, nullptr, nullptr, nullptr) != ERROR_SUCCESS) continue;
      std::string s = win32::utf8(std::wstring_view(name, len));
      if (s.size() < 8 || s.compare(s.size() - 8, 8, "_Classes") != 0) out.push_back(s);
    }
    std::sort(out.begin(), out.end());
    return out;
  }
};

}  // namespace

std::unique_ptr<Registry> make_registry(const Host& host) {
  if (host.is_system_root()) return std::make_unique<LiveRegistry>();
  return make_regf_registry(host);
}

}  // namespace sc
