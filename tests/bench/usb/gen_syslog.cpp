// Generates a realistic Debian 12 syslog (RFC 3339 timestamps) of a given
// size for the USB scan benchmark: desktop noise (systemd, CRON,
// NetworkManager, gnome-shell, sshd, UFW and audit kernel lines, now and then
// a USB reset) with a USB drive plugged and unplugged every few megabytes.
//   gen_syslog SIZE_MB OUT_FILE
#include <cinttypes>
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

const char* kNoise[] = {
    "systemd[1]: Starting sysstat-collect.service - system activity accounting tool...",
    "systemd[1]: sysstat-collect.service: Deactivated successfully.",
    "systemd[1]: Finished sysstat-collect.service - system activity accounting tool.",
    "CRON[%d]: (root) CMD (command -v debian-sa1 > /dev/null && debian-sa1 1 1)",
    "NetworkManager[812]: <info>  [1795148%03d.1234] dhcp4 (enp3s0): state changed new lease, address=192.0.2.17",
    "NetworkManager[812]: <info>  [1795148%03d.5521] device (enp3s0): carrier: link connected",
    "gnome-shell[1544]: Window manager warning: Buggy client sent a _NET_ACTIVE_WINDOW message with a timestamp of 0 "
    "for 0x2a0000b",
    "gnome-shell[1544]: JS ERROR: TypeError: this._windowActor is null",
    "sshd[%d]: Connection closed by authenticating user admin 198.51.100.23 port 52344 [preauth]",
    "kernel: [%d.123456] [UFW BLOCK] IN=enp3s0 OUT= MAC=01:00:5e:00:00:01:a4:2b:b0:c1:d2:e3:08:00 SRC=192.0.2.1 "
    "DST=224.0.0.1 LEN=36 TOS=0x00 PREC=0xC0 TTL=1 ID=0 DF PROTO=2",
    "kernel: [%d.654321] audit: type=1400 audit(1795148102.123:245): apparmor=\"DENIED\" operation=\"open\" "
    "class=\"file\" profile=\"snap.firefox.firefox\" name=\"/proc/pressure/memory\" pid=4242 comm=\"firefox\"",
    "rsyslogd[655]: imuxsock: Acquired UNIX socket '/run/systemd/journal/syslog' (fd 3) from systemd.  [v8.2302.0]",
    "dbus-daemon[701]: [system] Activating via systemd: service name='org.freedesktop.hostname1' unit='dbus-org."
    "freedesktop.hostname1.service' requested by ':1.95' (uid=1000 pid=1544 comm=\"/usr/bin/gnome-shell\")",
    "systemd-logind[720]: New session 42 of user admin.",
    "pulseaudio[1402]: W: [pulseaudio] sink-input.c: Failed to create sink input: too many inputs per sink.",
    "kernel: [%d.000100] usb 1-5: reset high-speed USB device number 3 using xhci_hcd",
};
constexpr int kNoiseCount = sizeof kNoise / sizeof kNoise[0];

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: gen_syslog SIZE_MB OUT_FILE\n");
    return 2;
  }
  std::uint64_t target = std::strtoull(argv[1], nullptr, 10) << 20;
  FILE* out = std::fopen(argv[2], "wb");
  if (!out) {
    std::perror(argv[2]);
    return 1;
  }
  static char buf[1 << 20];
  std::setvbuf(out, buf, _IOFBF, sizeof buf);
  std::time_t t = 1794960000;  // 2026-11-18T00:00:00Z
  std::uint64_t written = 0, next_usb = 3u << 20;
  int usec = 0, devnum = 4, plugs = 0;
  char line[1024], stamp[64];
  auto emit_stamp = [&] {
    std::tm tm{};
    std::time_t local = t + 8 * 3600;
    gmtime_r(&local, &tm);
    std::snprintf(stamp, sizeof stamp, "%04d-%02d-%02dT%02d:%02d:%02d.%06d+08:00", tm.tm_year + 1900, tm.tm_mon + 1,
                  tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, usec);
  };
  auto put = [&](const char* msg) {
    emit_stamp();
    int n = std::snprintf(line, sizeof line, "%s PC-0123 %s\n", stamp, msg);
    std::fwrite(line, 1, static_cast<std::size_t>(n), out);
    written += static_cast<std::uint64_t>(n);
  };
  char msg[900];
  while (written < target) {
    usec = static_cast<int>(rnd() % 1000000);
    if (rnd() % 4 == 0) ++t;
    if (written >= next_usb) {  // a drive plugged in, used, unplugged
      ++devnum;
      ++plugs;
      int up = static_cast<int>(t - 1794960000);
      const char* kinds[][3] = {{"0781", "5583", "Ultra Fit"}, {"0951", "1666", "DataTraveler 3.0"}};
      auto* k = kinds[plugs % 2];
      std::snprintf(msg, sizeof msg, "kernel: [%d.100000] usb 1-2: new high-speed USB device number %d using xhci_hcd",
                    up, devnum);
      put(msg);
      std::snprintf(msg, sizeof msg,
                    "kernel: [%d.250000] usb 1-2: New USB device found, idVendor=%s, idProduct=%s, bcdDevice= 1.00", up,
                    k[0], k[1]);
      put(msg);
      std::snprintf(msg, sizeof msg, "kernel: [%d.250100] usb 1-2: Product: %s", up, k[2]);
      put(msg);
      std::snprintf(msg, sizeof msg, "kernel: [%d.250200] usb 1-2: SerialNumber: 4C5310015509171%05d", up, plugs % 7);
      put(msg);
      std::snprintf(msg, sizeof msg, "kernel: [%d.260000] usb-storage 1-2:1.0: USB Mass Storage device detected", up);
      put(msg);
      std::snprintf(msg, sizeof msg, "kernel: [%d.260100] scsi host6: usb-storage 1-2:1.0", up);
      put(msg);
      std::snprintf(msg, sizeof msg, "kernel: [%d.300000] sd 6:0:0:0: [sdb] Attached SCSI removable disk", up + 1);
      put(msg);
      t += 600;
      std::snprintf(msg, sizeof msg, "kernel: [%d.000000] usb 1-2: USB disconnect, device number %d", up + 600, devnum);
      put(msg);
      next_usb += (3u << 20) + rnd() % (6u << 20);
      continue;
    }
    const char* tmpl = kNoise[rnd() % kNoiseCount];
    std::snprintf(msg, sizeof msg, tmpl, static_cast<int>(rnd() % 90000 + 1000));
    put(msg);
  }
  std::fclose(out);
  std::fprintf(stderr, "gen_syslog: %" PRIu64 " bytes, %d USB plugs\n", written, plugs);
  return 0;
}
