// Shared pieces of the Markdown and HTML renderings (report and summary):
// escaping, the A4 print style, status colours and the inline SVG item chart.
#pragma once
#include <array>
#include <string>
#include <string_view>

#include "agent/core/finding.hpp"

namespace sc {

// & < > " ' as character references: text and attribute values of HTML and
// of XML alike (the Task Scheduler definition uses it too).
std::string html_escape(std::string_view s);
// A Markdown table cell or inline text: '|', '\\', '*', '_', '`', '<' escaped, line breaks as spaces.
std::string md_escape(std::string_view s);
// One self-contained page: <meta charset="utf-8">, inline CSS for screen and
// A4 print, no scripts, no external assets.
std::string html_page(std::string_view title, Lang lang, std::string_view body);
// CSS class of a status: pass warn fail unknown na; "unchecked" for not checked.
std::string_view status_class(Status s);

// Counts per column of a stacked bar: pass, warn, fail, unknown, n/a, not checked.
using StatusCounts = std::array<std::size_t, 6>;
// Short words for those columns (符合 / 不符合 ...; pass / fail ...).
const std::array<std::string, 6>& status_short_words(Lang lang);
// An inline SVG: one stacked horizontal bar with its legend and counts.
std::string status_chart_svg(const StatusCounts& counts, Lang lang);

// Width of UTF-8 text on a terminal (CJK and full-width forms count 2).
std::size_t display_width(std::string_view s);

}  // namespace sc
