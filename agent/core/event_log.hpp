// The Host's event-log facade: records of a Windows event-log channel
// ("System", "Microsoft-Windows-Partition/Diagnostic") with id, provider,
// time, level and data fields, filtered by provider and ids so that callers
// never materialise a whole log. Backends by build platform: .evtx files read
// with libevtx (agent/host/event_log_evtx.cpp; the Linux build, and the
// Windows build for offline roots) or EvtQuery on the live channel
// (agent/host/event_log_win32.cpp). Errors are values: a missing channel file
// is `missing` (not "no events"); a corrupt one is an error with the reason.
#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "agent/core/time.hpp"

namespace sc {

class Host;

struct EventRecord {
  std::uint64_t record_id = 0;  // EventRecordID
  std::uint32_t event_id = 0;   // EventID (without qualifiers)
  std::string provider;         // Provider Name ("Microsoft-Windows-WindowsUpdateClient")
  std::optional<Time> time;     // TimeCreated SystemTime (UTC instant)
  int level = 0;                // 1 critical, 2 error, 3 warning, 4 information, 0 always, 5 verbose
  // EventData <Data Name="n">v</Data> in order, or the leaf elements of
  // UserData; an unnamed Data gets its 1-based position as the name ("1").
  std::vector<std::pair<std::string, std::string>> data;

  // The first field with this name (exact), or nullptr.
  const std::string* field(std::string_view name) const;
};

struct EventQuery {
  std::vector<std::string> providers;  // any of these (case-insensitive); empty = any provider
  std::vector<std::uint32_t> ids;      // any of these; empty = any id
  std::optional<Time> since;           // records at or after this instant only
  std::size_t max_records = 20000;     // keep at most this many matches: the newest ones
};

struct EventLogResult {
  std::vector<EventRecord> records;  // matches, oldest first
  bool missing = false;              // the channel's log does not exist (not "no events")
  std::string error;                 // could not be read (or only partly: records holds what was)
  bool truncated = false;            // more matches than max_records: the oldest were dropped
  std::size_t scanned = 0;           // records examined
  std::string source;                // "Windows/System32/winevt/Logs/System.evtx" or "live channel System"
  bool ok() const { return error.empty() && !missing; }
};

class EventLog {
 public:
  virtual ~EventLog() = default;
  virtual EventLogResult query(std::string_view channel, const EventQuery& q) const = 0;
};

// The backend for this build platform (event_log_posix.cpp / event_log_win32.cpp).
std::unique_ptr<EventLog> make_event_log(const Host& host);

// "Microsoft-Windows-Partition/Diagnostic" → "Microsoft-Windows-Partition%4Diagnostic.evtx"
// (the file name Windows gives a channel's log); empty for a name with '\\',
// "..", or a control character.
std::string channel_file_name(std::string_view channel);

// Whether a record passes the provider and id filters of `q` (not `since`).
bool event_matches(const EventQuery& q, std::string_view provider, std::uint32_t event_id);

// What one event's XML holds (the rendering of libevtx and of EvtRender).
struct EventXml {
  std::uint32_t event_id = 0;
  std::uint64_t record_id = 0;
  int level = 0;
  std::string provider;
  std::optional<Time> time;
  std::vector<std::pair<std::string, std::string>> data;
};
// Parses one <Event> element. Pure, bounded (refuses more than 1 MiB of XML
// or 4,096 elements), never throws; nullopt when it is not such XML.
std::optional<EventXml> parse_event_xml(std::string_view xml);

}  // namespace sc
