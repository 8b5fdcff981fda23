// `selfcheck summary DIR|FILE... [--format text|markdown|html|json] [--lang]
// [--key FILE] [--output FILE]`: the unit section over many findings files.
// Exit 0 written, 2 usage, 3 not written.
#include <fmt/format.h>

#include <iostream>
#include <ostream>

#include "agent/cli_options.hpp"
#include "agent/commands.hpp"
#include "agent/core/errors.hpp"
#include "agent/core/host.hpp"
#include "agent/core/platform.hpp"
#include "agent/core/text.hpp"
#include "agent/integrity.hpp"
#include "agent/summary.hpp"

namespace sc {

int cmd_summary(const Args& args, std::ostream& out, std::ostream& err) {
  po::options_description desc("selfcheck summary options");
  desc.add_options()("help,h", "this help")("format", po::value<std::string>(),
                                            "text | markdown | html | json (default text)")(
      "lang", po::value<std::string>(), "zh | en (default from LANG)")(
      "key", po::value<std::string>(), "the unit key: files whose HMAC does not match are left out")(
      "output,o", po::value<std::string>(), "write here instead of standard output")(
      "jobs,j", po::value<unsigned>(), "reader threads (default: the number of CPUs)")(
      "input", po::value<std::vector<std::string>>(), "directories (the collection drive) or findings files");
  po::positional_options_description pos;
  pos.add("input", -1);
  auto vm = parse_options("summary", args, desc, &pos);
  if (vm.count("help")) {
    out << "Usage: selfcheck summary DIR|FILE... [options]\n" << desc;
    return 0;
  }
  if (!vm.count("input")) throw UsageError("summary: name the collection drive's directory or findings files");
  Lang lang = lang_option(vm);
  std::string format = format_option(vm, {"text", "markdown", "html", "json"}, "text");
  std::string key = unit_key(vm.count("key") ? std::optional<std::string>(vm["key"].as<std::string>()) : std::nullopt,
                             "summary", err);

  std::vector<SummaryFile> missing;
  // Listed, read and summarised in bounded memory, written as a stream (issue 20).
  auto files = summary_file_list(vm["input"].as<std::vector<std::string>>(), missing);
  if (files.count == 0 && missing.empty()) {
    err << "selfcheck summary: no findings files (*.yaml, *.json) found\n";
    return 3;
  }
  bool tty = &err == &std::cerr && stderr_is_terminal();
  Progress progress;
  if (tty && files.count >= 200)
    progress = [&err](std::size_t done, std::size_t total) {
      err << fmt::format("\rselfcheck summary: {}/{} files", done, total) << std::flush;
    };
  Summary s = summarize(files, key, vm.count("jobs") ? vm["jobs"].as<unsigned>() : 0, progress);
  if (progress) err << "\r\033[K" << std::flush;
  s.bad.insert(s.bad.begin(), missing.begin(), missing.end());
  for (const auto& b : s.bad)
    err << printable(fmt::format("selfcheck summary: left out {}: {}: {}\n", b.path, to_string(b.check), b.reason));

  // Findings files are the machines' to write: their control characters and
  // bidi overrides are shown escaped (JSON escapes its own). Pieces end at a
  // line end, so escaping them one by one is escaping the whole.
  auto produce = [&](const Host::Chunk& write) {
    render_summary(s, format, lang, [&](std::string_view piece) {
      if (format == "json")
        write(piece);
      else
        write(printable(piece));
    });
  };
  // Written, but with no usable file there is no unit section: exit 3.
  int code = s.machine_count == 0 ? 3 : 0;
  if (code) err << "selfcheck summary: no usable findings file\n";
  if (vm.count("output") && vm["output"].as<std::string>() != "-") {
    Host host({});
    host.write_file_atomic_stream(vm["output"].as<std::string>(), produce);  // OutputError → 3
    return code;
  }
  produce([&](std::string_view piece) { out << piece; });
  out.flush();
  return out ? code : 3;
}

}  // namespace sc
