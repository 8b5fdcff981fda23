// `selfcheck usb list [--root DIR] [--config FILE] [--rules DIR] [--as-of TIME] [--yaml]`:
// every USB device this machine has seen (kernel logs, journal, ledger, plugged
// in now), and with --yaml the usb.approved entries for its storage devices,
// ready to paste into agent.yaml: how an administrator registers the unit's drives.
#include <fmt/format.h>

#include <boost/program_options.hpp>
#include <ostream>

#include "agent/commands.hpp"
#include "agent/core/config.hpp"
#include "agent/core/errors.hpp"
#include "agent/core/host.hpp"
#include "agent/core/rules.hpp"
#include "checks/usb/usb_history.hpp"
#include "checks/usb/usb_rules.hpp"

namespace sc {

namespace {

namespace po = boost::program_options;

std::string yaml_quoted(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

std::string usage() {
  return "usage: selfcheck usb list [--root DIR] [--config FILE] [--rules DIR] [--as-of TIME] [--live] [--yaml]\n";
}

}  // namespace

int cmd_usb(const Args& args, std::ostream& out, std::ostream& err) {
  if (args.empty() || args[0] != "list") {
    if (!args.empty() && (args[0] == "--help" || args[0] == "-h")) {
      out << usage();
      return 0;
    }
    throw UsageError("selfcheck usb: expected 'list'\n" + usage());
  }
  po::options_description opts("selfcheck usb list");
  std::string root = "/", config_file, rules_dir, as_of;
  bool yaml = false, live = false, help = false;
  opts.add_options()("root", po::value(&root), "audit the machine mounted at DIR")(
      "config", po::value(&config_file), "agent.yaml to use (default <root>/etc/selfcheck/agent.yaml)")(
      "rules", po::value(&rules_dir), "rules directory")("as-of", po::value(&as_of), "audit time (ISO 8601)")(
      "live", po::bool_switch(&live), "also list what is plugged in now under --root")(
      "yaml", po::bool_switch(&yaml), "print usb.approved entries")("help,h", po::bool_switch(&help), "this help");
  po::variables_map vm;
  try {
    std::vector<std::string> rest(args.begin() + 1, args.end());
    po::store(po::command_line_parser(rest).options(opts).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    throw UsageError(fmt::format("selfcheck usb list: {}\n{}", e.what(), usage()));
  }
  if (help) {
    out << usage() << opts;
    return 0;
  }

  Host::Options ho;
  ho.root = root;
  if (live) ho.live = true;
  Host::Options zo;
  zo.root = root;
  Host probe_zone(zo);  // the machine's zone, to read --as-of
  if (!as_of.empty()) {
    auto t = parse_time(as_of, probe_zone.zone());
    if (!t) throw UsageError(fmt::format("selfcheck usb list: --as-of: cannot read '{}' as a time\n", as_of));
    ho.as_of = *t;
  }
  Host host(ho);

  Config config;
  if (!config_file.empty()) {
    config = load_config(config_file);
  } else if (host.exists("/etc/selfcheck/agent.yaml")) {
    config = load_config(host.path("/etc/selfcheck/agent.yaml"));
  }
  std::vector<fs::path> dirs{rules_dir.empty() ? default_rules_dir() : fs::path(rules_dir),
                             host.path("/etc/selfcheck/rules.d")};
  std::vector<fs::path> required;
  if (!rules_dir.empty()) required.push_back(rules_dir);
  UsbRules rules = parse_usb_rules(Rules::load(dirs, required));

  const UsbHistory& h = usb_history(host);
  const Zone& z = host.zone();
  for (const auto& p : h.problems) err << "selfcheck usb: " << p << "\n";
  if (!h.any_source) err << "selfcheck usb: no USB record source could be read\n";
  for (const auto& u : h.unreadable) err << "selfcheck usb: cannot read " << u.source << ": " << u.reason << "\n";
  for (const auto& c : h.conflicts)
    err << "selfcheck usb: " << c.where << ": second identity " << c.second << " after " << c.first << "\n";

  auto registered = [&](const UsbSeen& d) -> std::string {
    for (const auto& e : config.collection_drives)
      if (usb_entry_matches(e, d)) return "collection";
    for (const auto& e : config.approved)
      if (usb_entry_matches(e, d)) return "approved";
    return "";
  };

  if (yaml) {
    out << "# USB storage devices seen on this machine: keep the unit's own drives and paste them\n"
           "# into /etc/selfcheck/agent.yaml (an entry without serial approves the whole model).\n"
           "usb:\n  approved:\n";
    std::size_t n = 0;
    std::vector<UsbClassified> cls = classify_devices(rules, h.devices);
    for (std::size_t i = 0; i < h.devices.size(); ++i) {
      const UsbSeen& d = h.devices[i];
      // A phone's mass-storage mode is the phone (model by serial), not a drive to approve.
      if (!rules.is_storage(d) || cls[i].kind == UsbKind::phone) continue;
      std::string name = d.vendor + (d.vendor.empty() || d.product.empty() ? "" : " ") + d.product;
      std::string note =
          fmt::format("{}{}first seen {}", name, name.empty() ? "" : ", ", d.first_seen ? z.date(*d.first_seen) : "?");
      std::string reg = registered(d);
      out << fmt::format("    - {{vid: \"{}\", pid: \"{}\", serial: {}, note: {}}}{}\n", d.vid, d.pid,
                         yaml_quoted(d.serial), yaml_quoted(note), reg.empty() ? "" : "  # already " + reg);
      ++n;
    }
    if (n == 0) out << "    []  # no USB storage device seen\n";
    return 0;
  }

  out << fmt::format("{:<8} {:<9} {:<26} {:<32} {:<25} {:<25} {:>5}  {}\n", "KIND", "VID:PID", "SERIAL", "PRODUCT",
                     "FIRST SEEN", "LAST SEEN", "CONN", "REGISTERED");
  std::vector<UsbClassified> cls = classify_devices(rules, h.devices);
  for (std::size_t i = 0; i < h.devices.size(); ++i) {
    const UsbSeen& d = h.devices[i];
    std::string name = d.vendor + (d.vendor.empty() || d.product.empty() ? "" : " ") + d.product;
    std::string reg = registered(d);
    if (d.unconfirmed) reg += reg.empty() ? "unconfirmed" : ",unconfirmed";
    out << fmt::format("{:<8} {:<9} {:<26} {:<32} {:<25} {:<25} {:>5}  {}\n", to_string(cls[i].kind),
                       d.vid + ":" + d.pid, d.serial.empty() ? "-" : d.serial, name.empty() ? "-" : name,
                       d.first_seen ? z.iso(*d.first_seen) : "-", d.last_seen ? z.iso(*d.last_seen) : "-",
                       d.connections, reg.empty() ? "no" : reg);
  }
  out << fmt::format("{} devices; sources: {}\n", h.devices.size(), fmt::join(h.sources_read, ", "));
  return 0;
}

}  // namespace sc
