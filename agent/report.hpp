// The report section (docs/report.md): the items of the probe table, their
// statuses, problems found, rectification measures and the verdict, for one
// machine. The item model here is shared by every renderer (text, markdown,
// html, summary).
#pragma once
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "agent/core/finding.hpp"
#include "agent/core/probe.hpp"
#include "agent/document.hpp"

namespace sc {

// One item of the report section, as the probe table describes it.
struct ItemSpec {
  std::string section;                  // the probe name: "antivirus"
  Text heading;                         // 防病毒软件安装与升级 / Antivirus installation and updates
  std::map<std::string, Text> phrases;  // the summary's wording per finding id
};
// The report's items in report order.
using Catalog = std::vector<ItemSpec>;
// The items of the given probes, in their order.
Catalog catalog_of(const std::vector<std::unique_ptr<Probe>>& probes);
// The items of the built-in probe table (builtin_probes()).
const Catalog& builtin_catalog();

// "一" … "九十九" / "1" … for the item at `index` (0-based).
std::string item_numeral(std::size_t index, Lang lang);
// "一、防病毒软件安装与升级" / "1. Antivirus installation and updates".
std::string numbered_heading(std::size_t index, const Text& heading, Lang lang);
// 符合要求 / 不符合要求 / 存在风险 / 无法确定 / 不适用 ; passed / not passed / ...
std::string status_words(Status s, Lang lang);
std::string classification_words(std::string_view classification, Lang lang);

struct ReportItem {
  std::string section;
  Text heading;
  bool checked = false;                    // false: no finding of this section in the file (--only)
  Status status = Status::not_applicable;  // the worst finding
  std::vector<const Finding*> findings;
};
// The catalog's items, then one per other section found in the file (a probe
// this version does not know: its findings are never dropped), headed by its
// name, in the order first seen.
std::vector<ReportItem> report_items(const Document& doc, const Catalog& catalog = builtin_catalog());

// Problems: the fail and warn findings, in item order.
std::vector<const Finding*> problems(const Document& doc, const Catalog& catalog = builtin_catalog());

// 合格 / 合格(2 项无法确定) / 不合格(3 个问题); passed / ... in English.
std::string verdict_words(const Document& doc, Lang lang);

// A finding's detail as the renderers show it: in Chinese, the Host's English
// reasons inside it said in Chinese (zh_reasons; also for files written before
// make_finding did it). Empty when the finding has none.
std::string shown_detail(const Finding& f, Lang lang);

// "Integrity: ok (sha256 and HMAC)" / "文件校验:被篡改 …" when `report`
// verified the file (doc.integrity_words set), else "".
std::string integrity_line(const Document& doc, Lang lang);

// The section as plain text (scan --format text, report --format text).
std::string render_text(const Document& doc, Lang lang, const Catalog& catalog = builtin_catalog());
// The same section as Markdown and as one self-contained HTML page.
std::string render_markdown(const std::vector<Document>& docs, Lang lang, const Catalog& catalog = builtin_catalog());
std::string render_html(const std::vector<Document>& docs, Lang lang, const Catalog& catalog = builtin_catalog());

}  // namespace sc
