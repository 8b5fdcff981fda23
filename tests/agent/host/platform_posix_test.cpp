// Tests for agent/host/platform_posix.cpp's paths (issue 18's Linux side,
// unchanged): the Linux build keeps its settings and unit key in
// /etc/selfcheck and its spool in /var/lib/selfcheck, and "/" is the root.
#include <doctest/doctest.h>

#include "agent/core/config.hpp"
#include "agent/core/host.hpp"
#include "agent/core/platform.hpp"
#include "agent/integrity.hpp"
#include "agent/scan.hpp"
#include "agent/spool.hpp"

using namespace sc;

TEST_CASE("local_paths") {
  CHECK(local_paths().settings == "/etc/selfcheck");
  CHECK(local_paths().spool == "/var/lib/selfcheck");
  CHECK(default_key_file() == "/etc/selfcheck/unit.key");
  CHECK(Config{}.spool == "/var/lib/selfcheck");
  CHECK(spool_results_dir(Config{}) == "/var/lib/selfcheck/results");
}

TEST_CASE("system_root") {
  CHECK(system_root() == "/");
  CHECK_FALSE(running_os().has_value());
  Host host({});
  CHECK(host.is_system_root());
  CHECK(host.root() == "/");
  CHECK(host.path("/etc/passwd") == "/etc/passwd");
  CHECK(settings_dir(host) == "/etc/selfcheck");
}
