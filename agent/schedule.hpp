// The weekly Friday scan as a Windows Task Scheduler task (`\selfcheck\weekly`,
// WINDOWS.md "Paths on Windows"): its definition is built here as Task
// Scheduler XML by a pure function, so the Linux build tests it and
// `selfcheck schedule show --xml` prints exactly what `install` registers.
#pragma once
#include <string>
#include <string_view>

namespace sc {

inline constexpr std::string_view kTaskFolder = "\\selfcheck";
inline constexpr std::string_view kTaskName = "weekly";

// The task definition (UTF-8 text of a Task Scheduler 1.2 XML document) that
// runs `"<exe>" scan --collect` every Friday at 16:00 local time as SYSTEM
// (S-1-5-18), starts as soon as possible after a missed start, and is stopped
// after 30 minutes. `exe` is the program's full path; it is XML-escaped.
std::string weekly_task_xml(std::string_view exe);

}  // namespace sc
