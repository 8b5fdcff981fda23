// Escaping, page style and the per-item SVG chart shared by the renderers.
#include "agent/html.hpp"

#include <fmt/format.h>

namespace sc {

std::string html_escape(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 16);
  for (char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string md_escape(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 8);
  for (char c : s) {
    switch (c) {
      case '|':
      case '\\':
      case '*':
      case '_':
      case '`':
      case '[':
      case ']':
      case '#':
        out += '\\';
        out += c;
        break;
      case '<':
        out += "&lt;";
        break;
      case '\n':
      case '\r':
        out += ' ';
        break;
      default:
        out += c;
    }
  }
  return out;
}

// The status's own name (finding.cpp), but "na" for not_applicable.
std::string_view status_class(Status s) { return s == Status::not_applicable ? "na" : to_string(s); }

const std::array<std::string, 6>& status_short_words(Lang lang) {
  static const std::array<std::string, 6> zh{"符合", "风险", "不符合", "未确定", "不适用", "未检查"};
  static const std::array<std::string, 6> en{"pass", "warn", "FAIL", "unknown", "n/a", "not checked"};
  return lang == Lang::zh ? zh : en;
}

static const std::array<const char*, 6> kColours{"#2e7d32", "#f9a825", "#c62828", "#757575", "#bdbdbd", "#e8e8e8"};

std::string status_chart_svg(const StatusCounts& counts, Lang lang) {
  std::size_t total = 0;
  for (auto c : counts) total += c;
  const double width = 320, bar = 18;
  std::string svg = fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{0}\" height=\"58\" viewBox=\"0 0 {0} 58\" role=\"img\">",
      width);
  double x = 0;
  for (std::size_t i = 0; i < counts.size(); ++i) {
    if (!counts[i] || !total) continue;
    double w = width * static_cast<double>(counts[i]) / static_cast<double>(total);
    svg +=
        fmt::format("<rect x=\"{:.1f}\" y=\"0\" width=\"{:.1f}\" height=\"{}\" fill=\"{}\"/>", x, w, bar, kColours[i]);
    x += w;
  }
  if (!total) svg += fmt::format("<rect x=\"0\" y=\"0\" width=\"{}\" height=\"{}\" fill=\"#e8e8e8\"/>", width, bar);
  // Legend: two rows of three.
  const auto& words = status_short_words(lang);
  for (std::size_t i = 0; i < counts.size(); ++i) {
    double lx = static_cast<double>(i % 3) * (width / 3);
    double ly = 30 + static_cast<double>(i / 3) * 15;
    svg += fmt::format(
        "<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"9\" height=\"9\" fill=\"{}\" stroke=\"#999\" stroke-width=\"0.5\"/>",
        lx, ly, kColours[i]);
    svg += fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\" font-size=\"10\">{} {}</text>", lx + 13, ly + 8.5,
                       html_escape(words[i]), counts[i]);
  }
  svg += "</svg>";
  return svg;
}

std::string html_page(std::string_view title, Lang lang, std::string_view body) {
  static const char* css = R"(
@page { size: A4; margin: 14mm 12mm; }
body { font-family: "Noto Sans CJK SC", "Noto Serif CJK SC", "Source Han Sans SC", "Microsoft YaHei", "SimSun", sans-serif;
       font-size: 10.5pt; line-height: 1.5; color: #111; max-width: 186mm; margin: 0 auto; padding: 8mm 0; }
h1 { font-size: 16pt; text-align: center; margin: 0 0 4mm; }
h2 { font-size: 12.5pt; margin: 6mm 0 2mm; border-bottom: 1px solid #999; }
h3 { font-size: 11pt; margin: 4mm 0 1mm; }
p { margin: 1.5mm 0; }
.meta { color: #444; font-size: 9.5pt; text-align: center; }
table { border-collapse: collapse; width: 100%; font-size: 8.5pt; }
th, td { border: 1px solid #888; padding: 1px 4px; text-align: left; vertical-align: top; }
th { background: #eee; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
td.pass { color: #2e7d32; } td.warn { color: #8d6e00; font-weight: bold; } td.fail { color: #c62828; font-weight: bold; }
td.unknown { color: #555; font-style: italic; } td.na, td.unchecked { color: #999; }
.charts { display: flex; flex-wrap: wrap; gap: 3mm 6mm; }
.chart { break-inside: avoid; page-break-inside: avoid; width: 88mm; }
.chart h3 { font-size: 9.5pt; margin: 0 0 1mm; }
ol { margin: 1mm 0; padding-left: 7mm; }
li { break-inside: avoid; page-break-inside: avoid; }
.verdict { font-weight: bold; font-size: 11.5pt; margin-top: 5mm; }
.verdict.fail { color: #c62828; } .verdict.pass { color: #2e7d32; }
.flag { color: #c62828; font-size: 8pt; }
.bad { color: #c62828; }
section.machine { break-before: page; page-break-before: always; }
section.machine:first-of-type { break-before: auto; page-break-before: auto; }
)";
  return fmt::format(
      "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n<style>{}</style>\n"
      "</head>\n<body>\n{}</body>\n</html>\n",
      lang == Lang::zh ? "zh-CN" : "en", html_escape(title), css, body);
}

std::size_t display_width(std::string_view s) {
  std::size_t w = 0;
  for (std::size_t i = 0; i < s.size();) {
    auto c = static_cast<unsigned char>(s[i]);
    char32_t cp = c;
    std::size_t n = 1;
    if (c >= 0xF0 && i + 3 < s.size()) {
      cp = ((c & 7u) << 18) | ((s[i + 1] & 0x3Fu) << 12) | ((s[i + 2] & 0x3Fu) << 6) | (s[i + 3] & 0x3Fu);
      n = 4;
    } else if (c >= 0xE0 && i + 2 < s.size()) {
      cp = ((c & 15u) << 12) | ((s[i + 1] & 0x3Fu) << 6) | (s[i + 2] & 0x3Fu);
      n = 3;
    } else if (c >= 0xC0 && i + 1 < s.size()) {
      cp = ((c & 31u) << 6) | (s[i + 1] & 0x3Fu);
      n = 2;
    }
    bool wide = (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) || (cp >= 0xAC00 && cp <= 0xD7A3) ||
                (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
                (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x20000 && cp <= 0x3FFFD);
    w += wide ? 2 : 1;
    i += n;
  }
  return w;
}

}  // namespace sc
