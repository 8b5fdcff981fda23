// The unit section's content (docs/report.md "The unit"): the opening
// sentence with counts, the table rows, problems grouped by item, one measure
// per kind of problem naming every machine and device it concerns, notes
// (clones, older files), files left out, and the unit verdict.
#include "agent/summary_view.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "agent/summary_spill.hpp"

namespace sc {

namespace {

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

std::size_t column(Status s) {
  switch (s) {
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

// At most 12 names, then "等 N 台" / "and N more": `head` holds the first 12
// of `total` distinct names.
std::string names_list(const std::vector<std::string>& head, std::size_t total, Lang lang, const char* zh_unit = "台") {
  bool zh = lang == Lang::zh;
  const std::size_t cap = 12;
  if (total <= cap) return join(head, zh ? "、" : ", ");
  std::vector<std::string> first(head.begin(), head.begin() + std::min(cap, head.size()));
  return zh ? fmt::format("{} 等 {} {}", join(first, "、"), total, zh_unit)
            : fmt::format("{} and {} more", join(first, ", "), total - cap);
}
std::string names_list(const std::vector<std::string>& names, Lang lang, const char* zh_unit = "台") {
  return names_list(names, names.size(), lang, zh_unit);
}

std::string machine_ref(const SummaryMachine& m, Lang lang) {
  std::string n = machine_name(m);
  if (m.m.owner.empty()) return n;
  return lang == Lang::zh ? n + "(" + m.m.owner + ")" : n + " (" + m.m.owner + ")";
}

void add_unique(std::vector<std::string>& v, const std::string& s) {
  if (!s.empty() && std::find(v.begin(), v.end(), s) == v.end()) v.push_back(s);
}

// One measure per kind of problem (a finding id, or cross-use of media): the
// first 12 machines and devices it names (all for cross-use), and how many.
struct Measure {
  std::string kind;
  std::string text;
  std::vector<std::string> machines, devices;
  std::size_t n_machines = 0, n_devices = 0;
};

void add_head(std::vector<std::string>& v, const std::string& s) {
  if (v.size() < 12) add_unique(v, s);
}

}  // namespace

std::string machine_name(const SummaryMachine& m) {
  if (!m.m.hostname.empty()) return m.m.hostname;
  if (!m.m.asset_id.empty()) return m.m.asset_id;
  return m.file;
}

std::string group_heading(const SummaryView& v, std::size_t item) {
  const std::string& h = v.items[item].heading.in(v.lang);
  return v.lang == Lang::zh ? "(" + item_numeral(item, v.lang) + ")" + h
                            : "Item " + item_numeral(item, v.lang) + ": " + h;
}

SummaryRow make_row(const SummaryView& v, const SummaryMachine& sm) {
  const bool zh = v.lang == Lang::zh;
  const MachineDigest& d = sm.m;
  SummaryRow r;
  r.name = machine_name(sm);
  r.asset = d.asset_id;
  r.owner = d.owner;
  r.department = d.department;
  r.classification = classification_words(d.classification, v.lang);
  r.clone = !sm.clones.empty();
  r.col.assign(v.items.size(), kNotChecked);
  for (const auto& [section, st] : d.sections) {
    auto it = v.item_of.find(section);
    if (it != v.item_of.end()) r.col[it->second] = column(st);
  }
  r.failed = d.verdict == "fail";
  r.verdict = zh ? (r.failed ? "不合格" : "合格") : (r.failed ? "not passed" : "passed");
  return r;
}

void each_row(const Summary& s, const SummaryView& v,
              const std::function<void(const SummaryRow&, const SummaryMachine&)>& f) {
  s.each_machine([&](std::size_t, const SummaryMachine& m) { f(make_row(v, m), m); });
}

bool next_problem(SummaryView& v, std::size_t& item, std::string& line) {
  std::string rec;
  if (!v.problems || !v.problems->next(rec)) return false;
  RecReader r(rec);
  item = r.be32();
  r.be32();
  line.assign(r.rest());
  return true;
}

SummaryView build_view(const Summary& s, Lang lang, const Catalog& catalog) {
  const bool zh = lang == Lang::zh;
  SummaryView v;
  v.lang = lang;
  v.title = zh ? "计算机和网络安全自查情况(汇总)" : "Computer and network security self-inspection (unit summary)";
  const std::size_t n = s.machine_count;

  // The items: the catalog's, then sections that only some files know.
  v.items = catalog;
  for (std::size_t i = 0; i < v.items.size(); ++i) v.item_of.emplace(v.items[i].section, i);
  auto item_of = [&](const std::string& section) {
    auto [it, fresh] = v.item_of.emplace(section, v.items.size());
    if (fresh) v.items.push_back({section, Text::same(section), {}});
    return it->second;
  };
  s.each_machine([&](std::size_t, const SummaryMachine& m) {
    for (const auto& [section, st] : m.m.sections) item_of(section);
  });
  const std::size_t k_items = v.items.size();
  v.counts.assign(k_items, StatusCounts{});

  std::map<std::string, std::size_t> id_count;  // finding id → machines failing/warning it
  std::map<std::string, Text> id_title;         // wording of ids the catalog has none for
  std::vector<std::string> id_order;
  std::vector<std::size_t> unknown_count(k_items), checked_count(k_items);
  v.problem_lines.assign(k_items, 0);
  std::vector<std::vector<Measure>> measures(k_items);
  // Problem lines in (item, number) order; the measures' machines and devices
  // (measure, kind, name) sorted to count them.
  v.problems = std::make_unique<SpillSorter>([](std::string_view a, std::string_view b) { return a < b; }, s.budget);
  SpillSorter named([](std::string_view a, std::string_view b) { return a < b; }, s.budget);
  std::vector<Measure*> measure_at;
  std::uint32_t line_no = 0;
  auto add_line = [&](std::size_t item, const std::string& line) {
    RecWriter w;
    w.be32(static_cast<std::uint32_t>(item)).be32(line_no++).raw(line);
    v.problems->add(std::move(w.bytes()));
    ++v.problem_lines[item];
  };
  auto add_named = [&](std::uint32_t measure, unsigned kind, const std::string& name) {
    if (name.empty()) return;
    RecWriter w;
    w.be32(measure).u8(kind).raw(name);
    named.add(std::move(w.bytes()));
  };
  std::size_t unknown_machines = 0;
  std::set<std::string> clone_ids;
  s.each_machine([&](std::size_t, const SummaryMachine& sm) {
    const MachineDigest& d = sm.m;
    SummaryRow r = make_row(v, sm);
    if (d.classification == "confidential") ++v.confidential;
    for (const auto& [section, st] : d.sections) {
      std::size_t i = v.item_of.at(section);
      ++checked_count[i];
      if (st == Status::unknown) ++unknown_count[i];
    }
    for (std::size_t i = 0; i < k_items; ++i) ++v.counts[i][r.col[i]];
    if (std::find(r.col.begin(), r.col.end(), 3) != r.col.end()) ++unknown_machines;
    std::set<std::string> ids_here;
    for (const SummaryProblem& p : d.problems) {
      std::size_t i = item_of(p.section);
      if (i >= measures.size()) {
        measures.resize(i + 1);
        v.problem_lines.resize(i + 1);
      }
      if (ids_here.insert(p.id).second) {
        if (!id_count.count(p.id)) {
          id_order.push_back(p.id);
          id_title[p.id] = p.title.empty() ? Text::same(p.id) : p.title;
        }
        ++id_count[p.id];
      }
      std::string mark = p.status == Status::warn ? (zh ? "(存在风险)" : " (at risk)") : "";
      add_line(i, machine_ref(sm, lang) + (zh ? ":" : ": ") + trim_stop(p.text.in(lang)) + mark);
      auto& ms = measures[i];
      auto it = std::find_if(ms.begin(), ms.end(), [&](const Measure& m) { return m.kind == p.id; });
      if (it == ms.end()) {
        std::string rem = trim_stop(p.remediation.in(lang));
        if (rem.empty()) rem = zh ? "按要求整改" : "Rectify as required";
        ms.push_back({p.id, rem, {}, {}});
        it = ms.end() - 1;
      }
      // The measure's number: its item and place (pointers into `measures` move).
      auto id = static_cast<std::uint32_t>((i << 16) | static_cast<std::size_t>(it - ms.begin()));
      add_head(it->machines, r.name);
      add_named(id, 0, r.name);
      for (const auto& dev : p.devices) {
        add_head(it->devices, dev);
        add_named(id, 1, dev);
      }
    }
    if (r.failed) ++v.failed_machines;
    // Notes: clones.
    if (!sm.clones.empty() && clone_ids.insert(d.machine_id).second) {
      std::vector<std::string> names{machine_name(sm)};
      for (auto j : sm.clones) {
        const auto& [name, asset] = s.named.at(j);
        names.push_back(name + (asset.empty() ? "" : "/" + asset));
      }
      names[0] += d.asset_id.empty() ? "" : "/" + d.asset_id;
      std::string id8 = d.machine_id.substr(0, 8);
      v.notes.push_back(
          zh ? fmt::format(
                   "{} 的 machine-id 相同({}…),可能由同一系统镜像克隆,已分别列出;请为每台计算机重新生成 machine-id",
                   join(names, "、"), id8)
             : fmt::format("{} share one machine-id ({}…): probably cloned from one system image; listed "
                           "apart; regenerate each machine-id",
                           join(names, ", "), id8));
    }
  });
  // How many distinct machines and devices each measure names.
  {
    std::string rec, last;
    while (named.next(rec)) {
      if (rec == last) continue;
      RecReader r(rec);
      std::uint32_t id = r.be32();
      unsigned kind = r.u8();
      Measure& m = measures[id >> 16][id & 0xffff];
      ++(kind ? m.n_devices : m.n_machines);
      last.swap(rec);
    }
  }

  // Cross-use of media: a problem of its own per device, one measure for all,
  // under the usb item.
  const std::size_t usb_item = s.cross_use.empty() ? std::size_t(-1) : item_of("usb");
  if (v.counts.size() < v.items.size()) v.counts.resize(v.items.size());
  if (v.problem_lines.size() < v.items.size()) {
    v.problem_lines.resize(v.items.size());
    measures.resize(v.items.size());
    unknown_count.resize(v.items.size());
    checked_count.resize(v.items.size());
  }
  Measure cross{"cross_use",
                zh ? "停止在涉密计算机与非涉密计算机之间交叉使用存储介质,按涉密载体收回管理,并检查涉及的计算机"
                   : "Stop using the media on both confidential and non-confidential computers, withdraw them as "
                     "classified carriers and inspect the computers involved",
                {},
                {}};
  for (const CrossUse& c : s.cross_use) {
    std::vector<std::string> conf, other;
    for (auto i : c.confidential) conf.push_back(s.name_of(i));
    for (auto i : c.other) other.push_back(s.name_of(i));
    std::string dev = trim_stop(c.vendor + " " + c.product);
    if (dev.empty()) dev = zh ? "USB 存储设备" : "USB storage device";
    add_line(usb_item,
             zh ? fmt::format("存储设备 {}({}:{},序列号 {})在涉密计算机 {} 与非涉密计算机 {} 间交叉使用", dev, c.vid,
                              c.pid, c.serial, names_list(conf, lang), names_list(other, lang))
                : fmt::format("storage device {} ({}:{}, serial {}) was used on confidential computer(s) {} and on "
                              "non-confidential computer(s) {}",
                              dev, c.vid, c.pid, c.serial, names_list(conf, lang), names_list(other, lang)));
    for (const auto& m : conf) add_unique(cross.machines, m);
    for (const auto& m : other) add_unique(cross.machines, m);
    add_unique(cross.devices, c.serial);
  }
  cross.n_machines = cross.machines.size();
  cross.n_devices = cross.devices.size();
  if (!s.cross_use.empty()) measures[usb_item].push_back(std::move(cross));

  for (std::size_t i = 0; i < v.items.size(); ++i) {
    v.problem_count += v.problem_lines[i];
    if (measures[i].empty()) continue;
    SummaryGroup g{i, {}};
    for (const Measure& m : measures[i]) {
      std::string who = names_list(m.machines, m.n_machines, lang);
      if (m.n_devices > 0)
        who += zh ? ";设备 " + names_list(m.devices, m.n_devices, lang, "个")
                  : "; devices " + names_list(m.devices, m.n_devices, lang);
      g.lines.push_back(zh ? fmt::format("{}({})", m.text, who) : fmt::format("{} ({})", m.text, who));
    }
    v.measures.push_back(std::move(g));
  }

  // The opening sentence.
  auto count_of = [&](std::string_view id) {
    auto it = id_count.find(std::string(id));
    return it == id_count.end() ? std::size_t{0} : it->second;
  };
  auto phrase = [&](const ItemSpec& item, const std::string& id) {
    auto it = item.phrases.find(id);
    return (it != item.phrases.end() ? it->second : id_title[id]).in(lang);
  };
  auto counted = [&](const ItemSpec& item, const std::string& id) {
    return zh ? fmt::format("{} 台{}", count_of(id), phrase(item, id))
              : fmt::format("{} {}", count_of(id), phrase(item, id));
  };
  std::vector<std::string> clauses;
  std::string first =
      zh ? fmt::format("本次共检查计算机 {} 台,其中涉密计算机 {} 台", n, v.confidential)
         : fmt::format("This inspection covered {} computers, {} of them confidential", n, v.confidential);
  for (std::size_t i = 0; i < v.items.size(); ++i) {
    if (checked_count[i] == 0) continue;
    const ItemSpec& item = v.items[i];
    const std::string& section = item.section;
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
        if (section_of(id) == section && id != "antivirus.installed") parts.push_back(counted(item, id));
      if (!parts.empty()) clause += (zh ? ",其中 " : "; of them, ") + join(parts, zh ? "," : ", ");
    } else {
      for (const auto& id : id_order)
        if (section_of(id) == section) parts.push_back(counted(item, id));
      if (i == usb_item && !s.cross_use.empty())
        parts.push_back(zh ? fmt::format("{} 个存储设备在涉密与非涉密计算机间交叉使用", s.cross_use.size())
                           : fmt::format("{} storage devices were used on both confidential and non-confidential "
                                         "computers",
                                         s.cross_use.size()));
      std::string head = item.heading.in(lang);
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

  // Notes: older files (clones are noted above).
  if (s.superseded_count)
    v.notes.push_back(
        zh ? fmt::format("同一计算机有多个结果文件的,采用最新一次;较早的 {} 个文件未采用", s.superseded_count)
           : fmt::format("where a computer has several result files the newest is used; {} older files "
                         "were set aside",
                         s.superseded_count));
  for (const SummaryFile& b : s.bad)
    v.bad.push_back(zh ? fmt::format("{}:{}({})", b.path, check_words(b.check, lang), b.reason)
                       : fmt::format("{}: {} ({})", b.path, check_words(b.check, lang), b.reason));

  // The unit verdict.
  v.failed = v.failed_machines > 0 || !s.cross_use.empty();
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

}  // namespace sc
