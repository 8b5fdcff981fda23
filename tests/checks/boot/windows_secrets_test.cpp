// No password or hash byte of a Windows machine in any output: the boot
// probe and the whole CLI run on the fixture roots with stored NT hashes and
// a plain-text DefaultPassword, and on regipy's real SAM/SYSTEM samples;
// every 4-byte window of each stored hash entry (raw, hex, upper-case hex)
// is searched for in the findings file (YAML and JSON), stdout and stderr.
#include <doctest/doctest.h>
#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "agent/cli.hpp"
#include "agent/core/registry.hpp"
#include "checks/boot/boot_checks.hpp"
#include "checks/formats/sam.hpp"
#include "support/windows_samples.hpp"

namespace fs = std::filesystem;
using namespace sc;

namespace {

const fs::path kRoots = fs::path(SELFCHECK_FIXTURES) / "roots";

// The stored NT hash entries (past their 4-byte header) of every user in the root's SAM.
std::vector<std::string> stored_hashes(const fs::path& root) {
  Host host({.root = root, .live = false});
  std::vector<std::string> out;
  RegKeyResult users = host.registry().key("HKLM\\SAM\\SAM\\Domains\\Account\\Users");
  REQUIRE(users.found());
  for (const auto& rid : users.key.subkeys) {
    RegKeyResult u = host.registry().key("HKLM\\SAM\\SAM\\Domains\\Account\\Users\\" + rid);
    const RegValue* v = u.found() ? u.key.value("V") : nullptr;
    if (!v) continue;
    auto p = parse_sam_user_v(v->data);
    if (p && p->nt == NtEntry::stored) out.push_back(v->data.substr(p->nt_offset + 4, p->nt_length - 4));
  }
  return out;
}

std::string hex(std::string_view b, bool upper) {
  std::string s;
  for (unsigned char c : b) s += upper ? fmt::format("{:02X}", c) : fmt::format("{:02x}", c);
  return s;
}

void check_no_windows(const std::string& text, const std::vector<std::string>& secrets) {
  for (const auto& s : secrets)
    for (std::size_t i = 0; i + 4 <= s.size(); ++i) {
      std::string w = s.substr(i, 4);
      INFO("window at " << i);
      CHECK(text.find(w) == std::string::npos);
      CHECK(text.find(hex(w, false)) == std::string::npos);
      CHECK(text.find(hex(w, true)) == std::string::npos);
    }
}

std::string scan_all_outputs(const fs::path& root, const std::string& only) {
  std::string all;
  for (const char* format : {"json", "yaml"}) {
    fs::path out_file = fs::temp_directory_path() /
                        fmt::format("selfcheck-secrets-{}-{}.{}", ::getpid(), root.filename().string(), format);
    std::ostringstream out, err;
    int code = run_cli({"scan", "--root", root.string(), "--output", out_file.string(), "--format", format, "--only",
                        only, "--rules", SELFCHECK_SOURCE_RULES_DIR, "--as-of", "2026-11-20T16:00:00+08:00"},
                       out, err);
    CHECK((code == 0 || code == 1));
    std::ostringstream ss;
    {
      std::ifstream in(out_file, std::ios::binary);
      ss << in.rdbuf();
    }  // closed before the removal: Windows refuses to remove an open file
    all += ss.str() + out.str() + err.str();
    fs::remove(out_file);
  }
  return all;
}

}  // namespace

TEST_CASE("no hash or password byte in any output") {
  SUBCASE("fixture roots with stored hashes and a DefaultPassword") {
    for (const char* name : {"win-boot-blank-password", "win-boot-autologin-password", "win-boot-stale-password"}) {
      INFO(name);
      auto secrets = stored_hashes(kRoots / name);
      REQUIRE_FALSE(secrets.empty());
      secrets.push_back(std::string("\x88\x46\xf7\xea\xee\x8f\xb1\x17\xad\x06\xbd\xd8\x30\xb7\x58\x6c", 16));
      std::string text = scan_all_outputs(kRoots / name, "boot");
      CHECK(text.find("boot.empty_passwords") != std::string::npos);
      check_no_windows(text, secrets);
      CHECK(text.find("Winter2026") == std::string::npos);
    }
  }
  SUBCASE("regipy's real SAM and SYSTEM (two machines: the hash cannot be tested)") {
    test::SampleRoot root("secrets");
    REQUIRE(root.add("SAM", "Windows/System32/config/SAM"));
    REQUIRE(root.add("SYSTEM", "Windows/System32/config/SYSTEM"));
    auto secrets = stored_hashes(root.path());
    REQUIRE(secrets.size() == 2);  // Administrator and Preston
    Host host({.root = root.path(), .live = false});
    AccountFacts f = read_windows_account_facts(host);
    REQUIRE(f.login.size() == 1);  // Preston; Administrator and Guest are disabled
    CHECK(f.login[0].name == "Preston");
    CHECK_FALSE(f.login[0].state);
    CHECK(f.shadow_error.find("does not decrypt") != std::string::npos);
    CHECK(f.disabled == std::vector<std::string>{"Administrator", "Guest"});
    std::string text = scan_all_outputs(root.path(), "boot");
    check_no_windows(text, secrets);
  }
}
