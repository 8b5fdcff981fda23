// The unit section over many machines (REPORT.md "The unit"): the opening
// sentence with counts, the table, problems and measures grouped by item,
// notes (clones, older files), files left out, and the unit verdict; as
// text, Markdown, HTML (inline SVG charts, A4) and JSON.
#include <fmt/format.h>

#include <map>
#include <set>

#include "agent/html.hpp"
#include "agent/report.hpp"
#include "agent/summary.hpp"

namespace sc {

namespace {

struct Phrase {
  const char* zh;
  const char* en;
};

// "N 台…" / "N …" for the released finding ids; others use their title.
const std::map<std::string_view, Phrase>& phrases() {
  static const std::map<std::string_view, Phrase> p{
      {"antivirus.installed", {"未安装防病毒软件", "have no antivirus installed"}},
      {"antivirus.service_enabled", {"防病毒服务未启用", "have the antivirus service disabled"}},
      {"antivirus.signature_age", {"病毒库未按期更新", "have outdated virus signatures"}},
      {"boot.loader_password", {"未设置引导密码", "have no boot loader password"}},
      {"boot.empty_passwords", {"存在空密码账户", "have accounts with an empty password"}},
      {"boot.autologin", {"启用了自动登录", "log in automatically"}},
      {"boot.password_age", {"密码长期未更换", "have passwords not changed for too long"}},
      {"usb.unapproved_storage", {"接入过未登记的 USB 存储设备", "had unapproved USB storage connected"}},
      {"usb.phone_connected", {"连接过手机", "had a phone connected"}},
      {"network.internet_reachable", {"当前可连接互联网", "can reach the Internet now"}},
      {"network.default_route", {"存在默认路由", "have a default route"}},
      {"network.wireless", {"配有无线网卡", "have a wireless interface"}},
      {"network.tethering_history", {"接入过 USB 共享网络设备", "had USB tethering attached"}},
      {"network.wifi_profiles", {"保存有无线网络配置", "keep saved Wi-Fi profiles"}},
      {"network.internet_history", {"有连接互联网的记录", "show past Internet connections"}},
      {"patch.last_update", {"长期未更新系统", "have not been updated for too long"}},
      {"patch.pending_security", {"有未安装的安全更新", "have security updates pending"}},
      {"patch.reboot_required", {"更新后待重启", "wait for a reboot after updates"}},
  };
  return p;
}

std::string trim_stop(std::string s) {
  for (bool again = true; again;) {
    again = false;
    for (std::string_view stop : {"。", ".", ";", ";", " "}) {
      if (s.size() >= stop.size() && s.compare(s.size() - stop.size(), stop.size(), stop) == 0) {
        s.resize(s.size() - stop.size());
        again = true;
      }
    }
  }
  return s;
}

std::size_t column(const ReportItem& item) {
  if (!item.checked) return 5;
  switch (item.status) {
    case Status::pass:
      return 0;
    case Status::warn:
      return 1;
    case Status::fail:
      return 2;
    case Status::unknown:
      return 3;
    case Status::not_applicable:
      return 4;
  }
  return 3;
}

std::string join(const std::vector<std::string>& v, std::string_view sep) {
  return fmt::format("{}", fmt::join(v, sep));
}

std::string names_list(const std::vector<std::string>& names, Lang lang) {
  bool zh = lang == Lang::zh;
  const std::size_t cap = 12;
  if (names.size() <= cap) return join(names, zh ? "、" : ", ");
  std::vector<std::string> head(names.begin(), names.begin() + cap);
  return zh ? fmt::format("{} 等 {} 台", join(head, "、"), names.size())
            : fmt::format("{} and {} more", join(head, ", "), names.size() - cap);
}

struct Row {
  std::string name, asset, owner, department, classification;
  std::array<std::size_t, 5> col{};
  std::array<Status, 5> status{};
  bool failed = false, clone = false;
  std::string verdict;
};

struct Group {
  std::size_t item;  // 0..4
  std::vector<std::string> lines;
};

struct View {
  Lang lang;
  std::string title, opening, verdict;
  bool failed = false;
  std::size_t problem_count = 0, failed_machines = 0, confidential = 0;
  std::array<StatusCounts, 5> counts{};
  std::vector<Row> rows;
  std::vector<Group> problems, measures;
  std::vector<std::string> notes, bad;
};

std::string machine_name(const SummaryMachine& m) {
  const HostInfo& h = m.doc.host;
  if (!h.hostname.empty()) return h.hostname;
  if (!h.asset_id.empty()) return h.asset_id;
  return m.file;
}

std::string machine_ref(const SummaryMachine& m, Lang lang) {
  std::string n = machine_name(m);
  if (m.doc.host.owner.empty()) return n;
  return lang == Lang::zh ? n + "(" + m.doc.host.owner + ")" : n + " (" + m.doc.host.owner + ")";
}

View build_view(const Summary& s, Lang lang) {
  const bool zh = lang == Lang::zh;
  View v;
  v.lang = lang;
  v.title = zh ? "计算机和网络安全自查情况(汇总)" : "Computer and network security self-inspection (unit summary)";
  const std::size_t n = s.machines.size();

  // Per machine: the items, the table row, problems and measures.
  std::map<std::string, std::size_t> id_count;  // finding id → machines failing/warning it
  std::array<std::size_t, 5> unknown_count{}, checked_count{};
  std::array<std::vector<std::string>, 5> problem_lines;
  std::array<std::vector<std::pair<std::string, std::vector<std::string>>>, 5> measures;  // text → machines
  std::vector<std::string> id_order;
  for (const SummaryMachine& m : s.machines) {
    const Document& d = m.doc;
    Row r;
    r.name = machine_name(m);
    r.asset = d.host.asset_id;
    r.owner = d.host.owner;
    r.department = d.host.department;
    r.classification = classification_words(d.host.classification, lang);
    r.clone = !m.clones.empty();
    if (d.host.classification == "confidential") ++v.confidential;
    auto items = report_items(d);
    for (std::size_t i = 0; i < 5; ++i) {
      r.col[i] = column(items[i]);
      r.status[i] = items[i].status;
      ++v.counts[i][r.col[i]];
      if (items[i].checked) ++checked_count[i];
      if (items[i].checked && items[i].status == Status::unknown) ++unknown_count[i];
      std::set<std::string> ids_here;
      for (const Finding* f : items[i].findings) {
        if (f->status != Status::fail && f->status != Status::warn) continue;
        if (ids_here.insert(f->id).second) {
          if (!id_count.count(f->id)) id_order.push_back(f->id);
          ++id_count[f->id];
        }
        std::string text = trim_stop(f->detail.in(lang).empty() ? f->title.in(lang) : f->detail.in(lang));
        std::string mark = f->status == Status::warn ? (zh ? "(存在风险)" : " (at risk)") : "";
        problem_lines[i].push_back(machine_ref(m, lang) + (zh ? ":" : ": ") + text + mark);
        std::string rem = trim_stop(f->remediation.in(lang));
        if (rem.empty()) rem = zh ? "按要求整改" : "Rectify as required";
        auto& ms = measures[i];
        auto it = std::find_if(ms.begin(), ms.end(), [&](const auto& e) { return e.first == rem; });
        if (it == ms.end()) {
          ms.push_back({rem, {}});
          it = ms.end() - 1;
        }
        if (it->second.empty() || it->second.back() != r.name) it->second.push_back(r.name);
      }
    }
    r.failed = d.verdict == "fail";
    if (r.failed) ++v.failed_machines;
    r.verdict = zh ? (r.failed ? "不合格" : "合格") : (r.failed ? "not passed" : "passed");
    v.rows.push_back(std::move(r));
  }

  // Cross-use of media: a problem of item 3 of its own.
  for (const CrossUse& c : s.cross_use) {
    std::vector<std::string> conf, other;
    for (auto i : c.confidential) conf.push_back(machine_name(s.machines[i]));
    for (auto i : c.other) other.push_back(machine_name(s.machines[i]));
    std::string dev = trim_stop(c.vendor + " " + c.product);
    if (dev.empty() || dev == " ") dev = zh ? "USB 存储设备" : "USB storage device";
    problem_lines[2].push_back(
        zh ? fmt::format("存储设备 {}({}:{},序列号 {})在涉密计算机 {} 与非涉密计算机 {} 间交叉使用", dev, c.vid, c.pid,
                         c.serial, names_list(conf, lang), names_list(other, lang))
           : fmt::format("storage device {} ({}:{}, serial {}) was used on confidential computer(s) {} and on "
                         "non-confidential computer(s) {}",
                         dev, c.vid, c.pid, c.serial, names_list(conf, lang), names_list(other, lang)));
    std::vector<std::string> all = conf;
    all.insert(all.end(), other.begin(), other.end());
    measures[2].push_back(
        {zh ? "停止在涉密计算机与非涉密计算机之间交叉使用该存储介质,按涉密载体收回管理,并检查涉及的计算机"
            : "Stop using the medium on both confidential and non-confidential computers, withdraw it as a "
              "classified carrier and inspect the computers involved",
         all});
  }

  for (std::size_t i = 0; i < 5; ++i) {
    v.problem_count += problem_lines[i].size();
    if (!problem_lines[i].empty()) v.problems.push_back({i, std::move(problem_lines[i])});
    if (!measures[i].empty()) {
      Group g{i, {}};
      for (auto& [text, names] : measures[i])
        g.lines.push_back(zh ? fmt::format("{}({})", text, names_list(names, lang))
                             : fmt::format("{} ({})", text, names_list(names, lang)));
      v.measures.push_back(std::move(g));
    }
  }

  // The opening sentence.
  auto count_of = [&](std::string_view id) {
    auto it = id_count.find(std::string(id));
    return it == id_count.end() ? std::size_t{0} : it->second;
  };
  auto phrase = [&](const std::string& id) {
    auto it = phrases().find(id);
    if (it != phrases().end()) return std::string(zh ? it->second.zh : it->second.en);
    return id;
  };
  std::vector<std::string> clauses;
  std::string first =
      zh ? fmt::format("本次共检查计算机 {} 台,其中涉密计算机 {} 台", n, v.confidential)
         : fmt::format("This inspection covered {} computers, {} of them confidential", n, v.confidential);
  for (std::size_t i = 0; i < 5; ++i) {
    if (checked_count[i] == 0) continue;
    std::string_view section = report_sections()[i];
    std::vector<std::string> parts;
    std::string clause;
    if (section == "antivirus") {
      std::size_t none = count_of("antivirus.installed");
      std::size_t have = checked_count[i] - none;
      if (none == 0)
        clause =
            zh ? fmt::format("{} 台均安装了防病毒软件", have) : fmt::format("all {} have antivirus installed", have);
      else
        clause = zh ? fmt::format("{} 台安装了防病毒软件,{} 台未安装", have, none)
                    : fmt::format("{} have antivirus installed, {} have none", have, none);
      for (const auto& id : id_order)
        if (section_of(id) == section && id != "antivirus.installed")
          parts.push_back(zh ? fmt::format("{} 台{}", count_of(id), phrase(id))
                             : fmt::format("{} {}", count_of(id), phrase(id)));
      if (!parts.empty()) clause += (zh ? ",其中 " : "; of them, ") + join(parts, zh ? "," : ", ");
    } else {
      for (const auto& id : id_order)
        if (section_of(id) == section)
          parts.push_back(zh ? fmt::format("{} 台{}", count_of(id), phrase(id))
                             : fmt::format("{} {}", count_of(id), phrase(id)));
      if (section == "usb" && !s.cross_use.empty())
        parts.push_back(zh ? fmt::format("{} 个存储设备在涉密与非涉密计算机间交叉使用", s.cross_use.size())
                           : fmt::format("{} storage devices were used on both confidential and non-confidential "
                                         "computers",
                                         s.cross_use.size()));
      std::string head = item_heading(i, lang);
      if (section == "network") {
        if (v.confidential == 0) continue;
        clause =
            parts.empty()
                ? (zh ? "涉密计算机均未发现连接互联网的情况" : "no confidential computer shows any Internet connection")
                : (zh ? "涉密计算机中" : "among confidential computers, ") + join(parts, zh ? "," : ", ");
      } else {
        clause = parts.empty() ? (zh ? head + "均符合要求" : head + ": all meet the requirement")
                               : (zh ? head + "方面," : head + ": ") + join(parts, zh ? "," : ", ");
      }
    }
    if (unknown_count[i] > 0)
      clause += zh ? fmt::format(",{} 台无法确定", unknown_count[i])
                   : fmt::format(", {} could not be determined", unknown_count[i]);
    clauses.push_back(clause);
  }
  v.opening = first + (zh ? "。" : ". ");
  if (!clauses.empty()) {
    std::string body = join(clauses, zh ? ";" : "; ");
    if (!zh && !body.empty()) body[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(body[0])));
    v.opening += body + (zh ? "。" : ".");
  }
  if (!zh && !v.opening.empty() && v.opening.back() == ' ') v.opening.pop_back();
  if (!s.bad.empty())
    v.opening +=
        zh ? fmt::format("另有 {} 个文件未通过校验或无法读取,未纳入统计。", s.bad.size())
           : fmt::format(" {} more files failed verification or could not be read and are not counted.", s.bad.size());
  if (!zh) v.opening = trim_stop(v.opening) + ".";

  // Notes: clones and older files.
  std::set<std::string> clone_ids;
  for (const SummaryMachine& m : s.machines) {
    if (m.clones.empty() || !clone_ids.insert(m.doc.host.machine_id).second) continue;
    std::vector<std::string> names{machine_name(m)};
    for (auto j : m.clones)
      names.push_back(machine_name(s.machines[j]) +
                      (s.machines[j].doc.host.asset_id.empty() ? "" : "/" + s.machines[j].doc.host.asset_id));
    names[0] += m.doc.host.asset_id.empty() ? "" : "/" + m.doc.host.asset_id;
    std::string id8 = m.doc.host.machine_id.substr(0, 8);
    v.notes.push_back(
        zh ? fmt::format(
                 "{} 的 machine-id 相同({}…),可能由同一系统镜像克隆,已分别列出;请为每台计算机重新生成 machine-id",
                 join(names, "、"), id8)
           : fmt::format("{} share one machine-id ({}…): probably cloned from one system image; listed "
                         "apart; regenerate each machine-id",
                         join(names, ", "), id8));
  }
  if (!s.superseded.empty())
    v.notes.push_back(
        zh ? fmt::format("同一计算机有多个结果文件的,采用最新一次;较早的 {} 个文件未采用", s.superseded.size())
           : fmt::format("where a computer has several result files the newest is used; {} older files "
                         "were set aside",
                         s.superseded.size()));
  for (const SummaryFile& b : s.bad)
    v.bad.push_back(zh ? fmt::format("{}:{}({})", b.path, check_words(b.check, lang), b.reason)
                       : fmt::format("{}: {} ({})", b.path, check_words(b.check, lang), b.reason));

  // The unit verdict.
  v.failed = v.failed_machines > 0 || !s.cross_use.empty();
  std::size_t unknown_machines = 0;
  for (const auto& r : v.rows)
    if (std::find(r.col.begin(), r.col.end(), 3) != r.col.end()) ++unknown_machines;
  if (n == 0) {
    v.verdict = zh ? "无法得出结论(没有可采信的结果文件)" : "no verdict (no usable findings file)";
  } else if (v.failed) {
    v.verdict =
        zh ? fmt::format("不合格({} 台计算机不合格,共 {} 个问题)", v.failed_machines, v.problem_count)
           : fmt::format("not passed ({} computers not passed, {} problems)", v.failed_machines, v.problem_count);
  } else {
    std::vector<std::string> notes;
    if (v.problem_count)
      notes.push_back(zh ? fmt::format("{} 个风险提示", v.problem_count) : fmt::format("{} warnings", v.problem_count));
    if (unknown_machines)
      notes.push_back(zh ? fmt::format("{} 台存在无法确定的项目", unknown_machines)
                         : fmt::format("{} computers with items not determined", unknown_machines));
    v.verdict = zh ? "合格" : "passed";
    if (!notes.empty()) v.verdict += zh ? "(" + join(notes, ",") + ")" : " (" + join(notes, ", ") + ")";
  }
  if (!s.bad.empty())
    v.verdict +=
        zh ? fmt::format(";{} 个文件未纳入汇总", s.bad.size()) : fmt::format("; {} files not included", s.bad.size());
  return v;
}

std::string group_heading(std::size_t item, Lang lang) {
  return lang == Lang::zh ? "(" + item_numeral(item, lang) + ")" + item_heading(item, lang)
                          : "Item " + item_numeral(item, lang) + ": " + item_heading(item, lang);
}

// ---------------------------------------------------------------------------

std::string pad(const std::string& s, std::size_t width) {
  std::size_t w = display_width(s);
  return w >= width ? s : s + std::string(width - w, ' ');
}

std::string render_text(const View& v) {
  const bool zh = v.lang == Lang::zh;
  const auto& words = status_short_words(v.lang);
  std::string out = v.title + "\n" + v.opening + "\n\n";
  // The table, columns padded by display width.
  std::vector<std::vector<std::string>> cells;
  std::vector<std::string> head = zh ? std::vector<std::string>{"计算机名", "资产编号", "使用人", "部门", "类别"}
                                     : std::vector<std::string>{"Computer", "Asset", "User", "Department", "Class"};
  for (std::size_t i = 0; i < 5; ++i) head.push_back(item_numeral(i, v.lang));
  head.push_back(zh ? "结论" : "Verdict");
  cells.push_back(head);
  for (const Row& r : v.rows) {
    std::vector<std::string> c{r.name + (r.clone ? (zh ? "(克隆)" : " (clone)") : ""), r.asset, r.owner, r.department,
                               r.classification};
    for (auto col : r.col) c.push_back(words[col]);
    c.push_back(r.verdict);
    cells.push_back(std::move(c));
  }
  std::vector<std::size_t> width(head.size(), 0);
  for (const auto& row : cells)
    for (std::size_t k = 0; k < row.size(); ++k)
      width[k] = std::max(width[k], std::min<std::size_t>(display_width(row[k]), 40));
  out += zh ? "各计算机检查情况:\n" : "Computers checked:\n";
  for (const auto& row : cells) {
    std::string line;
    for (std::size_t k = 0; k < row.size(); ++k)
      line += (k ? "  " : "") + (k + 1 < row.size() ? pad(row[k], width[k]) : row[k]);
    out += trim_stop(line) + "\n";
  }
  out += zh ? "\n存在的问题:" : "\nProblems found:";
  if (v.problems.empty()) {
    out += zh ? "无。\n" : " none.\n";
  } else {
    out += "\n";
    std::size_t k = 0;
    for (const Group& g : v.problems) {
      out += group_heading(g.item, v.lang) + "\n";
      for (const auto& l : g.lines) out += fmt::format("{}. {}{}\n", ++k, l, zh ? "。" : ".");
    }
    out += zh ? "整改措施:\n" : "Rectification measures:\n";
    k = 0;
    for (const Group& g : v.measures) {
      out += group_heading(g.item, v.lang) + "\n";
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
  for (std::size_t i = 0; i < 5; ++i) out += " " + item_numeral(i, v.lang) + " |";
  out += zh ? " 结论 |\n" : " Verdict |\n";
  out += "|---|---|---|---|---|---|---|---|---|---|---|\n";
  for (const Row& r : v.rows) {
    out += "| " + md_escape(r.name) + (r.clone ? (zh ? "(克隆)" : " (clone)") : "") + " | " + md_escape(r.asset) +
           " | " + md_escape(r.owner) + " | " + md_escape(r.department) + " | " + md_escape(r.classification) + " |";
    for (auto col : r.col) out += " " + (col == 2 ? "**" + words[col] + "**" : words[col]) + " |";
    out += " " + (r.failed ? "**" + r.verdict + "**" : r.verdict) + " |\n";
  }
  out += "\n";
  for (std::size_t i = 0; i < 5; ++i)
    out +=
        item_numeral(i, v.lang) + (zh ? "、" : ". ") + item_heading(i, v.lang) + (i < 4 ? (zh ? ";" : "; ") : "\n\n");
  out += zh ? "## 存在的问题\n\n" : "## Problems found\n\n";
  if (v.problems.empty()) out += zh ? "无。\n\n" : "None.\n\n";
  std::size_t k = 0;
  for (const Group& g : v.problems) {
    out += "### " + group_heading(g.item, v.lang) + "\n\n";
    for (const auto& l : g.lines) out += fmt::format("{}. {}{}\n", ++k, md_escape(l), zh ? "。" : ".");
    out += "\n";
  }
  if (!v.measures.empty()) {
    out += zh ? "## 整改措施\n\n" : "## Rectification measures\n\n";
    k = 0;
    for (const Group& g : v.measures) {
      out += "### " + group_heading(g.item, v.lang) + "\n\n";
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
  for (std::size_t i = 0; i < 5; ++i)
    b += "<div class=\"chart\"><h3>" +
         html_escape(item_numeral(i, v.lang) + (zh ? "、" : ". ") + item_heading(i, v.lang)) + "</h3>" +
         status_chart_svg(v.counts[i], v.lang) + "</div>\n";
  b += "</div>\n";
  b += zh ? "<h2>各计算机检查情况</h2>\n" : "<h2>Computers checked</h2>\n";
  b += "<table>\n<thead><tr>";
  for (const char* h : zh ? std::array<const char*, 5>{"计算机名", "资产编号", "使用人", "部门", "类别"}
                          : std::array<const char*, 5>{"Computer", "Asset", "User", "Department", "Class"})
    b += std::string("<th>") + h + "</th>";
  for (std::size_t i = 0; i < 5; ++i)
    b += "<th title=\"" + html_escape(item_heading(i, v.lang)) + "\">" + html_escape(item_numeral(i, v.lang)) + "</th>";
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
  for (std::size_t i = 0; i < 5; ++i)
    b += html_escape(item_numeral(i, v.lang) + (zh ? "、" : ". ") + item_heading(i, v.lang)) +
         (i < 4 ? (zh ? ";" : "; ") : "");
  b += "</p>\n";
  b += zh ? "<h2>存在的问题</h2>\n" : "<h2>Problems found</h2>\n";
  if (v.problems.empty()) b += zh ? "<p>无。</p>\n" : "<p>None.</p>\n";
  // Problems and measures: one numbered list per item, numbering running on.
  auto grouped_lists = [&](const std::vector<Group>& groups) {
    std::size_t k = 0;
    for (const Group& g : groups) {
      b +=
          "<h3>" + html_escape(group_heading(g.item, v.lang)) + "</h3>\n<ol start=\"" + std::to_string(k + 1) + "\">\n";
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
  for (std::size_t i = 0; i < 5; ++i) {
    Value& it = items.push(Value::object());
    it.add("section", Value::str(report_sections()[i]));
    it.add("heading", Value::str(item_heading(i, v.lang)));
    Value& c = it.add("counts", Value::object());
    for (std::size_t k = 0; k < 6; ++k) c.add(col_names[k], Value::integer(static_cast<std::int64_t>(v.counts[i][k])));
  }
  Value& machines = root.add("machines", Value::array());
  for (std::size_t m = 0; m < s.machines.size(); ++m) {
    const SummaryMachine& sm = s.machines[m];
    const HostInfo& h = sm.doc.host;
    Value& o = machines.push(Value::object());
    o.add("hostname", Value::str(h.hostname));
    o.add("machine_id", Value::str(h.machine_id));
    o.add("asset_id", Value::str(h.asset_id));
    o.add("owner", Value::str(h.owner));
    o.add("department", Value::str(h.department));
    o.add("classification", Value::str(h.classification));
    Value& st = o.add("items", Value::object());
    for (std::size_t i = 0; i < 5; ++i) st.add(report_sections()[i], Value::str(col_names[v.rows[m].col[i]]));
    o.add("verdict", Value::str(sm.doc.verdict));
    o.add("file", Value::str(sm.file));
    Value& cl = o.add("clone_of", Value::array());
    for (auto j : sm.clones) cl.push(Value::str(machine_name(s.machines[j])));
    Value& pr = o.add("problems", Value::array());
    for (const Finding& f : sm.doc.findings) {
      if (f.status != Status::fail && f.status != Status::warn) continue;
      Value& p = pr.push(Value::object());
      p.add("id", Value::str(f.id));
      p.add("status", Value::str(to_string(f.status)));
      p.add("detail", Value::str(f.detail.in(v.lang)));
      p.add("remediation", Value::str(f.remediation.in(v.lang)));
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
      o.add("section", Value::str(report_sections()[g.item]));
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

std::string render_summary(const Summary& s, const std::string& format, Lang lang) {
  View v = build_view(s, lang);
  if (format == "markdown") return render_markdown(v);
  if (format == "html") return render_html(v);
  if (format == "json") return render_json(s, v);
  return render_text(v);
}

}  // namespace sc
