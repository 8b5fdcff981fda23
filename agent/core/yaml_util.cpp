// YamlDoc: strict, position-aware YAML reading for config and rules files.
#include "agent/core/yaml_util.hpp"

#include <fmt/format.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/parser.h>

#include <optional>
#include <set>
#include <sstream>

#include "agent/core/errors.hpp"
#include "agent/core/host.hpp"
#include "agent/core/platform.hpp"

namespace sc {

namespace {

std::string pos(const std::string& file, const YAML::Mark& m) {
  if (m.is_null()) return file;
  return fmt::format("{}:{}:{}", file, m.line + 1, m.column + 1);
}

// A node looked up by a missing key (const operator[]) is invalid: Type() and
// Mark() throw YAML::InvalidNode. Accessors report it as missing instead.
YAML::Mark mark_of(const YAML::Node& n) { return n.IsDefined() ? n.Mark() : YAML::Mark::null_mark(); }

// Nodes in a document counted with aliases expanded: a few lines of nested
// aliases ("billion laughs") expand to billions of nodes, and every walk over
// the tree would take that long. Real config and rule files have thousands.
constexpr long kMaxNodes = 200000;

// yaml-cpp 0.7 keeps duplicate keys (first wins on lookup): refuse them.
void check_duplicates(const std::string& file, const YAML::Node& n, int depth, long& budget) {
  if (depth > 64) throw ConfigError(pos(file, n.Mark()) + ": nesting too deep");
  if (--budget < 0)
    throw ConfigError(fmt::format("{}: more than {} nodes (aliases expanding?)", pos(file, n.Mark()), kMaxNodes));
  if (n.IsMap()) {
    std::set<std::string> seen;
    for (auto it = n.begin(); it != n.end(); ++it) {
      if (it->first.IsScalar()) {
        if (!seen.insert(it->first.Scalar()).second)
          throw ConfigError(fmt::format("{}: duplicate key '{}'", pos(file, it->first.Mark()), it->first.Scalar()));
      }
      check_duplicates(file, it->second, depth + 1, budget);
    }
  } else if (n.IsSequence()) {
    for (const auto& c : n) check_duplicates(file, c, depth + 1, budget);
  }
}

std::string kind_of(const YAML::Node& n) {
  if (!n.IsDefined()) return "nothing";
  switch (n.Type()) {
    case YAML::NodeType::Null:
      return "nothing";
    case YAML::NodeType::Scalar:
      return fmt::format("'{}'", n.Scalar());
    case YAML::NodeType::Sequence:
      return "a list";
    case YAML::NodeType::Map:
      return "a map";
    default:
      return "nothing";
  }
}

// The first byte that is not UTF-8 (RFC 3629), as "line:column"; "" when all is.
std::string bad_utf8_at(std::string_view t) {
  std::size_t line = 1, col = 1;
  for (std::size_t i = 0; i < t.size();) {
    auto c = static_cast<unsigned char>(t[i]);
    std::size_t len = c < 0x80                 ? 1
                      : c >= 0xc2 && c <= 0xdf ? 2
                      : c >= 0xe0 && c <= 0xef ? 3
                      : c >= 0xf0 && c <= 0xf4 ? 4
                                               : 0;
    bool ok = len != 0 && i + len <= t.size();
    for (std::size_t k = 1; ok && k < len; ++k) ok = (static_cast<unsigned char>(t[i + k]) & 0xc0) == 0x80;
    if (ok && len == 3) {
      auto c1 = static_cast<unsigned char>(t[i + 1]);
      ok = !(c == 0xe0 && c1 < 0xa0) && !(c == 0xed && c1 >= 0xa0);  // overlong, surrogate
    }
    if (ok && len == 4) {
      auto c1 = static_cast<unsigned char>(t[i + 1]);
      ok = !(c == 0xf0 && c1 < 0x90) && !(c == 0xf4 && c1 >= 0x90);
    }
    if (!ok) return fmt::format("{}:{}", line, col);
    if (c == '\n') {
      ++line;
      col = 1;
    } else {
      ++col;
    }
    i += len;
  }
  return "";
}

// A control character other than tab, LF, CR (or DEL, or C1) anywhere in the
// text, as "line:column"; "" when none.
std::string control_at(std::string_view t) {
  std::size_t line = 1, col = 1;
  for (std::size_t i = 0; i < t.size(); ++i) {
    auto c = static_cast<unsigned char>(t[i]);
    bool c1 = c == 0xc2 && i + 1 < t.size() && static_cast<unsigned char>(t[i + 1]) >= 0x80 &&
              static_cast<unsigned char>(t[i + 1]) <= 0x9f;
    if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f || c1)
      return fmt::format("{}:{}: a control character (byte {:#04x}{})", line, col, c1 ? t[i + 1] & 0xff : c,
                         c1 ? ", C1" : "");
    if (c == '\n') {
      ++line;
      col = 1;
    } else if ((c & 0xc0) != 0x80) {
      ++col;
    }
  }
  return "";
}

// A quoted scalar that does not end where YAML says it must: yaml-cpp 0.7
// lets `owner: "Zhang` run on over the next lines (`spool_keep: 3` becomes
// part of the owner) as long as the file goes on. A quoted scalar's
// continuation lines must be indented more than the line it opened on (YAML
// 1.2 §7.3, flow scalars in block context); the first line that is not, or
// the end of the text, means the quote was never closed. "" when all close.
std::string unterminated_quote_at(std::string_view t) {
  char quote = 0;
  std::size_t open_line = 0, open_col = 0, open_indent = 0, line = 1;
  auto at = [&] { return fmt::format("{}:{}: unterminated quote (no closing {})", open_line, open_col, quote); };
  std::size_t pos = 0;
  std::string_view ln;
  std::optional<std::size_t> block;  // inside a block scalar (| or >) opened at this indent
  for (; pos < t.size(); ++line) {
    std::size_t nl = t.find('\n', pos);
    ln = t.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
    pos = nl == std::string_view::npos ? t.size() : nl + 1;
    std::size_t indent = ln.find_first_not_of(' ');
    bool blank = indent == std::string_view::npos || ln.find_first_not_of(" \t\r") == std::string_view::npos;
    if (block && (blank || indent > *block)) continue;  // block scalar text: quotes mean nothing
    block.reset();
    if (quote && !blank && indent <= open_indent) return at();
    char prev = 0;  // the last non-blank character outside quotes on this line
    for (std::size_t i = 0; i < ln.size(); ++i) {
      char c = ln[i];
      if (quote == '"') {
        if (c == '\\')
          ++i;
        else if (c == '"')
          quote = 0, prev = c;
        continue;
      }
      if (quote == '\'') {
        if (c == '\'' && i + 1 < ln.size() && ln[i + 1] == '\'')
          ++i;
        else if (c == '\'')
          quote = 0, prev = c;
        continue;
      }
      if (c == '#' && (i == 0 || ln[i - 1] == ' ' || ln[i - 1] == '\t')) break;  // a comment
      if ((c == '"' || c == '\'') && (prev == 0 || std::string_view(":-[{,?").find(prev) != std::string_view::npos)) {
        quote = c;
        open_line = line;
        open_col = i + 1;
        open_indent = blank ? 0 : indent;
        continue;
      }
      if (c != ' ' && c != '\t') prev = c;
    }
    // "key: |" / "- >-": the more indented lines after it are a block scalar.
    std::string_view rest = ln.substr(0, ln.find(" #"));
    while (!rest.empty() && (rest.back() == ' ' || rest.back() == '\r')) rest.remove_suffix(1);
    while (!rest.empty() && (rest.back() == '-' || rest.back() == '+' || (rest.back() >= '0' && rest.back() <= '9')))
      rest.remove_suffix(1);
    if (!quote && !blank && rest.size() >= 2 && (rest.back() == '|' || rest.back() == '>') &&
        (rest[rest.size() - 2] == ' ' || rest[rest.size() - 2] == ':'))
      block = indent;
  }
  return quote ? at() : "";
}

// Control characters in a scalar (they came from escapes such as "\e").
bool has_control(std::string_view s) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    if ((c < 0x20 && c != '\t') || c == 0x7f) return true;
    if (c == 0xc2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) >= 0x80 &&
        static_cast<unsigned char>(s[i + 1]) <= 0x9f)
      return true;
  }
  return false;
}

// Walks the events of every document without building nodes, and stops at
// the start of a second one. yaml-cpp 0.7's LoadAll never returns on some
// inputs (a lone "," makes HandleNextDocument report an empty document
// forever, allocating as it goes: found by fuzz_config), so the number of
// documents is bounded here before any node is built.
class DocumentCounter : public YAML::EventHandler {
 public:
  struct Second {
    YAML::Mark at;
    bool progressed;  // false: the parser stood still (the loop above)
  };
  void OnDocumentStart(const YAML::Mark& m) override {
    if (++docs_ == 2) throw Second{m, m.pos != first_.pos};
    first_ = m;
  }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
  void OnAlias(const YAML::Mark&, YAML::anchor_t) override {}
  void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t, const std::string&) override {}
  void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {}
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {}
  void OnMapEnd() override {}

 private:
  int docs_ = 0;
  YAML::Mark first_;
};

// Throws ConfigError when the text holds more than one document or is a
// document yaml-cpp cannot get past.
void expect_one_document(const std::string& file, const std::string& text) {
  std::istringstream in(text);
  YAML::Parser parser(in);
  DocumentCounter counter;
  try {
    while (parser.HandleNextDocument(counter)) {
    }
  } catch (const DocumentCounter::Second& s) {
    if (!s.progressed) throw ConfigError(fmt::format("{}: not a YAML document", pos(file, s.at)));
    throw ConfigError(fmt::format("{}: a second YAML document: one file holds one document", pos(file, s.at)));
  }
}

}  // namespace

YamlDoc YamlDoc::load_string(std::string_view text, std::string file) {
  YamlDoc d;
  d.file = std::move(file);
  if (std::string at = bad_utf8_at(text); !at.empty())
    throw ConfigError(fmt::format("{}:{}: not UTF-8 text (save the file as UTF-8)", d.file, at));
  if (std::string at = control_at(text); !at.empty()) throw ConfigError(fmt::format("{}:{}", d.file, at));
  if (std::string at = unterminated_quote_at(text); !at.empty()) throw ConfigError(fmt::format("{}:{}", d.file, at));
  try {
    // Load alone would ignore a second document ("---" then more); LoadAll
    // can loop for ever. Count the documents first, then build the one.
    std::string owned(text);
    expect_one_document(d.file, owned);
    d.root = YAML::Load(owned);
  } catch (const YAML::Exception& e) {
    throw ConfigError(fmt::format("{}: {}", pos(d.file, e.mark), e.msg));
  }
  long budget = kMaxNodes;
  check_duplicates(d.file, d.root, 0, budget);
  return d;
}

YamlDoc YamlDoc::load_file(const std::filesystem::path& path, std::size_t max_bytes) {
  FileResult r = read_local_file(path, max_bytes);
  if (!r.ok()) throw ConfigError(fmt::format("{}:1:1: cannot read the file: {}", path.string(), r.error));
  return load_string(r.data, path.string());
}

std::string YamlDoc::where(const YAML::Node& at) const { return pos(file, mark_of(at)); }

void YamlDoc::fail(const YAML::Node& at, std::string_view message) const {
  throw ConfigError(fmt::format("{}: {}", where(at), message));
}

void YamlDoc::expect_map(const YAML::Node& n, std::string_view what) const {
  if (!n.IsDefined() || !n.IsMap()) fail(n, fmt::format("{}: expected a map, found {}", what, kind_of(n)));
}

void YamlDoc::expect_list(const YAML::Node& n, std::string_view what) const {
  if (!n.IsDefined() || !n.IsSequence()) fail(n, fmt::format("{}: expected a list, found {}", what, kind_of(n)));
}

void YamlDoc::only_keys(const YAML::Node& map, std::initializer_list<std::string_view> allowed) const {
  only_keys(map, std::vector<std::string>(allowed.begin(), allowed.end()));
}

void YamlDoc::only_keys(const YAML::Node& map, const std::vector<std::string>& allowed) const {
  // Iterating a list as a map throws YAML::InvalidNode, and a scalar would pass unchecked.
  if (!map.IsDefined() || !map.IsMap()) fail(map, fmt::format("expected a map, found {}", kind_of(map)));
  for (auto it = map.begin(); it != map.end(); ++it) {
    std::string key = it->first.IsScalar() ? it->first.Scalar() : "";
    bool ok = false;
    for (const auto& a : allowed) ok = ok || key == a;
    if (!ok) fail(it->first, fmt::format("unknown key '{}' (expected one of: {})", key, fmt::join(allowed, ", ")));
  }
}

std::string YamlDoc::str(const YAML::Node& n, std::string_view what) const {
  if (!n.IsDefined() || !n.IsScalar()) fail(n, fmt::format("{}: expected a string, found {}", what, kind_of(n)));
  if (has_control(n.Scalar())) fail(n, fmt::format("{}: control characters are not allowed in text", what));
  return n.Scalar();
}

std::int64_t YamlDoc::integer(const YAML::Node& n, std::string_view what, std::int64_t min, std::int64_t max) const {
  if (!n.IsDefined() || !n.IsScalar()) fail(n, fmt::format("{}: expected a whole number, found {}", what, kind_of(n)));
  const std::string& s = n.Scalar();
  std::size_t used = 0;
  long long v = 0;
  try {
    v = std::stoll(s, &used, 10);
  } catch (...) {
    used = 0;
  }
  if (used == 0 || used != s.size()) fail(n, fmt::format("{}: expected a whole number, found '{}'", what, s));
  if (v < min || v > max) fail(n, fmt::format("{}: expected a number from {} to {}, found {}", what, min, max, v));
  return v;
}

bool YamlDoc::boolean(const YAML::Node& n, std::string_view what) const {
  if (n.IsDefined() && n.IsScalar()) {
    const std::string& s = n.Scalar();
    if (s == "true" || s == "yes" || s == "on") return true;
    if (s == "false" || s == "no" || s == "off") return false;
  }
  fail(n, fmt::format("{}: expected true or false, found {}", what, kind_of(n)));
}

std::vector<std::string> YamlDoc::str_list(const YAML::Node& n, std::string_view what) const {
  expect_list(n, what);
  std::vector<std::string> out;
  for (const auto& c : n) out.push_back(str(c, what));
  return out;
}

}  // namespace sc
