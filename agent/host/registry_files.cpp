// The library-independent part of the offline registry facade (see
// registry_files.hpp): hive discovery under the root, logical paths, bounds,
// locking and error texts, shared by the libhivex and libregf backends.
//
// Each hive is opened once per Host, on first use, and shared by every probe.
// Neither hivex nor libregf handles are documented as thread-safe, so every
// library call on a hive runs under that hive's mutex; reads copy what they
// need out of the handle before the lock is released. One handle per thread
// was rejected: opening reads and checks the whole file (11 MB for a real
// SYSTEM hive), and a key read takes microseconds.
#include "agent/host/registry_files.hpp"

#include <fmt/format.h>

#include <map>
#include <mutex>

#include "agent/core/host.hpp"
#include "agent/core/text.hpp"
#include "agent/core/win_paths.hpp"

namespace sc {

namespace {

// One hive file: opened once (lazily), then every library call under `mutex`.
struct Hive {
  std::once_flag once;
  std::mutex mutex;
  std::unique_ptr<HiveReader> reader;
  std::string label;  // "the SOFTWARE hive", "the NTUSER.DAT hive of user alice"
  std::string rel;    // "Windows/System32/config/SOFTWARE" (as asked, for messages)
  std::string error;
  bool missing = false;
};

void open_hive(const Host& host, const HiveOpener& open, Hive& hv) {
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
  HiveOpen o = open(p, size);
  if (o.reader) {
    hv.reader = std::move(o.reader);
  } else if (o.permission_denied) {
    hv.error = fmt::format("no permission to read {} {}: run as root", hv.label, stored->substr(1));
  } else {
    hv.error = fmt::format("{} is corrupt or not a registry hive: {} ({})", hv.label, stored->substr(1), o.detail);
  }
}

class FileRegistry : public Registry {
 public:
  FileRegistry(const Host& host, HiveOpener open) : host_(host), open_(std::move(open)) {}

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
    auto corrupt = [&](const std::string& reason) {
      return fmt::format("{} is corrupt at {}: {}", hv.label, r.key.path, reason);
    };
    std::lock_guard<std::mutex> lock(hv.mutex);
    hv.reader->read_key(rp->parts, r, corrupt);
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
      if (hv->error.empty()) open_hive(host_, open_, *hv);
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

  const Host& host_;
  HiveOpener open_;
  mutable std::mutex map_mutex_;
  mutable std::map<std::string, std::shared_ptr<Hive>> hives_;
  mutable std::once_flag ccs_once_;
  mutable std::string ccs_, ccs_error_;
};

}  // namespace

std::unique_ptr<Registry> make_hive_file_registry(const Host& host, HiveOpener open) {
  return std::make_unique<FileRegistry>(host, std::move(open));
}

}  // namespace sc
