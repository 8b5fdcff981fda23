// Strict reading of rules/antivirus.yaml into AvRules, and the merge of
// override documents by product id.
#include "checks/antivirus/antivirus_rules.hpp"

#include <fmt/format.h>

#include <set>

namespace sc {

Text read_av_text(const YamlDoc& doc, const YAML::Node& n, std::string_view what) {
  if (n.IsScalar()) return Text::same(n.Scalar());
  if (!n.IsMap()) doc.fail(n, fmt::format("{}: expected a string or a map with zh and en", what));
  doc.only_keys(n, {"zh", "en"});
  if (!n["zh"] || !n["en"]) doc.fail(n, fmt::format("{}: needs both zh and en", what));
  return Text{doc.str(n["zh"], what), doc.str(n["en"], what)};
}

namespace {

std::vector<std::string> abs_paths(const YamlDoc& doc, const YAML::Node& n, std::string_view what) {
  std::vector<std::string> out = doc.str_list(n, what);
  std::size_t i = 0;
  for (const auto& c : n) {
    if (out[i].empty() || out[i].front() != '/')
      doc.fail(c, fmt::format("{}: expected an absolute path, found '{}'", what, out[i]));
    ++i;
  }
  return out;
}

AvSignatureSource read_signatures(const YamlDoc& doc, const YAML::Node& n) {
  doc.expect_map(n, "signatures");
  doc.only_keys(n, {"kind", "config_files", "default_dirs", "paths", "reason"});
  if (!n["kind"]) doc.fail(n, "signatures: missing 'kind' (clamav, mtime or none)");
  AvSignatureSource s;
  std::string kind = doc.str(n["kind"], "signatures.kind");
  auto refuse = [&](const char* key, const char* for_kind) {
    if (n[key]) doc.fail(n[key], fmt::format("signatures.{} is only for kind {}", key, for_kind));
  };
  if (kind == "clamav") {
    s.kind = AvSignatureSource::Kind::clamav;
    refuse("paths", "mtime");
    refuse("reason", "none");
    if (n["config_files"]) s.config_files = abs_paths(doc, n["config_files"], "signatures.config_files");
    if (n["default_dirs"]) s.default_dirs = abs_paths(doc, n["default_dirs"], "signatures.default_dirs");
    if (s.default_dirs.empty() && s.config_files.empty())
      doc.fail(n, "signatures: kind clamav needs config_files or default_dirs");
  } else if (kind == "mtime") {
    s.kind = AvSignatureSource::Kind::mtime;
    refuse("config_files", "clamav");
    refuse("default_dirs", "clamav");
    refuse("reason", "none");
    if (!n["paths"]) doc.fail(n, "signatures: kind mtime needs paths");
    s.paths = abs_paths(doc, n["paths"], "signatures.paths");
    if (s.paths.empty()) doc.fail(n["paths"], "signatures.paths: expected at least one path");
  } else if (kind == "none") {
    s.kind = AvSignatureSource::Kind::none;
    refuse("config_files", "clamav");
    refuse("default_dirs", "clamav");
    refuse("paths", "mtime");
    if (!n["reason"]) doc.fail(n, "signatures: kind none needs a reason (zh and en)");
    s.reason = read_av_text(doc, n["reason"], "signatures.reason");
  } else {
    doc.fail(n["kind"], fmt::format("signatures.kind: expected clamav, mtime or none, found '{}'", kind));
  }
  return s;
}

// `services`: a list of unit names (role not said), or a map
// {scanner: [...], updater: [...]}.
std::vector<AvService> read_linux_services(const YamlDoc& doc, const YAML::Node& n) {
  std::vector<AvService> out;
  auto add = [&](const YAML::Node& list, AvServiceRole role, std::string_view what) {
    std::vector<std::string> names = doc.str_list(list, what);
    for (std::size_t i = 0; i < names.size(); ++i) {
      const std::string& u = names[i];
      if (u.find('/') != std::string::npos || u.find('.') == std::string::npos)
        doc.fail(list[i], fmt::format("{}: expected a unit name like 'name.service', found '{}'", what, u));
      out.push_back({u, role});
    }
  };
  if (n.IsMap()) {
    doc.only_keys(n, {"scanner", "updater"});
    if (n["scanner"]) add(n["scanner"], AvServiceRole::scanner, "services.scanner");
    if (n["updater"]) add(n["updater"], AvServiceRole::updater, "services.updater");
  } else {
    add(n, AvServiceRole::any, "services");
  }
  return out;
}

AvProduct read_product(const YamlDoc& doc, const YAML::Node& n) {
  doc.expect_map(n, "product");
  doc.only_keys(n, {"id", "name", "packages", "rpm_packages", "paths", "services", "signatures", "windows"});
  if (!n["id"]) doc.fail(n, "product: missing 'id'");
  if (!n["name"]) doc.fail(n, "product: missing 'name'");
  AvProduct p;
  p.id = doc.str(n["id"], "product id");
  if (p.id.empty()) doc.fail(n["id"], "product id: expected a non-empty string");
  p.name = read_av_text(doc, n["name"], "product name");
  // A Windows-only product has none of the Linux keys.
  p.has_linux = n["packages"] || n["rpm_packages"] || n["paths"] || n["services"] || n["signatures"];
  if (n["windows"]) p.windows = read_av_windows(doc, n["windows"]);
  if (!p.has_linux) {
    if (!p.windows)
      doc.fail(n, fmt::format("product '{}': needs a Linux recipe (packages, paths, signatures) or a 'windows' block",
                              p.id));
    return p;
  }
  if (!n["signatures"]) doc.fail(n, "product: missing 'signatures'");
  if (n["packages"]) p.packages = doc.str_list(n["packages"], "packages");
  if (n["rpm_packages"]) p.rpm_packages = doc.str_list(n["rpm_packages"], "rpm_packages");
  if (n["paths"]) p.paths = abs_paths(doc, n["paths"], "paths");
  if (n["services"]) p.services = read_linux_services(doc, n["services"]);
  if (p.packages.empty() && p.rpm_packages.empty() && p.paths.empty())
    doc.fail(n, fmt::format("product '{}': needs packages, rpm_packages or paths to be detected", p.id));
  p.signatures = read_signatures(doc, n["signatures"]);
  return p;
}

}  // namespace

void merge_av_rules(const YamlDoc& doc, AvRules& into) {
  const YAML::Node& root = doc.root;
  if (!root || root.IsNull()) return;  // an empty override file
  doc.expect_map(root, "antivirus rules");
  doc.only_keys(root, {"signature_max_age_days", "products"});
  if (root["signature_max_age_days"])
    into.signature_max_age_days = doc.integer(root["signature_max_age_days"], "signature_max_age_days", 1, 3650);
  if (root["products"]) {
    doc.expect_list(root["products"], "products");
    std::set<std::string> seen;
    for (const auto& n : root["products"]) {
      AvProduct p = read_product(doc, n);
      if (!seen.insert(p.id).second) doc.fail(n["id"], fmt::format("product id '{}' appears twice in this file", p.id));
      bool replaced = false;
      for (auto& q : into.products)
        if (q.id == p.id) {
          q = p;
          replaced = true;
        }
      if (!replaced) into.products.push_back(std::move(p));
    }
  }
}

AvRules load_av_rules(const Rules& rules) {
  AvRules r;
  for (const YamlDoc* d : rules.docs("antivirus")) merge_av_rules(*d, r);
  return r;
}

}  // namespace sc
