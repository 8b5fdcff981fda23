#!/usr/bin/env python3
"""Writes N realistic, validly sealed findings files (YAML, as the agent
writes them) under DIR/selfcheck/<date>/ for the summary benchmark.
The hash is SHA-256 over canonical JSON (keys sorted, no spaces, UTF-8)."""
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

IDS = ["antivirus.installed", "antivirus.service_enabled", "antivirus.signature_age", "boot.loader_password",
       "boot.empty_passwords", "boot.autologin", "boot.password_age", "usb.storage_history", "usb.unapproved_storage",
       "usb.phone_connected", "network.internet_reachable", "network.default_route", "network.wireless",
       "network.tethering_history", "network.wifi_profiles", "network.internet_history", "patch.last_update",
       "patch.pending_security", "patch.reboot_required"]

def doc(i, rnd):
    conf = i % 6 == 0
    findings = []
    for fid in IDS:
        sec = fid.split(".")[0]
        st = "pass"
        if sec == "network" and not conf: st = "not_applicable"
        elif rnd.random() < 0.03: st = "fail"
        elif rnd.random() < 0.03: st = "warn"
        elif rnd.random() < 0.02: st = "unknown"
        findings.append({"id": fid, "section": sec, "status": st, "severity": "high" if st == "fail" else "info",
                         "title": f"{fid} 标题", "detail": f"检查 {fid}:病毒库 2026-11-19 更新(1 天前),共 {i % 7} 项",
                         "evidence": {"files": ["/var/log/syslog", "/var/log/syslog.1"], "count": i % 9, "ok": st == "pass"},
                         "remediation": "按要求整改:升级病毒库;设置引导密码。"})
    counts = {k: sum(f["status"] == k for f in findings) for k in ["pass", "warn", "fail", "unknown", "not_applicable"]}
    usb = [{"vid": "0781", "pid": "5583", "serial": f"4C5310015509171{(i * 7919) % 100000:05d}", "vendor": "SanDisk",
            "product": "Ultra Fit", "kind": "storage", "first_seen": "2026-11-18T10:15:00+08:00",
            "last_seen": "2026-11-18T10:15:00+08:00", "connections": 2, "approved": False,
            "sources": ["/var/log/kern.log", "journal"]} for _ in range(3)]
    d = {"schema": "selfcheck.findings/1", "agent": {"version": "0.1.0", "rules_digest": "sha256:" + "ab" * 32},
         "scan": {"started": "2026-11-20T16:00:00+08:00", "finished": "2026-11-20T16:00:01+08:00",
                  "as_of": "2026-11-20T16:00:00+08:00", "root": "/", "duration_ms": 640, "lang": "zh"},
         "host": {"hostname": f"PC-{i:05d}", "machine_id": hashlib.md5(str(i).encode()).hexdigest(),
                  "os": "Debian GNU/Linux 12 (bookworm)", "kernel": "6.1.0-26-amd64", "asset_id": f"A-{i}",
                  "owner": f"使用人{i % 97}", "department": f"第{i % 13}科",
                  "classification": "confidential" if conf else "internal"},
         "verdict": "fail" if counts["fail"] else "pass", "counts": counts, "findings": findings, "usb_devices": usb}
    canon = json.dumps(d, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    d["integrity"] = {"sha256": hashlib.sha256(canon.encode()).hexdigest()}
    return yaml(d)

def main():
    out, n = sys.argv[1], int(sys.argv[2])
    rnd = random.Random(8)
    day = os.path.join(out, "selfcheck", "2026-11-20")
    os.makedirs(day, exist_ok=True)
    for i in range(n):
        with open(os.path.join(day, f"PC-{i:05d}.yaml"), "w", encoding="utf-8") as f:
            f.write(doc(i, rnd))

main()
