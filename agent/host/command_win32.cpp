// Host::run for the Windows build: Boost.Process 1.74 (CreateProcessW under
// the hood) with async pipes driven by io_context::run_for, as on Linux
// (DESIGN.md "Known traps": no wait_for, no blocking ipstream reads). The
// program and its arguments are passed as UTF-16 (widened from UTF-8), so
// Chinese paths reach the child intact. Boost 1.74's Process headers need
// __kernel_entry defined away under mingw-w64 (CMake adds -D__kernel_entry=).
// clang-format off
#include <utility>  // Boost 1.74 asio/awaitable.hpp uses std::exchange without it (C++20)
// clang-format on

#include <array>
#include <boost/asio.hpp>
#include <boost/process.hpp>
#include <boost/process/windows.hpp>  // bp::windows::hide

#include "agent/core/host.hpp"
#include "agent/host/win32_text.hpp"

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
  std::wstring name = win::widen(argv[0]);
  boost::filesystem::path exe =
      name.find_first_of(L"/\\") != std::wstring::npos ? boost::filesystem::path(name) : bp::search_path(name);
  boost::system::error_code fec;
  if (exe.empty() || !boost::filesystem::exists(exe, fec)) {
    r.error = "command not found: " + argv[0];
    return r;
  }
  std::vector<std::wstring> args;
  for (std::size_t i = 1; i < argv.size(); ++i) args.push_back(win::widen(argv[i]));
  boost::asio::io_context ioc;
  bp::async_pipe out_pipe(ioc), err_pipe(ioc);
  std::error_code ec;
  // clang-format off
  bp::child child(exe, bp::args(args), bp::std_in < bp::null, bp::std_out > out_pipe, bp::std_err > err_pipe,
                  bp::windows::hide, ec);
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
