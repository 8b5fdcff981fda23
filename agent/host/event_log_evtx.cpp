// The event-log facade over .evtx files of an audited Windows root, read with
// libevtx (Debian libevtx-dev + libbfio-dev; WINDOWS.md "Known traps"), so
// the evtx chunk and binary-XML formats are parsed by a well-kept library.
// Used by the Linux build always and by the Windows build for offline roots
// (wine-findings.md). The provider and id filter runs on libevtx's accessors
// before a record's XML is rendered, so non-matching records cost little.
#include <fmt/format.h>
#include <libevtx.h>
#if defined(LIBEVTX_HAVE_BFIO)
#include <libbfio.h>
#endif

#include <algorithm>
#include <deque>
#include <filesystem>

#include "agent/core/event_log.hpp"
#include "agent/core/host.hpp"
#include "agent/core/win_paths.hpp"
#include "agent/host/readers.hpp"

namespace sc {

namespace {

constexpr std::uint64_t kMaxEvtxBytes = 4ull << 30;  // Windows caps a log at 4 GiB
constexpr std::size_t kMaxXmlBytes = 1u << 20;

std::string take_error(libevtx_error_t*& e) {
  std::string s;
  if (e) {
    char buf[512] = {};
    if (libevtx_error_sprint(e, buf, sizeof buf) > 0) s = buf;
    libevtx_error_free(&e);
  }
  // libevtx prints a chain "a\nb"; the last line names the innermost cause.
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.pop_back();
  std::size_t nl = s.rfind('\n');
  return nl == std::string::npos ? s : s.substr(nl + 1);
}

struct File {
  libevtx_file_t* f = nullptr;
  ~File() {
    if (f) {
      libevtx_file_close(f, nullptr);
      libevtx_file_free(&f, nullptr);
    }
  }
};

struct Record {
  libevtx_record_t* r = nullptr;
  ~Record() {
    if (r) libevtx_record_free(&r, nullptr);
  }
};

// One record → EventRecord when it passes the filter; false when skipped.
bool read_record(libevtx_record_t* rec, const EventQuery& q, EventRecord& out, bool& unreadable) {
  libevtx_error_t* err = nullptr;
  std::uint32_t id = 0;
  if (libevtx_record_get_event_identifier(rec, &id, &err) != 1) {
    take_error(err);
    unreadable = true;
    return false;
  }
  std::string provider;
  std::size_t size = 0;
  if (libevtx_record_get_utf8_source_name_size(rec, &size, &err) == 1 && size > 0 && size < 4096) {
    provider.resize(size);
    if (libevtx_record_get_utf8_source_name(rec, reinterpret_cast<std::uint8_t*>(provider.data()), size, &err) == 1) {
      provider.resize(size - 1);  // the size counts the NUL
    } else {
      provider.clear();
    }
  }
  take_error(err);
  if (!event_matches(q, provider, id & 0xFFFF)) return false;
  std::uint64_t written = 0;
  if (libevtx_record_get_written_time(rec, &written, &err) == 1) out.time = filetime_to_time(written);
  take_error(err);
  if (q.since && (!out.time || *out.time < *q.since)) return false;
  out.event_id = id & 0xFFFF;
  out.provider = provider;
  std::uint64_t rid = 0;
  if (libevtx_record_get_identifier(rec, &rid, &err) == 1) out.record_id = rid;
  take_error(err);
  std::uint8_t level = 0;
  if (libevtx_record_get_event_level(rec, &level, &err) == 1) out.level = level;
  take_error(err);
  // The data fields with their names come from the record's XML.
  std::string xml;
  if (libevtx_record_get_utf8_xml_string_size(rec, &size, &err) == 1 && size > 0 && size <= kMaxXmlBytes) {
    xml.resize(size);
    if (libevtx_record_get_utf8_xml_string(rec, reinterpret_cast<std::uint8_t*>(xml.data()), size, &err) == 1) {
      xml.resize(size - 1);
    } else {
      xml.clear();
    }
  }
  take_error(err);
  if (auto ev = parse_event_xml(xml)) {
    out.data = std::move(ev->data);
    if (out.provider.empty()) out.provider = ev->provider;
    if (!out.time) out.time = ev->time;
    return true;
  }
  // No usable XML: the strings libevtx found, named by position.
  int n = 0;
  if (libevtx_record_get_number_of_strings(rec, &n, &err) == 1) {
    for (int i = 0; i < n && i < 256; ++i) {
      std::string s;
      if (libevtx_record_get_utf8_string_size(rec, i, &size, &err) == 1 && size > 0 && size <= kMaxXmlBytes) {
        s.resize(size);
        if (libevtx_record_get_utf8_string(rec, i, reinterpret_cast<std::uint8_t*>(s.data()), size, &err) == 1)
          s.resize(size - 1);
        else
          s.clear();
      }
      take_error(err);
      out.data.emplace_back(std::to_string(i + 1), s);
    }
  }
  take_error(err);
  return true;
}

// Every record of an opened file through the filter.
void scan(libevtx_file_t* f, const EventQuery& q, EventLogResult& r) {
  libevtx_error_t* err = nullptr;
  int n = 0;
  if (libevtx_file_get_number_of_records(f, &n, &err) != 1) {
    r.error = fmt::format("cannot count the records of {}: {}", r.source, take_error(err));
    return;
  }
  std::deque<EventRecord> kept;
  std::size_t unreadable = 0;
  for (int i = 0; i < n; ++i) {
    Record rec;
    ++r.scanned;
    if (libevtx_file_get_record_by_index(f, i, &rec.r, &err) != 1) {
      take_error(err);
      ++unreadable;
      continue;
    }
    EventRecord ev;
    bool bad = false;
    if (read_record(rec.r, q, ev, bad)) {
      kept.push_back(std::move(ev));
      if (kept.size() > q.max_records) {
        kept.pop_front();
        r.truncated = true;
      }
    }
    if (bad) ++unreadable;
  }
  r.records.assign(std::make_move_iterator(kept.begin()), std::make_move_iterator(kept.end()));
  if (n > 0 && unreadable == static_cast<std::size_t>(n))
    r.error = fmt::format("none of the {} records of {} could be read (corrupt)", n, r.source);
}

class EvtxEventLog : public EventLog {
 public:
  explicit EvtxEventLog(const Host& host) : host_(host) {}

  EventLogResult query(std::string_view channel, const EventQuery& q) const override {
    EventLogResult r;
    std::string file = channel_file_name(channel);
    if (file.empty()) {
      r.error = fmt::format("not an event log channel name: {}", channel);
      return r;
    }
    r.source = "Windows/System32/winevt/Logs/" + file;
    std::optional<std::string> stored = find_case_insensitive(host_, "/" + r.source);
    if (!stored) {
      r.missing = true;
      r.error = fmt::format("the {} event log is missing: {}", channel, r.source);
      return r;
    }
    r.source = stored->substr(1);
    if (!stays_under_root(host_, *stored)) {
      r.error = fmt::format("the {} event log leads outside the root (a symbolic link): {}", channel, r.source);
      return r;
    }
    std::filesystem::path p = host_.path(*stored);
    std::error_code ec;
    if (!std::filesystem::is_regular_file(p, ec)) {
      r.error = fmt::format("the {} event log is not a regular file: {}", channel, r.source);
      return r;
    }
    std::uintmax_t size = std::filesystem::file_size(p, ec);
    if (ec || size > kMaxEvtxBytes) {
      r.error = fmt::format("the {} event log is too large or unreadable: {}", channel, r.source);
      return r;
    }
    File f;
    libevtx_error_t* err = nullptr;
#ifdef _WIN32
    // A wide path: a root may hold Chinese characters. Absolute, normalised
    // and with backslashes only: libcfile prefixes \\?\ to it, which turns off
    // Windows' own clean-up ("C:\\root\\Windows/System32/..." is then an
    // invalid name, checked under wine).
    std::filesystem::path wide = std::filesystem::absolute(p, ec).lexically_normal().make_preferred();
    auto open = [&] { return libevtx_file_open_wide(f.f, wide.c_str(), LIBEVTX_OPEN_READ, &err); };
#else
    auto open = [&] { return libevtx_file_open(f.f, p.c_str(), LIBEVTX_OPEN_READ, &err); };
#endif
    if (libevtx_file_initialize(&f.f, &err) != 1 || open() != 1) {
      std::string why = take_error(err);
      if (f.f) libevtx_file_free(&f.f, nullptr);
      r.error = fmt::format("the {} event log is unreadable or not an .evtx file: {} ({})", channel, r.source, why);
      return r;
    }
    scan(f.f, q, r);
    return r;
  }

 private:
  const Host& host_;
};

}  // namespace

EventLogResult read_evtx_bytes(std::string_view bytes, const EventQuery& q) {
  EventLogResult r;
  r.source = "(memory)";
#if !defined(LIBEVTX_HAVE_BFIO)
  (void)bytes;
  (void)q;
  r.error = "this build's libevtx reads files only (no libbfio)";
  return r;
#else
  // libbfio 20201125's memory range reads past the range's end when libevtx
  // asks for a whole header of a shorter input (ASan: heap-buffer-overflow
  // in libbfio_memory_range_read): the copy carries 64 KiB of zeros beyond
  // the range it declares, so such a read stays inside our allocation.
  std::vector<std::uint8_t> copy(bytes.size() + (64u << 10), 0);
  std::copy(bytes.begin(), bytes.end(), copy.begin());
  libbfio_handle_t* io = nullptr;
  libbfio_error_t* berr = nullptr;
  if (libbfio_memory_range_initialize(&io, &berr) != 1 ||
      libbfio_memory_range_set(io, copy.data(), bytes.size(), &berr) != 1) {
    if (berr) libbfio_error_free(&berr);
    if (io) libbfio_handle_free(&io, nullptr);
    r.error = "cannot set up a memory range for libevtx";
    return r;
  }
  File f;
  libevtx_error_t* err = nullptr;
  if (libevtx_file_initialize(&f.f, &err) != 1 ||
      libevtx_file_open_file_io_handle(f.f, io, LIBEVTX_OPEN_READ, &err) != 1) {
    r.error = fmt::format("not an .evtx file ({})", take_error(err));
    if (f.f) libevtx_file_free(&f.f, nullptr);
  } else {
    scan(f.f, q, r);
    libevtx_file_close(f.f, nullptr);
    libevtx_file_free(&f.f, nullptr);
  }
  libbfio_handle_free(&io, nullptr);
  return r;
#endif
}

std::unique_ptr<EventLog> make_evtx_event_log(const Host& host) { return std::make_unique<EvtxEventLog>(host); }

}  // namespace sc
