// Streaming parser of setupapi.dev.log (see setupapi_log.hpp for the format
// and its sources).
#include "checks/formats/setupapi_log.hpp"

#include <cstring>

#include "agent/core/text.hpp"

namespace sc {

namespace {

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

bool ends_with(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.substr(s.size() - p.size()) == p;
}

bool digits(std::string_view s, std::size_t pos, std::size_t n, int& out) {
  if (pos + n > s.size()) return false;
  out = 0;
  for (std::size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    out = out * 10 + (s[i] - '0');
  }
  return true;
}

// "[Exit status: SUCCESS]" → "SUCCESS"; "[Exit Status(0x00000000)]" → "0x00000000"; "[Exit]" → "".
std::string exit_status(std::string_view rest) {
  rest = trim(rest);
  if (starts_with(rest, "[")) rest.remove_prefix(1);
  if (ends_with(rest, "]")) rest.remove_suffix(1);
  if (rest.size() < 4 || !iequals(rest.substr(0, 4), "exit")) return "";
  rest.remove_prefix(4);
  rest = trim(rest);
  if (rest.size() >= 6 && iequals(rest.substr(0, 6), "status")) rest = trim(rest.substr(6));
  if (starts_with(rest, ":")) rest = trim(rest.substr(1));
  if (starts_with(rest, "(") && ends_with(rest, ")")) rest = rest.substr(1, rest.size() - 2);
  return clean_text(rest, 64);
}

}  // namespace

std::string clean_text(std::string_view s, std::size_t max) {
  std::string out;
  std::size_t i = 0;
  while (i < s.size() && out.size() < max) {
    auto c = static_cast<unsigned char>(s[i]);
    std::size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    bool ok = len > 0 && i + len <= s.size();
    for (std::size_t k = 1; ok && k < len; ++k) ok = (static_cast<unsigned char>(s[i + k]) & 0xC0) == 0x80;
    if (ok && len == 2 && c < 0xC2) ok = false;  // overlong
    if (ok && len == 3) {
      auto c1 = static_cast<unsigned char>(s[i + 1]);
      if ((c == 0xE0 && c1 < 0xA0) || (c == 0xED && c1 >= 0xA0)) ok = false;  // overlong, surrogate
    }
    if (ok && len == 4) {
      auto c1 = static_cast<unsigned char>(s[i + 1]);
      if (c > 0xF4 || (c == 0xF0 && c1 < 0x90) || (c == 0xF4 && c1 >= 0x90)) ok = false;
    }
    if (!ok || (len == 1 && (c < 0x20 || c == 0x7f))) {
      out += '?';
      ++i;
      continue;
    }
    if (len == 2 && c == 0xC2 && static_cast<unsigned char>(s[i + 1]) < 0xA0) {  // C1 controls
      out += '?';
      i += 2;
      continue;
    }
    if (out.size() + len > max) break;
    out.append(s.substr(i, len));
    i += len;
  }
  return out;
}

std::optional<cctz::civil_second> parse_setupapi_time(std::string_view s) {
  s = trim(s);
  int y, mo, d, h, mi, se;
  if (s.size() < 19 || s[4] != '/' || s[7] != '/' || s[10] != ' ' || s[13] != ':' || s[16] != ':') return std::nullopt;
  if (!digits(s, 0, 4, y) || !digits(s, 5, 2, mo) || !digits(s, 8, 2, d) || !digits(s, 11, 2, h) ||
      !digits(s, 14, 2, mi) || !digits(s, 17, 2, se))
    return std::nullopt;
  std::string_view rest = s.substr(19);
  if (!rest.empty()) {
    int ms;
    if ((rest[0] != '.' && rest[0] != ',') || !digits(rest, 1, 3, ms) || rest.size() != 4) return std::nullopt;
  }
  if (y < 1980 || mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || se > 59) return std::nullopt;
  cctz::civil_second cs(y, mo, d, h, mi, se);
  if (cs.month() != mo || cs.day() != d) return std::nullopt;  // 2026/02/30
  return cs;
}

bool is_setupapi_dev_log(std::string_view name, std::string* stamp) {
  std::string n = to_lower(name);
  std::string_view v = n;
  if (stamp) stamp->clear();
  if (v == "setupapi.dev.log") return true;
  // setupapi.dev.YYYYMMDD_HHMMSS.log
  if (v.size() != 32 || !starts_with(v, "setupapi.dev.") || !ends_with(v, ".log") || v[21] != '_') return false;
  std::string_view s = v.substr(13, 15);
  for (std::size_t i = 0; i < s.size(); ++i)
    if (i != 8 && (s[i] < '0' || s[i] > '9')) return false;
  if (stamp) *stamp = std::string(s);
  return true;
}

SetupapiLogParser::SetupapiLogParser(Sink sink) : sink_(std::move(sink)) {}

void SetupapiLogParser::decide() {
  std::string h = std::move(head_);
  head_.clear();
  std::string_view hv = h;
  auto u = [&](std::size_t i) { return i < hv.size() ? static_cast<unsigned char>(hv[i]) : 0x100u; };
  if (u(0) == 0xFF && u(1) == 0xFE) {
    enc_ = Enc::utf16le;
    hv.remove_prefix(2);
  } else if (u(0) == 0xFE && u(1) == 0xFF) {
    enc_ = Enc::utf16be;
    hv.remove_prefix(2);
  } else if (u(0) == 0xEF && u(1) == 0xBB && u(2) == 0xBF) {
    enc_ = Enc::utf8;
    hv.remove_prefix(3);
  } else if (u(0) != 0 && u(0) < 0x80 && u(1) == 0) {
    enc_ = Enc::utf16le;  // no BOM: an ASCII character then a zero byte
  } else if (u(0) == 0 && u(1) != 0 && u(1) < 0x80) {
    enc_ = Enc::utf16be;
  } else {
    enc_ = Enc::utf8;  // ANSI or UTF-8: ASCII is all the headers need
  }
  stats_.encoding = enc_ == Enc::utf16le ? "utf-16le" : enc_ == Enc::utf16be ? "utf-16be" : "utf-8";
  dispatch(hv);
}

void SetupapiLogParser::dispatch(std::string_view bytes) {
  if (bytes.empty()) return;
  if (enc_ == Enc::utf8)
    feed_utf8(bytes);
  else
    feed_utf16(bytes);
}

void SetupapiLogParser::feed(std::string_view bytes) {
  stats_.bytes += bytes.size();
  if (enc_ == Enc::unknown) {
    std::size_t take = std::min<std::size_t>(bytes.size(), 3 - head_.size());
    head_.append(bytes.substr(0, take));
    bytes.remove_prefix(take);
    if (head_.size() < 3) return;
    decide();
  }
  dispatch(bytes);
}

void SetupapiLogParser::feed_utf16(std::string_view bytes) {
  scratch_.clear();
  auto unit = [&](unsigned char a, unsigned char b) -> std::uint32_t {
    return enc_ == Enc::utf16le ? (a | (b << 8)) : ((a << 8) | b);
  };
  auto put = [&](std::uint32_t u) {
    if (high_) {
      if (u >= 0xDC00 && u <= 0xDFFF) {
        append_utf8(scratch_, 0x10000 + ((high_ - 0xD800) << 10) + (u - 0xDC00));
        high_ = 0;
        return;
      }
      append_utf8(scratch_, 0xFFFD);
      high_ = 0;
    }
    if (u >= 0xD800 && u <= 0xDBFF)
      high_ = u;
    else if (u >= 0xDC00 && u <= 0xDFFF)
      append_utf8(scratch_, 0xFFFD);
    else
      append_utf8(scratch_, u);
  };
  std::size_t i = 0;
  if (!odd_.empty() && !bytes.empty()) {
    put(unit(static_cast<unsigned char>(odd_[0]), static_cast<unsigned char>(bytes[0])));
    odd_.clear();
    i = 1;
  }
  for (; i + 1 < bytes.size(); i += 2)
    put(unit(static_cast<unsigned char>(bytes[i]), static_cast<unsigned char>(bytes[i + 1])));
  if (i < bytes.size()) odd_.assign(1, bytes[i]);
  std::string text = std::move(scratch_);
  feed_utf8(text);
  scratch_ = std::move(text);
}

void SetupapiLogParser::append_partial(std::string_view piece) {
  if (cut_) return;
  if (partial_.size() + piece.size() > kMaxLine) {
    partial_.append(piece.substr(0, kMaxLine - partial_.size()));
    cut_ = true;
    ++stats_.long_lines;
    return;
  }
  partial_.append(piece);
}

void SetupapiLogParser::feed_utf8(std::string_view text) {
  while (!text.empty()) {
    const void* nl = std::memchr(text.data(), '\n', text.size());
    if (!nl) {
      append_partial(text);
      return;
    }
    std::size_t n = static_cast<const char*>(nl) - text.data();
    if (partial_.empty() && !cut_) {
      std::string_view l = text.substr(0, n);
      if (l.size() > kMaxLine) {
        l = l.substr(0, kMaxLine);
        ++stats_.long_lines;
      }
      line(l);
    } else {
      append_partial(text.substr(0, n));
      line(partial_);
      partial_.clear();
      cut_ = false;
    }
    text.remove_prefix(n + 1);
  }
}

void SetupapiLogParser::line(std::string_view l) {
  ++stats_.lines;
  if (l.size() < 4) return;
  // Only section headers and footers matter: ">>>" and "<<<" lines.
  bool open = starts_with(l, ">>>"), shut = starts_with(l, "<<<");
  if (!open && !shut) return;
  if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
  std::string_view rest = trim(l.substr(3));
  if (open) {
    if (starts_with(rest, "[") && ends_with(rest, "]")) {  // header
      close();
      std::string_view inner = rest.substr(1, rest.size() - 2);
      SetupapiSection s;
      s.line = stats_.lines;
      std::size_t dash = inner.find(" - ");
      s.title = clean_text(trim(inner.substr(0, dash)), kMaxField);
      if (dash != std::string_view::npos) s.instance = clean_text(trim(inner.substr(dash + 3)), kMaxField);
      open_ = std::move(s);
      return;
    }
    std::string_view when;
    if (starts_with(rest, "Section start"))
      when = rest.substr(13);
    else if (ends_with(rest, "Section start"))
      when = trim_back(trim(rest.substr(0, rest.size() - 13)), ":");
    else
      return;
    auto t = parse_setupapi_time(when);
    if (!t) ++stats_.bad_times;
    if (open_ && !open_->start) open_->start = t;
    return;
  }
  // "<<<  Section end …", "<<<  [… Section end]", "<<<  [Exit status: …]"
  std::string_view inner = rest;
  if (starts_with(inner, "[") && ends_with(inner, "]")) inner = inner.substr(1, inner.size() - 2);
  if (starts_with(inner, "Section end") || ends_with(inner, "Section end")) {
    std::string_view when =
        starts_with(inner, "Section end") ? inner.substr(11) : trim_back(trim(inner.substr(0, inner.size() - 11)), ":");
    auto t = parse_setupapi_time(when);
    if (!t) ++stats_.bad_times;
    if (open_ && !open_->end) open_->end = t;
    return;
  }
  if (inner.size() >= 4 && iequals(inner.substr(0, 4), "exit")) {
    if (open_) {
      open_->exit_status = exit_status(rest);
      close();
    }
  }
}

void SetupapiLogParser::close() {
  if (!open_) return;
  ++stats_.sections;
  SetupapiSection s = std::move(*open_);
  open_.reset();
  if (sink_) sink_(std::move(s));
}

void SetupapiLogParser::finish() {
  if (finished_) return;
  if (enc_ == Enc::unknown && !head_.empty()) decide();
  finished_ = true;
  if (!odd_.empty()) odd_.clear();
  if (high_) {
    high_ = 0;
    append_partial("\xEF\xBF\xBD");
  }
  if (!partial_.empty()) {
    line(partial_);
    partial_.clear();
    cut_ = false;
  }
  close();
}

std::vector<SetupapiSection> parse_setupapi_log(std::string_view bytes, SetupapiStats* stats) {
  std::vector<SetupapiSection> out;
  SetupapiLogParser p([&](SetupapiSection&& s) { out.push_back(std::move(s)); });
  p.feed(bytes);
  p.finish();
  if (stats) *stats = p.stats();
  return out;
}

}  // namespace sc
