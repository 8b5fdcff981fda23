// patch.pending_security on Windows, the judgement: the machine's build and
// UBR against rules/windows_builds.yaml (lookup rules of the schema). Pure:
// facts and the clock in, a finding out, so every outcome is tested without
// a hive.
#include <fmt/format.h>

#include "checks/patch/patch_probe.hpp"

namespace sc::patch {

namespace {

bool is_server(const WinOsFacts& f) {
  if (!f.installation_type.empty()) return f.installation_type != "Client";
  if (f.product_name.find("Server") != std::string::npos) return true;
  return f.edition.rfind("Server", 0) == 0 && f.edition != "ServerRdsh";
}

std::string today(const Host& host) { return host.zone().date(host.now()); }

long age_days(const Host& host, const std::string& date) {
  auto t = parse_time(date, host.zone());
  return t ? days_between(*t, host.now()) : 0;
}

}  // namespace

Finding judge_windows_release(const WindowsBuilds& data, const WinOsFacts& f, const Host& host, std::int64_t limit,
                              const FindingSpec& spec) {
  Evidence ev;
  if (!f.error.empty())
    return make_finding(spec, Status::unknown,
                        Text{"无法读取操作系统版本:" + f.error, "cannot read the OS build: " + f.error}, std::move(ev));
  ev["build"] = f.build;
  if (f.ubr) ev["ubr"] = static_cast<std::int64_t>(*f.ubr);
  if (!f.edition.empty()) ev["edition"] = f.edition;
  if (data.empty())
    return make_finding(
        spec, Status::unknown,
        Text{"缺少 Windows 版本数据(rules/windows_builds.yaml)", "no Windows build data (rules/windows_builds.yaml)"},
        std::move(ev));
  ev["data_as_of"] = data.data_as_of;
  ev["limit_days"] = limit;
  bool server = is_server(f);
  std::string build_text = f.ubr ? fmt::format("{}.{}", f.build, *f.ubr) : std::to_string(f.build);
  const WinBuild* b = data.find(f.build, server);
  if (!b) {
    if (!server && f.build > data.newest_client_build())
      return make_finding(
          spec, Status::pass,
          Text{fmt::format("版本 {} 比规则数据({})中的所有版本都新", build_text, data.data_as_of),
               fmt::format("build {} is newer than every build in the rules data of {}", build_text, data.data_as_of)},
          std::move(ev));
    return make_finding(spec, Status::unknown,
                        Text{fmt::format("规则数据中没有 Windows 版本 {}", build_text),
                             fmt::format("Windows build {} is not in the rules data", build_text)},
                        std::move(ev));
  }
  ev["os"] = b->name.en;
  std::string group = data.group_of(f.edition);
  std::string eos = end_of_support(*b, group);
  ev["end_of_support"] = eos;
  const std::string now = today(host);
  UbrPlace place = place_ubr(*b, f.ubr);

  auto stopped = [&](const std::string& extra_zh, const std::string& extra_en) {
    return make_finding(spec, Status::fail,
                        Text{fmt::format("该计算机操作系统为 {},已停止安全更新(自 {} 起){}", b->name.zh, eos, extra_zh),
                             fmt::format("the operating system is {}, which no longer receives security updates "
                                         "since {}{}",
                                         b->name.en, eos, extra_en)},
                        std::move(ev));
  };

  std::string esu_zh, esu_en;
  if (now > eos) {
    std::string esu_end;
    for (const auto& [k, d] : b->esu)
      if (d > esu_end) esu_end = d;
    if (esu_end.empty() || now > esu_end) return stopped("", "");
    // Within an ESU period: a UBR released after end_of_support proves enrolment.
    bool enrolled = place.update &&
                    (place.kind == UbrPlace::exact || place.kind == UbrPlace::estimated ||
                     place.kind == UbrPlace::newer_than_data) &&
                    (place.kind == UbrPlace::newer_than_data || place.update->released > eos);
    if (!enrolled) return stopped(",且未见扩展安全更新(ESU)", ", and shows no Extended Security Update (ESU)");
    ev["esu_until"] = esu_end;
    esu_zh = fmt::format(";扩展安全更新(ESU)至 {}", esu_end);
    esu_en = fmt::format("; covered by ESU until {}", esu_end);
  }

  switch (place.kind) {
    case UbrPlace::no_ubr:
      return make_finding(spec, Status::unknown,
                          Text{fmt::format("{} 无法由版本号(UBR)判断补丁级别", b->name.zh),
                               fmt::format("{}: the patch level cannot be told without a UBR", b->name.en)},
                          std::move(ev));
    case UbrPlace::newer_than_data:
      return make_finding(spec, Status::pass,
                          Text{fmt::format("{} 版本 {},比规则数据({})中最新的累积更新还新{}", b->name.zh, build_text,
                                           data.data_as_of, esu_zh),
                               fmt::format("{} build {}: UBR newer than rules data of {}{}", b->name.en, build_text,
                                           data.data_as_of, esu_en)},
                          std::move(ev));
    case UbrPlace::older_than_data: {
      ev["oldest_listed"] = place.update->released;
      return make_finding(
          spec, Status::fail,
          Text{fmt::format("{} 版本 {} 早于规则数据中最早列出的累积更新({}),已超过 {} 天未安装安全更新", b->name.zh,
                           build_text, place.update->released, limit),
               fmt::format("{} build {} is older than the oldest listed update ({}): security updates more than {} "
                           "days behind",
                           b->name.en, build_text, place.update->released, limit)},
          std::move(ev));
    }
    case UbrPlace::exact:
    case UbrPlace::estimated: {
      const WinUpdate& u = *place.update;
      long days = age_days(host, u.released);
      ev["release_date"] = u.released;
      if (!u.kb.empty()) ev["kb"] = u.kb;
      ev["release_age_days"] = static_cast<std::int64_t>(days);
      std::string est_zh = place.kind == UbrPlace::estimated ? "(按最接近的较早更新估计)" : "";
      std::string est_en = place.kind == UbrPlace::estimated ? " (date estimated from the nearest older update)" : "";
      if (days > limit)
        return make_finding(
            spec, Status::fail,
            Text{fmt::format("{} 版本 {} 的累积更新发布于 {}{}({} 天前),超过 {} 天未安装新的安全更新{}", b->name.zh,
                             build_text, u.released, est_zh, days, limit, esu_zh),
                 fmt::format("{} build {}: its cumulative update was released {}{} ({} days ago), more than {} days "
                             "without security updates{}",
                             b->name.en, build_text, u.released, est_en, days, limit, esu_en)},
            std::move(ev));
      return make_finding(spec, Status::pass,
                          Text{fmt::format("{} 版本 {} 的累积更新发布于 {}{}({} 天前){}", b->name.zh, build_text,
                                           u.released, est_zh, days, esu_zh),
                               fmt::format("{} build {}: cumulative update of {}{} ({} days ago){}", b->name.en,
                                           build_text, u.released, est_en, days, esu_en)},
                          std::move(ev));
    }
  }
  return make_finding(spec, Status::unknown, Text{"?", "?"}, std::move(ev));
}

}  // namespace sc::patch
