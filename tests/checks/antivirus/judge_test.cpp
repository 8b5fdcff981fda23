// Tests for checks/antivirus/judge.cpp: facts in, findings out, whatever OS
// the facts came from (the gatherers are tested on fixture machines).
#include <doctest/doctest.h>

#include <map>

#include "checks/antivirus/facts.hpp"
#include "checks/probes.hpp"

using namespace sc;

namespace {

Time now() { return *parse_time("2026-11-20T16:00:00+08:00", Zone()); }

std::map<std::string, Finding> judge(const AvFacts& facts) {
  auto probe = make_antivirus_probe();
  std::map<std::string, Finding> out;
  for (auto& f : judge_antivirus(facts, probe->specs(), 7, now(), Zone::fixed_offset(std::chrono::hours(8))))
    out[f.id] = f;
  REQUIRE(out.size() == 3);
  return out;
}

AvServiceFact service(std::string name, AvServiceRole role, bool enabled, std::string state) {
  AvServiceFact s;
  s.name = std::move(name);
  s.role = role;
  s.enabled = enabled;
  s.disabled = state == "masked" || state == "disabled" || state == "Start=4 (disabled)";
  s.state = std::move(state);
  return s;
}

AvProductFact product(std::string id, std::string name) {
  AvProductFact p;
  p.id = std::move(id);
  p.name = Text::same(std::move(name));
  p.detected_by = {"test"};
  return p;
}

}  // namespace

TEST_CASE("judge_antivirus") {
  SUBCASE("issue 14: daemon enabled, update service masked → warn naming the updater") {
    AvFacts f;
    AvProductFact p = product("clamav", "ClamAV");
    p.service_names = {"clamav-daemon.service", "clamav-freshclam.service"};
    p.services = {service("clamav-daemon.service", AvServiceRole::scanner, true, "enabled"),
                  service("clamav-freshclam.service", AvServiceRole::updater, false, "masked")};
    p.signatures.built = now() - std::chrono::hours(24);
    f.products.push_back(p);
    auto r = judge(f);
    CHECK(r["antivirus.service_enabled"].status == Status::warn);
    CHECK(r["antivirus.service_enabled"].detail.en.find("update service not enabled (clamav-freshclam.service "
                                                        "(masked))") != std::string::npos);
    CHECK(r["antivirus.service_enabled"].detail.zh.find("病毒库升级服务未启用") != std::string::npos);
    CHECK(r["antivirus.signature_age"].status == Status::pass);
  }
  SUBCASE("updater disabled but another updater alive; scanner on → pass") {
    AvFacts f;
    AvProductFact p = product("clamav", "ClamAV");
    p.service_names = {"a", "b", "c"};
    p.services = {service("a", AvServiceRole::scanner, true, "enabled"),
                  service("b", AvServiceRole::updater, false, "disabled"),
                  service("c", AvServiceRole::updater, true, "enabled")};
    f.products.push_back(p);
    CHECK(judge(f)["antivirus.service_enabled"].status == Status::pass);
  }
  SUBCASE("Windows manual-start updater is not 'switched off'; scanner automatic → pass") {
    AvFacts f;
    AvProductFact p = product("360-safe", "360");
    p.service_names = {"ZhuDongFangYu", "LiveUpdate360"};
    p.services = {service("ZhuDongFangYu", AvServiceRole::scanner, true, "enabled"),
                  service("LiveUpdate360", AvServiceRole::updater, false, "Start=3 (manual)")};
    f.products.push_back(p);
    CHECK(judge(f)["antivirus.service_enabled"].status == Status::pass);
  }
  SUBCASE("scanner disabled → warn; services unreadable → unknown") {
    AvFacts f;
    AvProductFact p = product("defender", "Defender");
    p.service_names = {"WinDefend"};
    p.services = {service("WinDefend", AvServiceRole::scanner, false, "Start=4 (disabled)")};
    f.products.push_back(p);
    auto r = judge(f);
    CHECK(r["antivirus.service_enabled"].status == Status::warn);
    CHECK(r["antivirus.service_enabled"].detail.en.find("WinDefend (Start=4 (disabled))") != std::string::npos);
    f.products[0].services.clear();
    f.products[0].services_unknown = Text{"无法读取服务配置:x", "cannot read the services: x"};
    CHECK(judge(f)["antivirus.service_enabled"].status == Status::unknown);
  }
  SUBCASE("Security Center: a registered product passes installed; its bits give service and signature status") {
    AvFacts f;
    AvProductFact p = product("wsc:Contoso AV", "Contoso AV");
    p.security_center = AvSecurityCenterState{"Contoso AV", 0x041010u, true, "on", false, ""};
    p.signatures.reason = {"x", "the product is not in the rules: no signature date"};
    p.signatures.up_to_date = false;
    f.products.push_back(p);
    auto r = judge(f);
    CHECK(r["antivirus.installed"].status == Status::pass);
    CHECK(r["antivirus.service_enabled"].status == Status::pass);
    CHECK(r["antivirus.signature_age"].status == Status::fail);
    CHECK(r["antivirus.signature_age"].detail.en.find("reports the signatures out of date") != std::string::npos);
    f.products[0].signatures.up_to_date = true;
    f.products[0].security_center->on = false;
    f.products[0].security_center->state = "snoozed";
    r = judge(f);
    CHECK(r["antivirus.signature_age"].status == Status::pass);
    CHECK(r["antivirus.service_enabled"].status == Status::warn);
    CHECK(r["antivirus.service_enabled"].detail.zh.find("Windows 安全中心") != std::string::npos);
  }
  SUBCASE("nothing found, evidence incomplete → unknown, never fail") {
    AvFacts f;
    f.detection_gap = Text{"无法读取已安装软件列表", "cannot read the installed programs (SOFTWARE hive): missing"};
    auto r = judge(f);
    CHECK(r["antivirus.installed"].status == Status::unknown);
    CHECK(r["antivirus.service_enabled"].status == Status::unknown);
    CHECK(r["antivirus.signature_age"].status == Status::unknown);
    CHECK(r["antivirus.signature_age"].detail.zh == "无法确定是否安装了防病毒软件");
  }
  SUBCASE("cannot tell → all unknown with the reason") {
    AvFacts f;
    f.cannot_tell = Text{"未知", "unknown OS"};
    for (auto& [id, fd] : judge(f)) {
      CHECK(fd.status == Status::unknown);
      CHECK(fd.detail.en == "unknown OS");
    }
  }
}
