// The antivirus probe: is a known AV product installed (rules/antivirus.yaml
// recipes), is its scanner/update service enabled at boot, and how old are
// its newest signatures. run() picks the evidence gatherer by the audited
// machine's OS (linux.cpp, windows.cpp fill AvFacts, facts.hpp); the
// judgement (judge.cpp) is one for both.
#include <fmt/format.h>

#include "agent/core/machine.hpp"
#include "agent/core/security_center.hpp"
#include "checks/antivirus/antivirus_rules.hpp"
#include "checks/antivirus/facts.hpp"
#include "checks/probes.hpp"

namespace sc {

namespace {

// ---- the probe ---------------------------------------------------------------------------

class AntivirusProbe : public Probe {
 public:
  AntivirusProbe() {
    specs_.push_back({"antivirus.installed", Severity::high, Text{"防病毒软件安装", "Antivirus installed"},
                      Text{"每台终端都应安装防病毒软件。", "Every terminal must have antivirus software installed."},
                      Text{"安装单位统一配发的防病毒软件,并开启自动升级。",
                           "Install the unit's approved antivirus product and turn on automatic updates."}});
    specs_.push_back(
        {"antivirus.service_enabled", Severity::medium, Text{"防病毒服务启用", "Antivirus service enabled"},
         Text{"扫描和病毒库升级服务未开机自启时,防护和升级都会中断。",
              "Without its scanner and update services starting at boot, protection and updates stop."},
         Text{"启用防病毒软件的扫描及病毒库升级服务(如 systemctl enable --now clamav-freshclam)。",
              "Enable the product's scanner and update services (e.g. systemctl enable --now clamav-freshclam)."},
         Text{"开启防病毒软件的实时防护和自动升级(Windows 安全中心 → 病毒和威胁防护),并将其服务的启动类型设为“自动”。",
              "Turn on the product's real-time protection and automatic updates (Windows Security → Virus & threat "
              "protection) and set its services' start type to Automatic."}});
    specs_.push_back(
        {"antivirus.signature_age", Severity::high, Text{"病毒库更新", "Virus signature updates"},
         Text{"病毒库应至少每周升级一次。", "Virus signatures must be updated at least weekly."},
         Text{"立即升级病毒库(如 freshclam),并确认自动升级正常;不联网的计算机使用单位下发的离线病毒库升级。",
              "Update the signatures now (e.g. freshclam) and check that automatic updates work; offline machines "
              "use the unit's offline signature packages."},
         Text{"立即升级病毒库(产品的“检查更新”;Defender:Update-MpSignature),并确认自动升级正常;"
              "不联网的计算机使用单位下发的"
              "离线病毒库升级。",
              "Update the signatures now (the product's \"check for updates\"; Defender: Update-MpSignature) and check "
              "that automatic updates work; offline machines use the unit's offline signature packages."}});
  }

  std::string_view name() const override { return "antivirus"; }
  const std::vector<FindingSpec>& specs() const override { return specs_; }

  void configure(const Rules& rules, const Config&) override { rules_ = load_av_rules(rules); }

  std::vector<Finding> run(const Host& host) const override {
    try {
      AvFacts facts;
      switch (host.os().os) {
        case MachineOs::linux:
          facts = gather_linux_antivirus(host, rules_);
          break;
        case MachineOs::windows: {
          // Security Center describes the running machine: asked only when
          // the audited machine is this one (live, root "/" or C:\).
          std::unique_ptr<SecurityCenter> wsc;
          if (host.is_system_root() && host.live()) wsc = make_security_center();
          facts = gather_windows_antivirus(host, host.registry(), rules_, wsc.get());
          break;
        }
        case MachineOs::unknown:
          return unknown_system_findings(specs_, host.os());
      }
      return judge_antivirus(facts, specs_, rules_.signature_max_age_days, host.now(), host.zone());
    } catch (const std::exception& e) {
      std::vector<Finding> out;
      for (const auto& s : specs_)
        out.push_back(make_finding(
            s, Status::unknown, Text{fmt::format("检查出错:{}", e.what()), fmt::format("check failed: {}", e.what())}));
      return out;
    }
  }

 private:
  std::vector<FindingSpec> specs_;
  AvRules rules_;
};

}  // namespace

std::unique_ptr<Probe> make_antivirus_probe() { return std::make_unique<AntivirusProbe>(); }

}  // namespace sc
