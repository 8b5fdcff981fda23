// The unit section over many machines laid out as text, Markdown, HTML
// (inline SVG charts, A4) and JSON; its content is built by summary_view.cpp.
#include <fmt/format.h>

#include "agent/html.hpp"
#include "agent/report.hpp"
#include "agent/summary.hpp"
#include "agent/summary_view.hpp"

namespace sc {

namespace {

std::string trim_stop(std::string s) {
  while (!s.empty() && s.back() == ' ') s.pop_back();
  return s;
}

using View = SummaryView;
using Row = SummaryRow;
using Group = SummaryGroup;

std::string numbered(const View& v, std::size_t i) { return numbered_heading(i, v.items[i].heading, v.lang); }

// "一、…;二、…" under the table.
std::string legend(const View& v, std::string_view sep) {
  std::string out;
  for (std::size_t i = 0; i < v.items.size(); ++i) out += (i ? std::string(sep) : "") + numbered(v, i);
  return out;
}

std::string pad(const std::string& s, std::size_t width) {
  std::size_t w = display_width(s);
  return w >= width ? s : s + std::string(width - w, ' ');
}

std::string render_text(const View& v) {
  const bool zh = v.lang == Lang::zh;
  const auto& words = status_short_words(v.lang);
  std::string out = v.title + "\n" + v.opening + "\n\n";
  // The table, columns padded by display width; cells are made as they are
  // measured and written, never all held at once (a unit has many rows).
  std::vector<std::string> head = zh ? std::vector<std::string>{"计算机名", "资产编号", "使用人", "部门", "类别"}
                                     : std::vector<std::string>{"Computer", "Asset", "User", "Department", "Class"};
  for (std::size_t i = 0; i < v.items.size(); ++i) head.push_back(item_numeral(i, v.lang));
  head.push_back(zh ? "结论" : "Verdict");
  auto cell = [&](const Row& r, std::size_t k) -> std::string {
    switch (k) {
      case 0:
        return r.name + (r.clone ? (zh ? "(克隆)" : " (clone)") : "");
      case 1:
        return r.asset;
      case 2:
        return r.owner;
      case 3:
        return r.department;
      case 4:
        return r.classification;
      default:
        return k - 5 < r.col.size() ? words[r.col[k - 5]] : r.verdict;
    }
  };
  std::vector<std::size_t> width(head.size(), 0);
  for (std::size_t k = 0; k < head.size(); ++k) width[k] = std::min<std::size_t>(display_width(head[k]), 40);
  for (const Row& r : v.rows)
    for (std::size_t k = 0; k < head.size(); ++k)
      width[k] = std::max(width[k], std::min<std::size_t>(display_width(cell(r, k)), 40));
  out += zh ? "各计算机检查情况:\n" : "Computers checked:\n";
  // The whole text's size, so that the string does not grow by doubling.
  std::size_t size = out.size() + 4096, row_size = 2 * head.size();
  for (std::size_t w : width) row_size += 3 * w;  // a display column is at most 3 bytes
  size += (v.rows.size() + 1) * row_size;
  for (const auto* groups : {&v.problems, &v.measures})
    for (const Group& g : *groups)
      for (const auto& l : g.lines) size += l.size() + 16;
  for (const auto& l : v.notes) size += l.size() + 8;
  for (const auto& l : v.bad) size += l.size() + 16;
  out.reserve(size);
  auto line = [&](auto&& at) {
    std::string l;
    for (std::size_t k = 0; k < head.size(); ++k)
      l += (k ? "  " : "") + (k + 1 < head.size() ? pad(at(k), width[k]) : at(k));
    out += trim_stop(l) + "\n";
  };
  line([&](std::size_t k) { return head[k]; });
  for (const Row& r : v.rows) line([&](std::size_t k) { return cell(r, k); });
  out += zh ? "\n存在的问题:" : "\nProblems found:";
  if (v.problems.empty()) {
    out += zh ? "无。\n" : " none.\n";
  } else {
    out += "\n";
    std::size_t k = 0;
    for (const Group& g : v.problems) {
      out += group_heading(v, g.item) + "\n";
      for (const auto& l : g.lines) out += fmt::format("{}. {}{}\n", ++k, l, zh ? "。" : ".");
    }
    out += zh ? "整改措施:\n" : "Rectification measures:\n";
    k = 0;
    for (const Group& g : v.measures) {
      out += group_heading(v, g.item) + "\n";
      for (const auto& l : g.lines) out += fmt::format("{}. {}{}\n", ++k, l, zh ? "。" : ".");
    }
  }
  if (!v.notes.empty()) {
    out += zh ? "说明:\n" : "Notes:\n";
    for (const auto& l : v.notes) out += "- " + l + (zh ? "。\n" : ".\n");
  }
  if (!v.bad.empty()) {
    out += zh ? "未纳入汇总的文件:\n" : "Files not included:\n";
    for (std::size_t i = 0; i < v.bad.size(); ++i) out += fmt::format("{}. {}\n", i + 1, v.bad[i]);
  }
  out += (zh ? "自查结论:" : "Verdict: ") + v.verdict + (zh ? "。\n" : ".\n");
  return out;
}

std::string render_markdown(const View& v) {
  const bool zh = v.lang == Lang::zh;
  const auto& words = status_short_words(v.lang);
  std::string out = "# " + md_escape(v.title) + "\n\n" + md_escape(v.opening) + "\n\n";
  out += zh ? "## 各计算机检查情况\n\n" : "## Computers checked\n\n";
  out += zh ? "| 计算机名 | 资产编号 | 使用人 | 部门 | 类别 |" : "| Computer | Asset | User | Department | Class |";
  for (std::size_t i = 0; i < v.items.size(); ++i) out += " " + item_numeral(i, v.lang) + " |";
  out += zh ? " 结论 |\n" : " Verdict |\n";
  out += "|---|---|---|---|---|";
  for (std::size_t i = 0; i <= v.items.size(); ++i) out += "---|";
  out += "\n";
  for (const Row& r : v.rows) {
    out += "| " + md_escape(r.name) + (r.clone ? (zh ? "(克隆)" : " (clone)") : "") + " | " + md_escape(r.asset) +
           " | " + md_escape(r.owner) + " | " + md_escape(r.department) + " | " + md_escape(r.classification) + " |";
    for (auto col : r.col) out += " " + (col == 2 ? "**" + words[col] + "**" : words[col]) + " |";
    out += " " + (r.failed ? "**" + r.verdict + "**" : r.verdict) + " |\n";
  }
  out += "\n";
  out += md_escape(legend(v, zh ? ";" : "; ")) + "\n\n";
  out += zh ? "## 存在的问题\n\n" : "## Problems found\n\n";
  if (v.problems.empty()) out += zh ? "无。\n\n" : "None.\n\n";
  std::size_t k = 0;
  for (const Group& g : v.problems) {
    out += "### " + md_escape(group_heading(v, g.item)) + "\n\n";
    for (const auto& l : g.lines) out += fmt::format("{}. {}{}\n", ++k, md_escape(l), zh ? "。" : ".");
    out += "\n";
  }
  if (!v.measures.empty()) {
    out += zh ? "## 整改措施\n\n" : "## Rectification measures\n\n";
    k = 0;
    for (const Group& g : v.measures) {
      out += "### " + md_escape(group_heading(v, g.item)) + "\n\n";
      for (const auto& l : g.lines) out += fmt::format("{}. {}{}\n", ++k, md_escape(l), zh ? "。" : ".");
      out += "\n";
    }
  }
  if (!v.notes.empty()) {
    out += zh ? "## 说明\n\n" : "## Notes\n\n";
    for (const auto& l : v.notes) out += "- " + md_escape(l) + (zh ? "。\n" : ".\n");
    out += "\n";
  }
  if (!v.bad.empty()) {
    out += zh ? "## 未纳入汇总的文件\n\n" : "## Files not included\n\n";
    for (std::size_t i = 0; i < v.bad.size(); ++i) out += fmt::format("{}. {}\n", i + 1, md_escape(v.bad[i]));
    out += "\n";
  }
  out += (zh ? "## 自查结论\n\n**" : "## Verdict\n\n**") + md_escape(v.verdict) + (zh ? "**。\n" : "**.\n");
  return out;
}

std::string render_html(const View& v) {
  const bool zh = v.lang == Lang::zh;
  const auto& words = status_short_words(v.lang);
  static const std::array<const char*, 6> cls{"pass", "warn", "fail", "unknown", "na", "unchecked"};
  std::string b = "<h1>" + html_escape(v.title) + "</h1>\n<p>" + html_escape(v.opening) + "</p>\n";
  b += zh ? "<h2>各项检查情况</h2>\n<div class=\"charts\">\n" : "<h2>Items</h2>\n<div class=\"charts\">\n";
  for (std::size_t i = 0; i < v.items.size(); ++i)
    b += "<div class=\"chart\"><h3>" + html_escape(numbered(v, i)) + "</h3>" + status_chart_svg(v.counts[i], v.lang) +
         "</div>\n";
  b += "</div>\n";
  b += zh ? "<h2>各计算机检查情况</h2>\n" : "<h2>Computers checked</h2>\n";
  b += "<table>\n<thead><tr>";
  for (const char* h : zh ? std::array<const char*, 5>{"计算机名", "资产编号", "使用人", "部门", "类别"}
                          : std::array<const char*, 5>{"Computer", "Asset", "User", "Department", "Class"})
    b += std::string("<th>") + h + "</th>";
  for (std::size_t i = 0; i < v.items.size(); ++i)
    b += "<th title=\"" + html_escape(v.items[i].heading.in(v.lang)) + "\">" + html_escape(item_numeral(i, v.lang)) +
         "</th>";
  b += zh ? "<th>结论</th></tr></thead>\n<tbody>\n" : "<th>Verdict</th></tr></thead>\n<tbody>\n";
  for (const Row& r : v.rows) {
    b += "<tr><td>" + html_escape(r.name) +
         (r.clone ? std::string(" <span class=\"flag\">") + (zh ? "克隆" : "clone") + "</span>" : "") + "</td><td>" +
         html_escape(r.asset) + "</td><td>" + html_escape(r.owner) + "</td><td>" + html_escape(r.department) +
         "</td><td>" + html_escape(r.classification) + "</td>";
    for (auto col : r.col) b += std::string("<td class=\"") + cls[col] + "\">" + html_escape(words[col]) + "</td>";
    b += std::string("<td class=\"") + (r.failed ? "fail" : "pass") + "\">" + html_escape(r.verdict) + "</td></tr>\n";
  }
  b += "</tbody>\n</table>\n<p class=\"meta\">";
  b += html_escape(legend(v, zh ? ";" : "; ")) + "</p>\n";
  b += zh ? "<h2>存在的问题</h2>\n" : "<h2>Problems found</h2>\n";
  if (v.problems.empty()) b += zh ? "<p>无。</p>\n" : "<p>None.</p>\n";
  // Problems and measures: one numbered list per item, numbering running on.
  auto grouped_lists = [&](const std::vector<Group>& groups) {
    std::size_t k = 0;
    for (const Group& g : groups) {
      b += "<h3>" + html_escape(group_heading(v, g.item)) + "</h3>\n<ol start=\"" + std::to_string(k + 1) + "\">\n";
      for (const auto& l : g.lines) {
        b += "<li>" + html_escape(l) + (zh ? "。" : ".") + "</li>\n";
        ++k;
      }
      b += "</ol>\n";
    }
  };
  grouped_lists(v.problems);
  if (!v.measures.empty()) {
    b += zh ? "<h2>整改措施</h2>\n" : "<h2>Rectification measures</h2>\n";
    grouped_lists(v.measures);
  }
  if (!v.notes.empty()) {
    b += zh ? "<h2>说明</h2>\n<ul>\n" : "<h2>Notes</h2>\n<ul>\n";
    for (const auto& l : v.notes) b += "<li>" + html_escape(l) + (zh ? "。" : ".") + "</li>\n";
    b += "</ul>\n";
  }
  if (!v.bad.empty()) {
    b += zh ? "<h2 class=\"bad\">未纳入汇总的文件</h2>\n<ol>\n" : "<h2 class=\"bad\">Files not included</h2>\n<ol>\n";
    for (const auto& l : v.bad) b += "<li>" + html_escape(l) + "</li>\n";
    b += "</ol>\n";
  }
  b += std::string("<p class=\"verdict ") + (v.failed ? "fail" : "pass") + "\">" + (zh ? "自查结论:" : "Verdict: ") +
       html_escape(v.verdict) + (zh ? "。" : ".") + "</p>\n";
  return html_page(v.title, v.lang, b);
}

std::string render_json(const Summary& s, const View& v) {
  static const std::array<const char*, 6> col_names{"pass", "warn", "fail", "unknown", "not_applicable", "not_checked"};
  Value root = Value::object();
  root.add("schema", Value::str("selfcheck.summary/1"));
  root.add("lang", Value::str(to_string(v.lang)));
  root.add("computers", Value::integer(static_cast<std::int64_t>(s.machines.size())));
  root.add("confidential", Value::integer(static_cast<std::int64_t>(v.confidential)));
  root.add("opening", Value::str(v.opening));
  Value& items = root.add("items", Value::array());
  for (std::size_t i = 0; i < v.items.size(); ++i) {
    Value& it = items.push(Value::object());
    it.add("section", Value::str(v.items[i].section));
    it.add("heading", Value::str(v.items[i].heading.in(v.lang)));
    Value& c = it.add("counts", Value::object());
    for (std::size_t k = 0; k < 6; ++k) c.add(col_names[k], Value::integer(static_cast<std::int64_t>(v.counts[i][k])));
  }
  Value& machines = root.add("machines", Value::array());
  for (std::size_t m = 0; m < s.machines.size(); ++m) {
    const SummaryMachine& sm = s.machines[m];
    const MachineDigest& h = sm.m;
    Value& o = machines.push(Value::object());
    o.add("hostname", Value::str(h.hostname));
    o.add("machine_id", Value::str(h.machine_id));
    o.add("asset_id", Value::str(h.asset_id));
    o.add("owner", Value::str(h.owner));
    o.add("department", Value::str(h.department));
    o.add("classification", Value::str(h.classification));
    Value& st = o.add("items", Value::object());
    for (std::size_t i = 0; i < v.items.size(); ++i)
      st.add(v.items[i].section, Value::str(col_names[v.rows[m].col[i]]));
    o.add("verdict", Value::str(h.verdict));
    o.add("file", Value::str(sm.file));
    Value& cl = o.add("clone_of", Value::array());
    for (auto j : sm.clones) cl.push(Value::str(machine_name(s.machines[j])));
    Value& pr = o.add("problems", Value::array());
    for (const SummaryProblem& f : h.problems) {
      Value& p = pr.push(Value::object());
      p.add("id", Value::str(f.id));
      p.add("status", Value::str(to_string(f.status)));
      p.add("detail", Value::str(f.text.in(v.lang)));
      p.add("remediation", Value::str(f.remediation.in(v.lang)));
      if (!f.devices.empty()) {
        Value& dv = p.add("devices", Value::array());
        for (const auto& d : f.devices) dv.push(Value::str(d));
      }
    }
  }
  Value& cross = root.add("cross_use", Value::array());
  for (const CrossUse& c : s.cross_use) {
    Value& o = cross.push(Value::object());
    o.add("vid", Value::str(c.vid));
    o.add("pid", Value::str(c.pid));
    o.add("serial", Value::str(c.serial));
    o.add("vendor", Value::str(c.vendor));
    o.add("product", Value::str(c.product));
    Value& a = o.add("confidential", Value::array());
    for (auto i : c.confidential) a.push(Value::str(machine_name(s.machines[i])));
    Value& b = o.add("other", Value::array());
    for (auto i : c.other) b.push(Value::str(machine_name(s.machines[i])));
  }
  auto groups = [&](const std::vector<Group>& gs) {
    Value a = Value::array();
    for (const Group& g : gs) {
      Value& o = a.push(Value::object());
      o.add("section", Value::str(v.items[g.item].section));
      Value& l = o.add("lines", Value::array());
      for (const auto& s : g.lines) l.push(Value::str(s));
    }
    return a;
  };
  root.add("problems", groups(v.problems));
  root.add("measures", groups(v.measures));
  Value& notes = root.add("notes", Value::array());
  for (const auto& n : v.notes) notes.push(Value::str(n));
  Value& sup = root.add("superseded", Value::array());
  for (const auto& [old, kept] : s.superseded) {
    Value& o = sup.push(Value::object());
    o.add("file", Value::str(old));
    o.add("kept", Value::str(kept));
  }
  Value& bad = root.add("bad_files", Value::array());
  for (const SummaryFile& f : s.bad) {
    Value& o = bad.push(Value::object());
    o.add("path", Value::str(f.path));
    o.add("check", Value::str(to_string(f.check)));
    o.add("reason", Value::str(f.reason));
  }
  root.add("verdict", Value::str(v.failed ? "fail" : "pass"));
  root.add("verdict_words", Value::str(v.verdict));
  return emit_json(root);
}

}  // namespace

std::string render_summary(const Summary& s, const std::string& format, Lang lang, const Catalog& catalog) {
  View v = build_view(s, lang, catalog);
  if (format == "markdown") return render_markdown(v);
  if (format == "html") return render_html(v);
  if (format == "json") return render_json(s, v);
  return render_text(v);
}

}  // namespace sc
