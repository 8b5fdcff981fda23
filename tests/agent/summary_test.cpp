// Tests for agent/summary: the unit section over several machines (goldens in
// zh and en), newest file per machine, clones, cross-use and bad files.
#include "agent/summary.hpp"

#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

#include "support/printer_probe.hpp"
#include "support/sample_doc.hpp"

using namespace sc;
using namespace sc::test;
namespace fs = std::filesystem;

namespace {

const std::string kKey = "unit-key-0123456789abcdef0123456";

void put(const fs::path& dir, const std::string& name, const MachineSpec& m, const std::string& key = kKey,
         const std::vector<Finding>& extra = {}, int storage_devices = 1) {
  Document d = machine(m);
  for (const auto& f : extra) d.findings.push_back(f);
  for (int i = 1; i < storage_devices; ++i) {
    UsbDeviceRecord u = d.usb_devices[0];
    u.serial += "-" + std::to_string(i);
    d.usb_devices.push_back(u);
  }
  finalize(d);
  seal(d, key);
  write_text(dir / "selfcheck" / "2026-11-20" / name, to_yaml(d));
}

// A drive with four machines, one older duplicate, one clone pair, one
// cross-used stick, one broken, one tampered and one foreign file.
fs::path drive() {
  fs::path dir = temp_dir("summary");
  write_text(dir / "selfcheck-collection.yaml", "unit: 某单位\n");
  put(dir, "PC-0123-0f1e2d3c.yaml", {});
  put(dir, "PC-0123-old.yaml", {.owner = "旧记录", .as_of = "2026-11-13T16:00:00+08:00"});
  put(dir, "PC-0456-aaaa1111.yaml",
      {.hostname = "PC-0456",
       .machine_id = "aaaa1111",
       .asset_id = "A-18",
       .owner = "李四",
       .classification = "internal",
       .av_ok = false,
       .unapproved_usb = true});
  put(dir, "PC-0789-aaaa1111.yaml",
      {.hostname = "PC-0789",
       .machine_id = "aaaa1111",
       .asset_id = "A-19",
       .owner = "王五",
       .department = "财务科",
       .classification = "public",
       .usb_serial = "OTHER0001",
       .boot_unknown = true});
  put(dir, "PC-0999-bbbb2222.yaml",
      {.hostname = "PC-0999",
       .machine_id = "bbbb2222",
       .asset_id = "A-20",
       .owner = "赵六",
       .department = "财务科",
       .usb_serial = "OTHER0002"});
  write_text(dir / "selfcheck" / "2026-11-20" / "broken.yaml", "schema: \"selfcheck.findings/1\"\nhost: {");
  put(dir, "forged.yaml", {.hostname = "PC-F", .machine_id = "ffff"}, "another key");
  write_text(dir / "selfcheck" / "2026-11-20" / "notes.json", "{\"schema\": \"other/1\"}");
  write_text(dir / "selfcheck" / "2026-11-20" / ".PC-0999.yaml.tmp-1-2", "half");
  return dir;
}

std::string replace_all(std::string s, const std::string& from, const std::string& to) {
  for (std::size_t p = 0; (p = s.find(from, p)) != std::string::npos; p += to.size()) s.replace(p, from.size(), to);
  return s;
}

void check_golden(const std::string& name, const std::string& text) {
  fs::path golden = fs::path(SELFCHECK_FIXTURES) / "summary" / name;
  std::ifstream in(golden, std::ios::binary);
  if (!in) {
    write_text(golden, text);
    FAIL("golden written, check and commit it: " << golden.string());
  }
  std::stringstream ss;
  ss << in.rdbuf();
  CHECK(ss.str() == text);
}

}  // namespace

TEST_CASE("summary_files") {
  fs::path dir = drive();
  std::vector<SummaryFile> bad;
  auto files = summary_files({dir.string(), (dir / "nope").string()}, bad);
  CHECK(files.size() == 8);  // not the marker, not the hidden temp file
  REQUIRE(bad.size() == 1);
  CHECK(bad[0].check == FileCheck::unreadable);
}

TEST_CASE("summarize") {
  fs::path dir = drive();
  std::vector<SummaryFile> bad;
  auto files = summary_files({dir.string()}, bad);
  std::size_t calls = 0;
  Summary s = summarize(files, kKey, 2, [&](std::size_t, std::size_t) { ++calls; });
  CHECK(calls >= 1);
  SUBCASE("bad files are listed apart") {
    REQUIRE(s.bad.size() == 3);
    std::map<std::string, FileCheck> by_name;
    for (const auto& b : s.bad) by_name[fs::path(b.path).filename().string()] = b.check;
    CHECK(by_name["broken.yaml"] == FileCheck::corrupt);
    CHECK(by_name["forged.yaml"] == FileCheck::tampered);
    CHECK(by_name["notes.json"] == FileCheck::unknown_schema);
  }
  SUBCASE("the newest file of a machine is kept") {
    REQUIRE(s.machine_count == 4);
    REQUIRE(s.superseded_count == 1);
    CHECK(fs::path(s.superseded_files()[0].first).filename() == "PC-0123-old.yaml");
    s.each_machine([](std::size_t, const SummaryMachine& m) { CHECK(m.m.owner != "旧记录"); });
  }
  SUBCASE("clones are kept and flagged") {
    std::size_t flagged = 0;
    s.each_machine([&](std::size_t, const SummaryMachine& m) { flagged += !m.clones.empty(); });
    CHECK(flagged == 2);
  }
  SUBCASE("cross-use of a storage device") {
    REQUIRE(s.cross_use.size() == 1);
    CHECK(s.cross_use[0].serial == "4C531001550917108394");
    CHECK(s.cross_use[0].confidential.size() == 1);
    CHECK(s.cross_use[0].other.size() == 1);
  }
  SUBCASE("without the key the forged file counts") {
    Summary u = summarize(files, "", 1);
    CHECK(u.bad.size() == 2);
    CHECK(u.machine_count == 5);
  }
}

TEST_CASE("render_summary") {
  fs::path dir = drive();
  std::vector<SummaryFile> bad;
  Summary s = summarize(summary_files({dir.string()}, bad), kKey, 2);
  // The files left out are named as the platform spells paths (DRIVE\selfcheck\...
  // on Windows); the golden files use '/'.
  // (Markdown doubles each backslash: undone first.)
  auto norm = [&](std::string t) {
    if (fs::path::preferred_separator == '\\') t = replace_all(t, "\\\\", "\\");
    t = replace_all(t, dir.string(), "DRIVE");
    if (fs::path::preferred_separator == '\\') t = replace_all(t, "\\", "/");
    return t;
  };
  SUBCASE("zh text") { check_golden("unit.zh.txt", norm(render_summary(s, "text", Lang::zh))); }
  SUBCASE("en text") { check_golden("unit.en.txt", norm(render_summary(s, "text", Lang::en))); }
  SUBCASE("zh markdown") { check_golden("unit.zh.md", norm(render_summary(s, "markdown", Lang::zh))); }
  SUBCASE("html is self-contained") {
    std::string h = render_summary(s, "html", Lang::zh);
    CHECK(h.find("<meta charset=\"utf-8\">") != std::string::npos);
    CHECK(h.find("<svg") != std::string::npos);
    CHECK(h.find("@page { size: A4") != std::string::npos);
    CHECK(h.find("<script") == std::string::npos);
    CHECK(h.find("http://") == h.find("http://www.w3.org/2000/svg"));
    CHECK(h.find("src=") == std::string::npos);
  }
  SUBCASE("json reads back") {
    Value t = parse_tree(render_summary(s, "json", Lang::en));
    CHECK(t.get("computers")->i == 4);
    CHECK(t.get("bad_files")->items.size() == 3);
    CHECK(t.get("verdict")->s == "fail");
    CHECK(t.get("cross_use")->items.size() == 1);
  }
}

TEST_CASE("summarize: the same whatever the threads") {
  fs::path dir = drive();
  std::vector<SummaryFile> bad;
  auto files = summary_files({dir.string()}, bad);
  Summary one = summarize(files, kKey, 1), four = summarize(files, kKey, 4);
  for (const char* format : {"text", "json", "markdown"}) {
    CHECK(render_summary(one, format, Lang::zh) == render_summary(four, format, Lang::zh));
    CHECK(render_summary(one, format, Lang::en) == render_summary(four, format, Lang::en));
  }
}

TEST_CASE("render_summary: one measure per kind of problem") {
  fs::path dir = temp_dir("measures");
  // Three sticks used on a confidential machine and on two others; two
  // machines with unapproved storage.
  put(dir, "a.yaml", {.hostname = "PC-A", .machine_id = "a1"}, kKey, {}, 3);
  put(dir, "b.yaml", {.hostname = "PC-B", .machine_id = "b1", .classification = "internal", .unapproved_usb = true},
      kKey, {}, 3);
  put(dir, "c.yaml",
      {.hostname = "PC-C", .machine_id = "c1", .classification = "public", .unapproved_usb = true, .usb_serial = "S-C"},
      kKey, {}, 3);
  std::vector<SummaryFile> bad;
  Summary s = summarize(summary_files({dir.string()}, bad), kKey, 2);
  REQUIRE(s.cross_use.size() == 3);
  std::string t = render_summary(s, "text", Lang::zh);
  std::string measures = t.substr(t.find("整改措施:"));
  auto count = [&](const std::string& what) {
    std::size_t n = 0;
    for (auto p = measures.find(what); p != std::string::npos; p = measures.find(what, p + 1)) ++n;
    return n;
  };
  CHECK(count("交叉使用存储介质") == 1);
  CHECK(count("核查该设备来源") == 1);
  CHECK(measures.find("交叉使用存储介质,按涉密载体收回管理,并检查涉及的计算机(PC-A、PC-B;设备 "
                      "4C531001550917108394、4C531001550917108394-1、4C531001550917108394-2)") != std::string::npos);
  CHECK(measures.find("核查该设备来源及拷贝内容;登记或收回该设备(PC-B、PC-C;设备 4C531001550917108394、S-C)") !=
        std::string::npos);
  // The problems stay one per device and machine.
  std::string problems = t.substr(t.find("存在的问题:"), t.find("整改措施:") - t.find("存在的问题:"));
  std::size_t lines = 0;
  for (auto p = problems.find("间交叉使用"); p != std::string::npos; p = problems.find("间交叉使用", p + 1)) ++lines;
  CHECK(lines == 3);
  std::string en = render_summary(s, "text", Lang::en);
  CHECK(en.find("Check where the device came from; register or withdraw it (PC-B, PC-C; devices "
                "4C531001550917108394, S-C).") != std::string::npos);
}

TEST_CASE("render_summary: a sixth probe") {
  fs::path dir = temp_dir("sixth");
  auto probes = probes_with_printer();
  Catalog catalog = catalog_of(probes);
  Host host({});
  put(dir, "a.yaml", {.hostname = "PC-A", .machine_id = "a1"}, kKey, probes.back()->run(host));
  put(dir, "b.yaml", {.hostname = "PC-B", .machine_id = "b1"});
  std::vector<SummaryFile> bad;
  auto files = summary_files({dir.string()}, bad);
  SUBCASE("from the probe table") {
    Summary s = summarize(files, kKey, 2, {}, catalog);
    std::string t = render_summary(s, "text", Lang::zh, catalog);
    CHECK(t.find("打印机共享管理方面,1 台开启了打印机共享") != std::string::npos);
    CHECK(t.find("(六)打印机共享管理\n1. PC-A(张三):打印机 HP-1 已共享。\n") != std::string::npos);
    CHECK(t.find("(六)打印机共享管理\n1. 关闭打印机共享(PC-A)。\n") != std::string::npos);
    CHECK(t.find("自查结论:不合格(1 台计算机不合格,共 1 个问题)。") != std::string::npos);
    Value j = parse_tree(render_summary(s, "json", Lang::en, catalog));
    REQUIRE(j.get("items")->items.size() == 6);
    CHECK(j.get("items")->items[5].get("heading")->s == "Printer sharing");
    CHECK(j.get("items")->items[5].get("counts")->get("fail")->i == 1);
    CHECK(j.get("items")->items[5].get("counts")->get("not_checked")->i == 1);
  }
  SUBCASE("read by a version that does not know the probe") {
    Summary s = summarize(files, kKey, 2);
    std::string t = render_summary(s, "text", Lang::zh);
    CHECK(t.find("(六)printer\n1. PC-A(张三):打印机 HP-1 已共享。\n") != std::string::npos);
    CHECK(t.find("1 台打印机共享") != std::string::npos);
  }
}

TEST_CASE("summarize: a selfcheck.findings/1 file") {
  // Files written before schema 2 kept their texts in the scan's language:
  // still verified and summarised, their texts shown as written.
  fs::path dir = temp_dir("v1");
  put(dir, "new.yaml", {.hostname = "PC-NEW", .machine_id = "b1"});
  std::string v1 =
      "schema: \"selfcheck.findings/1\"\n"
      "scan: {finished: \"2026-11-20T16:00:01+08:00\", lang: \"en\"}\n"
      "host: {hostname: \"PC-OLD\", machine_id: \"0101\", owner: \"李明\", classification: \"internal\"}\n"
      "verdict: \"fail\"\n"
      "findings:\n"
      "  - {id: \"antivirus.installed\", section: \"antivirus\", status: \"fail\", title: \"No antivirus\",\n"
      "     detail: \"no antivirus product is installed\", evidence: {}, remediation: \"Install one\"}\n";
  v1 += "integrity: {sha256: \"" + sha256_hex(canonical_json(parse_tree(v1))) + "\"}\n";
  write_text(dir / "selfcheck" / "old.yaml", v1);
  std::vector<SummaryFile> bad;
  Summary s = summarize(summary_files({dir.string()}, bad), "", 2);
  CHECK(s.bad.empty());
  REQUIRE(s.machine_count == 2);
  std::string t = render_summary(s, "text", Lang::zh);
  CHECK(t.find("PC-OLD(李明):no antivirus product is installed。") != std::string::npos);
  CHECK(t.find("Install one(PC-OLD)。") != std::string::npos);
}

TEST_CASE("summarize: a tiny memory budget (every store spilled) gives the same summary") {
  // 30 machines: measures naming more than 12 (the "and N more" counts come
  // from the sorted stores), repeated host names, clones, older files,
  // cross-used sticks, a broken file.
  fs::path dir = temp_dir("spill");
  for (int i = 0; i < 30; ++i) {
    MachineSpec m;
    m.hostname = i % 7 == 3 ? "PC-SAME" : "PC-" + std::to_string(100 + i);
    m.machine_id = i % 10 == 9 ? "clone-image" : "id-" + std::to_string(i);
    m.asset_id = "A-" + std::to_string(i);
    m.department = i % 3 ? "办公室" : "财务处";
    m.classification = i % 4 ? "internal" : "confidential";
    m.av_ok = i % 2 == 0;
    m.unapproved_usb = i % 3 != 1;
    m.usb_serial = i % 5 ? "SHARED-" + std::to_string(i % 3) : "OWN-" + std::to_string(i);
    m.boot_unknown = i % 6 == 0;
    put(dir, "m" + std::to_string(i) + ".yaml", m, kKey, {}, 1 + i % 2);
    if (i % 8 == 1) {
      m.as_of = "2026-11-13T16:00:00+08:00";
      m.owner = "旧记录";
      put(dir, "m" + std::to_string(i) + "-old.yaml", m);
    }
  }
  write_text(dir / "selfcheck" / "2026-11-20" / "broken.yaml", "not: [a findings file");
  std::vector<SummaryFile> bad;
  auto files = summary_files({dir.string()}, bad);
  Summary memory = summarize(files, kKey, 2);
  std::vector<SummaryFile> bad2;
  SummaryFileList list = summary_file_list({dir.string()}, bad2, 1);
  CHECK(list.paths.spilled());
  REQUIRE(list.count == files.size());
  Summary spilled = summarize(list, kKey, 3, {}, builtin_catalog(), 1);
  CHECK(!memory.machines.spilled());
  CHECK(spilled.machines.spilled());
  CHECK(spilled.machine_count == memory.machine_count);
  CHECK(memory.superseded_count == 4);
  CHECK(!memory.clones.empty());
  CHECK(!memory.cross_use.empty());
  for (const char* format : {"text", "markdown", "html", "json"})
    for (Lang lang : {Lang::zh, Lang::en}) {
      CAPTURE(format);
      std::string a = render_summary(memory, format, lang), b = render_summary(spilled, format, lang);
      CHECK(a == b);
      CHECK(a.size() > 1000);
    }
  // The measures name 12 machines, then how many more.
  std::string t = render_summary(memory, "text", Lang::en);
  CHECK(t.find(" more") != std::string::npos);
}

TEST_CASE("SpillSorter") {
  for (std::size_t budget : {std::size_t(1), std::size_t(64), kSummaryBudget}) {
    CAPTURE(budget);
    SpillSorter s([](std::string_view a, std::string_view b) { return a < b; }, budget);
    std::vector<std::string> want;
    for (int i = 0; i < 500; ++i) {
      std::string r = std::to_string((i * 7919) % 1009) + std::string(static_cast<std::size_t>(i % 5), 'x');
      want.push_back(r);
      s.add(r);
    }
    std::sort(want.begin(), want.end());
    std::vector<std::string> got;
    for (std::string r; s.next(r);) got.push_back(r);
    CHECK(got == want);
  }
}
