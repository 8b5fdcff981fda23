// Fuzz target: the administrator's agent.yaml (sc::parse_config). Any bytes must
// give a Config or a ConfigError; any other exception, crash or UB is a bug.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "agent/core/config.hpp"
#include "agent/core/errors.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    sc::Config c = sc::parse_config(text, "agent.yaml");
    for (const auto& e : c.approved) (void)e.matches("0781", "5567", "4C530001230822117223");
  } catch (const sc::ConfigError&) {
  }
  return 0;
}
