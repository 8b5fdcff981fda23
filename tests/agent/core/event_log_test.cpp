// Tests for agent/core/event_log (channel names, the filter, one event's XML)
// and the libevtx backend (agent/host/event_log_evtx.cpp) on the System log
// of a real Windows 10 machine, on missing and corrupt logs.
#include "agent/core/event_log.hpp"

#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

#include "agent/core/host.hpp"
#include "agent/host/readers.hpp"
#include "support/windows_samples.hpp"

using namespace sc;
namespace fs = std::filesystem;

TEST_CASE("channel_file_name") {
  CHECK(channel_file_name("System") == "System.evtx");
  CHECK(channel_file_name("Microsoft-Windows-Partition/Diagnostic") == "Microsoft-Windows-Partition%4Diagnostic.evtx");
  CHECK(channel_file_name("..").empty());
  CHECK(channel_file_name("a\\b").empty());
  CHECK(channel_file_name("").empty());
}

TEST_CASE("event_matches") {
  EventQuery q{.providers = {"Microsoft-Windows-WindowsUpdateClient"}, .ids = {19, 20}};
  CHECK(event_matches(q, "microsoft-windows-windowsupdateclient", 19));
  CHECK_FALSE(event_matches(q, "Microsoft-Windows-WindowsUpdateClient", 43));
  CHECK_FALSE(event_matches(q, "EventLog", 19));
  CHECK(event_matches(EventQuery{}, "anything", 7));
}

TEST_CASE("parse_event_xml") {
  SUBCASE("EventData with names") {
    auto e = parse_event_xml(R"(<Event xmlns="http://schemas.microsoft.com/win/2004/08/events/event">
  <System><Provider Name="Microsoft-Windows-WindowsUpdateClient" Guid="{945A}"/><EventID>19</EventID>
  <Level>4</Level><TimeCreated SystemTime="2017-07-20T08:35:29.509535600Z"/><EventRecordID>385</EventRecordID></System>
  <EventData><Data Name="updateTitle">Update for Windows (KB890830) &amp; more</Data><Data Name="updateRevisionNumber">203</Data></EventData>
</Event>)");
    REQUIRE(e);
    CHECK(e->provider == "Microsoft-Windows-WindowsUpdateClient");
    CHECK(e->event_id == 19u);
    CHECK(e->record_id == 385u);
    CHECK(e->level == 4);
    CHECK(Zone().iso(*e->time) == "2017-07-20T08:35:29+00:00");
    REQUIRE(e->data.size() == 2u);
    CHECK(e->data[0] == std::pair<std::string, std::string>{"updateTitle", "Update for Windows (KB890830) & more"});
  }
  SUBCASE("unnamed Data by position, EventID with qualifiers") {
    auto e = parse_event_xml(
        R"(<Event><System><Provider Name="EventLog"/><EventID Qualifiers="32768">6009</EventID></System>)"
        R"(<EventData><Data>10.00.</Data><Data/><Data>15063</Data></EventData></Event>)");
    REQUIRE(e);
    CHECK(e->event_id == 6009u);
    REQUIRE(e->data.size() == 3u);
    CHECK(e->data[2] == std::pair<std::string, std::string>{"3", "15063"});
  }
  SUBCASE("UserData leaves") {
    auto e = parse_event_xml(
        R"(<Event><System><EventID>20001</EventID></System><UserData><InstallDeviceID xmlns="x">)"
        R"(<DriverName>usbstor.inf</DriverName><DeviceInstanceID>USB\VID_0781&amp;PID_5567\4C53</DeviceInstanceID>)"
        R"(</InstallDeviceID></UserData></Event>)");
    REQUIRE(e);
    REQUIRE(e->data.size() == 2u);
    CHECK(e->data[1] == std::pair<std::string, std::string>{"DeviceInstanceID", "USB\\VID_0781&PID_5567\\4C53"});
  }
  SUBCASE("refused") {
    CHECK_FALSE(parse_event_xml(""));
    CHECK_FALSE(parse_event_xml("<Event><System>"));
    CHECK_FALSE(parse_event_xml("<NotAnEvent/>"));
    std::string deep;
    for (int i = 0; i < 100000; ++i) deep += "<a>";
    CHECK_FALSE(parse_event_xml("<Event>" + deep));
    std::string quoted = "<Event x=\"";
    for (int i = 0; i < 1000; ++i) quoted += "</a>";
    CHECK_FALSE(parse_event_xml(quoted + "\">" + deep + "</Event>"));
  }
}

TEST_CASE("make_event_log on a real System log") {
  test::SampleRoot root("evtx");
  REQUIRE(root.add("system.evtx", "Windows/System32/winevt/Logs/System.evtx"));
  Host host({.root = root.path()});
  auto log = make_event_log(host);

  SUBCASE("every record") {
    auto r = log->query("System", EventQuery{.max_records = 100000});
    INFO("error: " << r.error);
    CHECK(r.ok());
    CHECK(r.scanned == 1881u);
    REQUIRE(r.records.size() == 1881u);  // front() below
    CHECK(r.source == "Windows/System32/winevt/Logs/System.evtx");
    CHECK(r.records.front().provider == "EventLog");
    CHECK(r.records.front().event_id == 6009u);
    CHECK(Zone().iso(*r.records.front().time) == "2017-07-12T17:16:28+00:00");
  }
  SUBCASE("WindowsUpdateClient 19 (installed)") {
    auto r = log->query("System", EventQuery{.providers = {"Microsoft-Windows-WindowsUpdateClient"}, .ids = {19}});
    CHECK(r.ok());
    CHECK(r.records.size() == 116u);
    const auto& e = r.records.front();
    CHECK(e.event_id == 19u);
    REQUIRE(e.field("updateTitle"));
    CHECK(e.field("updateTitle")->find("KB") != std::string::npos);
    CHECK(e.level == 4);
  }
  SUBCASE("bounded: the newest kept") {
    auto all = log->query("System", EventQuery{.ids = {19}});
    auto r = log->query("System", EventQuery{.ids = {19}, .max_records = 10});
    CHECK(r.truncated);
    REQUIRE(r.records.size() == 10u);
    CHECK(r.records.back().record_id == all.records.back().record_id);
  }
  SUBCASE("since") {
    auto all = log->query("System", EventQuery{.ids = {19}});
    Time mid = *all.records[58].time;
    auto r = log->query("System", EventQuery{.ids = {19}, .since = mid});
    CHECK(r.records.size() < all.records.size());
    for (const auto& e : r.records) CHECK(*e.time >= mid);
  }
  SUBCASE("a missing channel is missing, not no events") {
    auto r = log->query("Microsoft-Windows-Partition/Diagnostic", EventQuery{});
    CHECK(r.missing);
    CHECK_FALSE(r.ok());
    CHECK(r.error ==
          "the Microsoft-Windows-Partition/Diagnostic event log is missing: "
          "Windows/System32/winevt/Logs/Microsoft-Windows-Partition%4Diagnostic.evtx");
  }
}

TEST_CASE("make_event_log on broken logs") {
  test::SampleRoot root("evtxbad");
  fs::create_directories(root.path() / "Windows/System32/winevt/Logs");
  std::ofstream(root.path() / "Windows/System32/winevt/Logs/Application.evtx") << "ElfFile\0 but nothing else";
  Host host({.root = root.path()});
  auto r = make_event_log(host)->query("Application", EventQuery{});
  CHECK_FALSE(r.missing);
  CHECK(r.error.find("the Application event log is unreadable or not an .evtx file") == 0);
}

TEST_CASE("read_evtx_bytes") {
  test::SampleRoot root("evtxmem");
  REQUIRE(root.add("system.evtx", "system.evtx"));
  std::ifstream in(root.path() / "system.evtx", std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  std::string bytes = ss.str();
  SUBCASE("whole") { CHECK(read_evtx_bytes(bytes, EventQuery{.ids = {19}}).records.size() == 116u); }
  SUBCASE("truncated prefixes and flipped bytes never crash") {
    for (std::size_t cut : {0u, 100u, 4096u, 4096u + 512u, 70000u, 200000u}) {
      auto r = read_evtx_bytes(std::string_view(bytes).substr(0, cut), EventQuery{});
      CHECK((r.ok() || !r.error.empty()));
    }
    std::string flipped = bytes;
    for (std::size_t i = 4096; i < flipped.size(); i += 977) flipped[i] = static_cast<char>(flipped[i] ^ 0x5A);
    auto r = read_evtx_bytes(flipped, EventQuery{});
    CHECK(r.records.size() <= 1881u);
  }
}
