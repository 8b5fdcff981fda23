// Host::connect for the Windows build: one bounded TCP connection attempt with
// Winsock. A literal address is used as is; a name is resolved with
// getaddrinfo on a worker thread that the caller waits for at most until the
// deadline (GetAddrInfoExW's timeout needs Windows 8; Windows 7 is audited
// too). The socket is non-blocking and select()ed; nothing is sent.
#include <winsock2.h>
#include <ws2tcpip.h>
// winsock2.h before windows.h.
#include <windows.h>

#include <chrono>
#include <condition_variable>
#include <cstring>
#include <memory>
#include <mutex>

#include "agent/core/background.hpp"
#include "agent/core/host.hpp"
#include "agent/host/win32_text.hpp"

namespace sc {

namespace {

using Clock = std::chrono::steady_clock;

long ms_left(Clock::time_point deadline) {
  auto left = std::chrono::duration_cast<milliseconds>(deadline - Clock::now()).count();
  return left < 0 ? 0 : static_cast<long>(left);
}

bool winsock_ready() {
  static const bool ok = [] {
    WSADATA d{};
    return WSAStartup(MAKEWORD(2, 2), &d) == 0;
  }();
  return ok;
}

std::string addr_text(const sockaddr* sa) {
  char buf[INET6_ADDRSTRLEN] = {};
  if (sa->sa_family == AF_INET)
    inet_ntop(AF_INET, &reinterpret_cast<const sockaddr_in*>(sa)->sin_addr, buf, sizeof buf);
  else if (sa->sa_family == AF_INET6)
    inet_ntop(AF_INET6, &reinterpret_cast<const sockaddr_in6*>(sa)->sin6_addr, buf, sizeof buf);
  return buf;
}

std::string wsa_text(int e) { return win::error_text(static_cast<DWORD>(e)); }

struct Resolved {
  std::vector<sockaddr_storage> addrs;
  std::vector<int> lens;
  ConnectOutcome fail = ConnectOutcome::error;
  std::string detail;
};

// The lookup's state, shared with the worker thread: a worker still running
// at the deadline keeps it alive and finishes on its own.
struct Lookup {
  std::mutex m;
  std::condition_variable cv;
  bool done = false;
  int rc = 0;
  Resolved result;
};

Resolved resolve(const std::string& host, std::uint16_t port, Clock::time_point deadline) {
  auto lk = std::make_shared<Lookup>();
  // In the background: a lookup past the deadline finishes on its own
  // (background.hpp: why not std::thread::detach).
  start_background([lk, host, port] {
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_NUMERICSERV | AI_ADDRCONFIG;
    addrinfo* res = nullptr;
    int rc = getaddrinfo(host.c_str(), std::to_string(port).c_str(), &hints, &res);
    Resolved r;
    for (addrinfo* ai = res; rc == 0 && ai && r.addrs.size() < 4; ai = ai->ai_next) {
      sockaddr_storage ss{};
      std::memcpy(&ss, ai->ai_addr, ai->ai_addrlen);
      r.addrs.push_back(ss);
      r.lens.push_back(static_cast<int>(ai->ai_addrlen));
    }
    if (res) freeaddrinfo(res);
    std::lock_guard<std::mutex> g(lk->m);
    lk->rc = rc;
    lk->result = std::move(r);
    lk->done = true;
    lk->cv.notify_all();
  });
  std::unique_lock<std::mutex> g(lk->m);
  if (!lk->cv.wait_for(g, milliseconds(ms_left(deadline)), [&] { return lk->done; })) {
    Resolved out;
    out.fail = ConnectOutcome::timeout;
    out.detail = "name resolution timed out";
    return out;
  }
  Resolved out = std::move(lk->result);
  if (lk->rc != 0) {
    out.fail = ConnectOutcome::unreachable;
    out.detail = "name not resolved: " + wsa_text(lk->rc);
  } else if (out.addrs.empty()) {
    out.fail = ConnectOutcome::unreachable;
    out.detail = "name resolved to no address";
  }
  return out;
}

ConnectResult attempt(const sockaddr* sa, int len, Clock::time_point deadline) {
  ConnectResult r;
  r.address = addr_text(sa);
  SOCKET s = ::socket(sa->sa_family, SOCK_STREAM, IPPROTO_TCP);
  if (s == INVALID_SOCKET) {
    r.outcome = ConnectOutcome::error;
    r.detail = "socket: " + wsa_text(WSAGetLastError());
    return r;
  }
  u_long nonblocking = 1;
  ioctlsocket(s, FIONBIO, &nonblocking);
  int err = 0;
  if (::connect(s, sa, len) != 0) {
    err = WSAGetLastError();
    if (err == WSAEWOULDBLOCK) {
      fd_set wr, ex;
      FD_ZERO(&wr);
      FD_ZERO(&ex);
      FD_SET(s, &wr);
      FD_SET(s, &ex);  // a failed connect is reported in the except set on Windows
      long left = ms_left(deadline);
      timeval tv{left / 1000, (left % 1000) * 1000};
      int n = ::select(0, nullptr, &wr, &ex, &tv);
      if (n == 0) {
        err = WSAETIMEDOUT;
      } else if (n < 0) {
        err = WSAGetLastError();
      } else {
        int l = sizeof err;
        err = 0;
        if (::getsockopt(s, SOL_SOCKET, SO_ERROR, reinterpret_cast<char*>(&err), &l) != 0) err = WSAGetLastError();
      }
    }
  }
  ::closesocket(s);
  switch (err) {
    case 0:
      r.outcome = ConnectOutcome::accepted;
      r.detail = "connection accepted";
      break;
    case WSAECONNREFUSED:
      r.outcome = ConnectOutcome::refused;
      break;
    case WSAETIMEDOUT:
      r.outcome = ConnectOutcome::timeout;
      break;
    case WSAENETUNREACH:
    case WSAEHOSTUNREACH:
    case WSAEHOSTDOWN:
    case WSAENETDOWN:
    case WSAEADDRNOTAVAIL:
    case WSAEAFNOSUPPORT:
      r.outcome = ConnectOutcome::unreachable;
      break;
    default:
      r.outcome = ConnectOutcome::error;
      break;
  }
  if (err != 0) r.detail = err == WSAETIMEDOUT ? "no answer before the timeout" : wsa_text(err);
  return r;
}

}  // namespace

ConnectResult Host::connect(const std::string& host, std::uint16_t port, milliseconds timeout) const {
  auto start = Clock::now();
  auto deadline = start + timeout;
  auto finish = [&](ConnectResult r) {
    r.elapsed_ms = static_cast<long>(std::chrono::duration_cast<milliseconds>(Clock::now() - start).count());
    return r;
  };
  if (!winsock_ready()) {
    ConnectResult r;
    r.address = host;
    r.detail = "Winsock could not be started (WSAStartup)";
    return finish(r);
  }
  sockaddr_storage ss{};
  int len = 0;
  auto* v4 = reinterpret_cast<sockaddr_in*>(&ss);
  auto* v6 = reinterpret_cast<sockaddr_in6*>(&ss);
  std::string bare =
      host.size() > 2 && host.front() == '[' && host.back() == ']' ? host.substr(1, host.size() - 2) : host;
  if (inet_pton(AF_INET, bare.c_str(), &v4->sin_addr) == 1) {
    v4->sin_family = AF_INET;
    v4->sin_port = htons(port);
    len = sizeof(sockaddr_in);
  } else if (inet_pton(AF_INET6, bare.c_str(), &v6->sin6_addr) == 1) {
    v6->sin6_family = AF_INET6;
    v6->sin6_port = htons(port);
    len = sizeof(sockaddr_in6);
  }
  if (len) return finish(attempt(reinterpret_cast<sockaddr*>(&ss), len, deadline));

  Resolved res = resolve(bare, port, deadline);
  if (res.addrs.empty()) {
    ConnectResult r;
    r.outcome = res.fail;
    r.address = host;
    r.detail = res.detail;
    return finish(r);
  }
  std::string resolved_note = "resolved " + host + " to " + addr_text(reinterpret_cast<sockaddr*>(&res.addrs[0]));
  ConnectResult best;
  for (std::size_t i = 0; i < res.addrs.size(); ++i) {
    if (ms_left(deadline) == 0) break;
    ConnectResult r = attempt(reinterpret_cast<sockaddr*>(&res.addrs[i]), res.lens[i], deadline);
    if (i == 0 || static_cast<int>(r.outcome) < static_cast<int>(best.outcome)) best = r;
    if (r.outcome == ConnectOutcome::accepted || r.outcome == ConnectOutcome::refused) break;
  }
  if (best.address.empty()) {
    best.outcome = ConnectOutcome::timeout;
    best.address = addr_text(reinterpret_cast<sockaddr*>(&res.addrs[0]));
  }
  best.detail = resolved_note + (best.detail.empty() ? "" : "; " + best.detail);
  return finish(best);
}

}  // namespace sc
