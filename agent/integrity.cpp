// Integrity of findings files (SHA-256, HMAC-SHA256 over the canonical JSON
// of the parsed tree) and the unit key file.
#include "agent/integrity.hpp"

#include <fmt/format.h>

#include <fstream>

#include "agent/core/errors.hpp"
#include "agent/core/platform.hpp"

namespace sc {

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
  if (schema->s != kSchema) {
    v.check = FileCheck::unknown_schema;
    v.reason = fmt::format("schema \"{}\" is not {}", schema->s, kSchema);
    return v;
  }
  const Value* integ = tree.get("integrity");
  const Value* sha = integ ? integ->get("sha256") : nullptr;
  if (!sha || !sha->is_string() || sha->s.empty()) {
    v.reason = "no integrity hash (truncated or not written by selfcheck)";
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
      v.reason = "no HMAC: the machine has no unit key";
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
  std::error_code ec;
  auto size = fs::file_size(file, ec);
  if (ec) {
    v.check = FileCheck::unreadable;
    v.reason = ec.message();
    return v;
  }
  if (size > (64u << 20)) {
    v.check = FileCheck::corrupt;
    v.reason = fmt::format("{} bytes: too large for a findings file", size);
    return v;
  }
  std::ifstream in(file, std::ios::binary);
  std::string text(size, '\0');
  if (!in || !in.read(text.data(), static_cast<std::streamsize>(size))) {
    v.check = FileCheck::unreadable;
    v.reason = std::strerror(errno);
    return v;
  }
  return verify_text(text, key);
}

std::string read_key(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw ConfigError(fmt::format("{}: cannot read the unit key: {}", path_text(file), std::strerror(errno)));
  std::string key((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (key.empty()) throw ConfigError(fmt::format("{}: the unit key is empty", path_text(file)));
  if (key.size() > 4096) throw ConfigError(fmt::format("{}: not a unit key (too large)", path_text(file)));
  return key;
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
  fs::create_directories(dir, ec);
  try {
    write_private_file_atomic(file, key);
  } catch (...) {
    wipe(key);
    throw;
  }
  wipe(key);
}

}  // namespace sc
