// Tests for checks/kernel_usb: connections assembled from real kernel output.
#include "checks/formats/kernel_usb.hpp"

#include <doctest/doctest.h>

#include <sstream>

using namespace sc;

namespace {
// Feeds lines (one kernel message each), When = line number.
std::vector<UsbConnection> run(std::string_view text, bool finish = true) {
  KernelUsbAssembler a;
  std::istringstream in{std::string(text)};
  std::string line;
  When n = 0;
  while (std::getline(in, line)) a.feed(line, ++n);
  if (finish) a.finish();
  return a.take();
}
}  // namespace

TEST_CASE("KernelUsbAssembler") {
  SUBCASE("a USB drive from plug to unplug") {
    auto c = run(R"(usb 1-2: new high-speed USB device number 9 using xhci_hcd
usb 1-2: New USB device found, idVendor=0781, idProduct=5583, bcdDevice= 1.00
usb 1-2: New USB device strings: Mfr=1, Product=2, SerialNumber=3
usb 1-2: Product: Ultra Fit
usb 1-2: Manufacturer: SanDisk
usb 1-2: SerialNumber: 4C531001550917108394
usb-storage 1-2:1.0: USB Mass Storage device detected
scsi host2: usb-storage 1-2:1.0
scsi 2:0:0:0: Direct-Access     SanDisk  Ultra Fit        1.00 PQ: 0 ANSI: 6
sd 2:0:0:0: [sdb] 61341696 512-byte logical blocks: (31.4 GB/29.3 GiB)
 sdb: sdb1
sd 2:0:0:0: [sdb] Attached SCSI removable disk
usb 1-2: USB disconnect, device number 9
)");
    REQUIRE(c.size() == 1);
    CHECK(c[0].port == "1-2");
    CHECK(c[0].devnum == 9);
    CHECK(c[0].vid == "0781");
    CHECK(c[0].pid == "5583");
    CHECK(c[0].bcd == "1.00");
    CHECK(c[0].vendor == "SanDisk");
    CHECK(c[0].product == "Ultra Fit");
    CHECK(c[0].serial == "4C531001550917108394");
    CHECK(c[0].drivers == std::vector<std::string>{"usb-storage"});
    CHECK(c[0].scsi_disk);
    CHECK(c[0].disconnected);
    CHECK(c[0].connected == 1);
    CHECK(c[0].last == 13);
  }
  SUBCASE("interleaved devices keep their own strings and disks") {
    auto c = run(R"(usb 1-2: new high-speed USB device number 9 using xhci_hcd
usb 1-3: new high-speed USB device number 10 using xhci_hcd
usb 1-2: New USB device found, idVendor=0781, idProduct=5583, bcdDevice= 1.00
usb 1-3: New USB device found, idVendor=0781, idProduct=5567, bcdDevice= 1.00
usb 1-3: SerialNumber: 4C530001230822117223
usb 1-2: SerialNumber: 4C531001550917108394
scsi host4: usb-storage 1-3:1.0
scsi host3: usb-storage 1-2:1.0
sd 4:0:0:0: [sdd] Attached SCSI removable disk
usb 1-3: USB disconnect, device number 10
usb 1-2: USB disconnect, device number 9
)");
    REQUIRE(c.size() == 2);
    CHECK(c[0].pid == "5567");
    CHECK(c[0].serial == "4C530001230822117223");
    CHECK(c[0].scsi_disk);
    CHECK(c[1].pid == "5583");
    CHECK(c[1].serial == "4C531001550917108394");
    CHECK_FALSE(c[1].scsi_disk);  // its disk line never came
    CHECK(c[1].drivers == std::vector<std::string>{"usb-storage"});
  }
  SUBCASE("missing serial") {
    auto c = run(R"(usb 1-4: new high-speed USB device number 7 using xhci_hcd
usb 1-4: New USB device found, idVendor=05e3, idProduct=0749, bcdDevice=15.32
usb 1-4: New USB device strings: Mfr=3, Product=4, SerialNumber=0
usb 1-4: Product: USB3.0 Card Reader
)");
    REQUIRE(c.size() == 1);
    CHECK(c[0].serial.empty());
    CHECK_FALSE(c[0].disconnected);
  }
  SUBCASE("re-plug at the same port without a disconnect line") {
    auto c = run(R"(usb 1-2: new high-speed USB device number 9 using xhci_hcd
usb 1-2: New USB device found, idVendor=0781, idProduct=5583, bcdDevice= 1.00
usb 1-2: new high-speed USB device number 12 using xhci_hcd
usb 1-2: New USB device found, idVendor=0781, idProduct=5583, bcdDevice= 1.00
usb 1-2: USB disconnect, device number 12
)");
    REQUIRE(c.size() == 2);
    CHECK(c[0].devnum == 9);
    CHECK_FALSE(c[0].disconnected);
    CHECK(c[1].devnum == 12);
    CHECK(c[1].disconnected);
  }
  SUBCASE("a disconnect for another device number is not ours") {
    auto c = run(R"(usb 1-2: new high-speed USB device number 9 using xhci_hcd
usb 1-2: New USB device found, idVendor=0781, idProduct=5583, bcdDevice= 1.00
usb 1-2: USB disconnect, device number 4
)");
    REQUIRE(c.size() == 1);
    CHECK_FALSE(c[0].disconnected);
  }
  SUBCASE("hubs and their children") {
    auto c = run(R"(usb 1-1: new high-speed USB device number 3 using xhci_hcd
usb 1-1: New USB device found, idVendor=05e3, idProduct=0610, bcdDevice=93.11
hub 1-1:1.0: USB hub found
hub 1-1:1.0: 4 ports detected
usb 1-1.2: new low-speed USB device number 4 using xhci_hcd
usb 1-1.2: New USB device found, idVendor=093a, idProduct=2510, bcdDevice= 1.00
usb 1-1.2: USB disconnect, device number 4
usb 1-1: USB disconnect, device number 3
)");
    REQUIRE(c.size() == 2);
    CHECK(c[0].port == "1-1.2");
    CHECK_FALSE(c[0].hub);
    CHECK(c[1].port == "1-1");
    CHECK(c[1].hub);
  }
  SUBCASE("uas, tethering and iPhone drivers") {
    auto c = run(R"(usb 2-1: new SuperSpeed USB device number 2 using xhci_hcd
usb 2-1: New USB device found, idVendor=04e8, idProduct=4001, bcdDevice= 1.00
scsi host0: uas
sd 0:0:0:0: [sda] Attached SCSI disk
usb 1-2: new high-speed USB device number 7 using xhci_hcd
usb 1-2: New USB device found, idVendor=2717, idProduct=ff88, bcdDevice= 4.19
rndis_host 1-2:1.0 usb0: register 'rndis_host' at usb-0000:00:14.0-2, RNDIS device, 8a:4c:2e:11:90:3b
rndis_host 1-2:1.0 enx8a4c2e11903b: renamed from usb0
usb 1-3: new high-speed USB device number 8 using xhci_hcd
usb 1-3: New USB device found, idVendor=05ac, idProduct=12a8, bcdDevice= 9.01
ipheth 1-3:4.2: Apple iPhone USB Ethernet device attached
cdc_ncm 1-3:5.0: MAC-Address: 2a:10:9c:11:22:33
)");
    REQUIRE(c.size() == 3);
    auto by = [&](std::string_view pid) {
      for (auto& x : c)
        if (x.pid == pid) return x;
      FAIL("missing");
      return UsbConnection{};
    };
    CHECK(by("4001").drivers == std::vector<std::string>{"uas"});
    CHECK(by("4001").scsi_disk);
    CHECK(by("ff88").drivers == std::vector<std::string>{"rndis_host"});
    CHECK(by("12a8").drivers == std::vector<std::string>{"ipheth", "cdc_ncm"});
  }
  SUBCASE("failed enumeration leaves no device") {
    auto c = run(R"(usb 1-2: new full-speed USB device number 5 using xhci_hcd
usb 1-2: device descriptor read/64, error -71
usb 1-2: new full-speed USB device number 6 using xhci_hcd
usb 1-2: device not accepting address 6, error -71
)");
    CHECK(c.empty());
  }
  SUBCASE("a new boot closes everything") {
    KernelUsbAssembler a;
    a.feed("usb 1-2: new high-speed USB device number 9 using xhci_hcd", 1);
    a.feed("usb 1-2: New USB device found, idVendor=0781, idProduct=5583, bcdDevice= 1.00", 2);
    CHECK(a.opened_recently());
    CHECK_FALSE(a.opened_recently());
    a.feed("Linux version 6.1.0-27-amd64 (debian-kernel@lists.debian.org)", 3);
    CHECK(a.open_count() == 0);
    CHECK(a.take().size() == 1);
  }
  SUBCASE("hostile device strings are cleaned") {
    auto c =
        run("usb 1-2: new high-speed USB device number 9 using xhci_hcd\n"
            "usb 1-2: New USB device found, idVendor=0781, idProduct=5583, bcdDevice= 1.00\n"
            "usb 1-2: Product: \x01\xff\xfe"
            "Disk\x7f\n"
            "usb 1-2: SerialNumber: " +
            std::string(5000, 'A') + "\n");
    REQUIRE(c.size() == 1);
    CHECK(c[0].product == "???Disk?");
    CHECK(c[0].serial.size() == 128);
  }
}

TEST_CASE("is_usb_port") {
  CHECK(is_usb_port("1-1"));
  CHECK(is_usb_port("3-10.4.2"));
  CHECK_FALSE(is_usb_port("usb1"));
  CHECK_FALSE(is_usb_port("1-"));
  CHECK_FALSE(is_usb_port("1-1."));
  CHECK_FALSE(is_usb_port("-1"));
  CHECK_FALSE(is_usb_port("0000:00:14.0"));
}

TEST_CASE("clean_device_string") {
  CHECK(clean_device_string("  SanDisk  ") == "SanDisk");
  CHECK(clean_device_string("闪迪 U 盘") == "闪迪 U 盘");
  CHECK(clean_device_string("\xc0\xaf") == "??");  // overlong
  CHECK(clean_device_string("\xe4\xb8") == "??");  // cut multibyte
}

TEST_CASE("KernelUsbAssembler: identity cut short (fuzz regression)") {
  // A "New USB device found" line cut before idProduct kept a device with a
  // vid and no pid; the USB ledger then refused its whole file.
  SUBCASE("no product id: not kept") {
    KernelUsbAssembler a;
    a.feed("usb 1-3: new high-speed USB device number 5 using xhci_hcd", 1);
    a.feed("usb 1-3: New USB device found, idVendor=12d1, idProdu", 2);
    a.feed("usb 1-3: USB disconnect, device number 5", 3);
    a.finish();
    CHECK(a.take().empty());
  }
  SUBCASE("a later complete line still identifies it") {
    KernelUsbAssembler a;
    a.feed("usb 1-3: new high-speed USB device number 5 using xhci_hcd", 1);
    a.feed("usb 1-3: New USB device found, idVendor=12d1, idProdu", 2);
    a.feed("usb 1-3: New USB device found, idVendor=12d1, idProduct=1f01, bcdDevice= 1.02", 3);
    a.finish();
    auto got = a.take();
    REQUIRE(got.size() == 1);
    CHECK(got[0].vid == "12d1");
    CHECK(got[0].pid == "1f01");
  }
}

// Issue 13.2: once a connection has an identity, a second one printed for it
// (`logger -t kernel` lines for the port of a plugged-in stick) is kept apart.
TEST_CASE("KernelUsbAssembler: a second identity on one connection") {
  const std::string stick = R"(usb 1-3: new high-speed USB device number 5 using xhci_hcd
usb 1-3: New USB device found, idVendor=0781, idProduct=5583, bcdDevice= 1.00
usb 1-3: New USB device strings: Mfr=1, Product=2, SerialNumber=3
usb 1-3: Product: Ultra Fit
usb 1-3: Manufacturer: SanDisk
usb 1-3: SerialNumber: 4C531001550917108394
usb-storage 1-3:1.0: USB Mass Storage device detected
scsi host2: usb-storage 1-3:1.0
sd 2:0:0:0: [sdb] Attached SCSI removable disk
)";
  SUBCASE("forged found + serial lines: both identities, both marked") {
    auto c = run(stick + R"(usb 1-3: New USB device found, idVendor=0781, idProduct=5567, bcdDevice= 1.00
usb 1-3: SerialNumber: 4C530001230822117223
usb 1-3: USB disconnect, device number 5
)");
    REQUIRE(c.size() == 2);
    const UsbConnection& real = c[0].pid == "5583" ? c[0] : c[1];
    const UsbConnection& forged = c[0].pid == "5583" ? c[1] : c[0];
    CHECK(real.serial == "4C531001550917108394");
    CHECK(real.drivers == std::vector<std::string>{"usb-storage"});
    CHECK(real.scsi_disk);
    CHECK(real.conflict);
    CHECK(real.conflict_with.empty());
    CHECK(forged.pid == "5567");
    CHECK(forged.serial == "4C530001230822117223");
    CHECK(forged.conflict);
    CHECK(forged.conflict_with == "0781:5583 serial 4C531001550917108394");
    CHECK(forged.drivers.empty());
  }
  SUBCASE("a forged serial alone does not replace the first") {
    auto c = run(stick + "usb 1-3: SerialNumber: 4C530001230822117223\n");
    REQUIRE(c.size() == 2);
    CHECK(c[0].serial != c[1].serial);
    CHECK(c[0].conflict);
    CHECK(c[1].conflict);
  }
  SUBCASE("a serial for a device that said it has none is a second identity") {
    auto c = run(R"(usb 1-4: new high-speed USB device number 7 using xhci_hcd
usb 1-4: New USB device found, idVendor=05e3, idProduct=0749, bcdDevice=15.32
usb 1-4: New USB device strings: Mfr=3, Product=4, SerialNumber=0
usb 1-4: SerialNumber: 000000000819
)");
    REQUIRE(c.size() == 2);
    CHECK((c[0].serial.empty() || c[1].serial.empty()));
  }
  SUBCASE("the same identity printed twice is no conflict") {
    auto c = run(stick +
                 "usb 1-3: New USB device found, idVendor=0781, idProduct=5583, bcdDevice= 1.00\n"
                 "usb 1-3: SerialNumber: 4C531001550917108394\n");
    REQUIRE(c.size() == 1);
    CHECK_FALSE(c[0].conflict);
  }
}

// Issue 14: lines from real kernel logs of older kernels and bound drivers.
TEST_CASE("KernelUsbAssembler: older kernels and driver-printed lines") {
  SUBCASE("2.6.3x: address-style lines and 'scsiN : usb-storage' make storage") {
    // As printed by 2.6.32 (Ubuntu 10.04): hub.c "new %s speed %sUSB device
    // using %s and address %d", scsi_host "scsi%d : %s".
    auto c = run(R"(usb 1-1: new high speed USB device using ehci_hcd and address 6
usb 1-1: New USB device found, idVendor=0480, idProduct=a006
usb 1-1: New USB device strings: Mfr=1, Product=2, SerialNumber=3
usb 1-1: Product: External USB 3.0
usb 1-1: Manufacturer: Toshiba
usb 1-1: SerialNumber: 2012122245364
scsi5 : usb-storage 1-1:1.0
scsi 5:0:0:0: Direct-Access     Toshiba  External USB 3.0 0    PQ: 0 ANSI: 6
sd 5:0:0:0: [sdb] Attached SCSI disk
usb 1-1: USB disconnect, address 6
)");
    REQUIRE(c.size() == 1);
    CHECK(c[0].devnum == 6);
    CHECK(c[0].vid == "0480");
    CHECK(c[0].drivers == std::vector<std::string>{"usb-storage"});
    CHECK(c[0].scsi_disk);
    CHECK(c[0].disconnected);
  }
  SUBCASE("no identity printed, storage seen: kept without identity") {
    auto c = run(R"(usb 3-3: new high speed USB device using ehci_hcd and address 2
usb 3-3: configuration #1 chosen from 1 choice
scsi4 : SCSI emulation for USB Mass Storage devices
usb-storage: device found at 2
usb-storage: waiting for device to settle before scanning
sd 4:0:0:0: Attached scsi removable disk sdb at scsi4, channel 0, id 0, lun 0
usb 3-3: USB disconnect, address 2
)");
    REQUIRE(c.size() == 1);
    CHECK(c[0].vid.empty());
    CHECK(shows_storage(c[0]));
    CHECK(c[0].scsi_disk);
  }
  SUBCASE("no identity, no storage: nothing") {
    auto c = run(R"(usb 2-6: new high speed USB device using ehci_hcd and address 4
usb 2-6: configuration #1 chosen from 1 choice
usb 2-6: USB disconnect, address 4
)");
    CHECK(c.empty());
  }
  SUBCASE("a disconnect printed by the driver bound to the device closes it") {
    auto c = run(R"(usb 3-2: new high-speed USB device number 40 using xhci_hcd
usb 3-2: New USB device found, idVendor=05ac, idProduct=12a8, bcdDevice=15.01
usb 3-2: Product: iPhone
usb 3-2: Manufacturer: Apple Inc.
usb 3-2: SerialNumber: 00008030001A2D3E0C0B802E
apple-mfi-fastcharge 3-2: USB disconnect, device number 40
)",
                 false);
    REQUIRE(c.size() == 1);
    CHECK(c[0].disconnected);
    CHECK(c[0].last == 6);
  }
}
