// A reader of dpkg's database (/var/lib/dpkg/status): RFC 822-like stanzas
// separated by blank lines. Pure and streaming: text in, one record per
// stanza out, only the fields probes need. Shared by the antivirus probe
// (is a product's package installed?) and the patch probe.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace sc {

struct DpkgPackage {
  std::string package;       // "clamav"
  std::string status;        // "install ok installed"
  std::string version;       // "1.0.7+dfsg-1~deb12u1"
  std::string architecture;  // "amd64"
  std::string source;        // "clamav" or "clamav (1.0.7+dfsg-1~deb12u1)"; empty when same as package
  std::string provides;      // raw Provides field ("clamav-data, ...")

  // The package is unpacked and configured: the status field's last word is
  // exactly "installed" (not "half-installed", "not-installed", "config-files").
  bool installed() const;
  // The status word (third of "want flag status"), "" when the field is malformed.
  std::string_view state() const;
  // The source package name without a version ("clamav"); the package name
  // when there is no Source field.
  std::string source_name() const;
};

struct DpkgParseStats {
  std::size_t stanzas = 0;          // stanzas seen (with or without Package)
  std::size_t without_package = 0;  // stanzas with no Package field (skipped)
  std::size_t malformed_lines = 0;  // lines that are neither "Field: value" nor continuation
};

// Parses the whole status file text. Never throws on any bytes; lines longer
// than a sane limit are counted as malformed. `stats` may be null.
std::vector<DpkgPackage> parse_dpkg_status(std::string_view text, DpkgParseStats* stats = nullptr);

// "1:1.0.7+dfsg-1~deb12u1" → "1.0.7": the upstream version without epoch,
// Debian revision or +dfsg/~ suffixes, for human-facing text.
std::string dpkg_upstream_version(std::string_view version);

}  // namespace sc
