// The registry facade over hive files read with libyal's libregf (Debian
// libregf-dev; API from libregf.h, 20201007): the Windows build's reader for
// offline roots, because hivex cannot be cross-built from Debian's sources
// (its source tarball is 404 on the mirror) and RegLoadAppKeyW is a stub under
// wine (/work/helpers/wine-findings.md). Built on Linux too, so the registry
// tests run on both backends and compare them key by key. Hive discovery,
// paths, bounds and locking are shared with the hivex backend
// (registry_files.cpp); this file holds only the libregf calls.
#include "agent/host/registry_regf.hpp"

#ifdef _WIN32
#include <windows.h>  // WINAPI before libregf.h: it then declares libregf_file_open_wide
#endif
#include <libregf.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "agent/host/registry_files.hpp"

namespace sc {

namespace {

// libregf reports errors through a libregf_error_t it allocates.
struct Error {
  libregf_error_t* e = nullptr;
  ~Error() {
    if (e) libregf_error_free(&e);
  }
  libregf_error_t** operator&() { return &e; }
  std::string text() {
    if (!e) return "unknown error";
    char buf[512] = {};
    libregf_error_sprint(e, buf, sizeof buf);
    std::string s(buf);
    // libyal joins the backtrace with newlines: the last line is the outermost call.
    while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.pop_back();
    if (auto nl = s.find('\n'); nl != std::string::npos) s.resize(nl);
    libregf_error_free(&e);
    return s.empty() ? "unknown error" : s;
  }
};

struct Key {
  libregf_key_t* k = nullptr;
  Key() = default;
  Key(Key&& o) noexcept : k(o.k) { o.k = nullptr; }
  Key& operator=(Key&& o) noexcept {
    std::swap(k, o.k);
    return *this;
  }
  ~Key() {
    if (k) libregf_key_free(&k, nullptr);
  }
};

struct Value {
  libregf_value_t* v = nullptr;
  ~Value() {
    if (v) libregf_value_free(&v, nullptr);
  }
};

// A UTF-8 name through a size call and a copy call; nullopt on error.
template <typename T, typename SizeFn, typename GetFn>
std::optional<std::string> utf8_name(T* obj, SizeFn size_fn, GetFn get_fn) {
  std::size_t n = 0;
  if (size_fn(obj, &n, nullptr) != 1) return std::nullopt;
  if (n <= 1) return std::string();  // "" (the default value) or just the NUL
  std::string s(n, '\0');
  if (get_fn(obj, reinterpret_cast<std::uint8_t*>(s.data()), n, nullptr) != 1) return std::nullopt;
  s.resize(std::strlen(s.c_str()));
  return s;
}

class RegfReader : public HiveReader {
 public:
  explicit RegfReader(libregf_file_t* f) : f_(f) {}
  ~RegfReader() override {
    libregf_file_close(f_, nullptr);
    libregf_file_free(&f_, nullptr);
  }

  void read_key(const std::vector<std::string>& parts, RegKeyResult& r,
                const std::function<std::string(const std::string&)>& corrupt) override {
    Error err;
    Key node;
    int rc = libregf_file_get_root_key(f_, &node.k, &err);
    if (rc != 1) {
      r.error = corrupt(rc == 0 ? "no root key" : err.text());
      return;
    }
    for (const auto& part : parts) {
      // libregf compares key names case-insensitively, as Windows and hivex.
      Key child;
      rc = libregf_key_get_sub_key_by_utf8_name(node.k, reinterpret_cast<const std::uint8_t*>(part.data()), part.size(),
                                                &child.k, &err);
      if (rc == -1) {
        r.error = corrupt(err.text());
        return;
      }
      if (rc == 0) {
        r.absent = true;
        return;
      }
      node = std::move(child);
    }
    if (auto name = utf8_name(node.k, libregf_key_get_utf8_name_size, libregf_key_get_utf8_name)) r.key.name = *name;
    r.key.class_name = class_name(node.k);
    std::uint64_t ft = 0;
    if (libregf_key_get_last_written_time(node.k, &ft, nullptr) == 1 && ft > 0) {
      r.key.last_write = filetime_to_time(ft);
    }
    int nsub = 0;
    if (libregf_key_get_number_of_sub_keys(node.k, &nsub, &err) != 1) {
      r.error = corrupt(err.text());
      return;
    }
    for (int i = 0; i < nsub; ++i) {
      if (r.key.subkeys.size() >= kMaxHiveChildren) {
        r.key.truncated = true;
        break;
      }
      Key c;
      if (libregf_key_get_sub_key(node.k, i, &c.k, nullptr) != 1) continue;  // an unreadable subkey: skipped
      if (auto name = utf8_name(c.k, libregf_key_get_utf8_name_size, libregf_key_get_utf8_name)) {
        r.key.subkeys.push_back(std::move(*name));
      }
    }
    int nval = 0;
    if (libregf_key_get_number_of_values(node.k, &nval, &err) != 1) {
      r.error = corrupt(err.text());
      return;
    }
    for (int i = 0; i < nval; ++i) {
      if (r.key.values.size() >= kMaxHiveChildren) {
        r.key.truncated = true;
        break;
      }
      Value v;
      if (libregf_key_get_value(node.k, i, &v.v, nullptr) != 1) continue;
      RegValue rv;
      auto name = utf8_name(v.v, libregf_value_get_utf8_name_size, libregf_value_get_utf8_name);
      if (!name) continue;  // an unreadable value name: skip the value
      rv.name = std::move(*name);
      std::uint32_t type = 0;
      std::size_t len = 0;
      if (libregf_value_get_value_type(v.v, &type, nullptr) != 1) continue;
      if (libregf_value_get_value_data_size(v.v, &len, nullptr) != 1 || len > kMaxHiveValueBytes) continue;
      rv.type = type;
      if (len > 0) {
        rv.data.resize(len);
        if (libregf_value_get_value_data(v.v, reinterpret_cast<std::uint8_t*>(rv.data.data()), len, nullptr) != 1) {
          continue;
        }
      }
      r.key.values.push_back(std::move(rv));
    }
  }

 private:
  // The raw class name (UTF-16LE in the hive) converted as the hivex backend
  // converts it, so both give the same text; "" when the key has none.
  static std::string class_name(libregf_key_t* k) {
    std::size_t n = 0;
    if (libregf_key_get_class_name_size(k, &n, nullptr) != 1 || n == 0 || n > 1024) return {};
    std::string raw(n, '\0');
    if (libregf_key_get_class_name(k, reinterpret_cast<std::uint8_t*>(raw.data()), n, nullptr) != 1) return {};
    return utf16le_to_utf8(raw, false);
  }

  libregf_file_t* f_;
};

HiveOpen open_with_regf(const std::filesystem::path& p, std::uintmax_t) {
  HiveOpen o;
  {
    // libregf's errors do not say "permission denied" portably: ask the OS first.
    errno = 0;
    std::ifstream probe(p, std::ios::binary);
    if (!probe) {
      int e = errno;
      o.permission_denied = e == EACCES || e == EPERM;
      o.detail = e ? std::strerror(e) : "cannot open";
      return o;
    }
  }
  Error err;
  libregf_file_t* f = nullptr;
  if (libregf_file_initialize(&f, &err) != 1) {
    o.detail = err.text();
    return o;
  }
#ifdef _WIN32
  // The wide open (CreateFileW): a root path outside the ANSI code page, e.g.
  // with Chinese characters, is found as it is named (WINDOWS.md "Text").
  // libyal's libcfile opens "\\?\" + the path, which Windows takes literally:
  // a '/' separator (as the Host joins "Windows/System32/...") or a ".." is
  // then an invalid name (ERROR_INVALID_NAME, seen under wine 8), so the path
  // goes absolute, normalised, with backslashes only.
  std::wstring wide = std::filesystem::absolute(p).lexically_normal().make_preferred().wstring();
  int opened = libregf_file_open_wide(f, wide.c_str(), LIBREGF_OPEN_READ, &err);
#else
  int opened = libregf_file_open(f, p.string().c_str(), LIBREGF_OPEN_READ, &err);
#endif
  if (opened != 1) {
    o.detail = err.text();
    libregf_file_free(&f, nullptr);
    return o;
  }
  o.reader = std::make_unique<RegfReader>(f);
  return o;
}

}  // namespace

std::unique_ptr<Registry> make_regf_registry(const Host& host) { return make_hive_file_registry(host, open_with_regf); }

}  // namespace sc
