// Fuzz target: rpm's version ordering (sc::rpmvercmp, sc::compare_rpm_evr) on
// three strings (separated by '\n'): reflexive, antisymmetric, and transitive
// where rpmvercmp is (it is not across separator-only differences); plus
// `rpm -qa` output (sc::parse_rpm_qa) and dnf.rpm.log lines.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "checks/formats/rpm_db.hpp"
#include "fuzz_check.hpp"

namespace {

template <class Cmp>
void check_order(std::string_view a, std::string_view b, std::string_view c, Cmp cmp) {
  FUZZ_CHECK(cmp(a, a) == 0 && cmp(b, b) == 0 && cmp(c, c) == 0);
  const int ab = fuzz::sign(cmp(a, b)), bc = fuzz::sign(cmp(b, c)), ac = fuzz::sign(cmp(a, c));
  FUZZ_CHECK(ab == -fuzz::sign(cmp(b, a)));
  FUZZ_CHECK(bc == -fuzz::sign(cmp(c, b)));
  FUZZ_CHECK(ac == -fuzz::sign(cmp(c, a)));
  if (ab < 0 && bc < 0) FUZZ_CHECK(ac < 0);
  if (ab > 0 && bc > 0) FUZZ_CHECK(ac > 0);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view all = fuzz::as_text(data, size);
  std::string_view text = all;
  std::string_view v[3];
  for (auto& s : v) {
    auto nl = text.find('\n');
    s = text.substr(0, nl);
    text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
  }
  check_order(v[0], v[1], v[2], [](std::string_view x, std::string_view y) { return sc::rpmvercmp(x, y); });
  check_order(v[0], v[1], v[2], [](std::string_view x, std::string_view y) { return sc::compare_rpm_evr(x, y); });

  std::size_t bad = 0;
  auto pkgs = sc::parse_rpm_qa(all, &bad);
  FUZZ_CHECK(pkgs.size() + bad <= fuzz::lines(all).size());
  for (const auto& p : pkgs) FUZZ_CHECK(!p.name.empty());
  static const sc::Zone utc;
  for (std::string_view line : fuzz::lines(all)) (void)sc::parse_dnf_rpm_log_line(line, utc);
  return 0;
}
