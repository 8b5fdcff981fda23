// The one explicit table of built-in probes, in report order, each with the
// report item it feeds (heading, and the summary's wording per finding id;
// docs/report.md). `selfcheck probes`, `--only`, the scan, `report` and
// `summary` all read it. No self-registration.
#include "checks/probes.hpp"

namespace sc {

namespace {

struct Row {
  std::unique_ptr<Probe> (*make)();
  Text heading;
  std::map<std::string, Text> phrases;
};

// Wording from the offices' self-inspection reports (docs/report.md).
const std::vector<Row>& table() {
  static const std::vector<Row> rows{
      {make_antivirus_probe,
       {"防病毒软件安装与升级", "Antivirus installation and updates"},
       {{"antivirus.installed", {"未安装防病毒软件", "have no antivirus installed"}},
        {"antivirus.service_enabled", {"防病毒服务未启用", "have the antivirus service disabled"}},
        {"antivirus.signature_age", {"病毒库未按期更新", "have outdated virus signatures"}}}},
      {make_boot_probe,
       {"开机密码设置", "Power-on (boot) password"},
       {{"boot.loader_password", {"未设置引导密码", "have no boot loader password"}},
        {"boot.empty_passwords", {"存在空密码账户", "have accounts with an empty password"}},
        {"boot.autologin", {"启用了自动登录", "log in automatically"}},
        {"boot.password_age", {"密码长期未更换", "have passwords not changed for too long"}}}},
      {make_usb_probe,
       {"移动存储介质使用管理", "Removable storage media"},
       {{"usb.unapproved_storage", {"接入过未登记的 USB 存储设备", "had unapproved USB storage connected"}},
        {"usb.phone_connected", {"连接过手机", "had a phone connected"}}}},
      {make_network_probe,
       {"涉密计算机与互联网物理隔离", "Confidential computers isolated from the Internet"},
       {{"network.internet_reachable", {"当前可连接互联网", "can reach the Internet now"}},
        {"network.default_route", {"存在默认路由", "have a default route"}},
        {"network.wireless", {"配有无线网卡", "have a wireless interface"}},
        {"network.tethering_history", {"接入过 USB 共享网络设备", "had USB tethering attached"}},
        {"network.wifi_profiles", {"保存有无线网络配置", "keep saved Wi-Fi profiles"}},
        {"network.internet_history", {"有连接互联网的记录", "show past Internet connections"}}}},
      {make_patch_probe,
       {"操作系统补丁安装", "Operating-system patches"},
       {{"patch.last_update", {"长期未更新系统", "have not been updated for too long"}},
        {"patch.pending_security", {"有未安装的安全更新", "have security updates pending"}},
        {"patch.reboot_required", {"更新后待重启", "wait for a reboot after updates"}}}},
  };
  return rows;
}

}  // namespace

std::vector<std::unique_ptr<Probe>> builtin_probes() {
  std::vector<std::unique_ptr<Probe>> probes;
  for (const Row& row : table()) {
    probes.push_back(row.make());
    probes.back()->set_report_item({row.heading, row.phrases});
  }
  return probes;
}

}  // namespace sc
