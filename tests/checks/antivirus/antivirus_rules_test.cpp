// Tests for checks/antivirus_rules: the shipped rules parse, overrides merge
// by product id, and bad rule files are refused with their position.
#include "checks/antivirus/antivirus_rules.hpp"

#include <doctest/doctest.h>

#include <string>

#include "agent/core/errors.hpp"

using namespace sc;

namespace {

std::string error_of(const std::string& yaml) {
  AvRules r;
  try {
    merge_av_rules(YamlDoc::load_string(yaml, "rules.d/antivirus.yaml"), r);
  } catch (const ConfigError& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("load_av_rules") {
  SUBCASE("the shipped rules") {
    AvRules r = load_av_rules(Rules::load({SELFCHECK_SOURCE_RULES_DIR}));
    CHECK(r.signature_max_age_days == 7);
    REQUIRE(r.products.size() >= 13);
    CHECK(r.products[0].id == "clamav");
    CHECK(r.products[0].signatures.kind == AvSignatureSource::Kind::clamav);
    for (const char* id : {"mdatp", "eset", "sophos", "kaspersky", "trellix", "trendmicro", "qax-tianqing", "360-epp",
                           "huorong", "rising", "asiainfo", "jiangmin"}) {
      bool found = false;
      for (const auto& p : r.products) found = found || p.id == id;
      CHECK_MESSAGE(found, id);
    }
    for (const auto& p : r.products) {
      CHECK_FALSE(p.name.zh.empty());
      CHECK_FALSE(p.name.en.empty());
      if (p.signatures.kind == AvSignatureSource::Kind::none) {
        CHECK_FALSE(p.signatures.reason.zh.empty());
        CHECK_FALSE(p.signatures.reason.en.empty());
      }
    }
  }
  SUBCASE("an override replaces by id, appends new ids, and later scalars win") {
    auto base = YamlDoc::load_string(
        "signature_max_age_days: 7\nproducts:\n"
        "  - {id: a, name: A, paths: [/opt/a], signatures: {kind: mtime, paths: [/opt/a/db]}}\n"
        "  - {id: b, name: B, paths: [/opt/b], signatures: {kind: none, reason: {zh: 无, en: none}}}\n",
        "rules/antivirus.yaml");
    auto over = YamlDoc::load_string(
        "signature_max_age_days: 3\nproducts:\n"
        "  - {id: b, name: {zh: 乙, en: Bee}, packages: [bee], signatures: {kind: mtime, paths: [/var/bee]}}\n"
        "  - {id: c, name: C, paths: [/opt/c], signatures: {kind: clamav, default_dirs: [/var/c]}}\n",
        "rules.d/antivirus.yaml");
    Rules rules = Rules::from_docs({base, over});
    AvRules r = load_av_rules(rules);
    CHECK(r.signature_max_age_days == 3);
    REQUIRE(r.products.size() == 3);
    CHECK(r.products[1].id == "b");
    CHECK(r.products[1].name.en == "Bee");
    CHECK(r.products[1].packages == std::vector<std::string>{"bee"});
    CHECK(r.products[2].id == "c");
  }
  SUBCASE("an empty override file changes nothing") {
    AvRules r;
    merge_av_rules(YamlDoc::load_string("", "rules.d/antivirus.yaml"), r);
    CHECK(r.products.empty());
    CHECK(r.signature_max_age_days == 7);
  }
}

TEST_CASE("merge_av_rules refuses bad rules with the position") {
  SUBCASE("unknown key") {
    auto e = error_of(
        "products:\n  - id: a\n    name: A\n    paths: [/a]\n    colour: red\n    signatures: {kind: none, reason: "
        "x}\n");
    CHECK(e.find("rules.d/antivirus.yaml:5:5") == 0);
    CHECK(e.find("unknown key 'colour'") != std::string::npos);
  }
  SUBCASE("limit not a number") {
    auto e = error_of("signature_max_age_days: seven\n");
    CHECK(e.find("rules.d/antivirus.yaml:1:25") == 0);
  }
  SUBCASE("bad kind") {
    auto e = error_of("products:\n  - {id: a, name: A, paths: [/a], signatures: {kind: magic}}\n");
    CHECK(e.find("expected clamav, mtime or none") != std::string::npos);
  }
  SUBCASE("relative path") {
    auto e = error_of("products:\n  - {id: a, name: A, paths: [opt/a], signatures: {kind: none, reason: x}}\n");
    CHECK(e.find("absolute path") != std::string::npos);
  }
  SUBCASE("nothing to detect by") {
    auto e = error_of("products:\n  - {id: a, name: A, signatures: {kind: none, reason: x}}\n");
    CHECK(e.find("needs packages") != std::string::npos);
  }
  SUBCASE("duplicate id in one file") {
    auto e = error_of(
        "products:\n  - {id: a, name: A, paths: [/a], signatures: {kind: none, reason: x}}\n"
        "  - {id: a, name: A, paths: [/a], signatures: {kind: none, reason: x}}\n");
    CHECK(e.find("rules.d/antivirus.yaml:3:") == 0);
  }
  SUBCASE("none without a reason, name missing en") {
    CHECK(error_of("products:\n  - {id: a, name: A, paths: [/a], signatures: {kind: none}}\n").find("reason") !=
          std::string::npos);
    CHECK(error_of("products:\n  - {id: a, name: {zh: 甲}, paths: [/a], signatures: {kind: none, reason: x}}\n")
              .find("zh and en") != std::string::npos);
  }
}
