// The unit section's content in one language (summary_view.cpp), built once
// from a Summary and laid out by each renderer (summary_render.cpp): items,
// counts, measures grouped by item, notes, files left out; the table rows and
// the problem lines are streamed to the renderer, never all held (issue 20).
#pragma once
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "agent/html.hpp"
#include "agent/summary.hpp"

namespace sc {

// Columns of an item's status: pass, warn, fail, unknown, n/a, not checked.
inline constexpr std::size_t kNotChecked = 5;

struct SummaryRow {
  std::string name, asset, owner, department, classification;
  std::vector<std::size_t> col;  // per item: a column of StatusCounts
  bool failed = false, clone = false;
  std::string verdict;
};

struct SummaryGroup {
  std::size_t item;  // index into SummaryView::items
  std::vector<std::string> lines;
};

struct SummaryView {
  Lang lang = Lang::zh;
  std::string title, opening, verdict;
  bool failed = false;
  std::size_t problem_count = 0, failed_machines = 0, confidential = 0;
  std::vector<ItemSpec> items;                 // the catalog's, then sections only some files know
  std::map<std::string, std::size_t> item_of;  // section → index into items
  std::vector<StatusCounts> counts;            // per item
  std::vector<std::size_t> problem_lines;      // per item: its problem lines
  std::vector<SummaryGroup> measures;
  std::vector<std::string> notes, bad;
  // The problem lines (item, number, line) in order; the renderer reads them
  // once (next_problem). A unit has many: they are not all held in memory.
  std::unique_ptr<SpillSorter> problems;
};

SummaryView build_view(const Summary& s, Lang lang, const Catalog& catalog);

// A machine's row in the table (rows are made as they are written).
SummaryRow make_row(const SummaryView& v, const SummaryMachine& m);
// Each machine's row, in Summary order.
void each_row(const Summary& s, const SummaryView& v,
              const std::function<void(const SummaryRow&, const SummaryMachine&)>& f);
// The next problem line and its item; false after the last.
bool next_problem(SummaryView& v, std::size_t& item, std::string& line);

// The machine's name in the table: hostname, else asset id, else the file.
std::string machine_name(const SummaryMachine& m);
// "(一)防病毒软件安装与升级" / "Item 1: Antivirus installation and updates".
std::string group_heading(const SummaryView& v, std::size_t item);

}  // namespace sc
