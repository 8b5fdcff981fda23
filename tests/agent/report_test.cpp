// Tests for agent/report: item statuses, problems, verdict words, and the
// text section in both languages.
#include "agent/report.hpp"

#include <doctest/doctest.h>

#include "support/printer_probe.hpp"

using namespace sc;
using sc::test::PrinterProbe;
using sc::test::probes_with_printer;

namespace {
Finding f(std::string id, Status s, std::string zh, std::string en, std::string rem_zh = "", std::string rem_en = "") {
  Finding x;
  x.id = id;
  x.section = std::string(section_of(id));
  x.status = s;
  x.detail = Text{zh, en};
  x.remediation = Text{rem_zh, rem_en};
  return x;
}

Document sample() {
  Document d;
  d.agent_version = "0.1.0";
  d.as_of = "2026-11-20T16:00:00+08:00";
  d.host.hostname = "PC-0123";
  d.host.asset_id = "A-17";
  d.host.owner = "张三";
  d.host.department = "办公室";
  d.host.classification = "confidential";
  d.host.os = "Debian GNU/Linux 12 (bookworm)";
  d.findings.push_back(f("antivirus.installed", Status::pass, "已安装 ClamAV 1.0.7", "ClamAV 1.0.7 installed"));
  d.findings.push_back(f("antivirus.signature_age", Status::pass, "病毒库 2026-11-19 更新(1 天前)",
                         "signatures of 2026-11-19 (1 day old)"));
  d.findings.push_back(f("usb.unapproved_storage", Status::fail,
                         "接入过未登记的 USB 存储设备 SanDisk Ultra Fit(4C531001550917108394)",
                         "an unregistered USB storage device was connected: SanDisk Ultra Fit (4C531001550917108394)",
                         "核查该设备来源及拷贝内容;登记或收回该设备", "find out where the device came from"));
  d.findings.push_back(f("boot.password_age", Status::warn, "密码最长使用期限 99999 天",
                         "password maximum age 99999 days", "设置 PASS_MAX_DAYS 90", "set PASS_MAX_DAYS 90"));
  d.findings.push_back(f("patch.last_update", Status::unknown, "无法读取 /var/log/apt/history.log",
                         "cannot read /var/log/apt/history.log"));
  finalize(d);
  return d;
}
}  // namespace

TEST_CASE("report_items") {
  Document d = sample();
  auto items = report_items(d);
  REQUIRE(items.size() == 5);
  CHECK(items[0].section == "antivirus");
  CHECK(items[0].heading.zh == "防病毒软件安装与升级");
  CHECK(items[4].heading.en == "Operating-system patches");
  CHECK(items[0].status == Status::pass);
  CHECK(items[1].status == Status::warn);
  CHECK(items[2].status == Status::fail);
  CHECK_FALSE(items[3].checked);  // no network finding: not checked
  CHECK(items[4].status == Status::unknown);
}

TEST_CASE("problems") {
  Document d = sample();
  auto p = problems(d);
  REQUIRE(p.size() == 2);
  CHECK(p[0]->id == "boot.password_age");  // item order, not file order
  CHECK(p[1]->id == "usb.unapproved_storage");
}

TEST_CASE("verdict_words") {
  SUBCASE("a fail") {
    Document d = sample();
    CHECK(verdict_words(d, Lang::zh) == "不合格(2 个问题)");
    CHECK(verdict_words(d, Lang::en) == "not passed (2 problems)");
  }
  SUBCASE("a pass with unknowns is never a bare pass") {
    Document d;
    d.findings.push_back(f("antivirus.installed", Status::pass, "", ""));
    d.findings.push_back(f("patch.last_update", Status::unknown, "", ""));
    finalize(d);
    CHECK(verdict_words(d, Lang::zh) == "合格(1 项无法确定)");
  }
  SUBCASE("a clean pass") {
    Document d;
    d.findings.push_back(f("antivirus.installed", Status::pass, "", ""));
    finalize(d);
    CHECK(verdict_words(d, Lang::zh) == "合格");
    CHECK(verdict_words(d, Lang::en) == "passed");
  }
}

TEST_CASE("render_text") {
  Document d = sample();
  SUBCASE("zh") {
    std::string t = render_text(d, Lang::zh);
    CHECK(t.find("计算机和网络安全自查情况\n") == 0);
    CHECK(t.find("计算机名 PC-0123 · 资产编号 A-17 · 使用人 张三 · 办公室 · 涉密计算机\n") != std::string::npos);
    CHECK(t.find("检查时间 2026-11-20 16:00 (+08:00)") != std::string::npos);
    CHECK(t.find("一、防病毒软件安装与升级:已安装 ClamAV 1.0.7;病毒库 2026-11-19 更新(1 天前),符合要求。\n") !=
          std::string::npos);
    CHECK(t.find("三、移动存储介质使用管理:接入过未登记的 USB 存储设备 SanDisk Ultra "
                 "Fit(4C531001550917108394),不符合要求。") != std::string::npos);
    CHECK(t.find("四、涉密计算机与互联网物理隔离:未检查。") != std::string::npos);
    CHECK(t.find("五、操作系统补丁安装:无法读取 /var/log/apt/history.log,无法确定。") != std::string::npos);
    CHECK(t.find("存在的问题:\n1. 密码最长使用期限 99999 天(存在风险)。\n2. 接入过未登记的") != std::string::npos);
    CHECK(t.find("整改措施:\n1. 设置 PASS_MAX_DAYS 90。\n2. 核查该设备来源及拷贝内容;登记或收回该设备。\n") !=
          std::string::npos);
    CHECK(t.find("自查结论:不合格(2 个问题)。\n") != std::string::npos);
  }
  SUBCASE("en has the same lines") {
    std::string t = render_text(d, Lang::en);
    CHECK(t.find("1. Antivirus installation and updates: ClamAV 1.0.7 installed; signatures of 2026-11-19 (1 day old), "
                 "meets the requirement.") != std::string::npos);
    CHECK(t.find("4. Confidential computers isolated from the Internet: not checked.") != std::string::npos);
    CHECK(t.find("Verdict: not passed (2 problems).") != std::string::npos);
  }
}

TEST_CASE("render_text not applicable beside a fail") {
  Document d;
  d.findings.push_back(f("antivirus.installed", Status::fail, "未安装防病毒软件", "no antivirus installed"));
  d.findings.push_back(
      f("antivirus.signature_age", Status::not_applicable, "未安装防病毒软件,不适用", "no antivirus: not applicable"));
  finalize(d);
  std::string t = render_text(d, Lang::zh);
  CHECK(t.find("一、防病毒软件安装与升级:未安装防病毒软件,不符合要求。\n") != std::string::npos);
}

TEST_CASE("report_items status order") {
  // An item's status is its worst finding: fail > warn > unknown > pass > not_applicable,
  // whatever order the findings come in.
  auto status_of = [](std::vector<Status> sts) {
    Document d;
    for (Status s : sts) d.findings.push_back(f("boot.autologin", s, "", ""));
    return report_items(d)[1].status;
  };
  CHECK(status_of({Status::warn, Status::unknown}) == Status::warn);
  CHECK(status_of({Status::unknown, Status::warn}) == Status::warn);
  CHECK(status_of({Status::unknown, Status::fail, Status::warn}) == Status::fail);
  CHECK(status_of({Status::warn, Status::fail}) == Status::fail);
  CHECK(status_of({Status::pass, Status::unknown}) == Status::unknown);
  CHECK(status_of({Status::unknown, Status::pass}) == Status::unknown);
  CHECK(status_of({Status::not_applicable, Status::pass}) == Status::pass);
  CHECK(status_of({Status::pass, Status::not_applicable}) == Status::pass);
  CHECK(status_of({Status::not_applicable}) == Status::not_applicable);
  CHECK(status_rank(Status::fail) > status_rank(Status::warn));
  CHECK(status_rank(Status::warn) > status_rank(Status::unknown));
  CHECK(status_rank(Status::unknown) > status_rank(Status::pass));
  CHECK(status_rank(Status::pass) > status_rank(Status::not_applicable));
}

TEST_CASE("item_numeral") {
  CHECK(item_numeral(0, Lang::zh) == "一");
  CHECK(item_numeral(5, Lang::zh) == "六");
  CHECK(item_numeral(9, Lang::zh) == "十");
  CHECK(item_numeral(10, Lang::zh) == "十一");
  CHECK(item_numeral(19, Lang::zh) == "二十");
  CHECK(item_numeral(22, Lang::zh) == "二十三");
  CHECK(item_numeral(5, Lang::en) == "6");
}

TEST_CASE("catalog_of") {
  Catalog c = catalog_of(probes_with_printer());
  REQUIRE(c.size() == 6);
  CHECK(c[0].section == "antivirus");
  CHECK(c[2].heading.zh == "移动存储介质使用管理");
  CHECK(c[5].section == "printer");
  CHECK(c[5].heading.en == "Printer sharing");
  CHECK(builtin_catalog().size() == 5);
  CHECK(builtin_catalog()[0].phrases.at("antivirus.installed").zh == "未安装防病毒软件");
}

TEST_CASE("render_text of a sixth probe") {
  auto probes = probes_with_printer();
  Catalog c = catalog_of(probes);
  Document d = sample();
  Host host({});
  for (const Finding& x : probes.back()->run(host)) d.findings.push_back(x);
  finalize(d);
  SUBCASE("from the probe table: its heading, its problem, its measure") {
    std::string t = render_text(d, Lang::zh, c);
    CHECK(t.find("六、打印机共享管理:打印机 HP-1 已共享,不符合要求。\n") != std::string::npos);
    CHECK(t.find("3. 打印机 HP-1 已共享。\n") != std::string::npos);
    CHECK(t.find("3. 关闭打印机共享。\n") != std::string::npos);
    CHECK(t.find("自查结论:不合格(3 个问题)。") != std::string::npos);
    std::string e = render_text(d, Lang::en, c);
    CHECK(e.find("6. Printer sharing: printer HP-1 is shared, does not meet the requirement.") != std::string::npos);
    CHECK(render_markdown({d}, Lang::zh, c).find("六、打印机共享管理") != std::string::npos);
    CHECK(render_html({d}, Lang::en, c).find("6. Printer sharing") != std::string::npos);
  }
  SUBCASE("a reader that does not know the probe still reports it") {
    std::string t = render_text(d, Lang::zh);
    CHECK(t.find("六、printer:打印机 HP-1 已共享,不符合要求。\n") != std::string::npos);
    CHECK(t.find("自查结论:不合格(3 个问题)。") != std::string::npos);
  }
}

TEST_CASE("shown_detail") {
  // Issue 14: a file written before make_finding said the Host's reasons in
  // Chinese still reads in Chinese; the English text is left as written.
  Document d = sample();
  d.findings.push_back(f("boot.password_age", Status::warn, "其余无法确定:/etc/passwd does not exist",
                         "the rest unknown: /etc/passwd does not exist"));
  finalize(d);
  CHECK(shown_detail(d.findings.back(), Lang::zh) == "其余无法确定:/etc/passwd 不存在");
  CHECK(shown_detail(d.findings.back(), Lang::en) == "the rest unknown: /etc/passwd does not exist");
  CHECK(render_text(d, Lang::zh).find("其余无法确定:/etc/passwd 不存在(存在风险)。") != std::string::npos);
  CHECK(render_text(d, Lang::zh).find("does not exist") == std::string::npos);
  CHECK(render_html({d}, Lang::zh).find("does not exist") == std::string::npos);
  CHECK(render_text(d, Lang::en).find("/etc/passwd does not exist") != std::string::npos);
}
