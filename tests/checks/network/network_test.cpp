// Tests for the network probe on whole fixture machines
// (tests/fixtures/roots/net-*), live checks on fixture /proc and /sys with
// --live, and reachability against loopback endpoints only (127.0.0.1).
#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "agent/core/config.hpp"
#include "agent/core/errors.hpp"
#include "agent/core/rules.hpp"
#include "checks/probes.hpp"
#include "checks/usb/usb_history.hpp"
#include "support/loopback.hpp"

using namespace sc;
namespace fs = std::filesystem;
using namespace std::chrono_literals;

namespace {

fs::path root_of(const char* scenario) { return fs::path(SELFCHECK_FIXTURES) / "roots" / scenario; }

Time as_of() { return *parse_time("2026-11-20T16:00:00+08:00", *Zone::load_file("/usr/share/zoneinfo/Asia/Shanghai")); }

// A Host that counts connection attempts (to prove none is made).
struct CountingHost : Host {
  using Host::Host;
  mutable std::atomic<int> connects{0};
  ConnectResult connect(const std::string& h, std::uint16_t p, milliseconds t) const override {
    ++connects;
    return Host::connect(h, p, t);
  }
};

struct Run {
  std::vector<Finding> findings;
  const Finding& operator[](std::string_view id) const {
    for (const auto& f : findings)
      if (f.id == id) return f;
    FAIL("no finding " << id);
    return findings.front();
  }
};

Config config_of(const fs::path& root) { return load_config(root / "etc/selfcheck/agent.yaml"); }

Run run_probe(const Host& host, const Config& config) {
  auto rules = Rules::load({SELFCHECK_SOURCE_RULES_DIR});
  auto probe = make_network_probe();
  probe->configure(rules, config);
  return Run{probe->run(host)};
}

std::vector<std::string> list(const Finding& f, const std::string& key) {
  auto it = f.evidence.find(key);
  if (it == f.evidence.end()) return {};
  if (auto* v = std::get_if<std::vector<std::string>>(&it->second)) return *v;
  return {};
}

bool contains(const std::vector<std::string>& v, std::string_view needle) {
  for (const auto& s : v)
    if (s.find(needle) != std::string::npos) return true;
  return false;
}

// Every text a finding carries (as the findings file would).
std::string all_text(const std::vector<Finding>& fs) {
  std::string out;
  for (const auto& f : fs) {
    out += f.detail.zh + f.detail.en;
    for (const auto& [k, v] : f.evidence) {
      if (auto* s = std::get_if<std::string>(&v)) out += *s;
      if (auto* l = std::get_if<std::vector<std::string>>(&v))
        for (const auto& s : *l) out += s + "\n";
    }
  }
  return out;
}

}  // namespace

TEST_CASE("network probe: specs") {
  auto probe = make_network_probe();
  CHECK(probe->name() == "network");
  REQUIRE(probe->specs().size() == 6);
  for (const auto& s : probe->specs()) {
    CHECK_FALSE(s.title.zh.empty());
    CHECK_FALSE(s.rationale.en.empty());
    CHECK_FALSE(s.remediation.zh.empty());
  }
}

TEST_CASE("network probe: clean confidential machine, offline") {
  fs::path root = root_of("net-clean");
  CountingHost host({.root = root, .as_of = as_of()});
  Run r = run_probe(host, config_of(root));
  CHECK(r.findings.size() == 6);
  CHECK(r.findings.front().id == "network.internet_reachable");
  CHECK(r["network.internet_reachable"].status == Status::unknown);
  CHECK(r["network.internet_reachable"].detail.en.find("offline audit") != std::string::npos);
  CHECK(r["network.default_route"].status == Status::unknown);
  CHECK(r["network.wireless"].status == Status::unknown);
  CHECK(r["network.wifi_profiles"].status == Status::pass);
  const Finding& h = r["network.internet_history"];
  CHECK(h.status == Status::pass);
  CHECK(contains(list(h, "sources"), "/var/log/syslog"));
  CHECK(contains(list(h, "sources"), "/var/log/apt/term.log"));
  CHECK(contains(list(h, "networks_joined"), "10.1.20.31 on eth0"));
  CHECK(contains(list(h, "networks_joined"), "Wired connection 1") == false);  // no timestamps file here
  CHECK(host.connects == 0);
}

TEST_CASE("network probe: exposed confidential machine, offline") {
  fs::path root = root_of("net-exposed");
  CountingHost host({.root = root, .as_of = as_of()});
  Run r = run_probe(host, config_of(root));
  CHECK(host.connects == 0);

  SUBCASE("wifi profiles: SSIDs from every source, never keys") {
    const Finding& w = r["network.wifi_profiles"];
    CHECK(w.status == Status::fail);
    auto ssids = list(w, "ssids");
    CHECK(ssids == std::vector<std::string>{"Office-5G", "张三的iPhone", "CMCC-Lab", "ChinaNet-8F2A", "Guest"});
    std::string text = all_text(r.findings);
    for (const char* secret :
         {"Sup3rSecretPsk", "iphone-hotspot-key", "wpa-conf-secret-99", "0f4a5c3e2b1d8c7f", "ifupdown-secret-77"})
      CHECK(text.find(secret) == std::string::npos);
  }
  SUBCASE("internet history from rotated syslog, apt term.log.1.gz, leases, NM timestamps") {
    const Finding& h = r["network.internet_history"];
    CHECK(h.status == Status::fail);
    auto addrs = list(h, "public_addresses");
    CHECK(addrs == std::vector<std::string>{"198.51.100.7", "2001:db8:4000::41", "203.0.113.20"});
    auto events = list(h, "events");
    CHECK(contains(events,
                   "2026-11-18T13:10:44+08:00 time sync with 203.0.113.20 (2.debian.pool.ntp.org) "
                   "(/var/log/syslog.2.gz)"));
    CHECK(contains(events, "2026-11-19T09:02:11+08:00 time sync with 198.51.100.7"));
    CHECK(contains(events, "2026-11-18T13:10:43+08:00 NetworkManager connectivity full"));
    CHECK(contains(events, "2026-11-18T13:20:05+08:00 apt download from deb.debian.org"));
    CHECK(contains(events, "apt download from security.debian.org"));
    CHECK_FALSE(contains(events, "10.1.0.5"));  // the unit's own NTP server
    CHECK(std::get<std::int64_t>(h.evidence.at("count")) == 6);
    auto joined = list(h, "networks_joined");
    CHECK(contains(joined, "172.20.10.4 on wlp2s0 via 172.20.10.1 2026-11-18T13:10:44+08:00"));
    CHECK(contains(joined, "192.168.31.117 on wlp2s0"));
    CHECK(contains(joined, "NetworkManager connection \"Office-5G\" last used 2026-11-18T13:30:00+08:00"));
    CHECK(contains(joined, "NetworkManager connection \"张三的iPhone\""));
  }
  SUBCASE("tethering from the shared USB history fact") {
    const Finding& t = r["network.tethering_history"];
    const UsbHistory& uh = usb_history(host);
    if (!uh.any_source) {
      // The usb branch has not landed: the fact says why, and so does the finding.
      CHECK(t.status == Status::unknown);
      CHECK(t.detail.en.find("not yet supported") != std::string::npos);
    } else {
      CHECK(t.status == Status::fail);
      CHECK(contains(list(t, "devices"), "18d1:4ee4"));
      // Issue 14: the Chinese text says its dates in Chinese.
      CHECK(t.detail.zh.find(",首次接入 2026-11-18T13:10:40+08:00") != std::string::npos);
      CHECK(t.detail.zh.find("seen") == std::string::npos);
      CHECK(t.detail.en.find(", first seen 2026-11-18T13:10:40+08:00") != std::string::npos);
    }
  }
}

TEST_CASE("network probe: not confidential: not_applicable, nothing attempted") {
  fs::path root = root_of("net-internal");
  test::Listener l;
  Config c = config_of(root);
  c.targets = std::vector<std::string>{l.target()};
  CountingHost host({.root = root, .live = true, .as_of = as_of()});
  Run r = run_probe(host, c);
  REQUIRE(r.findings.size() == 6);
  for (const auto& f : r.findings) CHECK(f.status == Status::not_applicable);
  CHECK(host.connects == 0);
  CHECK(all_text(r.findings).find("Office-5G") == std::string::npos);
}

TEST_CASE("network probe: live checks on fixture /proc and /sys") {
  fs::path root = root_of("net-live");
  Config c = config_of(root);
  c.timeout_ms = 400;

  SUBCASE("routes and wireless") {
    c.targets = std::vector<std::string>{"127.0.0.1:" + std::to_string(test::closed_port())};
    CountingHost host({.root = root, .live = true, .as_of = as_of()});
    Run r = run_probe(host, c);
    const Finding& d = r["network.default_route"];
    CHECK(d.status == Status::fail);
    CHECK(list(d, "routes") ==
          std::vector<std::string>{"0.0.0.0/0 via 10.1.20.1 dev eth0", "::/0 via fe80::a1b:2cff:fe3d:4e5f dev eth0"});
    const Finding& w = r["network.wireless"];
    CHECK(w.status == Status::fail);
    CHECK(list(w, "interfaces") == std::vector<std::string>{"wlp2s0"});
    CHECK(r["network.internet_reachable"].status == Status::warn);  // refused: a path exists
    CHECK(contains(list(r["network.internet_reachable"], "refused"), "127.0.0.1:"));
    CHECK(host.connects == 1);
    CHECK(r["network.wifi_profiles"].status == Status::pass);
    CHECK(r["network.internet_history"].status == Status::pass);
  }
  SUBCASE("a clean machine's /proc and /sys pass") {
    fs::path clean = root_of("net-clean");
    c.targets = std::vector<std::string>{"127.0.0.1:" + std::to_string(test::closed_port())};
    Host host({.root = clean, .live = true, .as_of = as_of()});
    Run r = run_probe(host, c);
    CHECK(r["network.default_route"].status == Status::pass);
    CHECK(r["network.wireless"].status == Status::pass);
  }
}

TEST_CASE("network probe: reachability of loopback targets") {
  fs::path root = root_of("net-live");
  Config c = config_of(root);
  c.timeout_ms = 500;
  Host host({.root = root, .live = true, .as_of = as_of()});

  SUBCASE("a target that accepts fails") {
    test::Listener l;
    c.targets = std::vector<std::string>{l.target(), "127.0.0.1:" + std::to_string(test::closed_port())};
    Run r = run_probe(host, c);
    const Finding& f = r["network.internet_reachable"];
    CHECK(f.status == Status::fail);
    CHECK(list(f, "accepted") == std::vector<std::string>{l.target()});
    CHECK(list(f, "targets").size() == 2);
  }
  SUBCASE("black holes are unreachable: pass, and the probe ends within timeout + 1 s") {
    test::Listener a(0), b(0);
    REQUIRE(a.make_black_hole());
    REQUIRE(b.make_black_hole());
    c.targets = std::vector<std::string>{a.target(), b.target()};
    auto start = std::chrono::steady_clock::now();
    Run r = run_probe(host, c);
    auto took = std::chrono::steady_clock::now() - start;
    const Finding& f = r["network.internet_reachable"];
    CHECK(f.status == Status::pass);
    CHECK(contains(list(f, "targets"), "timeout"));
    CHECK(took < 500ms + 1s);  // parallel attempts: not 2 × timeout
  }
  SUBCASE("no usable target is unknown, not pass") {
    c.targets = std::vector<std::string>{};
    Run r = run_probe(host, c);
    CHECK(r["network.internet_reachable"].status == Status::unknown);
  }
}

TEST_CASE("network probe: journal entries count as history") {
  const char* remote = "/usr/lib/systemd/systemd-journal-remote";
  if (!fs::exists(remote)) {
    MESSAGE("systemd-journal-remote not installed: journal test skipped");
    return;
  }
  fs::path tmp = fs::temp_directory_path() / ("selfcheck-net-journal-" + std::to_string(::getpid()));
  fs::remove_all(tmp);
  fs::copy(root_of("net-clean"), tmp, fs::copy_options::recursive);
  fs::path jdir = tmp / "var/log/journal/5c1b0a9f8e7d6c5b4a3928171605f4e3";
  fs::create_directories(jdir);
  fs::path exp = fs::path(SELFCHECK_FIXTURES) / "journal/net-history.export";
  std::string cmd = std::string(remote) + " -o '" + (jdir / "system.journal").string() + "' - < '" + exp.string() +
                    "' >/dev/null 2>&1";
  REQUIRE(std::system(cmd.c_str()) == 0);
  Host host({.root = tmp, .as_of = as_of()});
  Run r = run_probe(host, config_of(tmp));
  const Finding& h = r["network.internet_history"];
  CHECK(h.status == Status::fail);
  auto events = list(h, "events");
  CHECK(contains(events, "2026-11-18T09:30:00+08:00 time sync with 203.0.113.20 (2.debian.pool.ntp.org) (journal)"));
  CHECK(contains(events, "2026-11-18T09:30:09+08:00 NetworkManager connectivity full (journal)"));
  CHECK_FALSE(contains(events, "10.1.0.5"));
  CHECK(contains(list(h, "sources"), "journal"));
  fs::remove_all(tmp);
}

TEST_CASE("network probe: rules are validated with positions") {
  auto probe = make_network_probe();
  Config c;
  SUBCASE("bad target") {
    auto rules = Rules::from_docs({YamlDoc::load_string("targets: [\"2400:3200::1:53\"]\n", "network.yaml")});
    CHECK_THROWS_WITH_AS(probe->configure(rules, c), doctest::Contains("network.yaml:1:"), ConfigError);
  }
  SUBCASE("unknown key") {
    auto rules = Rules::from_docs({YamlDoc::load_string("target: []\n", "network.yaml")});
    CHECK_THROWS_AS(probe->configure(rules, c), ConfigError);
  }
  SUBCASE("time_sync entry without phrase") {
    auto rules = Rules::from_docs({YamlDoc::load_string("time_sync:\n  - {id: a, ident: ntpd}\n", "network.yaml")});
    CHECK_THROWS_WITH_AS(probe->configure(rules, c), doctest::Contains("network.yaml:2:"), ConfigError);
  }
  SUBCASE("override by id replaces, scalars later win") {
    auto base = Rules::load({SELFCHECK_SOURCE_RULES_DIR});
    std::vector<YamlDoc> docs;
    for (const auto* d : base.docs("network")) docs.push_back(*d);
    docs.push_back(YamlDoc::load_string("public_mirrors: [mirror.unit.lan]\n", "network.yaml"));
    auto rules = Rules::from_docs(std::move(docs));
    fs::path root = root_of("net-clean");
    c = config_of(root);
    probe->configure(rules, c);
    Host host({.root = root, .as_of = as_of()});
    auto fs = probe->run(host);
    for (const auto& f : fs)
      if (f.id == "network.internet_history") CHECK(f.status == Status::fail);  // mirror.unit.lan now public
  }
}
