// SHA-256 and HMAC-SHA256 for the Linux build, on OpenSSL's libcrypto (the
// Windows build uses CNG in digest_win32.cpp). Used by the findings seal and
// the rules digest.
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "agent/core/digest.hpp"
#include "agent/core/errors.hpp"

namespace sc {

static std::string hex(const unsigned char* p, unsigned n) {
  static const char* d = "0123456789abcdef";
  std::string s;
  for (unsigned i = 0; i < n; ++i) {
    s += d[p[i] >> 4];
    s += d[p[i] & 15];
  }
  return s;
}

std::string sha256_hex(std::string_view data) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned n = 0;
  if (EVP_Digest(data.data(), data.size(), md, &n, EVP_sha256(), nullptr) != 1)
    throw OutputError("SHA-256 failed (libcrypto)");
  return hex(md, n);
}

std::string hmac_sha256_hex(std::string_view key, std::string_view data) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned n = 0;
  if (!HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()), reinterpret_cast<const unsigned char*>(data.data()),
            data.size(), md, &n))
    throw OutputError("HMAC-SHA256 failed (libcrypto)");
  return hex(md, n);
}

}  // namespace sc
