// Loopback endpoints for reachability tests, all on 127.0.0.1 (never any
// other address): a listener that accepts, a closed port, and a black hole
// (a listener whose accept queue is full, so new SYNs go unanswered).
#pragma once
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdint>
#include <string>
#include <vector>

namespace sc::test {

inline sockaddr_in loopback(std::uint16_t port) {
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(port);
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  return a;
}

// A listening socket on 127.0.0.1 with an ephemeral port.
struct Listener {
  int fd = -1;
  std::uint16_t port = 0;
  std::vector<int> fillers;  // client sockets filling the queue (black hole)
  explicit Listener(int backlog = 16) {
    fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in a = loopback(0);
    if (::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 || ::listen(fd, backlog) != 0) return;
    socklen_t len = sizeof a;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
    port = ntohs(a.sin_port);
  }
  ~Listener() {
    for (int f : fillers) ::close(f);
    if (fd >= 0) ::close(fd);
  }
  Listener(const Listener&) = delete;
  Listener& operator=(const Listener&) = delete;
  std::string target() const { return "127.0.0.1:" + std::to_string(port); }

  // Fills the accept queue (nobody calls accept) until a connection attempt
  // stays unanswered: from then on SYNs to this port are dropped.
  bool make_black_hole() {
    for (int i = 0; i < 64; ++i) {
      int c = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
      sockaddr_in a = loopback(port);
      ::connect(c, reinterpret_cast<sockaddr*>(&a), sizeof a);
      fillers.push_back(c);
      pollfd p{c, POLLOUT, 0};
      if (::poll(&p, 1, 200) == 0) return true;  // no answer: the queue is full
    }
    return false;
  }
};

// A port on 127.0.0.1 with nothing listening (bound then closed).
inline std::uint16_t closed_port() {
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in a = loopback(0);
  ::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a);
  socklen_t len = sizeof a;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
  ::close(fd);
  return ntohs(a.sin_port);
}

}  // namespace sc::test
