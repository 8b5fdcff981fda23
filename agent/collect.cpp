// Writing findings onto the collection drive (scan --collect, collect).
#include "agent/collect.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "agent/core/drives.hpp"
#include "agent/core/errors.hpp"
#include "agent/core/platform.hpp"
#include "agent/integrity.hpp"

namespace sc {

namespace fs = std::filesystem;

std::vector<std::string> parse_mountinfo(std::string_view text) {
  std::vector<std::string> out;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t eol = text.find('\n', pos);
    if (eol == std::string_view::npos) eol = text.size();
    std::string_view line = text.substr(pos, eol - pos);
    pos = eol + 1;
    // id parent major:minor root mount-point options ...
    std::size_t start = 0;
    std::string_view field;
    bool found = false;
    for (int n = 0; n < 5; ++n) {
      while (start < line.size() && line[start] == ' ') ++start;
      std::size_t end = line.find(' ', start);
      if (end == std::string_view::npos) end = line.size();
      if (start >= line.size()) break;
      field = line.substr(start, end - start);
      start = end;
      found = n == 4;
    }
    if (!found || field.empty() || field[0] != '/') continue;
    std::string mp;
    auto oct = [](char c) { return c >= '0' && c <= '7'; };
    for (std::size_t i = 0; i < field.size(); ++i) {
      if (field[i] == '\\' && i + 3 < field.size() && oct(field[i + 1]) && oct(field[i + 2]) && oct(field[i + 3])) {
        mp += static_cast<char>(((field[i + 1] - '0') * 64 + (field[i + 2] - '0') * 8 + (field[i + 3] - '0')) & 0xFF);
        i += 3;
      } else {
        mp += field[i];
      }
    }
    out.push_back(std::move(mp));
  }
  return out;
}

std::vector<fs::path> find_collection_drives(const std::vector<fs::path>& candidates) {
  std::vector<fs::path> drives;
  for (const auto& d : candidates) {
    std::error_code ec;
    if (fs::is_regular_file(d / kCollectionMarker, ec) && std::find(drives.begin(), drives.end(), d) == drives.end())
      drives.push_back(d);
  }
  return drives;
}

std::vector<fs::path> find_collection_drives(std::string_view mountinfo_text) {
  std::vector<fs::path> candidates;
  for (const auto& mp : parse_mountinfo(mountinfo_text)) candidates.emplace_back(mp);
  return find_collection_drives(candidates);
}

namespace {

std::string safe_name(std::string_view s, std::string_view fallback) {
  std::string out;
  for (char c : s) {
    bool ok =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
    out += ok ? c : '_';
  }
  for (char& c : out) {
    if (c != '.') break;
    c = '_';
  }
  if (out.empty()) out = fallback;
  return out.substr(0, 64);
}

bool iso_date(std::string_view s) {
  if (s.size() < 10) return false;
  for (std::size_t i = 0; i < 10; ++i) {
    bool digit = s[i] >= '0' && s[i] <= '9';
    if ((i == 4 || i == 7) ? s[i] != '-' : !digit) return false;
  }
  return true;
}

}  // namespace

fs::path collection_name(const Document& doc) {
  std::string date = iso_date(doc.as_of)      ? doc.as_of.substr(0, 10)
                     : iso_date(doc.finished) ? doc.finished.substr(0, 10)
                                              : "undated";
  std::string id = safe_name(doc.host.machine_id.substr(0, 8), "unknown");
  // Cloned PCs share hostname and machine-id but not their asset_id.
  std::string asset = doc.host.asset_id.empty() ? "" : "-" + safe_name(doc.host.asset_id, "");
  return fs::path(date) / fmt::format("{}-{}{}.yaml", safe_name(doc.host.hostname, "unknown"), id, asset);
}

namespace {

// The folders <drive>/selfcheck/<date>, made or opened one component at a
// time without following links (drives.hpp): a link placed on the drive
// ("selfcheck" -> /etc) is refused, never written through (issue 13 item 7).
void make_folders(const fs::path& drive, const fs::path& rel, const std::string& keep) {
  std::optional<FolderError> e = make_folders_no_links(drive, rel);
  if (!e) return;
  switch (e->kind) {
    case FolderError::open_base:
      throw OutputError(fmt::format("cannot open the collection drive {}: {}; {}", path_text(drive), e->why, keep));
    case FolderError::create:
      throw OutputError(
          fmt::format("cannot create {} on the collection drive: {}; {}", path_text(e->at), e->why, keep));
    case FolderError::link:
      throw OutputError(
          fmt::format("{} on the collection drive is a link or not a folder: refusing to write through it; {}",
                      path_text(e->at), keep));
    case FolderError::open:
      break;
  }
  throw OutputError(fmt::format("cannot open {} on the collection drive: {}; {}", path_text(e->at), e->why, keep));
}

// Whether the file at `p` (a regular file, not a link) is an earlier result
// of the same machine: same hostname, machine-id and asset_id (clones made
// from one image share the first two); without an asset_id, also the same
// owner and department.
bool same_machine(const fs::path& p, const Document& doc) {
  FileResult r = read_local_file(p, kMaxFindingsBytes);
  if (!r.ok()) return false;
  try {
    Document old = read_document(r.data);
    return old.host.hostname == doc.host.hostname && old.host.machine_id == doc.host.machine_id &&
           old.host.asset_id == doc.host.asset_id &&
           (!doc.host.asset_id.empty() ||
            (old.host.owner == doc.host.owner && old.host.department == doc.host.department));
  } catch (const DocumentError&) {
    return false;
  }
}

}  // namespace

fs::path collect_document(const Host& host, const Config&, const std::string& yaml_text, const Document& doc,
                          std::optional<fs::path> dir) {
  const std::string keep = "the findings stay in the spool; run `selfcheck collect` to try again";
  fs::path drive;
  if (dir) {
    drive = *dir;
    std::error_code ec;
    if (!fs::is_directory(drive, ec))
      throw OutputError(fmt::format("collection drive {} is not a mounted directory; {}", path_text(drive), keep));
  } else {
    auto drives = find_collection_drives(collection_drive_candidates());
    if (drives.empty())
      throw OutputError(
          fmt::format("no collection drive found (no mounted filesystem or removable drive has {} at its root); plug "
                      "it in or name it with "
                      "--collect=DIR; {}",
                      kCollectionMarker, keep));
    if (drives.size() > 1) {
      std::vector<std::string> names;
      for (const auto& d : drives) names.push_back(path_text(d));
      throw OutputError(fmt::format("several collection drives are mounted ({}); name one with --collect=DIR",
                                    fmt::join(names, ", ")));
    }
    drive = drives.front();
  }
  fs::path name = collection_name(doc);
  make_folders(drive, fs::path("selfcheck") / name.parent_path(), keep);
  fs::path folder = drive / "selfcheck" / name.parent_path();
  std::string stem = name.stem().string();
  // The machine's own earlier file of the day is replaced; another machine's
  // file (a clone with the same name) is never overwritten: -2, -3 ... instead.
  try {
    for (int n = 1; n <= 100; ++n) {
      fs::path target = folder / (n == 1 ? name.filename().string() : fmt::format("{}-{}.yaml", stem, n));
      std::error_code ec;
      fs::file_status st = fs::symlink_status(target, ec);  // lstat(2): the entry itself, links not followed
      if (!ec && fs::exists(st)) {
        if (!fs::is_regular_file(st))
          throw OutputError(fmt::format(
              "{} on the collection drive is a link or not a regular file: refusing to write through it; {}",
              path_text(target), keep));
        if (!same_machine(target, doc)) continue;
        host.write_file_atomic(target, yaml_text);
        return target;
      }
      if (host.write_file_new(target, yaml_text)) return target;
    }
  } catch (const OutputError& e) {
    std::string m = e.what();
    if (m.find(keep) != std::string::npos) throw;
    throw OutputError(fmt::format("{}; {}", m, keep));
  }
  throw OutputError(
      fmt::format("{}: 100 files of other machines with this name; {}", path_text(folder / name.filename()), keep));
}

}  // namespace sc
