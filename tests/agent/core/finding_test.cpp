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
