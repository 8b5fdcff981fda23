// The registry facade's platform-neutral part: typed views of raw value
// bytes, UTF-16LE → UTF-8, FILETIME, and logical path splitting. Both
// backends hand over raw bytes so that decoding is the same on both builds.
#include "agent/core/registry.hpp"

#include <algorithm>

#include "agent/core/text.hpp"  // iequals: ASCII case folding, as registry names compare

namespace sc {

namespace {

std::uint32_t le32(const std::string& d, std::size_t at) {
  auto b = [&](std::size_t i) { return static_cast<std::uint32_t>(static_cast<unsigned char>(d[at + i])); };
  return b(0) | (b(1) << 8) | (b(2) << 16) | (b(3) << 24);
}

std::uint64_t le64(const std::string& d, std::size_t at) {
  return static_cast<std::uint64_t>(le32(d, at)) | (static_cast<std::uint64_t>(le32(d, at + 4)) << 32);
}

}  // namespace

std::string utf16le_to_utf8(std::string_view bytes, bool stop_at_nul) {
  std::string out;
  std::size_t n = bytes.size() / 2;
  auto unit = [&](std::size_t i) {
    return static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[2 * i])) |
           (static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[2 * i + 1])) << 8);
  };
  out.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    std::uint32_t u = unit(i);
    if (u == 0 && stop_at_nul) break;
    if (u >= 0xD800 && u <= 0xDBFF && i + 1 < n) {
      std::uint32_t v = unit(i + 1);
      if (v >= 0xDC00 && v <= 0xDFFF) {
        append_utf8(out, 0x10000 + ((u - 0xD800) << 10) + (v - 0xDC00));
        ++i;
        continue;
      }
    }
    if (u >= 0xD800 && u <= 0xDFFF) u = 0xFFFD;
    append_utf8(out, u);
  }
  return out;
}

std::optional<Time> filetime_to_time(std::uint64_t filetime) {
  // 11644473600 s between 1601-01-01 and 1970-01-01 (both UTC).
  constexpr std::int64_t kEpochDiff = 11644473600LL;
  if (filetime == 0) return std::nullopt;
  std::int64_t secs = static_cast<std::int64_t>(filetime / 10000000ULL) - kEpochDiff;
  // Years 1601..30827 fit; keep within what Zone formats (year <= 9999).
  if (secs > 253402300799LL) return std::nullopt;
  return Time(std::chrono::seconds(secs));
}

std::optional<std::string> RegValue::string() const {
  RegType k = kind();
  if (k != RegType::sz && k != RegType::expand_sz && k != RegType::link) return std::nullopt;
  return utf16le_to_utf8(data, true);
}

std::optional<std::uint32_t> RegValue::dword() const {
  if (data.size() < 4) return std::nullopt;
  if (kind() == RegType::dword) return le32(data, 0);
  if (kind() == RegType::dword_be) {
    std::uint32_t v = le32(data, 0);
    return ((v & 0xFF) << 24) | ((v & 0xFF00) << 8) | ((v >> 8) & 0xFF00) | (v >> 24);
  }
  return std::nullopt;
}

std::optional<std::uint64_t> RegValue::qword() const {
  if (kind() == RegType::qword && data.size() >= 8) return le64(data, 0);
  if (auto d = dword()) return *d;
  return std::nullopt;
}

std::optional<std::vector<std::string>> RegValue::strings() const {
  if (kind() != RegType::multi_sz) return std::nullopt;
  std::string all = utf16le_to_utf8(data, false);
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= all.size()) {
    std::size_t nul = all.find('\0', start);
    if (nul == std::string::npos) nul = all.size();
    if (nul == start) break;  // an empty string ends the list
    out.push_back(all.substr(start, nul - start));
    start = nul + 1;
  }
  return out;
}

std::optional<Time> RegValue::filetime() const {
  if (data.size() != 8 || (kind() != RegType::binary && kind() != RegType::qword)) return std::nullopt;
  return filetime_to_time(le64(data, 0));
}

const RegValue* RegKey::value(std::string_view n) const {
  for (const auto& v : values)
    if (iequals(v.name, n)) return &v;
  return nullptr;
}

bool RegKey::has_subkey(std::string_view n) const {
  return std::any_of(subkeys.begin(), subkeys.end(), [&](const std::string& s) { return iequals(s, n); });
}

RegValueResult Registry::value(std::string_view key_path, std::string_view name) const {
  RegValueResult r;
  RegKeyResult k = key(key_path);
  if (!k.error.empty()) {
    r.error = std::move(k.error);
    return r;
  }
  if (k.absent) {
    r.absent = true;
    return r;
  }
  if (const RegValue* v = k.key.value(name)) {
    r.value = *v;
  } else {
    r.absent = true;
  }
  return r;
}

std::optional<RegPath> parse_reg_path(std::string_view path, std::string* why) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (start <= path.size()) {
    std::size_t sep = path.find('\\', start);
    if (sep == std::string_view::npos) sep = path.size();
    if (sep > start) parts.emplace_back(path.substr(start, sep - start));
    if (parts.size() > 512) {
      if (why) *why = "registry path too deep (more than 512 keys)";
      return std::nullopt;
    }
    start = sep + 1;
  }
  auto fail = [&](std::string w) -> std::optional<RegPath> {
    if (why) *why = std::move(w);
    return std::nullopt;
  };
  if (parts.empty()) return fail("empty registry path");
  RegPath p;
  std::size_t next = 0;
  if (iequals(parts[0], "HKLM") || iequals(parts[0], "HKEY_LOCAL_MACHINE")) {
    if (parts.size() < 2) return fail("no hive named in " + std::string(path));
    static const char* hives[] = {"SYSTEM", "SOFTWARE", "SAM", "SECURITY"};
    for (const char* h : hives)
      if (iequals(parts[1], h)) p.hive = h;
    if (p.hive.empty()) return fail("not a hive read by selfcheck: HKLM\\" + parts[1]);
    next = 2;
  } else if (iequals(parts[0], "HKU") || iequals(parts[0], "HKEY_USERS")) {
    if (parts.size() < 2) return fail("no user named in " + std::string(path));
    p.hive = "USER";
    p.user = parts[1];
    next = 2;
  } else {
    return fail("registry path does not start with HKLM or HKU: " + std::string(path));
  }
  p.parts.assign(parts.begin() + static_cast<std::ptrdiff_t>(next), parts.end());
  return p;
}

}  // namespace sc
