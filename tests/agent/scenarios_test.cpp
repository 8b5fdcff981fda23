// The CLI scenario runner: every tests/fixtures/roots/<scenario>/expect.yaml
// is run as `selfcheck scan --root <scenario> --output <tmp> --format json …`
// through run_cli, and the findings file it wrote is checked against it.
#include <doctest/doctest.h>
#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "agent/cli.hpp"
#include "agent/document.hpp"
#include "support/temp_dir.hpp"

namespace fs = std::filesystem;
using namespace sc;

namespace {

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string evidence_string(const EvidenceValue& v) {
  if (auto s = std::get_if<std::string>(&v)) return *s;
  if (auto i = std::get_if<std::int64_t>(&v)) return std::to_string(*i);
  if (auto b = std::get_if<bool>(&v)) return *b ? "true" : "false";
  std::string out;
  for (const auto& s : std::get<std::vector<std::string>>(v)) out += (out.empty() ? "" : ",") + s;
  return out;
}

std::vector<fs::path> scenarios() {
  std::vector<fs::path> out;
  for (const auto& e : fs::directory_iterator(fs::path(SELFCHECK_FIXTURES) / "roots"))
    if (fs::exists(e.path() / "expect.yaml")) out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

TEST_CASE("scan scenarios") {
  auto all = scenarios();
  MESSAGE("scenarios: " << all.size());
  for (const fs::path& dir : all) {
    std::string name = dir.filename().string();
    INFO("scenario " << name);
#ifdef SELFCHECK_WINE_SYMLINK_ROOTS
    // Under wine a root's Unix symlinks look like their targets (systemd's
    // enablement links, links out of the root) and its mode bits are not
    // shown, and the Windows build reads no journal and no hive files: such
    // roots (tests/CMakeLists.txt, on the build machine) are skipped there.
    if (std::string(SELFCHECK_WINE_SYMLINK_ROOTS).find("," + name + ",") != std::string::npos) {
      MESSAGE("scenario " << name << " skipped under wine: symbolic links, mode bits, the journal or hives");
      continue;
    }
#endif
    YAML::Node expect = YAML::LoadFile((dir / "expect.yaml").string());
    fs::path out_file = sc::test::unique_temp_dir("scenario-" + name) / "findings.json";
    std::vector<std::string> args{"scan", "--root", dir.string(), "--output", out_file.string(), "--format", "json"};
    bool has_rules = false, has_lang = false;
    if (expect["args"])
      for (const auto& a : expect["args"]) {
        args.push_back(a.as<std::string>());
        has_rules = has_rules || args.back() == "--rules";
        has_lang = has_lang || args.back() == "--lang";
      }
    if (!has_rules) args.insert(args.end(), {"--rules", SELFCHECK_SOURCE_RULES_DIR});
    if (!has_lang) args.insert(args.end(), {"--lang", "en"});
    std::ostringstream out, err;
    int code = run_cli(args, out, err);
    INFO("stderr: " << err.str());
    if (expect["exit"]) CHECK(code == expect["exit"].as<int>());
    if (code == 2 || code == 3) continue;
    REQUIRE(fs::exists(out_file));
    std::string text = slurp(out_file);
    Document doc = read_document(text);
    CHECK(doc.schema == "selfcheck.findings/2");
    for (const auto& kv : expect["findings"]) {
      std::string id = kv.first.as<std::string>();
      std::string want = kv.second.as<std::string>();
      std::string got = "(absent)";
      std::string detail;
      for (const auto& f : doc.findings)
        if (f.id == id) {
          got = std::string(to_string(f.status));
          detail = f.detail.en;
        }
      INFO("finding " << id << ": " << detail);
      CHECK(got == want);
    }
    for (const auto& kv : expect["evidence"]) {
      std::string id = kv.first.as<std::string>();
      for (const auto& ev : kv.second) {
        std::string key = ev.first.as<std::string>();
        // A list is written as a YAML list and compared joined by commas.
        std::string want;
        if (ev.second.IsSequence()) {
          for (const auto& item : ev.second) want += (want.empty() ? "" : ",") + item.as<std::string>();
        } else {
          want = ev.second.as<std::string>();
        }
        std::string got = "(absent)";
        for (const auto& f : doc.findings)
          if (f.id == id)
            if (auto it = f.evidence.find(key); it != f.evidence.end()) got = evidence_string(it->second);
        INFO("evidence " << id << "." << key);
        CHECK(got == want);
      }
    }
    // usb_devices: each entry's fields must all match one device of the file
    // (first_seen/last_seen as given, compared as a prefix: "2026-03-12").
    for (const auto& want : expect["usb_devices"]) {
      bool found = false;
      std::string seen;
      for (const UsbDeviceRecord& d : doc.usb_devices) {
        auto field = [&](const std::string& k) -> std::string {
          if (k == "vid") return d.vid;
          if (k == "pid") return d.pid;
          if (k == "serial") return d.serial;
          if (k == "vendor") return d.vendor;
          if (k == "product") return d.product;
          if (k == "kind") return d.kind;
          if (k == "first_seen") return d.first_seen;
          if (k == "last_seen") return d.last_seen;
          if (k == "approved") return d.approved ? "true" : "false";
          if (k == "role") return d.role;
          if (k == "connections") return std::to_string(d.connections);
          return "(unknown field " + k + ")";
        };
        bool all = true;
        for (const auto& kv : want) {
          std::string k = kv.first.as<std::string>(), v = kv.second.as<std::string>();
          std::string got = field(k);
          all = all && ((k == "first_seen" || k == "last_seen") ? got.rfind(v, 0) == 0 : got == v);
        }
        found = found || all;
        seen += " [" + d.vid + ":" + d.pid + " " + d.serial + " " + d.kind + " " + d.vendor + "/" + d.product + " " +
                d.first_seen + (d.approved ? " approved" : "") + "]";
      }
      INFO("usb device wanted: " << YAML::Dump(want) << "; devices:" << seen);
      CHECK(found);
    }
    for (const auto& s : expect["file_contains"]) {
      INFO("must appear: " << s.as<std::string>());
      CHECK(text.find(s.as<std::string>()) != std::string::npos);
    }
    for (const auto& s : expect["file_not_contains"]) {
      INFO("must not appear: " << s.as<std::string>());
      CHECK(text.find(s.as<std::string>()) == std::string::npos);
    }
    fs::remove(out_file);
  }
}
