// Tests for `selfcheck report` (agent/cmd_report.cpp): every file is verified
// before it is rendered (issue 13 item 4), inputs that are not findings files
// are refused without reading them whole (item 10), and what a findings file
// carries cannot drive the terminal (item 12).
#include <doctest/doctest.h>

#include <sstream>

#include "agent/cli.hpp"
#include "agent/document.hpp"
#include "agent/integrity.hpp"
#include "support/cli_run.hpp"
#include "support/sample_doc.hpp"

using namespace sc;
using namespace sc::test;
namespace fs = std::filesystem;

namespace {

using test::cli;
using test::Run;

std::string replace_all(std::string s, const std::string& from, const std::string& to) {
  for (std::size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size()))
    s.replace(at, from.size(), to);
  return s;
}

}  // namespace

TEST_CASE("cmd_report") {
  auto dir = temp_dir("cmd-report");
  Document d = machine({});
  seal(d);
  std::string yaml = to_yaml(d);
  write_text(dir / "ok.yaml", yaml);
  // The owner renamed after sealing: sha256 no longer matches.
  write_text(dir / "edited.yaml", replace_all(yaml, "PC-0123", "PC-9999"));
  SUBCASE("tampered: said in every format, exit 1, no passed verdict") {
    for (const char* format : {"text", "markdown", "html"}) {
      INFO(format);
      auto r = cli({"report", (dir / "edited.yaml").string(), "--format", format, "--lang", "en"});
      CHECK(r.code == 1);
      CHECK(r.out.find("tampered") != std::string::npos);
      CHECK(r.out.find("Verdict: passed") == std::string::npos);
      CHECK(r.out.find("not trustworthy") != std::string::npos);
    }
  }
  SUBCASE("ok: said, exit 0") {
    auto r = cli({"report", (dir / "ok.yaml").string(), "--lang", "en"});
    CHECK(r.code == 0);
    CHECK(r.out.find("Integrity: ok (sha256") != std::string::npos);
  }
  SUBCASE("unsigned with a key given: said, exit 0") {
    write_text(dir / "unit.key", "0123456789abcdef0123456789abcdef");
    auto r = cli({"report", (dir / "ok.yaml").string(), "--lang", "en", "--key", (dir / "unit.key").string()});
    CHECK(r.code == 0);
    CHECK(r.out.find("Integrity: unsigned") != std::string::npos);
  }
  SUBCASE("/dev/zero is refused at once (exit 3), never read") {
    auto r = cli({"report", "/dev/zero"});
    CHECK(r.code == 3);
    CHECK(r.err.find("is not a regular file") != std::string::npos);
  }
  SUBCASE("control characters and bidi overrides from the file are shown escaped") {
    Document e = machine({});
    e.host.hostname =
        "PC\x1b]0;owned\x07-1\xe2\x80\xae"
        "321";
    seal(e);
    write_text(dir / "esc.yaml", to_yaml(e));
    for (const char* format : {"text", "markdown", "html"}) {
      INFO(format);
      auto r = cli({"report", (dir / "esc.yaml").string(), "--format", format, "--lang", "en"});
      CHECK(r.code == 0);
      CHECK(r.out.find('\x1b') == std::string::npos);
      CHECK(r.out.find("\xe2\x80\xae") == std::string::npos);
      CHECK(r.out.find("<U+202E>") != std::string::npos);
    }
  }
}
