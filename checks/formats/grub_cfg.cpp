// The GRUB script lexer, block parser and the small interpreter that finds
// the boot loader's protection; and the line scan of generator sources.
#include "checks/formats/grub_cfg.hpp"

#include <algorithm>
#include <optional>
#include <set>

#include "agent/core/text.hpp"
#include "checks/formats/grub_script.hpp"

namespace sc {

namespace {

using grub::Block;
using grub::Command;
using grub::head;
using grub::is_name_char;
using grub::Part;
using grub::Stmt;
using grub::Word;

// ---- interpretation --------------------------------------------------------

enum class Tri { no, yes, maybe };

Tri tri_not(Tri t) { return t == Tri::yes ? Tri::no : t == Tri::no ? Tri::yes : Tri::maybe; }
Tri tri_and(Tri a, Tri b) {
  if (a == Tri::no || b == Tri::no) return Tri::no;
  if (a == Tri::yes && b == Tri::yes) return Tri::yes;
  return Tri::maybe;
}
Tri tri_or(Tri a, Tri b) {
  if (a == Tri::yes || b == Tri::yes) return Tri::yes;
  if (a == Tri::no && b == Tri::no) return Tri::no;
  return Tri::maybe;
}

struct Value {
  std::string text;
  bool known = true;
  bool plain = false;
};

std::string dirname(const std::string& p) {
  std::size_t s = p.rfind('/');
  if (s == std::string::npos) return ".";
  if (s == 0) return "/";
  return p.substr(0, s);
}

// "(hd0,gpt2)/boot/grub/x" or "($root)/grub/x" → "/boot/grub/x".
std::string strip_device(std::string p) {
  if (!p.empty() && p.front() == '(') {
    std::size_t close = p.find(')');
    p = close == std::string::npos ? std::string() : p.substr(close + 1);
  }
  if (p.empty() || p.front() != '/') p.insert(p.begin(), '/');
  return p;
}

class Interp {
 public:
  Interp(const GrubFs& fs, GrubAnalysis& out) : fs_(fs), out_(out) {}

  void run_file(const std::string& grub_path, bool as_configfile, bool maybe) {
    if (depth_ >= 8) {
      ++out_.malformed;
      return;
    }
    GrubFileRead r = fs_.read(grub_path);
    if (!r.exists) return;
    if (!r.error.empty()) {
      out_.problems.push_back(r.error);
      return;
    }
    if (std::find(out_.files.begin(), out_.files.end(), r.path) != out_.files.end()) return;  // a loop
    out_.files.push_back(r.path);
    std::vector<Command> cmds = grub::lex(r.data);
    Block prog = grub::parse(cmds, out_.malformed);
    std::optional<std::string> saved_dir;
    if (as_configfile) {
      if (auto it = vars_.find("config_directory"); it != vars_.end()) saved_dir = it->second;
      vars_["config_directory"] = dirname(grub_path);
    }
    ++depth_;
    exec(prog, maybe);
    --depth_;
    if (as_configfile) {
      if (saved_dir)
        vars_["config_directory"] = *saved_dir;
      else
        vars_.erase("config_directory");
    }
  }

  void set_var(const std::string& k, const std::string& v) { vars_[k] = v; }

 private:
  Value expand(const Word& w) const {
    Value v;
    v.plain = w.plain;
    for (const Part& p : w.parts) {
      // A device "(...)" in front of a path is stripped later, so an unknown
      // variable inside it ("($root)/grub") leaves the path known.
      std::size_t lp = v.text.rfind('(');
      bool in_device = lp != std::string::npos && v.text.find(')', lp) == std::string::npos;
      if (!p.var) {
        v.text += p.text;
        continue;
      }
      auto it = vars_.find(p.text);
      if (it != vars_.end())
        v.text += it->second;
      else if (!in_device)
        v.known = false;
    }
    return v;
  }

  std::vector<Value> expand_all(const Command& c, std::size_t from = 0) const {
    std::vector<Value> out;
    for (std::size_t i = from; i < c.size(); ++i) out.push_back(expand(c[i]));
    return out;
  }

  void exec(const Block& b, bool maybe) {
    for (const Stmt& s : b) {
      if (++steps_ > 1000000) return;
      switch (s.kind) {
        case Stmt::simple:
          simple(s.words, maybe);
          break;
        case Stmt::if_:
          run_if(s, maybe);
          break;
        case Stmt::loop:
          exec(s.body, true);
          break;
        case Stmt::menu:
          menu(s);
          break;
      }
    }
  }

  void run_if(const Stmt& s, bool maybe) {
    bool earlier_maybe = false;
    for (const auto& [cond, body] : s.branches) {
      Tri t = test(cond);
      if (t == Tri::no) continue;
      exec(body, maybe || earlier_maybe || t == Tri::maybe);
      if (t == Tri::yes) return;
      earlier_maybe = true;
    }
    if (s.has_else) exec(s.else_body, maybe || earlier_maybe);
  }

  void menu(const Stmt& s) {
    std::string h = head(s.words);
    if (h == "menuentry") {
      ++out_.menu_entries;
      for (const Word& w : s.words)
        if (w.literal() == "--unrestricted") ++out_.unrestricted_entries;
    } else if (h == "submenu") {
      count_entries(s.body);
    }
    // function bodies and other blocks run only when called or selected
  }

  void count_entries(const Block& b) {
    for (const Stmt& s : b) {
      if (s.kind == Stmt::menu)
        menu(s);
      else if (s.kind == Stmt::if_) {
        for (const auto& br : s.branches) count_entries(br.second);
        count_entries(s.else_body);
      }
    }
  }

  void assign(const std::string& name, const Value& v, bool maybe) {
    if (v.known)
      vars_[name] = v.text;
    else
      vars_.erase(name);
    if (name == "superusers") {
      out_.superusers = v.known ? split_grub_users(v.text) : std::vector<std::string>{};
      superusers_maybe_ = maybe;
    }
  }

  void simple(const Command& c, bool maybe) {
    if (c.empty()) return;
    std::string cmd = expand(c[0]).text;
    auto args = expand_all(c, 1);
    auto name_ok = [](const std::string& n) { return !n.empty() && std::all_of(n.begin(), n.end(), is_name_char); };
    if (cmd == "set") {
      for (const Value& a : args) {
        std::size_t eq = a.text.find('=');
        if (eq == std::string::npos) continue;
        std::string name = a.text.substr(0, eq);
        if (!name_ok(name)) continue;
        assign(name, Value{a.text.substr(eq + 1), a.known, false}, maybe);
      }
    } else if (args.empty() && cmd.find('=') != std::string::npos && c[0].parts.size() >= 1 && !c[0].parts[0].var) {
      std::size_t eq = cmd.find('=');
      std::string name = cmd.substr(0, eq);
      if (name_ok(name)) assign(name, Value{cmd.substr(eq + 1), expand(c[0]).known, false}, maybe);
    } else if (cmd == "unset") {
      for (const Value& a : args) vars_[a.text] = "";
    } else if (cmd == "password_pbkdf2" && args.size() >= 2) {
      bool ok = args[1].known && args[1].text.rfind("grub.pbkdf2.", 0) == 0;
      out_.passwords[args[0].text] = ok ? GrubPassword::pbkdf2 : GrubPassword::invalid;
      if (ok) password_maybe_[args[0].text] = maybe;
    } else if (cmd == "password" && args.size() >= 2) {
      bool ok = args[1].known && !args[1].text.empty();
      out_.passwords[args[0].text] = ok ? GrubPassword::plain : GrubPassword::invalid;
      if (ok) password_maybe_[args[0].text] = maybe;
    } else if ((cmd == "source" || cmd == "." || cmd == "configfile") && !args.empty()) {
      if (!args[0].known) return;
      run_file(strip_device(args[0].text), cmd == "configfile", maybe);
    } else if (cmd == "blscfg") {
      bls(maybe);
    }
  }

  void bls(bool /*maybe*/) {
    out_.bls = true;
    std::string dir = "/loader/entries";
    std::vector<std::string> names = fs_.list(dir);
    for (const std::string& n : names) {
      if (n.size() < 5 || n.compare(n.size() - 5, 5, ".conf") != 0) continue;
      GrubFileRead r = fs_.read(dir + "/" + n);
      if (!r.exists) continue;
      if (!r.error.empty()) {
        out_.problems.push_back(r.error);
        continue;
      }
      out_.files.push_back(r.path);
      ++out_.menu_entries;
      // Boot Loader Specification entry: "key value" lines; RHEL adds
      // "grub_arg --unrestricted" to let every entry boot without the password.
      std::size_t pos = 0;
      while (pos < r.data.size()) {
        std::size_t nl = r.data.find('\n', pos);
        std::string_view line(r.data.data() + pos, (nl == std::string::npos ? r.data.size() : nl) - pos);
        pos = nl == std::string::npos ? r.data.size() : nl + 1;
        if (line.rfind("grub_arg", 0) == 0 && line.find("--unrestricted") != std::string_view::npos) {
          ++out_.unrestricted_entries;
          break;
        }
      }
    }
  }

  Tri primary(const std::vector<Value>& t) const {
    if (t.empty()) return Tri::no;
    if (t[0].plain && t[0].text == "!") return tri_not(primary({t.begin() + 1, t.end()}));
    if (t.size() == 1) return t[0].known ? (t[0].text.empty() ? Tri::no : Tri::yes) : Tri::maybe;
    if (t.size() == 2) {
      const std::string& op = t[0].text;
      const Value& x = t[1];
      if (op == "-n" || op == "-z") {
        if (!x.known) return Tri::maybe;
        bool nonempty = !x.text.empty();
        return (op == "-n") == nonempty ? Tri::yes : Tri::no;
      }
      if (op == "-f" || op == "-e" || op == "-s") {
        if (!x.known) return Tri::maybe;
        GrubFileRead r = fs_.read(strip_device(x.text));
        if (!r.exists) return Tri::no;
        if (op == "-s") return r.error.empty() ? (r.data.empty() ? Tri::no : Tri::yes) : Tri::maybe;
        return Tri::yes;
      }
      return Tri::maybe;
    }
    if (t.size() == 3) {
      const std::string& op = t[1].text;
      if (op == "=" || op == "==" || op == "!=") {
        if (!t[0].known || !t[2].known) return Tri::maybe;
        bool eq = t[0].text == t[2].text;
        return (op == "!=") != eq ? Tri::yes : Tri::no;
      }
    }
    return Tri::maybe;
  }

  Tri test(const Command& cond) const {
    if (cond.empty()) return Tri::maybe;
    std::string cmd = expand(cond[0]).text;
    if (cmd == "true") return Tri::yes;
    if (cmd == "false") return Tri::no;
    if (cmd != "[" && cmd != "test") return Tri::maybe;
    std::vector<Value> t = expand_all(cond, 1);
    if (cmd == "[") {
      if (t.empty() || t.back().text != "]") return Tri::maybe;
      t.pop_back();
    }
    // -a binds tighter than -o
    Tri any = Tri::no;
    std::vector<Value> cur;
    Tri all = Tri::yes;
    auto close_and = [&] {
      all = tri_and(all, primary(cur));
      cur.clear();
    };
    for (const Value& v : t) {
      if (v.plain && v.text == "-a") {
        close_and();
      } else if (v.plain && v.text == "-o") {
        close_and();
        any = tri_or(any, all);
        all = Tri::yes;
      } else {
        cur.push_back(v);
      }
    }
    close_and();
    return tri_or(any, all);
  }

 public:
  bool superusers_maybe_ = false;
  std::map<std::string, bool> password_maybe_;

 private:
  const GrubFs& fs_;
  GrubAnalysis& out_;
  std::map<std::string, std::string> vars_;
  int depth_ = 0;
  long steps_ = 0;
};

}  // namespace

std::vector<std::string> split_grub_users(std::string_view value) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : value) {
    if (c == ' ' || c == '\t' || c == ',' || c == ';' || c == '|' || c == '&') {
      if (!cur.empty()) out.push_back(std::move(cur));
      cur.clear();
    } else {
      cur.push_back(c);
    }
  }
  if (!cur.empty()) out.push_back(std::move(cur));
  return out;
}

bool GrubAnalysis::protected_pbkdf2() const {
  for (const auto& u : superusers)
    if (auto it = passwords.find(u); it != passwords.end() && it->second == GrubPassword::pbkdf2) return true;
  return false;
}

bool GrubAnalysis::protected_plain_only() const {
  if (protected_pbkdf2()) return false;
  for (const auto& u : superusers)
    if (auto it = passwords.find(u); it != passwords.end() && it->second == GrubPassword::plain) return true;
  return false;
}

std::vector<std::string> GrubAnalysis::plain_users() const {
  std::vector<std::string> out;
  for (const auto& [u, k] : passwords)
    if (k == GrubPassword::plain) out.push_back(u);
  return out;
}

GrubAnalysis analyze_grub(const std::string& entry, const GrubFs& fs) {
  GrubAnalysis out;
  Interp in(fs, out);
  in.set_var("prefix", dirname(entry));
  in.set_var("config_directory", dirname(entry));
  in.run_file(entry, false, false);
  // The protection is conditional when what grants it ran under an undecidable test.
  bool any_sure = false;
  for (const auto& u : out.superusers) {
    auto it = in.password_maybe_.find(u);
    if (it != in.password_maybe_.end() && !it->second) any_sure = true;
  }
  out.conditional = (out.protected_pbkdf2() || out.protected_plain_only()) && (in.superusers_maybe_ || !any_sure);
  return out;
}

GrubSourceScan scan_grub_source(std::string_view text) {
  GrubSourceScan s;
  std::size_t pos = 0;
  std::string_view line;
  while (next_line(text, pos, line)) {
    line = trim_front(line, kBlanks);
    if (line.empty() || line.front() == '#') continue;
    if (line.find("GRUB2_PASSWORD") != std::string_view::npos) {
      if (line.rfind("GRUB2_PASSWORD=grub.pbkdf2.", 0) == 0)
        s.grub2_password_set = true;
      else
        s.uses_grub2_password = true;
      continue;
    }
    std::vector<std::string> w = split_grub_users(line);  // whitespace split is enough here
    if (w.size() >= 2 && w[0] == "set" && w[1].rfind("superusers=", 0) == 0) {
      std::string v = w[1].substr(11);
      v.erase(std::remove(v.begin(), v.end(), '"'), v.end());
      v.erase(std::remove(v.begin(), v.end(), '\''), v.end());
      if (!v.empty() && v.find('$') == std::string::npos) s.superusers = true;
    }
    if (w.size() >= 3 && w[0] == "password_pbkdf2" && w[2].rfind("grub.pbkdf2.", 0) == 0) s.pbkdf2 = true;
    if (w.size() >= 3 && w[0] == "password") s.plain = true;
  }
  return s;
}

}  // namespace sc
