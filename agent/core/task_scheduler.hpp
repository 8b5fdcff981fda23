// Seam to the Windows Task Scheduler (Task Scheduler 2.0 COM API) for
// `selfcheck schedule`: the Windows build registers, deletes and reads tasks
// (agent/host/task_scheduler_win32.cpp); the Linux build has no such thing
// (its schedule is the package's systemd timer or cron entry) and every call
// throws TaskSchedulerError (agent/host/task_scheduler_posix.cpp).
#pragma once
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace sc {

struct TaskSchedulerError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Registers (creates or replaces) task `folder`\`name` from its XML
// definition, creating the folder when missing. Throws TaskSchedulerError
// with the Task Scheduler's reason (access denied, bad XML, ...).
void register_task(std::string_view folder, std::string_view name, const std::string& xml);

// Deletes the task, and the folder when it is left empty. Returns false when
// the task was not registered. Throws TaskSchedulerError on other failures.
bool delete_task(std::string_view folder, std::string_view name);

// The registered task's XML as the Task Scheduler keeps it (UTF-8), or
// nullopt when the task is not registered. Throws TaskSchedulerError.
std::optional<std::string> registered_task_xml(std::string_view folder, std::string_view name);

// Whether this build can register tasks (the Windows build).
bool task_scheduler_available();

// The program the task runs, as UTF-8: the running selfcheck.exe's full path
// (GetModuleFileNameW) in the Windows build; in the Linux build, where the XML
// is only shown, the MSI's `C:\Program Files\selfcheck\selfcheck.exe`.
std::string default_task_program();

}  // namespace sc
