// The findings model: statuses, severities, bilingual texts, evidence, and the
// static description of every finding id a probe may emit (FindingSpec).
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace sc {

enum class Status { pass, warn, fail, unknown, not_applicable };
enum class Severity { high, medium, low, info };
enum class Lang { zh, en };

std::string_view to_string(Status s);
std::string_view to_string(Severity s);
std::string_view to_string(Lang l);
std::optional<Status> status_from_string(std::string_view s);
std::optional<Severity> severity_from_string(std::string_view s);
// fail > warn > unknown > pass > not_applicable (DESIGN.md "Status rules").
int status_rank(Status s);
Status worse(Status a, Status b);

// A text in both report languages. Probes fill both and the findings file
// (selfcheck.findings/2) keeps both, so a file reads in zh and en whatever
// locale scanned it; a selfcheck.findings/1 file, which kept one language,
// reads back with the same text in both slots.
struct Text {
  std::string zh;
  std::string en;
  const std::string& in(Lang l) const { return l == Lang::zh ? zh : en; }
  bool empty() const { return zh.empty() && en.empty(); }
  static Text same(std::string s) { return Text{s, s}; }
};

// Evidence values: strings, integers, booleans, or lists of strings.
using EvidenceValue = std::variant<std::string, std::int64_t, bool, std::vector<std::string>>;
using Evidence = std::map<std::string, EvidenceValue>;

// What a finding id means, next to its check (Lynis/Wazuh style).
struct FindingSpec {
  std::string id;  // "antivirus.signature_age"; stable once released
  Severity severity;
  Text title;        // short heading
  Text rationale;    // why inspectors ask for it (printed by `selfcheck probes`)
  Text remediation;  // default rectification measure
  // The measure on an audited Windows machine, where it differs (GRUB, PAM
  // and apt commands mean nothing there); empty: `remediation` serves both.
  // Chosen by the scan from the audited OS (remediation_for in machine.hpp), never by the
  // judgement.
  Text remediation_windows = {};
};

struct Finding {
  std::string id;
  std::string section;  // probe name: antivirus | boot | usb | network | patch | a newer probe
  Status status = Status::unknown;
  Severity severity = Severity::info;
  Text title;
  Text detail;
  Text remediation;
  Evidence evidence;
};

// The English reasons the Host gives for a file it cannot read ("/etc/passwd
// does not exist", "... leads outside the audited root (a link to ...)", "no
// permission to read ...: run as root", "... is larger than N bytes"), said
// in Chinese inside a Chinese text. Probes put those reasons into both texts;
// make_finding and the zh renderers (report, summary) pass the Chinese one
// through this, so a zh report or summary has no English sentence (issue 14),
// also of files written before.
std::string zh_reasons(std::string zh);

// A finding of `spec` (section = the id's prefix before the first dot); its
// Chinese detail passed through zh_reasons.
Finding make_finding(const FindingSpec& spec, Status status, Text detail, Evidence evidence = {});

// The section (probe name) of a finding id: "usb.phone_connected" → "usb".
std::string_view section_of(std::string_view id);

}  // namespace sc
