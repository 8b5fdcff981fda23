// The SAM primitives on the Windows build with CNG (bcrypt.dll), as the
// Linux build does them with OpenSSL (crypto_posix.cpp): MD5, SHA-256, RC4,
// DES-ECB and AES-128-CBC, no padding. API (learn.microsoft.com, "CNG
// Algorithm Identifiers", "BCryptGenerateSymmetricKey", "BCryptEncrypt"):
// BCryptOpenAlgorithmProvider(BCRYPT_RC4/DES/AES_ALGORITHM); the chaining
// mode set with BCryptSetProperty(BCRYPT_CHAINING_MODE, BCRYPT_CHAIN_MODE_ECB
// or _CBC); BCryptGenerateSymmetricKey from the raw key bytes; BCryptEncrypt
// / BCryptDecrypt with flags 0 (no padding) and a copy of the IV (CNG
// updates it). Hashes through BCryptCreateHash/HashData/FinishHash
// (BCryptHash needs Windows 10; this build targets Windows 7). Key material
// lives only in SecretBytes and CNG's key object, destroyed before return.
#include <windows.h>
// windows.h first: bcrypt.h needs its types.
#include <bcrypt.h>

#include <algorithm>
#include <cstdio>
#include <cwchar>
#include <string>

#include "agent/core/crypto.hpp"

namespace sc::crypto {

namespace {

bool ok(NTSTATUS s) { return s >= 0; }

bool fail(std::string* why, const char* what, NTSTATUS s) {
  if (why) {
    char code[16];
    std::snprintf(code, sizeof code, "0x%08lx", static_cast<unsigned long>(s));
    *why = std::string(what) + " failed (CNG status " + code + ")";
  }
  return false;
}

struct Alg {
  BCRYPT_ALG_HANDLE h = nullptr;
  ~Alg() {
    if (h) BCryptCloseAlgorithmProvider(h, 0);
  }
};

bool hash(LPCWSTR name, std::string_view data, SecretBytes& out, std::string* why) {
  Alg alg;
  NTSTATUS s = BCryptOpenAlgorithmProvider(&alg.h, name, nullptr, 0);
  if (!ok(s)) return fail(why, "opening the hash algorithm", s);
  DWORD len = 0;
  ULONG got = 0;
  s = BCryptGetProperty(alg.h, BCRYPT_HASH_LENGTH, reinterpret_cast<PUCHAR>(&len), sizeof len, &got, 0);
  if (!ok(s)) return fail(why, "asking the hash length", s);
  BCRYPT_HASH_HANDLE h = nullptr;
  s = BCryptCreateHash(alg.h, &h, nullptr, 0, nullptr, 0, 0);
  if (!ok(s)) return fail(why, "creating the hash", s);
  // The SAM's inputs are small; one call (ULONG length) is enough.
  s = BCryptHashData(h, reinterpret_cast<PUCHAR>(const_cast<char*>(data.data())), static_cast<ULONG>(data.size()), 0);
  SecretBytes d(len);
  if (ok(s)) s = BCryptFinishHash(h, reinterpret_cast<PUCHAR>(d.data()), len, 0);
  BCryptDestroyHash(h);
  if (!ok(s)) return fail(why, "hashing", s);
  out = std::move(d);
  return true;
}

}  // namespace

bool available(std::string* why) {
  struct Named {
    LPCWSTR id;
    const char* what;
  };
  // RC4 (the Windows 7/8 SAM) is asked when used: wine 8's bcrypt lacks it
  // (STATUS_NOT_IMPLEMENTED) while the AES-era SAM still decrypts there.
  for (Named a : {Named{BCRYPT_DES_ALGORITHM, "DES from CNG"}, Named{BCRYPT_AES_ALGORITHM, "AES from CNG"},
                  Named{BCRYPT_MD5_ALGORITHM, "MD5 from CNG"}}) {
    Alg alg;
    NTSTATUS s = BCryptOpenAlgorithmProvider(&alg.h, a.id, nullptr, 0);
    if (!ok(s)) return fail(why, a.what, s);
  }
  return true;
}

bool md5(std::string_view data, SecretBytes& out, std::string* why) {
  return hash(BCRYPT_MD5_ALGORITHM, data, out, why);
}
bool sha256(std::string_view data, SecretBytes& out, std::string* why) {
  return hash(BCRYPT_SHA256_ALGORITHM, data, out, why);
}

bool cipher(Cipher c, bool encrypt, std::string_view key, std::string_view iv, std::string_view data, SecretBytes& out,
            std::string* why) {
  LPCWSTR name = c == Cipher::rc4       ? BCRYPT_RC4_ALGORITHM
                 : c == Cipher::des_ecb ? BCRYPT_DES_ALGORITHM
                                        : BCRYPT_AES_ALGORITHM;
  const char* what = c == Cipher::rc4 ? "RC4 from CNG" : c == Cipher::des_ecb ? "DES from CNG" : "AES from CNG";
  Alg alg;
  NTSTATUS s = BCryptOpenAlgorithmProvider(&alg.h, name, nullptr, 0);
  if (!ok(s)) return fail(why, what, s);
  if (c != Cipher::rc4) {
    const wchar_t* mode = c == Cipher::des_ecb ? BCRYPT_CHAIN_MODE_ECB : BCRYPT_CHAIN_MODE_CBC;
    s = BCryptSetProperty(alg.h, BCRYPT_CHAINING_MODE, reinterpret_cast<PUCHAR>(const_cast<wchar_t*>(mode)),
                          static_cast<ULONG>((wcslen(mode) + 1) * sizeof(wchar_t)), 0);
    if (!ok(s)) return fail(why, "setting the chaining mode", s);
  }
  BCRYPT_KEY_HANDLE k = nullptr;
  s = BCryptGenerateSymmetricKey(alg.h, &k, nullptr, 0, reinterpret_cast<PUCHAR>(const_cast<char*>(key.data())),
                                 static_cast<ULONG>(key.size()), 0);
  if (!ok(s)) return fail(why, "making the key", s);
  SecretBytes iv_copy(iv.size());
  if (!iv.empty()) std::copy(iv.begin(), iv.end(), iv_copy.data());
  PUCHAR ivp = c == Cipher::aes128_cbc && !iv.empty() ? reinterpret_cast<PUCHAR>(iv_copy.data()) : nullptr;
  ULONG ivn = ivp ? static_cast<ULONG>(iv_copy.size()) : 0;
  SecretBytes result(data.size());
  ULONG n = 0;
  auto in = reinterpret_cast<PUCHAR>(const_cast<char*>(data.data()));
  auto len = static_cast<ULONG>(data.size());
  s = encrypt ? BCryptEncrypt(k, in, len, nullptr, ivp, ivn, reinterpret_cast<PUCHAR>(result.data()), len, &n, 0)
              : BCryptDecrypt(k, in, len, nullptr, ivp, ivn, reinterpret_cast<PUCHAR>(result.data()), len, &n, 0);
  BCryptDestroyKey(k);
  if (!ok(s)) return fail(why, encrypt ? "encrypting" : "decrypting", s);
  result.resize(n);
  out = std::move(result);
  return true;
}

bool equal(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  unsigned char d = 0;
  for (std::size_t i = 0; i < a.size(); ++i) d |= static_cast<unsigned char>(a[i] ^ b[i]);
  return d == 0;
}

}  // namespace sc::crypto
