// Small string helpers shared by the parsers, so that trimming, ASCII case
// folding, word splitting and line walking are written once. ASCII only and
// locale-free: the files parsed are configuration and logs, not prose.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace sc {

inline constexpr std::string_view kBlanks = " \t";
inline constexpr std::string_view kSpaces = " \t\r\n\f\v";  // what isspace() is in the C locale

// `chars` off the front, the back, or both ends.
std::string_view trim_front(std::string_view s, std::string_view chars);
std::string_view trim_back(std::string_view s, std::string_view chars);
std::string_view trim(std::string_view s, std::string_view chars);
// Blanks off both ends, and the CR a CRLF line end leaves: the trim of a
// configuration line.
std::string_view trim(std::string_view s);

std::string to_lower(std::string_view s);
bool iequals(std::string_view a, std::string_view b);

// The words of `s` separated by runs of `seps`; at most `max` of them
// (the rest of the text is dropped).
std::vector<std::string_view> split_words(std::string_view s, std::string_view seps = kBlanks,
                                          std::size_t max = static_cast<std::size_t>(-1));

// The line of `text` starting at `pos`, without its '\n', and `pos` moved
// past it; false when `pos` is at the end. A last line without '\n' counts.
bool next_line(std::string_view text, std::size_t& pos, std::string_view& line);

// Text for a terminal (issue 13 item 12): C0 controls except '\n' and '\t',
// DEL, C1 controls (U+0080–U+009F), the bidi controls U+200E, U+200F,
// U+202A–U+202E and U+2066–U+2069, and bytes that are not UTF-8 are shown
// visibly ("\x1b", "<U+202E>") so that a findings file, a USB descriptor or
// a file name cannot move the cursor, recolour the screen or display a
// serial reversed. Every human-facing renderer passes its output through it.
std::string printable(std::string_view s);

// The UTF-8 bytes of code point `cp` appended (the UTF-16 decoders of
// registry values and setupapi logs; they pass U+FFFD for a lone surrogate).
void append_utf8(std::string& out, std::uint32_t cp);

}  // namespace sc
