// Markdown and HTML renderings of single-machine sections (placeholder).
#include "agent/errors.hpp"
#include "agent/report.hpp"

namespace sc {

std::string render_markdown(const std::vector<Document>&, Lang) { throw UsageError("markdown: not yet supported"); }
std::string render_html(const std::vector<Document>&, Lang) { throw UsageError("html: not yet supported"); }

}  // namespace sc
