// zh_reasons and make_finding: the Host's English reasons for a file it
// cannot read are said in Chinese inside Chinese texts (issue 14: a zh
// summary of files scanned without a Chinese locale has no English sentence).
#include "agent/core/finding.hpp"

#include <doctest/doctest.h>

using namespace sc;

TEST_CASE("zh_reasons") {
  SUBCASE("each message of Host::describe and the root walk") {
    CHECK(zh_reasons("其余无法确定:/etc/passwd does not exist") == "其余无法确定:/etc/passwd 不存在");
    CHECK(zh_reasons("无法读取:no permission to read /etc/shadow: run as root") ==
          "无法读取:无权读取 /etc/shadow(需以 root 身份运行)");
    CHECK(zh_reasons("/var/log/kern.log is a directory") == "/var/log/kern.log 是目录");
    CHECK(zh_reasons("/var/log/syslog is not a regular file") == "/var/log/syslog 不是普通文件");
    CHECK(zh_reasons("其余无法确定:/etc/shadow leads outside the audited root (a link to /etc/shadow)") ==
          "其余无法确定:/etc/shadow 指向被检查的根目录之外(链接到 /etc/shadow)");
    CHECK(zh_reasons("无法读取 cannot read /boot/grub/grub.cfg: Input/output error") ==
          "无法读取 /boot/grub/grub.cfg: Input/output error");
    CHECK(zh_reasons("/etc/shadow is larger than 16 MiB: only part of it could be read") ==
          "/etc/shadow 大于 16 MiB,只读取了其开头部分");
    CHECK(zh_reasons("/x is larger than 1048576 bytes (2000000 bytes)") == "/x 大于 1048576 字节(2000000 字节)");
  }
  SUBCASE("offline hives") {
    CHECK(zh_reasons("其余无法确定:the SAM hive is missing: Windows/System32/config/SAM") ==
          "其余无法确定:SAM 注册表配置单元缺失:Windows/System32/config/SAM");
    CHECK(zh_reasons("the SYSTEM hive is corrupt or not a registry hive: /x (bad)") ==
          "SYSTEM 注册表配置单元已损坏或不是注册表配置单元:/x (bad)");
    CHECK(zh_reasons("另见 the other hive") == "另见 the other hive");
  }
  SUBCASE("event logs, registry keys and the probes' own reasons") {
    CHECK(zh_reasons("无法读取更新记录:the System event log is missing: Windows/System32/winevt/Logs/System.evtx") ==
          "无法读取更新记录:System 事件日志缺失:Windows/System32/winevt/Logs/System.evtx");
    CHECK(zh_reasons("无法读取更新记录:the System event log is missing") == "无法读取更新记录:System 事件日志缺失");
    CHECK(zh_reasons("无法读取操作系统版本:HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion not found") ==
          "无法读取操作系统版本:HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion 未找到");
    CHECK(zh_reasons(
              "无法读取任何 USB 记录来源:no kernel log found (/var/log/syslog, kern.log, messages, the journal)") ==
          "无法读取任何 USB 记录来源:未找到内核日志(/var/log/syslog, kern.log, messages、journal)");
    CHECK(zh_reasons("(/var/log/kern.log is a directory, not a log file)") ==
          "(/var/log/kern.log 是目录,不是日志文件)");
    CHECK(zh_reasons("无法读取 BitLocker 预启动 PIN 状态(offline audit: BitLocker's key protectors are not in the "
                     "registry)") ==
          "无法读取 BitLocker 预启动 PIN 状态(离线审计:BitLocker 的密钥保护器不保存在注册表中)");
    CHECK(zh_reasons("clerk: the boot key cannot be read (x)") == "clerk: 无法读取启动密钥(boot key) (x)");
    CHECK(zh_reasons("无法读取 USB 设备历史:no USB history source could be read") ==
          "无法读取 USB 设备历史:没有可读取的 USB 历史记录来源");
  }
  SUBCASE("ClamAV database headers") {
    CHECK(zh_reasons("病毒库文件无法读取或已损坏:bytecode.cvd: truncated header (100 of 512 bytes); daily.cld: not a "
                     "ClamAV database header (no ClamAV-VDB: signature)") ==
          "病毒库文件无法读取或已损坏:bytecode.cvd: 文件头不完整(100 / 512 字节); daily.cld: 不是 ClamAV "
          "病毒库文件头(缺少 ClamAV-VDB: 标记)");
  }
  SUBCASE("every occurrence, and nothing else touched") {
    CHECK(zh_reasons("/a does not exist;/b does not exist") == "/a 不存在;/b 不存在");
    CHECK(zh_reasons("已安装 ClamAV 1.0.7,病毒库 2026-11-05 更新") == "已安装 ClamAV 1.0.7,病毒库 2026-11-05 更新");
    CHECK(zh_reasons("").empty());
  }
}

TEST_CASE("make_finding") {
  FindingSpec spec{"boot.password_age", Severity::medium, Text{"密码", "password"}, Text{}, Text{"改", "change"}};
  Finding f =
      make_finding(spec, Status::unknown,
                   Text{"其余无法确定:/etc/passwd does not exist", "the rest unknown: /etc/passwd does not exist"});
  CHECK(f.section == "boot");
  CHECK(f.detail.zh == "其余无法确定:/etc/passwd 不存在");
  CHECK(f.detail.en == "the rest unknown: /etc/passwd does not exist");
}
