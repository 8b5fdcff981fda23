// Reading many findings files for the unit summary: the files listed in path
// order, each document reduced to its digest (and the digest's encoding in the
// summary's stores). summary_collate.cpp reads them on all cores.
#include "agent/summary.hpp"

#include <algorithm>

#include "agent/core/platform.hpp"

namespace sc {

namespace fs = std::filesystem;

static bool findings_name(const fs::path& p) {
  std::string name = path_text(p.filename());
  if (name.empty() || name[0] == '.') return false;
  if (name == "selfcheck-collection.yaml") return false;
  std::string ext = path_text(p.extension());
  return ext == ".yaml" || ext == ".yml" || ext == ".json";
}

// The order of std::filesystem::path on normalised paths (component by
// component), on plain strings: '/' sorts before every other byte.
bool summary_path_less(std::string_view a, std::string_view b) {
  auto key = [](char c) { return c == '/' ? 0 : static_cast<unsigned char>(c) + 1; };
  return std::lexicographical_compare(a.begin(), a.end(), b.begin(), b.end(),
                                      [&](char x, char y) { return key(x) < key(y); });
}

SummaryFileList summary_file_list(const std::vector<std::string>& inputs, std::vector<SummaryFile>& bad,
                                  std::size_t budget) {
  // Paths are sorted in a bounded store: a drive lists tens of thousands.
  SpillSorter sorted([](std::string_view a, std::string_view b) { return summary_path_less(a, b); }, budget);
  for (const auto& in : inputs) {
    std::error_code ec;
    fs::path p(in);
    if (fs::is_directory(p, ec)) {
      fs::recursive_directory_iterator it(p, fs::directory_options::skip_permission_denied, ec), end;
      if (ec) bad.push_back({in, FileCheck::unreadable, ec.message()});
      for (; !ec && it != end; it.increment(ec)) {
        std::string name = path_text(it->path().filename());
        if (it->is_directory(ec) && !name.empty() && name[0] == '.') {
          it.disable_recursion_pending();
          continue;
        }
        if (it->is_regular_file(ec) && findings_name(it->path())) sorted.add(it->path().string());
      }
      if (ec) bad.push_back({in, FileCheck::unreadable, "while listing: " + ec.message()});
    } else if (fs::exists(p, ec)) {
      sorted.add(p.string());
    } else {
      bad.push_back({in, FileCheck::unreadable, "no such file or directory"});
    }
  }
  SummaryFileList list{Spill(budget), 0};
  std::string path, last;
  for (bool first = true; sorted.next(path); first = false) {
    if (!first && path == last) continue;
    list.paths.append(path);
    ++list.count;
    last.swap(path);
  }
  return list;
}

std::vector<std::string> summary_files(const std::vector<std::string>& inputs, std::vector<SummaryFile>& bad) {
  SummaryFileList list = summary_file_list(inputs, bad);
  std::vector<std::string> files;
  files.reserve(list.count);
  auto c = list.paths.cursor();
  for (std::string p; c.next(p);) files.push_back(p);
  return files;
}

namespace {

// The devices a finding's evidence names: its `serials`, else the serial (or
// vid:pid) of each `devices` line the usb probe writes ("0781:5583 SanDisk
// Ultra Fit serial=4C53… first=…").
std::vector<std::string> evidence_devices(const Evidence& ev) {
  std::vector<std::string> out;
  auto add = [&](std::string d) {
    if (!d.empty() && std::find(out.begin(), out.end(), d) == out.end()) out.push_back(std::move(d));
  };
  auto list = [&](const char* key) -> const std::vector<std::string>* {
    auto it = ev.find(key);
    return it == ev.end() ? nullptr : std::get_if<std::vector<std::string>>(&it->second);
  };
  if (const auto* serials = list("serials")) {
    for (const auto& s : *serials) add(s);
    return out;
  }
  if (const auto* lines = list("devices")) {
    for (const auto& line : *lines) {
      std::string_view l = line;
      if (l.rfind("unconfirmed ", 0) == 0) l.remove_prefix(12);
      std::string_view first = l.substr(0, l.find(' '));
      if (first.size() != 9 || first[4] != ':') continue;  // not a "vid:pid …" line
      auto s = l.find(" serial=");
      std::string_view serial = s == std::string_view::npos ? std::string_view() : l.substr(s + 8);
      serial = serial.substr(0, serial.find(' '));
      add(std::string(serial.empty() || serial == "(none)" ? first : serial));
    }
  }
  return out;
}

}  // namespace

MachineDigest digest(const Document& doc, const Catalog& catalog) {
  MachineDigest m;
  const HostInfo& h = doc.host;
  m.hostname = h.hostname;
  m.machine_id = h.machine_id;
  m.asset_id = h.asset_id;
  m.owner = h.owner;
  m.department = h.department;
  m.classification = h.classification;
  m.finished = doc.finished;
  m.verdict = doc.verdict;
  auto items = report_items(doc, catalog);
  m.sections.reserve(items.size());
  for (const ReportItem& item : items) {
    if (!item.checked) continue;
    m.sections.emplace_back(item.section, item.status);
    for (const Finding* f : item.findings) {
      if (f->status != Status::fail && f->status != Status::warn) continue;
      Text text = f->detail.empty() ? f->title : f->detail;
      text.zh = zh_reasons(std::move(text.zh));  // files written before make_finding did it (issue 14)
      m.problems.push_back(
          {f->id, f->section, f->status, std::move(text), f->title, f->remediation, evidence_devices(f->evidence)});
    }
  }
  for (const auto& u : doc.usb_devices) {
    if (u.kind != "storage" || u.serial.empty() || u.role == "collection") continue;
    bool seen = std::any_of(m.media.begin(), m.media.end(), [&](const SummaryMedium& x) {
      return x.vid == u.vid && x.pid == u.pid && x.serial == u.serial;
    });
    if (!seen) m.media.push_back({u.vid, u.pid, u.serial, u.vendor, u.product});
  }
  m.sections.shrink_to_fit();
  m.problems.shrink_to_fit();
  m.media.shrink_to_fit();
  return m;
}

namespace {

void put_text(RecWriter& w, const Text& t) { w.str(t.zh).str(t.en); }
Text get_text(RecReader& r) {
  Text t;
  t.zh = r.str();
  t.en = r.str();
  return t;
}
Status get_status(RecReader& r) {
  unsigned v = r.u8();
  return v <= static_cast<unsigned>(Status::not_applicable) ? static_cast<Status>(v) : Status::unknown;
}

}  // namespace

void encode_digest(const MachineDigest& m, RecWriter& w) {
  for (const std::string* f :
       {&m.hostname, &m.machine_id, &m.asset_id, &m.owner, &m.department, &m.classification, &m.finished, &m.verdict})
    w.str(*f);
  w.u32(static_cast<std::uint32_t>(m.sections.size()));
  for (const auto& [section, st] : m.sections) w.str(section).u8(static_cast<unsigned>(st));
  w.u32(static_cast<std::uint32_t>(m.problems.size()));
  for (const SummaryProblem& p : m.problems) {
    w.str(p.id).str(p.section).u8(static_cast<unsigned>(p.status));
    put_text(w, p.text);
    put_text(w, p.title);
    put_text(w, p.remediation);
    w.u32(static_cast<std::uint32_t>(p.devices.size()));
    for (const auto& d : p.devices) w.str(d);
  }
  w.u32(static_cast<std::uint32_t>(m.media.size()));
  for (const SummaryMedium& u : m.media) w.str(u.vid).str(u.pid).str(u.serial).str(u.vendor).str(u.product);
}

MachineDigest decode_digest(RecReader& r) {
  MachineDigest m;
  for (std::string* f :
       {&m.hostname, &m.machine_id, &m.asset_id, &m.owner, &m.department, &m.classification, &m.finished, &m.verdict})
    *f = r.str();
  m.sections.resize(r.u32());
  for (auto& [section, st] : m.sections) {
    section = r.str();
    st = get_status(r);
  }
  m.problems.resize(r.u32());
  for (SummaryProblem& p : m.problems) {
    p.id = r.str();
    p.section = r.str();
    p.status = get_status(r);
    p.text = get_text(r);
    p.title = get_text(r);
    p.remediation = get_text(r);
    p.devices.resize(r.u32());
    for (auto& d : p.devices) d = r.str();
  }
  m.media.resize(r.u32());
  for (SummaryMedium& u : m.media) {
    u.vid = r.str();
    u.pid = r.str();
    u.serial = r.str();
    u.vendor = r.str();
    u.product = r.str();
  }
  return m;
}

}  // namespace sc
