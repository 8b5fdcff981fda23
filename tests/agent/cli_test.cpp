// Tests for the command line (agent/cli.cpp, cmd_*.cpp): exit codes and
// their precedence, refusal of bad config with its position, --only, and
// output that is never half-written.
#include "agent/cli.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "support/cli_run.hpp"
#include "support/temp_dir.hpp"

namespace fs = std::filesystem;
using namespace sc;

namespace {

using test::cli;
using test::Run;

fs::path fixture(const std::string& name) { return fs::path(SELFCHECK_FIXTURES) / "roots" / name; }

fs::path temp_dir(const std::string& name) { return sc::test::unique_temp_dir("cli-" + name); }

}  // namespace

TEST_CASE("run_cli") {
  SUBCASE("no arguments is a usage error") { CHECK(cli({}).code == 2); }
  SUBCASE("--version") {
    auto r = cli({"--version"});
    CHECK(r.code == 0);
    CHECK(r.out == std::string("selfcheck ") + SELFCHECK_VERSION + "\n");
  }
  SUBCASE("--help lists every command") {
    auto r = cli({"--help"});
    CHECK(r.code == 0);
    for (const char* c : {"scan", "report", "summary", "collect", "verify", "key new", "probes", "rules check"})
      CHECK(r.out.find(c) != std::string::npos);
  }
  SUBCASE("unknown command") {
    auto r = cli({"scna"});
    CHECK(r.code == 2);
    CHECK(r.err.find("unknown command 'scna'") != std::string::npos);
  }
  SUBCASE("unknown option") { CHECK(cli({"scan", "--bogus"}).code == 2); }
}

TEST_CASE("cmd_scan") {
  std::string rules = SELFCHECK_SOURCE_RULES_DIR;
  SUBCASE("malformed config: exit 2 with file:line:column") {
    auto root = fixture("cli-bad-config");
    auto r = cli({"scan", "--root", root.string(), "--rules", rules, "--output", "-"});
    CHECK(r.code == 2);
    // The root as the program shows it (canonical; on Windows "Z:\\...\\cli-bad-config\\etc/...").
    CHECK(r.err.find("cli-bad-config") != std::string::npos);
    CHECK(r.err.find("etc/selfcheck/agent.yaml:4:3: unknown key 'clasification'") != std::string::npos);
  }
  SUBCASE("--config that does not exist") {
    auto r = cli(
        {"scan", "--root", fixture("cli-minimal").string(), "--config", "/nonexistent/agent.yaml", "--output", "-"});
    CHECK(r.code == 2);
    CHECK(r.err.find("/nonexistent/agent.yaml:1:1") != std::string::npos);
  }
  SUBCASE("malformed rules: exit 2 with the position") {
    fs::path d = temp_dir("bad-rules");
    std::ofstream(d / "antivirus.yaml") << "products:\n  - id: x\n    id: y\n";
    auto r = cli({"scan", "--root", fixture("cli-minimal").string(), "--rules", d.string(), "--output", "-"});
    CHECK(r.code == 2);
    CHECK(r.err.find((d / "antivirus.yaml").string() + ":3:5: duplicate key 'id'") != std::string::npos);
  }
  SUBCASE("a rules file no probe reads: said on stderr, the scan goes on (issue 14)") {
    fs::path d = temp_dir("misspelled-rules");
    for (const auto& e : fs::directory_iterator(rules)) fs::copy_file(e.path(), d / e.path().filename());
    std::ofstream(d / "phone.yaml") << "phones: []\n";
    auto r = cli({"scan", "--root", fixture("cli-minimal").string(), "--rules", d.string(), "--output", "-"});
    CHECK((r.code == 0 || r.code == 1));
    CHECK(r.err.find("selfcheck: warning: " + (d / "phone.yaml").string() + ":1:1: no probe reads a rules file") !=
          std::string::npos);
  }
  SUBCASE("--only with an unknown name") {
    auto r = cli(
        {"scan", "--root", fixture("cli-minimal").string(), "--rules", rules, "--only", "usb,fax", "--output", "-"});
    CHECK(r.code == 2);
    CHECK(r.err.find("'fax'") != std::string::npos);
  }
  SUBCASE("bad --as-of") {
    CHECK(cli({"scan", "--root", fixture("cli-minimal").string(), "--as-of", "last friday", "--output", "-"}).code ==
          2);
  }
  SUBCASE("--only keeps the other items out of the file and the section") {
    auto r = cli({"scan", "--root", fixture("cli-minimal").string(), "--rules", rules, "--only", "boot.autologin",
                  "--format", "text", "--lang", "en", "--output", "-"});
    CHECK((r.code == 0 || r.code == 1));
    CHECK(r.out.find("1. Antivirus installation and updates: not checked.") != std::string::npos);
    CHECK(r.out.find("2. Power-on (boot) password: not checked.") == std::string::npos);
  }
  SUBCASE("an unwritable output: exit 3 and no half-written file") {
    fs::path d = temp_dir("unwritable");
    fs::path target = d / "missing-dir" / "out.yaml";
    auto r = cli({"scan", "--root", fixture("cli-minimal").string(), "--rules", rules, "--output", target.string()});
    CHECK(r.code == 3);
    CHECK_FALSE(fs::exists(target));
    CHECK(fs::is_empty(d));
  }
  SUBCASE("an existing output is replaced whole, no temp file left") {
    fs::path d = temp_dir("replace");
    fs::path target = d / "out.json";
    std::ofstream(target) << "old";
    auto r = cli({"scan", "--root", fixture("cli-minimal").string(), "--rules", rules, "--format", "json", "--output",
                  target.string()});
    CHECK((r.code == 0 || r.code == 1));
    std::ifstream in(target);
    std::string first;
    std::getline(in, first);
    CHECK(first == "{");
    int files = 0;
    for (auto& e : fs::directory_iterator(d)) files += e.is_regular_file();
    CHECK(files == 1);
  }
}

TEST_CASE("cmd_probes") {
  auto r = cli({"probes", "--lang", "en"});
  CHECK(r.code == 0);
  for (const char* id :
       {"antivirus.installed", "antivirus.service_enabled", "antivirus.signature_age", "boot.loader_password",
        "boot.empty_passwords", "boot.autologin", "boot.password_age", "usb.storage_history", "usb.unapproved_storage",
        "usb.phone_connected", "network.internet_reachable", "network.default_route", "network.wireless",
        "network.tethering_history", "network.wifi_profiles", "network.internet_history", "patch.last_update",
        "patch.pending_security", "patch.reboot_required"})
    CHECK(r.out.find(id) != std::string::npos);
}

TEST_CASE("run_cli error messages on stderr") {
  SUBCASE("a hostile file name cannot reach the terminal raw") {
    // ESC [ 2 J clears the screen; U+202E displays what follows reversed.
    std::string name = "/nonexistent-\x1b[2J-\u202e-agent.yaml";
    auto r = cli({"scan", "--root", fixture("cli-minimal").string(), "--config", name, "--output", "-"});
    CHECK(r.code == 2);
    CHECK(r.err.find('\x1b') == std::string::npos);
    CHECK(r.err.find("\u202e") == std::string::npos);
    CHECK(r.err.find("nonexistent-") != std::string::npos);
  }
}

TEST_CASE("cmd_rules") {
  SUBCASE("the shipped rules are valid") {
    auto r = cli({"rules", "check", SELFCHECK_SOURCE_RULES_DIR});
    CHECK(r.code == 0);
    CHECK(r.out.find("rule files valid") != std::string::npos);
  }
  SUBCASE("a syntax error is refused with its position") {
    fs::path d = temp_dir("rules-syntax");
    std::ofstream(d / "usb.yaml") << "phones:\n  - {vid: \"12d1\"\n";
    auto r = cli({"rules", "check", d.string()});
    CHECK(r.code == 2);
    CHECK(r.err.find((d / "usb.yaml").string() + ":") != std::string::npos);
  }
  SUBCASE("a missing directory") { CHECK(cli({"rules", "check", "/nonexistent-rules"}).code == 2); }
  SUBCASE("a file no probe reads (a misspelled name) is refused, naming the files read (issue 14)") {
    fs::path d = temp_dir("rules-misspelled");
    std::ofstream(d / "phone.yaml") << "phones: []\n";
    auto r = cli({"rules", "check", d.string()});
    CHECK(r.code == 2);
    CHECK(r.err.find((d / "phone.yaml").string() + ":1:1: no probe reads a rules file named 'phone'") !=
          std::string::npos);
    CHECK(r.err.find("usb.yaml") != std::string::npos);
    fs::remove(d / "phone.yaml");
    for (const char* name : {"usb.yaml", "patch-baseline.yml"}) std::ofstream(d / name) << "{}\n";
    CHECK(cli({"rules", "check", d.string()}).code == 0);
  }
  SUBCASE("a rules file over the 8 MiB cap is refused by its size, not parsed") {
    fs::path d = temp_dir("rules-cap");
    {
      std::ofstream f(d / "usb.yaml", std::ios::binary);
      f << "phones:\n";
      std::string line = "  # " + std::string(200, 'x') + "\n";
      for (std::size_t n = 0; n <= (8u << 20) / line.size(); ++n) f << line;
    }
    auto r = cli({"rules", "check", d.string()});
    CHECK(r.code == 2);
    CHECK(r.err.find((d / "usb.yaml").string() + ":1:1:") != std::string::npos);
    CHECK(r.err.find("is larger than 8388608 bytes") != std::string::npos);
  }
}

TEST_CASE("cmd_scan --collect") {
  std::string rules = SELFCHECK_SOURCE_RULES_DIR;
  fs::path out_dir = temp_dir("collect-out");
  SUBCASE("onto a named drive, under selfcheck/<date>/") {
    fs::path drive = temp_dir("collect-drive");
    auto r =
        cli({"scan", "--root", fixture("cli-minimal").string(), "--rules", rules, "--only", "boot", "--as-of",
             "2026-11-20T16:00:00+08:00", "--output", (out_dir / "f.yaml").string(), "--collect=" + drive.string()});
    CHECK((r.code == 0 || r.code == 1));
    CHECK(fs::exists(out_dir / "f.yaml"));
    CHECK(fs::is_directory(drive / "selfcheck" / "2026-11-20"));
    int files = 0;
    for (auto& e : fs::recursive_directory_iterator(drive)) files += e.is_regular_file();
    CHECK(files == 1);
  }
  SUBCASE("a drive that is gone: exit 3, the findings file is kept") {
    auto r = cli({"scan", "--root", fixture("cli-minimal").string(), "--rules", rules, "--only", "boot", "--output",
                  (out_dir / "kept.yaml").string(), "--collect=/nonexistent-drive"});
    CHECK(r.code == 3);
    CHECK(fs::exists(out_dir / "kept.yaml"));
    CHECK(r.err.find("not collected") != std::string::npos);
  }
}

namespace {

// An ostream whose every write fails, as stdout does on EPIPE or /dev/full.
struct LostStream : std::ostream {
  LostStream() : std::ostream(nullptr) {}
};

Run cli_lost(std::vector<std::string> args) {
  LostStream out;
  std::ostringstream err;
  int code = run_cli(args, out, err);
  return {code, "", err.str()};
}

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace

TEST_CASE("cmd_scan exit codes when the result is lost") {
  std::string rules = SELFCHECK_SOURCE_RULES_DIR;
  std::string root = fixture("cli-minimal").string();
  SUBCASE("--output '' is a usage error") {
    CHECK(cli({"scan", "--root", root, "--rules", rules, "--output", ""}).code == 2);
  }
  SUBCASE("--only '' is a usage error") {
    CHECK(cli({"scan", "--root", root, "--rules", rules, "--only", "", "--output", "-"}).code == 2);
    CHECK(cli({"scan", "--root", root, "--rules", rules, "--only", ",", "--output", "-"}).code == 2);
  }
  SUBCASE("the section printed to a lost stdout: exit 3") {
    auto r = cli_lost({"scan", "--root", root, "--rules", rules, "--only", "boot.autologin"});
    CHECK(r.code == 3);
  }
  SUBCASE("spool not writable and no --output: exit 3, not the verdict") {
    fs::path d = temp_dir("spool-unwritable");
    // Nothing can be created under /proc, whoever runs the test.
    std::ofstream(d / "agent.yaml") << "spool: /proc/selfcheck-spool-test\n";
    auto r = cli({"scan", "--offline", "--config", (d / "agent.yaml").string(), "--rules", rules, "--only",
                  "boot.autologin", "--lang", "en"});
    CHECK(r.code == 3);
    CHECK(r.err.find("not kept in the spool") != std::string::npos);
  }
}

TEST_CASE("lost stdout is exit 3") {
  SUBCASE("probes") { CHECK(cli_lost({"probes"}).code == 3); }
  SUBCASE("verify") {
    fs::path d = temp_dir("verify-lost");
    auto r = cli({"scan", "--root", fixture("cli-minimal").string(), "--rules", SELFCHECK_SOURCE_RULES_DIR, "--only",
                  "boot.autologin", "--output", (d / "f.yaml").string()});
    REQUIRE((r.code == 0 || r.code == 1));
    CHECK(cli({"verify", (d / "f.yaml").string()}).code == 0);
    CHECK(cli_lost({"verify", (d / "f.yaml").string()}).code == 3);
  }
  SUBCASE("usb list") {
    CHECK(cli_lost({"usb", "list", "--root", fixture("cli-minimal").string(), "--rules", SELFCHECK_SOURCE_RULES_DIR})
              .code == 3);
  }
}

TEST_CASE("cmd_summary neutralises control characters") {
  fs::path d = temp_dir("summary-esc");
  fs::path out = d / "f.yaml";
  fs::path root = temp_dir("summary-esc-root");
  fs::create_directories(root / "etc/selfcheck");
  std::ofstream(root / "etc/hostname") << "PC\x1b[31m-RED\n";
  REQUIRE(cli({"scan", "--root", root.string(), "--rules", SELFCHECK_SOURCE_RULES_DIR, "--only", "boot.autologin",
               "--output", out.string()})
              .code <= 1);
  for (const char* format : {"text", "markdown", "html"}) {
    INFO(format);
    auto r = cli({"summary", d.string(), "--format", format, "--lang", "en"});
    CHECK(r.code == 0);
    CHECK(r.out.find('\x1b') == std::string::npos);
    CHECK(r.out.find("PC\\x1b") != std::string::npos);
  }
  SUBCASE("and the scan's own text section") {
    auto r = cli({"scan", "--root", root.string(), "--rules", SELFCHECK_SOURCE_RULES_DIR, "--only", "boot.autologin",
                  "--format", "text", "--output", "-"});
    CHECK(r.out.find('\x1b') == std::string::npos);
  }
}
