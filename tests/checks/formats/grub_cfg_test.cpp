// Tests for checks/grub_cfg: the GRUB script interpreter on real-shaped
// configs held in memory, the generator-source scan, and hostile bytes.
#include "checks/formats/grub_cfg.hpp"

#include <doctest/doctest.h>

#include <map>
#include <random>
#include <set>

using namespace sc;

namespace {

GrubFs mem(const std::map<std::string, std::string>& files, std::set<std::string> unreadable = {}) {
  GrubFs fs;
  fs.read = [files, unreadable](const std::string& p) {
    GrubFileRead r;
    auto it = files.find(p);
    if (it == files.end()) return r;
    r.exists = true;
    r.path = p;
    if (unreadable.count(p))
      r.error = "no permission to read " + p + ": run as root";
    else
      r.data = it->second;
    return r;
  };
  fs.list = [files](const std::string& d) {
    std::vector<std::string> out;
    for (const auto& [p, _] : files)
      if (p.rfind(d + "/", 0) == 0 && p.find('/', d.size() + 1) == std::string::npos)
        out.push_back(p.substr(d.size() + 1));
    return out;
  };
  return fs;
}

const std::string kHash = "grub.pbkdf2.sha512.10000.AB12CD34.EF56AB78";

}  // namespace

TEST_CASE("analyze_grub") {
  SUBCASE("superusers + password_pbkdf2, menu entries counted, bodies not run") {
    auto a = analyze_grub(
        "/boot/grub/grub.cfg",
        mem({{"/boot/grub/grub.cfg",
              "set superusers=\"root\"\npassword_pbkdf2 root " + kHash +
                  "\nmenuentry 'Debian' --class os {\n  set superusers=\"\"\n  linux /vmlinuz\n}\n"
                  "submenu 'Advanced' {\n  menuentry 'a' { true; }\n  menuentry 'b' --unrestricted {\n }\n}\n"}}));
    CHECK(a.protected_pbkdf2());
    CHECK_FALSE(a.conditional);
    CHECK(a.superusers == std::vector<std::string>{"root"});
    CHECK(a.menu_entries == 3);
    CHECK(a.unrestricted_entries == 1);
  }
  SUBCASE("plain password only") {
    auto a = analyze_grub("/boot/grub/grub.cfg",
                          mem({{"/boot/grub/grub.cfg", "set superusers='admin,ops'\npassword admin secret\n"}}));
    CHECK_FALSE(a.protected_pbkdf2());
    CHECK(a.protected_plain_only());
    CHECK(a.superusers == std::vector<std::string>{"admin", "ops"});
  }
  SUBCASE("commented and quoted lines do not count") {
    auto a = analyze_grub("/boot/grub/grub.cfg",
                          mem({{"/boot/grub/grub.cfg", "# set superusers=root\necho 'password_pbkdf2 root " + kHash +
                                                           "'\n#password_pbkdf2 root " + kHash + "\n"}}));
    CHECK(a.superusers.empty());
    CHECK(a.passwords.empty());
  }
  SUBCASE("RHEL 01_users: user.cfg present") {
    std::string cfg =
        "if [ -f ${prefix}/user.cfg ]; then\n  source ${prefix}/user.cfg\n  if [ -n \"${GRUB2_PASSWORD}\" ]; then\n"
        "    set superusers=\"root\"\n    export superusers\n    password_pbkdf2 root ${GRUB2_PASSWORD}\n  fi\nfi\n"
        "insmod blscfg\nblscfg\n";
    auto a = analyze_grub("/boot/grub2/grub.cfg", mem({{"/boot/grub2/grub.cfg", cfg},
                                                       {"/boot/grub2/user.cfg", "GRUB2_PASSWORD=" + kHash + "\n"},
                                                       {"/loader/entries/a.conf", "title A\ngrub_arg --unrestricted\n"},
                                                       {"/loader/entries/b.conf", "title B\n"}}));
    CHECK(a.protected_pbkdf2());
    CHECK_FALSE(a.conditional);
    CHECK(a.bls);
    CHECK(a.menu_entries == 2);
    CHECK(a.unrestricted_entries == 1);
  }
  SUBCASE("RHEL 01_users: no user.cfg means no password") {
    std::string cfg =
        "if [ -f ${prefix}/user.cfg ]; then\n  source ${prefix}/user.cfg\n  if [ -n \"${GRUB2_PASSWORD}\" ]; then\n"
        "    set superusers=\"root\"\n    password_pbkdf2 root ${GRUB2_PASSWORD}\n  fi\nfi\n";
    auto a = analyze_grub("/boot/grub2/grub.cfg", mem({{"/boot/grub2/grub.cfg", cfg}}));
    CHECK(a.superusers.empty());
    CHECK_FALSE(a.protected_pbkdf2());
  }
  SUBCASE("EFI stub: configfile through ($root) with the device stripped") {
    auto a = analyze_grub("/boot/efi/EFI/debian/grub.cfg",
                          mem({{"/boot/efi/EFI/debian/grub.cfg",
                                "search.fs_uuid 1234 root hd0,gpt2\nset prefix=($root)'/boot/grub'\nconfigfile "
                                "$prefix/grub.cfg\n"},
                               {"/boot/grub/grub.cfg", "set superusers=root\npassword_pbkdf2 root " + kHash + "\n"}}));
    CHECK(a.protected_pbkdf2());
    CHECK(a.files == std::vector<std::string>{"/boot/efi/EFI/debian/grub.cfg", "/boot/grub/grub.cfg"});
  }
  SUBCASE("an undecidable test makes the protection conditional") {
    auto a = analyze_grub("/g.cfg", mem({{"/g.cfg",
                                          "if [ \"$grub_platform\" = efi ]; then set superusers=root; "
                                          "password_pbkdf2 root " +
                                              kHash + "; fi\n"}}));
    CHECK(a.protected_pbkdf2());
    CHECK(a.conditional);
  }
  SUBCASE("a decided-false branch does not run; else does") {
    auto a = analyze_grub("/g.cfg", mem({{"/g.cfg",
                                          "set x=1\nif [ \"$x\" = 2 ]; then\nset superusers=bad\nelif [ -z "
                                          "\"$x\" ]; then\nset superusers=bad2\nelse\nset superusers=good\nfi\n"}}));
    CHECK(a.superusers == std::vector<std::string>{"good"});
  }
  SUBCASE("unreadable include is reported, invalid pbkdf2 does not protect") {
    auto a = analyze_grub("/g.cfg", mem({{"/g.cfg",
                                          "source /boot/grub/custom.cfg\nset superusers=root\npassword_pbkdf2 "
                                          "root ${UNSET}\n"},
                                         {"/boot/grub/custom.cfg", ""}},
                                        {"/boot/grub/custom.cfg"}));
    CHECK(a.problems.size() == 1);
    CHECK_FALSE(a.protected_pbkdf2());
    CHECK(a.passwords.at("root") == GrubPassword::invalid);
  }
  SUBCASE("include loops and deep nesting end") {
    auto a = analyze_grub("/a.cfg", mem({{"/a.cfg", "source /b.cfg\n"}, {"/b.cfg", "source /a.cfg\n"}}));
    CHECK(a.files.size() == 2);
    std::string deep;
    for (int i = 0; i < 500; ++i) deep += "if true; then\n";
    auto b = analyze_grub("/d.cfg", mem({{"/d.cfg", deep}}));
    CHECK(b.malformed > 0);
  }
  SUBCASE("any bytes") {
    std::mt19937 rng(42);
    const std::string alphabet = "{}[]$\"'\\;#\n -=()abcfi setpasswordsuperusers_pbkdf2menuentry";
    for (int i = 0; i < 300; ++i) {
      std::string s;
      std::size_t n = rng() % 400;
      for (std::size_t k = 0; k < n; ++k)
        s.push_back(i % 2 ? static_cast<char>(rng() & 0xff) : alphabet[rng() % alphabet.size()]);
      auto a = analyze_grub("/x.cfg", mem({{"/x.cfg", s}}));
      CHECK(a.files.size() == 1);
    }
  }
}

TEST_CASE("scan_grub_source") {
  SUBCASE("40_custom with a password") {
    auto s = scan_grub_source("#!/bin/sh\nexec tail -n +3 $0\nset superusers=\"root\"\npassword_pbkdf2 root " + kHash +
                              "\n");
    CHECK(s.superusers);
    CHECK(s.pbkdf2);
  }
  SUBCASE("commented, empty or templated lines do not count") {
    auto s = scan_grub_source("#set superusers=root\nset superusers=\"\"\n# password_pbkdf2 root " + kHash + "\n");
    CHECK_FALSE(s.superusers);
    CHECK_FALSE(s.pbkdf2);
  }
  SUBCASE("RHEL 01_users and user.cfg") {
    CHECK(scan_grub_source("    password_pbkdf2 root \\${GRUB2_PASSWORD}\n").uses_grub2_password);
    CHECK(scan_grub_source("GRUB2_PASSWORD=" + kHash + "\n").grub2_password_set);
  }
}

TEST_CASE("split_grub_users") {
  CHECK(split_grub_users("root admin,ops;x|y&z") == std::vector<std::string>{"root", "admin", "ops", "x", "y", "z"});
  CHECK(split_grub_users("").empty());
}
