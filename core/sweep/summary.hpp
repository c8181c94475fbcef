// The sweep's two summary files, rewritten after every finished run:
//  - summary.csv: one row per finished run, in plan order: id, name, every
//    setting, status, test errors in percent (final, best, after the first
//    epoch), epochs trained, wall and training time, training samples/s;
//  - summary.md: groups over seeds (mean ± sample std, n), the best group per
//    block of non-numeric axis values marked, then those best groups alone.
#pragma once

#include <string>
#include <vector>

#include "sweep/grid.hpp"
#include "sweep/groups.hpp"
#include "sweep/run_record.hpp"

namespace mulab {

// `records[i]` is plan run i's record, or null while it has not finished.
std::string summaryCsv(const std::vector<SweepRun>& plan,
                       const std::vector<const RunRecord*>& records,
                       const std::vector<SweepAxis>& axes);

std::string summaryMarkdown(const SweepGrid& grid, const std::vector<SweepRun>& plan,
                            const std::vector<const RunRecord*>& records);

// "1.94 ± 0.05" of a statistic of fractions, in percent; "1.94" for one
// value; "–" for none.
std::string percentCell(const Stat& s);

// A CSV cell, quoted when it holds a comma, a quote or a line break.
std::string csvCell(const std::string& text);

}  // namespace mulab
