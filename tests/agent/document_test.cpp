// Tests for agent/document: the findings file round trip, canonical form,
// integrity hash and reading files back.
#include "agent/document.hpp"

#include <doctest/doctest.h>

#include "agent/core/errors.hpp"

using namespace sc;

namespace {

Document sample() {
  Document d;
  d.agent_version = "0.1.0";
  d.rules_digest = "sha256:abc";
  d.started = "2026-11-20T16:00:00+08:00";
  d.finished = "2026-11-20T16:00:01+08:00";
  d.as_of = "2026-11-20T16:00:00+08:00";
  d.root = "/";
  d.duration_ms = 812;
  d.host = {"PC-0123",
            "0f1e2d3c4b5a69788796a5b4c3d2e1f0",
            "Debian GNU/Linux 12 (bookworm)",
            "6.1.0-26-amd64",
            "A-17",
            "张三",
            "办公室",
            "confidential"};
  Finding f;
  f.id = "usb.unapproved_storage";
  f.section = "usb";
  f.status = Status::fail;
  f.severity = Severity::high;
  f.title = {"接入过未登记的 USB 存储设备", "Unapproved USB storage connected"};
  f.detail = {"SanDisk Ultra Fit(4C531001550917108394)\n\"引号\" 与 \\ 反斜杠", "SanDisk Ultra Fit"};
  f.remediation = {"核查该设备来源", "Check the device"};
  f.evidence["devices"] = std::vector<std::string>{"0781:5583:4C531001550917108394", "true"};
  f.evidence["count"] = std::int64_t{1};
  f.evidence["confidential"] = true;
  f.evidence["vid"] = std::string("0781");
  f.evidence["empty"] = std::vector<std::string>{};
  d.findings.push_back(f);
  Finding g = f;
  g.id = "antivirus.installed";
  g.section = "antivirus";
  g.status = Status::pass;
  g.evidence = {};
  d.findings.push_back(g);
  UsbDeviceRecord u;
  u.vid = "0781";
  u.pid = "5583";
  u.serial = "4C531001550917108394";
  u.vendor = "SanDisk";
  u.product = "Ultra Fit";
  u.kind = "storage";
  u.first_seen = "2026-11-18T10:15:00+08:00";
  u.connections = 3;
  u.sources = {"/var/log/syslog", "journal"};
  d.usb_devices.push_back(u);
  u.serial = "";
  u.role = "collection";
  u.approved = true;
  d.usb_devices.push_back(u);
  finalize(d);
  return d;
}

}  // namespace

TEST_CASE("finalize") {
  Document d = sample();
  CHECK(d.verdict == "fail");
  CHECK(d.counts.fail == 1);
  CHECK(d.counts.pass == 1);
}

TEST_CASE("to_yaml") {
  Document d = sample();
  seal(d);
  std::string y = to_yaml(d);
  SUBCASE("schema order and quoting") {
    CHECK(y.rfind("schema: \"selfcheck.findings/2\"\nagent:\n  version: \"0.1.0\"\n", 0) == 0);
    CHECK(y.find("  duration_ms: 812\n") != std::string::npos);
    CHECK(y.find("    vid: \"0781\"\n") != std::string::npos);
    CHECK(y.find("    approved: false\n") != std::string::npos);
    CHECK(y.find("integrity:\n  sha256: \"" + d.sha256 + "\"\n") != std::string::npos);
    CHECK(y.find("usb_devices:") < y.find("integrity:"));
  }
  SUBCASE("texts in both languages") {
    CHECK(y.find("    title:\n      zh: \"接入过未登记的 USB 存储设备\"\n      en: \"Unapproved USB storage "
                 "connected\"\n") != std::string::npos);
    CHECK(y.find("    remediation:\n      zh: \"核查该设备来源\"\n      en: \"Check the device\"\n") !=
          std::string::npos);
    CHECK(y.find("lang:") == std::string::npos);  // the language a scan prints in is not in the file
  }
  SUBCASE("usb_devices always present") {
    Document e = sample();
    e.usb_devices.clear();
    CHECK(to_yaml(e).find("usb_devices: []\n") != std::string::npos);
    CHECK(to_json(e).find("\"usb_devices\": []") != std::string::npos);
  }
}

TEST_CASE("read_document") {
  Document d = sample();
  seal(d, "k");
  const std::string canon = canonical_json(d);
  SUBCASE("YAML round trip") {
    Value t = parse_tree(to_yaml(d));
    CHECK(canonical_json(t) == canon);
    Document r = from_tree(t);
    CHECK(canonical_json(r) == canon);
    CHECK(r.sha256 == d.sha256);
    CHECK(r.hmac == d.hmac);
    CHECK(r.findings[0].title.zh == "接入过未登记的 USB 存储设备");
    CHECK(r.findings[0].title.en == "Unapproved USB storage connected");
    CHECK(r.findings[0].detail.en == "SanDisk Ultra Fit");
  }
  SUBCASE("JSON round trip") {
    Value t = parse_tree(to_json(d));
    CHECK(canonical_json(t) == canon);
    CHECK(canonical_json(read_document(to_json(d))) == canon);
  }
  SUBCASE("evidence of every type") {
    Document r = read_document(to_yaml(d));
    const Evidence& ev = r.findings[0].evidence;
    CHECK(std::get<std::int64_t>(ev.at("count")) == 1);
    CHECK(std::get<bool>(ev.at("confidential")) == true);
    CHECK(std::get<std::string>(ev.at("vid")) == "0781");
    CHECK(std::get<std::vector<std::string>>(ev.at("devices"))[1] == "true");
    CHECK(std::get<std::vector<std::string>>(ev.at("empty")).empty());
  }
  SUBCASE("a quoted 0781 stays a string") {
    Document r = read_document(to_yaml(d));
    CHECK(r.usb_devices[0].vid == "0781");
    CHECK(r.usb_devices[1].serial == "");
    CHECK(r.usb_devices[1].role == "collection");
    CHECK(r.usb_devices[1].approved);
    CHECK(r.usb_devices[0].connections == 3);
  }
  SUBCASE("non-UTF-8 input is sanitised alike in every form") {
    Document b = sample();
    b.host.owner = "bad\xff\xfe owner";
    b.findings[0].evidence["file"] = std::string("/home/x\xC3/f");
    b.findings[0].evidence["\xE9key"] = std::int64_t{2};
    seal(b);
    std::string c = canonical_json(b);
    CHECK(c.find("bad\xEF\xBF\xBD\xEF\xBF\xBD owner") != std::string::npos);
    CHECK(canonical_json(parse_tree(to_yaml(b))) == c);
    CHECK(canonical_json(parse_tree(to_json(b))) == c);
    CHECK(sha256_hex(canonical_json(parse_tree(to_yaml(b)))) == b.sha256);
  }
  SUBCASE("unknown schema") {
    CHECK_THROWS_WITH_AS(read_document("schema: \"selfcheck.findings/9\"\n"), doctest::Contains("unknown schema"),
                         DocumentError);
    CHECK_THROWS_AS(read_document("just text"), DocumentError);
    CHECK_THROWS_AS(read_document(""), DocumentError);
  }
  SUBCASE("selfcheck.findings/1: texts in one language, used for both") {
    Document r = read_document(
        "schema: \"selfcheck.findings/1\"\nscan:\n  lang: \"en\"\nfindings:\n  - id: \"antivirus.installed\"\n"
        "    status: \"fail\"\n    title: \"No antivirus\"\n    detail: \"no antivirus product is installed\"\n"
        "    remediation: \"Install one\"\n");
    CHECK(r.schema == "selfcheck.findings/1");
    REQUIRE(r.findings.size() == 1);
    CHECK(r.findings[0].section == "antivirus");
    CHECK(r.findings[0].detail.zh == "no antivirus product is installed");
    CHECK(r.findings[0].detail.en == "no antivirus product is installed");
    CHECK(r.findings[0].remediation.in(Lang::zh) == "Install one");
  }
  SUBCASE("a text with one language reads in both") {
    Document r =
        read_document("schema: \"selfcheck.findings/2\"\nfindings:\n  - status: \"pass\"\n    detail: {zh: \"无\"}\n");
    CHECK(r.findings[0].detail.en == "无");
    CHECK_THROWS_WITH_AS(
        read_document("schema: \"selfcheck.findings/2\"\nfindings:\n  - status: \"pass\"\n    title: [1]\n"),
        doctest::Contains("findings[0].title"), DocumentError);
  }
  SUBCASE("wrong type names the path") {
    CHECK_THROWS_WITH_AS(read_document("schema: \"selfcheck.findings/2\"\nfindings:\n  - status: \"maybe\"\n"),
                         doctest::Contains("findings[0].status"), DocumentError);
  }
  SUBCASE("unknown keys still count for the hash") {
    std::string y = to_yaml(d);
    std::string extra = y;
    extra.insert(extra.find("usb_devices:"), "future: \"x\"\n");
    CHECK(sha256_hex(canonical_json(parse_tree(extra))) != d.sha256);
    CHECK(sha256_hex(canonical_json(parse_tree(y))) == d.sha256);
  }
  SUBCASE("an edited value fails the hash") {
    std::string y = to_yaml(d);
    auto p = y.find("\"fail\"");
    REQUIRE(p != std::string::npos);
    y.replace(p, 6, "\"pass\"");
    CHECK(sha256_hex(canonical_json(parse_tree(y))) != d.sha256);
  }
}

TEST_CASE("sha256_hex") {
  SUBCASE("known vector") {
    CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }
  SUBCASE("hash of a known small document tree") {
    // printf '%s' '{"a":[1,true,null,"x\"y"],"b":{"c":"雪","d":-5},"schema":"t"}' | sha256sum
    Value t = parse_tree(
        "schema: \"t\"\nb: {d: -5, c: \"雪\"}\na: [1, true, null, \"x\\\"y\"]\nintegrity: {sha256: \"0\"}\n");
    CHECK(sha256_hex(canonical_json(t)) == "658ab8efcc99fc150b440c080848ec4f27235c3d4e1e089759f4efb4883b72af");
  }
  SUBCASE("HMAC RFC 4231 case 2") {
    CHECK(hmac_sha256_hex("Jefe", "what do ya want for nothing?") ==
          "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  }
}
