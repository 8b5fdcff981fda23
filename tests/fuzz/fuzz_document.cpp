// Fuzz target: the findings file reader (sc::read_document, YAML or JSON,
// selfcheck.findings/2 with {zh, en} texts or /1 with plain ones). Any bytes
// give a Document or a DocumentError. A document that reads must write back
// (YAML and JSON, always schema 2) and read again to the same canonical JSON,
// so that its integrity hash verifies alike in both forms.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "agent/core/errors.hpp"
#include "agent/document.hpp"

namespace {

// Writers are allowed to refuse (OutputError) but not to write what the reader refuses.
void round_trip(const sc::Document& doc, bool json) {
  std::string text;
  try {
    text = json ? sc::to_json(doc) : sc::to_yaml(doc);
  } catch (const sc::OutputError&) {
    return;
  }
  sc::Document again;
  try {
    again = sc::read_document(text);
  } catch (const sc::DocumentError&) {
    std::abort();  // our own output must read back
  }
  if (sc::canonical_json(again) != sc::canonical_json(doc)) std::abort();
  if (again.schema != sc::kSchema) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  sc::Document doc;
  try {
    doc = sc::read_document(text);
  } catch (const sc::DocumentError&) {
    return 0;
  }
  (void)sc::canonical_json(doc);
  round_trip(doc, false);
  round_trip(doc, true);
  return 0;
}
