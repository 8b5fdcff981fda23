// `selfcheck report FILE...`: render findings files as the report section.
#include <fmt/format.h>

#include <fstream>
#include <ostream>
#include <sstream>

#include "agent/cli_options.hpp"
#include "agent/commands.hpp"
#include "agent/core/errors.hpp"
#include "agent/report.hpp"

namespace sc {

int cmd_report(const Args& args, std::ostream& out, std::ostream& err) {
  po::options_description desc("selfcheck report options");
  desc.add_options()("help,h", "this help")("format", po::value<std::string>(),
                                            "text | markdown | html (default text)")(
      "lang", po::value<std::string>(), "zh | en (default from LANG)")("file", po::value<std::vector<std::string>>(),
                                                                       "findings files");
  po::positional_options_description pos;
  pos.add("file", -1);
  auto vm = parse_options("report", args, desc, &pos);
  if (vm.count("help")) {
    out << "Usage: selfcheck report FILE... [options]\n" << desc;
    return 0;
  }
  if (!vm.count("file")) throw UsageError("report: name at least one findings file");
  Lang lang = lang_option(vm);
  std::string format = format_option(vm, {"text", "markdown", "html"}, "text");

  std::vector<Document> docs;
  int code = 0;
  for (const auto& file : vm["file"].as<std::vector<std::string>>()) {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
      err << fmt::format("selfcheck report: cannot read {}\n", file);
      code = 3;
      continue;
    }
    std::ostringstream ss;
    ss << in.rdbuf();
    try {
      docs.push_back(read_document(ss.str()));
    } catch (const DocumentError& e) {
      err << fmt::format("selfcheck report: {}: {}\n", file, e.what());
      code = 3;
    }
  }
  if (docs.empty()) return 3;
  if (format == "text") {
    for (std::size_t i = 0; i < docs.size(); ++i) out << (i ? "\n" : "") << render_text(docs[i], lang);
  } else if (format == "markdown") {
    out << render_markdown(docs, lang);
  } else {
    out << render_html(docs, lang);
  }
  out.flush();
  if (!out) return 3;
  return code;
}

}  // namespace sc
