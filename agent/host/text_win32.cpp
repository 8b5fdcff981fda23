// UTF-8 ⇄ UTF-16 at the Win32 edge, the command line from GetCommandLineW,
// and the console/pipe output streams of selfcheck.exe.
#include <windows.h>
// windows.h first: shellapi.h needs its types.
#include <shellapi.h>

#include <cstring>
#include <streambuf>

#include "agent/host/win32_text.hpp"

namespace sc::win {

std::wstring widen(std::string_view s) {
  if (s.empty()) return {};
  int n = MultiByteToWideChar(CP_UTF8, 0, s.data(), static_cast<int>(s.size()), nullptr, 0);
  std::wstring w(static_cast<std::size_t>(n), L'\0');
  MultiByteToWideChar(CP_UTF8, 0, s.data(), static_cast<int>(s.size()), w.data(), n);
  return w;
}

std::string narrow(std::wstring_view w) {
  if (w.empty()) return {};
  int n = WideCharToMultiByte(CP_UTF8, 0, w.data(), static_cast<int>(w.size()), nullptr, 0, nullptr, nullptr);
  std::string s(static_cast<std::size_t>(n), '\0');
  WideCharToMultiByte(CP_UTF8, 0, w.data(), static_cast<int>(w.size()), s.data(), n, nullptr, nullptr);
  return s;
}

std::string path_utf8(const std::filesystem::path& p) { return narrow(p.native()); }

std::string error_text(DWORD e) {
  wchar_t* msg = nullptr;
  DWORD n = FormatMessageW(FORMAT_MESSAGE_ALLOCATE_BUFFER | FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_IGNORE_INSERTS,
                           nullptr, e, MAKELANGID(LANG_ENGLISH, SUBLANG_ENGLISH_US), reinterpret_cast<LPWSTR>(&msg), 0,
                           nullptr);
  std::string text = n ? narrow(std::wstring_view(msg, n)) : std::string();
  if (msg) LocalFree(msg);
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' ' || text.back() == '.'))
    text.pop_back();
  return (text.empty() ? "Windows error" : text) + " (" + std::to_string(e) + ")";
}

std::vector<std::string> utf8_args() {
  std::vector<std::string> out;
  int argc = 0;
  LPWSTR* argv = CommandLineToArgvW(GetCommandLineW(), &argc);
  if (!argv) return out;
  for (int i = 1; i < argc; ++i) out.push_back(narrow(argv[i]));
  LocalFree(argv);
  return out;
}

// Buffers UTF-8; on flush writes whole characters (an incomplete sequence at
// the end waits for its remaining bytes).
class StdStream::Buf : public std::streambuf {
 public:
  explicit Buf(DWORD which) : h_(GetStdHandle(which)) {
    DWORD mode = 0;
    console_ = h_ && h_ != INVALID_HANDLE_VALUE && GetFileType(h_) == FILE_TYPE_CHAR && GetConsoleMode(h_, &mode);
    setp(data_, data_ + sizeof data_);
  }
  ~Buf() override { sync(); }
  bool console() const { return console_; }

 protected:
  int_type overflow(int_type c) override {
    if (flush_buf(false) != 0) return traits_type::eof();
    if (!traits_type::eq_int_type(c, traits_type::eof())) {
      *pptr() = traits_type::to_char_type(c);
      pbump(1);
    }
    return traits_type::not_eof(c);
  }
  int sync() override { return flush_buf(true); }

 private:
  // How many bytes at the end of [p, p+n) start a UTF-8 sequence not yet complete.
  static std::size_t incomplete_tail(const char* p, std::size_t n) {
    for (std::size_t back = 1; back <= 3 && back <= n; ++back) {
      unsigned char c = static_cast<unsigned char>(p[n - back]);
      if ((c & 0xC0) == 0x80) continue;  // continuation byte: look further back
      std::size_t need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
      return need > back ? back : 0;
    }
    return 0;
  }
  int flush_buf(bool all) {
    std::size_t n = static_cast<std::size_t>(pptr() - pbase());
    std::size_t keep = console_ ? incomplete_tail(pbase(), n) : 0;
    if (all && !console_) keep = 0;
    std::size_t out = n - keep;
    bool ok = true;
    if (out > 0 && h_ && h_ != INVALID_HANDLE_VALUE) {
      if (console_) {
        std::wstring w = win::widen(std::string_view(pbase(), out));
        DWORD done = 0;
        ok = WriteConsoleW(h_, w.data(), static_cast<DWORD>(w.size()), &done, nullptr);
      } else {
        const char* p = pbase();
        std::size_t left = out;
        while (ok && left > 0) {
          DWORD done = 0;
          ok = WriteFile(h_, p, static_cast<DWORD>(left), &done, nullptr) && done > 0;
          p += done;
          left -= done;
        }
      }
    }
    std::memmove(data_, pbase() + out, keep);
    setp(data_, data_ + sizeof data_);
    pbump(static_cast<int>(keep));
    return ok ? 0 : -1;
  }

  HANDLE h_;
  bool console_ = false;
  char data_[8192];
};

StdStream::StdStream(DWORD which) : std::ostream(nullptr), buf_(new Buf(which)) { rdbuf(buf_); }
StdStream::~StdStream() {
  buf_->pubsync();
  delete buf_;
}
bool StdStream::console() const { return buf_->console(); }

}  // namespace sc::win
