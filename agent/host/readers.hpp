// The file readers behind the registry and event-log facades (hivex and
// libevtx over an audited Windows root), shared by the Linux build and by the
// Windows build for offline roots; plus in-memory entry points for the fuzz
// targets and tests. Backend-internal: probes use Host's facades.
#pragma once
#include <memory>
#include <string_view>

#include "agent/core/event_log.hpp"
#include "agent/core/registry.hpp"

namespace sc {

class Host;

// Hive files under <root>/Windows/System32/config and <root>/Users/*/NTUSER.DAT,
// read with hivex (Linux build only; the Windows build: registry_regf.hpp).
std::unique_ptr<Registry> make_hive_registry(const Host& host);
// .evtx files under <root>/Windows/System32/winevt/Logs.
std::unique_ptr<EventLog> make_evtx_event_log(const Host& host);

// The bytes of one .evtx file through the filter (no file access).
EventLogResult read_evtx_bytes(std::string_view bytes, const EventQuery& q);

}  // namespace sc
