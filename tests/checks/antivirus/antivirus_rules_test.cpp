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
      if (p.has_linux && p.signatures.kind == AvSignatureSource::Kind::none) {
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

TEST_CASE("read_av_windows") {
  const std::string head = "products:\n  - id: w\n    name: W\n    windows:\n";
  SUBCASE("a Windows-only product is accepted, with its recipe") {
    AvRules r;
    merge_av_rules(YamlDoc::load_string(head + "      display_names: [\"W AV*\"]\n"
                                               "      exclude_names: [\"W AV Agent*\"]\n"
                                               "      services: {scanner: [wsvc, \"w[0-9]*\"], updater: [wupd]}\n"
                                               "      install_dirs: ['%ProgramFiles%\\W']\n"
                                               "      signatures:\n"
                                               "        registry:\n"
                                               "          - {key: 'HKLM\\SOFTWARE\\W', value: D, type: string_date, "
                                               "formats: ['%Y-%m-%d'], zone: utc}\n"
                                               "        version:\n"
                                               "          - {key: 'HKLM\\SOFTWARE\\W', value: V}\n",
                                        "w.yaml"),
                   r);
    REQUIRE(r.products.size() == 1);
    const AvProduct& p = r.products[0];
    CHECK_FALSE(p.has_linux);
    REQUIRE(p.windows);
    CHECK(p.windows->display_names == std::vector<std::string>{"W AV*"});
    REQUIRE(p.windows->services.size() == 3);
    CHECK(p.windows->services[1].name == "w[0-9]*");
    CHECK(p.windows->services[2].role == AvServiceRole::updater);
    REQUIRE(p.windows->registry.size() == 1);
    CHECK(p.windows->registry[0].type == AvWinRegistryDate::Type::string_date);
    CHECK(p.windows->registry[0].utc);
    CHECK(p.windows->version.size() == 1);
  }
  SUBCASE("the shipped rules: 17 Windows products, Windows-only ones without a Linux recipe") {
    AvRules r = load_av_rules(Rules::load({SELFCHECK_SOURCE_RULES_DIR}));
    int windows = 0;
    for (const auto& p : r.products) windows += p.windows ? 1 : 0;
    CHECK(windows == 17);
    for (const auto& p : r.products)
      if (p.id == "defender" || p.id == "360-safe" || p.id == "tencent-pcmgr") {
        CHECK_FALSE(p.has_linux);
        CHECK(p.windows);
      }
  }
  SUBCASE("errors name file:line:column") {
    auto e = error_of(head +
                      "      display_names: [x]\n      services: {scanner: [], updater: []}\n"
                      "      signatures: {none: r}\n      colour: red\n");
    CHECK(e.find("rules.d/antivirus.yaml:8:7") == 0);
    CHECK(e.find("unknown key 'colour'") != std::string::npos);

    e = error_of(head + "      display_names: [x]\n      services: {scanner: []}\n      signatures: {none: r}\n");
    CHECK(e.find("rules.d/antivirus.yaml:6:17") == 0);
    CHECK(e.find("scanner and updater") != std::string::npos);

    e = error_of(head +
                 "      display_names: [x]\n      services: {scanner: [], updater: []}\n"
                 "      signatures:\n        registry:\n          - {key: 'HKLM\\SOFTWARE\\W', value: D, type: "
                 "string_date}\n");
    CHECK(e.find("rules.d/antivirus.yaml:9:13") == 0);
    CHECK(e.find("needs formats") != std::string::npos);

    e = error_of(head +
                 "      display_names: [x]\n      services: {scanner: [], updater: []}\n"
                 "      signatures:\n        registry:\n          - {key: 'HKCU\\W', value: D, type: filetime}\n");
    CHECK(e.find("under HKLM") != std::string::npos);

    e = error_of(head +
                 "      display_names: [x]\n      services: {scanner: [], updater: []}\n"
                 "      signatures:\n        files:\n          - {path: '%ProgramData%\\x', kind: ini, key: K, "
                 "formats: ['%Y%q']}\n");
    CHECK(e.find("unknown directive %q") != std::string::npos);

    e = error_of(head +
                 "      display_names: []\n      services: {scanner: [], updater: []}\n      signatures: {none: r}\n");
    CHECK(e.find("at least one pattern") != std::string::npos);

    e = error_of(head + "      display_names: [x]\n      services: {scanner: [], updater: []}\n      signatures: {}\n");
    CHECK(e.find("expected registry, files or none") != std::string::npos);

    e = error_of(head +
                 "      display_names: [x]\n      services: {scanner: [], updater: []}\n"
                 "      signatures: {none: r, registry: [{key: 'HKLM\\SOFTWARE\\W', value: D, type: filetime}]}\n");
    CHECK(e.find("stands alone") != std::string::npos);
  }
  SUBCASE("a product with neither recipe") {
    CHECK(error_of("products:\n  - {id: a, name: A}\n").find("Linux recipe") != std::string::npos);
  }
  SUBCASE("Linux services with roles") {
    AvRules r;
    merge_av_rules(YamlDoc::load_string("products:\n  - {id: a, name: A, paths: [/a], services: {scanner: [a.service], "
                                        "updater: [u.service]}, signatures: {kind: none, reason: x}}\n",
                                        "a.yaml"),
                   r);
    REQUIRE(r.products.at(0).services.size() == 2);
    CHECK(r.products[0].services[1].role == AvServiceRole::updater);
    CHECK(error_of("products:\n  - {id: a, name: A, paths: [/a], services: {daemon: [a.service]}, signatures: "
                   "{kind: none, reason: x}}\n")
              .find("unknown key 'daemon'") != std::string::npos);
  }
}

TEST_CASE("av_glob_match") {
  CHECK(av_glob_match("ESET NOD32*", "eset nod32 Antivirus"));
  CHECK(av_glob_match("360安全卫士*", "360安全卫士"));
  CHECK_FALSE(av_glob_match("360安全卫士*", "360安全浏览器"));
  CHECK(av_glob_match("QAX*Endpoint*", "QAX Security Endpoint 10"));
  CHECK(av_glob_match("AVP[0-9]*", "AVP21.3"));
  CHECK_FALSE(av_glob_match("AVP[0-9]*", "AVPX"));
  CHECK(av_glob_match("?杀毒", "江杀毒"));  // '?' is one character, not one byte
  CHECK(av_glob_match("{*}", "{0A1B-22}"));
  CHECK_FALSE(av_glob_match("a", ""));
  CHECK(av_glob_match("*", ""));
  CHECK_FALSE(av_glob_match("[", "x"));
}
