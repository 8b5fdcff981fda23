// Tests for the usb probe's judgement (checks/usb/usb.cpp) on facts built by
// hand: what the facts cannot vouch for never passes.
#include <doctest/doctest.h>

#include <algorithm>

#include "agent/core/config.hpp"
#include "agent/core/rules.hpp"
#include "checks/usb/usb.hpp"

using namespace sc;

namespace {

Time at(const char* s) { return *parse_time(s, Zone()); }

UsbSeen stick(std::string pid, std::string serial) {
  UsbSeen d;
  d.vid = "0781";
  d.pid = std::move(pid);
  d.serial = std::move(serial);
  d.vendor = "SanDisk";
  d.drivers = {"usb-storage"};
  d.kind = UsbKind::storage;
  d.first_seen = d.last_seen = at("2026-11-18T10:15:02+08:00");
  d.connections = 1;
  d.sources = {"/var/log/syslog"};
  return d;
}

UsbFacts facts_with(std::vector<UsbSeen> devices) {
  UsbFacts f;
  f.devices = std::move(devices);
  f.sources_read = {"/var/log/syslog"};
  f.any_source = true;
  return f;
}

Config approved_cruzer() {
  Config c;
  UsbEntry e;
  e.vid = "0781";
  e.pid = "5567";
  e.serial = "4C530001230822117223";
  c.approved.push_back(e);
  return c;
}

struct Judged {
  std::vector<Finding> f;
  const Finding& operator[](std::string_view id) const {
    auto it = std::find_if(f.begin(), f.end(), [&](const Finding& x) { return x.id == id; });
    REQUIRE(it != f.end());
    return *it;
  }
};

Judged judge(const UsbFacts& facts, const Config& config = approved_cruzer()) {
  static const Rules rules = Rules::load({SELFCHECK_SOURCE_RULES_DIR});
  return Judged{judge_usb_facts(facts, rules, config, Zone())};
}

}  // namespace

TEST_CASE("judge_usb_facts") {
  SUBCASE("issue 13.1: a kernel log that exists but cannot be read is unknown, never a pass") {
    UsbFacts f = facts_with({});
    f.unreadable.push_back({"/var/log/kern.log", "no permission to read /var/log/kern.log: run as root"});
    Judged j = judge(f);
    for (const char* id : {"usb.storage_history", "usb.unapproved_storage", "usb.phone_connected"}) {
      CAPTURE(id);
      CHECK(j[id].status == Status::unknown);
      CHECK(j[id].detail.en.find("/var/log/kern.log") != std::string::npos);
    }
  }
  SUBCASE("unreadable history does not hide what was found") {
    UsbFacts f = facts_with({stick("5583", "4C531001550917108394")});
    f.unreadable.push_back({"journal", "2 of 2 journal files cannot be read"});
    CHECK(judge(f)["usb.unapproved_storage"].status == Status::fail);
  }
  SUBCASE("issue 13.2: a conflict warns by itself") {
    UsbSeen a = stick("5567", "4C530001230822117223");  // the approved drive, forged onto another connection
    a.conflict = true;
    UsbFacts f = facts_with({a});
    f.conflicts.push_back({"port 1-2 device number 9", "0781:5583 serial X", "0781:5567 serial 4C530001230822117223",
                           at("2026-11-18T10:20:00+08:00"), "/var/log/syslog"});
    Judged j = judge(f);
    CHECK(j["usb.unapproved_storage"].status == Status::warn);
    CHECK(j["usb.unapproved_storage"].detail.en.find("second device identity") != std::string::npos);
  }
  SUBCASE("issue 13.2: the stick stays unregistered next to the forged approved identity") {
    UsbSeen real = stick("5583", "4C531001550917108394"), forged = stick("5567", "4C530001230822117223");
    real.conflict = forged.conflict = true;
    UsbFacts f = facts_with({real, forged});
    f.conflicts.push_back({"port 1-2 device number 9", "0781:5583 serial 4C531001550917108394",
                           "0781:5567 serial 4C530001230822117223", std::nullopt, "/var/log/syslog"});
    CHECK(judge(f)["usb.unapproved_storage"].status == Status::fail);
  }
  SUBCASE("issue 13.3: connections left out are said, and warn") {
    UsbFacts f = facts_with({stick("5567", "4C530001230822117223")});
    f.dropped_connections = 42;
    f.distinct_cap = 20000;
    Judged j = judge(f);
    CHECK(j["usb.unapproved_storage"].status == Status::warn);
    CHECK(j["usb.unapproved_storage"].detail.en.find("42 further connections were left out") != std::string::npos);
    CHECK(std::get<std::int64_t>(j["usb.storage_history"].evidence.at("left_out_connections")) == 42);
  }
  SUBCASE("issue 14: storage activity without an identity warns") {
    UsbFacts f = facts_with({});
    f.anonymous_storage = 1;
    f.anonymous_storage_evidence = {"port 3-3 2010-03-02T10:11:12+08:00 /var/log/messages"};
    CHECK(judge(f)["usb.unapproved_storage"].status == Status::warn);
  }
  SUBCASE("all clear passes") {
    Judged j = judge(facts_with({stick("5567", "4C530001230822117223")}));
    CHECK(j["usb.unapproved_storage"].status == Status::pass);
    CHECK(j["usb.storage_history"].status == Status::pass);
  }
  SUBCASE("serials: exact on Linux, case-insensitive where the gatherer says so") {
    UsbSeen lower = stick("5567", "4c530001230822117223");
    CHECK(judge(facts_with({lower}))["usb.unapproved_storage"].status == Status::fail);
    lower.serial_case_insensitive = true;  // a Windows instance id
    CHECK(judge(facts_with({lower}))["usb.unapproved_storage"].status == Status::pass);
  }
  SUBCASE("issue 14: one handset in two modes (same serial) is one phone") {
    UsbSeen mtp;
    mtp.vid = "18d1";
    mtp.pid = "4ee1";
    mtp.serial = "0A1B2C3D4E5F";
    mtp.connections = 1;
    UsbSeen adb = mtp;
    adb.pid = "4ee7";
    Judged j = judge(facts_with({mtp, adb}));
    CHECK(j["usb.phone_connected"].status == Status::warn);
    CHECK(std::get<std::int64_t>(j["usb.phone_connected"].evidence.at("count")) == 1);
  }
}

TEST_CASE("same_serial") {
  UsbSeen d;
  d.serial = "AbC123";
  CHECK(same_serial(d, "AbC123"));
  CHECK_FALSE(same_serial(d, "ABC123"));
  d.serial_case_insensitive = true;
  CHECK(same_serial(d, "ABC123"));
  CHECK_FALSE(same_serial(d, "ABC1234"));
}
