// The legacy primitives the offline SAM check needs (MD5, SHA-256, RC4,
// DES-ECB, AES-128-CBC), behind one seam like digest.hpp: the Linux build
// uses OpenSSL's EVP (agent/host/crypto_posix.cpp; RC4 and DES live in
// OpenSSL 3's legacy provider, loaded into a private library context), the
// Windows build a stub that says the check is not available there
// (agent/host/crypto_win32.cpp). Nothing here keeps a key: results are
// SecretBytes, wiped when they go out of scope.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

namespace sc::crypto {

// A buffer of secret bytes, overwritten with zeros on destruction and never
// copied (move-only).
class SecretBytes {
 public:
  SecretBytes() = default;
  explicit SecretBytes(std::size_t n) : b_(n, '\0') {}
  SecretBytes(const SecretBytes&) = delete;
  SecretBytes& operator=(const SecretBytes&) = delete;
  SecretBytes(SecretBytes&& o) noexcept : b_(std::move(o.b_)) { o.wipe(); }
  SecretBytes& operator=(SecretBytes&& o) noexcept {
    wipe();
    b_ = std::move(o.b_);
    o.wipe();
    return *this;
  }
  ~SecretBytes() { wipe(); }

  std::string_view view() const { return b_; }
  char* data() { return b_.data(); }
  std::size_t size() const { return b_.size(); }
  void resize(std::size_t n) { b_.resize(n, '\0'); }
  void wipe() {
    volatile char* p = b_.data();
    for (std::size_t i = 0; i < b_.size(); ++i) p[i] = 0;
    b_.clear();
  }

 private:
  std::string b_;
};

enum class Cipher { rc4, des_ecb, aes128_cbc };

// Whether this build can run the primitives; `why` says why not
// ("RC4 and DES are not available on this build").
bool available(std::string* why);

// `out` receives the digest; false (with `why`) when the library fails.
bool md5(std::string_view data, SecretBytes& out, std::string* why);
bool sha256(std::string_view data, SecretBytes& out, std::string* why);

// No padding: DES and AES need whole blocks. `iv` only for aes128_cbc (16
// bytes); key sizes: RC4 any, DES 8, AES 16.
bool cipher(Cipher c, bool encrypt, std::string_view key, std::string_view iv, std::string_view data, SecretBytes& out,
            std::string* why);

// Equal bytes, in time that does not depend on where they differ.
bool equal(std::string_view a, std::string_view b);

}  // namespace sc::crypto
