// Tests for agent/value: UTF-8 sanitising, the three emitters and reading back.
#include "agent/value.hpp"

#include <doctest/doctest.h>

#include "agent/core/errors.hpp"

using namespace sc;

TEST_CASE("valid_utf8") {
  SUBCASE("valid text is kept") { CHECK(valid_utf8("张三 abc") == "张三 abc"); }
  SUBCASE("stray byte") {
    CHECK(valid_utf8("a\xff"
                     "b") ==
          "a\xEF\xBF\xBD"
          "b");
  }
  SUBCASE("truncated sequence") { CHECK(valid_utf8("\xE5\xBC") == "\xEF\xBF\xBD\xEF\xBF\xBD"); }
  SUBCASE("overlong slash") { CHECK(valid_utf8("\xC0\xAF") == "\xEF\xBF\xBD\xEF\xBF\xBD"); }
  SUBCASE("surrogate") { CHECK(valid_utf8("\xED\xA0\x80") == "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"); }
}

TEST_CASE("emit_canonical") {
  Value v = Value::object();
  v.add("schema", Value::str("t"));
  Value& b = v.add("b", Value::object());
  b.add("d", Value::integer(-5));
  b.add("c", Value::str("雪"));
  Value& a = v.add("a", Value::array());
  a.push(Value::integer(1));
  a.push(Value::boolean(true));
  a.push(Value::null());
  a.push(Value::str("x\"y"));
  SUBCASE("keys sorted, no spaces, UTF-8 as is") {
    CHECK(emit_canonical(v) == "{\"a\":[1,true,null,\"x\\\"y\"],\"b\":{\"c\":\"雪\",\"d\":-5},\"schema\":\"t\"}");
  }
  SUBCASE("skipped top key") { CHECK(emit_canonical(v, "b") == "{\"a\":[1,true,null,\"x\\\"y\"],\"schema\":\"t\"}"); }
  SUBCASE("minimal escapes") {
    CHECK(emit_canonical(Value::str("\n\t\x01\x7f/\xE2\x80\xA8")) == "\"\\n\\t\\u0001\x7f/\xE2\x80\xA8\"");
  }
}

TEST_CASE("emit_yaml") {
  Value v = Value::object();
  v.add("schema", Value::str("selfcheck.findings/1"));
  v.add("n", Value::integer(3));
  v.add("empty", Value::array());
  Value& l = v.add("list", Value::array());
  Value& o = l.push(Value::object());
  o.add("vid", Value::str("0781"));
  o.add("ok", Value::boolean(false));
  l.push(Value::str("two"));
  v.add("odd key", Value::str("a\nb"));
  CHECK(emit_yaml(v) ==
        "schema: \"selfcheck.findings/1\"\n"
        "n: 3\n"
        "empty: []\n"
        "list:\n"
        "  - vid: \"0781\"\n"
        "    ok: false\n"
        "  - \"two\"\n"
        "\"odd key\": \"a\\nb\"\n");
}

TEST_CASE("parse_tree") {
  SUBCASE("quoted and plain scalars") {
    Value t = parse_tree("a: \"0781\"\nb: 0781\nc: 42\nd: true\ne: ~\nf: '12'\ng: -7\nh: 1.5\n");
    CHECK(t.get("a")->is_string());
    CHECK(t.get("a")->s == "0781");
    CHECK(t.get("b")->is_string());  // leading zero: not a number
    CHECK(t.get("c")->is_int());
    CHECK(t.get("c")->i == 42);
    CHECK(t.get("d")->is_bool());
    CHECK(t.get("e")->is_null());
    CHECK(t.get("f")->is_string());
    CHECK(t.get("g")->i == -7);
    CHECK(t.get("h")->is_string());
  }
  SUBCASE("key order is kept") {
    Value t = parse_tree("{\"z\": 1, \"a\": 2}");
    REQUIRE(t.keys.size() == 2);
    CHECK(t.keys[0] == "z");
  }
  SUBCASE("duplicate keys are refused") { CHECK_THROWS_AS(parse_tree("a: 1\na: 2\n"), DocumentError); }
  SUBCASE("bad syntax names the line") {
    try {
      parse_tree("a: [1, 2\nb: 3\n");
      FAIL("no throw");
    } catch (const DocumentError& e) {
      CHECK(std::string(e.what()).find("line") != std::string::npos);
    }
  }
  SUBCASE("alias bombs are bounded") {
    std::string bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
    char prev = 'a';
    for (char c = 'b'; c <= 'k'; ++c, ++prev)
      bomb += std::string(1, c) + ": &" + c + " [*" + prev + ", *" + prev + ", *" + prev + ", *" + prev + ", *" + prev +
              ", *" + prev + ", *" + prev + ", *" + prev + ", *" + prev + ", *" + prev + "]\n";
    CHECK_THROWS_AS(parse_tree(bomb), DocumentError);
  }
  SUBCASE("escapes written by emit_yaml read back") {
    std::string s = "q\" b\\ nl\n tab\t c1\x01 del\x7f nel\xC2\x85 ls\xE2\x80\xA8 bom\xEF\xBB\xBF 雪";
    Value v = Value::object();
    v.add("s", Value::str(s));
    CHECK(parse_tree(emit_yaml(v)).get("s")->s == s);
    CHECK(parse_tree(emit_json(v)).get("s")->s == s);
  }
}
