// The event-log facade on the Linux build: the audited root's .evtx files
// through libevtx (event_log_evtx.cpp) — there is no live event log.
#include "agent/host/readers.hpp"

namespace sc {

std::unique_ptr<EventLog> make_event_log(const Host& host) { return make_evtx_event_log(host); }

}  // namespace sc
