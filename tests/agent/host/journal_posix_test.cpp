// Tests for checks/journal: the caller's matches (kernel transport, or
// identifiers), UTC times, the entry bound, and journals libsystemd would
// skip in silence reported as problems.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include "agent/core/host.hpp"
#include "agent/core/journal.hpp"
#include "checks/usb/usb_history.hpp"

using namespace sc;
namespace fs = std::filesystem;

namespace {
const fs::path kRoot = fs::path(SELFCHECK_FIXTURES) / "roots" / "usb-journal-only";
const char* kJournal = "var/log/journal/5c9d1a4e7b2f4e8a9c3d6b1e0f2a7c4d/system.journal";

const JournalQuery kKernel{.kernel = true};
const JournalEntryFn kIgnore = [](std::int64_t, std::string_view, std::string_view) {};

fs::path copy_root(const std::string& name) {
  fs::path tmp = fs::temp_directory_path() / ("selfcheck-journal-" + name + "-" + std::to_string(::getpid()));
  fs::remove_all(tmp);
  fs::copy(kRoot, tmp, fs::copy_options::recursive);
  return tmp;
}
}  // namespace

TEST_CASE("read_journal") {
  SUBCASE("kernel entries only, oldest first, realtime in UTC") {
    Host::Options o;
    o.root = kRoot;
    Host host(o);
    std::vector<std::string> msgs;
    std::int64_t first_usec = 0;
    std::vector<std::string> idents;
    JournalScan s = read_journal(host, kKernel, [&](std::int64_t usec, std::string_view ident, std::string_view m) {
      if (msgs.empty()) first_usec = usec;
      msgs.emplace_back(m);
      idents.emplace_back(ident);
    });
    CHECK(s.files == 1);
    CHECK(s.readable == 1);
    CHECK(s.read);
    CHECK(s.problems.empty());
    REQUIRE(!msgs.empty());
    CHECK(msgs.size() == s.entries);
    for (const auto& m : msgs) CHECK(m.find("CRON") == std::string::npos);  // syslog transport left out
    CHECK(msgs[0] == "usb 1-5: new low-speed USB device number 2 using xhci_hcd");
    CHECK(idents[0] == "kernel");
    // 2026-11-19T08:30:03+08:00 = 00:30:03 UTC
    CHECK(first_usec == 1795048203000000);
    REQUIRE(s.from);
    CHECK(Zone().iso(*s.from) == "2026-11-19T00:30:03+00:00");
  }
  SUBCASE("entries by SYSLOG_IDENTIFIER, with the identifier passed on") {
    Host::Options o;
    o.root = kRoot;
    Host host(o);
    JournalQuery q;
    q.identifiers = {"CRON", "NetworkManager"};
    std::vector<std::string> seen;
    JournalScan s = read_journal(host, q, [&](std::int64_t, std::string_view ident, std::string_view m) {
      seen.push_back(std::string(ident) + ": " + std::string(m));
    });
    CHECK(s.read);
    CHECK(s.complete());
    CHECK(s.problems.empty());
    // The fixture has three of each, alternating, and 30-odd kernel entries left out.
    REQUIRE(seen.size() == 6);
    CHECK(s.entries == 6);
    for (std::size_t i = 0; i < seen.size(); i += 2) {
      CHECK(seen[i] == "CRON: (root) CMD (command -v debian-sa1 > /dev/null && debian-sa1 1 1)");
      CHECK(seen[i + 1].rfind("NetworkManager: <info>  [1795148102.1234] dhcp4 (enp3s0)", 0) == 0);
    }
  }
  SUBCASE("kernel transport or an identifier: the union, in order") {
    Host::Options o;
    o.root = kRoot;
    Host host(o);
    std::uint64_t kernel_only = read_journal(host, kKernel, kIgnore).entries;
    JournalQuery q{.kernel = true, .identifiers = {"CRON"}};
    std::int64_t prev = 0;
    bool ordered = true, cron = false;
    JournalScan s = read_journal(host, q, [&](std::int64_t usec, std::string_view ident, std::string_view) {
      ordered = ordered && usec >= prev;
      prev = usec;
      cron = cron || ident == "CRON";
    });
    CHECK(s.entries == kernel_only + 3);
    CHECK(cron);
    CHECK(ordered);
  }
  SUBCASE("bounded: past max_entries the read stops with a problem") {
    Host::Options o;
    o.root = kRoot;
    Host host(o);
    JournalQuery q{.kernel = true, .max_entries = 3};
    JournalScan s = read_journal(host, q, kIgnore);
    CHECK(s.entries == 3);
    REQUIRE(s.problems.size() == 1);
    CHECK(s.problems[0] == "journal: stopped after 3 entries");
  }
  SUBCASE("an empty query reads nothing") {
    Host::Options o;
    o.root = kRoot;
    Host host(o);
    int calls = 0;
    JournalScan s =
        read_journal(host, JournalQuery{}, [&](std::int64_t, std::string_view, std::string_view) { ++calls; });
    CHECK_FALSE(s.read);
    CHECK(calls == 0);
  }
  SUBCASE("a journal in a newer format is a problem, and alone makes the finding unknown") {
    fs::path tmp = copy_root("newer");
    {
      std::fstream f(tmp / kJournal, std::ios::in | std::ios::out | std::ios::binary);
      f.seekp(12);
      char flags[4] = {0, 0, 0, 0x40};  // an incompatible flag unknown to systemd 252
      f.write(flags, 4);
    }
    Host::Options o;
    o.root = tmp;
    Host host(o);
    JournalScan s = read_journal(host, kKernel, kIgnore);
    CHECK(s.files == 1);
    CHECK(s.readable == 0);
    CHECK_FALSE(s.read);
    REQUIRE(s.problems.size() == 1);
    CHECK(s.problems[0].find("newer than this reader") != std::string::npos);
    CHECK_FALSE(s.complete());
    UsbHistory h = build_usb_history(host);
    CHECK_FALSE(h.any_source);
    fs::remove_all(tmp);
  }
  SUBCASE("no journal at all") {
    Host::Options o;
    o.root = fs::path(SELFCHECK_FIXTURES) / "roots" / "usb-rhel-messages";
    Host host(o);
    JournalScan s = read_journal(host, kKernel, kIgnore);
    CHECK(s.files == 0);
    CHECK_FALSE(s.read);
    CHECK(s.problems.empty());
  }
}

TEST_CASE("journal_header_problem") {
  std::string h = std::string("LPKSHHRH") + std::string(8, '\0');
  CHECK(journal_header_problem(h).empty());
  h[12] = 0x1f;  // XZ, LZ4, keyed hash, ZSTD, compact: all known
  CHECK(journal_header_problem(h).empty());
  h[12] = 0x20;
  CHECK(journal_header_problem(h).find("newer") != std::string::npos);
  CHECK(journal_header_problem("LPKS").find("too short") != std::string::npos);
  CHECK(journal_header_problem(std::string(16, 'x')).find("bad signature") != std::string::npos);
}
