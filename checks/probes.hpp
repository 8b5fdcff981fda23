// Factories of the built-in probes, one per file in checks/. The explicit
// table that lists them is agent/probes_table.cpp.
#pragma once
#include <memory>

#include "agent/core/probe.hpp"

namespace sc {

std::unique_ptr<Probe> make_antivirus_probe();
std::unique_ptr<Probe> make_boot_probe();
std::unique_ptr<Probe> make_usb_probe();
std::unique_ptr<Probe> make_network_probe();
std::unique_ptr<Probe> make_patch_probe();

}  // namespace sc
