#include "sweep/summary.hpp"

#include <algorithm>
#include <cstdio>

namespace mulab {
namespace {

std::string fmt(const char* format, double v) {
  if (!std::isfinite(v)) return "";
  char buf[48];
  std::snprintf(buf, sizeof buf, format, v);
  return buf;
}

// Axis keys first (in axis order), then every other setting in first-seen order.
std::vector<std::string> settingColumns(const std::vector<SweepRun>& plan,
                                        const std::vector<SweepAxis>& axes) {
  std::vector<std::string> cols;
  for (const SweepAxis& a : axes) cols.push_back(a.key);
  for (const SweepRun& r : plan) {
    for (const Setting& s : r.settings) {
      if (std::find(cols.begin(), cols.end(), s.key) == cols.end()) cols.push_back(s.key);
    }
  }
  return cols;
}

std::string markdownEscape(std::string s) {
  std::string out;
  for (char c : s) {
    if (c == '|') out += "\\";
    out += c == '\n' ? ' ' : c;
  }
  return out;
}

std::string groupRow(const RunGroup& g, const std::vector<std::string>& keys) {
  std::string row = "|";
  for (const std::string& k : keys) {
    std::string value;
    for (const Setting& s : g.settings) {
      if (s.key == k) value = s.value;
    }
    row += " " + markdownEscape(value) + " |";
  }
  std::string n = std::to_string(g.finished);
  if (g.diverged > 0) n += " (" + std::to_string(g.diverged) + " diverged)";
  row += " " + n + " | " + percentCell(g.final_error) + " | " + percentCell(g.best_error) + " | " +
         percentCell(g.first_epoch_error) + " | " + fmt("%.0f", g.samples_per_s.mean) + " |";
  return row;
}

std::string tableHead(const std::vector<std::string>& keys, bool mark_column) {
  std::string head = "|", rule = "|";
  for (const std::string& k : keys) {
    head += " " + k + " |";
    rule += "---|";
  }
  head += " n | final test error % | best test error % | epoch-1 test error % | samples/s |";
  rule += "---|---|---|---|---|";
  if (mark_column) {
    head += " |";
    rule += "---|";
  }
  return head + "\n" + rule + "\n";
}

}  // namespace

std::string percentCell(const Stat& s) {
  if (s.n == 0) return "–";
  char buf[64];
  if (s.n == 1) {
    std::snprintf(buf, sizeof buf, "%.2f", 100 * s.mean);
  } else {
    std::snprintf(buf, sizeof buf, "%.2f ± %.2f", 100 * s.mean, 100 * s.std);
  }
  return buf;
}

std::string csvCell(const std::string& text) {
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string out = "\"";
  for (char c : text) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::string summaryCsv(const std::vector<SweepRun>& plan,
                       const std::vector<const RunRecord*>& records,
                       const std::vector<SweepAxis>& axes) {
  const std::vector<std::string> cols = settingColumns(plan, axes);
  std::string out = "id,name";
  for (const std::string& c : cols) out += "," + csvCell(c);
  out +=
      ",status,final_test_error_pct,best_test_error_pct,first_epoch_test_error_pct,epochs_trained,"
      "wall_s,"
      "train_s,samples_per_s\n";
  for (const SweepRun& run : plan) {
    const RunRecord* r = run.index < records.size() ? records[run.index] : nullptr;
    if (!r) continue;
    out += run.id + "," + csvCell(run.name);
    for (const std::string& c : cols) {
      const Setting* s = run.find(c);
      out += "," + (s ? csvCell(s->value) : std::string());
    }
    out += "," + std::string(toString(r->status)) + "," + fmt("%.4f", 100 * r->final_test_error) +
           "," + fmt("%.4f", 100 * r->best_test_error) + "," +
           fmt("%.4f", 100 * r->first_epoch_test_error) + "," + fmt("%.6g", r->epochs) + "," +
           fmt("%.2f", r->wall_s) + "," + fmt("%.2f", r->train_s) + "," +
           fmt("%.0f", r->samples_per_s) + "\n";
  }
  return out;
}

std::string summaryMarkdown(const SweepGrid& grid, const std::vector<SweepRun>& plan,
                            const std::vector<const RunRecord*>& records) {
  const std::vector<SweepAxis> axes = gridAxes(grid);
  const std::vector<RunGroup> groups = groupOverSeeds(plan, records, axes);
  const std::vector<std::string> blocks = blockKeys(axes);
  std::vector<std::string> keys;  // the table's setting columns: every axis but the seed
  for (const SweepAxis& a : axes) {
    if (a.key != "seed") keys.push_back(a.key);
  }
  size_t finished = 0, diverged = 0;
  for (const RunRecord* r : records) {
    if (!r) continue;
    ++(r->status == RunStatus::kDiverged ? diverged : finished);
  }

  std::string out =
      "# Sweep summary" + (grid.description.empty() ? "" : ": " + grid.description) + "\n\n";
  out += std::to_string(finished + diverged) + " of " + std::to_string(plan.size()) + " runs done";
  if (diverged > 0) out += " (" + std::to_string(diverged) + " diverged)";
  out +=
      ". Groups over seeds: mean ± sample standard deviation over the finished runs (n); "
      "test errors in percent, final = after the last epoch, best = lowest test evaluation, "
      "epoch-1 = after the first epoch.\n\n";
  // Settings every run shares, the seed aside.
  std::string fixed;
  for (const GridOption& o : grid.base)
    fixed += (fixed.empty() ? "" : ", ") + o.key + "=" + o.value.text;
  if (!fixed.empty()) out += "Fixed settings: " + markdownEscape(fixed) + ".\n\n";
  std::string block_names;
  for (const std::string& b : blocks) block_names += (block_names.empty() ? "" : ", ") + b;
  out += "**best** marks the lowest mean final test error" +
         (block_names.empty() ? std::string() : " for each " + block_names) +
         " (groups with no diverged run).\n\n";

  out += tableHead(keys, true);
  for (const RunGroup& g : groups) {
    if (g.finished + g.diverged == 0) continue;
    out += groupRow(g, keys) + (g.best ? " **best** |" : " |") + "\n";
  }
  out += "\n## Best" + (block_names.empty() ? std::string() : " per " + block_names) + "\n\n";
  out += tableHead(keys, false);
  for (const RunGroup& g : groups) {
    if (g.best) out += groupRow(g, keys) + "\n";
  }
  return out;
}

}  // namespace mulab
