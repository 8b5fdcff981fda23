// Tests for agent/integrity: verify on good, edited, truncated, unsigned and
// foreign files; the unit key file.
#include "agent/integrity.hpp"

#include <doctest/doctest.h>
#include <sys/stat.h>

#include "agent/core/errors.hpp"
#include "support/sample_doc.hpp"

using namespace sc;
using namespace sc::test;

TEST_CASE("verify_text") {
  Document d = machine({});
  const std::string key = "0123456789abcdef0123456789abcdef";
  seal(d, key);
  std::string yaml = to_yaml(d);
  SUBCASE("signed file with the key") {
    auto v = verify_text(yaml, key);
    CHECK(v.check == FileCheck::ok);
    CHECK(v.signed_checked);
    REQUIRE(v.doc);
    CHECK(v.doc->host.hostname == "PC-0123");
  }
  SUBCASE("JSON form verifies alike") { CHECK(verify_text(to_json(d), key).check == FileCheck::ok); }
  SUBCASE("without a key only the hash is checked") {
    auto v = verify_text(yaml, "");
    CHECK(v.check == FileCheck::ok);
    CHECK_FALSE(v.signed_checked);
  }
  SUBCASE("edited value") {
    std::string e = yaml;
    e.replace(e.find("\"张三\""), std::string("\"张三\"").size(), "\"李四\"");
    auto v = verify_text(e, key);
    CHECK(v.check == FileCheck::corrupt);
    CHECK(v.reason.find("sha256") != std::string::npos);
  }
  SUBCASE("edited and re-hashed is tampered") {
    Document e = d;
    e.host.owner = "李四";
    seal(e);          // new sha256, no key
    e.hmac = d.hmac;  // keeps the old HMAC
    CHECK(verify_text(to_yaml(e), key).check == FileCheck::tampered);
    CHECK(verify_text(to_yaml(e), "").check == FileCheck::ok);
  }
  SUBCASE("another unit's key") { CHECK(verify_text(yaml, "another key").check == FileCheck::tampered); }
  SUBCASE("truncated") {
    for (std::size_t cut : {yaml.size() / 3, yaml.size() / 2, yaml.size() - 20}) {
      CAPTURE(cut);
      auto c = verify_text(yaml.substr(0, cut), key).check;
      CHECK(c == FileCheck::corrupt);
    }
  }
  SUBCASE("unsigned with a key given") {
    Document u = machine({});
    seal(u);
    CHECK(verify_text(to_yaml(u), key).check == FileCheck::unsigned_file);
  }
  SUBCASE("unknown schema") {
    std::string s = yaml;
    s.replace(0, std::string("schema: \"selfcheck.findings/2\"").size(), "schema: \"selfcheck.findings/9\"");
    CHECK(verify_text(s, key).check == FileCheck::unknown_schema);
    CHECK(verify_text("hello: world\n", key).check == FileCheck::unknown_schema);
  }
  SUBCASE("garbage bytes") {
    CHECK(verify_text(std::string("\x00\xff{[\"", 5), key).check == FileCheck::corrupt);
    CHECK(verify_text("", key).check == FileCheck::unknown_schema);
  }
  SUBCASE("an unknown future key is covered by the hash") {
    Value t = parse_tree(yaml);
    t.add("future", Value::str("x"));
    Document base = from_tree(t);
    std::string canon = canonical_json(t);
    Value& integ = const_cast<Value&>(*t.get("integrity"));
    integ.items[0] = Value::str(sha256_hex(canon));
    integ.items[1] = Value::str(hmac_sha256_hex(key, canon));
    std::string text = emit_yaml(t);
    CHECK(verify_text(text, key).check == FileCheck::ok);
    std::string edited = text;
    edited.replace(edited.find("future: \"x\""), 11, "future: \"y\"");
    CHECK(verify_text(edited, key).check == FileCheck::corrupt);
  }
}

TEST_CASE("verify_file") {
  auto dir = temp_dir("verify-file");
  SUBCASE("missing") { CHECK(verify_file(dir / "nope.yaml", "").check == FileCheck::unreadable); }
  SUBCASE("a directory") { CHECK(verify_file(dir, "").check == FileCheck::unreadable); }
  SUBCASE("good file") {
    Document d = machine({});
    seal(d);
    write_text(dir / "a.yaml", to_yaml(d));
    CHECK(verify_file(dir / "a.yaml", "").check == FileCheck::ok);
  }
}

TEST_CASE("write_new_key") {
  auto dir = temp_dir("key");
  auto file = dir / "sub" / "unit.key";
  write_new_key(file, false);
  std::string k = read_key(file);
  CHECK(k.size() == 32);
  struct stat st {};
  REQUIRE(::stat(file.c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0600);
  SUBCASE("an existing key is not replaced") {
    CHECK_THROWS_AS(write_new_key(file, false), OutputError);
    CHECK(read_key(file) == k);
  }
  SUBCASE("--force replaces it") {
    write_new_key(file, true);
    CHECK(read_key(file) != k);
  }
  SUBCASE("a missing key file is a config error") { CHECK_THROWS_AS(read_key(dir / "none.key"), ConfigError); }
}

TEST_CASE("verify_text on a signed file edited in its integrity block") {
  Document d = machine({});
  const std::string key = "0123456789abcdef0123456789abcdef";
  seal(d, key);
  std::string yaml = to_yaml(d);
  SUBCASE("the HMAC stripped: unsigned, and the wording says it may have been removed") {
    std::string stripped = yaml;
    auto at = stripped.find("  hmac:");
    REQUIRE(at != std::string::npos);
    stripped.erase(at, stripped.find('\n', at) - at + 1);
    auto v = verify_text(stripped, key);
    CHECK(v.check == FileCheck::unsigned_file);
    CHECK(v.reason.find("no HMAC (it may have been removed") != std::string::npos);
  }
  SUBCASE("a key added under integrity does not verify") {
    std::string added = yaml;
    auto at = added.find("  sha256:");
    REQUIRE(at != std::string::npos);
    added.insert(at, "  verdict: pass\n");
    CHECK(verify_text(added, key).check == FileCheck::tampered);
    CHECK(verify_text(added, "").check == FileCheck::tampered);
  }
}

TEST_CASE("read_key of hostile files") {
  SUBCASE("/dev/zero is refused at once") {
    CHECK_THROWS_WITH_AS(read_key("/dev/zero"), doctest::Contains("not a regular file"), ConfigError);
  }
  SUBCASE("a FIFO is refused without waiting") {
    auto dir = temp_dir("key-fifo");
    REQUIRE(::mkfifo((dir / "unit.key").c_str(), 0600) == 0);
    CHECK_THROWS_AS(read_key(dir / "unit.key"), ConfigError);
  }
  SUBCASE("a large file is refused by its size") {
    auto dir = temp_dir("key-big");
    write_text(dir / "unit.key", std::string(1 << 20, 'k'));
    CHECK_THROWS_WITH_AS(read_key(dir / "unit.key"), doctest::Contains("too large"), ConfigError);
  }
}

TEST_CASE("write_new_key whatever the umask") {
  auto dir = temp_dir("key-umask");
  for (mode_t mask : {mode_t(0), mode_t(022), mode_t(0277)}) {
    INFO("umask " << mask);
    auto file = dir / ("d" + std::to_string(mask)) / "sub" / "unit.key";
    mode_t old = ::umask(mask);
    write_new_key(file, false);
    ::umask(old);
    struct stat st {};
    REQUIRE(::stat(file.c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);
    REQUIRE(::stat(file.parent_path().c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0700);
    REQUIRE(::stat(file.parent_path().parent_path().c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0700);
  }
}
