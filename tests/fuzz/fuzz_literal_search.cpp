// Fuzz target: sc::LiteralSearch (SSE2 two-anchor prefilter) must find
// exactly what std::string_view::find finds. Input: [needle length][needle]
// [haystack]; the haystack sits in its own exact-size allocation so that any
// read past its end is an ASan report.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>

#include "checks/formats/literal_search.hpp"
#include "fuzz_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  std::size_t k = data[0] % 64;
  if (k > size - 1) k = size - 1;
  std::unique_ptr<char[]> needle(new char[k]);
  std::copy(data + 1, data + 1 + k, needle.get());
  const std::size_t n = size - 1 - k;
  std::unique_ptr<char[]> hay(new char[n]);
  std::copy(data + 1 + k, data + size, hay.get());
  const std::string_view nv(needle.get(), k);
  sc::LiteralSearch s(nv);
  // Every suffix start, so that the SIMD loop and the tail meet the match at each alignment.
  for (std::size_t off = 0; off <= n && off < 40; ++off) {
    std::string_view hv(hay.get() + off, n - off);
    FUZZ_CHECK(s.find(hv) == hv.find(nv));
  }
  return 0;
}
