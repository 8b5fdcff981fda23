// Reading YAML or JSON into the value tree (parse_tree), with libyaml's
// event parser; split from value.cpp, which builds and writes trees.
#include <yaml.h>

#include <algorithm>
#include <charconv>
#include <set>

#include "agent/core/errors.hpp"
#include "agent/value.hpp"

namespace sc {

// ---------------------------------------------------------------------------
// reading: libyaml's event parser (several times faster than yaml-cpp, which
// matters for `summary` over thousands of files). The event says whether a
// scalar was quoted, which is what tells "0781" from 781.

namespace {

Value resolve_plain(std::string_view t) {
  if (t.empty() || t == "~" || t == "null" || t == "Null" || t == "NULL") return Value::null();
  if (t == "true" || t == "True" || t == "TRUE") return Value::boolean(true);
  if (t == "false" || t == "False" || t == "FALSE") return Value::boolean(false);
  std::string_view d = t;
  if (d[0] == '-') d.remove_prefix(1);
  bool digits = !d.empty() && std::all_of(d.begin(), d.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (digits && (d.size() == 1 || d[0] != '0')) {
    std::int64_t v = 0;
    auto [p, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
    if (ec == std::errc() && p == t.data() + t.size()) return Value::integer(v);
  }
  return Value::str(t);
}

std::string where(const yaml_mark_t& m) {
  return "line " + std::to_string(m.line + 1) + ", column " + std::to_string(m.column + 1) + ": ";
}

struct Frame {
  Value value;
  std::string key;
  bool have_key = false;
  std::set<std::string> seen;  // keys, for maps past a few members
};

struct Parser {
  yaml_parser_t p;
  Parser() {
    if (!yaml_parser_initialize(&p)) throw DocumentError("cannot start the YAML parser");
  }
  ~Parser() { yaml_parser_delete(&p); }
};

struct Event {
  yaml_event_t e;
  bool live = false;
  ~Event() {
    if (live) yaml_event_delete(&e);
  }
};

}  // namespace

Value parse_tree(std::string_view text, std::size_t max_nodes) {
  Parser parser;
  yaml_parser_set_input_string(&parser.p, reinterpret_cast<const unsigned char*>(text.data()), text.size());
  std::vector<Frame> stack;
  Value result;
  bool have_result = false, done = false;
  std::size_t nodes = 0;

  auto attach = [&](Value v, const yaml_mark_t& mark) {
    if (stack.empty()) {
      result = std::move(v);
      have_result = true;
      return;
    }
    Frame& top = stack.back();
    if (top.value.is_array()) {
      top.value.push(std::move(v));
    } else {
      top.value.add(top.key, std::move(v));
      top.have_key = false;
    }
    (void)mark;
  };
  auto key_or_value = [&](Value v, const yaml_mark_t& mark) {
    if (!stack.empty() && stack.back().value.is_object() && !stack.back().have_key) {
      if (!v.is_string() && v.kind != Value::Kind::integer && v.kind != Value::Kind::boolean &&
          v.kind != Value::Kind::null)
        throw DocumentError(where(mark) + "a key must be a string");
      Frame& top = stack.back();
      std::string k = v.is_string() ? v.s
                      : v.is_int()  ? std::to_string(v.i)
                      : v.is_bool() ? (v.b ? "true" : "false")
                                    : "";
      bool dup = false;
      if (top.value.keys.size() < 16) {
        dup = std::find(top.value.keys.begin(), top.value.keys.end(), k) != top.value.keys.end();
      } else {
        if (top.seen.empty()) top.seen.insert(top.value.keys.begin(), top.value.keys.end());
        dup = !top.seen.insert(k).second;
      }
      if (dup) throw DocumentError(where(mark) + "duplicate key \"" + k + "\"");
      top.key = std::move(k);
      top.have_key = true;
      return;
    }
    attach(std::move(v), mark);
  };

  while (!done) {
    Event ev;
    if (!yaml_parser_parse(&parser.p, &ev.e)) {
      std::string msg = parser.p.problem ? parser.p.problem : "syntax error";
      throw DocumentError("not valid YAML or JSON: " + where(parser.p.problem_mark) + msg);
    }
    ev.live = true;
    const yaml_mark_t& mark = ev.e.start_mark;
    switch (ev.e.type) {
      case YAML_STREAM_END_EVENT:
        done = true;
        break;
      case YAML_DOCUMENT_START_EVENT:
        if (have_result) throw DocumentError(where(mark) + "more than one YAML document");
        break;
      case YAML_ALIAS_EVENT:
        throw DocumentError(where(mark) + "aliases are not allowed in findings files");
      case YAML_SCALAR_EVENT: {
        if (++nodes > max_nodes) throw DocumentError("document too large (too many nodes)");
        const auto& sc = ev.e.data.scalar;
        std::string_view t(reinterpret_cast<const char*>(sc.value), sc.length);
        bool plain = sc.style == YAML_PLAIN_SCALAR_STYLE && sc.tag == nullptr;
        key_or_value(plain ? resolve_plain(t) : Value::str(t), mark);
        break;
      }
      case YAML_SEQUENCE_START_EVENT:
      case YAML_MAPPING_START_EVENT: {
        if (++nodes > max_nodes) throw DocumentError("document too large (too many nodes)");
        if (!stack.empty() && stack.back().value.is_object() && !stack.back().have_key)
          throw DocumentError(where(mark) + "a key must be a string");
        if (stack.size() >= 64) throw DocumentError(where(mark) + "nesting too deep");
        stack.push_back({ev.e.type == YAML_SEQUENCE_START_EVENT ? Value::array() : Value::object(), {}, false, {}});
        break;
      }
      case YAML_SEQUENCE_END_EVENT:
      case YAML_MAPPING_END_EVENT: {
        Value v = std::move(stack.back().value);
        stack.pop_back();
        attach(std::move(v), mark);
        break;
      }
      default:
        break;
    }
  }
  return have_result ? result : Value::null();
}

}  // namespace sc
