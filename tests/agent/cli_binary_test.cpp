// The commands run through the real binary, as an administrator or an
// inspector runs them: `key new`, `verify`, `report`, `summary`, `collect`,
// and a unit summary in Chinese of machines scanned without a Chinese locale.
#include <doctest/doctest.h>

#include <filesystem>
#include <regex>
#include <set>

#include "agent/document.hpp"
#include "support/binary.hpp"
#include "support/sample_doc.hpp"

namespace fs = std::filesystem;
using namespace sc;
using namespace sc::test;

namespace {

fs::path fixture_root(const std::string& name) { return fs::path(SELFCHECK_FIXTURES) / "roots" / name; }

// A sealed findings file of MachineSpec `m` at `p` (signed when `key` is set).
void put_doc(const fs::path& p, const MachineSpec& m, const std::string& key = "") {
  Document d = machine(m);
  seal(d, key);
  write_text(p, to_yaml(d));
}

// The part of a summary with problems and measures.
std::string problems_part(const std::string& text) {
  auto a = text.find("存在的问题:");
  auto b = text.find("自查结论:");
  if (a == std::string::npos || b == std::string::npos) return "";
  auto notes = text.find("说明:", a);
  return text.substr(a, std::min(b, notes) - a);
}

}  // namespace

TEST_CASE("selfcheck key new") {
  fs::path dir = unique_temp_dir("key-cli");
  fs::path key = dir / "unit.key";
  auto r = run_binary({"key", "new", key.string()});
  CHECK(r.code == 0);
  CHECK(r.out.find("wrote a new unit key") != std::string::npos);
  REQUIRE(fs::exists(key));
  CHECK(fs::file_size(key) == 32);
  CHECK((fs::status(key).permissions() & fs::perms::all) == (fs::perms::owner_read | fs::perms::owner_write));
  SUBCASE("an existing key is not replaced") {
    std::string before = slurp_file(key);
    CHECK(run_binary({"key", "new", key.string()}).code == 3);
    CHECK(slurp_file(key) == before);
    CHECK(run_binary({"key", "new", key.string(), "--force"}).code == 0);
    CHECK(slurp_file(key) != before);
  }
  SUBCASE("an unknown action is a usage error") { CHECK(run_binary({"key", "old"}).code == 2); }
}

TEST_CASE("selfcheck verify") {
  fs::path dir = unique_temp_dir("verify-cli");
  fs::path key = dir / "unit.key";
  REQUIRE(run_binary({"key", "new", key.string()}).code == 0);
  std::string k = slurp_file(key);
  put_doc(dir / "signed.yaml", {}, k);
  put_doc(dir / "unsigned.yaml", {.hostname = "PC-2"});
  std::string edited = slurp_file(dir / "signed.yaml");
  edited.replace(edited.find("PC-0123"), 7, "PC-9999");
  write_text(dir / "edited.yaml", edited);
  SUBCASE("intact files, with and without the key") {
    auto r = run_binary({"verify", (dir / "signed.yaml").string(), (dir / "unsigned.yaml").string()});
    CHECK(r.code == 0);
    CHECK(r.out.find("unsigned") != std::string::npos);
    CHECK(run_binary({"verify", "--key", key.string(), (dir / "signed.yaml").string()}).code == 0);
  }
  SUBCASE("an edited file or a missing HMAC with the key: exit 1") {
    CHECK(run_binary({"verify", (dir / "edited.yaml").string()}).code == 1);
    CHECK(run_binary({"verify", "--key", key.string(), (dir / "unsigned.yaml").string()}).code == 1);
  }
}

TEST_CASE("selfcheck report") {
  fs::path dir = unique_temp_dir("report-cli");
  put_doc(dir / "a.yaml", {.unapproved_usb = true});
  SUBCASE("text in zh and en") {
    auto zh = run_binary({"report", (dir / "a.yaml").string(), "--lang", "zh"});
    CHECK(zh.code == 0);
    CHECK(zh.out.find("三、移动存储介质使用管理:") != std::string::npos);
    CHECK(zh.out.find("自查结论:不合格(1 个问题)。") != std::string::npos);
    auto en = run_binary({"report", (dir / "a.yaml").string(), "--lang", "en"});
    CHECK(en.out.find("3. Removable storage media: ") != std::string::npos);
  }
  SUBCASE("html and markdown") {
    CHECK(run_binary({"report", (dir / "a.yaml").string(), "--format", "html"}).out.find("<html") != std::string::npos);
    CHECK(run_binary({"report", (dir / "a.yaml").string(), "--format", "markdown", "--lang", "zh"})
              .out.find("## 计算机和网络安全自查情况") != std::string::npos);
  }
  SUBCASE("an unreadable file: exit 3") {
    CHECK(run_binary({"report", (dir / "missing.yaml").string()}).code == 3);
    CHECK(run_binary({"report"}).code == 2);
  }
}

TEST_CASE("selfcheck summary") {
  fs::path drive = unique_temp_dir("summary-cli");
  put_doc(drive / "selfcheck/2026-11-20/a.yaml", {});
  put_doc(drive / "selfcheck/2026-11-20/b.yaml",
          {.hostname = "PC-0456", .machine_id = "aaaa", .classification = "internal", .unapproved_usb = true});
  write_text(drive / "selfcheck/2026-11-20/bad.yaml", "schema: \"selfcheck.findings/2\"\n");
  SUBCASE("the unit section, bad files named on stderr") {
    auto r = run_binary({"summary", drive.string(), "--lang", "zh"});
    CHECK(r.code == 0);
    CHECK(r.out.find("本次共检查计算机 2 台,其中涉密计算机 1 台") != std::string::npos);
    CHECK(r.out.find("交叉使用") != std::string::npos);
    CHECK(r.err.find("left out") != std::string::npos);
  }
  SUBCASE("the same output whatever --jobs") {
    auto one = run_binary({"summary", drive.string(), "--format", "json", "-j", "1"});
    auto four = run_binary({"summary", drive.string(), "--format", "json", "-j", "4"});
    CHECK(one.code == 0);
    CHECK(one.out == four.out);
  }
  SUBCASE("--output writes the file") {
    fs::path out = drive / "unit.html";
    CHECK(run_binary({"summary", drive.string(), "--format", "html", "-o", out.string()}).code == 0);
    CHECK(slurp_file(out).find("<svg") != std::string::npos);
  }
  SUBCASE("nothing to summarise: exit 3") {
    CHECK(run_binary({"summary", unique_temp_dir("empty-drive").string()}).code == 3);
  }
}

TEST_CASE("selfcheck collect") {
  fs::path dir = unique_temp_dir("collect-cli");
  fs::path spool = dir / "spool";
  fs::path drive = dir / "drive";
  fs::create_directories(drive);
  write_text(dir / "agent.yaml", "spool: \"" + spool.string() + "\"\n");
  put_doc(spool / "results/20261113T080000Z-PC-0123.yaml", {.as_of = "2026-11-13T16:00:00+08:00"});
  put_doc(spool / "results/20261120T080000Z-PC-0123.yaml", {});
  auto r = run_binary({"collect", drive.string(), "--config", (dir / "agent.yaml").string()});
  CHECK(r.code == 0);
  // The name carries the asset id: cloned PCs never share a file (issue 13 item 8).
  fs::path copied = drive / "selfcheck/2026-11-20/PC-0123-0f1e2d3c-A-17.yaml";
  REQUIRE(fs::exists(copied));
  CHECK(slurp_file(copied) == slurp_file(spool / "results/20261120T080000Z-PC-0123.yaml"));
  SUBCASE("an empty spool: exit 3") {
    write_text(dir / "empty.yaml", "spool: \"" + (dir / "nothing").string() + "\"\n");
    CHECK(run_binary({"collect", drive.string(), "--config", (dir / "empty.yaml").string()}).code == 3);
  }
}

// Issue 14: the Friday timer scans without a Chinese locale; the unit summary
// in Chinese of those files must not carry English sentences. Words allowed:
// names and values that come from the machines (evidence, hosts, devices,
// paths, ids) and the technical names Chinese reports write in Latin letters.
TEST_CASE("summary --lang zh of machines scanned in English") {
  fs::path drive = unique_temp_dir("zh-drive");
  fs::create_directories(drive / "selfcheck");
  // Technical names the Chinese wording writes in Latin letters: products,
  // commands and configuration keys of the measures.
  std::set<std::string> allowed{
      "USB",  "GRUB",      "ClamAV", "Wi-Fi",  "machine-id",  "PASS_MAX_DAYS",  "MTP",
      "PTP",  "freshclam", "chage",  "passwd", "apt",         "upgrade",        "unattended-upgrade",
      "GDM",  "LightDM",   "SDDM",   "getty",  "--autologin", "autologin-user", "Autologin",
      "User", "systemctl", "enable", "--now"};
  const std::regex token_re("[A-Za-z0-9_.:/=+-]+"), word_re("[A-Za-z]{3,}");
  auto strip = [](std::string t) {
    while (!t.empty() && t.back() == ':') t.pop_back();
    while (!t.empty() && t.front() == ':') t.erase(0, 1);
    return t;
  };
  auto allow_words = [&](const std::string& s) {
    for (std::sregex_iterator it(s.begin(), s.end(), token_re), end; it != end; ++it) allowed.insert(strip(it->str()));
  };
  int n = 0;
  for (const char* root :
       {"av-none", "av-clamav-stale", "av-clamav-freshclam-masked", "boot-gdm-autologin", "boot-empty-password",
        "root-escape-links", "net-exposed", "patch-pending-security", "usb-debian-rotated", "usb-phone-internal",
        "usb-phone-modes", "usb-anonymous-storage", "usb-forged-identity"}) {
    fs::path out = drive / "selfcheck" / (std::to_string(n++) + ".yaml");
    auto r = run_binary({"scan", "--root", fixture_root(root).string(), "--rules", SELFCHECK_SOURCE_RULES_DIR,
                         "--as-of", "2026-11-20T16:00:00+08:00", "--format", "yaml", "--output", out.string()},
                        "LANG=C LC_ALL=C");
    INFO(std::string(root) << ": " << r.err);
    REQUIRE(fs::exists(out));
    allow_words(out.string());  // a machine without hostname or asset is named by its file
    Document d = read_document(slurp_file(out));
    allow_words(d.host.hostname + " " + d.host.owner + " " + d.host.department + " " + d.host.asset_id);
    for (const Finding& f : d.findings) {
      allow_words(f.id);
      for (const auto& [k, v] : f.evidence) {
        allow_words(k);
        if (auto s = std::get_if<std::string>(&v)) allow_words(*s);
        if (auto l = std::get_if<std::vector<std::string>>(&v))
          for (const auto& x : *l) allow_words(x);
      }
    }
    for (const auto& u : d.usb_devices) allow_words(u.vendor + " " + u.product + " " + u.serial);
  }
  auto r = run_binary({"summary", drive.string(), "--lang", "zh"}, "LANG=C LC_ALL=C");
  REQUIRE(r.code == 0);
  std::string part = problems_part(r.out);
  REQUIRE(part.find("整改措施:") != std::string::npos);
  INFO(part);
  std::vector<std::string> english;
  for (std::sregex_iterator it(part.begin(), part.end(), token_re), end; it != end; ++it) {
    std::string token = strip(it->str());
    if (allowed.count(token) || token.find('/') != std::string::npos) continue;  // a name, or a path
    std::smatch word;
    if (std::regex_search(token, word, word_re)) english.push_back(token);
  }
  CHECK(english.empty());
  for (const auto& w : english) MESSAGE("English word in the zh summary: " << w);
  // English the evidence holds (so the words above let it pass) but no
  // Chinese text may: the Host's reasons for a file it cannot read, the
  // dates of a device list.
  for (const char* phrase :
       {"does not exist", "leads outside", "no permission", "is a directory", "not a regular file", "cannot read",
        "run as root", "larger than", "first seen", "last seen", "device number", " serial "}) {
    CAPTURE(phrase);
    CHECK(r.out.find(phrase) == std::string::npos);
  }
  // The one-machine report of such a file reads in Chinese too.
  auto report = run_binary({"report", (drive / "selfcheck/0.yaml").string(), "--lang", "zh"}, "LANG=C LC_ALL=C");
  CHECK(report.code == 0);
  CHECK(report.out.find("一、防病毒软件安装与升级:未安装防病毒软件") != std::string::npos);
  CHECK(report.out.find("antivirus") == std::string::npos);
}
