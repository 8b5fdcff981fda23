// Tests for checks/ini_file: the GKeyFile, SDDM and systemd dialects on real
// display-manager and unit files, and the later-wins merge.
#include "checks/formats/ini_file.hpp"

#include <doctest/doctest.h>

using namespace sc;

TEST_CASE("parse_ini") {
  SUBCASE("gkeyfile: Ubuntu gdm3 custom.conf, comments only at line start") {
    auto f = parse_ini(
        "# GDM configuration storage\n[daemon]\n#  AutomaticLoginEnable = true\nAutomaticLogin = alice # not a "
        "comment\n",
        IniDialect::gkeyfile);
    REQUIRE(f.entries.size() == 1);
    CHECK(f.entries[0].section == "daemon");
    CHECK(f.entries[0].key == "AutomaticLogin");
    CHECK(f.entries[0].value == "alice # not a comment");
    CHECK(f.entries[0].line == 4);
  }
  SUBCASE("sddm: '#' starts a comment anywhere") {
    auto f = parse_ini("[Autologin]\nUser= # alice\nSession=plasma#x\n", IniDialect::sddm);
    REQUIRE(f.entries.size() == 2);
    CHECK(f.entries[0].value.empty());
    CHECK(f.entries[1].value == "plasma");
  }
  SUBCASE("systemd: ';' comments, continuation, repeated keys") {
    auto f = parse_ini("[Service]\n; comment\nExecStart=\nExecStart=-/sbin/agetty \\\n  --autologin bob %I\n",
                       IniDialect::systemd);
    REQUIRE(f.entries.size() == 2);
    CHECK(f.entries[0].value.empty());
    CHECK(f.entries[1].value.find("--autologin bob") != std::string::npos);
  }
  SUBCASE("malformed lines are counted") {
    auto f = parse_ini("key=before group\n[ok]\njust words\n", IniDialect::gkeyfile);
    CHECK(f.malformed == 2);
    CHECK(f.entries.empty());
  }
  SUBCASE("any bytes") {
    std::string junk;
    for (int i = 0; i < 20000; ++i) junk.push_back(static_cast<char>((i * 7919) & 0xff));
    for (auto d : {IniDialect::gkeyfile, IniDialect::sddm, IniDialect::systemd}) {
      auto f = parse_ini(junk, d);
      CHECK(f.entries.size() < 20000);
    }
    CHECK(parse_ini("[a]\nk=\\", IniDialect::systemd).malformed == 1);
  }
}

TEST_CASE("IniSettings") {
  IniSettings s;
  s.apply(parse_ini("[SeatDefaults]\nautologin-user=alice\n", IniDialect::gkeyfile),
          "/usr/share/lightdm/lightdm.conf.d/50.conf", {{"SeatDefaults", "Seat:*"}});
  s.apply(parse_ini("[Seat:*]\nautologin-user=\n", IniDialect::gkeyfile), "/etc/lightdm/lightdm.conf");
  const auto* v = s.get("Seat:*", "autologin-user");
  REQUIRE(v);
  CHECK(v->value.empty());
  CHECK(v->file == "/etc/lightdm/lightdm.conf");
  CHECK_FALSE(s.get("SeatDefaults", "autologin-user"));
}

TEST_CASE("parse_ini: systemd continuation with an empty key (fuzz regression)") {
  // "=value \" joined over lines gave an entry with an empty key; on one line
  // the same text is malformed.
  auto f = parse_ini("[Service]\n=ExecStart=/bin/true \\\n  --flag\nUser=root\n", IniDialect::systemd);
  REQUIRE(f.entries.size() == 1);
  CHECK(f.entries[0].key == "User");
  CHECK(f.malformed == 1);
  CHECK(parse_ini("[Service]\n=x\n", IniDialect::systemd).malformed == 1);
}
