// Tests for checks/antivirus: the probe on whole fake machines
// (tests/fixtures/roots/av-*), made by tests/fixtures/tools/make_av_roots.py.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <string>

#include "agent/core/config.hpp"
#include "agent/core/host.hpp"
#include "agent/core/rules.hpp"
#include "checks/probes.hpp"

using namespace sc;
namespace fs = std::filesystem;

namespace {

Time as_of() { return *parse_time("2026-11-20T16:00:00+08:00", Zone()); }

std::map<std::string, Finding> scan(const fs::path& root, Rules rules) {
  Host host({.root = root, .as_of = as_of()});
  auto probe = make_antivirus_probe();
  probe->configure(rules, Config{});
  std::map<std::string, Finding> out;
  for (auto& f : probe->run(host)) out[f.id] = f;
  REQUIRE(out.size() == 3);
  return out;
}

std::map<std::string, Finding> scan(const std::string& scenario) {
  return scan(fs::path(SELFCHECK_FIXTURES) / "roots" / scenario, Rules::load({SELFCHECK_SOURCE_RULES_DIR}));
}

std::string ev_str(const Finding& f, const std::string& key) {
  auto it = f.evidence.find(key);
  if (it == f.evidence.end()) return "<none>";
  if (auto s = std::get_if<std::string>(&it->second)) return *s;
  if (auto i = std::get_if<std::int64_t>(&it->second)) return std::to_string(*i);
  return "<other>";
}

std::vector<std::string> ev_list(const Finding& f, const std::string& key) {
  auto it = f.evidence.find(key);
  if (it == f.evidence.end()) return {};
  if (auto l = std::get_if<std::vector<std::string>>(&it->second)) return *l;
  return {};
}

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

// A temporary machine root, removed afterwards.
struct TempRoot {
  fs::path dir;
  TempRoot() {
    dir = fs::temp_directory_path() / ("sc-av-" + std::to_string(::getpid()) + "-" + std::to_string(counter()++));
    fs::create_directories(dir / "etc");
    fs::copy_file("/usr/share/zoneinfo/Asia/Shanghai", dir / "etc/localtime");
    std::ofstream(dir / "etc/os-release") << "ID=debian\nVERSION_ID=\"12\"\n";  // a recognisable Linux root
  }
  ~TempRoot() {
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
  static int& counter() {
    static int c = 0;
    return c;
  }
  void write(const std::string& rel, const std::string& data) {
    fs::path p = dir / rel;
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << data;
  }
};

}  // namespace

TEST_CASE("antivirus probe on fixture machines") {
  SUBCASE("fresh ClamAV") {
    auto f = scan("av-clamav-fresh");
    CHECK(f["antivirus.installed"].status == Status::pass);
    CHECK(f["antivirus.installed"].detail.zh == "已安装 ClamAV 1.0.7");
    CHECK(f["antivirus.service_enabled"].status == Status::pass);
    CHECK(contains(ev_list(f["antivirus.service_enabled"], "enabled_units").at(0), "clamav-freshclam.service"));
    const Finding& age = f["antivirus.signature_age"];
    CHECK(age.status == Status::pass);
    CHECK(age.detail.zh == "已安装 ClamAV 1.0.7,病毒库 2026-11-19 更新(1 天前)");
    CHECK(age.detail.en == "ClamAV 1.0.7 installed, signatures updated 2026-11-19 (1 day ago)");
    CHECK(ev_str(age, "database") == "daily.cld");
    CHECK(ev_str(age, "database_dir") == "/var/lib/clamav");
    CHECK(ev_str(age, "built") == "2026-11-19T09:12:00+08:00");
    CHECK(ev_str(age, "age_days") == "1");
    CHECK(ev_str(age, "database_version") == "27462");
    CHECK(ev_str(age, "limit_days") == "7");
  }
  SUBCASE("stale ClamAV: old daily, main older still") {
    auto f = scan("av-clamav-stale");
    const Finding& age = f["antivirus.signature_age"];
    CHECK(age.status == Status::fail);
    CHECK(ev_str(age, "database") == "daily.cld");
    CHECK(ev_str(age, "age_days") == "21");
    CHECK(contains(age.detail.zh, "超过 7 天未更新"));
  }
  SUBCASE("main newer than daily: the newest of all counts, still stale") {
    auto f = scan("av-clamav-main-newer");
    const Finding& age = f["antivirus.signature_age"];
    CHECK(age.status == Status::fail);
    CHECK(ev_str(age, "database") == "main.cvd");
    CHECK(ev_str(age, "age_days") == "15");
    // The updater's unit exists but no wants-link enables it.
    CHECK(f["antivirus.service_enabled"].status == Status::warn);
    CHECK(ev_list(f["antivirus.service_enabled"], "disabled_units") ==
          std::vector<std::string>{"clamav-freshclam.service"});
  }
  SUBCASE("no antivirus (library only, removed clamav with config files)") {
    auto f = scan("av-none");
    CHECK(f["antivirus.installed"].status == Status::fail);
    CHECK(f["antivirus.service_enabled"].status == Status::not_applicable);
    CHECK(f["antivirus.signature_age"].status == Status::not_applicable);
  }
  SUBCASE("custom DatabaseDirectory wins over stale leftovers in the default") {
    auto f = scan("av-clamav-custom-dir");
    const Finding& age = f["antivirus.signature_age"];
    CHECK(age.status == Status::pass);
    CHECK(ev_str(age, "database_dir") == "/srv/clamav");
    CHECK(ev_str(age, "database") == "daily.cld");
  }
  SUBCASE("corrupt and truncated headers are reported, not trusted") {
    auto f = scan("av-clamav-corrupt");
    const Finding& age = f["antivirus.signature_age"];
    CHECK(age.status == Status::unknown);
    CHECK(ev_str(age, "database") == "main.cvd");
    auto problems = ev_list(age, "problems");
    REQUIRE(problems.size() == 2);
    CHECK(contains(problems[0], "bytecode.cvd: truncated"));
    CHECK(contains(problems[1], "daily.cld: not a ClamAV database header"));
    CHECK(contains(age.detail.en, "corrupt"));
  }
  SUBCASE("vendor product without readable dates") {
    auto f = scan("av-vendor-nodate");
    CHECK(f["antivirus.installed"].status == Status::pass);
    CHECK(contains(f["antivirus.installed"].detail.zh, "火绒"));
    CHECK(f["antivirus.service_enabled"].status == Status::pass);
    const Finding& age = f["antivirus.signature_age"];
    CHECK(age.status == Status::unknown);
    CHECK(contains(age.detail.zh, "无法从文件读取"));
    CHECK(contains(age.detail.en, "cannot be read from files"));
  }
  SUBCASE("unreadable databases: a directory and a dangling link") {
    auto f = scan("av-clamav-unreadable");
    const Finding& age = f["antivirus.signature_age"];
    CHECK(age.status == Status::unknown);
    auto problems = ev_list(age, "problems");
    REQUIRE(problems.size() == 2);
    CHECK(contains(problems[0], "daily.cld"));
    CHECK(contains(problems[0], "is a directory"));
    CHECK(contains(problems[1], "main.cvd"));
    CHECK(contains(problems[1], "does not exist"));
  }
  SUBCASE("several products: all named, a fresh one passes, the dateless one is said") {
    auto f = scan("av-several");
    CHECK(f["antivirus.installed"].detail.zh == "已安装 ClamAV 1.0.7、火绒终端安全");
    CHECK(ev_list(f["antivirus.installed"], "products") == std::vector<std::string>{"clamav", "huorong"});
    // The warning names only the product at fault.
    CHECK(f["antivirus.service_enabled"].status == Status::warn);
    CHECK(f["antivirus.service_enabled"].detail.zh ==
          "火绒终端安全未安装扫描或升级服务(hravd.service、huorong.service)");
    CHECK(ev_list(f["antivirus.service_enabled"], "enabled_units").size() == 1);
    const Finding& age = f["antivirus.signature_age"];
    CHECK(age.status == Status::pass);
    CHECK(ev_str(age, "database") == "daily.cld");
    CHECK(contains(age.detail.zh, "已安装火绒终端安全,火绒的病毒库日期无法从文件读取"));
    CHECK(ev_list(age, "products").size() == 2);
  }
  SUBCASE("ClamAV source build: sample config ignored, /usr/local/share/clamav, old headers") {
    auto f = scan("av-clamav-source");
    CHECK(f["antivirus.installed"].status == Status::pass);
    CHECK(f["antivirus.installed"].detail.en == "installed: ClamAV");
    CHECK(f["antivirus.service_enabled"].status == Status::warn);
    const Finding& age = f["antivirus.signature_age"];
    CHECK(age.status == Status::pass);
    CHECK(ev_str(age, "database_dir") == "/usr/local/share/clamav");
    CHECK(ev_str(age, "database") == "daily.cvd");
    CHECK(ev_str(age, "age_days") == "4");
  }
}

TEST_CASE("antivirus probe limits and file-time products") {
  SUBCASE("the limit comes from a rules.d override") {
    auto base = Rules::load({SELFCHECK_SOURCE_RULES_DIR});
    std::vector<YamlDoc> docs = base.all();
    docs.push_back(YamlDoc::load_string("signature_max_age_days: 30\n", "rules.d/antivirus.yaml"));
    auto f = scan(fs::path(SELFCHECK_FIXTURES) / "roots" / "av-clamav-stale", Rules::from_docs(docs));
    CHECK(f["antivirus.signature_age"].status == Status::pass);
    CHECK(ev_str(f["antivirus.signature_age"], "limit_days") == "30");
  }
  SUBCASE("exactly at the limit is not stale; one second more is") {
    TempRoot m;
    m.write("usr/bin/clamscan", "");
    Time built = as_of() - std::chrono::hours(24 * 7);
    std::string h = "ClamAV-VDB:x:1:1:90:X:X:b:" + std::to_string(built.time_since_epoch().count());
    h.resize(512, ' ');
    m.write("var/lib/clamav/daily.cvd", h);
    auto rules = Rules::load({SELFCHECK_SOURCE_RULES_DIR});
    CHECK(scan(m.dir, rules)["antivirus.signature_age"].status == Status::pass);
    h = "ClamAV-VDB:x:1:1:90:X:X:b:" + std::to_string(built.time_since_epoch().count() - 1);
    h.resize(512, ' ');
    m.write("var/lib/clamav/daily.cvd", h);
    CHECK(scan(m.dir, rules)["antivirus.signature_age"].status == Status::fail);
  }
  SUBCASE("a product dated by file times (Kaspersky bases)") {
    TempRoot m;
    m.write("opt/kaspersky/kesl/bin/kesl-control", "");
    m.write("var/opt/kaspersky/kesl/common/updates/bases/kdb.dat", "x");
    m.write("var/opt/kaspersky/kesl/common/updates/old.dat", "x");
    fs::last_write_time(m.dir / "var/opt/kaspersky/kesl/common/updates/bases/kdb.dat",
                        fs::file_time_type::clock::now() - std::chrono::hours(24 * 400));
    fs::last_write_time(m.dir / "var/opt/kaspersky/kesl/common/updates/old.dat",
                        fs::file_time_type::clock::now() - std::chrono::hours(24 * 500));
    fs::last_write_time(m.dir / "var/opt/kaspersky/kesl/common/updates/bases",
                        fs::file_time_type::clock::now() - std::chrono::hours(24 * 400));
    fs::last_write_time(m.dir / "var/opt/kaspersky/kesl/common/updates",
                        fs::file_time_type::clock::now() - std::chrono::hours(24 * 400));
    // As of "now": newest file is 400 days old → stale, dated by mtime.
    Host host({.root = m.dir});
    auto probe = make_antivirus_probe();
    probe->configure(Rules::load({SELFCHECK_SOURCE_RULES_DIR}), Config{});
    std::map<std::string, Finding> f;
    for (auto& x : probe->run(host)) f[x.id] = x;
    CHECK(f["antivirus.installed"].status == Status::pass);
    const Finding& age = f["antivirus.signature_age"];
    CHECK(age.status == Status::fail);
    CHECK(ev_str(age, "date_source") == "mtime");
    CHECK(contains(ev_str(age, "database"), "/var/opt/kaspersky/kesl/common/updates"));
    CHECK(ev_str(age, "age_days") == "400");
    // No unit files at all: the service check warns.
    CHECK(f["antivirus.service_enabled"].status == Status::warn);
  }
  SUBCASE("SysV rc link enables a product without a systemd unit") {
    TempRoot m;
    m.write("usr/bin/clamscan", "");
    m.write("etc/init.d/clamav-freshclam", "#!/bin/sh\n");
    fs::create_directories(m.dir / "etc/rc2.d");
    fs::create_symlink("../init.d/clamav-freshclam", m.dir / "etc/rc2.d/S01clamav-freshclam");
    auto f = scan(m.dir, Rules::load({SELFCHECK_SOURCE_RULES_DIR}));
    CHECK(f["antivirus.service_enabled"].status == Status::pass);
    // No database directory at all: unknown with where it looked.
    CHECK(f["antivirus.signature_age"].status == Status::unknown);
    CHECK(contains(f["antivirus.signature_age"].detail.en, "/var/lib/clamav"));
  }
  SUBCASE("a masked unit is not enabled") {
    TempRoot m;
    m.write("usr/bin/clamscan", "");
    m.write("lib/systemd/system/clamav-freshclam.service", "[Unit]\n");
    fs::create_directories(m.dir / "etc/systemd/system");
    fs::create_symlink("/dev/null", m.dir / "etc/systemd/system/clamav-freshclam.service");
    auto f = scan(m.dir, Rules::load({SELFCHECK_SOURCE_RULES_DIR}));
    CHECK(f["antivirus.service_enabled"].status == Status::warn);
    CHECK(contains(f["antivirus.service_enabled"].detail.en, "masked"));
  }
  SUBCASE("issue 14: the daemon enabled, the update service disabled (not masked) warns") {
    TempRoot m;
    m.write("usr/bin/clamscan", "");
    m.write("lib/systemd/system/clamav-daemon.service", "[Install]\nWantedBy=multi-user.target\n");
    m.write("lib/systemd/system/clamav-freshclam.service", "[Install]\nWantedBy=multi-user.target\n");
    fs::create_directories(m.dir / "etc/systemd/system/multi-user.target.wants");
    fs::create_symlink("/lib/systemd/system/clamav-daemon.service",
                       m.dir / "etc/systemd/system/multi-user.target.wants/clamav-daemon.service");
    auto f = scan(m.dir, Rules::load({SELFCHECK_SOURCE_RULES_DIR}));
    const Finding& s = f["antivirus.service_enabled"];
    CHECK(s.status == Status::warn);
    CHECK(contains(s.detail.en, "update service not enabled (clamav-freshclam.service (disabled))"));
    CHECK(ev_list(s, "disabled_units") == std::vector<std::string>{"clamav-freshclam.service"});
  }
  SUBCASE("configured DatabaseDirectory that does not exist") {
    TempRoot m;
    m.write("usr/bin/clamscan", "");
    m.write("etc/clamav/freshclam.conf", "DatabaseDirectory /srv/gone\n");
    auto f = scan(m.dir, Rules::load({SELFCHECK_SOURCE_RULES_DIR}));
    CHECK(f["antivirus.signature_age"].status == Status::unknown);
    CHECK(contains(f["antivirus.signature_age"].detail.en, "/srv/gone"));
  }
}

TEST_CASE("antivirus probe: issue 14, the update service masked while the daemon runs") {
  auto f = scan("av-clamav-freshclam-masked");
  const Finding& s = f["antivirus.service_enabled"];
  CHECK(s.status == Status::warn);
  CHECK(s.detail.en ==
        "ClamAV update service not enabled (clamav-freshclam.service (masked)): nothing updates the "
        "signatures");
  CHECK(s.detail.zh == "ClamAV 病毒库升级服务未启用(clamav-freshclam.service(已屏蔽)),病毒库不会自动更新");
  CHECK(contains(ev_list(s, "enabled_units").at(0), "clamav-daemon.service"));
  CHECK(ev_list(s, "disabled_units") == std::vector<std::string>{"clamav-freshclam.service (masked)"});
}

namespace {
// An RPM machine: `rpm --root ROOT -qa` answers from a canned listing.
class RpmHost : public Host {
 public:
  RpmHost(Options o, std::string out, bool have_rpm) : Host(std::move(o)), out_(std::move(out)), have_(have_rpm) {}
  CommandResult run(const std::vector<std::string>& argv, std::optional<milliseconds>) const override {
    CommandResult r;
    argv_ = argv;
    if (!have_) {
      r.error = "command not found: rpm";
      return r;
    }
    r.exit_code = 0;
    r.out = out_;
    return r;
  }
  mutable std::vector<std::string> argv_;

 private:
  std::string out_;
  bool have_;
};

std::map<std::string, Finding> scan_host(const Host& host) {
  auto probe = make_antivirus_probe();
  probe->configure(Rules::load({SELFCHECK_SOURCE_RULES_DIR}), Config{});
  std::map<std::string, Finding> out;
  for (auto& f : probe->run(host)) out[f.id] = f;
  return out;
}
}  // namespace

TEST_CASE("antivirus probe: rpm_packages through the rpm database") {
  TempRoot m;
  fs::create_directories(m.dir / "var/lib/rpm");
  SUBCASE("clamd installed as an rpm only (no path the rules name)") {
    RpmHost host({.root = m.dir, .as_of = as_of()},
                 "bash\t0:5.1.8-6.el9_1\tx86_64\t1793500000\nclamd\t0:1.0.7-1.el9\tx86_64\t1793600000\n", true);
    auto f = scan_host(host);
    CHECK(host.argv_.at(0) == "rpm");
    CHECK(host.argv_.at(2) == m.dir.string());
    CHECK(f["antivirus.installed"].status == Status::pass);
    CHECK(f["antivirus.installed"].detail.en == "installed: ClamAV 1.0.7");
    CHECK(ev_list(f["antivirus.installed"], "detected_by") ==
          std::vector<std::string>{"clamav: rpm clamd 0:1.0.7-1.el9"});
  }
  SUBCASE("rpm cannot be run: unknown with the reason, never 'no antivirus'") {
    RpmHost host({.root = m.dir, .as_of = as_of()}, "", false);
    auto f = scan_host(host);
    CHECK(f["antivirus.installed"].status == Status::unknown);
    CHECK(contains(f["antivirus.installed"].detail.en, "rpm database /var/lib/rpm cannot be read: command not found"));
    CHECK(f["antivirus.signature_age"].status == Status::unknown);
  }
  SUBCASE("an rpm machine without any AV package: fail") {
    RpmHost host({.root = m.dir, .as_of = as_of()}, "bash\t0:5.1.8-6.el9_1\tx86_64\t1793500000\n", true);
    CHECK(scan_host(host)["antivirus.installed"].status == Status::fail);
  }
}
