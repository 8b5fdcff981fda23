// Benchmark of the patch probe: parse a 3,000-package dpkg status and the
// security lists of a Debian and an Ubuntu machine (plain and .gz), then run
// the whole probe on the generated root. `patch_bench --root DIR` runs the
// probe on a real root and prints its findings with the time taken.
#include <fmt/format.h>
#include <zlib.h>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <unordered_set>

#include "agent/core/config.hpp"
#include "agent/core/host.hpp"
#include "agent/core/rules.hpp"
#include "checks/formats/deb_version.hpp"
#include "checks/formats/dpkg_status.hpp"
#include "checks/patch/apt_lists.hpp"
#include "checks/probes.hpp"

using namespace sc;
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

std::string status_stanza(int i, std::mt19937& rng) {
  std::string name = fmt::format("lib{}pkg{}", static_cast<char>('a' + i % 26), i);
  std::string s = fmt::format(
      "Package: {}\nStatus: install ok installed\nPriority: optional\nSection: libs\nInstalled-Size: {}\n"
      "Maintainer: Debian Maintainers <pkg-devel@lists.debian.org>\nArchitecture: amd64\nMulti-Arch: same\n"
      "Source: src{}\nVersion: {}.{}.{}-{}+deb12u{}\nDepends: libc6 (>= 2.34), libgcc-s1 (>= 3.0), zlib1g (>= "
      "1:1.2.0)\n"
      "Breaks: old-{} (<< 1.0~)\n",
      name, rng() % 20000, i / 3, rng() % 10, rng() % 40, rng() % 100, rng() % 5, rng() % 9, name);
  if (i % 4 == 0)
    s += fmt::format(
        "Conffiles:\n /etc/{0}/{0}.conf 8031d1483ffa9c819e6be94c6c77fd2a\n /etc/default/{0} "
        "4eb63731c9f5e30903ac4fc07a7fe3d6\n",
        name);
  s += fmt::format("Description: the {} library\n", name);
  for (int l = 0; l < 6; ++l)
    s += " This package provides a shared library used by many programs on the system, and more.\n";
  s += fmt::format("Homepage: https://example.org/{}\n\n", name);
  return s;
}

std::string list_stanza(int i, std::mt19937& rng, const char* arch) {
  return fmt::format(
      "Package: lib{}pkg{}\nSource: src{}\nVersion: {}.{}.{}-{}+deb12u{}\nInstalled-Size: {}\n"
      "Maintainer: Debian Security <security@debian.org>\nArchitecture: {}\nDepends: libc6 (>= 2.34)\n"
      "Description: the library\nDescription-md5: 9b0b2d8c0e1f5d7f4c0e3b6a7d1c2e3f\nSection: libs\n"
      "Priority: optional\nFilename: pool/updates/main/s/src{}/lib{}pkg{}_1.0_{}.deb\nSize: {}\n"
      "SHA256: 2f1a0c3b4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f8\n\n",
      static_cast<char>('a' + i % 26), i, i / 3, rng() % 10, rng() % 40, rng() % 100, rng() % 5, rng() % 9,
      rng() % 20000, arch, i / 3, static_cast<char>('a' + i % 26), i, arch, rng() % 2000000);
}

void write(const fs::path& p, const std::string& data, bool gz = false) {
  fs::create_directories(p.parent_path());
  if (gz) {
    gzFile f = gzopen(p.c_str(), "wb");
    gzwrite(f, data.data(), static_cast<unsigned>(data.size()));
    gzclose(f);
  } else {
    std::ofstream(p, std::ios::binary) << data;
  }
}

// CPU time of this process (the machine may be shared: wall time would
// measure the other jobs), best of `rounds`.
double cpu_ms() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

template <class F>
double best_ms(int rounds, F&& f) {
  double best = 1e18;
  for (int r = 0; r < rounds; ++r) {
    double t0 = cpu_ms();
    f();
    best = std::min(best, cpu_ms() - t0);
  }
  return best;
}

void print_findings(const std::vector<Finding>& fs) {
  for (const auto& f : fs) {
    fmt::print("{} {}: {}\n", f.id, to_string(f.status), f.detail.en);
    for (const auto& [k, v] : f.evidence) {
      if (auto s = std::get_if<std::string>(&v))
        fmt::print("    {}: {}\n", k, *s);
      else if (auto i = std::get_if<std::int64_t>(&v))
        fmt::print("    {}: {}\n", k, *i);
      else if (auto b = std::get_if<bool>(&v))
        fmt::print("    {}: {}\n", k, *b);
      else if (auto l = std::get_if<std::vector<std::string>>(&v)) {
        fmt::print("    {}: [{} items]\n", k, l->size());
        for (std::size_t j = 0; j < l->size() && j < 5; ++j) fmt::print("      - {}\n", (*l)[j]);
      }
    }
  }
}

std::vector<Finding> run_probe(const fs::path& root, bool live) {
  Host host({.root = root, .live = live});
  Rules rules = Rules::load({SELFCHECK_SOURCE_RULES_DIR, root / "etc/selfcheck/rules.d"});
  auto probe = make_patch_probe();
  probe->configure(rules, Config{});
  return probe->run(host);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc == 3 && std::string(argv[1]) == "--root") {
    auto t0 = Clock::now();
    auto fs = run_probe(argv[2], std::string(argv[2]) == "/");
    double ms = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
    print_findings(fs);
    fmt::print("probe on {}: {:.1f} ms\n", argv[2], ms);
    return 0;
  }
  std::mt19937 rng(42);
  std::string status;
  for (int i = 0; i < 3000; ++i) status += status_stanza(i, rng);
  std::string debian_sec, ubuntu_main, ubuntu_universe;
  for (int i = 0; i < 3000; ++i) debian_sec += list_stanza(i, rng, i % 7 ? "amd64" : "all");
  for (int i = 0; i < 6000; ++i) ubuntu_main += list_stanza(i, rng, "amd64");
  for (int i = 6000; i < 20000; ++i) ubuntu_universe += list_stanza(i, rng, "amd64");

  fs::path root = fs::temp_directory_path() / fmt::format("patch-bench-{}", ::getpid());
  const std::string L = "var/lib/apt/lists/";
  write(root / "var/lib/dpkg/status", status);
  write(root / (L + "deb.debian.org_debian-security_dists_bookworm-security_main_binary-amd64_Packages"), debian_sec);
  write(root / (L + "security.ubuntu.com_ubuntu_dists_jammy-security_main_binary-amd64_Packages"), ubuntu_main);
  write(root / (L + "security.ubuntu.com_ubuntu_dists_jammy-security_universe_binary-amd64_Packages.gz"),
        ubuntu_universe, true);

  std::size_t n = 0;
  double status_ms = best_ms(5, [&] { n = parse_dpkg_status(status).size(); });
  double lists_ms = 0, all_ms = 0;
  std::size_t cands = 0, all = 0;
  {
    Host host({.root = root});
    AptListScan scan = scan_apt_lists(host, SecurityListRules{});
    // As the probe does: keep candidates of installed packages only.
    auto pkgs = parse_dpkg_status(status);
    std::unordered_set<std::string_view> names;
    for (const auto& p : pkgs) names.insert(p.name);
    auto wanted = [&](std::string_view n) { return names.count(n) > 0; };
    lists_ms = best_ms(5, [&] { cands = read_security_candidates(host, scan, wanted).candidates.size(); });
    all_ms = best_ms(5, [&] { all = read_security_candidates(host, scan).candidates.size(); });
  }
  std::vector<Finding> fs;
  double probe_ms = best_ms(5, [&] { fs = run_probe(root, false); });
  fmt::print("dpkg status: {} packages, {:.1f} MB, parsed in {:.1f} ms\n", n, status.size() / 1e6, status_ms);
  fmt::print(
      "security lists: 3 files ({:.1f} MB uncompressed, one .gz, 23,000 stanzas): {:.1f} ms keeping the {} "
      "installed names, {:.1f} ms keeping all {}\n",
      (debian_sec.size() + ubuntu_main.size() + ubuntu_universe.size()) / 1e6, lists_ms, cands, all_ms, all);
  fmt::print("whole probe (read status + lists + logs, compare): {:.1f} ms\n(CPU time, best of 5)\n", probe_ms);
  fs::remove_all(root);
  return status_ms + lists_ms < 100 ? 0 : 1;
}
