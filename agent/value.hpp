// A small ordered JSON-like value tree (null, bool, int64, string, array,
// object with insertion order). The findings file is built as one tree and
// written by three emitters (YAML, pretty JSON, canonical JSON) so that all
// forms agree; files are read back into the same tree for verification.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace sc {

struct Value {
  enum class Kind { null, boolean, integer, string, array, object };
  Kind kind = Kind::null;
  bool b = false;
  std::int64_t i = 0;
  std::string s;
  std::vector<Value> items;       // array elements, or object member values
  std::vector<std::string> keys;  // object member keys, parallel to items

  static Value null() { return {}; }
  static Value boolean(bool v);
  static Value integer(std::int64_t v);
  // Invalid UTF-8 is replaced by U+FFFD so that every emitter agrees.
  static Value str(std::string_view v);
  static Value array();
  static Value object();

  bool is_null() const { return kind == Kind::null; }
  bool is_bool() const { return kind == Kind::boolean; }
  bool is_int() const { return kind == Kind::integer; }
  bool is_string() const { return kind == Kind::string; }
  bool is_array() const { return kind == Kind::array; }
  bool is_object() const { return kind == Kind::object; }

  // Object: appends a member (the key is sanitised like strings); returns it.
  Value& add(std::string_view key, Value v);
  // Array: appends an element; returns it.
  Value& push(Value v);
  // Object member by key, or nullptr.
  const Value* get(std::string_view key) const;
};

// `s` with every invalid UTF-8 sequence replaced by U+FFFD.
std::string valid_utf8(std::string_view s);

// Block YAML; every string scalar double-quoted and escaped (YAML 1.1/1.2 and
// JSON readers get the same strings), other scalars plain, keys in order.
std::string emit_yaml(const Value& v);
// Indented JSON (2 spaces), keys in order; non-printable characters escaped.
std::string emit_json(const Value& v);
// Canonical JSON: object keys sorted by bytes, no whitespace, UTF-8 as is,
// only '"', '\\' and control characters below U+0020 escaped.
// `skip_top_key`, when given, leaves that member of the top object out.
std::string emit_canonical(const Value& v, std::string_view skip_top_key = {});

// Reads YAML or JSON (libyaml events) into a tree. Quoted scalars are strings;
// plain ones are null, true/false, decimal int64, or else strings. Duplicate
// keys, non-scalar keys, aliases, several documents, more than `max_nodes`
// nodes or nesting deeper than 64
// throw DocumentError.
Value parse_tree(std::string_view text, std::size_t max_nodes = 2'000'000);

}  // namespace sc
