// The Windows USB evidence, source by source, merged into devices: the
// registry's Enum keys (USB, USBSTOR, SCSI for UAS drives), Windows Portable
// Devices, MountedDevices, setupapi.dev.log sections and event-log records
// each give "records" (a device instance as one source saw it); this pure
// step ties them together (instance id, serial, ContainerID, ParentIdPrefix),
// keys devices by (vid, pid, serial), counts each connection once across
// sources, and names the devices the logs remember but the Enum keys no
// longer hold (a cleaned registry). checks/usb/windows.cpp reads the sources.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "agent/core/time.hpp"
#include "checks/formats/windows_device_id.hpp"
#include "checks/usb/facts.hpp"

namespace sc {

enum class WinSource { enum_key, wpd, mounted_devices, setupapi, event_log, ledger, present };

struct WinUsbRecord {
  WindowsDeviceId id;
  WinSource from = WinSource::enum_key;
  std::string source;           // for evidence: "SYSTEM\…\Enum\USBSTOR", "/Windows/INF/setupapi.dev.log", …
  std::string service;          // the Windows service bound ("USBSTOR", "UASPStor", "rndismp6", "usbaapl64", …)
  std::string container;        // ContainerID, lower-case ("{198d50c0-…}")
  std::string parent_prefix;    // ParentIdPrefix of a composite parent ("7&1c3e4f5a&0")
  std::string name;             // FriendlyName / DeviceDesc / WPD friendly name (cleaned)
  std::vector<int> classes;     // USB interface classes from CompatibleIDs ("USB\Class_08…")
  bool mtp = false;             // MTP/PTP: WPD device, MS_COMP_MTP, the WPD class GUID
  std::vector<Time> times;      // connection instants (install sections, arrival events, FILETIMEs)
  std::optional<Time> removed;  // last removal (0067)
};

struct WinUsbMerged {
  std::vector<UsbSeen> devices;
  // Storage devices that setupapi.dev.log, the event logs, MountedDevices or
  // Windows Portable Devices remember but the Enum keys do not: one line each
  // ("SanDisk Cruzer Blade serial 4C53… in setupapi.dev.log, MountedDevices").
  std::vector<std::string> missing_from_enum;
};

// Services → the judgement's driver names (rules/usb.yaml storage/tethering/
// phone drivers): USBSTOR → usb-storage, UASPStor → uas, rndismp* → rndis_host,
// UsbNcm → cdc_ncm, netaapl* (Apple Mobile Ethernet) → ipheth, usbaapl*
// (Apple Mobile Device USB Driver) → usbaapl, WUDFWpdMtp → mtp. The service's
// own name is kept too, for the evidence.
std::vector<std::string> drivers_for_service(std::string_view service);

// Interface classes named by CompatibleIDs/HardwareIDs ("USB\Class_08&SubClass_06&Prot_50" → 8).
std::vector<int> classes_from_ids(const std::vector<std::string>& ids);

// Connections closer than this, from any sources, are one connection.
inline constexpr std::chrono::seconds kWinConnectionGap{120};

// `enum_readable`: the Enum keys were read (otherwise nothing is "missing" from them).
WinUsbMerged merge_windows_usb(const std::vector<WinUsbRecord>& records, bool enum_readable);

}  // namespace sc
