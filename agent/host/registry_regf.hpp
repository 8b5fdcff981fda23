// The registry facade over hive files read with libyal's libregf: the Windows
// build's reader for offline roots (hivex cannot be cross-built from Debian's
// sources; libregf is Debian's other hive reader), also built on Linux so the
// same tests run on both offline backends. Backend-internal.
#pragma once
#include <memory>

#include "agent/core/registry.hpp"

namespace sc {

class Host;

// Hive files under <root>/Windows/System32/config and <root>/Users/*/NTUSER.DAT,
// found, resolved and bounded exactly as make_hive_registry (registry_files.hpp).
std::unique_ptr<Registry> make_regf_registry(const Host& host);

}  // namespace sc
