// boot.autologin on Linux, the evidence gatherer: automatic login configured in GDM, LightDM, SDDM or a
// getty (systemd drop-in or /etc/inittab), read in the order and with the
// comment rules each program uses, so that commented lines and later
// overrides count exactly as they do at boot.
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "checks/boot/boot_checks.hpp"
#include "checks/formats/ini_file.hpp"

namespace sc {

namespace {

struct Hit {
  std::string manager;  // gdm, lightdm, sddm, getty@tty1, inittab
  std::string account;  // may be "(guest)"
  std::string where;    // file:line
};

struct Scan {
  explicit Scan(const Host& h) : host(h) {}
  const Host& host;
  std::vector<Hit> hits;
  std::vector<std::string> checked;   // files read
  std::vector<std::string> problems;  // unreadable files
  int malformed = 0;

  std::optional<std::string> read(const std::string& path) {
    FileResult r = host.read_file(path, 1u << 20);
    if (r.missing) return std::nullopt;
    if (!r.ok()) {
      problems.push_back(r.error);
      return std::nullopt;
    }
    checked.push_back(path);
    return std::move(r.data);
  }

  // Files of a drop-in directory, sorted; `suffix` filters (LightDM: ".conf").
  std::vector<std::string> dir_files(const std::string& dir, std::string_view suffix) {
    std::vector<std::string> out;
    for (const std::string& n : host.list_dir(dir)) {
      if (n.size() < suffix.size() || n.compare(n.size() - suffix.size(), suffix.size(), suffix) != 0) continue;
      std::string p = dir + "/" + n;
      if (host.is_dir(p)) continue;
      out.push_back(p);
    }
    return out;
  }
};

std::string trim(std::string s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.pop_back();
  std::size_t i = 0;
  while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
  return s.substr(i);
}

std::string at(const IniSettings::Value& v) { return fmt::format("{}:{}", v.file, v.line); }

// GDM: one keyfile, [daemon] AutomaticLoginEnable/AutomaticLogin and the
// timed variant. Booleans as gdm_settings_parse_value_as_boolean: "true" or "1".
void scan_gdm(Scan& s) {
  for (const char* path : {"/etc/gdm3/daemon.conf", "/etc/gdm3/custom.conf", "/etc/gdm/custom.conf"}) {
    auto text = s.read(path);
    if (!text) continue;
    IniFile f = parse_ini(*text, IniDialect::gkeyfile);
    s.malformed += f.malformed;
    IniSettings cfg;
    cfg.apply(f, path);
    auto on = [&](const char* key) {
      const auto* v = cfg.get("daemon", key);
      std::string t = v ? trim(v->value) : std::string();
      return t == "true" || t == "1";
    };
    for (auto [enable, user] :
         {std::pair{"AutomaticLoginEnable", "AutomaticLogin"}, std::pair{"TimedLoginEnable", "TimedLogin"}}) {
      const auto* u = cfg.get("daemon", user);
      if (on(enable) && u && !trim(u->value).empty())
        s.hits.push_back({std::string("gdm ") + user, trim(u->value), at(*u)});
    }
  }
}

// LightDM: *.conf of the lightdm.conf.d directories (data dirs, then config
// dirs, then /etc/lightdm), then /etc/lightdm/lightdm.conf; [SeatDefaults] is
// [Seat:*]; a [Seat:name] key overrides [Seat:*] for that seat.
void scan_lightdm(Scan& s) {
  std::vector<std::string> files;
  for (const char* d : {"/usr/share/lightdm/lightdm.conf.d", "/usr/local/share/lightdm/lightdm.conf.d",
                        "/etc/xdg/lightdm/lightdm.conf.d", "/etc/lightdm/lightdm.conf.d"})
    for (auto& p : s.dir_files(d, ".conf")) files.push_back(p);
  files.push_back("/etc/lightdm/lightdm.conf");
  IniSettings cfg;
  bool any = false;
  for (const auto& p : files) {
    auto text = s.read(p);
    if (!text) continue;
    any = true;
    IniFile f = parse_ini(*text, IniDialect::gkeyfile);
    s.malformed += f.malformed;
    cfg.apply(f, p, {{"SeatDefaults", "Seat:*"}});
  }
  if (!any) return;
  std::set<std::string> seats{"Seat:seat0"};
  for (const auto& sec : cfg.sections())
    if (sec.rfind("Seat:", 0) == 0 && sec != "Seat:*") seats.insert(sec);
  std::set<std::string> seen;
  for (const auto& seat : seats) {
    auto get = [&](const char* key) {
      const auto* v = cfg.get(seat, key);
      return v ? v : cfg.get("Seat:*", key);
    };
    const auto* user = get("autologin-user");
    if (user && !trim(user->value).empty() && seen.insert(at(*user)).second)
      s.hits.push_back({"lightdm autologin-user", trim(user->value), at(*user)});
    const auto* guest = get("autologin-guest");
    if (guest && trim(guest->value) == "true" && seen.insert(at(*guest)).second)
      s.hits.push_back({"lightdm autologin-guest", "(guest)", at(*guest)});
  }
}

// SDDM: every file of /usr/lib/sddm/sddm.conf.d, then /etc/sddm.conf.d, then
// /etc/sddm.conf; '#' starts a comment anywhere; [Autologin] User=.
void scan_sddm(Scan& s) {
  std::vector<std::string> files = s.dir_files("/usr/lib/sddm/sddm.conf.d", "");
  for (auto& p : s.dir_files("/etc/sddm.conf.d", "")) files.push_back(p);
  files.push_back("/etc/sddm.conf");
  IniSettings cfg;
  for (const auto& p : files) {
    auto text = s.read(p);
    if (!text) continue;
    IniFile f = parse_ini(*text, IniDialect::sddm);
    s.malformed += f.malformed;
    cfg.apply(f, p);
  }
  if (const auto* u = cfg.get("Autologin", "User"); u && !u->value.empty())
    s.hits.push_back({"sddm Autologin", u->value, at(*u)});
}

// Words of a command line, honouring quotes (systemd ExecStart, inittab).
std::vector<std::string> words(std::string_view cmd) {
  std::vector<std::string> out;
  std::string cur;
  bool in = false;
  char q = 0;
  for (char c : cmd) {
    if (q) {
      if (c == q)
        q = 0;
      else
        cur.push_back(c);
    } else if (c == '"' || c == '\'') {
      q = c;
      in = true;
    } else if (c == ' ' || c == '\t') {
      if (in) out.push_back(std::move(cur));
      cur.clear();
      in = false;
    } else {
      cur.push_back(c);
      in = true;
    }
  }
  if (in) out.push_back(std::move(cur));
  return out;
}

// agetty/mingetty: --autologin USER, --autologin=USER, -a USER.
std::optional<std::string> autologin_user(const std::vector<std::string>& w) {
  for (std::size_t i = 1; i < w.size(); ++i) {
    if ((w[i] == "--autologin" || w[i] == "-a") && i + 1 < w.size()) return w[i + 1];
    if (w[i].rfind("--autologin=", 0) == 0) return w[i].substr(12);
  }
  return std::nullopt;
}

// systemd getty units: the unit file (or its template) from the first
// directory that has it, then every drop-in *.conf of the template's and the
// instance's .d directories, sorted by name (a name in /etc hides the same
// name elsewhere); "ExecStart=" empties the list.
void scan_getty(Scan& s) {
  const std::vector<std::string> dirs{"/etc/systemd/system", "/run/systemd/system", "/usr/lib/systemd/system",
                                      "/lib/systemd/system"};
  const std::vector<std::string> templates{"getty@", "serial-getty@", "autovt@", "container-getty@"};
  std::set<std::string> units;  // "getty@tty1.service", "getty@.service"
  for (const std::string& d : {dirs[0], dirs[1]}) {
    for (const std::string& n : s.host.list_dir(d)) {
      for (const auto& t : templates) {
        if (n.rfind(t, 0) != 0) continue;
        std::string u = n;
        if (u.size() > 2 && u.compare(u.size() - 2, 2, ".d") == 0) u.resize(u.size() - 2);
        if (u.size() > 8 && u.compare(u.size() - 8, 8, ".service") == 0) units.insert(u);
      }
    }
  }
  for (const std::string& unit : units) {
    std::string tmpl = unit.substr(0, unit.find('@') + 1) + ".service";
    std::vector<std::string> exec;
    std::string base_file;
    for (const std::string& name : {unit, tmpl}) {
      for (const auto& d : dirs)
        if (s.host.exists(d + "/" + name) && !s.host.is_dir(d + "/" + name)) {
          base_file = d + "/" + name;
          break;
        }
      if (!base_file.empty()) break;
    }
    std::map<std::string, std::string> dropins;  // file name → path (first dir wins)
    // Priority: an earlier directory first; in one directory the instance's
    // drop-in before the template's. The first file of a name wins.
    for (const auto& d : dirs)
      for (const std::string& name : {unit, tmpl})
        for (const auto& p : s.dir_files(d + "/" + name + ".d", ".conf"))
          dropins.emplace(p.substr(p.rfind('/') + 1), p);
    std::vector<std::string> files;
    if (!base_file.empty()) files.push_back(base_file);
    for (const auto& [_, p] : dropins) files.push_back(p);
    std::string where;
    for (const auto& p : files) {
      auto text = s.read(p);
      if (!text) continue;
      IniFile f = parse_ini(*text, IniDialect::systemd);
      s.malformed += f.malformed;
      for (const IniEntry& e : f.entries) {
        if (e.section != "Service" || e.key != "ExecStart") continue;
        if (e.value.empty()) {
          exec.clear();
          continue;
        }
        exec.push_back(e.value);
        where = fmt::format("{}:{}", p, e.line);
      }
    }
    for (const auto& cmd : exec) {
      auto w = words(cmd);
      if (!w.empty()) {
        std::string& prog = w[0];
        while (!prog.empty() && std::string_view("-@:+!").find(prog.front()) != std::string_view::npos)
          prog.erase(prog.begin());
      }
      if (auto u = autologin_user(w)) s.hits.push_back({unit.substr(0, unit.size() - 8), *u, where});
    }
  }
}

// sysvinit: id:runlevels:action:process
void scan_inittab(Scan& s) {
  auto text = s.read("/etc/inittab");
  if (!text) return;
  std::size_t pos = 0;
  int line_no = 0;
  while (pos < text->size()) {
    std::size_t nl = text->find('\n', pos);
    std::string line = text->substr(pos, nl == std::string::npos ? std::string::npos : nl - pos);
    pos = nl == std::string::npos ? text->size() : nl + 1;
    ++line_no;
    line = trim(line);
    if (line.empty() || line.front() == '#') continue;
    std::size_t c = std::string::npos;
    for (int i = 0, from = 0; i < 3; ++i, from = static_cast<int>(c) + 1) {
      c = line.find(':', static_cast<std::size_t>(from));
      if (c == std::string::npos) break;
    }
    if (c == std::string::npos) continue;
    if (auto u = autologin_user(words(line.substr(c + 1))))
      s.hits.push_back({"inittab", *u, fmt::format("/etc/inittab:{}", line_no)});
  }
}

}  // namespace

AutologinFacts gather_autologin_linux(const Host& host) {
  Scan s(host);
  scan_gdm(s);
  scan_lightdm(s);
  scan_sddm(s);
  scan_getty(s);
  scan_inittab(s);
  AutologinFacts f;
  for (const Hit& h : s.hits) f.hits.push_back({h.manager, h.account, h.where, false});
  f.checked = std::move(s.checked);
  f.problems = std::move(s.problems);
  f.malformed = s.malformed;
  return f;
}

}  // namespace sc
