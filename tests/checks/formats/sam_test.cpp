// The SAM parser and the empty-password test: real account records from
// regipy's SAM sample and synthetic RC4-era and AES-era vectors written by an
// independent implementation (tests/fixtures/windows/sam/make_vectors.py).
#include "checks/formats/sam.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <random>

#include "agent/core/crypto.hpp"
#include "sam_vectors.hpp"
#include "support/hex.hpp"

using namespace sc;

namespace {

using test::unhex;

const std::array<unsigned char, 16> kSynKey = {0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17,
                                               0x18, 0x19, 0x1a, 0x1b, 0x1c, 0x1d, 0x1e, 0x1f};

}  // namespace

TEST_CASE("parse_sam_user_f") {
  SUBCASE("real: Administrator, disabled") {
    auto f = parse_sam_user_f(unhex(sam_vectors::kRealAdminF));
    REQUIRE(f);
    CHECK(f->rid == 500);
    CHECK(f->disabled());
    CHECK(f->password_never_expires());
    REQUIRE(f->password_last_set);
    CHECK(Zone().date(*f->password_last_set) == "2010-11-20");
  }
  SUBCASE("real: Preston, enabled, password set and logged on") {
    auto f = parse_sam_user_f(unhex(sam_vectors::kRealPrestonF));
    REQUIRE(f);
    CHECK(f->rid == 1000);
    CHECK_FALSE(f->disabled());
    REQUIRE(f->password_last_set);
    REQUIRE(f->last_logon);
    CHECK(*f->last_logon > *f->password_last_set);
  }
  SUBCASE("real: Guest never set a password") {
    auto f = parse_sam_user_f(unhex(sam_vectors::kRealGuestF));
    REQUIRE(f);
    CHECK(f->rid == 501);
    CHECK(f->disabled());
    CHECK_FALSE(f->password_last_set);
  }
  SUBCASE("short") {
    std::string why;
    CHECK_FALSE(parse_sam_user_f(std::string(0x39, '\0'), &why));
    CHECK(why.find("58") != std::string::npos);
  }
}

TEST_CASE("parse_sam_user_v") {
  SUBCASE("real names and NT entries") {
    auto a = parse_sam_user_v(unhex(sam_vectors::kRealAdminV));
    auto g = parse_sam_user_v(unhex(sam_vectors::kRealGuestV));
    auto p = parse_sam_user_v(unhex(sam_vectors::kRealPrestonV));
    REQUIRE((a && g && p));
    CHECK(a->name == "Administrator");
    CHECK(g->name == "Guest");
    CHECK(p->name == "Preston");
    CHECK(g->nt == NtEntry::none);  // length 4: no hash stored, a blank password
    CHECK(g->nt_length == 4);
    CHECK(p->nt == NtEntry::stored);
    CHECK(p->nt_length == 20);
    CHECK(a->nt == NtEntry::stored);
  }
  SUBCASE("AES-era entry without a hash (24-byte header only)") {
    auto v = parse_sam_user_v(unhex(sam_vectors::kSynV2None));
    REQUIRE(v);
    CHECK(v->name == "Nobody");
    CHECK(v->nt == NtEntry::none);
  }
  SUBCASE("offsets outside the value, any bytes") {
    std::string v = unhex(sam_vectors::kRealPrestonV);
    CHECK_FALSE(parse_sam_user_v(v.substr(0, 0xcc + 4)));
    CHECK_FALSE(parse_sam_user_v(std::string(10, 'x')));
    std::mt19937 rng(7);
    for (int i = 0; i < 2000; ++i) {
      std::string junk(static_cast<std::size_t>(rng() % 400), '\0');
      for (auto& c : junk) c = static_cast<char>(rng());
      (void)parse_sam_user_v(junk);
      (void)parse_sam_user_f(junk);
      (void)parse_sam_domain_f(junk);
    }
  }
}

TEST_CASE("parse_sam_domain_f") {
  SUBCASE("real: passwords never expire, RC4-era key") {
    auto d = parse_sam_domain_f(unhex(sam_vectors::kRealDomainF));
    REQUIRE(d);
    CHECK_FALSE(d->max_password_age_days);
    CHECK(d->key_revision == 1);
  }
  SUBCASE("42 days, AES-era key") {
    auto d = parse_sam_domain_f(unhex(sam_vectors::kSynF2));
    REQUIRE(d);
    REQUIRE(d->max_password_age_days);
    CHECK(*d->max_password_age_days == 42);
    CHECK(d->key_revision == 2);
  }
  SUBCASE("short") { CHECK_FALSE(parse_sam_domain_f(std::string(0x67, '\0'))); }
}

TEST_CASE("boot_key_from_lsa_classes") {
  SUBCASE("real SYSTEM sample: the key regipy's test expects") {
    // Class names of ControlSet001\Control\Lsa\{JD,Skew1,GBG,Data} in regipy's SYSTEM sample.
    auto k = boot_key_from_lsa_classes("67cd88ed", "8df2db5b", "e770d1f4", "b6cf2e27");
    REQUIRE(k);
    std::string hex;
    for (unsigned char c : *k) hex += fmt::format("{:02x}", c);
    CHECK(hex == "e7f28d88f470cfed67dbcdb62ed1275b");
  }
  SUBCASE("not hex, wrong length") {
    CHECK_FALSE(boot_key_from_lsa_classes("67cd88eg", "8df2db5b", "e770d1f4", "b6cf2e27"));
    CHECK_FALSE(boot_key_from_lsa_classes("67cd88e", "8df2db5b", "e770d1f4", "b6cf2e27"));
    CHECK_FALSE(boot_key_from_lsa_classes("", "", "", ""));
  }
}

TEST_CASE("nt_hash_is_empty") {
  std::string why;
  SUBCASE("RC4 era (Windows 7/8)") {
    std::string f = unhex(sam_vectors::kSynF1);
    CHECK(nt_hash_is_empty(kSynKey, f, 1001, unhex(sam_vectors::kSynV1Empty), &why) == EmptyCheck::empty);
    CHECK(nt_hash_is_empty(kSynKey, f, 1002, unhex(sam_vectors::kSynV1Set), &why) == EmptyCheck::not_empty);
    CHECK(nt_hash_is_empty(kSynKey, f, 1003, unhex(sam_vectors::kSynV1None), &why) == EmptyCheck::no_hash);
    // The RID is part of the key: the wrong RID does not give the empty hash.
    CHECK(nt_hash_is_empty(kSynKey, f, 1002, unhex(sam_vectors::kSynV1Empty), &why) == EmptyCheck::not_empty);
  }
  SUBCASE("AES era (Windows 10 1607+)") {
    std::string f = unhex(sam_vectors::kSynF2);
    CHECK(nt_hash_is_empty(kSynKey, f, 1001, unhex(sam_vectors::kSynV2Empty), &why) == EmptyCheck::empty);
    CHECK(nt_hash_is_empty(kSynKey, f, 1002, unhex(sam_vectors::kSynV2Set), &why) == EmptyCheck::not_empty);
    CHECK(nt_hash_is_empty(kSynKey, f, 1003, unhex(sam_vectors::kSynV2None), &why) == EmptyCheck::no_hash);
  }
  SUBCASE("another machine's boot key: the checksum says so") {
    auto other = boot_key_from_lsa_classes("67cd88ed", "8df2db5b", "e770d1f4", "b6cf2e27");
    REQUIRE(other);
    CHECK(nt_hash_is_empty(*other, unhex(sam_vectors::kSynF1), 1001, unhex(sam_vectors::kSynV1Empty), &why) ==
          EmptyCheck::key_mismatch);
    CHECK(nt_hash_is_empty(*other, unhex(sam_vectors::kSynF2), 1001, unhex(sam_vectors::kSynV2Empty), &why) ==
          EmptyCheck::key_mismatch);
    // regipy's SYSTEM and SAM samples come from two machines.
    CHECK(nt_hash_is_empty(*other, unhex(sam_vectors::kRealDomainF), 1000, unhex(sam_vectors::kRealPrestonV), &why) ==
          EmptyCheck::key_mismatch);
    CHECK(why.find("does not decrypt") != std::string::npos);
  }
  SUBCASE("the reason never carries key or hash bytes") {
    std::string v = unhex(sam_vectors::kRealPrestonV);
    auto p = parse_sam_user_v(v);
    REQUIRE(p);
    std::string hash = v.substr(p->nt_offset + 4, 16);
    auto other = boot_key_from_lsa_classes("67cd88ed", "8df2db5b", "e770d1f4", "b6cf2e27");
    (void)nt_hash_is_empty(*other, unhex(sam_vectors::kRealDomainF), 1000, v, &why);
    for (std::size_t i = 0; i + 4 <= hash.size(); ++i) CHECK(why.find(hash.substr(i, 4)) == std::string::npos);
  }
  SUBCASE("mangled values") {
    std::string f = unhex(sam_vectors::kSynF2);
    CHECK(nt_hash_is_empty(kSynKey, f.substr(0, 0x80), 1001, unhex(sam_vectors::kSynV2Empty), &why) ==
          EmptyCheck::unsupported);
    std::string bad = f;
    bad[0x68] = 7;
    CHECK(nt_hash_is_empty(kSynKey, bad, 1001, unhex(sam_vectors::kSynV2Empty), &why) == EmptyCheck::unsupported);
    CHECK(nt_hash_is_empty(kSynKey, f, 1001, "short", &why) == EmptyCheck::unsupported);
  }
}
