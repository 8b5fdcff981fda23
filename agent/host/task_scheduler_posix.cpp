// The Linux build has no Task Scheduler: its weekly scan is the package's
// systemd timer (or cron entry). See agent/core/task_scheduler.hpp.
#include "agent/core/task_scheduler.hpp"

namespace sc {

namespace {
[[noreturn]] void none() {
  throw TaskSchedulerError(
      "the Windows Task Scheduler exists only on Windows; on Linux the weekly scan is the package's "
      "selfcheck.timer (systemctl list-timers selfcheck.timer) or /etc/cron.d/selfcheck");
}
}  // namespace

void register_task(std::string_view, std::string_view, const std::string&) { none(); }
bool delete_task(std::string_view, std::string_view) { none(); }
std::optional<std::string> registered_task_xml(std::string_view, std::string_view) { none(); }

bool task_scheduler_available() { return false; }

std::string default_task_program() { return "C:\\Program Files\\selfcheck\\selfcheck.exe"; }

}  // namespace sc
