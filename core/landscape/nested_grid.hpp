// Coarse-to-fine grids whose levels nest: a level of 2G - 1 nodes per side
// holds every node of the level of G, so refining 11 -> 21 -> 41 evaluates
// each node once (41^2 = 1,681 evaluations in all, not 121 + 441 + 1,681),
// and the first picture comes from the 11 x 11 level in a fraction of the
// time. Node coordinates are computed from the node's index as a fraction of
// the side, so a node has bitwise the same (x, y) at every level.
#pragma once

#include <utility>
#include <vector>

#include "landscape/plane_evaluator.hpp"

namespace mulab {

inline constexpr int kMinGrid = 2;
inline constexpr int kMaxGrid = 401;
inline constexpr int kFirstLevelGrid = 11;

struct GridRange {
  double x0 = -1, x1 = 1, y0 = -1, y1 = 1;
};

// The levels ending at `grid`, coarsest first: halve (G -> (G + 1) / 2)
// while the side stays odd-compatible and at least 11 nodes.
// 41 -> {11, 21, 41}; 51 -> {26, 51}; 11 -> {11}; 5 -> {5}.
std::vector<int> gridLevels(int grid);

// One level's values, row-major by y: index j * nodes + i is (x(i), y(j)).
struct GridSurface {
  GridRange range;
  int nodes = 0;  // per side; 0 before the first level is done
  int level = 0, levels = 0;
  std::vector<float> loss, error;
  double x(int i) const;
  double y(int j) const;
  float lossAt(int i, int j) const { return loss[size_t(j) * nodes + i]; }
};

// Coordinate of node i of n along [a, b]: the same bits for the same
// fraction i / (n - 1) whatever n.
double gridCoordinate(double a, double b, int i, int n);

class NestedGrid {
 public:
  NestedGrid(GridRange range, int grid);

  const std::vector<int>& levels() const { return levels_; }
  int finest() const { return levels_.back(); }
  const GridRange& range() const { return range_; }

  // Fine indices (i, j) of the nodes level `k` adds to the levels before it,
  // row by row.
  std::vector<std::pair<int, int>> newNodes(size_t k) const;
  double x(int fine_i) const { return gridCoordinate(range_.x0, range_.x1, fine_i, finest()); }
  double y(int fine_j) const { return gridCoordinate(range_.y0, range_.y1, fine_j, finest()); }
  void set(int fine_i, int fine_j, const LossAndError& v);
  GridSurface surface(size_t k) const;
  // Appends a level of 2G - 1 nodes (false past kMaxGrid); computed nodes keep
  // their values.
  bool extend();

 private:
  GridRange range_;
  std::vector<int> levels_;
  std::vector<float> loss_, error_;  // finest() x finest(), NaN where not computed
};

}  // namespace mulab
