// One function per subcommand, each in its own agent/cmd_*.cpp. `args` are
// the words after the subcommand's name. They return the exit code and throw
// UsageError / ConfigError / OutputError for run_cli to map (2, 2, 3).
#pragma once
#include <iosfwd>
#include <string>
#include <vector>

namespace sc {

using Args = std::vector<std::string>;

int cmd_scan(const Args& args, std::ostream& out, std::ostream& err);
int cmd_report(const Args& args, std::ostream& out, std::ostream& err);
int cmd_summary(const Args& args, std::ostream& out, std::ostream& err);
int cmd_collect(const Args& args, std::ostream& out, std::ostream& err);
int cmd_verify(const Args& args, std::ostream& out, std::ostream& err);
int cmd_key(const Args& args, std::ostream& out, std::ostream& err);
int cmd_probes(const Args& args, std::ostream& out, std::ostream& err);
int cmd_rules(const Args& args, std::ostream& out, std::ostream& err);
int cmd_usb(const Args& args, std::ostream& out, std::ostream& err);
int cmd_schedule(const Args& args, std::ostream& out, std::ostream& err);

}  // namespace sc
