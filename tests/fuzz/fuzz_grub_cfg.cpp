// Fuzz target: the GRUB script interpreter (sc::analyze_grub) over a small
// file system taken from the input: the text up to the first line "@@ PATH"
// is /boot/grub/grub.cfg, each "@@ PATH" line starts another file (so that
// source/configfile/blscfg have something to read). Also the generator-script
// scan and the superusers split. Properties: counts are consistent, each file
// is read at most once, split names are non-empty and hold no separator.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "checks/formats/grub_cfg.hpp"
#include "fuzz_check.hpp"

namespace {

bool separator(char c) { return c == ' ' || c == ',' || c == ';' || c == '|' || c == '&'; }

void check_users(const std::vector<std::string>& users) {
  for (const auto& u : users) {
    FUZZ_CHECK(!u.empty());
    for (char c : u) FUZZ_CHECK(!separator(c));
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = fuzz::as_text(data, size);
  std::map<std::string, std::string> files;
  std::string* cur = &files["/boot/grub/grub.cfg"];
  for (std::string_view line : fuzz::lines(text)) {
    if (line.size() > 3 && line.substr(0, 3) == "@@ ") {
      std::string path(line.substr(3));
      if (path.front() != '/') path.insert(path.begin(), '/');
      cur = &files[path];
      cur->clear();
      continue;
    }
    cur->append(line).push_back('\n');
  }

  std::size_t reads = 0;
  sc::GrubFs fs;
  fs.read = [&](const std::string& path) {
    ++reads;
    sc::GrubFileRead r;
    auto it = files.find(path);
    if (it == files.end()) return r;
    r.exists = true;
    r.path = "/fuzzroot" + path;
    if (it->second.rfind("#unreadable", 0) == 0)
      r.error = r.path + ": no permission";
    else
      r.data = it->second;
    return r;
  };
  fs.list = [&](const std::string& dir) {
    std::vector<std::string> names;
    std::string prefix = dir.empty() || dir.back() != '/' ? dir + "/" : dir;
    for (const auto& [path, _] : files)
      if (path.size() > prefix.size() && path.compare(0, prefix.size(), prefix) == 0 &&
          path.find('/', prefix.size()) == std::string::npos)
        names.push_back(path.substr(prefix.size()));
    return names;  // std::map order: sorted
  };

  sc::GrubAnalysis a = sc::analyze_grub("/boot/grub/grub.cfg", fs);
  FUZZ_CHECK(a.menu_entries >= 0 && a.unrestricted_entries >= 0 && a.malformed >= 0);
  FUZZ_CHECK(a.unrestricted_entries <= a.menu_entries);
  std::set<std::string> seen(a.files.begin(), a.files.end());
  FUZZ_CHECK(seen.size() == a.files.size());
  FUZZ_CHECK(a.files.size() <= files.size());
  check_users(a.superusers);
  if (a.protected_pbkdf2()) {
    bool any = false;
    for (const auto& u : a.superusers) {
      auto it = a.passwords.find(u);
      any = any || (it != a.passwords.end() && it->second == sc::GrubPassword::pbkdf2);
    }
    FUZZ_CHECK(any);
    FUZZ_CHECK(!a.protected_plain_only());
  }
  for (const auto& u : a.plain_users()) {
    auto it = a.passwords.find(u);
    FUZZ_CHECK(it != a.passwords.end() && it->second == sc::GrubPassword::plain);
  }

  for (const auto& [path, body] : files) (void)sc::scan_grub_source(body);
  check_users(sc::split_grub_users(text.substr(0, 512)));
  return 0;
}
