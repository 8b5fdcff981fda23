// Text at the Win32 edge (WINDOWS.md "Text and the console"): UTF-8 inside,
// UTF-16 only where a Win32 API takes or gives it. Windows build only.
#pragma once
#include <windows.h>

#include <filesystem>
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
