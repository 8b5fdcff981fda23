// The SAM hive's account records, as pure functions over value bytes: a
// user's `F` (RID, account flags, last logon, last password set) and `V`
// (name, where the NT hash entry lies), the domain's `Domains\Account\F`
// (password policy and the encrypted SAM key), and the boot key from the
// class names of SYSTEM `Control\Lsa\{JD,Skew1,GBG,Data}`. Layouts as read by
// impacket's secretsdump (SAMHashes: USER_ACCOUNT_V, DOMAIN_ACCOUNT_F,
// SAM_KEY_DATA, SAM_KEY_DATA_AES, SAM_HASH, SAM_HASH_AES) and dissect.target
// (plugins/os/windows/credential/sam.py: user_F, user_V).
//
// `nt_hash_is_empty` is the only function that decrypts: it takes the bytes,
// decides whether the stored NT hash is the hash of the empty password, and
// returns a verdict — no key or hash byte leaves it, and its buffers are
// wiped.
#pragma once
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "agent/core/time.hpp"

namespace sc {

// samsrv ACB bits (user F offset 0x38).
inline constexpr std::uint16_t kAcbDisabled = 0x0001;
inline constexpr std::uint16_t kAcbPasswordNotRequired = 0x0004;
inline constexpr std::uint16_t kAcbNormal = 0x0010;
inline constexpr std::uint16_t kAcbPasswordNeverExpires = 0x0200;

struct SamUserF {
  std::uint32_t rid = 0;
  std::uint16_t flags = 0;
  std::optional<Time> last_logon;         // 0x08
  std::optional<Time> password_last_set;  // 0x18
  bool disabled() const { return (flags & kAcbDisabled) != 0; }
  bool password_never_expires() const { return (flags & kAcbPasswordNeverExpires) != 0; }
};
// nullopt (with `why`) when shorter than the 0x3a bytes it needs.
std::optional<SamUserF> parse_sam_user_f(std::string_view f, std::string* why = nullptr);

enum class NtEntry { none, stored };  // none: the entry holds no hash (a blank password)

struct SamUserV {
  std::string name;       // UTF-8
  std::string full_name;  // UTF-8
  NtEntry nt = NtEntry::none;
  // Where the NT hash entry lies in V (absolute offset, length): the bytes
  // themselves are never copied out of V.
  std::uint32_t nt_offset = 0, nt_length = 0;
};
// nullopt (with `why`) when the header is short or the name lies outside V.
std::optional<SamUserV> parse_sam_user_v(std::string_view v, std::string* why = nullptr);

struct SamDomainF {
  std::uint16_t revision = 0;
  // Maximum password age; nullopt = passwords never expire.
  std::optional<std::int64_t> max_password_age_days;
  std::uint16_t min_password_length = 0;
  std::uint32_t key_revision = 0;  // 1: RC4 (Windows 7/8), 2: AES (Windows 10 1607+); 0: none
};
std::optional<SamDomainF> parse_sam_domain_f(std::string_view f, std::string* why = nullptr);

// The four class names (8 hex digits each, in the order JD, Skew1, GBG, Data)
// → the 16-byte boot key, unscrambled. nullopt on anything else.
std::optional<std::array<unsigned char, 16>> boot_key_from_lsa_classes(const std::string& jd, const std::string& skew1,
                                                                       const std::string& gbg, const std::string& data);

enum class EmptyCheck {
  empty,         // the stored NT hash is the empty password's
  not_empty,     // a real password
  no_hash,       // the entry stores no hash at all (blank)
  key_mismatch,  // the boot key does not decrypt this SAM (SYSTEM from another machine, or damaged)
  unsupported,   // a layout this code does not know
  unavailable,   // the crypto primitives are not available on this build
};
std::string_view to_string(EmptyCheck c);

// Decides whether user `rid`'s password is empty from the boot key, the
// domain F and the user's V. Keeps nothing; `why` gets a reason without any
// key or hash byte.
EmptyCheck nt_hash_is_empty(const std::array<unsigned char, 16>& boot_key, std::string_view domain_f, std::uint32_t rid,
                            std::string_view user_v, std::string* why = nullptr);

}  // namespace sc
