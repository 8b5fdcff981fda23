// doctest's main for the whole suite.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#ifdef _WIN32
#include <fcntl.h>
#include <stdlib.h>
// Tests write their fixture files with text-mode std::ofstream ("...\n"),
// which on Windows writes CRLF: binary is this process's default instead, so
// the files hold the bytes they do on Linux.
static const int kBinaryFiles = (_fmode = _O_BINARY);  // msvcrt.dll has no _set_fmode
#endif
