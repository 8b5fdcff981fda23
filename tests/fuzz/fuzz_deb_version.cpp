// Fuzz target: Debian version ordering (sc::parse_deb_version,
// sc::compare_deb_versions). On three versions from the input (separated by
// '\n'): reflexive, antisymmetric, transitive — for parsed versions and for
// the lenient string form; a parsed version's parts are views of the text.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "checks/formats/deb_version.hpp"
#include "fuzz_check.hpp"

namespace {

template <class T, class Cmp>
void check_order(const T& a, const T& b, const T& c, Cmp cmp) {
  FUZZ_CHECK(cmp(a, a) == 0 && cmp(b, b) == 0 && cmp(c, c) == 0);
  const int ab = fuzz::sign(cmp(a, b)), bc = fuzz::sign(cmp(b, c)), ac = fuzz::sign(cmp(a, c));
  FUZZ_CHECK(ab == -fuzz::sign(cmp(b, a)));
  FUZZ_CHECK(bc == -fuzz::sign(cmp(c, b)));
  FUZZ_CHECK(ac == -fuzz::sign(cmp(c, a)));
  if (ab <= 0 && bc <= 0) FUZZ_CHECK(ac <= 0);
  if (ab >= 0 && bc >= 0) FUZZ_CHECK(ac >= 0);
  if (ab == 0) FUZZ_CHECK(ac == fuzz::sign(cmp(b, c)));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text = fuzz::as_text(data, size);
  std::string_view v[3];
  for (auto& s : v) {
    auto nl = text.find('\n');
    s = text.substr(0, nl);
    text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
  }
  check_order(v[0], v[1], v[2], [](std::string_view x, std::string_view y) { return sc::compare_deb_versions(x, y); });

  std::optional<sc::DebVersion> p[3];
  for (int i = 0; i < 3; ++i) {
    std::string error;
    p[i] = sc::parse_deb_version(v[i], &error);
    if (!p[i]) {
      FUZZ_CHECK(!error.empty());
      continue;
    }
    FUZZ_CHECK(!p[i]->upstream.empty());
    FUZZ_CHECK(fuzz::inside(p[i]->upstream, v[i]) && fuzz::inside(p[i]->revision, v[i]));
    // The string form compares a parsed version as parsed.
    FUZZ_CHECK(sc::compare_deb_versions(*p[i], *p[i]) == 0);
  }
  if (p[0] && p[1] && p[2])
    check_order(*p[0], *p[1], *p[2],
                [](const sc::DebVersion& x, const sc::DebVersion& y) { return sc::compare_deb_versions(x, y); });
  if (p[0] && p[1])
    FUZZ_CHECK(fuzz::sign(sc::compare_deb_versions(*p[0], *p[1])) == fuzz::sign(sc::compare_deb_versions(v[0], v[1])));
  return 0;
}
