// The findings file (schema selfcheck.findings/2; /1 still read): the model,
// its YAML and JSON forms, the canonical JSON that the integrity hash covers,
// and reading a file back for `report`, `summary` and `verify`.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "agent/core/digest.hpp"
#include "agent/core/finding.hpp"
#include "agent/core/usb_device.hpp"
#include "agent/value.hpp"

namespace sc {

// What this version writes: human texts (title, detail, remediation) as
// {zh: …, en: …}, so a file reads in both languages whatever locale scanned it.
inline constexpr std::string_view kSchema = "selfcheck.findings/2";
// The first schema: texts as plain strings in the scan's language (scan.lang).
inline constexpr std::string_view kSchemaV1 = "selfcheck.findings/1";
// A schema this version reads (and verifies).
inline bool known_schema(std::string_view s) { return s == kSchema || s == kSchemaV1; }

struct HostInfo {
  std::string hostname, machine_id, os, kernel;
  std::string asset_id, owner, department, classification;
};

struct Counts {
  std::int64_t pass = 0, warn = 0, fail = 0, unknown = 0, not_applicable = 0;
};

struct Document {
  std::string schema{kSchema};  // as read; the writers always write kSchema
  std::string agent_version, rules_digest;
  std::string started, finished, as_of, root;  // scan.*
  std::int64_t duration_ms = 0;
  HostInfo host;
  std::string verdict;  // pass | fail
  Counts counts;
  std::vector<Finding> findings;
  std::vector<UsbDeviceRecord> usb_devices;
  std::string sha256, hmac;  // integrity; hmac "" when unsigned
};

// Counts and verdict from the findings.
void finalize(Document& doc);

// The file's forms; texts of findings in both languages. The language a scan
// prints in does not enter the file.
std::string to_yaml(const Document& doc);
std::string to_json(const Document& doc, bool pretty = true);
// Canonical JSON of the document without `integrity`: keys sorted, no
// spaces, UTF-8. The integrity hash is SHA-256 over these bytes.
std::string canonical_json(const Document& doc);
// Fills doc.sha256 (and doc.hmac when key is non-empty).
void seal(Document& doc, std::string_view hmac_key = {});

// Reads a findings file (YAML or JSON). Throws DocumentError.
Document read_document(std::string_view text);

// The document as a value tree in schema order (kSchema); the `integrity`
// member only when `with_integrity` and doc.sha256 is set.
Value to_tree(const Document& doc, bool with_integrity = true);
// A parsed tree (kSchema or kSchemaV1) back into a Document (unknown keys
// ignored). Throws DocumentError for another schema or a wrong type.
Document from_tree(const Value& tree);
// Canonical JSON of a parsed tree without its top-level `integrity`: what
// the integrity hash covers. Verification hashes the tree as read, so keys
// this version does not know still count.
std::string canonical_json(const Value& tree);

}  // namespace sc
