// The SAM primitives on the Windows build: not available yet (a CNG/BCrypt
// backend would go here). Every call says so, and the offline SAM check
// turns that into an `unknown` finding; the live check there uses
// LogonUserW instead and does not need these.
#include "agent/core/crypto.hpp"

namespace sc::crypto {

namespace {
constexpr const char* kWhy = "decrypting the SAM is not available on this build";
bool no(std::string* why) {
  if (why) *why = kWhy;
  return false;
}
}  // namespace

bool available(std::string* why) { return no(why); }
bool md5(std::string_view, SecretBytes&, std::string* why) { return no(why); }
bool sha256(std::string_view, SecretBytes&, std::string* why) { return no(why); }
bool cipher(Cipher, bool, std::string_view, std::string_view, std::string_view, SecretBytes&, std::string* why) {
  return no(why);
}
bool equal(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  unsigned char d = 0;
  for (std::size_t i = 0; i < a.size(); ++i) d |= static_cast<unsigned char>(a[i] ^ b[i]);
  return d == 0;
}

}  // namespace sc::crypto
