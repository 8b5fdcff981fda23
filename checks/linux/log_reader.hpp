// Streaming line reader for logs, plain or gzip (detected by magic bytes),
// with a cap on what one line may hold: memory stays flat whatever the size.
// Also lists a log's rotated set (syslog, syslog.1, syslog.2.gz, ...).
#pragma once
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace sc {

class Host;

class LineReader {
 public:
  static constexpr std::size_t kMaxLine = 64 * 1024;  // longer lines are cut (flagged)

  // A log of the audited machine, opened through the Host: resolved inside
  // the root, regular files only (a FIFO is refused, never waited on).
  LineReader(const Host& host, std::string_view abs);
  // A file by its path on this machine (regular files only, non-blocking
  // open). Prefer the Host form for anything under --root.
  explicit LineReader(const std::filesystem::path& file);
  ~LineReader();
  LineReader(const LineReader&) = delete;
  LineReader& operator=(const LineReader&) = delete;

  // False when the file could not be opened; error() says why.
  bool ok() const { return error_.empty() || opened_; }
  const std::string& error() const { return error_; }
  bool gzip() const { return gzip_; }

  // Next line without its '\n'. The view is valid until the next call.
  // Lines longer than kMaxLine are returned cut to kMaxLine.
  bool next(std::string_view& line);

  // Next block of whole lines (ending in '\n', or the last line of the file):
  // for scanners that search many lines at once (memmem prefilter).
  // The view is valid until the next call. Mixing next() and next_block() is fine.
  bool next_block(std::string_view& block);

  // The stream ended early (truncated .gz, read error); error() says how.
  bool truncated() const { return truncated_; }
  std::uint64_t long_lines() const { return long_lines_; }
  std::uint64_t bytes() const { return bytes_; }  // uncompressed bytes read

 private:
  void start(const std::string& name);  // fd_ open: detect gzip, allocate
  bool fill();                          // read more into buf_; false at EOF/error
  int fd_ = -1;
  void* gz_ = nullptr;  // gzFile
  bool opened_ = false, gzip_ = false, eof_ = false, truncated_ = false;
  std::string error_;
  std::unique_ptr<char[]> buf_;
  std::size_t cap_ = 0, start_ = 0, end_ = 0;
  std::uint64_t long_lines_ = 0, bytes_ = 0;
  bool skipping_ = false;  // inside the rest of an over-long line
};

// A log and its rotations under the host's root, oldest first:
// base.N.gz … base.2.gz, base.1, base (also base-YYYYMMDD[.gz], RHEL style).
// Paths are absolute paths of the audited machine ("/var/log/syslog.1").
std::vector<std::string> rotated_logs(const Host& host, std::string_view dir, std::string_view base);

}  // namespace sc
