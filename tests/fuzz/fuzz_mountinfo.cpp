// Fuzz target: /proc/self/mountinfo (sc::parse_mountinfo) for the collection
// drives. Any text gives absolute mount points; and mount points written as
// the kernel writes them (space, tab, newline and backslash as \ooo octal)
// in well-formed lines read back exactly. Input: [mode] then the text, or in
// mode 1 mount points one a line.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "agent/collect.hpp"
#include "fuzz_check.hpp"

namespace {

std::string kernel_escape(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\\') {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\%03o", static_cast<unsigned char>(c));
      out += buf;
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  const std::string_view text = fuzz::as_text(data + 1, size - 1);
  if (data[0] & 1) {
    std::vector<std::string> want;
    std::string info;
    int id = 20;
    // Mount points separated by '\x01' so that they can hold '\n'.
    std::string_view rest = text;
    while (!rest.empty() && want.size() < 64) {
      auto sep = rest.find('\x01');
      std::string_view mp = rest.substr(0, sep);
      rest = sep == std::string_view::npos ? std::string_view() : rest.substr(sep + 1);
      if (mp.empty() || mp.front() != '/' || mp.find('\0') != std::string_view::npos) continue;
      want.emplace_back(mp);
      info += std::to_string(id++) + " 1 8:1 / " + kernel_escape(mp) + " rw,relatime shared:1 - ext4 /dev/sda1 rw\n";
    }
    FUZZ_CHECK(sc::parse_mountinfo(info) == want);
    return 0;
  }
  for (const auto& mp : sc::parse_mountinfo(text)) FUZZ_CHECK(!mp.empty() && mp.front() == '/');
  return 0;
}
