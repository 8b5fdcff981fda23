// SAM account records and the empty-password test (see sam.hpp for the
// sources of the layouts).
#include "checks/formats/sam.hpp"

#include <fmt/format.h>

#include "agent/core/crypto.hpp"

namespace sc {

namespace {

std::uint16_t u16(std::string_view b, std::size_t at) {
  return static_cast<std::uint16_t>(static_cast<unsigned char>(b[at]) | static_cast<unsigned char>(b[at + 1]) << 8);
}
std::uint32_t u32(std::string_view b, std::size_t at) {
  return static_cast<std::uint32_t>(u16(b, at)) | static_cast<std::uint32_t>(u16(b, at + 2)) << 16;
}
std::uint64_t u64(std::string_view b, std::size_t at) {
  return static_cast<std::uint64_t>(u32(b, at)) | static_cast<std::uint64_t>(u32(b, at + 4)) << 32;
}

bool fail(std::string* why, std::string text) {
  if (why) *why = std::move(text);
  return false;
}

// FILETIME → Time; nullopt for 0, "never" (0x7fff…) and out-of-range values.
std::optional<Time> filetime(std::uint64_t ft) {
  constexpr std::uint64_t kEpochDiff = 116444736000000000ULL;  // 1601 → 1970 in 100 ns
  if (ft <= kEpochDiff || ft >= 0x7fffffffffffffffULL) return std::nullopt;
  std::uint64_t secs = (ft - kEpochDiff) / 10000000ULL;
  if (secs > 253402300799ULL) return std::nullopt;  // after 9999-12-31
  return Time{std::chrono::seconds(static_cast<std::int64_t>(secs))};
}

// UTF-16LE → UTF-8; unpaired surrogates become U+FFFD.
std::string utf16(std::string_view b) {
  std::string out;
  auto put = [&](std::uint32_t c) {
    if (c < 0x80) {
      out += static_cast<char>(c);
    } else if (c < 0x800) {
      out += static_cast<char>(0xc0 | c >> 6);
      out += static_cast<char>(0x80 | (c & 0x3f));
    } else if (c < 0x10000) {
      out += static_cast<char>(0xe0 | c >> 12);
      out += static_cast<char>(0x80 | (c >> 6 & 0x3f));
      out += static_cast<char>(0x80 | (c & 0x3f));
    } else {
      out += static_cast<char>(0xf0 | c >> 18);
      out += static_cast<char>(0x80 | (c >> 12 & 0x3f));
      out += static_cast<char>(0x80 | (c >> 6 & 0x3f));
      out += static_cast<char>(0x80 | (c & 0x3f));
    }
  };
  for (std::size_t i = 0; i + 1 < b.size(); i += 2) {
    std::uint32_t c = u16(b, i);
    if (c >= 0xd800 && c < 0xdc00 && i + 3 < b.size() && u16(b, i + 2) >= 0xdc00 && u16(b, i + 2) < 0xe000) {
      c = 0x10000 + ((c - 0xd800) << 10) + (u16(b, i + 2) - 0xdc00);
      i += 2;
    } else if (c >= 0xd800 && c < 0xe000) {
      c = 0xfffd;
    }
    put(c);
  }
  return out;
}

// V: a 0xcc-byte table of (offset, length, unknown) triples, offsets relative
// to 0xcc. Name at 0x0c, full name at 0x18, LM entry at 0x9c, NT entry at 0xa8.
constexpr std::size_t kVData = 0xcc;

std::optional<std::string_view> v_field(std::string_view v, std::size_t at, std::uint32_t* off = nullptr,
                                        std::uint32_t* len = nullptr) {
  std::uint64_t o = u32(v, at), l = u32(v, at + 4);
  if (kVData + o + l > v.size()) return std::nullopt;
  if (off) *off = static_cast<std::uint32_t>(kVData + o);
  if (len) *len = static_cast<std::uint32_t>(l);
  return v.substr(kVData + o, l);
}

// The NT entry stores no hash: RC4-era entries are a 4-byte header (+16 bytes
// of hash); AES-era ones a 24-byte header (pek id, revision, data offset,
// salt) followed by the encrypted hash (secretsdump: "if len(...) > 24 …").
bool entry_is_empty(std::string_view e) {
  if (e.size() <= 4) return true;
  std::uint16_t rev = u16(e, 2);
  if (rev == 2) return e.size() <= 24;
  return false;
}

// The 7 bytes of the RID key schedule → an 8-byte DES key (parity bits
// unused): the SAM's own expansion (secretsdump transformKey).
std::string des_key(const unsigned char k[7]) {
  std::string s(8, '\0');
  s[0] = static_cast<char>(k[0] >> 1);
  s[1] = static_cast<char>(((k[0] & 0x01) << 6) | (k[1] >> 2));
  s[2] = static_cast<char>(((k[1] & 0x03) << 5) | (k[2] >> 3));
  s[3] = static_cast<char>(((k[2] & 0x07) << 4) | (k[3] >> 4));
  s[4] = static_cast<char>(((k[3] & 0x0f) << 3) | (k[4] >> 5));
  s[5] = static_cast<char>(((k[4] & 0x1f) << 2) | (k[5] >> 6));
  s[6] = static_cast<char>(((k[5] & 0x3f) << 1) | (k[6] >> 7));
  s[7] = static_cast<char>(k[6] & 0x7f);
  for (auto& c : s) c = static_cast<char>(static_cast<unsigned char>(c) << 1);
  return s;
}

constexpr std::string_view kQwerty{"!@#$%^&*()qwertyUIOPAzxcvbnmQQQQQQQQQQQQ)(*@&%\0", 47};
constexpr std::string_view kDigits{"0123456789012345678901234567890123456789\0", 41};
constexpr std::string_view kNtPassword{"NTPASSWORD\0", 11};
// MD4 of the empty UTF-16 string: the NT hash of a blank password.
constexpr unsigned char kEmptyNt[16] = {0x31, 0xd6, 0xcf, 0xe0, 0xd1, 0x6a, 0xe9, 0x31,
                                        0xb7, 0x3c, 0x59, 0xd7, 0xe0, 0xc0, 0x89, 0xc0};

}  // namespace

std::optional<SamUserF> parse_sam_user_f(std::string_view f, std::string* why) {
  if (f.size() < 0x3a) {
    fail(why, fmt::format("user F value is {} bytes, expected at least 58", f.size()));
    return std::nullopt;
  }
  SamUserF u;
  u.last_logon = filetime(u64(f, 0x08));
  u.password_last_set = filetime(u64(f, 0x18));
  u.rid = u32(f, 0x30);
  u.flags = u16(f, 0x38);
  return u;
}

std::optional<SamUserV> parse_sam_user_v(std::string_view v, std::string* why) {
  if (v.size() < kVData) {
    fail(why, fmt::format("user V value is {} bytes, expected at least 204", v.size()));
    return std::nullopt;
  }
  SamUserV u;
  auto name = v_field(v, 0x0c);
  if (!name) {
    fail(why, "user V: the name lies outside the value");
    return std::nullopt;
  }
  u.name = utf16(*name);
  if (auto full = v_field(v, 0x18)) u.full_name = utf16(*full);
  auto nt = v_field(v, 0xa8, &u.nt_offset, &u.nt_length);
  if (!nt) {
    fail(why, "user V: the NT hash entry lies outside the value");
    return std::nullopt;
  }
  u.nt = entry_is_empty(*nt) ? NtEntry::none : NtEntry::stored;
  return u;
}

std::optional<SamDomainF> parse_sam_domain_f(std::string_view f, std::string* why) {
  if (f.size() < 0x68) {
    fail(why, fmt::format("domain F value is {} bytes, expected at least 104", f.size()));
    return std::nullopt;
  }
  SamDomainF d;
  d.revision = u16(f, 0);
  // A negative interval in 100 ns; 0x8000000000000000 (and 0) mean "never".
  auto age = static_cast<std::int64_t>(u64(f, 0x18));
  if (age < 0 && age != INT64_MIN) d.max_password_age_days = (-age) / 10000000 / 86400;
  d.min_password_length = u16(f, 0x50);
  if (f.size() >= 0x6c) d.key_revision = u32(f, 0x68);
  return d;
}

std::optional<std::array<unsigned char, 16>> boot_key_from_lsa_classes(const std::string& jd, const std::string& skew1,
                                                                       const std::string& gbg,
                                                                       const std::string& data) {
  std::string hex = jd + skew1 + gbg + data;
  if (jd.size() != 8 || skew1.size() != 8 || gbg.size() != 8 || data.size() != 8) return std::nullopt;
  std::array<unsigned char, 16> scrambled{};
  for (std::size_t i = 0; i < 16; ++i) {
    int v = 0;
    for (int k = 0; k < 2; ++k) {
      char c = hex[2 * i + static_cast<std::size_t>(k)];
      int d = c >= '0' && c <= '9'   ? c - '0'
              : c >= 'a' && c <= 'f' ? c - 'a' + 10
              : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                     : -1;
      if (d < 0) return std::nullopt;
      v = v * 16 + d;
    }
    scrambled[i] = static_cast<unsigned char>(v);
  }
  // The permutation of secretsdump getBootKey / regipy bootkey.
  static constexpr int kPerm[16] = {8, 5, 4, 2, 11, 9, 13, 3, 0, 6, 1, 12, 14, 10, 15, 7};
  std::array<unsigned char, 16> key{};
  for (std::size_t i = 0; i < 16; ++i) key[i] = scrambled[static_cast<std::size_t>(kPerm[i])];
  scrambled.fill(0);
  return key;
}

std::string_view to_string(EmptyCheck c) {
  switch (c) {
    case EmptyCheck::empty:
      return "empty";
    case EmptyCheck::not_empty:
      return "not_empty";
    case EmptyCheck::no_hash:
      return "no_hash";
    case EmptyCheck::key_mismatch:
      return "key_mismatch";
    case EmptyCheck::unsupported:
      return "unsupported";
    case EmptyCheck::unavailable:
      return "unavailable";
  }
  return "?";
}

EmptyCheck nt_hash_is_empty(const std::array<unsigned char, 16>& boot_key, std::string_view domain_f, std::uint32_t rid,
                            std::string_view user_v, std::string* why) {
  using crypto::Cipher;
  using crypto::SecretBytes;
  auto parsed = parse_sam_user_v(user_v, why);
  if (!parsed) return EmptyCheck::unsupported;
  if (parsed->nt == NtEntry::none) return EmptyCheck::no_hash;
  std::string_view entry = user_v.substr(parsed->nt_offset, parsed->nt_length);
  std::string err;
  if (!crypto::available(&err)) {
    fail(why, err);
    return EmptyCheck::unavailable;
  }
  if (domain_f.size() < 0x70) {
    fail(why, "domain F holds no SAM key");
    return EmptyCheck::unsupported;
  }
  std::string_view bk(reinterpret_cast<const char*>(boot_key.data()), boot_key.size());
  std::uint32_t key_rev = u32(domain_f, 0x68);

  // 1. The SAM key ("hashed boot key") from domain F, checked by its checksum.
  SecretBytes sam_key;
  if (key_rev == 1) {  // SAM_KEY_DATA at 0x68: revision, length, salt[16], key[16], checksum[16]
    if (domain_f.size() < 0xa0) return fail(why, "domain F: short SAM key"), EmptyCheck::unsupported;
    SecretBytes rc4key, plain, check;
    std::string s;
    s.reserve(128);
    s.append(domain_f.substr(0x70, 16)).append(kQwerty).append(bk).append(kDigits);
    bool ok = crypto::md5(s, rc4key, &err);
    std::fill(s.begin(), s.end(), '\0');
    s.clear();
    ok = ok && crypto::cipher(Cipher::rc4, false, rc4key.view(), {}, domain_f.substr(0x80, 32), plain, &err);
    if (!ok) return fail(why, err), EmptyCheck::unavailable;
    sam_key = SecretBytes(16);
    std::copy(plain.data(), plain.data() + 16, sam_key.data());
    s.append(sam_key.view()).append(kDigits).append(sam_key.view()).append(kQwerty);
    ok = crypto::md5(s, check, &err);
    std::fill(s.begin(), s.end(), '\0');
    s.clear();
    if (!ok) return fail(why, err), EmptyCheck::unavailable;
    if (!crypto::equal(check.view(), plain.view().substr(16, 16))) {
      fail(why, "the boot key from SYSTEM does not decrypt this SAM (checksum mismatch)");
      return EmptyCheck::key_mismatch;
    }
  } else if (key_rev == 2) {  // SAM_KEY_DATA_AES: revision, length, checksum_len, data_len, salt[16], data
    if (domain_f.size() < 0x88) return fail(why, "domain F: short SAM key"), EmptyCheck::unsupported;
    std::uint32_t check_len = u32(domain_f, 0x70), data_len = u32(domain_f, 0x74);
    if (data_len < 16 || data_len % 16 || check_len < 32 || check_len % 16 || check_len > 64 || data_len > 64 ||
        0x88ULL + data_len + check_len > domain_f.size())
      return fail(why, "domain F: bad AES SAM key lengths"), EmptyCheck::unsupported;
    std::string_view salt = domain_f.substr(0x78, 16);
    SecretBytes plain, check, digest;
    bool ok =
        crypto::cipher(Cipher::aes128_cbc, false, bk, salt, domain_f.substr(0x88, data_len), plain, &err) &&
        crypto::cipher(Cipher::aes128_cbc, false, bk, salt, domain_f.substr(0x88 + data_len, check_len), check, &err);
    if (!ok) return fail(why, err), EmptyCheck::unavailable;
    sam_key = SecretBytes(16);
    std::copy(plain.data(), plain.data() + 16, sam_key.data());
    if (!crypto::sha256(sam_key.view(), digest, &err)) return fail(why, err), EmptyCheck::unavailable;
    if (!crypto::equal(digest.view(), check.view().substr(0, 32))) {
      fail(why, "the boot key from SYSTEM does not decrypt this SAM (checksum mismatch)");
      return EmptyCheck::key_mismatch;
    }
  } else {
    fail(why, fmt::format("unknown SAM key revision {}", key_rev));
    return EmptyCheck::unsupported;
  }

  // 2. The user's obfuscated hash from the NT entry.
  SecretBytes obf;
  std::uint16_t hash_rev = u16(entry, 2);
  if (hash_rev == 1 && key_rev == 1) {  // SAM_HASH: pek id, revision, hash[16] under RC4(MD5(key, rid, "NTPASSWORD"))
    if (entry.size() < 20) return fail(why, "short NT hash entry"), EmptyCheck::unsupported;
    std::string s;
    s.append(sam_key.view());
    for (int i = 0; i < 4; ++i) s += static_cast<char>(rid >> (8 * i) & 0xff);
    s.append(kNtPassword);
    SecretBytes rc4key, out;
    bool ok = crypto::md5(s, rc4key, &err);
    std::fill(s.begin(), s.end(), '\0');
    s.clear();
    if (!ok || !crypto::cipher(Cipher::rc4, false, rc4key.view(), {}, entry.substr(4, 16), obf, &err))
      return fail(why, err), EmptyCheck::unavailable;
  } else if (hash_rev == 2 && key_rev == 2) {  // SAM_HASH_AES: pek id, revision, data offset, salt[16], data
    std::size_t n = entry.size() - 24;
    if (n < 16 || n % 16) return fail(why, "bad AES NT hash entry length"), EmptyCheck::unsupported;
    if (!crypto::cipher(Cipher::aes128_cbc, false, sam_key.view(), entry.substr(8, 16), entry.substr(24, n), obf, &err))
      return fail(why, err), EmptyCheck::unavailable;
  } else {
    fail(why, fmt::format("NT hash revision {} with SAM key revision {}", hash_rev, key_rev));
    return EmptyCheck::unsupported;
  }

  // 3. The DES layer keyed from the RID, then the comparison.
  unsigned char r[4] = {static_cast<unsigned char>(rid), static_cast<unsigned char>(rid >> 8),
                        static_cast<unsigned char>(rid >> 16), static_cast<unsigned char>(rid >> 24)};
  const unsigned char k1[7] = {r[0], r[1], r[2], r[3], r[0], r[1], r[2]};
  const unsigned char k2[7] = {r[3], r[0], r[1], r[2], r[3], r[0], r[1]};
  SecretBytes h1, h2;
  std::string d1 = des_key(k1), d2 = des_key(k2);
  bool ok = crypto::cipher(Cipher::des_ecb, false, d1, {}, obf.view().substr(0, 8), h1, &err) &&
            crypto::cipher(Cipher::des_ecb, false, d2, {}, obf.view().substr(8, 8), h2, &err);
  if (!ok) return fail(why, err), EmptyCheck::unavailable;
  std::string_view empty(reinterpret_cast<const char*>(kEmptyNt), 16);
  bool is_empty = crypto::equal(h1.view(), empty.substr(0, 8)) && crypto::equal(h2.view(), empty.substr(8, 8));
  return is_empty ? EmptyCheck::empty : EmptyCheck::not_empty;
}

}  // namespace sc
