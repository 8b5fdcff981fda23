// Integrity of findings files (SHA-256, HMAC-SHA256 over the canonical JSON
// of the parsed tree) and the unit key file.
#include "agent/integrity.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <random>
#include <vector>

#include "agent/core/errors.hpp"
#include "agent/core/host.hpp"
#include "agent/core/platform.hpp"

namespace sc {

std::filesystem::path default_key_file() { return local_paths().settings / "unit.key"; }

namespace fs = std::filesystem;

std::string_view to_string(FileCheck c) {
  switch (c) {
    case FileCheck::ok:
      return "ok";
    case FileCheck::unsigned_file:
      return "unsigned";
    case FileCheck::corrupt:
      return "corrupt";
    case FileCheck::tampered:
      return "tampered";
    case FileCheck::unknown_schema:
      return "unknown schema";
    case FileCheck::unreadable:
      return "unreadable";
  }
  return "corrupt";
}

std::string check_words(FileCheck c, Lang lang) {
  bool zh = lang == Lang::zh;
  switch (c) {
    case FileCheck::ok:
      return zh ? "完好" : "ok";
    case FileCheck::unsigned_file:
      return zh ? "未签名" : "unsigned";
    case FileCheck::corrupt:
      return zh ? "文件损坏或被修改" : "corrupt or edited";
    case FileCheck::tampered:
      return zh ? "被篡改" : "tampered";
    case FileCheck::unknown_schema:
      return zh ? "格式未知" : "unknown schema";
    case FileCheck::unreadable:
      return zh ? "无法读取" : "unreadable";
  }
  return "";
}

static bool same_hex(std::string_view a, std::string_view b) { return constant_time_equal(a, b); }

Verification verify_text(std::string_view text, std::string_view key) {
  Verification v;
  Value tree;
  try {
    tree = parse_tree(text);
  } catch (const DocumentError& e) {
    v.reason = e.what();
    return v;
  }
  const Value* schema = tree.get("schema");
  if (!schema || !schema->is_string()) {
    v.check = FileCheck::unknown_schema;
    v.reason = "not a findings file (no schema)";
    return v;
  }
  if (!known_schema(schema->s)) {
    v.check = FileCheck::unknown_schema;
    v.reason = fmt::format("schema \"{}\" is not {} (or {})", schema->s, kSchema, kSchemaV1);
    return v;
  }
  const Value* integ = tree.get("integrity");
  const Value* sha = integ ? integ->get("sha256") : nullptr;
  if (!sha || !sha->is_string() || sha->s.empty()) {
    v.reason = "no integrity hash (truncated or not written by selfcheck)";
    return v;
  }
  // The hash covers everything but `integrity`: anything added there beside
  // sha256 and hmac would ride along unverified (a second "verdict", notes
  // for a reader), so the block holds exactly those two keys.
  if (!integ->is_object()) {
    v.check = FileCheck::tampered;
    v.reason = "integrity is not a map";
    return v;
  }
  for (const std::string& k : integ->keys)
    if (k != "sha256" && k != "hmac") {
      v.check = FileCheck::tampered;
      v.reason = fmt::format("integrity holds \"{}\" besides sha256 and hmac: added after writing", k);
      return v;
    }
  std::string canon = canonical_json(tree);
  if (!same_hex(sha256_hex(canon), sha->s)) {
    v.reason = "content does not match its sha256 (damaged or edited)";
    return v;
  }
  try {
    v.doc = from_tree(tree);
  } catch (const DocumentError& e) {
    v.reason = e.what();
    return v;
  }
  const Value* mac = integ->get("hmac");
  bool has_mac = mac && mac->is_string() && !mac->s.empty();
  if (!key.empty()) {
    if (!has_mac) {
      v.check = FileCheck::unsigned_file;
      // Either the machine had no unit key, or the HMAC was stripped from a
      // signed file (which then verifies by its sha256 alone).
      v.reason = "no HMAC (it may have been removed; or the machine had no unit key)";
      return v;
    }
    if (!same_hex(hmac_sha256_hex(key, canon), mac->s)) {
      v.check = FileCheck::tampered;
      v.reason = "HMAC does not match the unit key (changed after signing, or another unit's key)";
      return v;
    }
    v.signed_checked = true;
  }
  v.check = FileCheck::ok;
  return v;
}

Verification verify_file(const fs::path& file, std::string_view key) {
  Verification v;
  // Regular files only, size checked before reading (`/dev/zero`, a FIFO).
  FileResult r = read_local_file(file, kMaxFindingsBytes);
  if (!r.ok()) {
    v.check = r.truncated ? FileCheck::corrupt : FileCheck::unreadable;
    v.reason =
        r.truncated ? fmt::format("too large for a findings file (over {} MiB)", kMaxFindingsBytes >> 20) : r.error;
    return v;
  }
  return verify_text(r.data, key);
}

std::string read_key(const fs::path& file) {
  FileResult r = read_local_file(file, 4096);
  if (r.truncated) throw ConfigError(fmt::format("{}: not a unit key (too large)", file.string()));
  if (!r.ok()) throw ConfigError(fmt::format("{}: cannot read the unit key: {}", file.string(), r.error));
  if (r.data.empty()) throw ConfigError(fmt::format("{}: the unit key is empty", file.string()));
  return std::move(r.data);
}

void write_new_key(const fs::path& file, bool force) {
  std::error_code ec;
  if (!force && fs::exists(file, ec))
    throw OutputError(
        fmt::format("{} exists: a unit key is not replaced (files signed with it would no longer "
                    "verify); use --force to replace it",
                    path_text(file)));
  std::string key = random_bytes(kKeyBytes);
  fs::path dir = file.parent_path().empty() ? fs::path(".") : file.parent_path();
  // Directories created here are 0700 and the key 0600 whatever the umask
  // (an existing directory is left as it is): the key is a secret of the unit.
  create_private_dirs(dir);
  try {
    write_private_file_atomic(file, key);
  } catch (...) {
    wipe(key);
    throw;
  }
  wipe(key);
}

}  // namespace sc
