// The GRUB script lexer and block parser, split from grub_cfg.cpp (the
// interpreter) along their seam: text → commands → nested statements. Pure;
// internal to the GRUB reader (grub_cfg.cpp is its only user).
#pragma once
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sc::grub {

struct Part {
  std::string text;
  bool var = false;  // text is a variable name
};
struct Word {
  std::vector<Part> parts;
  bool plain = true;  // no quotes, no variables: may be a keyword
  std::string literal() const {
    std::string s;
    for (const auto& p : parts) s += p.text;
    return s;
  }
};
using Command = std::vector<Word>;

struct Stmt;
using Block = std::vector<Stmt>;

struct Stmt {
  enum Kind { simple, if_, menu, loop } kind = simple;
  Command words;                                    // simple; menu: its header
  std::vector<std::pair<Command, Block>> branches;  // if: (condition, body)
  Block else_body;
  bool has_else = false;
  Block body;  // menu, loop
};

bool is_name_char(char c);
// The first word when it is plain ("" otherwise).
std::string head(const Command& c);

// Splits a script into commands (at most 200000 words). Survives any bytes.
std::vector<Command> lex(std::string_view text);
// Nests commands into if/for/while/menuentry blocks; counts malformed ones.
Block parse(const std::vector<Command>& cmds, int& malformed);

}  // namespace sc::grub
