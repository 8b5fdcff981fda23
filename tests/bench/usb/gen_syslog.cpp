// Generates a realistic Debian 12 syslog (RFC 3339 timestamps) for the USB
// scan benchmark, shaped like the 1 GB office-PC syslog measured for issue 14:
// per GB about 7.7 M lines, 28 % of them kernel lines (UFW firewall blocks,
// iwlwifi/wlp2s0 Wi-Fi, AppArmor audit), desktop and Wi-Fi daemon noise,
// ~950 boots (each enumerating 4 root hubs and a webcam), ~2.95 k hot-plugged
// devices (drives with usb-storage, phones, mice, failed enumerations): about
// 3.9 k USB connections, 7.7 k "New USB device found" lines and 2.6 k
// usb-storage lines per GB. Rates scale with the size asked for.
//   gen_syslog SIZE_MB OUT_FILE
#include <cinttypes>
#include <cstdarg>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <string>

namespace {

std::uint64_t rng_state = 0x9E3779B97F4A7C15ull;
std::uint64_t rnd() {
  rng_state ^= rng_state << 13;
  rng_state ^= rng_state >> 7;
  rng_state ^= rng_state << 17;
  return rng_state;
}

// Noise, weighted by repetition. %d: a varying number.
const char* kKernelNoise[] = {
    "[UFW BLOCK] IN=wlp2s0 OUT= MAC=01:00:5e:00:00:01:a4:2b:b0:c1:d2:e3:08:00 SRC=192.168.1.1 DST=224.0.0.1 LEN=36 "
    "TOS=0x00 PREC=0xC0 TTL=1 ID=0 DF PROTO=2",
    "[UFW BLOCK] IN=wlp2s0 OUT= MAC=ff:ff:ff:ff:ff:ff:3c:22:fb:8e:10:44:08:00 SRC=192.168.1.23 DST=192.168.1.255 "
    "LEN=78 TOS=0x00 PREC=0x00 TTL=64 ID=%d DF PROTO=UDP SPT=137 DPT=137 LEN=58",
    "[UFW BLOCK] IN=wlp2s0 OUT= MAC=33:33:00:00:00:fb:5c:e9:1e:4a:71:02:86:dd SRC=fe80:0000:0000:0000:1c4b:2a77:"
    "9e3d:0c11 DST=ff02:0000:0000:0000:0000:0000:0000:00fb LEN=112 TC=0 HOPLIMIT=255 FLOWLBL=%d PROTO=UDP SPT=5353 "
    "DPT=5353 LEN=72",
    "[UFW AUDIT] IN= OUT=wlp2s0 SRC=192.168.1.17 DST=52.114.128.%d LEN=60 TOS=0x00 PREC=0x00 TTL=64 ID=41234 DF "
    "PROTO=TCP SPT=51544 DPT=443 WINDOW=64240 RES=0x00 SYN URGP=0",
    "[UFW BLOCK] IN=wlp2s0 OUT= MAC=a4:2b:b0:c1:d2:e3:3c:22:fb:8e:10:44:08:00 SRC=192.168.1.40 DST=192.168.1.17 "
    "LEN=44 TOS=0x00 PREC=0x00 TTL=64 ID=%d PROTO=TCP SPT=39021 DPT=8009 WINDOW=1024 RES=0x00 SYN URGP=0",
    "wlp2s0: authenticate with 3c:22:fb:8e:10:44",
    "wlp2s0: send auth to 3c:22:fb:8e:10:44 (try 1/3)",
    "wlp2s0: authenticated",
    "wlp2s0: associate with 3c:22:fb:8e:10:44 (try 1/3)",
    "wlp2s0: RX AssocResp from 3c:22:fb:8e:10:44 (capab=0x1411 status=0 aid=%d)",
    "wlp2s0: associated",
    "iwlwifi 0000:00:14.3: Unhandled alg: 0x%x",
    "wlp2s0: deauthenticating from 3c:22:fb:8e:10:44 by local choice (Reason: 3=DEAUTH_LEAVING)",
    "audit: type=1400 audit(1795148102.123:%d): apparmor=\"DENIED\" operation=\"open\" class=\"file\" "
    "profile=\"snap.firefox.firefox\" name=\"/proc/pressure/memory\" pid=4242 comm=\"firefox\"",
    "usb 1-5: reset high-speed USB device number 3 using xhci_hcd",
};
const char* kOtherNoise[] = {
    "systemd[1]: Starting sysstat-collect.service - system activity accounting tool...",
    "systemd[1]: sysstat-collect.service: Deactivated successfully.",
    "systemd[1]: Finished sysstat-collect.service - system activity accounting tool.",
    "CRON[%d]: (root) CMD (command -v debian-sa1 > /dev/null && debian-sa1 1 1)",
    "NetworkManager[812]: <info>  [1795148%03d.1234] dhcp4 (wlp2s0): state changed new lease, address=192.168.1.17",
    "NetworkManager[812]: <info>  [1795148%03d.5521] device (wlp2s0): supplicant interface state: completed -> "
    "4way_handshake",
    "wpa_supplicant[901]: wlp2s0: CTRL-EVENT-SIGNAL-CHANGE above=1 signal=-%d noise=9999 txrate=144400",
    "wpa_supplicant[901]: wlp2s0: CTRL-EVENT-CONNECTED - Connection to 3c:22:fb:8e:10:44 completed [id=0 id_str=]",
    "wpa_supplicant[901]: wlp2s0: WPA: Group rekeying completed with 3c:22:fb:8e:10:44 [GTK=CCMP]",
    "wpa_supplicant[901]: wlp2s0: CTRL-EVENT-BEACON-LOSS",
    "gnome-shell[1544]: Window manager warning: Buggy client sent a _NET_ACTIVE_WINDOW message with a timestamp of 0 "
    "for 0x2a0000b",
    "gnome-shell[1544]: JS ERROR: TypeError: this._windowActor is null",
    "sshd[%d]: Connection closed by authenticating user admin 198.51.100.23 port 52344 [preauth]",
    "rsyslogd[655]: imuxsock: Acquired UNIX socket '/run/systemd/journal/syslog' (fd 3) from systemd.  [v8.2302.0]",
    "systemd[1]: Started anacron.service - Run anacron jobs.",
    "anacron[%d]: Normal exit (0 jobs run)",
    "systemd-logind[720]: New session %d of user admin.",
    "pulseaudio[1402]: W: [pulseaudio] sink-input.c: Failed to create sink input: too many inputs per sink.",
    "avahi-daemon[702]: Registering new address record for fe80::1c4b:2a77:9e3d:c11 on wlp2s0.*.",
    "systemd-resolved[640]: wlp2s0: Bus client set search domain list to: lan",
    "kded5[1702]: org.kde.bluez.adapter: Adapter does not have a valid address",
};
constexpr int kKernelCount = sizeof kKernelNoise / sizeof kKernelNoise[0];
constexpr int kOtherCount = sizeof kOtherNoise / sizeof kOtherNoise[0];

struct Gen {
  FILE* out;
  std::uint64_t written = 0, lines = 0, kernel_lines = 0, found = 0, storage_lines = 0, connections = 0;
  std::time_t t = 1764547200;  // 2025-12-01T00:00:00Z
  std::time_t boot = t;
  int usec = 0;
  char stamp[64], line[1200];

  void put(const char* msg, bool kernel) {
    std::tm tm{};
    std::time_t local = t + 8 * 3600;
    gmtime_r(&local, &tm);
    std::snprintf(stamp, sizeof stamp, "%04d-%02d-%02dT%02d:%02d:%02d.%06d+08:00", tm.tm_year + 1900, tm.tm_mon + 1,
                  tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, usec);
    int n;
    if (kernel)
      n = std::snprintf(line, sizeof line, "%s PC-0123 kernel: [%6ld.%06d] %s\n", stamp, static_cast<long>(t - boot),
                        usec, msg);
    else
      n = std::snprintf(line, sizeof line, "%s PC-0123 %s\n", stamp, msg);
    std::fwrite(line, 1, static_cast<std::size_t>(n), out);
    written += static_cast<std::uint64_t>(n);
    ++lines;
    if (kernel) ++kernel_lines;
    if (std::strstr(msg, "New USB device found")) ++found;
    if (std::strncmp(msg, "usb-storage ", 12) == 0 || std::strstr(msg, ": usb-storage ")) ++storage_lines;
    if (std::strstr(msg, ": new ") && std::strstr(msg, "USB device number")) ++connections;
    usec = (usec + 1000 + static_cast<int>(rnd() % 20000)) % 1000000;
  }
  void k(const char* fmt, ...) __attribute__((format(printf, 2, 3))) {
    char msg[1000];
    va_list ap;
    va_start(ap, fmt);
    std::vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    put(msg, true);
  }

  void identity(const char* port, const char* vid, const char* pid, const char* mfr, const char* prod,
                const char* serial) {
    k("usb %s: New USB device found, idVendor=%s, idProduct=%s, bcdDevice= 1.00", port, vid, pid);
    k("usb %s: New USB device strings: Mfr=1, Product=2, SerialNumber=%d", port, serial ? 3 : 0);
    k("usb %s: Product: %s", port, prod);
    k("usb %s: Manufacturer: %s", port, mfr);
    if (serial) k("usb %s: SerialNumber: %s", port, serial);
  }

  int devnum = 2, scsi_host = 6;
  void do_boot() {
    t += 3600 + static_cast<std::time_t>(rnd() % 30000);
    boot = t;
    devnum = 2;
    k("Linux version 6.1.0-27-amd64 (debian-kernel@lists.debian.org) (gcc-12 (Debian 12.2.0-14) 12.2.0, GNU ld (GNU "
      "Binutils for Debian) 2.40) #1 SMP PREEMPT_DYNAMIC Debian 6.1.115-1 (2024-11-01)");
    k("Command line: BOOT_IMAGE=/boot/vmlinuz-6.1.0-27-amd64 root=UUID=0b7e1c2d-3f4a-4b5c-8d9e-0f1a2b3c4d5e ro quiet");
    for (int i = 0; i < 30; ++i) k("ACPI: \\_SB_.PCI0.LPCB.EC0_: boot probe %d", i);
    for (int bus = 1; bus <= 4; ++bus) {
      char port[8];
      std::snprintf(port, sizeof port, "usb%d", bus);
      k("usb %s: New USB device found, idVendor=1d6b, idProduct=%s, bcdDevice= 6.01", port, bus % 2 ? "0002" : "0003");
      k("usb %s: New USB device strings: Mfr=3, Product=2, SerialNumber=1", port);
      k("usb %s: Product: xHCI Host Controller", port);
      k("hub %d-0:1.0: USB hub found", bus);
    }
    ++t;
    k("usb 1-6: new high-speed USB device number %d using xhci_hcd", devnum++);
    identity("1-6", "04f2", "b6dd", "Chicony Electronics Co.,Ltd.", "Integrated Camera", "0001");
    k("uvcvideo 1-6:1.0: Found UVC 1.00 device Integrated Camera (04f2:b6dd)");
  }

  int plugs = 0;
  void do_plug() {
    ++plugs;
    int dev = devnum++;
    const char* port = plugs % 3 == 0 ? "1-1" : plugs % 3 == 1 ? "1-2" : "2-1";
    char serial[32];
    std::snprintf(serial, sizeof serial, "4C5310015509171%05d", plugs % 23);
    int kind = static_cast<int>(rnd() % 100);
    if (kind < 5) {  // failed enumeration: a connection without identity
      k("usb %s: new full-speed USB device number %d using xhci_hcd", port, dev);
      k("usb %s: device descriptor read/64, error -71", port);
      return;
    }
    k("usb %s: new high-speed USB device number %d using xhci_hcd", port, dev);
    if (kind < 49) {  // a USB drive
      identity(port, plugs % 2 ? "0781" : "0951", plugs % 2 ? "5583" : "1666", plugs % 2 ? "SanDisk" : "Kingston",
               plugs % 2 ? "Ultra Fit" : "DataTraveler 3.0", serial);
      k("usb-storage %s:1.0: USB Mass Storage device detected", port);
      k("scsi host%d: usb-storage %s:1.0", scsi_host, port);
      k("scsi %d:0:0:0: Direct-Access     SanDisk  Ultra Fit        1.00 PQ: 0 ANSI: 6", scsi_host);
      k("sd %d:0:0:0: Attached scsi generic sg1 type 0", scsi_host);
      k("sd %d:0:0:0: [sdb] 61341696 512-byte logical blocks: (31.4 GB/29.3 GiB)", scsi_host);
      k("sd %d:0:0:0: [sdb] Write Protect is off", scsi_host);
      k(" sdb: sdb1");
      k("sd %d:0:0:0: [sdb] Attached SCSI removable disk", scsi_host);
      ++scsi_host;
    } else if (kind < 70) {  // a phone (MTP), sometimes tethering
      identity(port, "2717", "ff48", "Xiaomi", "Mi 10", "8a4c2e11");
      if (kind < 58) k("rndis_host %s:1.0 usb0: register 'rndis_host' at usb-0000:00:14.0-2, RNDIS device", port);
    } else {  // a mouse or keyboard
      identity(port, "046d", "c077", "Logitech", "USB Optical Mouse", nullptr);
      k("input: Logitech USB Optical Mouse as /devices/pci0000:00/0000:00:14.0/usb1/%s/%s:1.0/0003:046D:C077.0003/"
        "input/input19",
        port, port);
      k("hid-generic 0003:046D:C077.0003: input,hidraw0: USB HID v1.11 Mouse [Logitech USB Optical Mouse] on "
        "usb-0000:00:14.0-2/input0");
    }
    t += 60 + static_cast<std::time_t>(rnd() % 1800);
    k("usb %s: USB disconnect, device number %d", port, dev);
  }
};

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: gen_syslog SIZE_MB OUT_FILE\n");
    return 2;
  }
  std::uint64_t target = std::strtoull(argv[1], nullptr, 10) << 20;
  Gen g;
  g.out = std::fopen(argv[2], "wb");
  if (!g.out) {
    std::perror(argv[2]);
    return 1;
  }
  static char buf[1 << 20];
  std::setvbuf(g.out, buf, _IOFBF, sizeof buf);
  // Per GB: ~950 boots, ~2950 plugs.
  const std::uint64_t boot_every = (1ull << 30) / 950, plug_every = (1ull << 30) / 2950;
  std::uint64_t next_boot = 0, next_plug = plug_every / 2;
  char msg[1000];
  while (g.written < target) {
    if (g.written >= next_boot) {
      g.do_boot();
      next_boot += boot_every / 2 + rnd() % boot_every;
      continue;
    }
    if (g.written >= next_plug) {
      g.do_plug();
      next_plug += plug_every / 2 + rnd() % plug_every;
      continue;
    }
    if (rnd() % 4 == 0) g.t += 1 + static_cast<std::time_t>(rnd() % 6);
    int v = static_cast<int>(rnd() % 90000 + 1000);
    if (rnd() % 100 < 27) {
      std::snprintf(msg, sizeof msg, kKernelNoise[rnd() % kKernelCount], v);
      g.put(msg, true);
    } else {
      std::snprintf(msg, sizeof msg, kOtherNoise[rnd() % kOtherCount], v);
      g.put(msg, false);
    }
  }
  std::fclose(g.out);
  std::fprintf(stderr,
               "gen_syslog: %" PRIu64 " bytes, %" PRIu64 " lines (%.1f %% kernel), %" PRIu64
               " USB connections, %" PRIu64 " 'New USB device found' lines, %" PRIu64 " usb-storage lines, %d plugs\n",
               g.written, g.lines, 100.0 * static_cast<double>(g.kernel_lines) / static_cast<double>(g.lines),
               g.connections, g.found, g.storage_lines, g.plugs);
  return 0;
}
