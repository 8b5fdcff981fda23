// Fuzz target: setupapi.dev.log sections (sc::SetupapiLogParser) and the
// Windows device ids in them (parse_device_reference). The input is fed
// whole and again in pieces whose sizes come from the first byte: both give
// the same sections (streaming changes nothing). Every title and instance is
// clean UTF-8 within its bound, times are real calendar times, and any
// device id parsed has clean fields and a 4-hex identity when it has one.
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "checks/formats/setupapi_log.hpp"
#include "checks/formats/windows_device_id.hpp"
#include "fuzz_check.hpp"

namespace {

void check_id(const sc::WindowsDeviceId& id) {
  if (!id.vid.empty()) FUZZ_CHECK(fuzz::lower_hex(id.vid, 4) && fuzz::lower_hex(id.pid, 4));
  if (id.windows_made) FUZZ_CHECK(id.serial.empty());
  for (const std::string* s : {&id.vendor, &id.product, &id.revision, &id.serial, &id.device, &id.instance}) {
    FUZZ_CHECK(s->size() <= 512 && fuzz::valid_utf8(*s) && !fuzz::has_control(*s));
  }
}

void check_section(const sc::SetupapiSection& s) {
  FUZZ_CHECK(s.title.size() <= sc::SetupapiLogParser::kMaxField);
  FUZZ_CHECK(s.instance.size() <= sc::SetupapiLogParser::kMaxField);
  for (const std::string* t : {&s.title, &s.instance, &s.exit_status})
    FUZZ_CHECK(fuzz::valid_utf8(*t) && !fuzz::has_control(*t));
  for (const auto& t : {s.start, s.end})
    if (t) FUZZ_CHECK(t->year() >= 1980 && t->year() <= 9999);
  if (auto id = sc::parse_device_reference(s.instance)) check_id(*id);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = fuzz::as_text(data, size);
  sc::SetupapiStats whole_stats;
  std::vector<sc::SetupapiSection> whole = sc::parse_setupapi_log(text, &whole_stats);
  for (const auto& s : whole) check_section(s);
  FUZZ_CHECK(whole_stats.bytes == size);

  std::size_t piece = size ? 1 + data[0] % 17 : 1;
  std::vector<sc::SetupapiSection> pieces;
  sc::SetupapiLogParser p([&](sc::SetupapiSection&& s) { pieces.push_back(std::move(s)); });
  for (std::size_t i = 0; i < size; i += piece) p.feed(text.substr(i, piece));
  p.finish();
  FUZZ_CHECK(pieces.size() == whole.size());
  for (std::size_t i = 0; i < pieces.size() && i < whole.size(); ++i) {
    FUZZ_CHECK(pieces[i].title == whole[i].title);
    FUZZ_CHECK(pieces[i].instance == whole[i].instance);
    FUZZ_CHECK(pieces[i].start == whole[i].start);
    FUZZ_CHECK(pieces[i].exit_status == whole[i].exit_status);
  }
  for (std::string_view l : fuzz::lines(text.substr(0, 4096))) {
    if (auto id = sc::parse_device_reference(l)) check_id(*id);
    if (auto id = sc::parse_mounted_device(l)) check_id(*id);
    (void)sc::parse_setupapi_time(l);
    (void)sc::is_setupapi_dev_log(l);
  }
  return 0;
}
