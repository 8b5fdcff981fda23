// The usb probe's judgement as a pure function of the USB facts (the probe
// itself is in the probe table): tests and other gatherers' tests judge
// facts built by hand, without any machine.
#pragma once
#include <vector>

#include "agent/core/config.hpp"
#include "agent/core/finding.hpp"
#include "agent/core/rules.hpp"
#include "agent/core/time.hpp"
#include "checks/usb/facts.hpp"

namespace sc {

std::vector<Finding> judge_usb_facts(const UsbFacts& facts, const Rules& rules, const Config& config, const Zone& zone);

}  // namespace sc
