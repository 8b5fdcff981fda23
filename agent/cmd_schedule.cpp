// `selfcheck schedule install|remove|show [--xml]`: the weekly Friday scan as
// the Windows task `\selfcheck\weekly` (WINDOWS.md "Paths on Windows"),
// registered through the Task Scheduler COM API so that a copied
// selfcheck.exe works without the MSI (which calls `schedule install` after
// install and `schedule remove` before uninstall). On Linux the schedule is
// the package's selfcheck.timer / cron entry: install and remove say so and
// exit 2; `show` prints the timer; `show --xml` prints the Windows task
// definition on every platform.
#include <fmt/format.h>

#include <fstream>
#include <ostream>
#include <sstream>

#include "agent/cli_options.hpp"
#include "agent/commands.hpp"
#include "agent/core/errors.hpp"
#include "agent/core/task_scheduler.hpp"
#include "agent/schedule.hpp"

namespace sc {

namespace {

std::string task_path() { return fmt::format("{}\\{}", kTaskFolder, kTaskName); }

// Linux: the installed timer (or cron entry) of the package, if any.
int show_linux_schedule(std::ostream& out, std::ostream& err) {
  for (const char* f : {"/etc/systemd/system/selfcheck.timer", "/lib/systemd/system/selfcheck.timer",
                        "/usr/lib/systemd/system/selfcheck.timer", "/etc/cron.d/selfcheck"}) {
    std::ifstream in(f);
    if (!in) continue;
    std::ostringstream ss;
    ss << in.rdbuf();
    out << "# " << f << "\n" << ss.str();
    return 0;
  }
  err << "selfcheck: no selfcheck.timer or /etc/cron.d/selfcheck installed (the package installs them)\n";
  return 1;
}

}  // namespace

int cmd_schedule(const Args& args, std::ostream& out, std::ostream& err) {
  po::options_description desc("selfcheck schedule options");
  desc.add_options()("help,h", "this help")("action", po::value<std::string>(), "install | remove | show")(
      "xml", "show: print the task definition (Task Scheduler XML) instead of the registered task")(
      "program", po::value<std::string>(),
      "the selfcheck.exe the task runs (default: this program; on Linux the MSI's path)");
  po::positional_options_description pos;
  pos.add("action", 1);
  auto vm = parse_options("schedule", args, desc, &pos);
  if (vm.count("help")) {
    out << "Usage: selfcheck schedule install|remove|show [--xml] [--program EXE]\n"
           "The weekly scan (Fridays 16:00, as SYSTEM, `scan --collect`) as the Windows task "
        << task_path() << ".\n"
        << desc;
    return 0;
  }
  if (!vm.count("action")) throw UsageError("schedule: expected install, remove or show");
  std::string action = vm["action"].as<std::string>();
  if (action != "install" && action != "remove" && action != "show")
    throw UsageError(fmt::format("schedule: expected install, remove or show, found '{}'", action));
  if (vm.count("xml") && action != "show") throw UsageError("schedule: --xml goes with show");
  std::string program = vm.count("program") ? vm["program"].as<std::string>() : default_task_program();
  std::string xml = weekly_task_xml(program);

  if (action == "show" && vm.count("xml")) {
    out << xml;
    return 0;
  }
  if (!task_scheduler_available()) {
    if (action == "show") return show_linux_schedule(out, err);
    throw UsageError(fmt::format(
        "schedule {}: on Linux the weekly scan is the package's selfcheck.timer (or /etc/cron.d/selfcheck): "
        "`systemctl enable --now selfcheck.timer` / `systemctl disable selfcheck.timer`",
        action));
  }
  try {
    if (action == "install") {
      register_task(kTaskFolder, kTaskName, xml);
      err << fmt::format("selfcheck: task {} registered: Fridays 16:00 as SYSTEM, \"{}\" scan --collect\n", task_path(),
                         program);
      return 0;
    }
    if (action == "remove") {
      bool was = delete_task(kTaskFolder, kTaskName);
      err << fmt::format("selfcheck: task {} {}\n", task_path(), was ? "removed" : "was not registered");
      return 0;
    }
    auto registered = registered_task_xml(kTaskFolder, kTaskName);
    if (!registered) {
      err << fmt::format("selfcheck: task {} is not registered (`selfcheck schedule install` registers it)\n",
                         task_path());
      return 1;
    }
    out << *registered;
    if (!registered->empty() && registered->back() != '\n') out << "\n";
    return 0;
  } catch (const TaskSchedulerError& e) {
    // Not registered/removed: like an output that was not written.
    throw OutputError(fmt::format("schedule {}: {} (run as an administrator)", action, e.what()));
  }
}

}  // namespace sc
