// The registry facade over hive files of an audited Windows root, read with
// libhivex (Debian libhivex-dev; hivex(3)), so the hive format is parsed by a
// well-kept library, not by us. The Linux build's backend. Hive discovery,
// paths, bounds and locking are shared with the libregf backend
// (registry_files.cpp); this file holds only the hivex calls.
#include <hivex.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>

#include "agent/host/readers.hpp"
#include "agent/host/registry_files.hpp"

namespace sc {

namespace {

struct CFree {
  void operator()(void* p) const { std::free(p); }
};

std::string errno_text(int e) { return e ? std::strerror(e) : "unknown error"; }

// One hive opened with hivex_open (which reads and checks the whole file).
class HivexReader : public HiveReader {
 public:
  HivexReader(hive_h* h, const std::filesystem::path& p, std::uintmax_t size)
      : h_(h), bytes_(p, std::ios::binary), size_(size) {}
  ~HivexReader() override { hivex_close(h_); }

  void read_key(const std::vector<std::string>& parts, RegKeyResult& r,
                const std::function<std::string(const std::string&)>& corrupt) override;

 private:
  std::string class_name(hive_node_h node);

  hive_h* h_;
  std::ifstream bytes_;  // the same file, for what hivex has no call for (class names)
  std::uintmax_t size_;
};

// The class name of the key node at `node`. hivex 1.3 has no call for it;
// hivex's node handle is the file offset of the nk cell, whose class-name
// offset (from the first hive bin) is at +0x34 and its byte length at +0x4E
// (REGF format, libyal/libregf documentation "Named key").
std::string HivexReader::class_name(hive_node_h node) {
  auto read = [&](std::uint64_t at, std::size_t n, std::string& out) {
    if (!bytes_ || at + n > size_) return false;
    out.resize(n);
    bytes_.clear();
    bytes_.seekg(static_cast<std::streamoff>(at));
    return static_cast<bool>(bytes_.read(out.data(), static_cast<std::streamsize>(n)));
  };
  std::string nk;
  if (!read(node, 0x50, nk) || nk.compare(4, 2, "nk") != 0) return {};
  auto u32 = [&](std::size_t i) {
    return static_cast<std::uint32_t>(static_cast<unsigned char>(nk[i])) |
           (static_cast<std::uint32_t>(static_cast<unsigned char>(nk[i + 1])) << 8) |
           (static_cast<std::uint32_t>(static_cast<unsigned char>(nk[i + 2])) << 16) |
           (static_cast<std::uint32_t>(static_cast<unsigned char>(nk[i + 3])) << 24);
  };
  std::uint32_t off = u32(0x34);
  std::size_t len = static_cast<unsigned char>(nk[0x4E]) | (static_cast<unsigned char>(nk[0x4F]) << 8);
  if (off == 0xFFFFFFFF || len == 0 || len > 1024) return {};
  std::string cls;
  if (!read(0x1000ull + off + 4, len, cls)) return {};
  return utf16le_to_utf8(cls, false);
}

void HivexReader::read_key(const std::vector<std::string>& parts, RegKeyResult& r,
                           const std::function<std::string(const std::string&)>& corrupt_at) {
  hive_h* h = h_;
  auto corrupt = [&](int e) { r.error = corrupt_at(errno_text(e)); };
  errno = 0;
  hive_node_h node = hivex_root(h);
  if (!node) return corrupt(errno);
  for (const auto& part : parts) {
    errno = 0;
    hive_node_h child = hivex_node_get_child(h, node, part.c_str());
    if (!child) {
      if (errno) return corrupt(errno);
      r.absent = true;
      return;
    }
    node = child;
  }
  if (std::unique_ptr<char, CFree> name{hivex_node_name(h, node)}) r.key.name = name.get();
  r.key.class_name = class_name(node);
  errno = 0;
  std::int64_t ts = hivex_node_timestamp(h, node);
  if (ts > 0) r.key.last_write = filetime_to_time(static_cast<std::uint64_t>(ts));
  errno = 0;
  std::unique_ptr<hive_node_h, CFree> children{hivex_node_children(h, node)};
  if (!children) return corrupt(errno);
  for (hive_node_h* c = children.get(); *c; ++c) {
    if (r.key.subkeys.size() >= kMaxHiveChildren) {
      r.key.truncated = true;
      break;
    }
    std::unique_ptr<char, CFree> cname{hivex_node_name(h, *c)};
    if (cname) r.key.subkeys.emplace_back(cname.get());
  }
  errno = 0;
  std::unique_ptr<hive_value_h, CFree> values{hivex_node_values(h, node)};
  if (!values) return corrupt(errno);
  for (hive_value_h* v = values.get(); *v; ++v) {
    if (r.key.values.size() >= kMaxHiveChildren) {
      r.key.truncated = true;
      break;
    }
    RegValue rv;
    std::unique_ptr<char, CFree> vname{hivex_value_key(h, *v)};
    if (!vname) continue;  // an unreadable value name: skip the value
    rv.name = vname.get();
    hive_type t{};
    std::size_t len = 0;
    if (hivex_value_type(h, *v, &t, &len) != 0 || len > kMaxHiveValueBytes) continue;
    std::unique_ptr<char, CFree> bytes{hivex_value_value(h, *v, &t, &len)};
    if (!bytes && len > 0) continue;
    // hivex stores the type word of the hive as it is (any 32-bit value)
    // in an enum object: read it as bytes, not as an enum (UBSan: a value
    // outside hive_type's enumerators).
    static_assert(sizeof(t) == sizeof(std::uint32_t));
    std::memcpy(&rv.type, &t, sizeof rv.type);
    if (bytes) rv.data.assign(bytes.get(), len);
    r.key.values.push_back(std::move(rv));
  }
}

HiveOpen open_with_hivex(const std::filesystem::path& p, std::uintmax_t size) {
  HiveOpen o;
  errno = 0;
  hive_h* h = hivex_open(p.string().c_str(), 0);
  if (!h) {
    int e = errno;
    o.permission_denied = e == EACCES || e == EPERM;
    o.detail = errno_text(e);
    return o;
  }
  o.reader = std::make_unique<HivexReader>(h, p, size);
  return o;
}

}  // namespace

std::unique_ptr<Registry> make_hive_registry(const Host& host) {
  return make_hive_file_registry(host, open_with_hivex);
}

}  // namespace sc
