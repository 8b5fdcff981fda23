// Parser of the ClamAV CVD/CLD/CUD header, following libclamav's
// cl_cvdhead/cl_cvdparse: the first 512 bytes, cut at the first NUL, CR or
// LF, trailing spaces dropped, fields split on ':'. Stricter than atoi():
// a number field that is not a number is a corrupt header, not zero.
#include "checks/formats/cvd_header.hpp"

#include <array>
#include <charconv>
#include <vector>

namespace sc {

namespace {

constexpr std::string_view kMagic = "ClamAV-VDB:";

std::optional<std::uint32_t> parse_u32(std::string_view s) {
  if (s.empty() || s.size() > 10) return std::nullopt;
  std::uint64_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + static_cast<unsigned>(c - '0');
  }
  if (v > 0xffffffffULL) return std::nullopt;
  return static_cast<std::uint32_t>(v);
}

std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  for (;;) {
    std::size_t p = s.find(sep, start);
    if (p == std::string_view::npos) {
      out.push_back(s.substr(start));
      return out;
    }
    out.push_back(s.substr(start, p - start));
    start = p + 1;
  }
}

}  // namespace

std::optional<Time> parse_cvd_time_text(std::string_view text) {
  // "16 Sep 2021 08-32 -0400"
  auto parts = split(text, ' ');
  std::vector<std::string_view> f;
  for (auto p : parts)
    if (!p.empty()) f.push_back(p);
  if (f.size() != 5) return std::nullopt;
  auto day = parse_u32(f[0]);
  static constexpr std::array<std::string_view, 12> months = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                              "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  int month = 0;
  for (std::size_t i = 0; i < months.size(); ++i)
    if (f[1] == months[i]) month = static_cast<int>(i) + 1;
  auto year = f[2].size() == 4 ? parse_u32(f[2]) : std::nullopt;
  if (!day || month == 0 || !year || *day < 1 || *day > 31 || *year < 1970) return std::nullopt;
  if (f[3].size() != 5 || f[3][2] != '-') return std::nullopt;
  auto hour = parse_u32(f[3].substr(0, 2));
  auto minute = parse_u32(f[3].substr(3, 2));
  if (!hour || !minute || *hour > 23 || *minute > 59) return std::nullopt;
  std::string_view z = f[4];
  if (z.size() != 5 || (z[0] != '+' && z[0] != '-')) return std::nullopt;
  auto zh = parse_u32(z.substr(1, 2));
  auto zm = parse_u32(z.substr(3, 2));
  if (!zh || !zm || *zh > 14 || *zm > 59) return std::nullopt;
  cctz::civil_second cs(static_cast<int>(*year), month, static_cast<int>(*day), static_cast<int>(*hour),
                        static_cast<int>(*minute), 0);
  // Reject dates that cctz normalised (31 Feb → 3 Mar).
  if (cs.day() != static_cast<int>(*day) || cs.month() != month) return std::nullopt;
  auto utc = cctz::convert(cs, cctz::utc_time_zone());
  long offset = static_cast<long>(*zh) * 3600 + static_cast<long>(*zm) * 60;
  if (z[0] == '-') offset = -offset;
  return std::chrono::time_point_cast<std::chrono::seconds>(utc) - std::chrono::seconds(offset);
}

CvdParse parse_cvd_header(std::string_view bytes) {
  CvdParse r;
  if (bytes.size() < kCvdHeaderSize) {
    r.error = "truncated header (" + std::to_string(bytes.size()) + " of 512 bytes)";
    return r;
  }
  std::string_view head = bytes.substr(0, kCvdHeaderSize);
  if (head.substr(0, kMagic.size()) != kMagic) {
    r.error = "not a ClamAV database header (no ClamAV-VDB: signature)";
    return r;
  }
  std::size_t end = head.find_first_of(std::string_view("\0\n\r", 3));
  if (end != std::string_view::npos) head = head.substr(0, end);
  while (!head.empty() && head.back() == ' ') head.remove_suffix(1);
  for (char c : head) {
    auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u > 0x7e) {
      r.error = "corrupt header (non-printable bytes)";
      return r;
    }
  }
  auto f = split(head, ':');
  auto need = [&](std::size_t i, const char* what) -> std::optional<std::string_view> {
    if (i >= f.size() || f[i].empty()) {
      r.error = std::string("corrupt header (no ") + what + ")";
      return std::nullopt;
    }
    return f[i];
  };
  CvdHeader h;
  auto time_text = need(1, "build time");
  if (!time_text) return r;
  h.time_text = std::string(*time_text);
  const struct {
    std::size_t index;
    const char* what;
    std::uint32_t* out;
  } numbers[] = {
      {2, "version", &h.version}, {3, "signature count", &h.signatures}, {4, "functionality level", &h.flevel}};
  for (const auto& n : numbers) {
    auto s = need(n.index, n.what);
    if (!s) return r;
    auto v = parse_u32(*s);
    if (!v) {
      r.error = std::string("corrupt header (") + n.what + " is not a number)";
      return r;
    }
    *n.out = *v;
  }
  auto md5 = need(5, "MD5");
  if (!md5) return r;
  auto dsig = need(6, "digital signature");
  if (!dsig) return r;
  auto builder = need(7, "builder");
  if (!builder) return r;
  h.md5 = std::string(*md5);
  h.dsig = std::string(*dsig);
  h.builder = std::string(*builder);
  if (f.size() > 8 && !f[8].empty()) {
    auto stime = parse_u32(f[8]);
    if (!stime) {
      r.error = "corrupt header (build time in seconds is not a number)";
      return r;
    }
    if (*stime > 0) h.built = Time(std::chrono::seconds(*stime));
  }
  if (h.built == Time{}) {
    auto t = parse_cvd_time_text(h.time_text);
    if (!t) {
      r.error = "corrupt header (no build time in seconds and unreadable build time '" + h.time_text + "')";
      return r;
    }
    h.built = *t;
    h.built_from_text = true;
  }
  r.header = std::move(h);
  return r;
}

}  // namespace sc
