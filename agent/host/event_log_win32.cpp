// The event-log facade on the Windows build. Live (the root is the running
// system): EvtQuery on the channel with an XPath filter built from the query
// (provider, ids, since), newest first so that only max_records are rendered,
// each record rendered to XML (EvtRender) and read by parse_event_xml like
// libevtx's. An offline root: the same libevtx reader as the Linux build
// (event_log_evtx.cpp): EvtQueryFilePath is a stub under wine 8
// (/work/helpers/wine-findings.md). Under wine even the live EvtQuery is a
// stub returning NULL with no error: that is "could not be queried", never
// "no events".
#include <windows.h>
#include <winevt.h>

#include <algorithm>
#include <string>

#include "agent/core/host.hpp"
#include "agent/host/readers.hpp"
#include "agent/host/win32_text.hpp"

namespace sc {

namespace {

struct EvtHandle {
  EVT_HANDLE h = nullptr;
  ~EvtHandle() {
    if (h) EvtClose(h);
  }
};

// The XPath of a query, or "" when a provider name cannot be quoted.
std::wstring xpath(const EventQuery& q) {
  std::string sys;
  auto join = [&](const std::string& clause) { sys += (sys.empty() ? "" : " and ") + clause; };
  if (!q.providers.empty()) {
    std::string c;
    for (const auto& p : q.providers) {
      if (p.find_first_of("'\"<>&") != std::string::npos) return L"";
      c += (c.empty() ? "" : " or ") + ("@Name='" + p + "'");
    }
    join("Provider[" + c + "]");
  }
  if (!q.ids.empty()) {
    std::string c;
    for (auto id : q.ids) c += (c.empty() ? "" : " or ") + ("EventID=" + std::to_string(id));
    join("(" + c + ")");
  }
  if (q.since) join("TimeCreated[@SystemTime>='" + Zone().iso(*q.since).substr(0, 19) + ".000Z']");
  return win32::wide(sys.empty() ? "*" : "*[System[" + sys + "]]");
}

class LiveEventLog : public EventLog {
 public:
  EventLogResult query(std::string_view channel, const EventQuery& q) const override {
    EventLogResult r;
    r.source = "live channel " + std::string(channel);
    std::wstring filter = xpath(q);
    if (filter.empty()) {
      r.error = "a provider name holds a quote or markup: not queried";
      return r;
    }
    SetLastError(0);
    EvtHandle h{EvtQuery(nullptr, win32::wide(channel).c_str(), filter.c_str(),
                         EvtQueryChannelPath | EvtQueryReverseDirection)};
    if (!h.h) {
      DWORD e = GetLastError();
      if (e == ERROR_EVT_CHANNEL_NOT_FOUND) {
        r.missing = true;
        r.error = "the " + std::string(channel) + " event log does not exist on this machine";
      } else if (e == ERROR_ACCESS_DENIED) {
        r.error = "no permission to read the " + std::string(channel) + " event log: run as administrator";
      } else if (e == 0) {
        r.error = "the " + std::string(channel) + " event log could not be queried (EvtQuery unavailable)";
      } else {
        r.error = "cannot query the " + std::string(channel) + " event log: " + win32::error_text(e);
      }
      return r;
    }
    std::vector<EventRecord> newest_first;
    std::wstring buf(4096, L'\0');
    for (;;) {
      EVT_HANDLE batch[64];
      DWORD got = 0;
      if (!EvtNext(h.h, 64, batch, 5000, 0, &got)) {
        DWORD e = GetLastError();
        if (e != ERROR_NO_MORE_ITEMS)
          r.error = "reading the " + std::string(channel) + " event log stopped: " + win32::error_text(e);
        break;
      }
      for (DWORD i = 0; i < got; ++i) {
        EvtHandle ev{batch[i]};
        ++r.scanned;
        if (newest_first.size() >= q.max_records) {
          r.truncated = true;
          continue;
        }
        DWORD used = 0, props = 0;
        if (!EvtRender(nullptr, ev.h, EvtRenderEventXml, static_cast<DWORD>(buf.size() * sizeof(wchar_t)), buf.data(),
                       &used, &props)) {
          if (GetLastError() != ERROR_INSUFFICIENT_BUFFER || used > (2u << 20)) continue;
          buf.assign(used / sizeof(wchar_t) + 1, L'\0');
          if (!EvtRender(nullptr, ev.h, EvtRenderEventXml, static_cast<DWORD>(buf.size() * sizeof(wchar_t)), buf.data(),
                         &used, &props))
            continue;
        }
        std::string xml = win32::utf8(std::wstring_view(buf.data(), used / sizeof(wchar_t)));
        while (!xml.empty() && xml.back() == '\0') xml.pop_back();
        auto parsed = parse_event_xml(xml);
        if (!parsed) continue;
        EventRecord rec;
        rec.record_id = parsed->record_id;
        rec.event_id = parsed->event_id;
        rec.provider = parsed->provider;
        rec.time = parsed->time;
        rec.level = parsed->level;
        rec.data = std::move(parsed->data);
        newest_first.push_back(std::move(rec));
      }
      if (r.truncated) break;  // the rest is older than what was kept
    }
    r.records.assign(newest_first.rbegin(), newest_first.rend());
    return r;
  }
};

}  // namespace

std::unique_ptr<EventLog> make_event_log(const Host& host) {
  if (host.is_system_root()) return std::make_unique<LiveEventLog>();
  return make_evtx_event_log(host);
}

}  // namespace sc
