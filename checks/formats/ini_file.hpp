// INI-like configuration files as three programs read them: GLib's GKeyFile
// (GDM, LightDM: '#' comments only at line start), SDDM's own reader ('#'
// starts a comment anywhere on the line) and systemd unit files ('#' and ';'
// comments, backslash continuation, repeated keys). Pure: text in, entries out;
// merging several files in the order the program reads them is IniSettings.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sc {

enum class IniDialect { gkeyfile, sddm, systemd };

struct IniEntry {
  std::string section;  // "" before the first [section]
  std::string key;
  std::string value;  // trimmed of surrounding whitespace
  int line = 0;       // 1-based
};

struct IniFile {
  std::vector<IniEntry> entries;  // in file order; repeated keys kept
  int malformed = 0;              // lines that are neither comment, section nor key=value
};

// Survives any bytes; lines longer than 64 KiB are counted malformed.
IniFile parse_ini(std::string_view text, IniDialect dialect);

// Settings merged over files: a later file (or later line) replaces a key.
class IniSettings {
 public:
  struct Value {
    std::string value;
    std::string file;
    int line = 0;
  };
  // `rename` maps a section name before merging (LightDM: SeatDefaults → Seat:*).
  void apply(const IniFile& file, const std::string& source, const std::map<std::string, std::string>& rename = {});
  const Value* get(const std::string& section, const std::string& key) const;
  std::vector<std::string> sections() const;

 private:
  std::map<std::string, std::map<std::string, Value>> values_;
};

}  // namespace sc
