// The line plot's decimation (plot.hpp): whatever a series' length, a pixel
// column draws at most four points, and columns where a series zig-zags
// across more than a pixel are drawn as one filled band instead of a line
// through every extreme, so a long noisy curve costs the rasteriser what
// its pixels cost.
#include <algorithm>
#include <cmath>

#include "gui/widgets/draw_limits.hpp"
#include "gui/widgets/plot.hpp"

namespace mulab::gui {

float PlotMapping::px(double x) const {
  return float(a.x + ((log_x ? std::log10(x) : x) - x0) / (x1 - x0) * (b.x - a.x));
}

float PlotMapping::py(double y) const {
  return std::clamp(float(b.y - ((log_y ? std::log10(y) : y) - y0) / (y1 - y0) * (b.y - a.y)), a.y - 1e4f, b.y);
}

namespace {

// What a pixel column of three or more points draws, for both decimations:
// it is entered at its first point; if its points span less than a pixel it
// is left at its last when that is half a pixel away, else it spans its
// extremes at the column's centre (a dense column) and is left at its last.
void emitColumn(float col, ImVec2 first, ImVec2 last, float top, float bottom, std::vector<ImVec2>& out,
                std::vector<DenseColumn>* dense) {
  out.push_back(first);
  if (bottom - top < 1.0f) {
    if (std::abs(last.y - first.y) >= 0.5f) out.push_back(last);
    return;
  }
  if (dense) dense->push_back({out.size() - 1, col + 0.5f, top, bottom});
  out.push_back(ImVec2(col + 0.5f, first.y <= last.y ? top : bottom));
  out.push_back(ImVec2(col + 0.5f, first.y <= last.y ? bottom : top));
  out.push_back(last);
}

}  // namespace

void decimateSeries(const PlotSeries& s, const PlotMapping& m, std::vector<ImVec2>& out,
                    std::vector<DenseColumn>* dense) {
  auto usable = [&](size_t i) { return drawable(s, i, m.log_x, m.log_y); };
  const size_t n = s.x.size();
  size_t i = 0;
  while (i < n && !usable(i)) ++i;
  while (i < n) {
    const float col = std::floor(m.px(s.x[i]));
    size_t last = i, lo = i, hi = i, count = 1, second = n;
    size_t j = i + 1;
    for (; j < n; ++j) {
      if (!usable(j)) continue;
      if (std::floor(m.px(s.x[j])) != col) break;
      if (count++ == 1) second = j;
      last = j;
      if (s.y[j] < s.y[lo]) lo = j;
      if (s.y[j] > s.y[hi]) hi = j;
    }
    const ImVec2 first(m.px(s.x[i]), m.py(s.y[i]));
    if (count <= 2) {
      out.push_back(first);
      if (count == 2) out.push_back(ImVec2(m.px(s.x[second]), m.py(s.y[second])));
    } else {
      // Extremes of the raw values are extremes in pixels (the map is monotonic).
      const float a = m.py(s.y[lo]), b = m.py(s.y[hi]);
      emitColumn(col, first, ImVec2(m.px(s.x[last]), m.py(s.y[last])), std::min(a, b), std::max(a, b), out, dense);
    }
    i = j;
  }
}

void decimateByColumn(std::span<const ImVec2> pts, std::vector<ImVec2>& out) {
  size_t i = 0;
  while (i < pts.size()) {
    const float col = std::floor(pts[i].x);
    float lo = pts[i].y, hi = pts[i].y;
    const ImVec2 first = pts[i];
    ImVec2 last = pts[i];
    size_t j = i + 1;
    for (; j < pts.size() && std::floor(pts[j].x) == col; ++j) {
      lo = std::min(lo, pts[j].y);
      hi = std::max(hi, pts[j].y);
      last = pts[j];
    }
    if (j - i <= 2) {
      for (size_t k = i; k < j; ++k) out.push_back(pts[k]);
    } else {
      emitColumn(col, first, last, lo, hi, out, nullptr);
    }
    i = j;
  }
}

namespace {

// One filled band through the columns' extents (widened by the line's
// thickness, so it covers what the zig-zag line would): two vertices a
// column, two triangles between neighbours, against eight vertices and eight
// triangles for the four-point line through each column.
void addBand(ImDrawList* dl, std::span<const DenseColumn> cols, ImU32 color, float thickness) {
  const float h = 0.5f * thickness;
  const ImVec2 uv = ImGui::GetFontTexUvWhitePixel();
  // Chunks keep one primitive's vertices far below ImGui's 16-bit indices.
  constexpr size_t kChunk = 4096;
  for (size_t first = 0; first + 1 < cols.size(); first += kChunk - 1) {
    const size_t n = std::min(kChunk, cols.size() - first);
    dl->PrimReserve(int(6 * (n - 1)), int(2 * n));
    const ImDrawIdx base = ImDrawIdx(dl->_VtxCurrentIdx);
    for (size_t k = 0; k < n; ++k) {
      const DenseColumn& c = cols[first + k];
      // The band's ends reach the columns' edges, where the line would.
      const float x = k == 0 && first == 0 ? c.x - 0.5f : k + 1 == n && first + n == cols.size() ? c.x + 0.5f : c.x;
      dl->PrimWriteVtx(ImVec2(x, c.top - h), uv, color);
      dl->PrimWriteVtx(ImVec2(x, c.bottom + h), uv, color);
    }
    for (size_t k = 0; k + 1 < n; ++k) {
      const ImDrawIdx v = ImDrawIdx(base + 2 * k);
      dl->PrimWriteIdx(v);
      dl->PrimWriteIdx(ImDrawIdx(v + 1));
      dl->PrimWriteIdx(ImDrawIdx(v + 3));
      dl->PrimWriteIdx(v);
      dl->PrimWriteIdx(ImDrawIdx(v + 3));
      dl->PrimWriteIdx(ImDrawIdx(v + 2));
    }
  }
}

}  // namespace

void addDecimatedSeries(ImDrawList* dl, std::span<const ImVec2> pts, std::span<const DenseColumn> dense, ImU32 color,
                        float thickness) {
  // Runs of at least this many adjacent dense columns become a band; shorter
  // ones stay line (a single spike reads better as a line).
  constexpr size_t kMinBand = 3;
  size_t next = 0;  // the first point not drawn yet
  auto line = [&](size_t from, size_t to) {  // points [from, to]
    if (to > from) addPolylineChunked(dl, pts.data() + from, int(to - from + 1), color, thickness);
  };
  for (size_t d = 0; d < dense.size();) {
    size_t e = d + 1;
    // Adjacent: the next dense column's first point follows this one's last.
    while (e < dense.size() && dense[e].first == dense[e - 1].first + 4 && dense[e].x == dense[e - 1].x + 1) ++e;
    if (e - d >= kMinBand) {
      line(next, dense[d].first);  // up to where the band begins
      addBand(dl, dense.subspan(d, e - d), color, thickness);
      next = dense[e - 1].first + 3;  // on from where it ends
    }
    d = e;
  }
  line(next, pts.size() - 1);
}

}  // namespace mulab::gui
