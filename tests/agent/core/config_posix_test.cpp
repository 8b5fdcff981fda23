// Tests for agent/config on what only the Linux build can make: a FIFO as the
// config file is refused without waiting (issue 13 item 9). Moved out of
// config_test.cpp so that the Windows build (no mkfifo) builds the rest.
#include <doctest/doctest.h>
#include <sys/stat.h>

#include <filesystem>

#include "agent/core/config.hpp"
#include "agent/core/errors.hpp"

using namespace sc;

TEST_CASE("load_config refuses a FIFO without waiting") {
  auto fifo = std::filesystem::temp_directory_path() / "selfcheck-config-fifo.yaml";
  std::filesystem::remove(fifo);
  REQUIRE(::mkfifo(fifo.c_str(), 0644) == 0);
  CHECK_THROWS_WITH_AS(load_config(fifo), doctest::Contains("not a regular file"), ConfigError);
  std::filesystem::remove(fifo);
}
