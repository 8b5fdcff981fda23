// `selfcheck report FILE...`: render findings files as the report section.
#include <fmt/format.h>

#include <ostream>

#include "agent/cli_options.hpp"
#include "agent/commands.hpp"
#include "agent/core/errors.hpp"
#include "agent/core/host.hpp"
#include "agent/core/platform.hpp"
#include "agent/core/text.hpp"
#include "agent/integrity.hpp"
#include "agent/report.hpp"

namespace sc {

int cmd_report(const Args& args, std::ostream& out, std::ostream& err) {
  po::options_description desc("selfcheck report options");
  const std::string key_help = fmt::format("the unit key (default {} when readable)", path_text(default_key_file()));
  desc.add_options()("help,h", "this help")("format", po::value<std::string>(),
                                            "text | markdown | html (default text)")("lang", po::value<std::string>(),
                                                                                     "zh | en (default from LANG)")(
      "key", po::value<std::string>(), key_help.c_str())("file", po::value<std::vector<std::string>>(),
                                                         "findings files");
  po::positional_options_description pos;
  pos.add("file", -1);
  auto vm = parse_options("report", args, desc, &pos);
  if (vm.count("help")) {
    out << "Usage: selfcheck report FILE... [options]\n" << desc;
    return 0;
  }
  if (!vm.count("file")) throw UsageError("report: name at least one findings file");
  Lang lang = lang_option(vm);
  std::string format = format_option(vm, {"text", "markdown", "html"}, "text");

  // Each file is verified before it is rendered: a file edited after the
  // scan must not be shown as "Verdict: passed". The unit key is used when
  // readable (--key, or the default key file), else the sha256 alone.
  std::string key =
      unit_key(vm.count("key") ? std::optional<std::string>(vm["key"].as<std::string>()) : std::nullopt, "report", err);
  std::vector<Document> docs;
  int code = 0;
  bool bad = false;
  for (const auto& file : vm["file"].as<std::vector<std::string>>()) {
    FileResult f = read_local_file(file, kMaxFindingsBytes);
    if (!f.ok()) {
      err << printable(fmt::format("selfcheck report: cannot read {}: {}\n", file, f.error));
      code = 3;
      continue;
    }
    try {
      docs.push_back(read_document(f.data));
    } catch (const DocumentError& e) {
      err << printable(fmt::format("selfcheck report: {}: {}\n", file, e.what()));
      code = 3;
      continue;
    }
    Verification v = verify_text(f.data, key);
    Document& doc = docs.back();
    bool zh = lang == Lang::zh;
    if (v.check == FileCheck::ok) {
      doc.integrity_words = v.signed_checked ? (zh ? "完好(sha256 与 HMAC)" : "ok (sha256 and HMAC)")
                            : key.empty()
                                ? (zh ? "完好(sha256;无单位密钥,未核对 HMAC)" : "ok (sha256; HMAC not checked: no key)")
                                : (zh ? "完好(sha256)" : "ok (sha256)");
    } else if (v.check == FileCheck::unsigned_file) {
      doc.integrity_words = zh ? "未签名(没有 HMAC,可能已被删除)" : "unsigned: " + v.reason;
    } else {
      // corrupt (content ≠ sha256), tampered (HMAC), unknown schema: the file
      // was changed after the scan wrote it.
      doc.integrity_words = (zh ? "被篡改:" : "tampered: ") + v.reason;
      doc.integrity_bad = true;
      bad = true;
      err << printable(fmt::format("selfcheck report: {}: tampered: {}\n", file, v.reason));
    }
  }
  if (docs.empty()) return 3;
  std::string text;
  if (format == "text") {
    for (std::size_t i = 0; i < docs.size(); ++i) text += (i ? "\n" : "") + render_text(docs[i], lang);
  } else if (format == "markdown") {
    text = render_markdown(docs, lang);
  } else {
    text = render_html(docs, lang);
  }
  // Findings files may carry terminal control characters: shown escaped.
  out << printable(text);
  out.flush();
  if (!out) return 3;
  return code ? code : bad ? 1 : 0;
}

}  // namespace sc
