// String forms and ordering of statuses; make_finding from a spec.
#include "agent/core/finding.hpp"

#include <tuple>
#include <utility>

namespace sc {

std::string_view to_string(Status s) {
  switch (s) {
    case Status::pass:
      return "pass";
    case Status::warn:
      return "warn";
    case Status::fail:
      return "fail";
    case Status::unknown:
      return "unknown";
    case Status::not_applicable:
      return "not_applicable";
  }
  return "unknown";
}

std::string_view to_string(Severity s) {
  switch (s) {
    case Severity::high:
      return "high";
    case Severity::medium:
      return "medium";
    case Severity::low:
      return "low";
    case Severity::info:
      return "info";
  }
  return "info";
}

std::string_view to_string(Lang l) { return l == Lang::zh ? "zh" : "en"; }

std::optional<Status> status_from_string(std::string_view s) {
  for (Status st : {Status::pass, Status::warn, Status::fail, Status::unknown, Status::not_applicable})
    if (to_string(st) == s) return st;
  return std::nullopt;
}

std::optional<Severity> severity_from_string(std::string_view s) {
  for (Severity sv : {Severity::high, Severity::medium, Severity::low, Severity::info})
    if (to_string(sv) == s) return sv;
  return std::nullopt;
}

int status_rank(Status s) {
  switch (s) {
    case Status::fail:
      return 4;
    case Status::warn:
      return 3;
    case Status::unknown:
      return 2;
    case Status::pass:
      return 1;
    case Status::not_applicable:
      return 0;
  }
  return 2;
}

Status worse(Status a, Status b) { return status_rank(a) >= status_rank(b) ? a : b; }

std::string_view section_of(std::string_view id) { return id.substr(0, id.find('.')); }

std::string zh_reasons(std::string zh) {
  // The fixed English parts of Host::describe, the root walk's and the size
  // caps' messages (agent/core/host.cpp, agent/host/files_posix.cpp,
  // checks/boot), longest first where one contains another.
  static const std::pair<std::string_view, std::string_view> kPhrases[] = {
      {"无法读取 cannot read ", "无法读取 "},
      {"cannot read ", "无法读取 "},
      {" leads outside the audited root (a link to ", " 指向被检查的根目录之外(链接到 "},
      {" leads outside the root (a symbolic link): ", " 指向被检查的根目录之外(符号链接):"},
      {"no permission to read ", "无权读取 "},
      {": run as root", "(需以 root 身份运行)"},
      {" does not exist", " 不存在"},
      {" is a directory", " 是目录"},
      {" is not a regular file", " 不是普通文件"},
      {" is corrupt or not a registry hive: ", "已损坏或不是注册表配置单元:"},
      {" is missing: ", "缺失:"},
      {": only part of it could be read", ",只读取了其开头部分"},
      {" is missing", "缺失"},
      {"no kernel log found (", "未找到内核日志("},
      {", the journal)", "、journal)"},
      {"offline audit: BitLocker's key protectors are not in the registry",
       "离线审计:BitLocker 的密钥保护器不保存在注册表中"},
      {"the boot key cannot be read", "无法读取启动密钥(boot key)"},
      {", not a log file", ",不是日志文件"},
      {"no USB history source could be read", "没有可读取的 USB 历史记录来源"},
      {" not found", " 未找到"},
      {"truncated header (", "文件头不完整("},  // checks/formats/cvd_header.cpp
      {" of 512 bytes)", " / 512 字节)"},
      {"not a ClamAV database header (no ClamAV-VDB: signature)", "不是 ClamAV 病毒库文件头(缺少 ClamAV-VDB: 标记)"},
      {"corrupt header (", "文件头损坏("},
      {" is larger than ", " 大于 "},
      {" bytes (", " 字节("},
      {" bytes)", " 字节)"},
      {" bytes", " 字节"},
  };
  if (zh.find_first_of("abcdefghijklmnopqrstuvwxyz") == std::string::npos) return zh;
  // Offline hives (agent/host/registry_files.cpp): "the SAM hive is missing:
  // X", "the SYSTEM hive is corrupt or not a registry hive: X (why)"; event
  // logs (agent/host/event_log_evtx.cpp): "the System event log is missing:
  // X".
  for (auto [suffix, cn, names] :
       {std::tuple<std::string_view, std::string_view, std::string_view>{" hive", " 注册表配置单元",
                                                                         "ABCDEFGHIJKLMNOPQRSTUVWXYZ._"},
        {" event log", " 事件日志", "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-/"}}) {
    for (std::size_t p = zh.find("the "); p != std::string::npos; p = zh.find("the ", p + 1)) {
      std::size_t e = zh.find(suffix, p + 4);
      if (e == std::string::npos) break;
      if (e == p + 4) continue;
      std::string_view name(zh.data() + p + 4, e - p - 4);
      if (name.find_first_not_of(names) != std::string_view::npos) continue;
      zh.replace(p, e + suffix.size() - p, std::string(name) + std::string(cn));
    }
  }
  for (const auto& [en, cn] : kPhrases) {
    for (std::size_t p = zh.find(en); p != std::string::npos; p = zh.find(en, p + cn.size()))
      zh.replace(p, en.size(), cn);
  }
  return zh;
}

Finding make_finding(const FindingSpec& spec, Status status, Text detail, Evidence evidence) {
  Finding f;
  f.id = spec.id;
  f.section = std::string(section_of(spec.id));
  f.status = status;
  f.severity = spec.severity;
  f.title = spec.title;
  f.detail = std::move(detail);
  f.detail.zh = zh_reasons(std::move(f.detail.zh));
  f.remediation = spec.remediation;
  f.evidence = std::move(evidence);
  return f;
}

}  // namespace sc
