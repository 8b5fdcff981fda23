// Fuzz target: a registry hive read through the Host's registry facade
// (hivex behind agent/host/registry_hivex.cpp) — the bytes become
// <root>/Windows/System32/config/SYSTEM of a throw-away root, the Host reads
// its zone from them, and every key is walked (bounded). A key read is
// exactly one of found, absent or an error; typed views never fail.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <fstream>
#include <string>

#include "agent/core/host.hpp"
#include "agent/core/machine.hpp"
#include "agent/core/registry.hpp"
#include "fuzz_check.hpp"

namespace fs = std::filesystem;

namespace {

const fs::path& root() {
  static const fs::path r = [] {
    fs::path p = fs::temp_directory_path() / ("selfcheck-fuzz-hive-" + std::to_string(::getpid()));
    fs::create_directories(p / "Windows/System32/config");
    return p;
  }();
  return r;
}

void check_value(const sc::RegValue& v) {
  if (auto s = v.string()) FUZZ_CHECK(fuzz::valid_utf8(*s));
  if (auto m = v.strings())
    for (const auto& s : *m) FUZZ_CHECK(fuzz::valid_utf8(s) && !s.empty());
  (void)v.dword();
  (void)v.qword();
  (void)v.filetime();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  {
    std::ofstream out(root() / "Windows/System32/config/SYSTEM", std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  }
  sc::Host host({.root = root(), .as_of = sc::Time(std::chrono::seconds(1700000000))});
  FUZZ_CHECK(host.os().os == sc::MachineOs::windows);
  (void)host.zone().iso(host.now());
  const sc::Registry& reg = host.registry();
  std::deque<std::pair<std::string, int>> todo{{"HKLM\\SYSTEM", 0}, {"HKLM\\SYSTEM\\CurrentControlSet\\Control", 1}};
  int keys = 0;
  while (!todo.empty() && keys < 500) {
    auto [path, depth] = todo.front();
    todo.pop_front();
    ++keys;
    sc::RegKeyResult r = reg.key(path);
    FUZZ_CHECK(int(r.found()) + int(r.absent) + int(!r.error.empty()) == 1);
    if (!r.found()) continue;
    for (const auto& v : r.key.values) check_value(v);
    if (depth >= 16) continue;
    for (const auto& sub : r.key.subkeys)
      if (sub.find('\\') == std::string::npos && !sub.empty()) todo.emplace_back(path + "\\" + sub, depth + 1);
  }
  sc::WindowsFacts f = sc::windows_facts(reg);
  (void)f.os_name();
  return 0;
}
