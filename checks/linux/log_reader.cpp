// LineReader: read(2) for plain files, zlib gzread for .gz, one fixed buffer.
#include "checks/linux/log_reader.hpp"

#include <zlib.h>
#ifdef _WIN32
#include <io.h>
#else
#include <unistd.h>
#endif

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <map>

#include "agent/core/host.hpp"
#include "agent/core/platform.hpp"

namespace sc {

namespace {
constexpr std::size_t kBuf = 1u << 20;  // 1 MiB

#ifdef _WIN32
// The Windows build (a Linux root audited by selfcheck.exe): CRT descriptors
// (Host::open_file, open_local_file); no pread, so read and rewind.
long read_head(int fd, unsigned char* b, unsigned n) {
  long r = ::_read(fd, b, n);
  ::_lseeki64(fd, 0, SEEK_SET);
  return r;
}
long read_some(int fd, char* b, std::size_t n) { return ::_read(fd, b, static_cast<unsigned>(n)); }
#else
long read_head(int fd, unsigned char* b, unsigned n) { return ::pread(fd, b, n, 0); }
long read_some(int fd, char* b, std::size_t n) { return ::read(fd, b, n); }
#endif
}  // namespace

LineReader::LineReader(const Host& host, std::string_view abs) {
  FileResult why;
  fd_ = host.open_file(abs, why);
  if (fd_ < 0) {
    error_ = why.error;
    return;
  }
  start(std::string(abs));
}

LineReader::LineReader(const std::filesystem::path& file) {
  FileResult why;
  fd_ = open_local_file(file, why);
  if (fd_ < 0) {
    error_ = why.error;
    return;
  }
  start(path_text(file));
}

void LineReader::start(const std::string& name) {
  unsigned char magic[2] = {0, 0};
  long n = read_head(fd_, magic, 2);
  if (n == 2 && magic[0] == 0x1f && magic[1] == 0x8b) {
    int dupfd = ::dup(fd_);
    gz_ = gzdopen(dupfd, "rb");
    if (!gz_) {
      ::close(dupfd);
      error_ = "cannot open gzip stream: " + name;
      ::close(fd_);
      fd_ = -1;
      return;
    }
    gzbuffer(static_cast<gzFile>(gz_), 256 * 1024);
    gzip_ = true;
  }
  cap_ = kBuf + kMaxLine;
  buf_.reset(new char[cap_]);
  opened_ = true;
}

LineReader::~LineReader() {
  if (gz_) gzclose(static_cast<gzFile>(gz_));
  if (fd_ >= 0) ::close(fd_);
}

bool LineReader::fill() {
  if (eof_ || !opened_) return false;
  if (start_ > 0) {  // compact
    std::memmove(buf_.get(), buf_.get() + start_, end_ - start_);
    end_ -= start_;
    start_ = 0;
  }
  std::size_t room = cap_ - end_;
  if (room == 0) return false;
  std::size_t want = std::min(room, kBuf);
  long got;
  if (gzip_) {
    gzFile gz = static_cast<gzFile>(gz_);
    int r = gzread(gz, buf_.get() + end_, static_cast<unsigned>(want));
    if (r < 0) {
      int err = 0;
      const char* msg = gzerror(gz, &err);
      truncated_ = true;
      error_ = std::string("corrupt gzip data: ") + (msg ? msg : "");
      eof_ = true;
      return false;
    }
    got = r;
    if (r == 0) {
      int err = 0;
      const char* msg = gzerror(gz, &err);
      if (err != Z_OK && err != Z_STREAM_END) {
        truncated_ = true;
        error_ = std::string("truncated gzip data: ") + (msg ? msg : "");
      }
    }
  } else {
    long r;
    do r = read_some(fd_, buf_.get() + end_, want);
    while (r < 0 && errno == EINTR);
    if (r < 0) {
      truncated_ = true;
      error_ = std::string("read error: ") + std::strerror(errno);
      eof_ = true;
      return false;
    }
    got = r;
  }
  if (got == 0) {
    eof_ = true;
    return false;
  }
  end_ += static_cast<std::size_t>(got);
  bytes_ += static_cast<std::uint64_t>(got);
  return true;
}

bool LineReader::next(std::string_view& line) {
  if (!opened_) return false;
  for (;;) {
    const char* b = buf_.get() + start_;
    std::size_t avail = end_ - start_;
    const char* nl = static_cast<const char*>(std::memchr(b, '\n', avail));
    if (nl) {
      std::size_t len = static_cast<std::size_t>(nl - b);
      start_ += len + 1;
      if (skipping_) {  // tail of an over-long line: drop it
        skipping_ = false;
        continue;
      }
      if (len > kMaxLine) {  // over-long line already whole in the buffer: cut it too
        len = kMaxLine;
        ++long_lines_;
      }
      line = std::string_view(b, len);
      return true;
    }
    if (avail >= kMaxLine) {  // over-long line: hand out the cap, skip the rest
      if (skipping_) {
        start_ = end_;
      } else {
        line = std::string_view(b, kMaxLine);
        start_ += avail;  // drop what we have; the rest follows until '\n'
        skipping_ = true;
        ++long_lines_;
        return true;
      }
    }
    if (!fill()) {
      avail = end_ - start_;
      if (avail == 0) return false;
      b = buf_.get() + start_;
      start_ = end_;
      if (skipping_) {
        skipping_ = false;
        return false;
      }
      line = std::string_view(b, avail);
      return true;
    }
  }
}

bool LineReader::next_block(std::string_view& block) {
  if (!opened_) return false;
  for (;;) {
    const char* b = buf_.get() + start_;
    std::size_t avail = end_ - start_;
    if (skipping_) {  // finish skipping an over-long line first (and only that line)
      if (const char* nl = static_cast<const char*>(std::memchr(b, '\n', avail))) {
        start_ += static_cast<std::size_t>(nl - b) + 1;
        skipping_ = false;
        continue;
      }
      start_ = end_;
      if (!fill()) {
        skipping_ = false;
        return false;
      }
      continue;
    }
    if (avail > 0) {
      // The last newline in the buffer closes the block.
      const char* last = nullptr;
      for (const char* p = b + avail; p > b;) {
        --p;
        if (*p == '\n') {
          last = p;
          break;
        }
      }
      if (last) {
        std::size_t len = static_cast<std::size_t>(last - b) + 1;
        start_ += len;
        block = std::string_view(b, len);
        return true;
      }
      if (avail >= kMaxLine || eof_) {  // one over-long or final line
        std::string_view line;
        if (!next(line)) return false;
        block = line;
        return true;
      }
    }
    if (!fill()) {
      if (end_ - start_ == 0) return false;
      std::string_view line;
      if (!next(line)) return false;
      block = line;
      return true;
    }
  }
}

std::vector<std::string> rotated_logs(const Host& host, std::string_view dir, std::string_view base) {
  // Sort key: higher rotation number = older. base itself is newest (0).
  std::multimap<long, std::string, std::greater<long>> order;
  std::string b(base);
  for (const std::string& name : host.list_dir(dir)) {
    if (name.rfind(b, 0) != 0) continue;
    std::string rest = name.substr(b.size());
    long key = -1;
    if (rest.empty()) {
      key = 0;
    } else if (rest[0] == '.' || rest[0] == '-') {
      std::string r = rest.substr(1);
      if (r.size() > 3 && r.compare(r.size() - 3, 3, ".gz") == 0) r.resize(r.size() - 3);
      if (!r.empty() && std::all_of(r.begin(), r.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        if (rest[0] == '.' && r.size() <= 6) {
          key = std::stol(r);  // syslog.3.gz
        } else if (rest[0] == '-' && r.size() == 8) {
          key = 100000000L - std::stol(r) + 1000000;  // messages-20261115: newer date = smaller key
        }
      }
    }
    if (key < 0) continue;
    std::string full = std::string(dir);
    if (full.empty() || full.back() != '/') full += '/';
    order.emplace(key, full + name);
  }
  std::vector<std::string> out;
  for (auto& [k, v] : order) out.push_back(v);
  return out;
}

}  // namespace sc
