// The project's own documents (README.md, docs/*.md) send readers only to
// files of the project: issue 14 found the README pointing at
// ../shared/REPORT.md, which is not shipped (the report's items and wording
// belong in docs/report.md).
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <regex>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace {

const fs::path kSource = fs::weakly_canonical(fs::path(SELFCHECK_FIXTURES) / ".." / "..");

std::string read_all(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Relative Markdown link targets of `text` ("[a](docs/x.md#part)" → "docs/x.md").
std::vector<std::string> local_links(const std::string& text) {
  static const std::regex link(R"(\]\(([^)\s]+)\))");
  std::vector<std::string> out;
  for (std::sregex_iterator it(text.begin(), text.end(), link), end; it != end; ++it) {
    std::string target = (*it)[1];
    if (target.rfind("http://", 0) == 0 || target.rfind("https://", 0) == 0 || target.rfind("mailto:", 0) == 0 ||
        target[0] == '#')
      continue;
    out.push_back(target.substr(0, target.find('#')));
  }
  return out;
}

}  // namespace

TEST_CASE("local_links") {
  CHECK(local_links("see [the report](docs/report.md#items), [web](https://x.org) and [top](#a)") ==
        std::vector<std::string>{"docs/report.md"});
}

TEST_CASE("README and docs link only to files of the project") {
  std::vector<fs::path> docs{kSource / "README.md"};
  for (const auto& e : fs::directory_iterator(kSource / "docs"))
    if (e.path().extension() == ".md") docs.push_back(e.path());
  REQUIRE(docs.size() >= 2);
  for (const fs::path& doc : docs) {
    CAPTURE(doc.string());
    std::string text = read_all(doc);
    CHECK(text.find("../shared/") == std::string::npos);
    for (const std::string& target : local_links(text)) {
      CAPTURE(target);
      fs::path resolved = fs::weakly_canonical(doc.parent_path() / target);
      CHECK(fs::exists(resolved));
      std::string rel = resolved.lexically_relative(kSource).generic_string();
      CHECK(rel.rfind("..", 0) != 0);  // inside the project
    }
  }
}
