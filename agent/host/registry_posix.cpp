// The registry facade on the Linux build: the audited root's hive files
// through libhivex (registry_hivex.cpp) — there is no live registry.
#include "agent/host/readers.hpp"

namespace sc {

std::unique_ptr<Registry> make_registry(const Host& host) { return make_hive_registry(host); }

}  // namespace sc
