// Tests for agent/collect: mountinfo parsing, drive discovery by marker, the
// file name, and writing onto a drive that is full or vanishes.
#include "agent/collect.hpp"

#include <doctest/doctest.h>

#include <fstream>

#include "agent/core/errors.hpp"
#include "agent/integrity.hpp"
#include "support/sample_doc.hpp"

using namespace sc;
using namespace sc::test;
namespace fs = std::filesystem;

namespace {

// A drive that fails every write the way a full or pulled-out drive does.
class FailingHost : public Host {
 public:
  explicit FailingHost(std::string why) : Host({}), why_(std::move(why)) {}
  void write_file_atomic(const fs::path& target, std::string_view) const override {
    throw OutputError("cannot write " + target.string() + ": write: " + why_);
  }
  bool write_file_new(const fs::path& target, std::string_view) const override {
    throw OutputError("cannot write " + target.string() + ": write: " + why_);
  }

 private:
  std::string why_;
};

std::string read_all(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace

TEST_CASE("parse_mountinfo") {
  const char* text =
      "22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw,errors=remount-ro\n"
      "98 22 8:17 / /media/inspector/KINGSTON\\040DT rw,nosuid,nodev shared:60 - vfat /dev/sdb1 rw,uid=1000\n"
      "garbage\n"
      "\n"
      "99 22 0:50 / relative rw - tmpfs tmpfs rw\n";
  auto mps = parse_mountinfo(text);
  REQUIRE(mps.size() == 2);
  CHECK(mps[0] == "/");
  CHECK(mps[1] == "/media/inspector/KINGSTON DT");
}

TEST_CASE("find_collection_drives") {
  auto a = temp_dir("drive-a");
  auto b = temp_dir("drive-b");
  write_text(a / "selfcheck-collection.yaml", "unit: 某单位\n");
  std::string mi = "1 0 8:1 / " + a.string() + " rw - vfat /dev/sdb1 rw\n2 0 8:2 / " + b.string() + " rw - vfat x rw\n";
  auto drives = find_collection_drives(mi);
  REQUIRE(drives.size() == 1);
  CHECK(drives[0] == a);
}

TEST_CASE("collection_name") {
  Document d = machine({});
  CHECK(collection_name(d) == fs::path("2026-11-20/PC-0123-0f1e2d3c-A-17.yaml"));
  d.host.asset_id = "";
  CHECK(collection_name(d) == fs::path("2026-11-20/PC-0123-0f1e2d3c.yaml"));
  d.host.hostname = "../evil/x";
  d.host.machine_id = "";
  CHECK(collection_name(d) == fs::path("2026-11-20/___evil_x-unknown.yaml"));
  d.as_of = "";
  d.finished = "junk";
  CHECK(collection_name(d).parent_path() == "undated");
}

TEST_CASE("collect_document") {
  Document d = machine({});
  seal(d);
  std::string yaml = to_yaml(d);
  Config config;
  SUBCASE("onto a drive with the marker") {
    auto drive = temp_dir("collect-ok");
    write_text(drive / "selfcheck-collection.yaml", "unit: 某单位\n");
    Host host({});
    auto written = collect_document(host, config, yaml, d, drive);
    CHECK(written == drive / "selfcheck" / "2026-11-20" / "PC-0123-0f1e2d3c-A-17.yaml");
    CHECK(read_all(written) == yaml);
    CHECK(verify_file(written, "").check == FileCheck::ok);
    SUBCASE("a second scan the same day replaces the file") {
      Document d2 = machine({.owner = "李四"});
      seal(d2);
      collect_document(host, config, to_yaml(d2), d2, drive);
      CHECK(read_all(written).find("李四") != std::string::npos);
    }
  }
  SUBCASE("full drive: exit-3 error, nothing left on the drive") {
    auto drive = temp_dir("collect-full");
    FailingHost host("No space left on device");
    try {
      collect_document(host, config, yaml, d, drive);
      FAIL("no error");
    } catch (const OutputError& e) {
      std::string m = e.what();
      CHECK(m.find("No space left on device") != std::string::npos);
      CHECK(m.find("spool") != std::string::npos);
    }
    CHECK_FALSE(fs::exists(drive / "selfcheck" / "2026-11-20" / "PC-0123-0f1e2d3c-A-17.yaml"));
  }
  SUBCASE("drive pulled out") {
    auto drive = temp_dir("collect-gone");
    fs::remove_all(drive);
    Host host({});
    CHECK_THROWS_AS(collect_document(host, config, yaml, d, drive), OutputError);
  }
  SUBCASE("the drive vanishes during the write") {
    auto drive = temp_dir("collect-vanish");
    FailingHost host("No such device");
    CHECK_THROWS_WITH_AS(collect_document(host, config, yaml, d, drive), doctest::Contains("No such device"),
                         OutputError);
  }
}

TEST_CASE("collect_document on a hostile or shared drive") {
  Config config;
  Host host({});
  SUBCASE("cloned PCs (same hostname and machine-id) keep both files") {
    auto drive = temp_dir("collect-clones");
    Document a = machine({.asset_id = "A-1"});
    Document b = machine({.asset_id = "A-2"});
    seal(a);
    seal(b);
    auto pa = collect_document(host, config, to_yaml(a), a, drive);
    auto pb = collect_document(host, config, to_yaml(b), b, drive);
    CHECK(pa != pb);
    CHECK(read_all(pa).find("A-1") != std::string::npos);
    CHECK(read_all(pb).find("A-2") != std::string::npos);
  }
  SUBCASE("clones without asset_id: the other machine's file stays, the second gets -2") {
    auto drive = temp_dir("collect-clones-noasset");
    Document a = machine({.asset_id = "", .owner = "甲"});
    Document b = machine({.asset_id = "", .owner = "乙"});
    seal(a);
    seal(b);
    auto pa = collect_document(host, config, to_yaml(a), a, drive);
    auto pb = collect_document(host, config, to_yaml(b), b, drive);
    CHECK(pa.filename() == "PC-0123-0f1e2d3c.yaml");
    CHECK(pb.filename() == "PC-0123-0f1e2d3c-2.yaml");
    CHECK(read_all(pa) == to_yaml(a));
    // The first machine scanning again replaces its own file only.
    CHECK(collect_document(host, config, to_yaml(a), a, drive) == pa);
    CHECK(read_all(pb) == to_yaml(b));
  }
  SUBCASE("a link on the drive is refused, nothing written through it") {
    auto drive = temp_dir("collect-link");
    auto elsewhere = temp_dir("collect-link-target");
    fs::create_symlink(elsewhere, drive / "selfcheck");
    Document a = machine({});
    seal(a);
    try {
      collect_document(host, config, to_yaml(a), a, drive);
      FAIL("no error");
    } catch (const OutputError& e) {
      CHECK(std::string(e.what()).find("refusing to write through it") != std::string::npos);
    }
    CHECK(fs::is_empty(elsewhere));
  }
  SUBCASE("a link at the file name is refused") {
    auto drive = temp_dir("collect-filelink");
    auto elsewhere = temp_dir("collect-filelink-target");
    fs::create_directories(drive / "selfcheck" / "2026-11-20");
    fs::create_symlink(elsewhere / "victim", drive / "selfcheck" / "2026-11-20" / "PC-0123-0f1e2d3c-A-17.yaml");
    Document a = machine({});
    seal(a);
    CHECK_THROWS_AS(collect_document(host, config, to_yaml(a), a, drive), OutputError);
    CHECK(fs::is_empty(elsewhere));
  }
}

TEST_CASE("find_collection_drives over candidates") {
  auto a = temp_dir("cand-a");
  auto b = temp_dir("cand-b");
  write_text(b / "selfcheck-collection.yaml", "unit: 某单位\n");
  SUBCASE("only the candidate with the marker, once") {
    auto drives = find_collection_drives(std::vector<fs::path>{a, b, b, a / "missing"});
    REQUIRE(drives.size() == 1);
    CHECK(drives[0] == b);
  }
  SUBCASE("a directory named like the marker is not the marker") {
    fs::create_directories(a / "selfcheck-collection.yaml");
    CHECK(find_collection_drives(std::vector<fs::path>{a}).empty());
  }
  SUBCASE("no candidates") { CHECK(find_collection_drives(std::vector<fs::path>{}).empty()); }
}
