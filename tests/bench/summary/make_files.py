#!/usr/bin/env python3
"""Writes N realistic, validly sealed findings files (selfcheck.findings/2,
YAML as the agent writes them) under DIR/selfcheck/<date>/ for the summary
benchmark: varied machines (departments, users, classifications), findings
with the probes' wording in zh and en, USB devices with shared sticks
(cross-use), some machines scanned twice (older files), a few clones.
The hash is SHA-256 over canonical JSON (keys sorted, no spaces, UTF-8).
Usage: make_files.py DIR N [SEED]"""
import hashlib, json, os, random, sys

def q(s):  # a double-quoted scalar valid in YAML and JSON
    return json.dumps(s, ensure_ascii=False)

def yaml(v, indent=0, prefix=None):
    pad = " " * indent
    first = prefix if prefix is not None else pad
    out = []
    def scalar(x):
        if isinstance(x, bool): return "true" if x else "false"
        if isinstance(x, int): return str(x)
        if isinstance(x, str): return q(x)
        if isinstance(x, list): return "[]"
        if isinstance(x, dict): return "{}"
    if isinstance(v, dict):
        for n, (k, x) in enumerate(v.items()):
            lead = first if n == 0 else pad
            if isinstance(x, (dict, list)) and x:
                out.append(f"{lead}{k}:\n" + yaml(x, indent + 2))
            else:
                out.append(f"{lead}{k}: {scalar(x)}\n")
    else:
        for n, x in enumerate(v):
            lead = (first if n == 0 else pad) + "- "
            if isinstance(x, (dict, list)) and x:
                out.append(yaml(x, indent + 2, lead))
            else:
                out.append(f"{lead}{scalar(x)}\n")
    return "".join(out)

def T(zh, en):
    return {"zh": zh, "en": en}

# id: (title, pass text, problem text, remediation)
SPECS = {
    "antivirus.installed": (T("防病毒软件安装", "Antivirus installed"), T("已安装 ClamAV 1.0.7", "ClamAV 1.0.7 installed"),
                            T("未安装防病毒软件", "no antivirus product is installed"),
                            T("安装单位统一配发的防病毒软件,并开启自动升级", "Install the unit's antivirus product and turn on automatic updates")),
    "antivirus.service_enabled": (T("防病毒服务", "Antivirus service"), T("防病毒服务已启用", "the antivirus service is enabled"),
                                  T("病毒库升级服务 clamav-freshclam 未启用", "the signature update service clamav-freshclam is not enabled"),
                                  T("启用病毒库升级服务", "Enable the signature update service")),
    "antivirus.signature_age": (T("病毒库更新", "Signature age"), T("病毒库 2026-11-19 更新(1 天前)", "signatures of 2026-11-19 (1 day old)"),
                                T("病毒库 2026-10-01 更新(50 天前),超过 7 天未更新", "signatures of 2026-10-01 (50 days old), older than 7 days"),
                                T("立即升级病毒库(如 freshclam)", "Update the signatures now (e.g. freshclam)")),
    "boot.loader_password": (T("引导密码", "Boot loader password"), T("GRUB 已设置引导密码", "GRUB has a boot password"),
                             T("GRUB 未设置引导密码", "GRUB has no boot password"),
                             T("为 GRUB 设置 superusers 和 password_pbkdf2", "Set superusers and password_pbkdf2 in GRUB")),
    "boot.empty_passwords": (T("空密码账户", "Empty passwords"), T("登录账户均已设置密码", "every login account has a password"),
                             T("1 个登录账户未设置密码(空密码):guest", "1 login account has an empty password: guest"),
                             T("为所列账户设置密码,或锁定不用的账户", "Set a password for the accounts listed or lock them")),
    "boot.autologin": (T("自动登录", "Automatic login"), T("未启用自动登录", "no automatic login"),
                       T("已启用自动登录:gdm 自动登录账户 user", "automatic login enabled: gdm logs in user"),
                       T("关闭自动登录", "Turn automatic login off")),
    "boot.password_age": (T("密码期限", "Password age"), T("密码最长使用期限 90 天", "passwords expire after 90 days"),
                          T("/etc/login.defs 中 PASS_MAX_DAYS 为 99999(要求不超过 90 天)", "PASS_MAX_DAYS is 99999 in /etc/login.defs (at most 90 days required)"),
                          T("在 /etc/login.defs 中设置 PASS_MAX_DAYS 90", "Set PASS_MAX_DAYS 90 in /etc/login.defs")),
    "usb.storage_history": (T("USB 存储设备记录", "USB storage history"), T("发现 USB 存储设备接入记录 {n} 条", "{n} USB storage connections found"),
                            None, T("", "")),
    "usb.unapproved_storage": (T("未登记 USB 存储设备", "Unapproved USB storage"), T("接入过的 USB 存储设备均已登记", "all USB storage devices seen are registered"),
                               T("接入过未登记的 USB 存储设备 1 个:{dev}", "1 unregistered USB storage device(s) connected: {dev}"),
                               T("核查该设备来源及拷贝内容;登记或收回该设备", "Check where the device came from; register or withdraw it")),
    "usb.phone_connected": (T("手机连接", "Phone connected"), T("未发现手机连接记录", "no phone connection found"),
                            T("发现手机连接记录 1 个设备:Apple Inc. iPhone", "1 phone(s) connected: Apple Inc. iPhone"),
                            T("禁止手机连接本机(含充电)", "Do not connect phones (not even to charge)")),
    "network.internet_reachable": (T("互联网连通", "Internet reachable"), T("配置的目标均不可达", "no configured target answers"),
                                   T("可连接 203.0.113.7:443", "203.0.113.7:443 answers"), T("断开互联网连接", "Disconnect from the Internet")),
    "network.default_route": (T("默认路由", "Default route"), T("无默认路由", "no default route"), T("存在默认路由 via 10.0.0.1", "a default route via 10.0.0.1"),
                              T("删除默认路由", "Remove the default route")),
    "network.wireless": (T("无线网卡", "Wireless interface"), T("无无线网卡", "no wireless interface"), T("存在无线网卡 wlp2s0", "wireless interface wlp2s0"),
                         T("拆除无线网卡", "Remove the wireless card")),
    "network.tethering_history": (T("USB 共享网络", "USB tethering"), T("未发现 USB 共享网络设备", "no USB tethering device"),
                                  T("发现 USB 共享网络设备接入记录 1 个", "1 USB tethering device attached"), T("核查接入的手机或上网卡", "Check the phone or modem attached")),
    "network.wifi_profiles": (T("无线网络配置", "Wi-Fi profiles"), T("无已保存的无线网络配置", "no saved Wi-Fi profile"),
                              T("保存有无线网络配置 2 个:Office-5G、Guest", "2 saved Wi-Fi profiles: Office-5G, Guest"), T("删除已保存的无线网络配置", "Delete the saved Wi-Fi profiles")),
    "network.internet_history": (T("互联网连接记录", "Internet history"), T("未发现连接互联网的记录", "no sign of Internet connections"),
                                 T("日志显示本机曾连接互联网(3 条记录)", "logs show Internet connections (3 records)"), T("查明连接互联网的时间、方式和责任人", "Find out when and how it connected")),
    "patch.last_update": (T("最近更新", "Last update"), T("最近一次更新 2026-11-02", "last update 2026-11-02"),
                          T("最近一次更新 2026-08-02,超过 30 天", "last update 2026-08-02, over 30 days ago"), T("安装系统更新", "Install the system updates")),
    "patch.pending_security": (T("待安装安全更新", "Pending security updates"), T("待安装安全更新 0 个", "0 pending security updates"),
                               T("待安装安全更新 3 个:openssl、libssl3、curl", "3 pending security updates: openssl, libssl3, curl"),
                               T("安装列出的安全更新", "Install the security updates listed")),
    "patch.reboot_required": (T("待重启", "Reboot required"), T("无待重启的更新", "no reboot pending"), T("更新后待重启", "a reboot is pending after updates"),
                              T("重启计算机", "Reboot the computer")),
}
# Evidence as the probes write it, so files have the size of real ones (~20 KB).
EXTRA = {
    "antivirus": {"products_known": 14, "products": ["clamav"], "detected_by": ["dpkg:clamav", "dpkg:clamav-daemon", "/usr/bin/clamscan"],
                  "databases": ["/var/lib/clamav/daily.cld", "/var/lib/clamav/main.cvd", "/var/lib/clamav/bytecode.cvd"]},
    "boot": {"loader": "grub", "config": "/boot/grub/grub.cfg", "accounts": ["root", "admin", "user", "guest", "backup"],
             "files": ["/etc/shadow", "/etc/login.defs", "/etc/gdm3/daemon.conf", "/etc/lightdm/lightdm.conf"]},
    "usb": {"problems": [], "ledger": "/var/lib/selfcheck/usb-ledger.yaml (12 devices)"},
    "network": {"targets": ["127.0.0.1:9"], "timeout_ms": 1500, "interfaces": ["lo", "enp3s0"],
                "files": ["/proc/net/route", "/etc/NetworkManager/system-connections", "/var/lib/dhcp"]},
    "patch": {"lists": ["deb.debian.org_debian_dists_bookworm_InRelease", "deb.debian.org_debian_dists_bookworm-updates_InRelease",
                        "security.debian.org_debian-security_dists_bookworm-security_InRelease",
                        "security.debian.org_debian-security_dists_bookworm-security_main_binary-amd64_Packages.lz4"],
              "installed_packages": 1834, "history": ["/var/log/apt/history.log", "/var/log/apt/history.log.1.gz", "/var/log/dpkg.log"]},
}
DEPTS = ["办公室", "财务科", "人事科", "信息中心", "档案室", "法规科", "综合科", "业务一科", "业务二科", "后勤服务中心",
         "监察室", "宣传科", "审计科", "规划科", "安全保卫科"]
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚"

def doc(i, rnd, when, machine):
    conf, cls = machine["conf"], machine["cls"]
    findings = []
    usb = []
    nstore = rnd.randint(0, 4)
    for k in range(nstore):
        shared = rnd.random() < 0.05
        serial = f"SHARED{rnd.randrange(300):06d}" if shared else f"4C53{(i * 7919 + k) % 10**12:012d}"
        usb.append({"vid": "0781", "pid": "5583", "serial": serial, "vendor": "SanDisk", "product": "Ultra Fit",
                    "kind": "storage", "first_seen": "2026-11-18T10:15:00+08:00", "last_seen": "2026-11-18T10:15:00+08:00",
                    "connections": rnd.randint(1, 9), "approved": rnd.random() < 0.8, "sources": ["/var/log/syslog", "journal"]})
    for fid, (title, ok, bad, rem) in SPECS.items():
        sec = fid.split(".")[0]
        st, text, ev = "pass", ok, {"sources": ["/var/log/syslog", "/var/log/syslog.1", "journal"]}
        if sec == "network" and not conf:
            st, text = "not_applicable", T("非涉密计算机,不适用", "not a confidential computer: not applicable")
        elif bad is not None and rnd.random() < 0.04:
            st, text = ("warn" if rnd.random() < 0.3 else "fail"), bad
        elif rnd.random() < 0.02:
            st, text = "unknown", T("无法读取 /var/log/apt/history.log:权限不足", "cannot read /var/log/apt/history.log: permission denied")
        ev.update(EXTRA.get(sec, {}))
        if fid == "usb.storage_history":
            text = {k: v.format(n=nstore) for k, v in ok.items()}
            ev["devices"] = nstore
            ev["storage_devices"] = [f"0781:5583 SanDisk Ultra Fit serial={u['serial']} first=2026-11-18T10:15:00+08:00 "
                                     f"last=2026-11-18T10:15:00+08:00 connections={u['connections']} sources=/var/log/syslog,journal"
                                     for u in usb]
        if fid == "usb.unapproved_storage" and st in ("fail", "warn") and usb:
            d = usb[0]
            text = {k: v.format(dev=f"SanDisk Ultra Fit({d['serial']})") for k, v in bad.items()}
            ev["serials"] = [d["serial"]]
            ev["devices"] = [f"0781:5583 SanDisk Ultra Fit serial={d['serial']} first=2026-11-18T10:15:00+08:00 connections=2"]
        elif fid == "usb.unapproved_storage" and st in ("fail", "warn"):
            st, text = "pass", ok
        findings.append({"id": fid, "section": sec, "status": st, "severity": "high" if st == "fail" else "info",
                         "title": title, "detail": text, "evidence": ev, "remediation": rem})
    counts = {k: sum(f["status"] == k for f in findings) for k in ["pass", "warn", "fail", "unknown", "not_applicable"]}
    d = {"schema": "selfcheck.findings/2", "agent": {"version": "0.1.0", "rules_digest": "sha256:" + "ab" * 32},
         "scan": {"started": when, "finished": when, "as_of": when, "root": "/", "duration_ms": 640},
         "host": {"hostname": machine["hostname"], "machine_id": machine["machine_id"],
                  "os": "Debian GNU/Linux 12 (bookworm)", "kernel": "6.1.0-26-amd64", "asset_id": machine["asset"],
                  "owner": machine["owner"], "department": machine["dept"], "classification": cls},
         "verdict": "fail" if counts["fail"] else "pass", "counts": counts, "findings": findings, "usb_devices": usb}
    canon = json.dumps(d, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    d["integrity"] = {"sha256": hashlib.sha256(canon.encode()).hexdigest()}
    return yaml(d)

def main():
    out, n = sys.argv[1], int(sys.argv[2])
    rnd = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 8)
    written = 0
    i = 0
    while written < n:
        r = rnd.random()
        cls = "confidential" if r < 0.17 else ("public" if r < 0.27 else "internal")
        machine = {"hostname": f"PC-{i:06d}", "machine_id": hashlib.md5(str(i).encode()).hexdigest(),
                   "asset": f"A-{i}", "owner": rnd.choice(SURNAMES) + rnd.choice(GIVEN) + (rnd.choice(GIVEN) if rnd.random() < 0.6 else ""),
                   "dept": rnd.choice(DEPTS), "cls": cls, "conf": cls == "confidential"}
        if i % 997 == 5 and i > 0:  # a clone of the previous machine's image
            machine["machine_id"] = hashlib.md5(str(i - 1).encode()).hexdigest()
        scans = ["2026-11-20T16:00:00+08:00"] + (["2026-11-13T16:00:00+08:00"] if rnd.random() < 0.05 else [])
        for when in scans:
            if written >= n:
                break
            day = os.path.join(out, "selfcheck", when[:10])
            os.makedirs(day, exist_ok=True)
            with open(os.path.join(day, f"{machine['hostname']}-{machine['machine_id'][:8]}.yaml"), "w", encoding="utf-8") as f:
                f.write(doc(i, rnd, when, machine))
            written += 1
        i += 1

main()
