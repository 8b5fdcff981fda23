// Fast search for one literal in a large block (the log scanners' prefilter):
// SSE2 compares two well-chosen needle bytes 16 positions at a time and
// verifies candidates with memcmp (W. Muła's "SIMD-friendly" substring
// search); memmem where SSE2 is missing and for the block's tail.
#pragma once
#include <cstddef>
#include <string_view>

namespace sc {

class LiteralSearch {
 public:
  // Picks the two rarest-looking bytes of `needle` (letters other than
  // e/t/a/o/i/n/s/r and space) as anchors. `needle` must outlive the searcher.
  explicit LiteralSearch(std::string_view needle);
  // Position of the first occurrence in `hay`, or npos.
  std::size_t find(std::string_view hay) const;

 private:
  std::string_view needle_;
  std::size_t a_ = 0, b_ = 0;  // anchor offsets in the needle, a_ < b_
};

}  // namespace sc
