// The report section (REPORT.md): the five items, their statuses, problems
// found, rectification measures and the verdict, for one machine. The item
// model here is shared by every renderer (text, markdown, html, summary).
#pragma once
#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "agent/core/finding.hpp"
#include "agent/document.hpp"

namespace sc {

// The sections, in report order: antivirus, boot, usb, network, patch.
const std::array<std::string_view, 5>& report_sections();
// "一、防病毒软件安装与升级" / "1. Antivirus installation and updates" heading words.
std::string item_heading(std::size_t index, Lang lang);  // without the numeral
std::string item_numeral(std::size_t index, Lang lang);  // "一" / "1"
// 符合要求 / 不符合要求 / 存在风险 / 无法确定 / 不适用 ; passed / not passed / ...
std::string status_words(Status s, Lang lang);
std::string classification_words(std::string_view classification, Lang lang);

struct ReportItem {
  std::string_view section;
  bool checked = false;                    // false: no finding of this section in the file (--only)
  Status status = Status::not_applicable;  // the worst finding
  std::vector<const Finding*> findings;
};
std::array<ReportItem, 5> report_items(const Document& doc);

// Problems: the fail and warn findings, in item order.
std::vector<const Finding*> problems(const Document& doc);

// 合格 / 合格(2 项无法确定) / 不合格(3 个问题); passed / ... in English.
std::string verdict_words(const Document& doc, Lang lang);

// "Integrity: ok (sha256 and HMAC)" / "文件校验:被篡改 …" when `report`
// verified the file (doc.integrity_words set), else "".
std::string integrity_line(const Document& doc, Lang lang);

// The section as plain text (scan --format text, report --format text).
std::string render_text(const Document& doc, Lang lang);
// The same section as Markdown and as one self-contained HTML page.
std::string render_markdown(const std::vector<Document>& docs, Lang lang);
std::string render_html(const std::vector<Document>& docs, Lang lang);

}  // namespace sc
