// The value tree behind the findings file and its three emitters (YAML,
// pretty JSON, canonical JSON). Reading back: value_parse.cpp.
#include "agent/value.hpp"

#include <algorithm>
#include <cctype>
#include <numeric>

namespace sc {

// ---------------------------------------------------------------------------
// construction

Value Value::boolean(bool v) {
  Value x;
  x.kind = Kind::boolean;
  x.b = v;
  return x;
}

Value Value::integer(std::int64_t v) {
  Value x;
  x.kind = Kind::integer;
  x.i = v;
  return x;
}

Value Value::str(std::string_view v) {
  Value x;
  x.kind = Kind::string;
  x.s = valid_utf8(v);
  return x;
}

Value Value::array() {
  Value x;
  x.kind = Kind::array;
  return x;
}

Value Value::object() {
  Value x;
  x.kind = Kind::object;
  return x;
}

Value& Value::add(std::string_view key, Value v) {
  keys.push_back(valid_utf8(key));
  items.push_back(std::move(v));
  return items.back();
}

Value& Value::push(Value v) {
  items.push_back(std::move(v));
  return items.back();
}

const Value* Value::get(std::string_view key) const {
  if (kind != Kind::object) return nullptr;
  for (std::size_t n = 0; n < keys.size(); ++n)
    if (keys[n] == key) return &items[n];
  return nullptr;
}

// ---------------------------------------------------------------------------
// UTF-8

namespace {

// Length of the valid UTF-8 sequence at s[i], or 0 when it is invalid
// (overlong forms, surrogates and code points above U+10FFFF included).
std::size_t utf8_len(std::string_view s, std::size_t i, char32_t* cp) {
  auto u = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char c = u(i);
  if (c < 0x80) {
    *cp = c;
    return 1;
  }
  std::size_t n;
  char32_t v, min;
  if ((c & 0xE0) == 0xC0) {
    n = 2, v = c & 0x1F, min = 0x80;
  } else if ((c & 0xF0) == 0xE0) {
    n = 3, v = c & 0x0F, min = 0x800;
  } else if ((c & 0xF8) == 0xF0) {
    n = 4, v = c & 0x07, min = 0x10000;
  } else {
    return 0;
  }
  if (i + n > s.size()) return 0;
  for (std::size_t k = 1; k < n; ++k) {
    if ((u(i + k) & 0xC0) != 0x80) return 0;
    v = (v << 6) | (u(i + k) & 0x3F);
  }
  if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) return 0;
  *cp = v;
  return n;
}

}  // namespace

std::string valid_utf8(std::string_view s) {
  // Fast path: most strings are valid, and ASCII runs need no decoding.
  std::size_t i = 0;
  char32_t cp;
  while (i < s.size()) {
    if (static_cast<unsigned char>(s[i]) < 0x80) {
      ++i;
      continue;
    }
    std::size_t n = utf8_len(s, i, &cp);
    if (n == 0) break;
    i += n;
  }
  if (i == s.size()) return std::string(s);
  std::string out(s.substr(0, i));
  while (i < s.size()) {
    std::size_t n = utf8_len(s, i, &cp);
    if (n == 0) {
      out += "\xEF\xBF\xBD";
      ++i;
    } else {
      out.append(s.substr(i, n));
      i += n;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------
// emitters

namespace {

void hex4(std::string& out, char32_t cp) {
  static const char* d = "0123456789abcdef";
  out += "\\u";
  for (int shift = 12; shift >= 0; shift -= 4) out += d[(cp >> shift) & 15];
}

// Double-quoted string valid as both YAML and JSON: escapes what YAML does
// not allow raw in a stream (C0, DEL, C1, BOM, U+FFFE/F) and the characters
// YAML 1.1 treats as line breaks (U+0085, U+2028, U+2029).
void quote_readable(std::string& out, std::string_view s) {
  out += '"';
  std::size_t i = 0;
  while (i < s.size()) {
    char32_t cp;
    std::size_t n = utf8_len(s, i, &cp);
    if (n == 0) {  // cannot happen for sanitised strings; stay safe
      out += "\\ufffd";
      ++i;
      continue;
    }
    switch (cp) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0x2028 || cp == 0x2029 || cp == 0xFEFF || cp == 0xFFFE ||
            cp == 0xFFFF)
          hex4(out, cp);
        else
          out.append(s.substr(i, n));
    }
    i += n;
  }
  out += '"';
}

void quote_canonical(std::string& out, std::string_view s) {
  out += '"';
  std::size_t run = 0;  // bytes copied as they are, appended in one go (summary speed)
  for (std::size_t i = 0; i < s.size(); ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out.append(s.substr(run, i - run));
    run = i + 1;
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        hex4(out, c);
    }
  }
  out.append(s.substr(run));
  out += '"';
}

void plain_scalar(std::string& out, const Value& v) {
  switch (v.kind) {
    case Value::Kind::null:
      out += "null";
      break;
    case Value::Kind::boolean:
      out += v.b ? "true" : "false";
      break;
    case Value::Kind::integer:
      out += std::to_string(v.i);
      break;
    default:
      break;
  }
}

bool is_scalar(const Value& v) { return v.kind != Value::Kind::array && v.kind != Value::Kind::object; }

// Keys that read back as the same string when written plain.
bool plain_key(std::string_view k) {
  if (k.empty() || k.size() > 64) return false;
  if (!(std::isalpha(static_cast<unsigned char>(k[0])) || k[0] == '_')) return false;
  return std::all_of(k.begin(), k.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.';
  });
}

void yaml_scalar(std::string& out, const Value& v) {
  if (v.kind == Value::Kind::string)
    quote_readable(out, v.s);
  else if (v.kind == Value::Kind::array)
    out += "[]";
  else if (v.kind == Value::Kind::object)
    out += "{}";
  else
    plain_scalar(out, v);
}

bool inline_in_yaml(const Value& v) { return is_scalar(v) || v.items.empty(); }

void yaml_value(std::string& out, const Value& v, std::size_t indent, std::string_view first_prefix);

// Members of a non-empty object, one per line at `indent`; the first line
// starts with `first_prefix` instead of the indentation (for "- " items).
void yaml_object(std::string& out, const Value& v, std::size_t indent, std::string_view first_prefix) {
  for (std::size_t n = 0; n < v.items.size(); ++n) {
    if (n == 0)
      out += first_prefix;
    else
      out.append(indent, ' ');
    if (plain_key(v.keys[n]))
      out += v.keys[n];
    else
      quote_readable(out, v.keys[n]);
    out += ':';
    const Value& m = v.items[n];
    if (inline_in_yaml(m)) {
      out += ' ';
      yaml_scalar(out, m);
      out += '\n';
    } else {
      out += '\n';
      std::string ind(indent + 2, ' ');
      yaml_value(out, m, indent + 2, ind);
    }
  }
}

void yaml_array(std::string& out, const Value& v, std::size_t indent, std::string_view first_prefix) {
  for (std::size_t n = 0; n < v.items.size(); ++n) {
    std::string prefix = n == 0 ? std::string(first_prefix) : std::string(indent, ' ');
    prefix += "- ";
    const Value& e = v.items[n];
    if (inline_in_yaml(e)) {
      out += prefix;
      yaml_scalar(out, e);
      out += '\n';
    } else {
      yaml_value(out, e, indent + 2, prefix);
    }
  }
}

void yaml_value(std::string& out, const Value& v, std::size_t indent, std::string_view first_prefix) {
  if (inline_in_yaml(v)) {
    out += first_prefix;
    yaml_scalar(out, v);
    out += '\n';
  } else if (v.kind == Value::Kind::object) {
    yaml_object(out, v, indent, first_prefix);
  } else {
    yaml_array(out, v, indent, first_prefix);
  }
}

void json_value(std::string& out, const Value& v, std::size_t indent) {
  if (v.kind == Value::Kind::string) {
    quote_readable(out, v.s);
  } else if (is_scalar(v)) {
    plain_scalar(out, v);
  } else if (v.items.empty()) {
    out += v.kind == Value::Kind::array ? "[]" : "{}";
  } else {
    bool obj = v.kind == Value::Kind::object;
    out += obj ? "{\n" : "[\n";
    for (std::size_t n = 0; n < v.items.size(); ++n) {
      out.append(indent + 2, ' ');
      if (obj) {
        quote_readable(out, v.keys[n]);
        out += ": ";
      }
      json_value(out, v.items[n], indent + 2);
      if (n + 1 < v.items.size()) out += ',';
      out += '\n';
    }
    out.append(indent, ' ');
    out += obj ? '}' : ']';
  }
}

void canonical_value(std::string& out, const Value& v, std::string_view skip) {
  if (v.kind == Value::Kind::string) {
    quote_canonical(out, v.s);
  } else if (is_scalar(v)) {
    plain_scalar(out, v);
  } else if (v.kind == Value::Kind::array) {
    out += '[';
    for (std::size_t n = 0; n < v.items.size(); ++n) {
      if (n) out += ',';
      canonical_value(out, v.items[n], {});
    }
    out += ']';
  } else {
    std::vector<std::size_t> order(v.items.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return v.keys[a] < v.keys[b]; });
    out += '{';
    bool first = true;
    for (std::size_t n : order) {
      if (!skip.empty() && v.keys[n] == skip) continue;
      if (!first) out += ',';
      first = false;
      quote_canonical(out, v.keys[n]);
      out += ':';
      canonical_value(out, v.items[n], {});
    }
    out += '}';
  }
}

}  // namespace

std::string emit_yaml(const Value& v) {
  std::string out;
  out.reserve(4096);
  yaml_value(out, v, 0, "");
  return out;
}

std::string emit_json(const Value& v) {
  std::string out;
  out.reserve(4096);
  json_value(out, v, 0);
  out += '\n';
  return out;
}

std::string emit_canonical(const Value& v, std::string_view skip_top_key) {
  std::string out;
  out.reserve(4096);
  canonical_value(out, v, skip_top_key);
  return out;
}

}  // namespace sc
