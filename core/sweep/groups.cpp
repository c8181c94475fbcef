#include "sweep/groups.hpp"

#include <map>

namespace mulab {

Stat statOf(const std::vector<double>& values) {
  Stat s;
  double sum = 0;
  for (double v : values) {
    if (!std::isfinite(v)) continue;
    sum += v;
    ++s.n;
  }
  if (s.n == 0) return s;
  s.mean = sum / double(s.n);
  if (s.n < 2) return s;
  double sq = 0;
  for (double v : values) {
    if (std::isfinite(v)) sq += (v - s.mean) * (v - s.mean);
  }
  s.std = std::sqrt(sq / double(s.n - 1));
  return s;
}

std::vector<std::string> blockKeys(const std::vector<SweepAxis>& axes) {
  std::vector<std::string> keys;
  for (const SweepAxis& a : axes) {
    if (!a.numeric && a.key != "seed") keys.push_back(a.key);
  }
  return keys;
}

std::vector<RunGroup> groupOverSeeds(const std::vector<SweepRun>& plan,
                                     const std::vector<const RunRecord*>& records,
                                     const std::vector<SweepAxis>& axes) {
  const std::vector<std::string> block_keys = blockKeys(axes);
  std::vector<RunGroup> groups;
  std::map<std::string, size_t> by_key;
  for (const SweepRun& run : plan) {
    // The group's identity: every setting that changes results, but the seed.
    std::string key;
    std::vector<Setting> settings;
    for (const Setting& s : run.settings) {
      if (s.key == "seed") continue;
      settings.push_back(s);
      if (affectsResults(s.key)) key += s.key + "=" + s.value + "\n";
    }
    auto [it, added] = by_key.try_emplace(key, groups.size());
    if (added) {
      RunGroup g;
      g.settings = settings;
      for (const SweepAxis& a : axes) {
        if (a.key == "seed") continue;
        if (const Setting* s = run.find(a.key))
          g.label += (g.label.empty() ? "" : " ") + a.key + "=" + s->value;
      }
      if (g.label.empty()) g.label = "all";
      for (const std::string& k : block_keys) {
        if (const Setting* s = run.find(k))
          g.block += (g.block.empty() ? "" : " ") + k + "=" + s->value;
      }
      groups.push_back(std::move(g));
    }
    groups[it->second].runs.push_back(run.index);
  }
  for (RunGroup& g : groups) {
    std::vector<double> final_err, best_err, first_err, sps, wall;
    for (size_t i : g.runs) {
      const RunRecord* r = i < records.size() ? records[i] : nullptr;
      if (!r) continue;
      if (r->status == RunStatus::kDiverged) {
        ++g.diverged;
        continue;
      }
      ++g.finished;
      final_err.push_back(r->final_test_error);
      best_err.push_back(r->best_test_error);
      first_err.push_back(r->first_epoch_test_error);
      sps.push_back(r->samples_per_s);
      wall.push_back(r->wall_s);
    }
    g.final_error = statOf(final_err);
    g.best_error = statOf(best_err);
    g.first_epoch_error = statOf(first_err);
    g.samples_per_s = statOf(sps);
    g.wall_s = statOf(wall);
  }
  std::map<std::string, size_t> best_in_block;
  for (size_t i = 0; i < groups.size(); ++i) {
    const RunGroup& g = groups[i];
    if (g.diverged > 0 || g.final_error.n == 0) continue;
    auto [it, added] = best_in_block.try_emplace(g.block, i);
    if (!added && g.final_error.mean < groups[it->second].final_error.mean) it->second = i;
  }
  for (const auto& [block, i] : best_in_block) groups[i].best = true;
  return groups;
}

}  // namespace mulab
