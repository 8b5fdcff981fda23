// String forms and ordering of statuses; make_finding from a spec.
#include "agent/core/finding.hpp"

namespace sc {

std::string_view to_string(Status s) {
  switch (s) {
    case Status::pass:
      return "pass";
    case Status::warn:
      return "warn";
    case Status::fail:
      return "fail";
    case Status::unknown:
      return "unknown";
    case Status::not_applicable:
      return "not_applicable";
  }
  return "unknown";
}

std::string_view to_string(Severity s) {
  switch (s) {
    case Severity::high:
      return "high";
    case Severity::medium:
      return "medium";
    case Severity::low:
      return "low";
    case Severity::info:
      return "info";
  }
  return "info";
}

std::string_view to_string(Lang l) { return l == Lang::zh ? "zh" : "en"; }

std::optional<Status> status_from_string(std::string_view s) {
  for (Status st : {Status::pass, Status::warn, Status::fail, Status::unknown, Status::not_applicable})
    if (to_string(st) == s) return st;
  return std::nullopt;
}

std::optional<Severity> severity_from_string(std::string_view s) {
  for (Severity sv : {Severity::high, Severity::medium, Severity::low, Severity::info})
    if (to_string(sv) == s) return sv;
  return std::nullopt;
}

int status_rank(Status s) {
  switch (s) {
    case Status::fail:
      return 4;
    case Status::warn:
      return 3;
    case Status::unknown:
      return 2;
    case Status::pass:
      return 1;
    case Status::not_applicable:
      return 0;
  }
  return 2;
}

Status worse(Status a, Status b) { return status_rank(a) >= status_rank(b) ? a : b; }

std::string_view section_of(std::string_view id) { return id.substr(0, id.find('.')); }

Finding make_finding(const FindingSpec& spec, Status status, Text detail, Evidence evidence) {
  Finding f;
  f.id = spec.id;
  f.section = std::string(section_of(spec.id));
  f.status = status;
  f.severity = spec.severity;
  f.title = spec.title;
  f.detail = std::move(detail);
  f.remediation = spec.remediation;
  f.evidence = std::move(evidence);
  return f;
}

}  // namespace sc
