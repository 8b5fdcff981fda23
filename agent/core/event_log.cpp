// The event-log facade's platform-neutral part: channel → file name, the
// provider/id filter, and the XML of one event (as libevtx and EvtRender give
// it) → fields. The XML is parsed by Boost.PropertyTree (already a dependency
// of both builds) after a bounded pre-scan, because its parser recurses per
// nesting level. Element names follow the Windows event schema
// (http://schemas.microsoft.com/win/2004/08/events/event).
#include "agent/core/event_log.hpp"

#include <boost/property_tree/ptree.hpp>
#include <boost/property_tree/xml_parser.hpp>
#include <charconv>
#include <sstream>

#include "agent/core/text.hpp"  // iequals

namespace sc {

namespace pt = boost::property_tree;

const std::string* EventRecord::field(std::string_view name) const {
  for (const auto& [k, v] : data)
    if (k == name) return &v;
  return nullptr;
}

std::string channel_file_name(std::string_view channel) {
  if (channel.empty() || channel.size() > 255 || channel == "." || channel == "..") return {};
  std::string out;
  for (char c : channel) {
    if (c == '\\' || static_cast<unsigned char>(c) < 0x20) return {};
    if (c == '/') {
      out += "%4";
    } else {
      out += c;
    }
  }
  return out + ".evtx";
}

bool event_matches(const EventQuery& q, std::string_view provider, std::uint32_t event_id) {
  if (!q.ids.empty()) {
    bool hit = false;
    for (auto id : q.ids) hit = hit || id == event_id;
    if (!hit) return false;
  }
  if (q.providers.empty()) return true;
  for (const auto& p : q.providers)
    if (iequals(p, provider)) return true;
  return false;
}

namespace {

// Nesting depth and element count of XML, quote-aware inside tags, skipping
// comments, CDATA and processing instructions. Overestimates rather than
// under: anything it cannot follow counts as deeper.
bool xml_within_bounds(std::string_view x, int max_depth, int max_elements) {
  int depth = 0, elements = 0;
  std::size_t i = 0;
  auto skip_to = [&](std::string_view end) {
    std::size_t e = x.find(end, i);
    i = (e == std::string_view::npos) ? x.size() : e + end.size();
  };
  while (i < x.size()) {
    std::size_t lt = x.find('<', i);
    if (lt == std::string_view::npos) break;
    i = lt + 1;
    if (x.substr(lt, 4) == "<!--") {
      skip_to("-->");
    } else if (x.substr(lt, 9) == "<![CDATA[") {
      skip_to("]]>");
    } else if (i < x.size() && (x[i] == '?' || x[i] == '!')) {
      skip_to(">");
    } else if (i < x.size() && x[i] == '/') {
      skip_to(">");
      --depth;
    } else {
      char quote = 0;
      bool self_closed = false;
      for (; i < x.size(); ++i) {
        char c = x[i];
        if (quote) {
          if (c == quote) quote = 0;
        } else if (c == '"' || c == '\'') {
          quote = c;
        } else if (c == '>') {
          self_closed = x[i - 1] == '/';
          ++i;
          break;
        }
      }
      if (!self_closed) ++depth;
      if (++elements > max_elements || depth > max_depth) return false;
    }
  }
  return true;
}

template <class T>
std::optional<T> number(const std::string& s) {
  T v{};
  auto r = std::from_chars(s.data(), s.data() + s.size(), v);
  if (r.ec != std::errc() || r.ptr != s.data() + s.size()) return std::nullopt;
  return v;
}

bool is_attr(const std::string& name) { return name == "<xmlattr>" || name == "<xmlcomment>"; }

// Leaf elements under `node` (UserData's event-specific element), bounded.
void leaves(const pt::ptree& node, std::vector<std::pair<std::string, std::string>>& out, int depth) {
  for (const auto& [name, child] : node) {
    if (is_attr(name)) continue;
    bool has_elements = false;
    for (const auto& c : child) has_elements = has_elements || !is_attr(c.first);
    if (has_elements && depth < 8) {
      leaves(child, out, depth + 1);
    } else {
      out.emplace_back(name, child.data());
    }
  }
}

}  // namespace

std::optional<EventXml> parse_event_xml(std::string_view xml) {
  if (xml.size() > (1u << 20) || !xml_within_bounds(xml, 64, 4096)) return std::nullopt;
  try {
    std::istringstream in{std::string(xml)};
    pt::ptree tree;
    pt::read_xml(in, tree, pt::xml_parser::no_comments);
    const pt::ptree* ev = nullptr;
    for (const auto& [name, child] : tree)
      if (name == "Event") ev = &child;
    if (!ev) return std::nullopt;
    EventXml out;
    if (auto sys = ev->get_child_optional("System")) {
      out.provider = sys->get<std::string>("Provider.<xmlattr>.Name", "");
      out.event_id = number<std::uint32_t>(sys->get<std::string>("EventID", "")).value_or(0);
      out.record_id = number<std::uint64_t>(sys->get<std::string>("EventRecordID", "")).value_or(0);
      out.level = number<int>(sys->get<std::string>("Level", "")).value_or(0);
      std::string when = sys->get<std::string>("TimeCreated.<xmlattr>.SystemTime", "");
      out.time = parse_time(when.substr(0, 19) + "Z", Zone());
    }
    if (auto data = ev->get_child_optional("EventData")) {
      int position = 0;
      for (const auto& [name, child] : *data) {
        if (name != "Data") continue;
        ++position;
        std::string key = child.get<std::string>("<xmlattr>.Name", "");
        out.data.emplace_back(key.empty() ? std::to_string(position) : key, child.data());
      }
    }
    if (auto user = ev->get_child_optional("UserData")) leaves(*user, out.data, 0);
    return out;
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

}  // namespace sc
