// Tests for checks/antivirus/windows.cpp and windows_signatures.cpp: the
// Windows gatherer through test doubles of the registry facade and of
// Windows Security Center (recorded answers). Wine lacks Security Center:
// neither IWSCProductList (wscapi) nor WMI root\SecurityCenter2 answers under
// wine 8, so the live path is tested only here, through the seam.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>

#include "agent/core/registry.hpp"
#include "agent/core/rules.hpp"
#include "agent/core/security_center.hpp"
#include "checks/antivirus/facts.hpp"
#include "checks/probes.hpp"

using namespace sc;
namespace fs = std::filesystem;

namespace {

Time as_of() { return *parse_time("2026-11-20T16:00:00+08:00", Zone()); }

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// A registry held in a map: keys by lower-cased logical path. A hive listed
// in `broken` answers with an error, as a missing or corrupt hive does.
class FakeRegistry : public Registry {
 public:
  std::map<std::string, RegKey> keys;
  std::vector<std::string> broken;  // "SOFTWARE", "SYSTEM"

  RegKey& at(const std::string& path) {
    // Every parent exists and lists its child.
    std::size_t pos = path.find('\\', path.find('\\') + 1);
    while (pos != std::string::npos) {
      std::string parent = path.substr(0, pos);
      std::size_t next = path.find('\\', pos + 1);
      std::string child = path.substr(pos + 1, next == std::string::npos ? std::string::npos : next - pos - 1);
      RegKey& pk = keys[lower(parent)];
      pk.path = parent;
      if (!pk.has_subkey(child)) pk.subkeys.push_back(child);
      pos = next;
    }
    RegKey& k = keys[lower(path)];
    k.path = path;
    return k;
  }
  void set_sz(const std::string& path, const std::string& name, const std::string& utf8) {
    std::string data;
    for (unsigned char c : utf8) {  // ASCII only in these tests
      data += static_cast<char>(c);
      data += '\0';
    }
    data += std::string(2, '\0');
    at(path).values.push_back({name, 1, data});
  }
  void set_sz_utf16(const std::string& path, const std::string& name, const std::u16string& s) {
    std::string data;
    for (char16_t c : s) {
      data += static_cast<char>(c & 0xff);
      data += static_cast<char>(c >> 8);
    }
    data += std::string(2, '\0');
    at(path).values.push_back({name, 1, data});
  }
  void set_dword(const std::string& path, const std::string& name, std::uint32_t v) {
    std::string data(4, '\0');
    for (int i = 0; i < 4; ++i) data[i] = static_cast<char>((v >> (8 * i)) & 0xff);
    at(path).values.push_back({name, 4, data});
  }
  void set_filetime(const std::string& path, const std::string& name, Time t) {
    std::uint64_t ft = static_cast<std::uint64_t>(t.time_since_epoch().count() + 11644473600LL) * 10000000ull;
    std::string data(8, '\0');
    for (int i = 0; i < 8; ++i) data[i] = static_cast<char>((ft >> (8 * i)) & 0xff);
    at(path).values.push_back({name, 3, data});
  }

  RegKeyResult key(std::string_view path) const override {
    RegKeyResult r;
    for (const auto& b : broken)
      if (lower(std::string(path)).rfind(lower("HKLM\\" + b), 0) == 0) {
        r.error = "the " + b + " hive is missing: Windows/System32/config/" + b;
        r.hive_missing = true;
        return r;
      }
    auto it = keys.find(lower(std::string(path)));
    if (it == keys.end()) {
      r.absent = true;
      return r;
    }
    r.key = it->second;
    return r;
  }
  std::vector<std::string> users() const override { return {}; }
};

class FakeSecurityCenter : public SecurityCenter {
 public:
  WscAnswer answer;
  WscAnswer antivirus_products() const override { return answer; }
};

const std::string kCv = "HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion";
const std::string kSvc = "HKLM\\SYSTEM\\CurrentControlSet\\Services\\";
const std::string kDefSig = "HKLM\\SOFTWARE\\Microsoft\\Windows Defender\\Signature Updates";
const std::string kUn32 = "HKLM\\SOFTWARE\\WOW6432Node\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\";

FakeRegistry windows10() {
  FakeRegistry r;
  r.set_sz(kCv, "CurrentBuild", "19045");
  r.set_dword(kSvc + "WinDefend", "Start", 2);
  r.at("HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Uninstall");
  return r;
}

std::map<std::string, Finding> judge(const Host& host, const FakeRegistry& reg, const SecurityCenter* wsc = nullptr) {
  AvRules rules = load_av_rules(Rules::load({SELFCHECK_SOURCE_RULES_DIR}));
  AvFacts facts = gather_windows_antivirus(host, reg, rules, wsc);
  auto probe = make_antivirus_probe();
  std::map<std::string, Finding> out;
  for (auto& f : judge_antivirus(facts, probe->specs(), 7, host.now(), host.zone())) out[f.id] = f;
  return out;
}

std::string ev(const Finding& f, const std::string& key) {
  auto it = f.evidence.find(key);
  if (it == f.evidence.end()) return "<none>";
  if (auto s = std::get_if<std::string>(&it->second)) return *s;
  if (auto i = std::get_if<std::int64_t>(&it->second)) return std::to_string(*i);
  if (auto l = std::get_if<std::vector<std::string>>(&it->second)) {
    std::string out;
    for (const auto& x : *l) out += (out.empty() ? "" : "|") + x;
    return out;
  }
  return "<other>";
}

struct EmptyRoot {
  fs::path dir = fs::temp_directory_path() / ("sc-avwin-" + std::to_string(::getpid()));
  EmptyRoot() { fs::create_directories(dir); }
  ~EmptyRoot() {
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
};

}  // namespace

TEST_CASE("gather_windows_antivirus") {
  EmptyRoot root;
  Host host({.root = root.dir, .as_of = as_of()});

  SUBCASE("Defender built into Windows 10, signatures from SignaturesLastUpdated") {
    FakeRegistry reg = windows10();
    reg.set_filetime(kDefSig, "SignaturesLastUpdated", as_of() - std::chrono::hours(30));
    reg.set_sz(kDefSig, "AVSignatureVersion", "1.421.1234.0");
    auto f = judge(host, reg);
    CHECK(f["antivirus.installed"].status == Status::pass);
    CHECK(ev(f["antivirus.installed"], "detected_by").find("built into Windows (build 19045)") != std::string::npos);
    CHECK(f["antivirus.service_enabled"].status == Status::pass);
    CHECK(f["antivirus.signature_age"].status == Status::pass);
    CHECK(ev(f["antivirus.signature_age"], "date_source") == "registry");
    CHECK(ev(f["antivirus.signature_age"], "signature_version") == "1.421.1234.0");
    CHECK(ev(f["antivirus.signature_age"], "age_days") == "1");
  }
  SUBCASE("Defender off by policy, nothing else: fail") {
    FakeRegistry reg = windows10();
    reg.set_dword("HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows Defender", "DisableAntiSpyware", 1);
    auto f = judge(host, reg);
    CHECK(f["antivirus.installed"].status == Status::fail);
    CHECK(ev(f["antivirus.installed"], "notes").find("DisableAntiSpyware=1") != std::string::npos);
  }
  SUBCASE("Defender service disabled (Start=4): not installed") {
    FakeRegistry reg;
    reg.set_sz(kCv, "CurrentBuild", "22631");
    reg.set_dword(kSvc + "WinDefend", "Start", 4);
    CHECK(judge(host, reg)["antivirus.installed"].status == Status::fail);
  }
  SUBCASE("Windows 7 without Security Essentials: Defender is no antivirus there") {
    FakeRegistry reg;
    reg.set_sz(kCv, "CurrentBuild", "7601");
    reg.set_dword(kSvc + "WinDefend", "Start", 2);
    CHECK(judge(host, reg)["antivirus.installed"].status == Status::fail);
  }
  SUBCASE("a 32-bit product in WOW6432Node; its versioned service name by glob; date by unix time under '*'") {
    FakeRegistry reg = windows10();
    reg.set_dword("HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows Defender", "DisableAntiSpyware", 1);
    reg.set_sz(kUn32 + "{KES}", "DisplayName", "Kaspersky Endpoint Security for Windows");
    reg.set_sz(kUn32 + "{KES}", "DisplayVersion", "12.3.0.493");
    reg.set_sz(kUn32 + "{KSC}", "DisplayName", "Kaspersky Security Center Network Agent");
    reg.set_dword(kSvc + "AVP21.3", "Start", 2);
    reg.set_dword(kSvc + "klnagent", "Start", 4);
    // LastSuccessfulUpdate: REG_DWORD unix seconds, 2026-11-10 → 10 days old.
    reg.set_dword("HKLM\\SOFTWARE\\WOW6432Node\\KasperskyLab\\protected\\KES\\Data", "LastSuccessfulUpdate",
                  static_cast<std::uint32_t>((as_of() - std::chrono::hours(240)).time_since_epoch().count()));
    auto f = judge(host, reg);
    CHECK(f["antivirus.installed"].status == Status::pass);
    CHECK(f["antivirus.installed"].detail.en == "installed: Kaspersky Endpoint Security 12.3.0.493");
    CHECK(ev(f["antivirus.installed"], "detected_by") ==
          "kaspersky: Uninstall\\{KES} \"Kaspersky Endpoint Security for Windows\" (WOW6432Node)");
    // The network agent (the updater) is disabled: nothing updates the bases.
    CHECK(f["antivirus.service_enabled"].status == Status::warn);
    CHECK(f["antivirus.service_enabled"].detail.en.find("klnagent (Start=4 (disabled))") != std::string::npos);
    CHECK(f["antivirus.signature_age"].status == Status::fail);
    CHECK(ev(f["antivirus.signature_age"], "database").find("protected\\KES\\Data\\LastSuccessfulUpdate") !=
          std::string::npos);
  }
  SUBCASE("Chinese DisplayName") {
    FakeRegistry reg = windows10();
    reg.set_dword("HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows Defender", "DisableAntiSpyware", 1);
    reg.set_sz_utf16(kUn32 + "360Safe", "DisplayName", u"360安全卫士");
    reg.set_sz_utf16(kUn32 + "360se6", "DisplayName", u"360安全浏览器");
    reg.set_dword(kSvc + "ZhuDongFangYu", "Start", 2);
    auto f = judge(host, reg);
    CHECK(f["antivirus.installed"].status == Status::pass);
    CHECK(ev(f["antivirus.installed"], "products") == "360-safe");
    CHECK(f["antivirus.service_enabled"].status == Status::pass);
    CHECK(f["antivirus.signature_age"].status == Status::unknown);
    CHECK(f["antivirus.signature_age"].detail.zh.find("360安全卫士的木马库日期无法") != std::string::npos);
  }
  SUBCASE("SOFTWARE hive missing: unknown with the reason, never fail") {
    FakeRegistry reg = windows10();
    reg.broken = {"SOFTWARE"};
    auto f = judge(host, reg);
    CHECK(f["antivirus.installed"].status == Status::unknown);
    CHECK(f["antivirus.installed"].detail.en.find("SOFTWARE hive") != std::string::npos);
    CHECK(f["antivirus.signature_age"].status != Status::fail);
  }
  SUBCASE("SYSTEM hive missing and nothing in Uninstall: whether Defender is on is unknown, not a fail") {
    FakeRegistry reg = windows10();
    reg.broken = {"SYSTEM"};
    auto f = judge(host, reg);
    CHECK(f["antivirus.installed"].status == Status::unknown);
    CHECK(f["antivirus.installed"].detail.en.find("built-in Defender") != std::string::npos);
  }
  SUBCASE("SYSTEM hive missing: services unknown") {
    FakeRegistry reg = windows10();
    reg.set_sz_utf16(kUn32 + "360Safe", "DisplayName", u"360安全卫士");
    reg.broken = {"SYSTEM"};
    auto f = judge(host, reg);
    CHECK(f["antivirus.installed"].status == Status::pass);
    CHECK(f["antivirus.service_enabled"].status == Status::unknown);
  }
}

TEST_CASE("gather_windows_antivirus with Security Center (recorded answers)") {
  EmptyRoot root;
  Host host({.root = root.dir, .as_of = as_of()});
  FakeRegistry reg = windows10();
  reg.set_dword("HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows Defender", "DisableAntiSpyware", 1);
  FakeSecurityCenter wsc;

  SUBCASE("a third-party product registered with WSC passes installed with Defender off") {
    // Windows 7 WMI answer: productState 0x041000 = on, up to date.
    wsc.answer.source = "WMI root\\SecurityCenter2";
    WscProduct p;
    p.name = "Contoso Antivirus";
    p.product_state = 0x041000u;
    p.state = wsc_state_from_bits(*p.product_state);
    p.up_to_date = wsc_up_to_date_from_bits(*p.product_state);
    wsc.answer.products = {p};
    auto f = judge(host, reg, &wsc);
    CHECK(f["antivirus.installed"].status == Status::pass);
    CHECK(f["antivirus.installed"].detail.en == "installed: Contoso Antivirus");
    CHECK(f["antivirus.service_enabled"].status == Status::pass);
    CHECK(ev(f["antivirus.service_enabled"], "security_center").find("0x041000") != std::string::npos);
    CHECK(f["antivirus.signature_age"].status == Status::pass);
  }
  SUBCASE("WSC's out-of-date bit without a date gives the signature finding its status") {
    wsc.answer.source = "IWSCProductList";
    WscProduct p;
    p.name = "360杀毒";
    p.state = WscProduct::State::on;
    p.up_to_date = false;
    wsc.answer.products = {p};
    auto f = judge(host, reg, &wsc);
    CHECK(ev(f["antivirus.installed"], "products") == "360-sd");
    CHECK(f["antivirus.signature_age"].status == Status::fail);
    CHECK(f["antivirus.signature_age"].detail.zh.find("Windows 安全中心报告病毒库已过期") != std::string::npos);
  }
  SUBCASE("no Security Center (Server editions): evidence, not 'no antivirus' from WSC") {
    wsc.answer.error = "WMI namespace root\\SecurityCenter2 does not exist (Windows Server has no Security Center)";
    auto f = judge(host, reg, &wsc);
    CHECK(f["antivirus.installed"].status == Status::fail);  // decided by the registry: Defender off, nothing else
    CHECK(ev(f["antivirus.installed"], "security_center").find("SecurityCenter2 does not exist") != std::string::npos);
  }
  SUBCASE("productState bits") {
    CHECK(wsc_state_from_bits(0x061100) == WscProduct::State::on);
    CHECK_FALSE(wsc_up_to_date_from_bits(0x061110));
    CHECK(wsc_state_from_bits(0x060000) == WscProduct::State::off);
    CHECK(wsc_state_from_bits(0x062000) == WscProduct::State::snoozed);
    CHECK(wsc_state_from_bits(0x063000) == WscProduct::State::expired);
  }
}
