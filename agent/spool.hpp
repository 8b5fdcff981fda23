// The agent's spool (config `spool`, default /var/lib/selfcheck): scheduled
// scans keep their findings files in <spool>/results/, newest `spool_keep`.
#pragma once
#include <filesystem>
#include <optional>
#include <string_view>

#include "agent/core/config.hpp"
#include "agent/core/host.hpp"
#include "agent/document.hpp"

namespace sc {

std::filesystem::path spool_results_dir(const Config& config);
// Writes `yaml` as <spool>/results/<YYYYmmddTHHMMSS±zzzz>-<hostname>.yaml atomically
// and prunes to spool_keep files. Throws OutputError.
std::filesystem::path write_to_spool(const Host& host, const Config& config, const Document& doc,
                                     std::string_view yaml);
// The newest findings file in the spool, if any.
std::optional<std::filesystem::path> newest_spooled(const Config& config);

}  // namespace sc
