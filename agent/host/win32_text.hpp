// Text at the Win32 edge (WINDOWS.md "Text and the console"): UTF-8 inside,
// UTF-16 only where a Win32 API takes or gives it. Windows build only.
#pragma once
#include <windows.h>

#include <filesystem>
#include <functional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace sc::win {

std::wstring widen(std::string_view utf8);   // invalid bytes become U+FFFD
std::string narrow(std::wstring_view wide);  // unpaired surrogates become U+FFFD
std::string path_utf8(const std::filesystem::path& p);
// FormatMessageW's text for a Win32 error, in UTF-8, with the number.
std::string error_text(DWORD error);
// The program's arguments (without argv[0]) from GetCommandLineW, as UTF-8.
std::vector<std::string> utf8_args();

// Temp file in the same directory, FlushFileBuffers, MoveFileExW(REPLACE_EXISTING |
// WRITE_THROUGH). Throws OutputError. (files_win32.cpp)
void write_atomic(const std::filesystem::path& target, std::string_view data);
// The same, the data handed over in pieces by `produce`.
void write_atomic(const std::filesystem::path& target,
                  const std::function<void(const std::function<void(std::string_view)>&)>& produce);

// An ostream on a standard handle: UTF-8 bytes as they are to a file or pipe;
// to a console, converted to UTF-16 and written with WriteConsoleW, so a zh
// text reads right whatever the console's code page (936, 437, ...).
class StdStream : public std::ostream {
 public:
  explicit StdStream(DWORD which);  // STD_OUTPUT_HANDLE, STD_ERROR_HANDLE
  ~StdStream() override;
  bool console() const;

 private:
  class Buf;
  Buf* buf_;
};

}  // namespace sc::win

// The registry and event-log backends' short helpers (same conversions).
#include <windows.h>

namespace sc::win32 {

inline std::wstring wide(std::string_view s) {
  if (s.empty()) return {};
  int n = MultiByteToWideChar(CP_UTF8, 0, s.data(), static_cast<int>(s.size()), nullptr, 0);
  std::wstring w(static_cast<std::size_t>(n > 0 ? n : 0), L'\0');
  if (n > 0) MultiByteToWideChar(CP_UTF8, 0, s.data(), static_cast<int>(s.size()), w.data(), n);
  return w;
}

inline std::string utf8(std::wstring_view w) {
  if (w.empty()) return {};
  int n = WideCharToMultiByte(CP_UTF8, 0, w.data(), static_cast<int>(w.size()), nullptr, 0, nullptr, nullptr);
  std::string s(static_cast<std::size_t>(n > 0 ? n : 0), '\0');
  if (n > 0) WideCharToMultiByte(CP_UTF8, 0, w.data(), static_cast<int>(w.size()), s.data(), n, nullptr, nullptr);
  return s;
}

// FormatMessageW text of a Win32 error code, without the trailing newline.
inline std::string error_text(DWORD code) {
  wchar_t* buf = nullptr;
  DWORD n = FormatMessageW(FORMAT_MESSAGE_ALLOCATE_BUFFER | FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_IGNORE_INSERTS,
                           nullptr, code, 0, reinterpret_cast<wchar_t*>(&buf), 0, nullptr);
  std::string s = n ? utf8(std::wstring_view(buf, n)) : "error " + std::to_string(code);
  if (buf) LocalFree(buf);
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r' || s.back() == '.')) s.pop_back();
  return s;
}

}  // namespace sc::win32
