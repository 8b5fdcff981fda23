// Tests for agent/host/platform_win32.cpp and files_win32.cpp, run under wine64
// (issue 18): selfcheck.exe on the running Windows machine keeps its settings,
// unit key and spool under %ProgramData%\selfcheck (SHGetKnownFolderPath; the
// ProgramData variable says the same under wine), never under Linux paths
// such as /etc/selfcheck, and "/" means the system drive, not the current
// directory's drive (under wine Z:\, the Linux file system).
#include <doctest/doctest.h>
#include <io.h>
#include <windows.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "agent/core/config.hpp"
#include "agent/core/host.hpp"
#include "agent/core/platform.hpp"
#include "agent/integrity.hpp"
#include "agent/scan.hpp"
#include "agent/spool.hpp"

namespace fs = std::filesystem;
using namespace sc;

namespace {

std::wstring lower(std::wstring s) {
  for (auto& c : s) c = static_cast<wchar_t>(towlower(c));
  return s;
}

// Windows paths compare case-insensitively, separators either way.
bool same_path(const fs::path& a, const fs::path& b) {
  return lower(fs::path(a).make_preferred().wstring()) == lower(fs::path(b).make_preferred().wstring());
}

// A file written for one test case and removed after it; an existing file
// (a real installation's) is never touched.
struct ScratchFile {
  fs::path file;
  bool made = false;
  ScratchFile(const fs::path& f, const std::string& text) : file(f) {
    std::error_code ec;
    if (fs::exists(file, ec)) return;
    fs::create_directories(file.parent_path(), ec);
    std::ofstream(file, std::ios::binary) << text;
    made = true;
  }
  ~ScratchFile() {
    std::error_code ec;
    if (made) fs::remove(file, ec);
  }
};

}  // namespace

TEST_CASE("local_paths") {
  const LocalPaths& p = local_paths();
  SUBCASE("settings and spool under %ProgramData%\\selfcheck") {
    const wchar_t* env = _wgetenv(L"ProgramData");
    REQUIRE(env != nullptr);
    CHECK(same_path(p.settings, fs::path(env) / L"selfcheck"));
    CHECK(same_path(p.spool, p.settings));
    CHECK(p.settings.is_absolute());
    CHECK(p.settings.has_root_name());  // a drive, "C:"
  }
  SUBCASE("no Linux path among the defaults") {
    for (const fs::path& f : {p.settings, p.spool, default_key_file(), Config{}.spool}) {
      std::u8string u = f.generic_u8string();
      std::string t(u.begin(), u.end());
      CHECK(t.find("/etc/") == std::string::npos);
      CHECK(t.find("/var/") == std::string::npos);
    }
  }
  SUBCASE("the unit key, the spool's results") {
    CHECK(same_path(default_key_file(), p.settings / "unit.key"));
    CHECK(same_path(Config{}.spool, p.spool));
    CHECK(same_path(spool_results_dir(Config{}), p.settings / "results"));
  }
}

TEST_CASE("system_root") {
  wchar_t buf[MAX_PATH + 1] = {};
  UINT n = GetWindowsDirectoryW(buf, MAX_PATH);
  REQUIRE(n > 0);
  CHECK(system_root() == fs::path(std::wstring(buf, n)).root_path());
  CHECK(system_root().has_root_name());
  CHECK(running_os() == MachineOs::windows);
}

TEST_CASE("Host on the running Windows machine") {
  Host host({});
  CHECK(host.is_system_root());
  CHECK(host.live());
  CHECK(host.root() == system_root());
  CHECK(host.os().os == MachineOs::windows);
  SUBCASE("Linux-style paths are on the system drive") {
    CHECK(same_path(host.path("/Windows/System32"), system_root() / L"Windows" / L"System32"));
    CHECK(host.is_dir("/Windows/System32"));
  }
  SUBCASE("the settings folder is %ProgramData%\\selfcheck, read through the Host") {
    std::string dir = settings_dir(host);
    CHECK(same_path(path_from_utf8(dir), local_paths().settings));
    CHECK(dir.find("/etc/selfcheck") == std::string::npos);
    ScratchFile conf(local_paths().settings / "agent.yaml", "host:\n  asset_id: W-18\n");
    ScratchFile key(local_paths().settings / "unit.key", "0123456789abcdef0123456789abcdef");
    if (conf.made) CHECK(load_config_for(host, std::nullopt).asset_id == "W-18");
    FileResult k = host.read_file(dir + "/unit.key", 4096);
    CHECK(k.ok());
    if (key.made) CHECK(k.data == "0123456789abcdef0123456789abcdef");
  }
  SUBCASE("an explicit root stays an offline root") {
    Host offline({.root = fs::temp_directory_path()});
    CHECK_FALSE(offline.is_system_root());
    CHECK_FALSE(offline.live());
  }
}

TEST_CASE("Host file access on Windows") {
  fs::path dir = fs::temp_directory_path() / L"selfcheck-files-win32";
  fs::remove_all(dir);
  fs::create_directories(dir / "etc");
  std::ofstream(dir / "etc" / "ten", std::ios::binary) << "0123456789";
  Host host({.root = dir});
  SUBCASE("read_file caps and says it cut") {
    FileResult r = host.read_file("/etc/ten", 4);
    CHECK(r.ok());
    CHECK(r.truncated);
    CHECK(r.data == "0123");
    FileResult whole = host.read_file("/etc/ten", 10);
    CHECK_FALSE(whole.truncated);
    CHECK(whole.data == "0123456789");
  }
  SUBCASE("missing file and directory") {
    FileResult m = host.read_file("/etc/none");
    CHECK(m.missing);
    CHECK(m.error == "/etc/none does not exist");
    FileResult d = host.read_file("/etc");
    CHECK_FALSE(d.missing);
    CHECK(d.error == "/etc is a directory");
  }
  SUBCASE("open_file gives a descriptor that reads the file") {
    FileResult why;
    int fd = host.open_file("/etc/ten", why);
    REQUIRE(fd >= 0);
    char buf[16] = {};
    CHECK(_read(fd, buf, sizeof buf) == 10);
    _close(fd);
    CHECK(host.open_file("/etc/none", why) == -1);
    CHECK(why.missing);
  }
  SUBCASE("read_local_file refuses a file over the cap") {
    FileResult r = read_local_file(dir / "etc" / "ten", 4);
    CHECK(r.truncated);
    CHECK(r.data.empty());
    CHECK(r.error.find("is larger than 4 bytes") != std::string::npos);
    CHECK(read_local_file(dir / "etc" / "ten", 10).data == "0123456789");
    FileResult why;
    int fd = open_local_file(dir / "etc" / "ten", why);
    CHECK(fd >= 0);
    if (fd >= 0) _close(fd);
  }
  SUBCASE("write_file_new never replaces, write_file_atomic does") {
    fs::path out = dir / "out.yaml";
    CHECK(host.write_file_new(out, "first"));
    CHECK_FALSE(host.write_file_new(out, "second"));
    CHECK(read_local_file(out, 100).data == "first");
    host.write_file_atomic(out, "third");
    CHECK(read_local_file(out, 100).data == "third");
    int files = 0;
    for (auto& e : fs::directory_iterator(dir)) files += e.is_regular_file();
    CHECK(files == 1);  // no temp file left
  }
  SUBCASE("mtime") { CHECK(host.mtime("/etc/ten").has_value()); }
  fs::remove_all(dir);
}
