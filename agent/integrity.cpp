// Integrity of findings files (SHA-256, HMAC-SHA256 over the canonical JSON
// of the parsed tree) and the unit key file.
#include "agent/integrity.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <openssl/crypto.h>
#include <openssl/rand.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <random>

#include "agent/core/errors.hpp"

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

static bool same_hex(std::string_view a, std::string_view b) {
  return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

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
  if (!in) throw ConfigError(fmt::format("{}: cannot read the unit key: {}", file.string(), std::strerror(errno)));
  std::string key((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (key.empty()) throw ConfigError(fmt::format("{}: the unit key is empty", file.string()));
  if (key.size() > 4096) throw ConfigError(fmt::format("{}: not a unit key (too large)", file.string()));
  return key;
}

void write_new_key(const fs::path& file, bool force) {
  std::error_code ec;
  if (!force && fs::exists(file, ec))
    throw OutputError(
        fmt::format("{} exists: a unit key is not replaced (files signed with it would no longer "
                    "verify); use --force to replace it",
                    file.string()));
  unsigned char key[kKeyBytes];
  if (RAND_bytes(key, sizeof key) != 1) throw OutputError("cannot get random bytes (RAND_bytes)");
  fs::path dir = file.parent_path().empty() ? fs::path(".") : file.parent_path();
  fs::create_directories(dir, ec);
  fs::path tmp = dir / fmt::format(".{}.tmp-{}-{:x}", file.filename().string(), ::getpid(), std::random_device{}());
  auto fail = [&](const char* what) {
    std::string msg = fmt::format("cannot write {}: {}: {}", file.string(), what, std::strerror(errno));
    ::unlink(tmp.c_str());
    OPENSSL_cleanse(key, sizeof key);
    throw OutputError(msg);
  };
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) fail("create");
  ssize_t n = ::write(fd, key, sizeof key);
  if (n != static_cast<ssize_t>(sizeof key) || ::fsync(fd) != 0) {
    int e = errno;
    ::close(fd);
    errno = e;
    fail("write");
  }
  if (::close(fd) != 0) fail("close");
  if (::rename(tmp.c_str(), file.c_str()) != 0) fail("rename");
  OPENSSL_cleanse(key, sizeof key);
  int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dfd >= 0) {
    ::fsync(dfd);
    ::close(dfd);
  }
}

}  // namespace sc
