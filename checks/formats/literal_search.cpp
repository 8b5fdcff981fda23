// LiteralSearch: SSE2 two-anchor candidate filter + memcmp, memmem fallback.
#include "checks/formats/literal_search.hpp"

#include <cstring>
#include <string>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace sc {

namespace {
int commonness(char c) {
  static const std::string common = " etaoinsr:0123456789";  // frequent in logs
  std::size_t p = common.find(c);
  return p == std::string::npos ? 0 : static_cast<int>(common.size() - p);
}
}  // namespace

LiteralSearch::LiteralSearch(std::string_view needle) : needle_(needle) {
  if (needle.size() < 2) return;
  // The rarest byte, then the rarest other byte.
  std::size_t best = 0;
  for (std::size_t i = 1; i < needle.size(); ++i)
    if (commonness(needle[i]) < commonness(needle[best])) best = i;
  std::size_t second = best == 0 ? 1 : 0;
  for (std::size_t i = 0; i < needle.size(); ++i)
    if (i != best && needle[i] != needle[best] && commonness(needle[i]) < commonness(needle[second])) second = i;
  a_ = std::min(best, second);
  b_ = std::max(best, second);
}

std::size_t LiteralSearch::find(std::string_view hay) const {
  const std::size_t k = needle_.size();
  if (k == 0) return 0;
  if (hay.size() < k) return std::string_view::npos;
  const char* s = hay.data();
  const std::size_t n = hay.size();
  std::size_t i = 0;
#if defined(__SSE2__)
  if (k >= 2) {
    const __m128i first = _mm_set1_epi8(needle_[a_]);
    const __m128i last = _mm_set1_epi8(needle_[b_]);
    for (; i + k + 15 <= n; i += 16) {
      __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s + i + a_));
      __m128i y = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s + i + b_));
      unsigned mask =
          static_cast<unsigned>(_mm_movemask_epi8(_mm_and_si128(_mm_cmpeq_epi8(x, first), _mm_cmpeq_epi8(y, last))));
      while (mask) {
        unsigned bit = static_cast<unsigned>(__builtin_ctz(mask));
        if (std::memcmp(s + i + bit, needle_.data(), k) == 0) return i + bit;
        mask &= mask - 1;
      }
    }
  }
#endif
#ifdef _WIN32
  // No memmem in the Windows C runtime: string_view::find (memchr + memcmp).
  (void)k;
  std::size_t at = std::string_view(s + i, n - i).find(needle_);
  return at == std::string_view::npos ? at : i + at;
#else
  const void* p = memmem(s + i, n - i, needle_.data(), k);
  return p ? static_cast<std::size_t>(static_cast<const char*>(p) - s) : std::string_view::npos;
#endif
}

}  // namespace sc
