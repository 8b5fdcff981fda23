// The registry facade over hive files of an audited Windows root, read with
// libhivex (Debian libhivex-dev; hivex(3)), so the hive format is parsed by a
// well-kept library, not by us. Used by the Linux build always and by the
// Windows build for offline roots (wine-findings.md: RegLoadAppKeyW is a stub
// under wine and needs exclusive access to the hive on Windows).
//
// Each hive is opened once per Host, on first use, and shared by every probe.
// hivex handles are not documented as thread-safe, so every hivex call on a
// hive runs under that hive's mutex; reads copy what they need out of the
// handle before the lock is released. One handle per thread was rejected:
// hivex_open reads and checks the whole file (11 MB for a real SYSTEM hive),
// and a key read takes microseconds, so serialising costs less than opening.
#include "agent/host/readers.hpp"

#if SELFCHECK_HAVE_HIVEX
#include <fmt/format.h>
#include <hivex.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <map>
#include <mutex>

#include "agent/core/host.hpp"
#include "agent/core/registry.hpp"
#include "agent/core/text.hpp"
#include "agent/core/win_paths.hpp"

namespace sc {

namespace {

constexpr std::uint64_t kMaxHiveBytes = 512ull << 20;  // larger than any real hive
constexpr std::size_t kMaxChildren = 200000;           // subkeys or values read per key
constexpr std::size_t kMaxValueBytes = 16u << 20;

struct CFree {
  void operator()(void* p) const { std::free(p); }
};

std::string errno_text(int e) { return e ? std::strerror(e) : "unknown error"; }

// One hive file: opened once (lazily), then every hivex call under `mutex`.
struct Hive {
  std::once_flag once;
  std::mutex mutex;
  hive_h* h = nullptr;
  std::string label;  // "the SOFTWARE hive", "the NTUSER.DAT hive of user alice"
  std::string rel;    // "Windows/System32/config/SOFTWARE" (as asked, for messages)
  std::string error;
  bool missing = false;
  std::ifstream bytes;  // the same file, for what hivex has no call for (class names)
  std::uintmax_t size = 0;
  ~Hive() {
    if (h) hivex_close(h);
  }
};

void open_hive(const Host& host, Hive& hv) {
  std::optional<std::string> stored = find_case_insensitive(host, "/" + hv.rel);
  if (!stored) {
    hv.missing = true;
    hv.error = fmt::format("{} is missing: {}", hv.label, hv.rel);
    return;
  }
  if (!stays_under_root(host, *stored)) {
    hv.error = fmt::format("{} leads outside the root (a symbolic link): {}", hv.label, stored->substr(1));
    return;
  }
  std::filesystem::path p = host.path(*stored);
  std::error_code ec;
  auto st = std::filesystem::status(p, ec);
  if (ec) {
    hv.error = fmt::format("cannot read {} {}: {}", hv.label, stored->substr(1), ec.message());
    return;
  }
  if (!std::filesystem::is_regular_file(st)) {
    hv.error = fmt::format("{} is not a regular file: {}", hv.label, stored->substr(1));
    return;
  }
  std::uintmax_t size = std::filesystem::file_size(p, ec);
  if (ec || size > kMaxHiveBytes) {
    hv.error = fmt::format("{} is too large ({} MiB; the limit is {} MiB): {}", hv.label, size >> 20,
                           kMaxHiveBytes >> 20, stored->substr(1));
    return;
  }
  hv.size = size;
  hv.bytes.open(p, std::ios::binary);
  errno = 0;
  hv.h = hivex_open(p.string().c_str(), 0);
  if (!hv.h) {
    int e = errno;
    if (e == EACCES || e == EPERM) {
      hv.error = fmt::format("no permission to read {} {}: run as root", hv.label, stored->substr(1));
    } else {
      hv.error =
          fmt::format("{} is corrupt or not a registry hive: {} ({})", hv.label, stored->substr(1), errno_text(e));
    }
  }
}

class HiveRegistry : public Registry {
 public:
  explicit HiveRegistry(const Host& host) : host_(host) {}

  RegKeyResult key(std::string_view path) const override {
    RegKeyResult r;
    std::string why;
    std::optional<RegPath> rp = parse_reg_path(path, &why);
    if (!rp) {
      r.error = why;
      return r;
    }
    if (rp->hive == "SYSTEM" && !rp->parts.empty() && iequals(rp->parts[0], "CurrentControlSet")) {
      std::string cs = current_control_set(&why);
      if (cs.empty()) {
        r.error = why;
        r.hive_missing = why.find("is missing") != std::string::npos;
        return r;
      }
      rp->parts[0] = cs;
    }
    Hive& hv = hive(*rp);
    if (!hv.error.empty()) {
      r.error = hv.error;
      r.hive_missing = hv.missing;
      return r;
    }
    r.key.path = rp->hive == "USER" ? "HKU\\" + rp->user : "HKLM\\" + rp->hive;
    for (const auto& part : rp->parts) r.key.path += "\\" + part;
    std::lock_guard<std::mutex> lock(hv.mutex);
    read_key(hv, *rp, r);
    return r;
  }

  std::vector<std::string> users() const override {
    std::vector<std::string> out;
    std::optional<std::string> users_dir = find_case_insensitive(host_, "/Users");
    if (!users_dir) return out;
    for (const std::string& name : host_.list_dir(*users_dir)) {
      if (find_case_insensitive(host_, *users_dir + "/" + name + "/NTUSER.DAT")) out.push_back(name);
    }
    return out;
  }

 private:
  Hive& hive(const RegPath& rp) const {
    std::string id = rp.hive == "USER" ? "USER\\" + rp.user : rp.hive;
    std::shared_ptr<Hive> hv;
    {
      std::lock_guard<std::mutex> lock(map_mutex_);
      auto& slot = hives_[id];
      if (!slot) {
        slot = std::make_shared<Hive>();
        if (rp.hive == "USER") {
          slot->label = fmt::format("the NTUSER.DAT hive of user {}", rp.user);
          // A user name is one path component: refuse anything that could climb.
          bool plain = !rp.user.empty() && rp.user.find_first_of("/\\") == std::string::npos && rp.user != "." &&
                       rp.user != "..";
          slot->rel = plain ? "Users/" + rp.user + "/NTUSER.DAT" : "";
          if (!plain) slot->error = fmt::format("not a user profile name: {}", rp.user);
        } else {
          slot->label = fmt::format("the {} hive", rp.hive);
          slot->rel = "Windows/System32/config/" + rp.hive;
        }
      }
      hv = slot;
    }
    std::call_once(hv->once, [&] {
      if (hv->error.empty()) open_hive(host_, *hv);
    });
    return *hv;  // owned by hives_ for the Registry's lifetime
  }

  // "ControlSet001" from SYSTEM\Select\Current, once.
  std::string current_control_set(std::string* why) const {
    std::call_once(ccs_once_, [&] {
      RegKeyResult sel = key("HKLM\\SYSTEM\\Select");
      if (!sel.error.empty()) {
        ccs_error_ = sel.error;
        return;
      }
      const RegValue* cur = sel.absent ? nullptr : sel.key.value("Current");
      auto n = cur ? cur->dword() : std::nullopt;
      if (!n || *n == 0 || *n > 999) {
        ccs_error_ = "SYSTEM\\Select\\Current is missing or not a DWORD: cannot resolve CurrentControlSet";
        return;
      }
      ccs_ = fmt::format("ControlSet{:03}", *n);
    });
    if (ccs_.empty()) *why = ccs_error_;
    return ccs_;
  }

  // The class name of the key node at `node`. hivex 1.3 has no call for it;
  // hivex's node handle is the file offset of the nk cell, whose class-name
  // offset (from the first hive bin) is at +0x34 and its byte length at +0x4E
  // (REGF format, libyal/libregf documentation "Named key"). Under hv.mutex.
  static std::string class_name(Hive& hv, hive_node_h node) {
    auto read = [&](std::uint64_t at, std::size_t n, std::string& out) {
      if (!hv.bytes || at + n > hv.size) return false;
      out.resize(n);
      hv.bytes.clear();
      hv.bytes.seekg(static_cast<std::streamoff>(at));
      return static_cast<bool>(hv.bytes.read(out.data(), static_cast<std::streamsize>(n)));
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

  // Under hv.mutex.
  void read_key(Hive& hv, const RegPath& rp, RegKeyResult& r) const {
    hive_h* h = hv.h;
    auto corrupt = [&](int e) {
      r.error = fmt::format("{} is corrupt at {}: {}", hv.label, r.key.path, errno_text(e));
    };
    errno = 0;
    hive_node_h node = hivex_root(h);
    if (!node) return corrupt(errno);
    for (const auto& part : rp.parts) {
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
    r.key.class_name = class_name(hv, node);
    errno = 0;
    std::int64_t ts = hivex_node_timestamp(h, node);
    if (ts > 0) r.key.last_write = filetime_to_time(static_cast<std::uint64_t>(ts));
    errno = 0;
    std::unique_ptr<hive_node_h, CFree> children{hivex_node_children(h, node)};
    if (!children) return corrupt(errno);
    for (hive_node_h* c = children.get(); *c; ++c) {
      if (r.key.subkeys.size() >= kMaxChildren) {
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
      if (r.key.values.size() >= kMaxChildren) {
        r.key.truncated = true;
        break;
      }
      RegValue rv;
      std::unique_ptr<char, CFree> vname{hivex_value_key(h, *v)};
      if (!vname) continue;  // an unreadable value name: skip the value
      rv.name = vname.get();
      hive_type t{};
      std::size_t len = 0;
      if (hivex_value_type(h, *v, &t, &len) != 0 || len > kMaxValueBytes) continue;
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

  const Host& host_;
  mutable std::mutex map_mutex_;
  mutable std::map<std::string, std::shared_ptr<Hive>> hives_;
  mutable std::once_flag ccs_once_;
  mutable std::string ccs_, ccs_error_;
};

}  // namespace

std::unique_ptr<Registry> make_hive_registry(const Host& host) { return std::make_unique<HiveRegistry>(host); }

}  // namespace sc

#else  // a build without hivex (the Windows build until hivex is cross-built)

namespace sc {

namespace {
class NoHiveRegistry : public Registry {
 public:
  RegKeyResult key(std::string_view) const override {
    RegKeyResult r;
    r.error = "this build of selfcheck cannot read the hive files of an offline Windows root (built without hivex)";
    return r;
  }
  std::vector<std::string> users() const override { return {}; }
};
}  // namespace

std::unique_ptr<Registry> make_hive_registry(const Host&) { return std::make_unique<NoHiveRegistry>(); }

}  // namespace sc

#endif
