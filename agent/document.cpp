// The findings file (selfcheck.findings/2, reading /1 too): Document ⇄ value tree,
// its YAML/JSON/canonical forms, the integrity seal, and reading it back.
#include "agent/document.hpp"

#include "agent/core/errors.hpp"

namespace sc {

void finalize(Document& doc) {
  doc.counts = {};
  bool fail = false;
  for (const auto& f : doc.findings) {
    switch (f.status) {
      case Status::pass:
        ++doc.counts.pass;
        break;
      case Status::warn:
        ++doc.counts.warn;
        break;
      case Status::fail:
        ++doc.counts.fail;
        fail = true;
        break;
      case Status::unknown:
        ++doc.counts.unknown;
        break;
      case Status::not_applicable:
        ++doc.counts.not_applicable;
        break;
    }
  }
  doc.verdict = fail ? "fail" : "pass";
}

// ---------------------------------------------------------------------------
// Document → tree

namespace {

Value evidence_value(const EvidenceValue& ev) {
  return std::visit(
      [](const auto& x) -> Value {
        using T = std::decay_t<decltype(x)>;
        if constexpr (std::is_same_v<T, std::string>) {
          return Value::str(x);
        } else if constexpr (std::is_same_v<T, std::int64_t>) {
          return Value::integer(x);
        } else if constexpr (std::is_same_v<T, bool>) {
          return Value::boolean(x);
        } else {
          Value a = Value::array();
          for (const auto& s : x) a.push(Value::str(s));
          return a;
        }
      },
      ev);
}

// A bilingual text: {zh: …, en: …}.
Value text_value(const Text& t) {
  Value o = Value::object();
  o.add("zh", Value::str(t.zh));
  o.add("en", Value::str(t.en));
  return o;
}

}  // namespace

Value to_tree(const Document& doc, bool with_integrity) {
  auto S = [](std::string_view s) { return Value::str(s); };
  Value root = Value::object();
  root.add("schema", S(kSchema));
  Value& agent = root.add("agent", Value::object());
  agent.add("version", S(doc.agent_version));
  agent.add("rules_digest", S(doc.rules_digest));
  Value& scan = root.add("scan", Value::object());
  scan.add("started", S(doc.started));
  scan.add("finished", S(doc.finished));
  scan.add("as_of", S(doc.as_of));
  scan.add("root", S(doc.root));
  scan.add("duration_ms", Value::integer(doc.duration_ms));
  Value& host = root.add("host", Value::object());
  host.add("hostname", S(doc.host.hostname));
  host.add("machine_id", S(doc.host.machine_id));
  host.add("os", S(doc.host.os));
  host.add("kernel", S(doc.host.kernel));
  host.add("asset_id", S(doc.host.asset_id));
  host.add("owner", S(doc.host.owner));
  host.add("department", S(doc.host.department));
  host.add("classification", S(doc.host.classification));
  root.add("verdict", S(doc.verdict));
  Value& counts = root.add("counts", Value::object());
  counts.add("pass", Value::integer(doc.counts.pass));
  counts.add("warn", Value::integer(doc.counts.warn));
  counts.add("fail", Value::integer(doc.counts.fail));
  counts.add("unknown", Value::integer(doc.counts.unknown));
  counts.add("not_applicable", Value::integer(doc.counts.not_applicable));
  Value& findings = root.add("findings", Value::array());
  for (const Finding& f : doc.findings) {
    Value& o = findings.push(Value::object());
    o.add("id", S(f.id));
    o.add("section", S(f.section));
    o.add("status", S(to_string(f.status)));
    o.add("severity", S(to_string(f.severity)));
    o.add("title", text_value(f.title));
    o.add("detail", text_value(f.detail));
    Value& ev = o.add("evidence", Value::object());
    for (const auto& [k, v] : f.evidence) ev.add(k, evidence_value(v));
    o.add("remediation", text_value(f.remediation));
  }
  Value& usb = root.add("usb_devices", Value::array());
  for (const UsbDeviceRecord& d : doc.usb_devices) {
    Value& o = usb.push(Value::object());
    o.add("vid", S(d.vid));
    o.add("pid", S(d.pid));
    o.add("serial", S(d.serial));
    o.add("vendor", S(d.vendor));
    o.add("product", S(d.product));
    o.add("kind", S(d.kind));
    o.add("first_seen", S(d.first_seen));
    o.add("last_seen", S(d.last_seen));
    o.add("connections", Value::integer(d.connections));
    o.add("approved", Value::boolean(d.approved));
    if (!d.role.empty()) o.add("role", S(d.role));
    Value& src = o.add("sources", Value::array());
    for (const auto& s : d.sources) src.push(S(s));
  }
  if (with_integrity && !doc.sha256.empty()) {
    Value& integ = root.add("integrity", Value::object());
    integ.add("sha256", S(doc.sha256));
    if (!doc.hmac.empty()) integ.add("hmac", S(doc.hmac));
  }
  return root;
}

std::string to_yaml(const Document& doc) { return emit_yaml(to_tree(doc)); }
std::string to_json(const Document& doc, bool pretty) {
  Value t = to_tree(doc);
  return pretty ? emit_json(t) : emit_canonical(t) + "\n";
}
std::string canonical_json(const Document& doc) { return emit_canonical(to_tree(doc, false)); }
std::string canonical_json(const Value& tree) { return emit_canonical(tree, "integrity"); }

void seal(Document& doc, std::string_view hmac_key) {
  std::string c = canonical_json(doc);
  doc.sha256 = sha256_hex(c);
  doc.hmac = hmac_key.empty() ? std::string() : hmac_sha256_hex(hmac_key, c);
}

// ---------------------------------------------------------------------------
// tree → Document

namespace {

struct Reader {
  [[noreturn]] static void bad(const std::string& path, const char* what) {
    throw DocumentError(path + ": expected " + what);
  }
  static const Value* member(const Value& o, std::string_view key) { return o.get(key); }

  static std::string str(const Value& o, std::string_view key, const std::string& path) {
    const Value* v = o.get(key);
    if (!v || v->is_null()) return {};
    if (!v->is_string()) bad(path + "." + std::string(key), "a string");
    return v->s;
  }
  static std::int64_t integer(const Value& o, std::string_view key, const std::string& path) {
    const Value* v = o.get(key);
    if (!v || v->is_null()) return 0;
    if (!v->is_int()) bad(path + "." + std::string(key), "an integer");
    return v->i;
  }
  static bool boolean(const Value& o, std::string_view key, const std::string& path) {
    const Value* v = o.get(key);
    if (!v || v->is_null()) return false;
    if (!v->is_bool()) bad(path + "." + std::string(key), "true or false");
    return v->b;
  }
  static const Value& object(const Value& o, std::string_view key, const std::string& path) {
    static const Value empty = Value::object();
    const Value* v = o.get(key);
    if (!v || v->is_null()) return empty;
    if (!v->is_object()) bad(path.empty() ? std::string(key) : path + "." + std::string(key), "a mapping");
    return *v;
  }
  static const Value& array(const Value& o, std::string_view key, const std::string& path) {
    static const Value empty = Value::array();
    const Value* v = o.get(key);
    if (!v || v->is_null()) return empty;
    if (!v->is_array()) bad(path.empty() ? std::string(key) : path + "." + std::string(key), "a list");
    return *v;
  }
  // A human text: {zh, en} (schema 2; one missing: the other in both), or a
  // plain string (schema 1: the scan's language, the same in both).
  static Text text(const Value& o, std::string_view key, const std::string& path) {
    const Value* v = o.get(key);
    if (!v || v->is_null()) return {};
    if (v->is_string()) return Text::same(v->s);
    std::string p = path + "." + std::string(key);
    if (!v->is_object()) bad(p, "a string or a mapping {zh, en}");
    Text t{str(*v, "zh", p), str(*v, "en", p)};
    if (t.zh.empty()) t.zh = t.en;
    if (t.en.empty()) t.en = t.zh;
    return t;
  }
  static std::string scalar_text(const Value& v, const std::string& path) {
    switch (v.kind) {
      case Value::Kind::string:
        return v.s;
      case Value::Kind::integer:
        return std::to_string(v.i);
      case Value::Kind::boolean:
        return v.b ? "true" : "false";
      case Value::Kind::null:
        return "";
      default:
        bad(path, "a scalar");
    }
  }
};

}  // namespace

Document from_tree(const Value& t) {
  using R = Reader;
  if (!t.is_object()) throw DocumentError("not a findings file: the top level is not a mapping");
  const Value* schema = t.get("schema");
  if (!schema || !schema->is_string()) throw DocumentError("not a findings file: no schema");
  if (!known_schema(schema->s))
    throw DocumentError("unknown schema \"" + schema->s + "\" (expected " + std::string(kSchema) + " or " +
                        std::string(kSchemaV1) + ")");
  Document d;
  d.schema = schema->s;
  const Value& agent = R::object(t, "agent", "");
  d.agent_version = R::str(agent, "version", "agent");
  d.rules_digest = R::str(agent, "rules_digest", "agent");
  const Value& scan = R::object(t, "scan", "");
  d.started = R::str(scan, "started", "scan");
  d.finished = R::str(scan, "finished", "scan");
  d.as_of = R::str(scan, "as_of", "scan");
  d.root = R::str(scan, "root", "scan");
  d.duration_ms = R::integer(scan, "duration_ms", "scan");
  const Value& host = R::object(t, "host", "");
  d.host.hostname = R::str(host, "hostname", "host");
  d.host.machine_id = R::str(host, "machine_id", "host");
  d.host.os = R::str(host, "os", "host");
  d.host.kernel = R::str(host, "kernel", "host");
  d.host.asset_id = R::str(host, "asset_id", "host");
  d.host.owner = R::str(host, "owner", "host");
  d.host.department = R::str(host, "department", "host");
  d.host.classification = R::str(host, "classification", "host");
  d.verdict = R::str(t, "verdict", "");
  const Value& counts = R::object(t, "counts", "");
  d.counts.pass = R::integer(counts, "pass", "counts");
  d.counts.warn = R::integer(counts, "warn", "counts");
  d.counts.fail = R::integer(counts, "fail", "counts");
  d.counts.unknown = R::integer(counts, "unknown", "counts");
  d.counts.not_applicable = R::integer(counts, "not_applicable", "counts");

  const Value& findings = R::array(t, "findings", "");
  d.findings.reserve(findings.items.size());
  for (std::size_t n = 0; n < findings.items.size(); ++n) {
    std::string path = "findings[" + std::to_string(n) + "]";
    const Value& o = findings.items[n];
    if (!o.is_object()) R::bad(path, "a mapping");
    Finding f;
    f.id = R::str(o, "id", path);
    f.section = R::str(o, "section", path);
    if (f.section.empty()) f.section = std::string(section_of(f.id));
    std::string st = R::str(o, "status", path);
    auto status = status_from_string(st);
    if (!status) R::bad(path + ".status", "pass, warn, fail, unknown or not_applicable");
    f.status = *status;
    std::string sv = R::str(o, "severity", path);
    auto severity = severity_from_string(sv);
    f.severity = severity ? *severity : Severity::info;
    f.title = R::text(o, "title", path);
    f.detail = R::text(o, "detail", path);
    f.remediation = R::text(o, "remediation", path);
    const Value& ev = R::object(o, "evidence", path);
    for (std::size_t k = 0; k < ev.items.size(); ++k) {
      const Value& v = ev.items[k];
      std::string epath = path + ".evidence." + ev.keys[k];
      switch (v.kind) {
        case Value::Kind::string:
          f.evidence[ev.keys[k]] = v.s;
          break;
        case Value::Kind::integer:
          f.evidence[ev.keys[k]] = v.i;
          break;
        case Value::Kind::boolean:
          f.evidence[ev.keys[k]] = v.b;
          break;
        case Value::Kind::null:
          f.evidence[ev.keys[k]] = std::string();
          break;
        case Value::Kind::array: {
          std::vector<std::string> list;
          for (const Value& e : v.items) list.push_back(R::scalar_text(e, epath + "[]"));
          f.evidence[ev.keys[k]] = std::move(list);
          break;
        }
        case Value::Kind::object:
          R::bad(epath, "a string, number, boolean or list");
      }
    }
    d.findings.push_back(std::move(f));
  }

  const Value& usb = R::array(t, "usb_devices", "");
  for (std::size_t n = 0; n < usb.items.size(); ++n) {
    std::string path = "usb_devices[" + std::to_string(n) + "]";
    const Value& o = usb.items[n];
    if (!o.is_object()) R::bad(path, "a mapping");
    UsbDeviceRecord r;
    r.vid = R::str(o, "vid", path);
    r.pid = R::str(o, "pid", path);
    r.serial = R::str(o, "serial", path);
    r.vendor = R::str(o, "vendor", path);
    r.product = R::str(o, "product", path);
    r.kind = R::str(o, "kind", path);
    r.first_seen = R::str(o, "first_seen", path);
    r.last_seen = R::str(o, "last_seen", path);
    r.connections = R::integer(o, "connections", path);
    r.approved = R::boolean(o, "approved", path);
    r.role = R::str(o, "role", path);
    for (const Value& s : R::array(o, "sources", path).items)
      r.sources.push_back(R::scalar_text(s, path + ".sources[]"));
    d.usb_devices.push_back(std::move(r));
  }

  const Value& integ = R::object(t, "integrity", "");
  d.sha256 = R::str(integ, "sha256", "integrity");
  d.hmac = R::str(integ, "hmac", "integrity");
  return d;
}

Document read_document(std::string_view text) { return from_tree(parse_tree(text)); }

}  // namespace sc
