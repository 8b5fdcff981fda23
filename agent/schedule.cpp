// Task Scheduler XML for the weekly Friday scan (see schedule.hpp).
// Schema: Task Scheduler Schema elements, learn.microsoft.com/windows/win32/taskschd/
// ("ScheduleByWeek (calendarTriggerType) Element": CalendarTrigger/StartBoundary
// sets the time of day, ScheduleByWeek/WeeksInterval + DaysOfWeek/Friday;
// "Friday (daysOfWeekType) Element"), Principal/UserId S-1-5-18 = LocalSystem,
// Settings/StartWhenAvailable, Settings/ExecutionTimeLimit (xs:duration).
#include "agent/schedule.hpp"

#include <fmt/format.h>

#include "agent/html.hpp"

namespace sc {

std::string weekly_task_xml(std::string_view exe) {
  // Exec/Command is the program alone, quoted for "C:\Program Files\...";
  // Arguments the rest. StartBoundary has no zone: local time of the PC, like
  // the Linux timer's OnCalendar (2026-01-02 is a Friday). No encoding in the
  // declaration: RegisterTask gets the text as UTF-16, a file gets UTF-8.
  return fmt::format(
      R"(<?xml version="1.0"?>
<Task version="1.2" xmlns="http://schemas.microsoft.com/windows/2004/02/mit/task">
  <RegistrationInfo>
    <Author>selfcheck</Author>
    <Description>Weekly selfcheck scan, Fridays 16:00; copies the findings onto the inspection drive when it is plugged in.</Description>
    <URI>{folder}\{name}</URI>
  </RegistrationInfo>
  <Triggers>
    <CalendarTrigger>
      <StartBoundary>2026-01-02T16:00:00</StartBoundary>
      <Enabled>true</Enabled>
      <RandomDelay>PT10M</RandomDelay>
      <ScheduleByWeek>
        <WeeksInterval>1</WeeksInterval>
        <DaysOfWeek>
          <Friday />
        </DaysOfWeek>
      </ScheduleByWeek>
    </CalendarTrigger>
  </Triggers>
  <Principals>
    <Principal id="Author">
      <UserId>S-1-5-18</UserId>
      <RunLevel>HighestAvailable</RunLevel>
    </Principal>
  </Principals>
  <Settings>
    <MultipleInstancesPolicy>IgnoreNew</MultipleInstancesPolicy>
    <DisallowStartIfOnBatteries>false</DisallowStartIfOnBatteries>
    <StopIfGoingOnBatteries>false</StopIfGoingOnBatteries>
    <StartWhenAvailable>true</StartWhenAvailable>
    <RunOnlyIfNetworkAvailable>false</RunOnlyIfNetworkAvailable>
    <Enabled>true</Enabled>
    <ExecutionTimeLimit>PT30M</ExecutionTimeLimit>
    <Priority>7</Priority>
  </Settings>
  <Actions Context="Author">
    <Exec>
      <Command>"{exe}"</Command>
      <Arguments>scan --collect</Arguments>
    </Exec>
  </Actions>
</Task>
)",
      fmt::arg("folder", html_escape(kTaskFolder)), fmt::arg("name", html_escape(kTaskName)),
      fmt::arg("exe", html_escape(exe)));
}

}  // namespace sc
