// Host::run on Linux: Boost.Process 1.74 with async pipes driven by
// io_context::run_for (its wait_for crashes under concurrent use and blocking
// ipstream reads deadlock past 64 KB — see DESIGN.md "Known traps").
// clang-format off
#include <utility>  // Boost 1.74 asio/awaitable.hpp uses std::exchange without it (C++20)
// clang-format on

#include <array>
#include <boost/asio.hpp>
#include <boost/process.hpp>
#include <functional>

#include "agent/core/host.hpp"

namespace sc {

namespace bp = boost::process;

namespace {
constexpr std::size_t kMaxOutput = 64u << 20;

struct Drain {
  bp::async_pipe& pipe;
  std::string& sink;
  std::array<char, 16384> buf{};
  void start() {
    pipe.async_read_some(boost::asio::buffer(buf), [this](const boost::system::error_code& ec, std::size_t n) {
      if (sink.size() < kMaxOutput) sink.append(buf.data(), std::min(n, kMaxOutput - sink.size()));
      if (!ec) start();
    });
  }
};
}  // namespace

CommandResult Host::run(const std::vector<std::string>& argv, std::optional<milliseconds> timeout) const {
  CommandResult r;
  if (argv.empty()) {
    r.error = "empty command";
    return r;
  }
  boost::filesystem::path exe =
      argv[0].find('/') != std::string::npos ? boost::filesystem::path(argv[0]) : bp::search_path(argv[0]);
  if (exe.empty() || !boost::filesystem::exists(exe)) {
    r.error = "command not found: " + argv[0];
    return r;
  }
  std::vector<std::string> args(argv.begin() + 1, argv.end());
  boost::asio::io_context ioc;
  bp::async_pipe out_pipe(ioc), err_pipe(ioc);
  std::error_code ec;
  // clang-format reads these redirections as template brackets:
  // clang-format off
  bp::child child(exe, bp::args(args), bp::std_in < bp::null, bp::std_out > out_pipe, bp::std_err > err_pipe,
                  bp::env["LC_ALL"] = "C", ec);
  // clang-format on
  if (ec) {
    r.error = "cannot start " + argv[0] + ": " + ec.message();
    return r;
  }
  Drain d_out{out_pipe, r.out}, d_err{err_pipe, r.err};
  d_out.start();
  d_err.start();
  ioc.run_for(timeout.value_or(command_timeout_));
  if (!ioc.stopped()) {  // pipes still open at the deadline
    r.timed_out = true;
    child.terminate(ec);
    out_pipe.close();
    err_pipe.close();
  }
  child.wait(ec);
  r.exit_code = r.timed_out ? -1 : child.exit_code();
  return r;
}

}  // namespace sc
