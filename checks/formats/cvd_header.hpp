// The 512-byte header of ClamAV signature databases (.cvd, .cld, .cud):
// "ClamAV-VDB:build time:version:signatures:flevel:md5:dsig:builder:stime",
// space padded. A pure parser: bytes in, header or a reason out. The last
// field (stime, seconds since the epoch) is the reliable build time; old files
// without it fall back to the text time ("16 Sep 2021 08-32 -0400").
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "agent/core/time.hpp"

namespace sc {

inline constexpr std::size_t kCvdHeaderSize = 512;

struct CvdHeader {
  std::string time_text;  // field 1, as written ("19 Nov 2026 09-12 -0500")
  std::uint32_t version = 0;
  std::uint32_t signatures = 0;
  std::uint32_t flevel = 0;
  std::string md5;  // "X" in .cld files rebuilt by freshclam
  std::string dsig;
  std::string builder;
  Time built{};                  // from stime, else from time_text
  bool built_from_text = false;  // stime was missing (old format)
};

struct CvdParse {
  std::optional<CvdHeader> header;
  std::string error;  // why the bytes are not a usable header (English, short)
  bool ok() const { return header.has_value(); }
};

// `bytes` is the start of the file (only the first 512 bytes are looked at).
// Fewer than 512 bytes is "truncated". Never throws; any input is safe.
CvdParse parse_cvd_header(std::string_view bytes);

// "16 Sep 2021 08-32 -0400" (strftime "%d %b %Y %H-%M %z") → instant.
std::optional<Time> parse_cvd_time_text(std::string_view text);

}  // namespace sc
