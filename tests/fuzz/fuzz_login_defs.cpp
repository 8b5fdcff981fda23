// Fuzz target: /etc/login.defs (sc::parse_login_defs, LoginDefs::number).
// Names hold no blanks; written back as "NAME value" lines (values that
// survive the quote rule quoted) the file reads to the same map; number()
// agrees with strtoll over the whole value.
#include <cerrno>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "checks/formats/login_defs.hpp"
#include "fuzz_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = fuzz::as_text(data, size);
  sc::LoginDefs d = sc::parse_login_defs(text);
  std::string back;
  bool writable = true;
  for (const auto& [name, value] : d.values) {
    FUZZ_CHECK(!name.empty() && name.front() != '#');
    for (char c : name) FUZZ_CHECK(c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v');
    FUZZ_CHECK(value.find('\n') == std::string::npos);
    auto n = d.number(name);
    if (n) {
      errno = 0;
      char* end = nullptr;
      long long v = std::strtoll(value.c_str(), &end, 0);
      FUZZ_CHECK(errno == 0 && *end == '\0' && v == *n);
    }
    if (value.find('"') != std::string::npos || value.size() > 4000 || name.size() > 80) writable = false;
    back += name + " \"" + value + "\"\n";
  }
  (void)d.number("PASS_MAX_DAYS");
  if (writable) {
    sc::LoginDefs again = sc::parse_login_defs(back);
    FUZZ_CHECK(again.values == d.values);
  }
  return 0;
}
