// Streaming parser of Windows' device installation text log,
// C:\Windows\INF\setupapi.dev.log, and its dated rotations
// (setupapi.dev.20260312_091405.log). Windows remembers every device it
// installed there, with local times, even after the registry's Enum keys are
// cleaned: the first connection of each USB drive is a "Device Install
// (Hardware initiated)" section.
//
// Format (Microsoft, "SetupAPI Text Logs", "Format of a Text Log Section
// Header/Footer", learn.microsoft.com/windows-hardware/drivers/install/;
// real logs as in plaso's test_data/setupapi.dev.log and its setupapi text
// plugin):
//   >>>  [Device Install (Hardware initiated) - USB\VID_0781&PID_5567\4C53…]
//   >>>  Section start 2026/03/12 09:14:05.123
//        …body lines ("dvi: …", "!    inf: …")…
//   <<<  Section end 2026/03/12 09:14:07.456
//   <<<  [Exit status: SUCCESS]
// The documentation's older shapes are accepted too: ">>>  2005/02/13
// 22:06:20.000: Section start", "<<<  [2005/02/13 22:06:28.109: Section
// end]", "<<<  [Exit Status(0x00000000)]". Times are the machine's local time
// without a zone (the caller converts them with the audited machine's zone).
// The log is ANSI text by the documentation; UTF-8 (with or without BOM) and
// UTF-16LE (BOM, or detected from the first code unit) are accepted as well.
// Pure: bytes in (in pieces of any size), sections out; survives any bytes,
// with memory bounded by the longest line kept (kMaxLine).
#pragma once
#include <cctz/civil_time.h>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sc {

struct SetupapiSection {
  std::string title;     // "Device Install (Hardware initiated)"
  std::string instance;  // "USB\VID_0781&PID_5567\4C530001230822117223"; "" when the header has none
  std::optional<cctz::civil_second> start, end;  // local time of the machine (milliseconds dropped)
  std::string exit_status;                       // "SUCCESS", "FAILURE(0xe0000228)", "0x00000000"; "" without footer
  std::uint64_t line = 0;                        // 1-based line number of the header
};

struct SetupapiStats {
  std::uint64_t bytes = 0, lines = 0, sections = 0;
  std::uint64_t long_lines = 0;  // lines cut at kMaxLine
  std::uint64_t bad_times = 0;   // section start/end lines whose time did not parse
  std::string encoding;          // "utf-8", "utf-16le", "utf-16be" (ANSI text reads as "utf-8")
};

class SetupapiLogParser {
 public:
  using Sink = std::function<void(SetupapiSection&&)>;
  static constexpr std::size_t kMaxLine = 4096;  // bytes (UTF-8) of one line kept; Windows' own limit is 336 chars
  static constexpr std::size_t kMaxField = 512;  // bytes of a title or instance id kept

  // `sink` gets each section when it closes (its exit status line, the next
  // header, or finish()).
  explicit SetupapiLogParser(Sink sink);
  void feed(std::string_view bytes);
  void finish();  // the end of the input: closes the open section (call once)
  const SetupapiStats& stats() const { return stats_; }

 private:
  enum class Enc { unknown, utf8, utf16le, utf16be };
  void decide();
  void dispatch(std::string_view bytes);
  void feed_utf8(std::string_view text);
  void feed_utf16(std::string_view bytes);
  void append_partial(std::string_view piece);
  void line(std::string_view l);
  void close();

  Sink sink_;
  Enc enc_ = Enc::unknown;
  std::string head_;        // first bytes while the encoding is not known yet
  std::string partial_;     // the current line so far (at most kMaxLine)
  bool cut_ = false;        // the current line was cut: skip to its end
  std::string odd_;         // UTF-16: a dangling byte
  std::uint32_t high_ = 0;  // UTF-16: a pending high surrogate
  std::string scratch_;
  std::optional<SetupapiSection> open_;
  bool finished_ = false;
  SetupapiStats stats_;
};

// The whole text at once (tests, small files).
std::vector<SetupapiSection> parse_setupapi_log(std::string_view bytes, SetupapiStats* stats = nullptr);

// "2026/03/12 09:14:05.123" (milliseconds optional, '.' or ','); fields are
// range-checked (no normalisation of 2026/02/30).
std::optional<cctz::civil_second> parse_setupapi_time(std::string_view s);

// The device log and its rotations: "setupapi.dev.log",
// "setupapi.dev.20260312_091405.log" (case-insensitive). The rotation's
// stamp (YYYYMMDD_HHMMSS) goes to `stamp` ("" for the current log) so the
// caller can order the files oldest first.
bool is_setupapi_dev_log(std::string_view file_name, std::string* stamp = nullptr);

// Printable valid UTF-8 of at most `max` bytes: untrusted text from a log
// or a registry key name (invalid bytes and control characters become '?').
std::string clean_text(std::string_view s, std::size_t max);

}  // namespace sc
