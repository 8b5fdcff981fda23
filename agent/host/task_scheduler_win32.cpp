// The Windows Task Scheduler through its 2.0 COM API (taskschd.h), so a copied
// selfcheck.exe registers its Friday task without the MSI (the MSI calls
// `selfcheck.exe schedule install` too). Relied on (learn.microsoft.com,
// win32/api/taskschd): ITaskService::Connect with empty VARIANTs = this
// machine as the caller; ITaskService::GetFolder("\\"), ITaskFolder::
// CreateFolder / GetFolder; ITaskFolder::RegisterTask(path, xmlText,
// TASK_CREATE_OR_UPDATE, user, password, TASK_LOGON_SERVICE_ACCOUNT, sddl,
// &task) — the XML form of RegisterTaskDefinition, the principal (S-1-5-18)
// coming from the XML; DeleteTask / DeleteFolder; IRegisteredTask::get_Xml.
// A missing task or folder is HRESULT_FROM_WIN32(ERROR_FILE_NOT_FOUND).
#include <objbase.h>
// The CLSID/IIDs of taskschd.h defined in this file (mingw-w64 has no import library for them).
#include <initguid.h>
#include <oleauto.h>
#include <taskschd.h>
#include <windows.h>

#include <string>

#include "agent/core/task_scheduler.hpp"

namespace sc {

namespace {

std::wstring wide(std::string_view s) {
  if (s.empty()) return {};
  int n = MultiByteToWideChar(CP_UTF8, 0, s.data(), static_cast<int>(s.size()), nullptr, 0);
  std::wstring w(static_cast<std::size_t>(n), L'\0');
  MultiByteToWideChar(CP_UTF8, 0, s.data(), static_cast<int>(s.size()), w.data(), n);
  return w;
}

std::string utf8(const wchar_t* w, std::size_t len) {
  if (len == 0) return {};
  int n = WideCharToMultiByte(CP_UTF8, 0, w, static_cast<int>(len), nullptr, 0, nullptr, nullptr);
  std::string s(static_cast<std::size_t>(n), '\0');
  WideCharToMultiByte(CP_UTF8, 0, w, static_cast<int>(len), s.data(), n, nullptr, nullptr);
  return s;
}

template <class T>
struct Com {
  T* p = nullptr;
  ~Com() {
    if (p) p->Release();
  }
  T* operator->() const { return p; }
};

struct Bstr {
  BSTR b;
  explicit Bstr(std::string_view s) : b(SysAllocString(wide(s).c_str())) {}
  ~Bstr() { SysFreeString(b); }
};

const HRESULT kNotFound = HRESULT_FROM_WIN32(ERROR_FILE_NOT_FOUND);
const HRESULT kPathNotFound = HRESULT_FROM_WIN32(ERROR_PATH_NOT_FOUND);

[[noreturn]] void fail(const char* what, HRESULT hr) {
  wchar_t* msg = nullptr;
  FormatMessageW(FORMAT_MESSAGE_ALLOCATE_BUFFER | FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_IGNORE_INSERTS, nullptr,
                 static_cast<DWORD>(hr), 0, reinterpret_cast<wchar_t*>(&msg), 0, nullptr);
  std::string text = msg ? utf8(msg, wcslen(msg)) : std::string();
  if (msg) LocalFree(msg);
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' ')) text.pop_back();
  char code[16];
  snprintf(code, sizeof code, "0x%08lx", static_cast<unsigned long>(hr));
  throw TaskSchedulerError(std::string("Task Scheduler: ") + what + " failed (" + code +
                           (text.empty() ? "" : ", " + text) + ")");
}

// COM for this thread, and a connected ITaskService.
struct Service {
  bool uninit = false;
  Com<ITaskService> svc;
  Service() {
    HRESULT hr = CoInitializeEx(nullptr, COINIT_MULTITHREADED);
    if (SUCCEEDED(hr))
      uninit = true;
    else if (hr != RPC_E_CHANGED_MODE)
      fail("CoInitializeEx", hr);
    hr = CoCreateInstance(CLSID_TaskScheduler, nullptr, CLSCTX_INPROC_SERVER, IID_ITaskService,
                          reinterpret_cast<void**>(&svc.p));
    if (FAILED(hr)) fail("CoCreateInstance(TaskScheduler)", hr);
    VARIANT empty;
    VariantInit(&empty);
    hr = svc->Connect(empty, empty, empty, empty);
    if (FAILED(hr)) fail("ITaskService::Connect", hr);
  }
  ~Service() {
    if (svc.p) svc.p->Release();
    svc.p = nullptr;
    if (uninit) CoUninitialize();
  }
  // nullptr when the folder does not exist.
  ITaskFolder* folder(std::string_view path) {
    ITaskFolder* f = nullptr;
    Bstr b(path);
    HRESULT hr = svc->GetFolder(b.b, &f);
    if (hr == kNotFound || hr == kPathNotFound) return nullptr;
    if (FAILED(hr)) fail("ITaskService::GetFolder", hr);
    return f;
  }
};

}  // namespace

void register_task(std::string_view folder, std::string_view name, const std::string& xml) {
  Service s;
  Com<ITaskFolder> f;
  f.p = s.folder(folder);
  if (!f.p) {
    Com<ITaskFolder> root;
    root.p = s.folder("\\");
    if (!root.p) fail("ITaskService::GetFolder(\\)", kNotFound);
    VARIANT sddl;
    VariantInit(&sddl);
    Bstr b(folder);
    HRESULT hr = root->CreateFolder(b.b, sddl, &f.p);
    if (FAILED(hr)) fail("ITaskFolder::CreateFolder", hr);
  }
  VARIANT empty;
  VariantInit(&empty);
  Bstr bname(name), bxml(xml);
  Com<IRegisteredTask> task;
  HRESULT hr =
      f->RegisterTask(bname.b, bxml.b, TASK_CREATE_OR_UPDATE, empty, empty, TASK_LOGON_SERVICE_ACCOUNT, empty, &task.p);
  if (FAILED(hr)) fail("ITaskFolder::RegisterTask", hr);
}

bool delete_task(std::string_view folder, std::string_view name) {
  Service s;
  Com<ITaskFolder> f;
  f.p = s.folder(folder);
  if (!f.p) return false;
  Bstr bname(name);
  HRESULT hr = f->DeleteTask(bname.b, 0);
  bool existed = true;
  if (hr == kNotFound || hr == kPathNotFound)
    existed = false;
  else if (FAILED(hr))
    fail("ITaskFolder::DeleteTask", hr);
  // The folder goes when nothing else is in it (DeleteFolder refuses otherwise).
  Com<ITaskFolder> root;
  root.p = s.folder("\\");
  if (root.p) {
    Bstr bf(folder);
    root->DeleteFolder(bf.b, 0);
  }
  return existed;
}

std::optional<std::string> registered_task_xml(std::string_view folder, std::string_view name) {
  Service s;
  Com<ITaskFolder> f;
  f.p = s.folder(folder);
  if (!f.p) return std::nullopt;
  Bstr bname(name);
  Com<IRegisteredTask> task;
  HRESULT hr = f->GetTask(bname.b, &task.p);
  if (hr == kNotFound || hr == kPathNotFound) return std::nullopt;
  if (FAILED(hr)) fail("ITaskFolder::GetTask", hr);
  BSTR x = nullptr;
  hr = task->get_Xml(&x);
  if (FAILED(hr)) fail("IRegisteredTask::get_Xml", hr);
  std::string out = utf8(x, SysStringLen(x));
  SysFreeString(x);
  return out;
}

bool task_scheduler_available() { return true; }

std::string default_task_program() {
  std::wstring buf(MAX_PATH, L'\0');
  for (;;) {
    DWORD n = GetModuleFileNameW(nullptr, buf.data(), static_cast<DWORD>(buf.size()));
    if (n == 0) return "selfcheck.exe";
    if (n < buf.size()) return utf8(buf.data(), n);
    buf.resize(buf.size() * 2);
  }
}

}  // namespace sc
