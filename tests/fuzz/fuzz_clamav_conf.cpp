// Fuzz target: freshclam.conf / clamd.conf (sc::parse_clamav_conf). The
// DatabaseDirectory found is one that the text names: a non-empty value
// without newline that occurs in the input.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "checks/formats/clamav_conf.hpp"
#include "fuzz_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = fuzz::as_text(data, size);
  sc::ClamavConf c = sc::parse_clamav_conf(text);
  if (c.database_directory) {
    const std::string& d = *c.database_directory;
    FUZZ_CHECK(!d.empty() && d.find('\n') == std::string::npos);
    FUZZ_CHECK(text.find("DatabaseDirectory") != std::string_view::npos);
  }
  if (c.example) FUZZ_CHECK(text.find("Example") != std::string_view::npos);
  return 0;
}
