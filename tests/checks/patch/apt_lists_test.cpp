// Tests for checks/apt_lists: Release parsing, which suites are security
// suites, list discovery on fixture roots, candidates and pending updates.
#include "checks/patch/apt_lists.hpp"

#include <doctest/doctest.h>

#include <filesystem>

#include "agent/core/host.hpp"
#include "agent/core/platform.hpp"
#include "support/temp_dir.hpp"

using namespace sc;
namespace fs = std::filesystem;

TEST_CASE("parse_release") {
  SUBCASE("clearsigned Debian InRelease") {
    auto r = parse_release(
        "-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA256\n\nOrigin: Debian\nLabel: Debian-Security\n"
        "Suite: oldstable-security\nVersion: 12\nCodename: bookworm-security\nDate: Sat, 21 Nov 2026 00:53:02 UTC\n"
        "SHA256:\n e3b0c442 0 main/binary-amd64/Packages\n-----BEGIN PGP SIGNATURE-----\n\nSuite: forged\n");
    CHECK(r.origin == "Debian");
    CHECK(r.label == "Debian-Security");
    CHECK(r.suite == "oldstable-security");  // the signature block is not read
    CHECK(r.codename == "bookworm-security");
    REQUIRE(r.date);
    CHECK(Zone().iso(*r.date) == "2026-11-21T00:53:02+00:00");
  }
  SUBCASE("Ubuntu Release") {
    auto r = parse_release(
        "Origin: Ubuntu\nLabel: Ubuntu\nSuite: jammy-security\nCodename: jammy\n"
        "Date: Thu, 19 Nov 2026 09:07:55 +0000\n");
    CHECK(r.suite == "jammy-security");
    CHECK(r.codename == "jammy");
    REQUIRE(r.date);
    CHECK(Zone().iso(*r.date) == "2026-11-19T09:07:55+00:00");
  }
  SUBCASE("garbage") {
    auto r = parse_release(std::string("\0\xff:\n:Suite\nDate: yesterday\n", 24));
    CHECK(r.suite.empty());
    CHECK_FALSE(r.date);
  }
}

TEST_CASE("is_security_release") {
  SecurityListRules rules;
  auto rel = [](std::string suite, std::string codename, std::string label = "") {
    ReleaseInfo r;
    r.suite = std::move(suite);
    r.codename = std::move(codename);
    r.label = std::move(label);
    return r;
  };
  SUBCASE("Debian 12") { CHECK(is_security_release(rel("stable-security", "bookworm-security"), rules)); }
  SUBCASE("Ubuntu pocket") { CHECK(is_security_release(rel("jammy-security", "jammy"), rules)); }
  SUBCASE("Debian 10 buster/updates") {
    CHECK(is_security_release(rel("oldoldstable", "buster", "Debian-Security"), rules));
  }
  SUBCASE("updates pockets are not security") {
    CHECK_FALSE(is_security_release(rel("jammy-updates", "jammy", "Ubuntu"), rules));
    CHECK_FALSE(is_security_release(rel("stable-updates", "bookworm-updates", "Debian"), rules));
    CHECK_FALSE(is_security_release(rel("stable", "bookworm", "Debian"), rules));
  }
}

TEST_CASE("scan_apt_lists") {
  fs::path roots = fs::path(SELFCHECK_FIXTURES) / "roots";
  SUBCASE("Ubuntu: security pocket only, both components") {
    Host host({.root = roots / "patch-ubuntu-pockets"});
    AptListScan scan = scan_apt_lists(host, SecurityListRules{});
    CHECK(scan.dir_exists);
    CHECK(scan.packages_files == 4);
    REQUIRE(scan.security.size() == 2);
    CHECK(scan.security[0].suite == "jammy-security");
    CHECK(scan.security[0].path.find("jammy-security_main_binary-amd64_Packages") != std::string::npos);
  }
  SUBCASE("gzipped lists") {
    Host host({.root = roots / "patch-gz-logs-only"});
    AptListScan scan = scan_apt_lists(host, SecurityListRules{});
    REQUIRE(scan.security.size() == 1);
    CHECK(scan.security[0].compression == "gz");
    auto c = read_security_candidates(host, scan);
    CHECK(c.problems.empty());
    REQUIRE(c.candidates.count("openssl"));
    CHECK(c.candidates.at("openssl").at(0).version == "3.0.13-1~deb12u1");
  }
  SUBCASE("no lists directory") {
    Host host({.root = roots / "patch-no-lists-baseline"});
    AptListScan scan = scan_apt_lists(host, SecurityListRules{});
    CHECK_FALSE(scan.dir_exists);
    CHECK(scan.security.empty());
  }
}

TEST_CASE("read_security_candidates") {
  fs::path root = sc::test::unique_temp_dir("apt-lists-test");
  fs::create_directories(root / "var/lib/apt/lists");
  auto put = [&](const std::string& name, const std::string& data) {
    std::FILE* f = std::fopen(sc::path_text(root / "var/lib/apt/lists" / name).c_str(), "wb");
    std::fwrite(data.data(), 1, data.size(), f);
    std::fclose(f);
  };
  // No Release file: matched by name. One list unsupported, one truncated.
  put("security.debian.org_debian-security_dists_bookworm-security_main_binary-amd64_Packages",
      "Package: a\nVersion: 1.0\nArchitecture: amd64\n\nPackage: b\nVersion: 2.");
  put("security.debian.org_debian-security_dists_bookworm-security_main_binary-i386_Packages.zz", "x");
  Host host({.root = root});
  AptListScan scan = scan_apt_lists(host, SecurityListRules{});
  REQUIRE(scan.security.size() == 2);
  auto c = read_security_candidates(host, scan);
  CHECK(c.candidates.count("a") == 1);
  CHECK(c.candidates.count("b") == 0);  // cut stanza dropped
  CHECK(c.stats.truncated);
  REQUIRE(c.problems.size() == 1);
  CHECK(c.problems[0].find("unsupported compression .zz") != std::string::npos);
  CHECK(c.oldest);  // the file's mtime stands in for a Release date
  fs::remove_all(root);
}

TEST_CASE("find_pending") {
  CandidateMap m;
  add_candidate(m, "openssl", {"amd64", "3.0.13-1~deb12u1", "bookworm-security"});
  add_candidate(m, "openssl", {"amd64", "3.0.11-1~deb12u2", "bookworm-security"});  // older: ignored
  add_candidate(m, "libssl3", {"i386", "3.0.13-1~deb12u1", "bookworm-security"});
  add_candidate(m, "tzdata", {"all", "2024a-0+deb12u1", "bookworm-security"});
  add_candidate(m, "bash", {"", "5.2.15-2+b7", "baseline"});
  auto pkg = [](std::string n, std::string v, std::string a, std::string st = "install ok installed") {
    return DpkgPackage{std::move(n), std::move(v), std::move(st), "", std::move(a)};
  };
  std::vector<DpkgPackage> installed{
      pkg("openssl", "3.0.11-1~deb12u1", "amd64"), pkg("libssl3", "3.0.11-1~deb12u1", "amd64"),
      pkg("libssl3", "3.0.11-1~deb12u1", "i386"),  pkg("tzdata", "2024a-0+deb12u1", "all"),
      pkg("bash", "5.2.15-2+b2", "amd64"),         pkg("gone", "1.0", "amd64", "deinstall ok config-files"),
      pkg("openssl", "3.0.13-1~deb12u2", "arm64")};
  auto p = find_pending(installed, m);
  REQUIRE(p.size() == 3);
  CHECK(p[0].name == "bash");
  CHECK(p[0].origin == "baseline");
  CHECK(p[1].name == "libssl3");
  CHECK(p[1].arch == "i386");  // the amd64 one has no amd64 candidate
  CHECK(p[2].name == "openssl");
  CHECK(p[2].installed == "3.0.11-1~deb12u1");
  CHECK(p[2].candidate == "3.0.13-1~deb12u1");
}

TEST_CASE("parse_release_date: years far from 1970 (fuzz regression)") {
  // Same overflow as parse_log_time: parsed in seconds now.
  auto t = parse_release_date("Sat, 21 Nov 2026 00:53:02 UTC");
  REQUIRE(t);
  CHECK(Zone().iso(*t) == "2026-11-21T00:53:02+00:00");
  auto far = parse_release_date("Mon, 01 Jan 3000 00:00:00 +0000");
  REQUIRE(far);
  CHECK(Zone().to_civil(*far) == cctz::civil_second(3000, 1, 1, 0, 0, 0));
}

TEST_CASE("find_pending: an installed version newer than the security candidate is not pending") {
  // Issue 14: a mutant counting any different version as pending survived.
  CandidateMap m;
  add_candidate(m, "openssl", {"amd64", "3.0.11-1~deb12u2", "bookworm-security"});
  add_candidate(m, "bash", {"", "5.2.15-2+b2", "baseline"});
  add_candidate(m, "curl", {"amd64", "7.88.1-10+deb12u5", "bookworm-security"});
  auto pkg = [](std::string n, std::string v, std::string a) {
    return DpkgPackage{std::move(n), std::move(v), "install ok installed", "", std::move(a)};
  };
  std::vector<DpkgPackage> installed{pkg("openssl", "3.0.13-1~deb12u1", "amd64"),  // newer than the candidate
                                     pkg("bash", "5.2.15-2+b7", "amd64"),          // newer than the baseline
                                     pkg("curl", "1:7.0-1", "amd64")};             // an epoch makes it newer
  CHECK(find_pending(installed, m).empty());
  installed.push_back(pkg("curl", "7.88.1-10+deb12u4", "i386"));  // another arch: no candidate of its own
  CHECK(find_pending(installed, m).empty());
}
