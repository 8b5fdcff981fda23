// Fuzz target: the ClamAV database header (sc::parse_cvd_header) and its text
// time (sc::parse_cvd_time_text). A header parses or gives a reason, never
// both; only the first 512 bytes count; the text time formats back
// ("%d %b %Y %H-%M +0000") to the same instant.
#include <cstddef>
#include <cstdint>
#include <ctime>
#include <string>
#include <string_view>

#include "checks/formats/cvd_header.hpp"
#include "fuzz_check.hpp"

namespace {

void check_time_text(std::string_view text) {
  auto t = sc::parse_cvd_time_text(text);
  if (!t) return;
  std::time_t secs = static_cast<std::time_t>(t->time_since_epoch().count());
  std::tm tm{};
  if (!gmtime_r(&secs, &tm)) return;
  char buf[64];
  std::size_t n = std::strftime(buf, sizeof buf, "%d %b %Y %H-%M +0000", &tm);
  FUZZ_CHECK(n > 0);
  auto back = sc::parse_cvd_time_text(std::string_view(buf, n));
  FUZZ_CHECK(back && *back == *t);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes = fuzz::as_text(data, size);
  sc::CvdParse p = sc::parse_cvd_header(bytes);
  FUZZ_CHECK(p.ok() == p.error.empty());
  if (size > sc::kCvdHeaderSize) {
    sc::CvdParse head = sc::parse_cvd_header(bytes.substr(0, sc::kCvdHeaderSize));
    FUZZ_CHECK(head.ok() == p.ok() && head.error == p.error);
  }
  if (p.ok()) {
    const sc::CvdHeader& h = *p.header;
    for (const std::string* s : {&h.time_text, &h.md5, &h.dsig, &h.builder}) FUZZ_CHECK(s->size() < sc::kCvdHeaderSize);
    if (h.built_from_text) FUZZ_CHECK(sc::parse_cvd_time_text(h.time_text) == h.built);
  }
  check_time_text(bytes.substr(0, 64));
  return 0;
}
