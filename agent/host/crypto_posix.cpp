// The SAM primitives for the Linux build on OpenSSL 3's EVP. RC4 and DES are
// in the legacy provider (checked on Debian 12, OpenSSL 3.0: EVP_rc4() fails
// with the default provider alone), so both providers are loaded into a
// private OSSL_LIB_CTX, leaving the process-wide default untouched.
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/provider.h>

#include <mutex>

#include "agent/core/crypto.hpp"

namespace sc::crypto {

namespace {

struct Ctx {
  OSSL_LIB_CTX* lib = nullptr;
  std::string error;
};

const Ctx& ctx() {
  static Ctx c;
  static std::once_flag once;
  std::call_once(once, [] {
    c.lib = OSSL_LIB_CTX_new();
    if (!c.lib) {
      c.error = "OpenSSL: cannot create a library context";
      return;
    }
    if (!OSSL_PROVIDER_load(c.lib, "default") || !OSSL_PROVIDER_load(c.lib, "legacy"))
      c.error = "OpenSSL's legacy provider (RC4, DES) is not installed";
  });
  return c;
}

bool fail(std::string* why, const char* what) {
  if (why) *why = what;
  return false;
}

bool digest(const char* name, std::string_view data, SecretBytes& out, std::string* why) {
  const Ctx& c = ctx();
  if (!c.lib) return fail(why, c.error.c_str());
  EVP_MD* md = EVP_MD_fetch(c.lib, name, nullptr);
  if (!md) return fail(why, "OpenSSL: digest not available");
  out.resize(static_cast<std::size_t>(EVP_MD_get_size(md)));
  unsigned n = 0;
  bool ok = EVP_Digest(data.data(), data.size(), reinterpret_cast<unsigned char*>(out.data()), &n, md, nullptr) == 1;
  EVP_MD_free(md);
  if (!ok) return fail(why, "OpenSSL: digest failed");
  return true;
}

}  // namespace

bool available(std::string* why) {
  const Ctx& c = ctx();
  if (!c.error.empty()) return fail(why, c.error.c_str());
  return true;
}

bool md5(std::string_view data, SecretBytes& out, std::string* why) { return digest("MD5", data, out, why); }
bool sha256(std::string_view data, SecretBytes& out, std::string* why) { return digest("SHA256", data, out, why); }

bool cipher(Cipher k, bool encrypt, std::string_view key, std::string_view iv, std::string_view data, SecretBytes& out,
            std::string* why) {
  const Ctx& c = ctx();
  if (!c.error.empty()) return fail(why, c.error.c_str());
  const char* name = k == Cipher::rc4 ? "RC4" : k == Cipher::des_ecb ? "DES-ECB" : "AES-128-CBC";
  if (k == Cipher::des_ecb && (key.size() != 8 || data.size() % 8 != 0)) return fail(why, "DES: bad key or length");
  if (k == Cipher::aes128_cbc && (key.size() != 16 || iv.size() != 16 || data.size() % 16 != 0))
    return fail(why, "AES: bad key, IV or length");
  if (k == Cipher::rc4 && key.empty()) return fail(why, "RC4: empty key");
  EVP_CIPHER* ci = EVP_CIPHER_fetch(c.lib, name, nullptr);
  if (!ci) return fail(why, "OpenSSL: cipher not available");
  EVP_CIPHER_CTX* cx = EVP_CIPHER_CTX_new();
  bool ok = cx && EVP_CipherInit_ex2(cx, ci, nullptr, nullptr, encrypt ? 1 : 0, nullptr) == 1;
  if (ok && k == Cipher::rc4) ok = EVP_CIPHER_CTX_set_key_length(cx, static_cast<int>(key.size())) == 1;
  ok = ok &&
       EVP_CipherInit_ex2(cx, nullptr, reinterpret_cast<const unsigned char*>(key.data()),
                          iv.empty() ? nullptr : reinterpret_cast<const unsigned char*>(iv.data()), -1, nullptr) == 1;
  ok = ok && EVP_CIPHER_CTX_set_padding(cx, 0) == 1;
  out.resize(data.size() + 32);
  int n1 = 0, n2 = 0;
  ok = ok && EVP_CipherUpdate(cx, reinterpret_cast<unsigned char*>(out.data()), &n1,
                              reinterpret_cast<const unsigned char*>(data.data()), static_cast<int>(data.size())) == 1;
  ok = ok && EVP_CipherFinal_ex(cx, reinterpret_cast<unsigned char*>(out.data()) + n1, &n2) == 1;
  EVP_CIPHER_CTX_free(cx);
  EVP_CIPHER_free(ci);
  if (!ok) {
    out.wipe();
    return fail(why, "OpenSSL: cipher failed");
  }
  SecretBytes exact(static_cast<std::size_t>(n1 + n2));
  std::copy(out.data(), out.data() + n1 + n2, exact.data());
  out = std::move(exact);
  return true;
}

bool equal(std::string_view a, std::string_view b) {
  return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace sc::crypto
