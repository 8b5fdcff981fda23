// Fuzz target: sc::LineReader on a real file, plain or gzip (one or two members,
// whole or cut short), read with next() or next_block(). Whole inputs must read
// back as exactly the lines written (lines over kMaxLine cut); corrupt or cut
// gzip must end cleanly. Input: [mode][cut][payload], where in the payload the
// byte 0x01 followed by n expands to (n+1)*512 'A's, so that short inputs can
// make lines longer than kMaxLine and files larger than the 1 MiB buffer.
#include <fcntl.h>
#include <unistd.h>
#include <zlib.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "checks/linux/log_reader.hpp"
#include "fuzz_check.hpp"

namespace {

constexpr std::size_t kMax = sc::LineReader::kMaxLine;

const std::string& temp_path() {
  static const std::string path = [] {
    const char* dir = std::getenv("TMPDIR");
    if (!dir || !*dir) dir = ::access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";  // memory is faster
    std::string tmpl = std::string(dir) + "/fuzz_log_reader.XXXXXX";
    int fd = ::mkstemp(tmpl.data());
    if (fd < 0) std::abort();
    ::close(fd);
    std::atexit([] { ::unlink(temp_path().c_str()); });
    return tmpl;
  }();
  return path;
}

std::string expand(const std::uint8_t* p, std::size_t n) {
  std::string out;
  for (std::size_t i = 0; i < n && out.size() < (3u << 19); ++i) {
    if (p[i] == 0x01 && i + 1 < n) {
      out.append((static_cast<std::size_t>(p[++i]) + 1) * 512, 'A');
    } else {
      out.push_back(static_cast<char>(p[i]));
    }
  }
  return out;
}

void write_plain(const std::string& path, std::string_view s) {
  int fd = ::open(path.c_str(), O_WRONLY | O_TRUNC | O_CLOEXEC);
  if (fd < 0) std::abort();
  for (std::size_t off = 0; off < s.size();) {
    ssize_t w = ::write(fd, s.data() + off, s.size() - off);
    if (w <= 0) std::abort();
    off += static_cast<std::size_t>(w);
  }
  ::close(fd);
}

void write_gzip(const std::string& path, std::string_view s, const char* mode) {
  gzFile gz = gzopen(path.c_str(), mode);
  if (!gz) std::abort();
  if (!s.empty() && gzwrite(gz, s.data(), static_cast<unsigned>(s.size())) <= 0) std::abort();
  gzclose(gz);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 2) return 0;
  const std::uint8_t mode = data[0], cut = data[1];
  const bool gzip = mode & 1, blocks = mode & 2, two_members = mode & 4, cut_short = mode & 8;
  const std::string payload = expand(data + 2, size - 2);
  const std::string& path = temp_path();

  if (gzip) {
    std::size_t half = two_members ? payload.size() / 2 : payload.size();
    write_gzip(path, std::string_view(payload).substr(0, half), "wb1");
    if (two_members) write_gzip(path, std::string_view(payload).substr(half), "ab1");
  } else {
    write_plain(path, payload);
  }
  if (gzip && cut_short) {
    // Cut the compressed file short by 1..256 bytes.
    int fd = ::open(path.c_str(), O_RDWR | O_CLOEXEC);
    off_t len = ::lseek(fd, 0, SEEK_END);
    off_t keep = len - 1 - cut;
    if (::ftruncate(fd, keep > 0 ? keep : 0) != 0) std::abort();
    ::close(fd);
  }

  sc::LineReader r(path);
  if (!r.ok()) std::abort();
  std::vector<std::string> got;
  std::string_view v;
  if (blocks) {
    while (r.next_block(v)) {
      if (v.empty()) std::abort();  // a block always holds something
      if (v.back() == '\n') {
        for (auto l : fuzz::lines(v.substr(0, v.size() - 1))) got.emplace_back(l);
        if (v.size() == 1 || v[v.size() - 2] == '\n') got.emplace_back();  // empty last line
      } else {
        got.emplace_back(v);
      }
    }
  } else {
    while (r.next(v)) {
      if (v.size() > kMax) std::abort();
      got.emplace_back(v);
    }
  }

  // Raw bytes that happen to start with the gzip magic, or a cut gzip file:
  // no expectation beyond a clean end.
  const bool known = gzip ? !cut_short : !(payload.size() >= 2 && payload[0] == '\x1f' && payload[1] == '\x8b');
  if (!known) return 0;
  if (r.truncated()) std::abort();
  if (r.bytes() != payload.size()) std::abort();
  std::vector<std::string_view> want = fuzz::lines(payload);
  // fuzz::lines drops the empty piece after a final '\n', as the reader does.
  if (got.size() != want.size()) std::abort();
  std::uint64_t longer = 0, at_cap = 0;
  for (std::size_t i = 0; i < want.size(); ++i) {
    std::string_view w = want[i], g = got[i];
    if (w.size() > kMax) {
      ++longer;
      // next_block may hand out a long line whole (inside a block) or cut.
      if (g != w.substr(0, kMax) && !(blocks && g == w)) std::abort();
    } else {
      if (w.size() == kMax) ++at_cap;
      if (g != w) std::abort();
    }
  }
  if (!blocks && (r.long_lines() < longer || r.long_lines() > longer + at_cap)) std::abort();
  return 0;
}
