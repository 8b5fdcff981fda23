// SHA-256 and HMAC-SHA256 as lower-case hex, the one crypto interface of the
// project. Backends by build platform: agent/host/digest_posix.cpp (OpenSSL),
// agent/host/digest_win32.cpp (CNG). Throw OutputError when the library fails.
#pragma once
#include <string>
#include <string_view>

namespace sc {

std::string sha256_hex(std::string_view data);
std::string hmac_sha256_hex(std::string_view key, std::string_view data);

}  // namespace sc
