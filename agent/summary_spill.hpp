// Bounded memory for the unit summary (issue 20): an append-only record store
// that keeps its records in memory up to a budget and then in a private
// temporary file (std::tmpfile: the system temp dir, mode 0600, gone when the
// process ends), an external merge sort of records over such stores, and the
// byte encoding of records. The summary of tens of thousands of files keeps
// in memory only what it aggregates; the rest is read back as a stream.
#pragma once
#include <cstdint>
#include <cstdio>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace sc {

// Bytes kept in memory by each store before it spills (the default; tests
// force a tiny one to take the spill path).
inline constexpr std::size_t kSummaryBudget = 256u << 10;
// No temporary file grows past this: a summary that would is an OutputError.
inline constexpr std::uint64_t kSpillCap = 64ull << 30;

// Append-only records (each a length and its bytes), read back by position.
class Spill {
 public:
  explicit Spill(std::size_t budget = kSummaryBudget) : budget_(budget) {}
  Spill(Spill&&) noexcept;
  Spill& operator=(Spill&&) noexcept;
  ~Spill();

  // The record's position.
  std::uint64_t append(std::string_view rec);
  // The record at `pos` into `out`.
  void read(std::uint64_t pos, std::string& out) const;
  std::uint64_t size() const { return size_; }
  std::size_t count() const { return count_; }
  bool spilled() const { return file_ != nullptr; }

  // Sequential reading from `from` up to `to` (buffered).
  class Cursor {
   public:
    Cursor(const Spill& s, std::uint64_t from, std::uint64_t to, std::size_t buffer = 64u << 10);
    bool next(std::string& out);

   private:
    void fill(std::size_t need);
    const Spill* s_;
    std::uint64_t pos_, end_;
    std::string buf_;
    std::size_t at_ = 0, cap_;
  };
  Cursor cursor(std::uint64_t from = 0) const { return Cursor(*this, from, size_); }

 private:
  void raw_read(std::uint64_t pos, char* out, std::size_t n) const;
  void flush() const;
  std::size_t budget_;
  std::uint64_t size_ = 0;
  std::size_t count_ = 0;
  mutable std::string mem_;  // all records (not spilled) or the file's write buffer
  std::FILE* file_ = nullptr;
  mutable std::uint64_t file_size_ = 0;  // bytes in the file (the rest is in mem_)
};

// External merge sort of records by `less` (a total order: ties are the
// caller's to break, so that the result is deterministic).
class SpillSorter {
 public:
  using Less = std::function<bool(std::string_view, std::string_view)>;
  SpillSorter(Less less, std::size_t budget = kSummaryBudget);
  void add(std::string rec);
  // After the last add: records in order, each once.
  bool next(std::string& out);
  std::size_t count() const { return count_; }

 private:
  void run();
  Less less_;
  std::size_t budget_, held_ = 0, count_ = 0;
  std::vector<std::string> mem_;
  Spill runs_;
  std::vector<std::uint64_t> bounds_;  // run i is [bounds_[i], bounds_[i+1])
  bool merging_ = false;
  std::size_t mem_at_ = 0;
  struct Head {
    std::unique_ptr<Spill::Cursor> cur;
    std::string rec;
  };
  std::vector<Head> heads_;  // a binary heap on rec
};

// Record encoding: little-endian integers, strings with a 32-bit length.
class RecWriter {
 public:
  RecWriter& u8(unsigned v);
  RecWriter& u32(std::uint32_t v);
  RecWriter& u64(std::uint64_t v);
  RecWriter& str(std::string_view s);
  RecWriter& raw(std::string_view s);
  RecWriter& be32(std::uint32_t v);  // big-endian: sorts as bytes
  std::string& bytes() { return b_; }

 private:
  std::string b_;
};

class RecReader {
 public:
  explicit RecReader(std::string_view b) : b_(b) {}
  unsigned u8();
  std::uint32_t u32();
  std::uint64_t u64();
  std::string_view str();
  std::string_view raw(std::size_t n);
  std::string_view rest() const { return b_.substr(at_); }
  std::uint32_t be32();  // big-endian: sorts as bytes

 private:
  std::string_view b_;
  std::size_t at_ = 0;
};

}  // namespace sc
