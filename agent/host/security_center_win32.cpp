// Windows Security Center, live, for the Windows build (WINDOWS.md): the
// antivirus products Windows knows with their state and signature status.
// Windows 8+: IWSCProductList (iwscapi.h, wscapi.dll); Windows 7 (or when
// the class is not registered): WMI root\SecurityCenter2 AntiVirusProduct
// (displayName, productState). Server editions have neither: the answer is
// an error ("not available"), which the probe reports as unknown evidence,
// never as "no antivirus". Not exercised under wine 8 (it has neither
// wscapi's class nor the SecurityCenter2 namespace): tested through the
// SecurityCenter seam with recorded answers (tests/checks/antivirus/).
//
// mingw-w64 ships no iwscapi.h: the two interfaces are declared here from
// Microsoft's documentation (sdk-api iwscapi/nn-iwscapi-iwscproductlist,
// nn-iwscapi-iwscproduct; both derive from IDispatch; IIDs and CLSID as in
// the Windows SDK header).
#include <objbase.h>
#include <oleauto.h>
#include <wbemidl.h>
#include <windows.h>

#include <string>

#include "agent/core/security_center.hpp"

namespace sc {

namespace {

// WSC_SECURITY_PROVIDER_ANTIVIRUS, WSC_SECURITY_PRODUCT_STATE_*, WSC_SECURITY_SIGNATURE_STATUS.
constexpr ULONG kProviderAntivirus = 0x4;
enum : int { kStateOn = 0, kStateOff = 1, kStateSnoozed = 2, kStateExpired = 3 };
enum : int { kSignatureOutOfDate = 0, kSignatureUpToDate = 1 };

// {17072F7B-9ABE-4A74-A261-1EB76B55107A}
const CLSID kClsidWscProductList = {0x17072f7b, 0x9abe, 0x4a74, {0xa2, 0x61, 0x1e, 0xb7, 0x6b, 0x55, 0x10, 0x7a}};
// {722A338C-6E8E-4E72-AC27-1417FB0C81C2}
const IID kIidWscProductList = {0x722a338c, 0x6e8e, 0x4e72, {0xac, 0x27, 0x14, 0x17, 0xfb, 0x0c, 0x81, 0xc2}};
// {4590F811-1D3A-11D0-891F-00AA004B2E24}, {DC12A687-737F-11CF-884D-00AA004B2E24}
const CLSID kClsidWbemLocator = {0x4590f811, 0x1d3a, 0x11d0, {0x89, 0x1f, 0x00, 0xaa, 0x00, 0x4b, 0x2e, 0x24}};
const IID kIidWbemLocator = {0xdc12a687, 0x737f, 0x11cf, {0x88, 0x4d, 0x00, 0xaa, 0x00, 0x4b, 0x2e, 0x24}};

struct IWscProduct : public IDispatch {
  virtual HRESULT STDMETHODCALLTYPE get_ProductName(BSTR* name) = 0;
  virtual HRESULT STDMETHODCALLTYPE get_ProductState(int* state) = 0;
  virtual HRESULT STDMETHODCALLTYPE get_SignatureStatus(int* status) = 0;
  virtual HRESULT STDMETHODCALLTYPE get_RemediationPath(BSTR* path) = 0;
  virtual HRESULT STDMETHODCALLTYPE get_ProductStateTimestamp(BSTR* stamp) = 0;
};

struct IWSCProductList : public IDispatch {
  virtual HRESULT STDMETHODCALLTYPE Initialize(ULONG provider) = 0;
  virtual HRESULT STDMETHODCALLTYPE get_Count(LONG* count) = 0;
  virtual HRESULT STDMETHODCALLTYPE get_Item(ULONG index, IWscProduct** product) = 0;
};

template <class T>
struct Com {
  T* p = nullptr;
  ~Com() {
    if (p) p->Release();
  }
  T** out() { return &p; }
  T* operator->() const { return p; }
};

std::string utf8(const wchar_t* w, int n = -1) {
  if (!w) return {};
  int len = WideCharToMultiByte(CP_UTF8, 0, w, n, nullptr, 0, nullptr, nullptr);
  if (len <= 0) return {};
  std::string s(static_cast<std::size_t>(len), '\0');
  WideCharToMultiByte(CP_UTF8, 0, w, n, s.data(), len, nullptr, nullptr);
  if (n == -1 && !s.empty() && s.back() == '\0') s.pop_back();
  return s;
}

std::string take(BSTR b) {
  std::string s = utf8(b, b ? static_cast<int>(SysStringLen(b)) : 0);
  SysFreeString(b);
  return s;
}

std::string hresult(HRESULT hr) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "0x%08lx", static_cast<unsigned long>(hr));
  return buf;
}

bool from_product_list(WscAnswer& a) {
  Com<IWSCProductList> list;
  HRESULT hr = CoCreateInstance(kClsidWscProductList, nullptr, CLSCTX_INPROC_SERVER, kIidWscProductList,
                                reinterpret_cast<void**>(list.out()));
  if (FAILED(hr)) {
    a.error = "IWSCProductList is not available (" + hresult(hr) + ")";
    return false;
  }
  a.source = "IWSCProductList";
  if (FAILED(hr = list->Initialize(kProviderAntivirus))) {
    a.error = "IWSCProductList::Initialize failed (" + hresult(hr) + ")";
    return true;
  }
  LONG count = 0;
  if (FAILED(hr = list->get_Count(&count))) {
    a.error = "IWSCProductList::get_Count failed (" + hresult(hr) + ")";
    return true;
  }
  for (LONG i = 0; i < count && i < 64; ++i) {
    Com<IWscProduct> p;
    if (FAILED(list->get_Item(static_cast<ULONG>(i), p.out())) || !p.p) continue;
    WscProduct w;
    BSTR b = nullptr;
    if (SUCCEEDED(p->get_ProductName(&b))) w.name = take(b);
    int state = kStateOff, sig = kSignatureOutOfDate;
    if (SUCCEEDED(p->get_ProductState(&state)))
      w.state = state == kStateOn        ? WscProduct::State::on
                : state == kStateSnoozed ? WscProduct::State::snoozed
                : state == kStateExpired ? WscProduct::State::expired
                                         : WscProduct::State::off;
    if (SUCCEEDED(p->get_SignatureStatus(&sig))) w.up_to_date = sig == kSignatureUpToDate;
    b = nullptr;
    if (SUCCEEDED(p->get_ProductStateTimestamp(&b))) w.timestamp = take(b);
    a.products.push_back(std::move(w));
  }
  return true;
}

void from_wmi(WscAnswer& a) {
  a.source = "WMI root\\SecurityCenter2";
  a.error.clear();
  Com<IWbemLocator> loc;
  HRESULT hr = CoCreateInstance(kClsidWbemLocator, nullptr, CLSCTX_INPROC_SERVER, kIidWbemLocator,
                                reinterpret_cast<void**>(loc.out()));
  if (FAILED(hr)) {
    a.error = "WMI is not available (" + hresult(hr) + ")";
    return;
  }
  Com<IWbemServices> svc;
  BSTR ns = SysAllocString(L"ROOT\\SecurityCenter2");
  hr = loc->ConnectServer(ns, nullptr, nullptr, nullptr, 0, nullptr, nullptr, svc.out());
  SysFreeString(ns);
  if (FAILED(hr)) {
    // WBEM_E_INVALID_NAMESPACE on Server editions: there is no Security Center.
    a.error = hr == static_cast<HRESULT>(WBEM_E_INVALID_NAMESPACE)
                  ? "WMI namespace root\\SecurityCenter2 does not exist (Windows Server has no Security Center)"
                  : "cannot connect to WMI root\\SecurityCenter2 (" + hresult(hr) + ")";
    return;
  }
  CoSetProxyBlanket(svc.p, RPC_C_AUTHN_WINNT, RPC_C_AUTHZ_NONE, nullptr, RPC_C_AUTHN_LEVEL_CALL,
                    RPC_C_IMP_LEVEL_IMPERSONATE, nullptr, EOAC_NONE);
  Com<IEnumWbemClassObject> rows;
  BSTR lang = SysAllocString(L"WQL");
  BSTR query = SysAllocString(L"SELECT displayName, productState FROM AntiVirusProduct");
  hr = svc->ExecQuery(lang, query, WBEM_FLAG_FORWARD_ONLY | WBEM_FLAG_RETURN_IMMEDIATELY, nullptr, rows.out());
  SysFreeString(lang);
  SysFreeString(query);
  if (FAILED(hr)) {
    a.error = "WMI AntiVirusProduct query failed (" + hresult(hr) + ")";
    return;
  }
  for (int n = 0; n < 64; ++n) {
    Com<IWbemClassObject> row;
    ULONG got = 0;
    if (rows->Next(5000, 1, row.out(), &got) != WBEM_S_NO_ERROR || got == 0) break;
    WscProduct w;
    VARIANT v;
    VariantInit(&v);
    if (SUCCEEDED(row->Get(L"displayName", 0, &v, nullptr, nullptr)) && v.vt == VT_BSTR) w.name = utf8(v.bstrVal);
    VariantClear(&v);
    if (SUCCEEDED(row->Get(L"productState", 0, &v, nullptr, nullptr)) && (v.vt == VT_I4 || v.vt == VT_UI4)) {
      w.product_state = static_cast<std::uint32_t>(v.lVal);
      w.state = wsc_state_from_bits(*w.product_state);
      w.up_to_date = wsc_up_to_date_from_bits(*w.product_state);
    }
    VariantClear(&v);
    a.products.push_back(std::move(w));
  }
}

class Win32SecurityCenter : public SecurityCenter {
 public:
  WscAnswer antivirus_products() const override {
    WscAnswer a;
    HRESULT init = CoInitializeEx(nullptr, COINIT_MULTITHREADED);
    const bool uninit = SUCCEEDED(init);
    if (!from_product_list(a)) from_wmi(a);
    if (uninit) CoUninitialize();
    return a;
  }
};

}  // namespace

std::unique_ptr<SecurityCenter> make_security_center() { return std::make_unique<Win32SecurityCenter>(); }

}  // namespace sc
