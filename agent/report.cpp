// The one-machine report section in zh and en (docs/report.md), and the item
// model every renderer shares, built from the probe table.
#include "agent/report.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "checks/probes.hpp"

namespace sc {

Catalog catalog_of(const std::vector<std::unique_ptr<Probe>>& probes) {
  Catalog c;
  for (const auto& p : probes) {
    const ReportItemSpec& item = p->report_item();
    Text heading = item.heading.empty() ? Text::same(std::string(p->name())) : item.heading;
    c.push_back({std::string(p->name()), std::move(heading), item.phrases});
  }
  return c;
}

const Catalog& builtin_catalog() {
  static const Catalog c = catalog_of(builtin_probes());
  return c;
}

std::string item_numeral(std::size_t i, Lang lang) {
  if (lang != Lang::zh) return std::to_string(i + 1);
  static const char* digit[] = {"", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
  std::size_t n = i + 1;
  if (n < 10) return digit[n];
  if (n < 100) return std::string(n >= 20 ? digit[n / 10] : "") + "十" + digit[n % 10];
  return std::to_string(n);
}

std::string numbered_heading(std::size_t i, const Text& heading, Lang lang) {
  return item_numeral(i, lang) + (lang == Lang::zh ? "、" : ". ") + heading.in(lang);
}

std::string status_words(Status s, Lang lang) {
  bool zh = lang == Lang::zh;
  switch (s) {
    case Status::pass:
      return zh ? "符合要求" : "meets the requirement";
    case Status::fail:
      return zh ? "不符合要求" : "does not meet the requirement";
    case Status::warn:
      return zh ? "存在风险" : "at risk";
    case Status::unknown:
      return zh ? "无法确定" : "could not be determined";
    case Status::not_applicable:
      return zh ? "不适用" : "not applicable";
  }
  return "";
}

std::string classification_words(std::string_view c, Lang lang) {
  bool zh = lang == Lang::zh;
  if (c == "confidential") return zh ? "涉密计算机" : "confidential computer";
  if (c == "public") return zh ? "互联网计算机" : "Internet computer";
  return zh ? "非涉密计算机" : "non-confidential computer";
}

std::vector<ReportItem> report_items(const Document& doc, const Catalog& catalog) {
  std::vector<ReportItem> items;
  items.reserve(catalog.size());
  for (const ItemSpec& spec : catalog) items.push_back({spec.section, spec.heading, false, Status::not_applicable, {}});
  for (const Finding& f : doc.findings) {
    auto it = std::find_if(items.begin(), items.end(), [&](const ReportItem& i) { return i.section == f.section; });
    if (it == items.end()) {
      items.push_back({f.section, Text::same(f.section), false, Status::not_applicable, {}});
      it = items.end() - 1;
    }
    it->status = it->checked ? worse(it->status, f.status) : f.status;
    it->checked = true;
    it->findings.push_back(&f);
  }
  return items;
}

std::vector<const Finding*> problems(const Document& doc, const Catalog& catalog) {
  std::vector<const Finding*> out;
  for (const auto& item : report_items(doc, catalog))
    for (const Finding* f : item.findings)
      if (f->status == Status::fail || f->status == Status::warn) out.push_back(f);
  return out;
}

std::string integrity_line(const Document& doc, Lang lang) {
  if (doc.integrity_words.empty()) return "";
  return (lang == Lang::zh ? "文件校验:" : "Integrity: ") + doc.integrity_words;
}

std::string shown_detail(const Finding& f, Lang lang) {
  return lang == Lang::zh ? zh_reasons(f.detail.zh) : f.detail.en;
}

std::string verdict_words(const Document& doc, Lang lang) {
  // A file that fails its check says nothing trustworthy about the machine.
  if (doc.integrity_bad)
    return lang == Lang::zh ? "不可信(文件未通过完整性校验)" : "not trustworthy (the file fails its integrity check)";
  bool zh = lang == Lang::zh;
  std::size_t n = problems(doc).size();
  bool failed = false;
  std::int64_t unknown = 0;
  for (const Finding& f : doc.findings) {
    failed = failed || f.status == Status::fail;
    unknown += f.status == Status::unknown;
  }
  if (failed) return zh ? fmt::format("不合格({} 个问题)", n) : fmt::format("not passed ({} problems)", n);
  std::string s = zh ? "合格" : "passed";
  std::vector<std::string> notes;
  if (n > 0) notes.push_back(zh ? fmt::format("{} 个风险提示", n) : fmt::format("{} warnings", n));
  if (unknown > 0)
    notes.push_back(zh ? fmt::format("{} 项无法确定", unknown)
                       : fmt::format("{} items could not be determined", unknown));
  if (!notes.empty())
    s += zh ? "(" + fmt::format("{}", fmt::join(notes, ",")) + ")"
            : " (" + fmt::format("{}", fmt::join(notes, ", ")) + ")";
  return s;
}

namespace {

// Drop a trailing full stop so sentences can be joined.
std::string trim_stop(std::string s) {
  for (std::string_view stop : {"。", ".", ";", ";"}) {
    while (s.size() >= stop.size() && s.compare(s.size() - stop.size(), stop.size(), stop) == 0)
      s.resize(s.size() - stop.size());
  }
  return s;
}

// "2026-11-20T16:00:00+08:00" → "2026-11-20 16:00 (+08:00)".
std::string short_time(const std::string& iso) {
  if (iso.size() < 16 || iso[10] != 'T') return iso;
  std::string s = iso.substr(0, 10) + " " + iso.substr(11, 5);
  if (iso.size() > 19) s += " (" + iso.substr(19) + ")";
  return s;
}

}  // namespace

std::string render_text(const Document& doc, Lang lang, const Catalog& catalog) {
  bool zh = lang == Lang::zh;
  std::string sep = zh ? ";" : "; ";
  std::string stop = zh ? "。" : ".";
  std::string colon = zh ? ":" : ": ";
  std::string out;
  out += zh ? "计算机和网络安全自查情况\n" : "Computer and network security self-inspection\n";
  std::vector<std::string> who;
  const HostInfo& h = doc.host;
  if (!h.hostname.empty()) who.push_back((zh ? "计算机名 " : "Computer ") + h.hostname);
  if (!h.asset_id.empty()) who.push_back((zh ? "资产编号 " : "Asset ") + h.asset_id);
  if (!h.owner.empty()) who.push_back((zh ? "使用人 " : "User ") + h.owner);
  if (!h.department.empty()) who.push_back(h.department);
  who.push_back(classification_words(h.classification, lang));
  out += fmt::format("{}\n", fmt::join(who, " · "));
  std::vector<std::string> when;
  when.push_back((zh ? "检查时间 " : "Checked ") + short_time(doc.as_of));
  if (!h.os.empty()) when.push_back(h.os);
  when.push_back("selfcheck " + doc.agent_version);
  out += fmt::format("{}\n", fmt::join(when, " · "));
  if (std::string il = integrity_line(doc, lang); !il.empty()) out += il + "\n";
  out += "\n";

  auto items = report_items(doc, catalog);
  for (std::size_t i = 0; i < items.size(); ++i) {
    const ReportItem& item = items[i];
    std::string line = numbered_heading(i, item.heading, lang) + colon;
    if (!item.checked) {
      line += zh ? "未检查。" : "not checked.";
    } else {
      std::vector<std::string> parts;
      std::set<std::string> seen;
      for (const Finding* f : item.findings) {
        // A not-applicable finding beside others adds nothing to the line.
        if (f->status == Status::not_applicable && item.status != Status::not_applicable) continue;
        std::string d = trim_stop(shown_detail(*f, lang));
        if (d.empty() || !seen.insert(d).second) continue;
        parts.push_back(d);
      }
      if (!parts.empty()) line += fmt::format("{}", fmt::join(parts, sep)) + (zh ? "," : ", ");
      line += status_words(item.status, lang) + stop;
    }
    out += line + "\n";
  }

  auto probs = problems(doc, catalog);
  out += zh ? "\n存在的问题:" : "\nProblems found:";
  if (probs.empty()) {
    out += zh ? "无。\n" : " none.\n";
  } else {
    out += "\n";
    for (std::size_t i = 0; i < probs.size(); ++i) {
      const Finding* f = probs[i];
      std::string text = trim_stop(f->detail.in(lang).empty() ? f->title.in(lang) : shown_detail(*f, lang));
      std::string mark = f->status == Status::warn ? (zh ? "(存在风险)" : " (at risk)") : "";
      out += fmt::format("{}. {}{}{}\n", i + 1, text, mark, stop);
    }
    out += zh ? "整改措施:\n" : "Rectification measures:\n";
    for (std::size_t i = 0; i < probs.size(); ++i)
      out += fmt::format("{}. {}{}\n", i + 1, trim_stop(probs[i]->remediation.in(lang)), stop);
  }
  out += (zh ? "自查结论:" : "Verdict: ") + verdict_words(doc, lang) + stop + "\n";
  return out;
}

}  // namespace sc
