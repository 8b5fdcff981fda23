// Tests for agent/schedule (the Friday task's Task Scheduler XML) and the
// `selfcheck schedule` command's platform-independent behaviour. The XML is
// read back with expat, as a consumer would: well-formed, and the elements
// the Task Scheduler schema needs are where it needs them.
#include "agent/schedule.hpp"

#include <doctest/doctest.h>
#include <expat.h>

#include <map>
#include <sstream>
#include <vector>

#include "agent/cli.hpp"
#include "agent/core/task_scheduler.hpp"
#include "agent/html.hpp"

using namespace sc;

namespace {

// Element path ("Task/Settings/StartWhenAvailable") -> its text, for every
// element; "" when the XML is not well-formed.
struct Parsed {
  bool ok = false;
  std::map<std::string, std::string> text;
  std::vector<std::string> paths;
};

Parsed parse(const std::string& xml) {
  struct State {
    std::vector<std::string> stack;
    Parsed p;
  } st;
  XML_Parser x = XML_ParserCreateNS(nullptr, '|');
  XML_SetUserData(x, &st);
  XML_SetElementHandler(
      x,
      [](void* u, const XML_Char* name, const XML_Char**) {
        auto* s = static_cast<State*>(u);
        std::string n = name;
        auto bar = n.find('|');
        if (bar != std::string::npos) n = n.substr(bar + 1);
        s->stack.push_back(s->stack.empty() ? n : s->stack.back() + "/" + n);
        s->p.paths.push_back(s->stack.back());
      },
      [](void* u, const XML_Char*) { static_cast<State*>(u)->stack.pop_back(); });
  XML_SetCharacterDataHandler(x, [](void* u, const XML_Char* s, int len) {
    auto* st = static_cast<State*>(u);
    if (!st->stack.empty()) st->p.text[st->stack.back()].append(s, static_cast<std::size_t>(len));
  });
  st.p.ok = XML_Parse(x, xml.data(), static_cast<int>(xml.size()), 1) == XML_STATUS_OK;
  XML_ParserFree(x);
  return st.p;
}

bool has(const Parsed& p, const std::string& path) {
  for (const auto& q : p.paths)
    if (q == path) return true;
  return false;
}

}  // namespace

TEST_CASE("html_escape in the task XML") {
  // One escaping serves HTML and XML: &#39; is a character reference in both.
  CHECK(html_escape("a&b<c>\"d'") == "a&amp;b&lt;c&gt;&quot;d&#39;");
  CHECK(html_escape("C:\\Program Files\\自查\\selfcheck.exe") == "C:\\Program Files\\自查\\selfcheck.exe");
  auto p = parse(weekly_task_xml("C:\\it's & <odd>\\selfcheck.exe"));
  REQUIRE(p.ok);
  CHECK(p.text["Task/Actions/Exec/Command"] == "\"C:\\it's & <odd>\\selfcheck.exe\"");
}

TEST_CASE("weekly_task_xml") {
  SUBCASE("the Friday trigger, SYSTEM, StartWhenAvailable, 30 minutes") {
    auto p = parse(weekly_task_xml("C:\\Program Files\\selfcheck\\selfcheck.exe"));
    REQUIRE(p.ok);
    const std::string t = "Task/Triggers/CalendarTrigger/";
    CHECK(p.text[t + "StartBoundary"].substr(10) == "T16:00:00");
    CHECK(p.text[t + "ScheduleByWeek/WeeksInterval"] == "1");
    CHECK(has(p, t + "ScheduleByWeek/DaysOfWeek/Friday"));
    int days = 0;
    for (const auto& q : p.paths)
      if (q.rfind(t + "ScheduleByWeek/DaysOfWeek/", 0) == 0) ++days;
    CHECK(days == 1);
    CHECK(p.text["Task/Principals/Principal/UserId"] == "S-1-5-18");
    CHECK(p.text["Task/Settings/StartWhenAvailable"] == "true");
    CHECK(p.text["Task/Settings/ExecutionTimeLimit"] == "PT30M");
    CHECK(p.text["Task/RegistrationInfo/URI"] == "\\selfcheck\\weekly");
    CHECK(p.text["Task/Actions/Exec/Command"] == "\"C:\\Program Files\\selfcheck\\selfcheck.exe\"");
    CHECK(p.text["Task/Actions/Exec/Arguments"] == "scan --collect");
  }
  SUBCASE("the 2026-01-02 start boundary is a Friday") {
    // Zeller-free check: 2026-01-01 was a Thursday.
    auto p = parse(weekly_task_xml("x.exe"));
    CHECK(p.text["Task/Triggers/CalendarTrigger/StartBoundary"] == "2026-01-02T16:00:00");
  }
  SUBCASE("a path with markup characters stays one well-formed Command") {
    auto p = parse(weekly_task_xml("D:\\a&b <c>\\自查.exe"));
    REQUIRE(p.ok);
    CHECK(p.text["Task/Actions/Exec/Command"] == "\"D:\\a&b <c>\\自查.exe\"");
  }
}

TEST_CASE("cmd_schedule") {
  auto run = [](std::vector<std::string> args) {
    std::ostringstream out, err;
    int code = run_cli(args, out, err);
    return std::tuple{code, out.str(), err.str()};
  };
  SUBCASE("show --xml prints the definition for --program") {
    auto [code, out, err] = run({"schedule", "show", "--xml", "--program", "E:\\selfcheck.exe"});
    CHECK(code == 0);
    CHECK(out == weekly_task_xml("E:\\selfcheck.exe"));
  }
  SUBCASE("show --xml without --program names a selfcheck program") {
    auto [code, out, err] = run({"schedule", "show", "--xml"});
    CHECK(code == 0);
    auto p = parse(out);
    CHECK(p.text["Task/Actions/Exec/Command"].find("selfcheck") != std::string::npos);
  }
  SUBCASE("usage errors") {
    CHECK(std::get<0>(run({"schedule"})) == 2);
    CHECK(std::get<0>(run({"schedule", "enable"})) == 2);
    CHECK(std::get<0>(run({"schedule", "install", "--xml"})) == 2);
  }
  if (!task_scheduler_available()) {
    SUBCASE("on Linux install and remove point at the timer and exit 2") {
      auto [code, out, err] = run({"schedule", "install"});
      CHECK(code == 2);
      CHECK(err.find("selfcheck.timer") != std::string::npos);
      CHECK(std::get<0>(run({"schedule", "remove"})) == 2);
    }
  }
}
