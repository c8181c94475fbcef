#include "landscape/nested_grid.hpp"

#include <algorithm>
#include <cmath>

namespace mulab {

std::vector<int> gridLevels(int grid) {
  grid = std::clamp(grid, kMinGrid, kMaxGrid);
  std::vector<int> levels{grid};
  while ((levels.back() - 1) % 2 == 0 && (levels.back() + 1) / 2 >= kFirstLevelGrid) {
    levels.push_back((levels.back() + 1) / 2);
  }
  std::reverse(levels.begin(), levels.end());
  return levels;
}

double gridCoordinate(double a, double b, int i, int n) {
  if (n < 2) return a;
  return a + (b - a) * (double(i) / double(n - 1));
}

double GridSurface::x(int i) const {
  return gridCoordinate(range.x0, range.x1, i, nodes);
}
double GridSurface::y(int j) const {
  return gridCoordinate(range.y0, range.y1, j, nodes);
}

NestedGrid::NestedGrid(GridRange range, int grid) : range_(range), levels_(gridLevels(grid)) {
  const size_t n = size_t(finest()) * finest();
  loss_.assign(n, NAN);
  error_.assign(n, NAN);
}

std::vector<std::pair<int, int>> NestedGrid::newNodes(size_t k) const {
  const int stride = (finest() - 1) / std::max(1, levels_[k] - 1);
  const int coarse = k == 0 ? 0 : (finest() - 1) / std::max(1, levels_[k - 1] - 1);
  std::vector<std::pair<int, int>> nodes;
  for (int j = 0; j < finest(); j += stride) {
    for (int i = 0; i < finest(); i += stride) {
      if (k > 0 && i % coarse == 0 && j % coarse == 0) continue;
      nodes.emplace_back(i, j);
    }
  }
  return nodes;
}

void NestedGrid::set(int i, int j, const LossAndError& v) {
  loss_[size_t(j) * finest() + i] = float(v.loss);
  error_[size_t(j) * finest() + i] = float(v.error);
}

GridSurface NestedGrid::surface(size_t k) const {
  GridSurface s;
  s.range = range_;
  s.nodes = levels_[k];
  s.level = int(k);
  s.levels = int(levels_.size());
  const int stride = (finest() - 1) / std::max(1, s.nodes - 1);
  s.loss.resize(size_t(s.nodes) * s.nodes);
  s.error.resize(s.loss.size());
  for (int j = 0; j < s.nodes; ++j) {
    for (int i = 0; i < s.nodes; ++i) {
      const size_t from = size_t(j) * stride * finest() + size_t(i) * stride;
      s.loss[size_t(j) * s.nodes + i] = loss_[from];
      s.error[size_t(j) * s.nodes + i] = error_[from];
    }
  }
  return s;
}

bool NestedGrid::extend() {
  const int old = finest(), grid = 2 * old - 1;
  if (grid > kMaxGrid) return false;
  std::vector<float> loss(size_t(grid) * grid, NAN), error(loss.size(), NAN);
  for (int j = 0; j < old; ++j) {
    for (int i = 0; i < old; ++i) {
      loss[size_t(2 * j) * grid + 2 * i] = loss_[size_t(j) * old + i];
      error[size_t(2 * j) * grid + 2 * i] = error_[size_t(j) * old + i];
    }
  }
  loss_.swap(loss);
  error_.swap(error);
  levels_.push_back(grid);
  return true;
}

}  // namespace mulab
