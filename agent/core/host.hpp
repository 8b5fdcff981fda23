// The Host seam: the only way probes reach the machine. Files under a root,
// the clock (--as-of) and the machine's zone, commands with a timeout, USB
// devices present now, bounded TCP connects, and memoized shared facts.
// The same probe code therefore audits /, a mounted disk or a fixture tree.
#pragma once
#include <any>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "agent/core/event_log.hpp"
#include "agent/core/machine.hpp"
#include "agent/core/registry.hpp"
#include "agent/core/time.hpp"

namespace sc {

namespace fs = std::filesystem;
using std::chrono::milliseconds;

// A file's bytes, or why they could not be read ("no such file",
// "no permission to read /etc/shadow: run as root", ...).
struct FileResult {
  std::string data;
  std::string error;
  bool missing = false;    // the file does not exist (as opposed to unreadable)
  bool truncated = false;  // the file is longer than the cap: `data` holds only its start
  bool ok() const { return error.empty(); }
};

// A file named on the command line or by the config (not under --root):
// opened non-blocking, regular files only (a FIFO or device is refused with
// "... is not a regular file"), and refused when larger than `max_bytes`
// ("... is larger than N bytes", `truncated` set, `data` empty).
FileResult read_local_file(const std::filesystem::path& file, std::size_t max_bytes);
// The same file opened read-only for streaming readers (a C runtime
// descriptor: read/close), regular files only, the open non-blocking so that a
// FIFO never hangs; the caller closes it. -1 with `why` filled otherwise.
int open_local_file(const std::filesystem::path& file, FileResult& why);

struct CommandResult {
  int exit_code = -1;
  std::string out;
  std::string err;
  bool timed_out = false;
  std::string error;  // could not start ("no such command"), empty when it ran
  bool ok() const { return error.empty() && !timed_out && exit_code == 0; }
};

// A USB device plugged in now (libusb, live only).
struct UsbPresent {
  std::string vid, pid, serial, vendor, product;  // vid/pid as 4 lower-case hex digits
  int bus = 0;
  std::string port_path;               // "1-1.2"
  std::vector<int> interface_classes;  // 8 = mass storage, 6 = still image (PTP), 0xff vendor (MTP)
};

enum class ConnectOutcome { accepted, refused, unreachable, timeout, error };
std::string_view to_string(ConnectOutcome o);

struct ConnectResult {
  ConnectOutcome outcome = ConnectOutcome::error;
  std::string address;  // the address tried (after resolution)
  std::string detail;   // errno text etc.
  long elapsed_ms = 0;
};

class Host {
 public:
  struct Options {
    fs::path root = "/";
    std::optional<bool> live;   // default: live only when root is "/"
    std::optional<Time> as_of;  // default: now
    milliseconds command_timeout{15000};
  };

  explicit Host(Options options);
  virtual ~Host();
  Host(const Host&) = delete;
  Host& operator=(const Host&) = delete;

  // --- files under the root -------------------------------------------------
  const fs::path& root() const { return root_; }
  bool is_system_root() const { return system_root_; }
  // An absolute path of the audited machine ("/etc/shadow") under the root,
  // joined lexically: symlinks in it are NOT resolved inside the root. For
  // messages; to open anything use the functions below.
  fs::path path(std::string_view abs) const;
  // Every access below resolves `abs` as if chrooted into the root:
  // absolute links and ".." stay inside it (openat2 RESOLVE_IN_ROOT where the
  // kernel has it, else a component-wise walk). A path that fails after a
  // link left the root says "... leads outside the audited root".
  // Only regular files are read (a FIFO or device: "... is not a regular
  // file"); at most max_bytes, `truncated` set when the file is longer.
  FileResult read_file(std::string_view abs, std::size_t max_bytes = 16u << 20) const;
  // The same file streamed: its bytes handed to `sink` in pieces (at most
  // 64 KiB each, in order) instead of kept, so a reader's memory stays flat in
  // the file's size. The result says why it could not be read, and sets
  // `truncated` past max_bytes; its `data` stays empty.
  using ChunkSink = std::function<void(std::string_view)>;
  FileResult read_file_chunks(std::string_view abs, std::size_t max_bytes, const ChunkSink& sink) const;
  // A regular file opened read-only (O_CLOEXEC) for streaming readers; the
  // caller closes it. -1 with `why` (error, missing) filled otherwise.
  int open_file(std::string_view abs, FileResult& why) const;
  bool exists(std::string_view abs) const;
  bool is_dir(std::string_view abs) const;
  bool is_file(std::string_view abs) const;  // a regular file (links followed inside the root)
  // The entry itself exists (a dangling link counts); its parents resolved inside the root.
  bool lexists(std::string_view abs) const;
  // The target of the link at `abs` (not followed), or nullopt when it is not a link.
  std::optional<std::string> read_link(std::string_view abs) const;
  // The path on this machine that `abs` resolves to inside the root, links
  // resolved (for libraries and commands that take a path); nullopt when it
  // does not resolve, with the reason in `error`.
  std::optional<fs::path> resolved_path(std::string_view abs, std::string* error = nullptr) const;
  // Entry names in a directory, sorted; empty when missing or unreadable.
  std::vector<std::string> list_dir(std::string_view abs) const;
  std::optional<Time> mtime(std::string_view abs) const;
  // Why `abs` cannot be read, in words an administrator acts on.
  static std::string describe(std::string_view abs, const std::error_code& ec);

  // --- the audited machine --------------------------------------------------------
  // linux | windows | unknown, decided once from the root (machine.hpp):
  // probes pick their evidence gatherer by it, never by #ifdef.
  const OsDetection& os() const { return os_; }
  // The registry and event logs of an audited Windows machine: hive and .evtx
  // files under the root (hivex, libevtx), or the live system on the Windows
  // build. Shared by every probe, thread-safe. Virtual so tests can inject
  // recorded answers.
  virtual const Registry& registry() const { return *registry_; }
  virtual const EventLog& event_log() const { return *event_log_; }

  // --- live / offline -----------------------------------------------------------
  // Live checks (connections, libusb, services, commands describing the
  // running machine) are allowed: root is "/" or --live was given.
  bool live() const { return live_; }

  // --- the clock ------------------------------------------------------------------
  Time now() const { return now_; }
  bool as_of_given() const { return as_of_given_; }
  const Zone& zone() const { return zone_; }
  // Empty when the zone was loaded (<root>/etc/localtime on Linux, the
  // registry's TimeZoneInformation on Windows); otherwise why UTC is used.
  const std::string& zone_note() const { return zone_note_; }

  // --- commands (Boost.Process, async pipes, bounded) -----------------------------
  virtual CommandResult run(const std::vector<std::string>& argv,
                            std::optional<milliseconds> timeout = std::nullopt) const;

  // --- live machine ---------------------------------------------------------------
  // USB devices present now; `error` says why none could be listed.
  virtual std::vector<UsbPresent> usb_present(std::string* error = nullptr) const;
  // One bounded TCP connect (nothing is sent). `host` is a literal address or
  // a name resolved with a bounded resolver.
  virtual ConnectResult connect(const std::string& host, std::uint16_t port, milliseconds timeout) const;

  // --- writing (spool, collection drive) ------------------------------------------
  // Atomic: temp file in the same directory, fsync, rename, fsync directory.
  // An existing target that is not a regular file (a character device such
  // as /dev/null or /dev/stdout, a FIFO) is written in place instead, never
  // replaced. Throws OutputError. Virtual so tests can inject a full or
  // vanishing drive.
  virtual void write_file_atomic(const fs::path& target, std::string_view data) const;
  // The same, the data handed over in pieces by `produce` (a text too large
  // to hold: the unit summary, issue 20). An exception from `produce` leaves
  // the target as it was.
  using Chunk = std::function<void(std::string_view)>;
  using Producer = std::function<void(const Chunk&)>;
  void write_file_atomic_stream(const fs::path& target, const Producer& produce) const;
  // Like write_file_atomic, but never replaces an existing `target`: false
  // when it exists (nothing written). Throws OutputError on other failures.
  virtual bool write_file_new(const fs::path& target, std::string_view data) const;

  // --- memoized facts shared by probes ----------------------------------------------
  // Computes `make()` once per key, on first use, thread-safe; later callers
  // (any probe) get the same object. If make() throws, the next call retries.
  template <class T, class F>
  const T& fact(const std::string& key, F&& make) const {
    std::shared_ptr<FactSlot> slot = slot_for(key);
    // A mutex per slot, not std::call_once: mingw-w64's call_once (winpthreads'
    // pthread_once) is not exception-safe, so a make() that threw left the
    // flag taken and the retry waited for ever (Host::fact test under wine).
    std::lock_guard<std::mutex> lock(slot->mutex);
    if (!slot->value) slot->value = std::make_shared<T>(make());
    return *std::static_pointer_cast<const T>(slot->value);
  }

 private:
  struct FactSlot {
    std::mutex mutex;
    std::shared_ptr<const void> value;
  };
  std::shared_ptr<FactSlot> slot_for(const std::string& key) const;

  fs::path root_;
  bool system_root_ = true;
  bool live_ = true;
  Time now_;
  bool as_of_given_ = false;
  Zone zone_;
  std::string zone_note_;
  OsDetection os_;
  std::unique_ptr<Registry> registry_;
  std::unique_ptr<EventLog> event_log_;
  milliseconds command_timeout_;
  mutable std::mutex facts_mutex_;
  mutable std::map<std::string, std::shared_ptr<FactSlot>> facts_;
};

}  // namespace sc
