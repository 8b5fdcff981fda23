// Markdown and HTML renderings of single-machine sections (`report --format
// markdown|html`): the same lines as render_text, one section per document.
#include <fmt/format.h>

#include <set>

#include "agent/html.hpp"
#include "agent/report.hpp"

namespace sc {

namespace {

std::string trim_stop(std::string s) {
  for (bool again = true; again;) {
    again = false;
    for (std::string_view stop : {"。", ".", ";", ";", " "})
      if (s.size() >= stop.size() && s.compare(s.size() - stop.size(), stop.size(), stop) == 0) {
        s.resize(s.size() - stop.size());
        again = true;
      }
  }
  return s;
}

// The section's lines, built from the shared item model.
struct MachineSection {
  std::string title, who, when;
  struct Item {
    std::string heading, text;
    Status status;
    bool checked;
  };
  std::vector<Item> items;
  std::vector<std::pair<std::string, Status>> problems;
  std::vector<std::string> measures;
  std::string verdict;
  bool failed = false;
};

MachineSection section(const Document& doc, Lang lang, const Catalog& catalog) {
  const bool zh = lang == Lang::zh;
  MachineSection m;
  m.title = zh ? "计算机和网络安全自查情况" : "Computer and network security self-inspection";
  const HostInfo& h = doc.host;
  std::vector<std::string> who;
  if (!h.hostname.empty()) who.push_back((zh ? "计算机名 " : "Computer ") + h.hostname);
  if (!h.asset_id.empty()) who.push_back((zh ? "资产编号 " : "Asset ") + h.asset_id);
  if (!h.owner.empty()) who.push_back((zh ? "使用人 " : "User ") + h.owner);
  if (!h.department.empty()) who.push_back(h.department);
  who.push_back(classification_words(h.classification, lang));
  m.who = fmt::format("{}", fmt::join(who, " · "));
  std::string t = doc.as_of;
  if (t.size() >= 16 && t[10] == 'T')
    t = t.substr(0, 10) + " " + t.substr(11, 5) + (t.size() > 19 ? " (" + t.substr(19) + ")" : "");
  std::vector<std::string> when{(zh ? "检查时间 " : "Checked ") + t};
  if (!h.os.empty()) when.push_back(h.os);
  when.push_back("selfcheck " + doc.agent_version);
  m.when = fmt::format("{}", fmt::join(when, " · "));
  auto items = report_items(doc, catalog);
  for (std::size_t i = 0; i < items.size(); ++i) {
    MachineSection::Item it{numbered_heading(i, items[i].heading, lang), "", items[i].status, items[i].checked};
    if (!items[i].checked) {
      it.text = zh ? "未检查" : "not checked";
    } else {
      std::vector<std::string> parts;
      std::set<std::string> seen;
      for (const Finding* f : items[i].findings) {
        std::string d = trim_stop(shown_detail(*f, lang));
        if (!d.empty() && seen.insert(d).second) parts.push_back(d);
      }
      it.text = fmt::format("{}", fmt::join(parts, zh ? ";" : "; "));
      if (!it.text.empty()) it.text += zh ? "," : ", ";
      it.text += status_words(items[i].status, lang);
    }
    m.items.push_back(std::move(it));
  }
  for (const Finding* f : problems(doc, catalog)) {
    std::string text = trim_stop(f->detail.in(lang).empty() ? f->title.in(lang) : shown_detail(*f, lang));
    if (f->status == Status::warn) text += zh ? "(存在风险)" : " (at risk)";
    m.problems.push_back({text, f->status});
    m.measures.push_back(trim_stop(f->remediation.in(lang)));
  }
  m.verdict = verdict_words(doc, lang);
  m.failed = doc.verdict == "fail" || doc.integrity_bad;
  return m;
}

}  // namespace

std::string render_markdown(const std::vector<Document>& docs, Lang lang, const Catalog& catalog) {
  const bool zh = lang == Lang::zh;
  const std::string stop = zh ? "。" : ".";
  std::string out;
  for (std::size_t d = 0; d < docs.size(); ++d) {
    MachineSection m = section(docs[d], lang, catalog);
    if (d) out += "\n---\n\n";
    out += "## " + md_escape(m.title) + "\n\n" + md_escape(m.who) + "  \n" + md_escape(m.when) + "\n\n";
    if (std::string il = integrity_line(docs[d], lang); !il.empty())
      out += (docs[d].integrity_bad ? "**" + md_escape(il) + "**" : md_escape(il)) + "\n\n";
    for (const auto& it : m.items) {
      std::string text = md_escape(it.text);
      if (it.checked && it.status == Status::fail) text = "**" + text + "**";
      out += "- **" + md_escape(it.heading) + "**" + (zh ? ":" : ": ") + text + stop + "\n";
    }
    out += zh ? "\n### 存在的问题\n\n" : "\n### Problems found\n\n";
    if (m.problems.empty()) out += zh ? "无。\n" : "None.\n";
    for (std::size_t i = 0; i < m.problems.size(); ++i)
      out += fmt::format("{}. {}{}\n", i + 1, md_escape(m.problems[i].first), stop);
    if (!m.measures.empty()) {
      out += zh ? "\n### 整改措施\n\n" : "\n### Rectification measures\n\n";
      for (std::size_t i = 0; i < m.measures.size(); ++i)
        out += fmt::format("{}. {}{}\n", i + 1, md_escape(m.measures[i]), stop);
    }
    out += (zh ? "\n**自查结论:" : "\n**Verdict: ") + md_escape(m.verdict) + stop + "**\n";
  }
  return out;
}

std::string render_html(const std::vector<Document>& docs, Lang lang, const Catalog& catalog) {
  const bool zh = lang == Lang::zh;
  const std::string stop = zh ? "。" : ".";
  std::string b;
  std::string title;
  for (const Document& doc : docs) {
    MachineSection m = section(doc, lang, catalog);
    title = m.title;
    b += "<section class=\"machine\">\n<h1>" + html_escape(m.title) + "</h1>\n<p class=\"meta\">" + html_escape(m.who) +
         "<br>" + html_escape(m.when) + "</p>\n" +
         (integrity_line(doc, lang).empty() ? std::string()
                                            : std::string("<p class=\"integrity") + (doc.integrity_bad ? " fail" : "") +
                                                  "\">" + html_escape(integrity_line(doc, lang)) + "</p>\n") +
         "<table>\n<thead><tr><th>" + (zh ? "检查项目" : "Item") + "</th><th>" + (zh ? "检查情况" : "Findings") +
         "</th><th>" + (zh ? "结果" : "Result") + "</th></tr></thead>\n<tbody>\n";
    for (const auto& it : m.items) {
      std::string cls = it.checked ? std::string(status_class(it.status)) : "unchecked";
      std::string result = it.checked ? status_words(it.status, lang) : (zh ? "未检查" : "not checked");
      b += "<tr><td>" + html_escape(it.heading) + "</td><td>" + html_escape(it.text) + stop + "</td><td class=\"" +
           cls + "\">" + html_escape(result) + "</td></tr>\n";
    }
    b += "</tbody>\n</table>\n";
    b += zh ? "<h2>存在的问题</h2>\n" : "<h2>Problems found</h2>\n";
    if (m.problems.empty())
      b += zh ? "<p>无。</p>\n" : "<p>None.</p>\n";
    else {
      b += "<ol>\n";
      for (const auto& [text, st] : m.problems) b += "<li>" + html_escape(text) + stop + "</li>\n";
      b += "</ol>\n";
      b += zh ? "<h2>整改措施</h2>\n<ol>\n" : "<h2>Rectification measures</h2>\n<ol>\n";
      for (const auto& text : m.measures) b += "<li>" + html_escape(text) + stop + "</li>\n";
      b += "</ol>\n";
    }
    b += std::string("<p class=\"verdict ") + (m.failed ? "fail" : "pass") + "\">" + (zh ? "自查结论:" : "Verdict: ") +
         html_escape(m.verdict) + stop + "</p>\n</section>\n";
  }
  return html_page(title, lang, b);
}

}  // namespace sc
