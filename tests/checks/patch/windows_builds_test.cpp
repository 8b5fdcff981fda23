// rules/windows_builds.yaml: the strict loader on the shipped file and on
// broken ones, the UBR lookups, and every outcome of the Windows
// pending-security judgement.
#include "checks/patch/windows_builds.hpp"

#include <doctest/doctest.h>

#include <variant>

#include "agent/core/errors.hpp"
#include "checks/patch/patch_probe.hpp"
#include "checks/probes.hpp"

using namespace sc;

namespace {

WindowsBuilds shipped() {
  return load_windows_builds(
      YamlDoc::load_file(std::filesystem::path(SELFCHECK_SOURCE_RULES_DIR) / "windows_builds.yaml"));
}

constexpr std::string_view kSmall = R"(schema: selfcheck.windows_builds/1
data_as_of: 2026-11-10
edition_groups:
  - {group: ltsc, patterns: [EnterpriseS]}
  - {group: home_pro, patterns: ["Core*", "Professional*"]}
builds:
  - build: 19045
    family: client
    version: "22H2"
    name: {zh: "Windows 10 22H2", en: "Windows 10 22H2"}
    end_of_support: {default: 2025-10-14}
    esu: {consumer: 2027-10-12}
    updates:
      - {ubr: 7000, released: 2026-11-10, type: security}
      - {ubr: 6900, kb: KB5000001, released: 2026-02-10, type: security}
      - {ubr: 6000, kb: KB5000000, released: 2025-06-10, type: security}
)";

std::string load_error(std::string text) {
  try {
    load_windows_builds(YamlDoc::load_string(text, "wb.yaml"));
  } catch (const ConfigError& e) {
    return e.what();
  }
  return "";
}

Host host_at(const char* iso) {
  Host::Options o;
  o.root = "/nonexistent-root";
  o.live = false;
  o.as_of = parse_time(iso, Zone());
  return Host(o);
}

const FindingSpec kSpec{"patch.pending_security", Severity::high, {}, {}, {}};

std::string ev_str(const Finding& f, const std::string& k) {
  auto it = f.evidence.find(k);
  return it == f.evidence.end() ? "" : std::get<std::string>(it->second);
}

}  // namespace

TEST_CASE("load_windows_builds") {
  SUBCASE("the shipped file") {
    WindowsBuilds w = shipped();
    CHECK(w.data_as_of.size() == 10);
    REQUIRE(w.find(7601, false));
    CHECK(w.find(7601, false)->name.en == "Windows 7 SP1");
    REQUIRE(w.find(19045, false));
    CHECK(w.find(7601, true));
    CHECK(w.newest_client_build() >= 26100);
    CHECK(w.group_of("EnterpriseS") == "ltsc");
    CHECK(w.group_of("professional") == "home_pro");
    CHECK(w.group_of("Ultimate").empty());
  }
  SUBCASE("strict: unknown key, bad date, unsorted, duplicate, schema") {
    std::string s(kSmall);
    CHECK(load_error(s).empty());
    CHECK(load_error(s + "extra: 1\n").find("wb.yaml:") != std::string::npos);
    std::string bad_date = s;
    bad_date.replace(bad_date.find("2026-11-10"), 10, "2026-13-10");
    CHECK(load_error(bad_date).find("wb.yaml:2:") != std::string::npos);
    std::string unsorted = s;
    unsorted.replace(unsorted.find("ubr: 6000"), 9, "ubr: 8000");
    CHECK(load_error(unsorted).find("descending") != std::string::npos);
    std::string bad_kb = s;
    bad_kb.replace(bad_kb.find("KB5000000"), 9, "KB50");
    CHECK(load_error(bad_kb).find("kb") != std::string::npos);
    std::string schema = s;
    schema.replace(schema.find("/1"), 2, "/2");
    CHECK(load_error(schema).find("schema") != std::string::npos);
    CHECK(load_error(s + R"(  - build: 19045
    family: client
    version: "x"
    name: {zh: a, en: b}
    end_of_support: {default: 2025-10-14}
    updates: []
)")
              .find("twice") != std::string::npos);
  }
}

TEST_CASE("place_ubr") {
  WindowsBuilds w = load_windows_builds(YamlDoc::load_string(kSmall, "wb.yaml"));
  const WinBuild& b = *w.find(19045, false);
  CHECK(place_ubr(b, 7000).kind == UbrPlace::exact);
  CHECK(place_ubr(b, 7100).kind == UbrPlace::newer_than_data);
  UbrPlace est = place_ubr(b, 6950);
  CHECK(est.kind == UbrPlace::estimated);
  CHECK(est.update->released == "2026-02-10");
  UbrPlace old = place_ubr(b, 100);
  CHECK(old.kind == UbrPlace::older_than_data);
  CHECK(old.update->released == "2025-06-10");
  CHECK(place_ubr(b, std::nullopt).kind == UbrPlace::no_ubr);
}

TEST_CASE("judge_windows_release") {
  WindowsBuilds w = shipped();
  Host h = host_at("2026-11-20T16:00:00+08:00");
  auto facts = [](std::int64_t build, std::optional<std::uint32_t> ubr, std::string edition = "Professional") {
    patch::WinOsFacts f;
    f.build = build;
    f.ubr = ubr;
    f.edition = std::move(edition);
    f.installation_type = "Client";
    return f;
  };
  SUBCASE("Windows 7: end of support") {
    Finding f = patch::judge_windows_release(w, facts(7601, std::nullopt, "Ultimate"), h, 60, kSpec);
    CHECK(f.status == Status::fail);
    CHECK(f.detail.zh.find("该计算机操作系统为 Windows 7 SP1,已停止安全更新") != std::string::npos);
    CHECK(f.detail.en.find("no longer receives security updates since 2020-01-14") != std::string::npos);
  }
  SUBCASE("Windows 10 22H2 with the newest ESU update: pass, covered by ESU") {
    Finding f = patch::judge_windows_release(w, facts(19045, 7846), h, 60, kSpec);
    CHECK(f.status == Status::pass);
    CHECK(f.detail.en.find("ESU") != std::string::npos);
  }
  SUBCASE("Windows 10 22H2 on January's update: too old") {
    Finding f = patch::judge_windows_release(w, facts(19045, 6809), h, 60, kSpec);
    CHECK(f.status == Status::fail);
    CHECK(ev_str(f, "release_date") == "2026-01-13");
  }
  SUBCASE("Windows 10 22H2 never updated after end of support: no ESU") {
    Finding f = patch::judge_windows_release(w, facts(19045, 6332), h, 60, kSpec);
    CHECK(f.status == Status::fail);
    CHECK(f.detail.en.find("no longer receives security updates") != std::string::npos);
  }
  SUBCASE("Windows 11 24H2 Enterprise, current; UBR newer than the data") {
    CHECK(patch::judge_windows_release(w, facts(26100, 9974, "Enterprise"), h, 60, kSpec).status == Status::pass);
    Finding f = patch::judge_windows_release(w, facts(26100, 99999, "Enterprise"), h, 60, kSpec);
    CHECK(f.status == Status::pass);
    CHECK(f.detail.en.find("newer than rules data") != std::string::npos);
  }
  SUBCASE("unknown and future builds, unreadable facts, no data") {
    CHECK(patch::judge_windows_release(w, facts(12345, 1), h, 60, kSpec).status == Status::unknown);
    CHECK(patch::judge_windows_release(w, facts(99999, 1), h, 60, kSpec).status == Status::pass);
    patch::WinOsFacts bad;
    bad.error = "the SOFTWARE hive is missing";
    CHECK(patch::judge_windows_release(w, bad, h, 60, kSpec).status == Status::unknown);
    CHECK(patch::judge_windows_release(WindowsBuilds{}, facts(19045, 7846), h, 60, kSpec).status == Status::unknown);
  }
  SUBCASE("Server 2008 R2 is told apart by InstallationType") {
    patch::WinOsFacts f = facts(7601, std::nullopt, "ServerStandard");
    f.installation_type = "Server";
    Finding r = patch::judge_windows_release(w, f, h, 60, kSpec);
    CHECK(r.status == Status::fail);
    CHECK(r.detail.en.find("Server 2008 R2") != std::string::npos);
  }
}

TEST_CASE("PatchProbe::rule_warnings") {
  std::vector<YamlDoc> docs;
  docs.push_back(YamlDoc::load_string(kSmall, "windows_builds.yaml"));
  Rules rules = Rules::from_docs(std::move(docs));
  auto probe = make_patch_probe();
  probe->configure(rules, Config{});
  SUBCASE("fresh data: no warning") { CHECK(probe->rule_warnings(*parse_time("2027-01-09", Zone())).empty()); }
  SUBCASE("data older than 60 days") {
    auto w = probe->rule_warnings(*parse_time("2027-01-10", Zone()));
    REQUIRE(w.size() == 1);
    CHECK(w[0].find("data_as_of 2026-11-10 is 61 days old") != std::string::npos);
  }
}
