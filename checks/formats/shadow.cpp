// Parsing of /etc/shadow and /etc/passwd lines into account facts that carry
// no password hash.
#include "checks/formats/shadow.hpp"

#include <charconv>

#include "agent/core/text.hpp"

namespace sc {

namespace {

constexpr std::size_t kMaxLine = 64 * 1024;

std::vector<std::string_view> split_colons(std::string_view line) {
  std::vector<std::string_view> f;
  std::size_t start = 0;
  for (;;) {
    std::size_t c = line.find(':', start);
    if (c == std::string_view::npos) {
      f.push_back(line.substr(start));
      return f;
    }
    f.push_back(line.substr(start, c - start));
    start = c + 1;
    if (f.size() > 16) return f;  // far too many: the caller refuses the line
  }
}

// Empty → nullopt (field unset); a non-number → false.
bool parse_days(std::string_view s, std::optional<std::int64_t>& out) {
  out.reset();
  if (s.empty()) return true;
  std::int64_t v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size()) return false;
  if (v < 0) return true;  // -1 is how some tools write "unset"
  out = v;
  return true;
}

// The colon-separated records of a passwd-style file: a CR at a line end
// dropped, empty lines skipped, NIS "+"/"-" lines counted, over-long lines
// malformed; `f(fields)` returns false for a malformed record.
template <class Out, class F>
void for_each_record(std::string_view text, Out& out, F&& f) {
  std::size_t pos = 0;
  std::string_view line;
  while (next_line(text, pos, line)) {
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) continue;
    if (line.front() == '+' || line.front() == '-') {
      ++out.nis;
      continue;
    }
    if (line.size() > kMaxLine || !f(split_colons(line))) ++out.malformed;
  }
}

}  // namespace

PasswordState classify_password_field(std::string_view field) {
  if (field.empty()) return PasswordState::empty;
  if (field.front() == '!' || field.front() == '*') return PasswordState::locked;
  return PasswordState::set;
}

ShadowFile parse_shadow(std::string_view text) {
  ShadowFile out;
  for_each_record(text, out, [&](const std::vector<std::string_view>& f) {
    if (f.size() < 2 || f.size() > 9 || f[0].empty()) return false;
    ShadowEntry e;
    e.name = std::string(f[0]);
    e.state = classify_password_field(f[1]);
    std::optional<std::int64_t> ignored;
    bool ok = true;
    if (f.size() > 2) ok = ok && parse_days(f[2], e.last_change);
    if (f.size() > 4) ok = ok && parse_days(f[4], e.max_days);
    for (std::size_t i = 3; ok && i < f.size() && i < 8; ++i)
      if (i != 4) ok = parse_days(f[i], ignored);
    if (!ok) return false;
    out.entries.push_back(std::move(e));
    return true;
  });
  return out;
}

PasswdFile parse_passwd(std::string_view text) {
  PasswdFile out;
  for_each_record(text, out, [&](const std::vector<std::string_view>& f) {
    std::optional<std::int64_t> uid, gid;
    if (f.size() != 7 || f[0].empty() || f[2].empty() || f[3].empty() || !parse_days(f[2], uid) ||
        !parse_days(f[3], gid) || !uid || !gid)
      return false;
    PasswdEntry e;
    e.name = std::string(f[0]);
    e.shadowed = (f[1] == "x");
    e.state = e.shadowed ? PasswordState::locked : classify_password_field(f[1]);
    e.uid = *uid;
    e.gid = *gid;
    e.home = std::string(f[5]);
    e.shell = std::string(f[6]);
    out.entries.push_back(std::move(e));
    return true;
  });
  return out;
}

}  // namespace sc
