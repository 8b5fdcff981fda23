// SHA-256, HMAC-SHA256 and random bytes for the Windows build with CNG
// (BCrypt, bcrypt.dll, part of Windows since Vista): the same functions the
// Linux build implements with OpenSSL libcrypto (digest_posix.cpp), so no
// OpenSSL is cross-built. API: BCryptOpenAlgorithmProvider with
// BCRYPT_ALG_HANDLE_HMAC_FLAG, BCryptCreateHash(secret = key), BCryptHashData,
// BCryptFinishHash; BCryptGenRandom with BCRYPT_USE_SYSTEM_PREFERRED_RNG.
#include <windows.h>
// windows.h first: bcrypt.h needs its types.
#include <bcrypt.h>

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "agent/core/digest.hpp"
#include "agent/core/errors.hpp"

namespace sc {

namespace {

std::string hex(const unsigned char* p, std::size_t n) {
  static const char* d = "0123456789abcdef";
  std::string s;
  for (std::size_t i = 0; i < n; ++i) {
    s += d[p[i] >> 4];
    s += d[p[i] & 15];
  }
  return s;
}

bool ok(NTSTATUS s) { return s >= 0; }

// One SHA-256 (or, with a key, HMAC-SHA256) over `data`; false on a CNG error.
bool digest(std::string_view key, bool hmac, std::string_view data, unsigned char (&out)[32]) {
  BCRYPT_ALG_HANDLE alg = nullptr;
  BCRYPT_HASH_HANDLE h = nullptr;
  bool good =
      ok(BCryptOpenAlgorithmProvider(&alg, BCRYPT_SHA256_ALGORITHM, nullptr, hmac ? BCRYPT_ALG_HANDLE_HMAC_FLAG : 0));
  if (good) {
    // CNG wants a non-null secret pointer for HMAC even when the key is empty.
    static unsigned char empty = 0;
    PUCHAR secret = hmac ? (key.empty() ? &empty : (PUCHAR)key.data()) : nullptr;
    good = ok(BCryptCreateHash(alg, &h, nullptr, 0, secret, hmac ? (ULONG)key.size() : 0, 0));
  }
  // BCryptHashData takes a ULONG length: feed large inputs in pieces.
  for (std::size_t off = 0; good && off < data.size();) {
    ULONG n = (ULONG)std::min<std::size_t>(data.size() - off, 1u << 30);
    good = ok(BCryptHashData(h, (PUCHAR)data.data() + off, n, 0));
    off += n;
  }
  if (good) good = ok(BCryptFinishHash(h, out, sizeof out, 0));
  if (h) BCryptDestroyHash(h);
  if (alg) BCryptCloseAlgorithmProvider(alg, 0);
  return good;
}

}  // namespace

std::string sha256_hex(std::string_view data) {
  unsigned char md[32];
  if (!digest({}, false, data, md)) throw OutputError("SHA-256 failed (CNG BCrypt)");
  return hex(md, sizeof md);
}

std::string hmac_sha256_hex(std::string_view key, std::string_view data) {
  unsigned char md[32];
  if (!digest(key, true, data, md)) throw OutputError("HMAC-SHA256 failed (CNG BCrypt)");
  return hex(md, sizeof md);
}

}  // namespace sc
