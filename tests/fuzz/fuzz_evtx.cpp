// Fuzz target: .evtx bytes through libevtx and the event-log facade's record
// reading (agent/host/event_log_evtx.cpp read_evtx_bytes) with its XML parse
// (agent/core/event_log.cpp parse_event_xml). Bounded by max_records; what
// comes out is within what was scanned and passes the filter.
#include <cstddef>
#include <cstdint>

#include "agent/core/event_log.hpp"
#include "agent/host/readers.hpp"
#include "fuzz_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes = fuzz::as_text(data, size);
  sc::EventLogResult all = sc::read_evtx_bytes(bytes, sc::EventQuery{.max_records = 100});
  FUZZ_CHECK(all.records.size() <= all.scanned && all.records.size() <= 100);
  FUZZ_CHECK(!all.missing);
  sc::EventQuery q{.providers = {"Microsoft-Windows-WindowsUpdateClient"}, .ids = {19, 20}, .max_records = 10};
  sc::EventLogResult some = sc::read_evtx_bytes(bytes, q);
  for (const auto& e : some.records) FUZZ_CHECK(sc::event_matches(q, e.provider, e.event_id));
  // The XML parser on its own, on the same bytes.
  if (auto x = sc::parse_event_xml(bytes.substr(0, 1u << 16))) FUZZ_CHECK(x->data.size() <= 4096);
  return 0;
}
