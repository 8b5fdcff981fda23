// Fuzz target: a rules.d/usb.yaml override over the shipped rules/usb.yaml,
// read as the agent does (sc::Rules::from_docs, then the usb probe's
// configure()). Any bytes give rules or a ConfigError — never another
// exception. Rules that load decide devices without surprises: a phone
// (by rule or hint) is of kind phone, storage of kind storage.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "agent/core/errors.hpp"
#include "agent/core/rules.hpp"
#include "agent/core/yaml_util.hpp"
#include "checks/probes.hpp"
#include "checks/usb/usb_rules.hpp"
#include "fuzz_check.hpp"

namespace {

const sc::YamlDoc& base() {
  static const sc::YamlDoc d = sc::YamlDoc::load_file(SELFCHECK_SOURCE_RULES_DIR "/usb.yaml");
  return d;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = fuzz::as_text(data, size);
  sc::UsbRules rules;
  try {
    sc::YamlDoc over = sc::YamlDoc::load_string(text, "/etc/selfcheck/rules.d/usb.yaml");
    sc::Rules r = sc::Rules::from_docs({base(), over});
    auto probe = sc::make_usb_probe();
    probe->configure(r, sc::Config{});
    rules = sc::parse_usb_rules(r);
  } catch (const sc::ConfigError&) {
    return 0;
  }
  for (const auto& p : rules.phones)
    for (const auto& [lo, hi] : p.pids) FUZZ_CHECK(lo <= hi);
  std::vector<sc::UsbSeen> devices(3);
  devices[0].vid = "05ac", devices[0].pid = "12a8", devices[0].product = "iPhone", devices[0].drivers = {"ipheth"};
  devices[1].vid = "0781", devices[1].pid = "5567", devices[1].drivers = {"usb-storage"};
  devices[2].vid = "18d1", devices[2].pid = "4ee1", devices[2].product = "Pixel MTP";
  if (!rules.phones.empty()) {
    devices.emplace_back();
    devices.back().vid = rules.phones.front().vid;
    devices.back().pid = "0000";
  }
  for (const auto& d : devices) {
    sc::UsbKind k = rules.kind(d);
    if (!rules.phone_reason(d).empty())
      FUZZ_CHECK(k == sc::UsbKind::phone);
    else if (rules.is_storage(d))
      FUZZ_CHECK(k == sc::UsbKind::storage);
  }
  return 0;
}
