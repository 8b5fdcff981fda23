// Known-answer tests of the SAM primitives (agent/core/crypto.hpp) on both
// builds: OpenSSL on Linux (crypto_posix.cpp), CNG on Windows
// (crypto_win32.cpp, run under wine). Vectors: RFC 1321 (MD5 "abc"),
// FIPS 180-2 (SHA-256 "abc"), the RC4 "Key"/"Plaintext" vector, the classic
// DES example (key 133457799BBCDFF1), NIST SP 800-38A F.2.1 (AES-128-CBC).
#include "agent/core/crypto.hpp"

#include <doctest/doctest.h>

#include <string>

#include "support/hex.hpp"

using namespace sc;

using test::hex;
using test::unhex;

TEST_CASE("crypto primitives") {
  std::string why;
  crypto::SecretBytes out;
  SUBCASE("available") { CHECK_MESSAGE(crypto::available(&why), why); }
  SUBCASE("md5") {
    REQUIRE_MESSAGE(crypto::md5("abc", out, &why), why);
    CHECK(hex(out.view()) == "900150983cd24fb0d6963f7d28e17f72");
  }
  SUBCASE("sha256") {
    REQUIRE_MESSAGE(crypto::sha256("abc", out, &why), why);
    CHECK(hex(out.view()) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }
  SUBCASE("rc4") {
    REQUIRE_MESSAGE(crypto::cipher(crypto::Cipher::rc4, true, "Key", "", "Plaintext", out, &why), why);
    CHECK(hex(out.view()) == "bbf316e8d940af0ad3");
  }
  SUBCASE("des-ecb, both ways") {
    std::string key = unhex("133457799bbcdff1");
    REQUIRE_MESSAGE(crypto::cipher(crypto::Cipher::des_ecb, true, key, "", unhex("0123456789abcdef"), out, &why), why);
    CHECK(hex(out.view()) == "85e813540f0ab405");
    crypto::SecretBytes back;
    REQUIRE_MESSAGE(crypto::cipher(crypto::Cipher::des_ecb, false, key, "", out.view(), back, &why), why);
    CHECK(hex(back.view()) == "0123456789abcdef");
  }
  SUBCASE("aes-128-cbc, both ways") {
    std::string key = unhex("2b7e151628aed2a6abf7158809cf4f3c"), iv = unhex("000102030405060708090a0b0c0d0e0f");
    REQUIRE_MESSAGE(
        crypto::cipher(crypto::Cipher::aes128_cbc, true, key, iv, unhex("6bc1bee22e409f96e93d7e117393172a"), out, &why),
        why);
    CHECK(hex(out.view()) == "7649abac8119b246cee98e9b12e9197d");
    crypto::SecretBytes back;
    REQUIRE_MESSAGE(crypto::cipher(crypto::Cipher::aes128_cbc, false, key, iv, out.view(), back, &why), why);
    CHECK(hex(back.view()) == "6bc1bee22e409f96e93d7e117393172a");
  }
}
