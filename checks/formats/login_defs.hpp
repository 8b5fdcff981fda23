// /etc/login.defs as shadow-utils' getdef reads it: "NAME value" lines, '#'
// comments, optional double quotes, numbers in C notation (0x.., 0..).
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace sc {

struct LoginDefs {
  std::map<std::string, std::string> values;  // a later line replaces an earlier one
  // The number under `key`, nullopt when absent or not a number.
  std::optional<std::int64_t> number(const std::string& key) const;
};

// Survives any bytes.
LoginDefs parse_login_defs(std::string_view text);

}  // namespace sc
