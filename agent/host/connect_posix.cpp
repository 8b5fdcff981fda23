// Host::connect on Linux: one bounded TCP connection attempt. A literal
// address is used as is; a name is resolved with getaddrinfo_a and
// gai_suspend, bounded by the same deadline. The socket is non-blocking and
// polled; once the handshake completes it is closed: nothing is sent.
#include <arpa/inet.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <memory>

#include "agent/core/host.hpp"

namespace sc {

namespace {

using Clock = std::chrono::steady_clock;

long ms_left(Clock::time_point deadline) {
  auto left = std::chrono::duration_cast<milliseconds>(deadline - Clock::now()).count();
  return left < 0 ? 0 : static_cast<long>(left);
}

std::string addr_text(const sockaddr* sa) {
  char buf[INET6_ADDRSTRLEN] = {};
  if (sa->sa_family == AF_INET)
    inet_ntop(AF_INET, &reinterpret_cast<const sockaddr_in*>(sa)->sin_addr, buf, sizeof buf);
  else if (sa->sa_family == AF_INET6)
    inet_ntop(AF_INET6, &reinterpret_cast<const sockaddr_in6*>(sa)->sin6_addr, buf, sizeof buf);
  return buf;
}

// An asynchronous lookup. If it is still running at the deadline and cannot
// be cancelled, glibc still owns the request: it is deliberately leaked
// rather than freed under the resolver's feet.
struct Lookup {
  std::string name, service;
  addrinfo hints{};
  gaicb cb{};
};

struct Resolved {
  std::vector<sockaddr_storage> addrs;
  std::vector<socklen_t> lens;
  ConnectOutcome fail = ConnectOutcome::error;
  std::string detail;
};

Resolved resolve(const std::string& host, std::uint16_t port, Clock::time_point deadline) {
  Resolved out;
  auto* lk = new Lookup;
  lk->name = host;
  lk->service = std::to_string(port);
  lk->hints.ai_family = AF_UNSPEC;
  lk->hints.ai_socktype = SOCK_STREAM;
  lk->hints.ai_flags = AI_NUMERICSERV | AI_ADDRCONFIG;
  lk->cb.ar_name = lk->name.c_str();
  lk->cb.ar_service = lk->service.c_str();
  lk->cb.ar_request = &lk->hints;
  gaicb* list[1] = {&lk->cb};
  int r = getaddrinfo_a(GAI_NOWAIT, list, 1, nullptr);
  if (r != 0) {
    out.detail = std::string("name resolution could not start: ") + gai_strerror(r);
    delete lk;
    return out;
  }
  for (;;) {
    long left = ms_left(deadline);
    timespec ts{left / 1000, (left % 1000) * 1000000L};
    const gaicb* wait[1] = {&lk->cb};
    int s = gai_suspend(wait, 1, &ts);
    if (gai_error(&lk->cb) != EAI_INPROGRESS) break;
    if (s == EAI_AGAIN || ms_left(deadline) == 0) {
      if (gai_cancel(&lk->cb) != EAI_CANCELED) {
        (void)lk;  // still owned by the resolver thread: leak it
      } else {
        delete lk;
      }
      out.fail = ConnectOutcome::timeout;
      out.detail = "name resolution timed out";
      return out;
    }
  }
  int e = gai_error(&lk->cb);
  if (e != 0) {
    out.fail = ConnectOutcome::unreachable;
    out.detail = std::string("name not resolved: ") + gai_strerror(e);
    delete lk;
    return out;
  }
  for (addrinfo* ai = lk->cb.ar_result; ai && out.addrs.size() < 4; ai = ai->ai_next) {
    sockaddr_storage ss{};
    std::memcpy(&ss, ai->ai_addr, ai->ai_addrlen);
    out.addrs.push_back(ss);
    out.lens.push_back(ai->ai_addrlen);
  }
  freeaddrinfo(lk->cb.ar_result);
  delete lk;
  if (out.addrs.empty()) {
    out.fail = ConnectOutcome::unreachable;
    out.detail = "name resolved to no address";
  }
  return out;
}

ConnectResult attempt(const sockaddr* sa, socklen_t len, Clock::time_point deadline) {
  ConnectResult r;
  r.address = addr_text(sa);
  int fd = ::socket(sa->sa_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (fd < 0) {
    r.outcome = ConnectOutcome::error;
    r.detail = std::string("socket: ") + std::strerror(errno);
    return r;
  }
  int err = 0;
  if (::connect(fd, sa, len) != 0) {
    err = errno;
    if (err == EINPROGRESS) {
      pollfd p{fd, POLLOUT, 0};
      int n;
      do {
        n = ::poll(&p, 1, static_cast<int>(ms_left(deadline)));
      } while (n < 0 && errno == EINTR && ms_left(deadline) > 0);
      if (n <= 0) {
        err = ETIMEDOUT;
      } else {
        socklen_t l = sizeof err;
        if (::getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &l) != 0) err = errno;
      }
    }
  }
  ::close(fd);
  switch (err) {
    case 0:
      r.outcome = ConnectOutcome::accepted;
      r.detail = "connection accepted";
      break;
    case ECONNREFUSED:
      r.outcome = ConnectOutcome::refused;
      break;
    case ETIMEDOUT:
      r.outcome = ConnectOutcome::timeout;
      break;
    case ENETUNREACH:
    case EHOSTUNREACH:
    case EHOSTDOWN:
    case ENETDOWN:
    case EADDRNOTAVAIL:
    case EAFNOSUPPORT:
      r.outcome = ConnectOutcome::unreachable;
      break;
    default:
      r.outcome = ConnectOutcome::error;
      break;
  }
  if (err != 0) r.detail = err == ETIMEDOUT ? "no answer before the timeout" : std::strerror(err);
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
  // A literal address: no resolver involved.
  sockaddr_storage ss{};
  socklen_t len = 0;
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
  // A resolved name is evidence by itself (a resolver answered); the probe
  // sees it in `detail`.
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
