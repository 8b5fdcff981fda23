// Shared by the Windows antivirus gatherer (windows.cpp) and its signature
// reader (windows_signatures.cpp): where a rules path lives under the root,
// and the signature recipe of one product.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "agent/core/host.hpp"
#include "agent/core/registry.hpp"
#include "checks/antivirus/facts.hpp"

namespace sc {

// '%ProgramFiles%\Huorong\Sysdiag' → the stored paths under the root that
// match it (components compared case-insensitively as on NTFS; glob
// components "*", "?", "[...]" and "{*}" enumerate). Empty when nothing
// matches or the placeholder is unknown. Bounded.
std::vector<std::string> win_expand_path(const Host& host, std::string_view rules_path);

// The registry keys a rules key stands for: itself, and for HKLM\SOFTWARE\…
// also HKLM\SOFTWARE\WOW6432Node\… (32-bit products); "*" components
// enumerate subkeys. Keys that do not exist are left out; `errors` gets why a
// hive could not be read.
std::vector<std::string> win_expand_key(const Registry& reg, std::string_view key, std::vector<std::string>* errors);

// The product's signature date from its `windows.signatures` recipe.
AvSignatureFact windows_signatures(const Host& host, const Registry& reg, const AvWindowsRecipe& recipe);

}  // namespace sc
