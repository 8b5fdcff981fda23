// The summary's bounded stores (summary_spill.hpp): records in memory up to a
// budget, then in a private temporary file; an external merge sort on them.
#include "agent/summary_spill.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "agent/core/errors.hpp"
#include "agent/core/platform.hpp"

namespace sc {

namespace {

constexpr std::size_t kWriteBuffer = 64u << 10;

[[noreturn]] void spill_error(const char* what) {
  throw OutputError(fmt::format("summary: temporary file: {}: {}", what, std::strerror(errno)));
}

void put32(std::string& b, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) b.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
}

std::uint32_t get32(const char* p) {
  std::uint32_t v = 0;
  for (int i = 0; i < 4; ++i) v |= static_cast<std::uint32_t>(static_cast<unsigned char>(p[i])) << (8 * i);
  return v;
}

}  // namespace

Spill::Spill(Spill&& o) noexcept
    : budget_(o.budget_),
      size_(o.size_),
      count_(o.count_),
      mem_(std::move(o.mem_)),
      file_(o.file_),
      file_size_(o.file_size_) {
  o.file_ = nullptr;
  o.size_ = o.file_size_ = 0;
  o.count_ = 0;
}

Spill& Spill::operator=(Spill&& o) noexcept {
  if (this != &o) {
    if (file_) std::fclose(file_);
    budget_ = o.budget_;
    size_ = o.size_;
    count_ = o.count_;
    mem_ = std::move(o.mem_);
    file_ = o.file_;
    file_size_ = o.file_size_;
    o.file_ = nullptr;
    o.size_ = o.file_size_ = 0;
    o.count_ = 0;
  }
  return *this;
}

Spill::~Spill() {
  if (file_) std::fclose(file_);  // the file has no name: closing removes it
}

void Spill::flush() const {
  if (!file_ || mem_.empty()) return;
  if (seek_file(file_, file_size_) != 0) spill_error("seek");
  if (std::fwrite(mem_.data(), 1, mem_.size(), file_) != mem_.size()) spill_error("write");
  file_size_ += mem_.size();
  mem_.clear();
}

std::uint64_t Spill::append(std::string_view rec) {
  if (rec.size() > 0xffffffffu) throw OutputError("summary: a record too large");
  std::uint64_t pos = size_;
  if (size_ + 4 + rec.size() > kSpillCap)
    throw OutputError(fmt::format("summary: the temporary file would exceed {} GiB", kSpillCap >> 30));
  if (!file_ && mem_.size() + 4 + rec.size() > budget_) {
    file_ = private_temp_file();  // throws OutputError when none can be made
    file_size_ = 0;
    flush();
    mem_.shrink_to_fit();
  }
  put32(mem_, static_cast<std::uint32_t>(rec.size()));
  mem_.append(rec);
  size_ += 4 + rec.size();
  ++count_;
  if (file_ && mem_.size() >= kWriteBuffer) flush();
  return pos;
}

void Spill::raw_read(std::uint64_t pos, char* out, std::size_t n) const {
  if (pos + n > size_) throw OutputError("summary: temporary file: read past the end");
  if (file_ && pos < file_size_) {
    std::size_t from_file = static_cast<std::size_t>(std::min<std::uint64_t>(n, file_size_ - pos));
    if (seek_file(file_, pos) != 0) spill_error("seek");
    if (std::fread(out, 1, from_file, file_) != from_file) spill_error("read");
    out += from_file;
    pos += from_file;
    n -= from_file;
  }
  if (n) std::memcpy(out, mem_.data() + (pos - file_size_), n);
}

void Spill::read(std::uint64_t pos, std::string& out) const {
  char len[4];
  raw_read(pos, len, 4);
  out.resize(get32(len));
  raw_read(pos + 4, out.data(), out.size());
}

Spill::Cursor::Cursor(const Spill& s, std::uint64_t from, std::uint64_t to, std::size_t buffer)
    : s_(&s), pos_(from), end_(to), cap_(buffer) {}

void Spill::Cursor::fill(std::size_t need) {
  // Keeps the unread bytes, then reads up to the buffer's size (or `need`).
  buf_.erase(0, at_);
  at_ = 0;
  std::size_t want = std::max(need, cap_);
  std::size_t n = static_cast<std::size_t>(std::min<std::uint64_t>(want - buf_.size(), end_ - pos_));
  std::size_t old = buf_.size();
  buf_.resize(old + n);
  s_->raw_read(pos_, buf_.data() + old, n);
  pos_ += n;
}

bool Spill::Cursor::next(std::string& out) {
  if (buf_.size() - at_ < 4) {
    if (pos_ >= end_ && buf_.size() == at_) return false;
    fill(4);
    if (buf_.size() - at_ < 4) return false;
  }
  std::size_t len = get32(buf_.data() + at_);
  if (buf_.size() - at_ < 4 + len) fill(4 + len);
  if (buf_.size() - at_ < 4 + len) throw OutputError("summary: temporary file: a record cut short");
  out.assign(buf_.data() + at_ + 4, len);
  at_ += 4 + len;
  return true;
}

SpillSorter::SpillSorter(Less less, std::size_t budget) : less_(std::move(less)), budget_(budget), runs_(0) {}

void SpillSorter::add(std::string rec) {
  held_ += rec.size() + sizeof(std::string);
  ++count_;
  mem_.push_back(std::move(rec));
  if (held_ > budget_) run();
}

void SpillSorter::run() {
  std::sort(mem_.begin(), mem_.end(), [&](const std::string& a, const std::string& b) { return less_(a, b); });
  if (bounds_.empty()) bounds_.push_back(0);
  for (const auto& r : mem_) runs_.append(r);
  bounds_.push_back(runs_.size());
  std::vector<std::string>().swap(mem_);
  held_ = 0;
}

bool SpillSorter::next(std::string& out) {
  if (!merging_) {
    merging_ = true;
    if (bounds_.empty()) {  // all in memory
      std::sort(mem_.begin(), mem_.end(), [&](const std::string& a, const std::string& b) { return less_(a, b); });
    } else {
      if (!mem_.empty()) run();
      // Small buffers when there are many runs: memory stays near the budget.
      std::size_t runs = bounds_.size() - 1;
      std::size_t buffer = std::clamp<std::size_t>(budget_ / std::max<std::size_t>(runs, 1), 256, 64u << 10);
      for (std::size_t i = 0; i < runs; ++i) {
        Head h{std::make_unique<Spill::Cursor>(runs_, bounds_[i], bounds_[i + 1], buffer), {}};
        if (h.cur->next(h.rec)) heads_.push_back(std::move(h));
      }
      auto greater = [&](const Head& a, const Head& b) { return less_(b.rec, a.rec); };
      std::make_heap(heads_.begin(), heads_.end(), greater);
    }
  }
  if (bounds_.empty()) {
    if (mem_at_ >= mem_.size()) {
      std::vector<std::string>().swap(mem_);
      return false;
    }
    out = std::move(mem_[mem_at_++]);
    return true;
  }
  if (heads_.empty()) return false;
  auto greater = [&](const Head& a, const Head& b) { return less_(b.rec, a.rec); };
  std::pop_heap(heads_.begin(), heads_.end(), greater);
  Head& h = heads_.back();
  out = std::move(h.rec);
  if (h.cur->next(h.rec))
    std::push_heap(heads_.begin(), heads_.end(), greater);
  else
    heads_.pop_back();
  return true;
}

RecWriter& RecWriter::u8(unsigned v) {
  b_.push_back(static_cast<char>(v & 0xff));
  return *this;
}
RecWriter& RecWriter::u32(std::uint32_t v) {
  put32(b_, v);
  return *this;
}
RecWriter& RecWriter::u64(std::uint64_t v) {
  put32(b_, static_cast<std::uint32_t>(v));
  put32(b_, static_cast<std::uint32_t>(v >> 32));
  return *this;
}
RecWriter& RecWriter::str(std::string_view s) {
  put32(b_, static_cast<std::uint32_t>(s.size()));
  b_.append(s);
  return *this;
}
RecWriter& RecWriter::raw(std::string_view s) {
  b_.append(s);
  return *this;
}

std::string_view RecReader::raw(std::size_t n) {
  if (b_.size() - at_ < n) throw OutputError("summary: temporary file: a record cut short");
  std::string_view v = b_.substr(at_, n);
  at_ += n;
  return v;
}
unsigned RecReader::u8() { return static_cast<unsigned char>(raw(1)[0]); }
std::uint32_t RecReader::u32() { return get32(raw(4).data()); }
std::uint64_t RecReader::u64() {
  std::uint64_t lo = u32();
  return lo | (static_cast<std::uint64_t>(u32()) << 32);
}
RecWriter& RecWriter::be32(std::uint32_t v) {
  for (int i = 3; i >= 0; --i) b_.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
  return *this;
}
std::uint32_t RecReader::be32() {
  std::string_view b = raw(4);
  std::uint32_t v = 0;
  for (char c : b) v = (v << 8) | static_cast<unsigned char>(c);
  return v;
}
std::string_view RecReader::str() { return raw(u32()); }

}  // namespace sc
