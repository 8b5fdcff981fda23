// A placeholder for a probe not built yet: every finding it names is
// `unknown` with "not yet supported" — never a silent pass.
#pragma once
#include <string>
#include <utility>
#include <vector>

#include "agent/core/probe.hpp"

namespace sc {

class NotSupportedProbe : public Probe {
 public:
  NotSupportedProbe(std::string name, std::vector<FindingSpec> specs)
      : name_(std::move(name)), specs_(std::move(specs)) {}
  std::string_view name() const override { return name_; }
  const std::vector<FindingSpec>& specs() const override { return specs_; }
  void configure(const Rules&, const Config&) override {}
  std::vector<Finding> run(const Host&) const override {
    std::vector<Finding> out;
    for (const auto& s : specs_) out.push_back(make_finding(s, Status::unknown, Text{"尚未支持", "not yet supported"}));
    return out;
  }

 private:
  std::string name_;
  std::vector<FindingSpec> specs_;
};

}  // namespace sc
