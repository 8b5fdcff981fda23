// Tests for agent/config on what only the Linux build can make: a FIFO as the
// config file is refused without waiting (issue 13 item 9). Moved out of
// config_test.cpp so that the Windows build (no mkfifo) builds the rest.
#include <doctest/doctest.h>
#include <sys/stat.h>

#include <filesystem>

#include "agent/core/config.hpp"
#include "agent/core/errors.hpp"
#include "support/temp_dir.hpp"

using namespace sc;

TEST_CASE("load_config refuses a FIFO without waiting") {
  auto fifo = sc::test::unique_temp_dir("config-fifo") / "agent.yaml";
  REQUIRE(::mkfifo(fifo.c_str(), 0644) == 0);
  CHECK_THROWS_WITH_AS(load_config(fifo), doctest::Contains("not a regular file"), ConfigError);
  std::filesystem::remove(fifo);
}
