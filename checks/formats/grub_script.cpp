// The GRUB script lexer and block parser (see grub_script.hpp).
#include "checks/formats/grub_script.hpp"

#include <set>

namespace sc::grub {

namespace {

// ---- lexing ---------------------------------------------------------------

constexpr std::size_t kMaxWords = 200000;

bool name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

bool ends_command(const Word& w) {
  if (!w.plain) return false;
  std::string s = w.literal();
  return s == "then" || s == "else" || s == "do" || s == "fi" || s == "done" || s == "{" || s == "}";
}

class Lexer {
 public:
  explicit Lexer(std::string_view t) : t_(t) {}

  std::vector<Command> run() {
    std::vector<Command> out;
    Command cur;
    auto flush = [&] {
      if (!cur.empty()) out.push_back(std::move(cur));
      cur.clear();
    };
    while (i_ < t_.size() && words_ < kMaxWords) {
      char c = t_[i_];
      if (c == ' ' || c == '\t' || c == '\r') {
        ++i_;
      } else if (c == '\n' || c == ';') {
        ++i_;
        flush();
      } else if (c == '#') {
        while (i_ < t_.size() && t_[i_] != '\n') ++i_;
      } else if (c == '\\' && i_ + 1 < t_.size() && t_[i_ + 1] == '\n') {
        i_ += 2;
      } else {
        Word w = word();
        ++words_;
        std::string lit = w.literal();
        if (w.plain && lit == "}" && !cur.empty()) flush();  // "foo }"
        bool at_start = cur.empty();
        cur.push_back(std::move(w));
        if (ends_command(cur.back()) && (at_start || cur.back().literal() == "{")) flush();
      }
    }
    flush();
    return out;
  }

 private:
  void var(Word& w) {  // at '$'
    ++i_;
    w.plain = false;
    if (i_ < t_.size() && t_[i_] == '{') {
      std::size_t end = t_.find('}', i_);
      if (end == std::string_view::npos) end = t_.size();
      w.parts.push_back({std::string(t_.substr(i_ + 1, end - i_ - 1)), true});
      i_ = std::min(end + 1, t_.size());
      return;
    }
    std::size_t s = i_;
    if (i_ < t_.size() && (t_[i_] == '?' || t_[i_] == '#' || t_[i_] == '@' || t_[i_] == '*')) {
      ++i_;
    } else {
      while (i_ < t_.size() && name_char(t_[i_])) ++i_;
    }
    if (s == i_) {
      w.parts.push_back({"$", false});
      return;
    }
    w.parts.push_back({std::string(t_.substr(s, i_ - s)), true});
  }

  void lit(Word& w, char c) {
    if (w.parts.empty() || w.parts.back().var) w.parts.push_back({});
    w.parts.back().text.push_back(c);
  }

  Word word() {
    Word w;
    while (i_ < t_.size()) {
      char c = t_[i_];
      if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == ';') break;
      if (c == '\'') {
        w.plain = false;
        ++i_;
        if (w.parts.empty() || w.parts.back().var) w.parts.push_back({});
        while (i_ < t_.size() && t_[i_] != '\'') w.parts.back().text.push_back(t_[i_++]);
        if (i_ < t_.size()) ++i_;
      } else if (c == '"') {
        w.plain = false;
        ++i_;
        if (w.parts.empty() || w.parts.back().var) w.parts.push_back({});
        while (i_ < t_.size() && t_[i_] != '"') {
          char d = t_[i_];
          if (d == '\\' && i_ + 1 < t_.size() &&
              (t_[i_ + 1] == '"' || t_[i_ + 1] == '\\' || t_[i_ + 1] == '$' || t_[i_ + 1] == '\n')) {
            if (t_[i_ + 1] != '\n') lit(w, t_[i_ + 1]);
            i_ += 2;
          } else if (d == '$') {
            var(w);
          } else {
            lit(w, d);
            ++i_;
          }
        }
        if (i_ < t_.size()) ++i_;
      } else if (c == '\\') {
        w.plain = false;
        if (i_ + 1 < t_.size()) {
          if (t_[i_ + 1] != '\n') lit(w, t_[i_ + 1]);
          i_ += 2;
        } else {
          ++i_;
        }
      } else if (c == '$') {
        var(w);
      } else {
        lit(w, c);
        ++i_;
      }
    }
    if (w.parts.empty()) w.parts.push_back({});
    return w;
  }

  std::string_view t_;
  std::size_t i_ = 0;
  std::size_t words_ = 0;
};

// ---- block structure --------------------------------------------------------

std::string head_of(const Command& c) { return c.empty() || !c[0].plain ? std::string() : c[0].literal(); }

class Parser {
 public:
  Parser(const std::vector<Command>& cmds, int& malformed) : c_(cmds), malformed_(malformed) {}

  Block parse_all() {
    Block b = block({});
    while (i_ < c_.size()) {  // stray terminators at top level
      ++malformed_;
      ++i_;
      Block more = block({});
      for (auto& s : more) b.push_back(std::move(s));
    }
    return b;
  }

 private:
  // Parses until a command whose head is one of `stop` (not consumed).
  Block block(const std::set<std::string>& stop) {
    Block b;
    if (++depth_ > 64) {
      ++malformed_;
      i_ = c_.size();
      --depth_;
      return b;
    }
    while (i_ < c_.size()) {
      const Command& cmd = c_[i_];
      std::string h = head_of(cmd);
      if (stop.count(h)) break;
      if (h == "then" || h == "else" || h == "elif" || h == "fi" || h == "do" || h == "done" || h == "}") {
        if (stop.empty()) break;
        ++malformed_;  // a terminator of another construct
        ++i_;
        continue;
      }
      if (h == "if") {
        b.push_back(parse_if());
      } else if (h == "for" || h == "while" || h == "until") {
        Stmt s;
        s.kind = Stmt::loop;
        ++i_;
        while (i_ < c_.size() && head_of(c_[i_]) != "do") ++i_;
        if (i_ < c_.size()) ++i_;
        s.body = block({"done"});
        if (i_ < c_.size()) ++i_;
        b.push_back(std::move(s));
      } else if (!cmd.empty() && cmd.back().plain && cmd.back().literal() == "{") {
        Stmt s;
        s.kind = Stmt::menu;
        s.words = Command(cmd.begin(), cmd.end() - 1);
        ++i_;
        s.body = block({"}"});
        if (i_ < c_.size())
          ++i_;
        else
          ++malformed_;
        b.push_back(std::move(s));
      } else {
        Stmt s;
        s.words = cmd;
        ++i_;
        b.push_back(std::move(s));
      }
    }
    --depth_;
    return b;
  }

  Stmt parse_if() {
    Stmt s;
    s.kind = Stmt::if_;
    // at "if COND..." or "elif COND..."
    for (;;) {
      Command cond(c_[i_].begin() + 1, c_[i_].end());
      ++i_;
      while (i_ < c_.size() && head_of(c_[i_]) != "then") {
        if (head_of(c_[i_]) == "fi") break;
        cond = c_[i_];  // a condition over several commands: the last decides
        ++i_;
      }
      if (i_ >= c_.size() || head_of(c_[i_]) != "then") {
        ++malformed_;
        if (i_ < c_.size()) ++i_;
        return s;
      }
      ++i_;
      Block body = block({"elif", "else", "fi"});
      s.branches.emplace_back(std::move(cond), std::move(body));
      if (i_ >= c_.size()) {
        ++malformed_;
        return s;
      }
      std::string h = head_of(c_[i_]);
      if (h == "elif") continue;
      if (h == "else") {
        ++i_;
        s.has_else = true;
        s.else_body = block({"fi"});
        if (i_ < c_.size())
          ++i_;
        else
          ++malformed_;
        return s;
      }
      ++i_;  // fi
      return s;
    }
  }

  const std::vector<Command>& c_;
  std::size_t i_ = 0;
  int depth_ = 0;
  int& malformed_;
};
}  // namespace

bool is_name_char(char c) { return name_char(c); }
std::string head(const Command& c) { return head_of(c); }

std::vector<Command> lex(std::string_view text) { return Lexer(text).run(); }
Block parse(const std::vector<Command>& cmds, int& malformed) { return Parser(cmds, malformed).parse_all(); }

}  // namespace sc::grub
