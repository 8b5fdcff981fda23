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

// The text handed to the sink in pieces that end at a line end (64 KiB or
// so each): a unit's summary is never held whole (issue 20).
class Out {
 public:
  explicit Out(const SummarySink& sink) : sink_(sink) {}
  Out& operator+=(std::string_view s) {
    b_ += s;
    if (b_.size() >= (64u << 10)) flush(false);
    return *this;
  }
  Out& operator+=(char c) { return *this += std::string_view(&c, 1); }
  void flush(bool all) {
    std::size_t end = b_.size();
    if (!all) {
      std::size_t nl = b_.rfind('\n');
      if (nl == std::string::npos) return;
      end = nl + 1;
    }
    if (end == 0) return;
    sink_(std::string_view(b_).substr(0, end));
    b_.erase(0, end);
  }

 private:
  const SummarySink& sink_;
  std::string b_;
};

// The problem lines grouped by item: `head` on a new item, `line` for each
// with its number (from 1, running on across items), `tail` after the last.
template <class Head, class Line, class Tail>
void problem_groups(View& v, Head&& head, Line&& line, Tail&& tail) {
  std::size_t item = 0, k = 0;
  std::string l;
  bool open = false;
  for (std::size_t i; next_problem(v, i, l);) {
    if (!open || i != item) {
      if (open) tail();
      head(i, k);
      item = i;
      open = true;
    }
    line(l, ++k);
  }
  if (open) tail();
}

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

void render_text(const Summary& s, View& v, Out& out) {
  const bool zh = v.lang == Lang::zh;
  const auto& words = status_short_words(v.lang);
  out += v.title + "\n" + v.opening + "\n\n";
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
  each_row(s, v, [&](const Row& r, const SummaryMachine&) {
    for (std::size_t k = 0; k < head.size(); ++k)
      width[k] = std::max(width[k], std::min<std::size_t>(display_width(cell(r, k)), 40));
  });
  out += zh ? "各计算机检查情况:\n" : "Computers checked:\n";
  auto line = [&](auto&& at) {
    std::string l;
    for (std::size_t k = 0; k < head.size(); ++k)
      l += (k ? "  " : "") + (k + 1 < head.size() ? pad(at(k), width[k]) : at(k));
    out += trim_stop(l) + "\n";
  };
  line([&](std::size_t k) { return head[k]; });
  each_row(s, v, [&](const Row& r, const SummaryMachine&) { line([&](std::size_t k) { return cell(r, k); }); });
  out += zh ? "\n存在的问题:" : "\nProblems found:";
  if (v.problem_count == 0) {
    out += zh ? "无。\n" : " none.\n";
  } else {
    out += "\n";
    problem_groups(
        v, [&](std::size_t item, std::size_t) { out += group_heading(v, item) + "\n"; },
        [&](const std::string& l, std::size_t k) { out += fmt::format("{}. {}{}\n", k, l, zh ? "。" : "."); }, [] {});
    out += zh ? "整改措施:\n" : "Rectification measures:\n";
    std::size_t k = 0;
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
}

void render_markdown(const Summary& s, View& v, Out& out) {
  const bool zh = v.lang == Lang::zh;
  const auto& words = status_short_words(v.lang);
  out += "# " + md_escape(v.title) + "\n\n" + md_escape(v.opening) + "\n\n";
  out += zh ? "## 各计算机检查情况\n\n" : "## Computers checked\n\n";
  out += zh ? "| 计算机名 | 资产编号 | 使用人 | 部门 | 类别 |" : "| Computer | Asset | User | Department | Class |";
  for (std::size_t i = 0; i < v.items.size(); ++i) out += " " + item_numeral(i, v.lang) + " |";
  out += zh ? " 结论 |\n" : " Verdict |\n";
  out += "|---|---|---|---|---|";
  for (std::size_t i = 0; i <= v.items.size(); ++i) out += "---|";
  out += "\n";
  each_row(s, v, [&](const Row& r, const SummaryMachine&) {
    out += "| " + md_escape(r.name) + (r.clone ? (zh ? "(克隆)" : " (clone)") : "") + " | " + md_escape(r.asset) +
           " | " + md_escape(r.owner) + " | " + md_escape(r.department) + " | " + md_escape(r.classification) + " |";
    for (auto col : r.col) out += " " + (col == 2 ? "**" + words[col] + "**" : words[col]) + " |";
    out += " " + (r.failed ? "**" + r.verdict + "**" : r.verdict) + " |\n";
  });
  out += "\n";
  out += md_escape(legend(v, zh ? ";" : "; ")) + "\n\n";
  out += zh ? "## 存在的问题\n\n" : "## Problems found\n\n";
  if (v.problem_count == 0) out += zh ? "无。\n\n" : "None.\n\n";
  problem_groups(
      v, [&](std::size_t item, std::size_t) { out += "### " + md_escape(group_heading(v, item)) + "\n\n"; },
      [&](const std::string& l, std::size_t k) { out += fmt::format("{}. {}{}\n", k, md_escape(l), zh ? "。" : "."); },
      [&] { out += "\n"; });
  std::size_t k = 0;
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
}

void render_html(const Summary& s, View& v, Out& out) {
  const bool zh = v.lang == Lang::zh;
  const auto& words = status_short_words(v.lang);
  static const std::array<const char*, 6> cls{"pass", "warn", "fail", "unknown", "na", "unchecked"};
  // The page around the body, split where the body goes.
  const std::string mark = "\x01body\x01";
  std::string page = html_page(v.title, v.lang, mark);
  std::size_t at = page.find(mark);
  out += std::string_view(page).substr(0, at);
  Out& b = out;
  b += "<h1>" + html_escape(v.title) + "</h1>\n<p>" + html_escape(v.opening) + "</p>\n";
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
  each_row(s, v, [&](const Row& r, const SummaryMachine&) {
    b += "<tr><td>" + html_escape(r.name) +
         (r.clone ? std::string(" <span class=\"flag\">") + (zh ? "克隆" : "clone") + "</span>" : "") + "</td><td>" +
         html_escape(r.asset) + "</td><td>" + html_escape(r.owner) + "</td><td>" + html_escape(r.department) +
         "</td><td>" + html_escape(r.classification) + "</td>";
    for (auto col : r.col) b += std::string("<td class=\"") + cls[col] + "\">" + html_escape(words[col]) + "</td>";
    b += std::string("<td class=\"") + (r.failed ? "fail" : "pass") + "\">" + html_escape(r.verdict) + "</td></tr>\n";
  });
  b += "</tbody>\n</table>\n<p class=\"meta\">";
  b += html_escape(legend(v, zh ? ";" : "; ")) + "</p>\n";
  b += zh ? "<h2>存在的问题</h2>\n" : "<h2>Problems found</h2>\n";
  if (v.problem_count == 0) b += zh ? "<p>无。</p>\n" : "<p>None.</p>\n";
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
  problem_groups(
      v,
      [&](std::size_t item, std::size_t k) {
        b += "<h3>" + html_escape(group_heading(v, item)) + "</h3>\n<ol start=\"" + std::to_string(k + 1) + "\">\n";
      },
      [&](const std::string& l, std::size_t) { b += "<li>" + html_escape(l) + (zh ? "。" : ".") + "</li>\n"; },
      [&] { b += "</ol>\n"; });
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
  out += std::string_view(page).substr(at + mark.size());
}

// emit_json's layout (2 spaces a level), written member by member: the
// machines and problem lines are streamed, not built into one tree.
std::string json_at(const Value& x, std::size_t indent) {
  std::string t = emit_json(x);
  t.pop_back();  // its '\n'
  std::string out;
  out.reserve(t.size());
  for (char c : t) {  // strings have their newlines escaped: each '\n' is layout
    out += c;
    if (c == '\n') out.append(indent, ' ');
  }
  return out;
}

void render_json(const Summary& s, View& v, Out& out) {
  static const std::array<const char*, 6> col_names{"pass", "warn", "fail", "unknown", "not_applicable", "not_checked"};
  bool first_member = true;
  auto member = [&](const std::string& key) {
    out += first_member ? "{\n  " : ",\n  ";
    first_member = false;
    out += json_at(Value::str(key), 2) + ": ";
  };
  auto put = [&](const std::string& key, const Value& x) {
    member(key);
    out += json_at(x, 2);
  };
  // An array of `n` elements, each made by `at(i)` (or streamed by `each`).
  auto array = [&](const std::string& key, std::size_t n, auto&& each) {
    member(key);
    if (n == 0) {
      out += "[]";
      return;
    }
    out += "[\n";
    std::size_t i = 0;
    each([&](const Value& x) { out += "    " + json_at(x, 4) + (++i < n ? ",\n" : "\n"); });
    out += "  ]";
  };
  put("schema", Value::str("selfcheck.summary/1"));
  put("lang", Value::str(to_string(v.lang)));
  put("computers", Value::integer(static_cast<std::int64_t>(s.machine_count)));
  put("confidential", Value::integer(static_cast<std::int64_t>(v.confidential)));
  put("opening", Value::str(v.opening));
  Value items = Value::array();
  for (std::size_t i = 0; i < v.items.size(); ++i) {
    Value& it = items.push(Value::object());
    it.add("section", Value::str(v.items[i].section));
    it.add("heading", Value::str(v.items[i].heading.in(v.lang)));
    Value& c = it.add("counts", Value::object());
    for (std::size_t k = 0; k < 6; ++k) c.add(col_names[k], Value::integer(static_cast<std::int64_t>(v.counts[i][k])));
  }
  put("items", items);
  array("machines", s.machine_count, [&](auto&& emit) {
    each_row(s, v, [&](const Row& r, const SummaryMachine& sm) {
      const MachineDigest& h = sm.m;
      Value o = Value::object();
      o.add("hostname", Value::str(h.hostname));
      o.add("machine_id", Value::str(h.machine_id));
      o.add("asset_id", Value::str(h.asset_id));
      o.add("owner", Value::str(h.owner));
      o.add("department", Value::str(h.department));
      o.add("classification", Value::str(h.classification));
      Value& st = o.add("items", Value::object());
      for (std::size_t i = 0; i < v.items.size(); ++i) st.add(v.items[i].section, Value::str(col_names[r.col[i]]));
      o.add("verdict", Value::str(h.verdict));
      o.add("file", Value::str(sm.file));
      Value& cl = o.add("clone_of", Value::array());
      for (auto j : sm.clones) cl.push(Value::str(s.name_of(j)));
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
      emit(o);
    });
  });
  Value cross = Value::array();
  for (const CrossUse& c : s.cross_use) {
    Value& o = cross.push(Value::object());
    o.add("vid", Value::str(c.vid));
    o.add("pid", Value::str(c.pid));
    o.add("serial", Value::str(c.serial));
    o.add("vendor", Value::str(c.vendor));
    o.add("product", Value::str(c.product));
    Value& a = o.add("confidential", Value::array());
    for (auto i : c.confidential) a.push(Value::str(s.name_of(i)));
    Value& b = o.add("other", Value::array());
    for (auto i : c.other) b.push(Value::str(s.name_of(i)));
  }
  put("cross_use", cross);
  // Problem groups: {"section", "lines": [...]}, the lines streamed.
  std::size_t groups = 0;
  for (std::size_t n : v.problem_lines) groups += n > 0;
  member("problems");
  if (groups == 0) {
    out += "[]";
  } else {
    out += "[\n";
    std::size_t g = 0, left = 0;
    problem_groups(
        v,
        [&](std::size_t item, std::size_t) {
          left = v.problem_lines[item];
          out +=
              "    {\n      \"section\": " + json_at(Value::str(v.items[item].section), 6) + ",\n      \"lines\": [\n";
        },
        [&](const std::string& l, std::size_t) {
          out += "        " + json_at(Value::str(l), 8) + (--left ? ",\n" : "\n");
        },
        [&] { out += std::string("      ]\n    }") + (++g < groups ? ",\n" : "\n"); });
    out += "  ]";
  }
  Value measures = Value::array();
  for (const Group& g : v.measures) {
    Value& o = measures.push(Value::object());
    o.add("section", Value::str(v.items[g.item].section));
    Value& l = o.add("lines", Value::array());
    for (const auto& x : g.lines) l.push(Value::str(x));
  }
  put("measures", measures);
  Value notes = Value::array();
  for (const auto& n : v.notes) notes.push(Value::str(n));
  put("notes", notes);
  array("superseded", s.superseded_count, [&](auto&& emit) {
    auto c = s.superseded.cursor();
    for (std::string rec; c.next(rec);) {
      RecReader r(rec);
      Value o = Value::object();
      o.add("file", Value::str(std::string(r.str())));
      o.add("kept", Value::str(std::string(r.str())));
      emit(o);
    }
  });
  Value bad = Value::array();
  for (const SummaryFile& f : s.bad) {
    Value& o = bad.push(Value::object());
    o.add("path", Value::str(f.path));
    o.add("check", Value::str(to_string(f.check)));
    o.add("reason", Value::str(f.reason));
  }
  put("bad_files", bad);
  put("verdict", Value::str(v.failed ? "fail" : "pass"));
  put("verdict_words", Value::str(v.verdict));
  out += "\n}\n";
}

}  // namespace

void render_summary(const Summary& s, const std::string& format, Lang lang, const SummarySink& sink,
                    const Catalog& catalog) {
  View v = build_view(s, lang, catalog);
  Out out(sink);
  if (format == "markdown")
    render_markdown(s, v, out);
  else if (format == "html")
    render_html(s, v, out);
  else if (format == "json")
    render_json(s, v, out);
  else
    render_text(s, v, out);
  out.flush(true);
}

std::string render_summary(const Summary& s, const std::string& format, Lang lang, const Catalog& catalog) {
  std::string text;
  render_summary(
      s, format, lang, [&](std::string_view piece) { text += piece; }, catalog);
  return text;
}

}  // namespace sc
