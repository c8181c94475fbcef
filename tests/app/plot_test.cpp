// The plot's min/max decimation: however many points fall in a pixel
// column, at most four are drawn for it, and the column's extremes survive.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <tuple>

#include "gui/widgets/draw_limits.hpp"
#include "gui/widgets/plot.hpp"

namespace mulab::gui {
namespace {

TEST(PlotDecimation, AMillionPointsDrawAsAtMostFourPerPixelColumn) {
  std::vector<ImVec2> pts(1000000);
  for (size_t i = 0; i < pts.size(); ++i) {
    const float x = 800.0f * float(i) / float(pts.size());  // 800 px wide
    pts[i] = ImVec2(x, 200.0f + 100.0f * std::sin(0.001f * float(i)) + float(i % 7));  // noisy
  }
  std::vector<ImVec2> out;
  decimateByColumn(pts, out);
  EXPECT_LE(out.size(), 4u * 800u);
  EXPECT_GE(out.size(), 2u * 800u);
  // The extremes of every column are kept.
  float lo = 1e9f, hi = -1e9f, out_lo = 1e9f, out_hi = -1e9f;
  for (const ImVec2& p : pts) {
    if (p.x >= 400 && p.x < 401) {
      lo = std::min(lo, p.y);
      hi = std::max(hi, p.y);
    }
  }
  for (const ImVec2& p : out) {
    if (p.x >= 400 && p.x < 401) {
      out_lo = std::min(out_lo, p.y);
      out_hi = std::max(out_hi, p.y);
    }
  }
  EXPECT_EQ(lo, out_lo);
  EXPECT_EQ(hi, out_hi);
}

TEST(PlotDecimation, SparsePointsAndFlatColumnsPassThroughCheaply) {
  std::vector<ImVec2> sparse = {{0.5f, 1}, {10.5f, 2}, {20.5f, 3}};
  std::vector<ImVec2> out;
  decimateByColumn(sparse, out);
  EXPECT_EQ(out.size(), 3u);
  std::vector<ImVec2> flat;
  for (int i = 0; i < 100; ++i) flat.push_back(ImVec2(5.0f + 0.001f * i, 50.0f));  // one column, one pixel high
  out.clear();
  decimateByColumn(flat, out);
  EXPECT_EQ(out.size(), 1u);
}

// The plot's fast path (columns and extremes found on raw values) must draw
// exactly what the reference decimation of every mapped sample draws, on a
// log axis with NaNs, non-positive values, spikes and a floor-clamped tail.
TEST(PlotDecimation, RawValueFastPathEqualsDecimatingEveryMappedSample) {
  std::vector<double> x(20000), y(20000);
  for (size_t i = 0; i < x.size(); ++i) {
    x[i] = double(i);
    y[i] = std::exp(-0.002 * double(i)) * (1.5 + std::sin(0.37 * double(i)));  // oscillating decay
    if (i % 997 == 0) y[i] = NAN;
    if (i % 1301 == 0) y[i] = 0;      // not drawable on a log axis
    if (i % 4001 == 0) y[i] = 1e30;   // a spike far above the top
  }
  PlotSeries s{"run", IM_COL32_WHITE, x, y};
  for (bool log_y : {true, false}) {
    const PlotMapping m{ImVec2(60, 20), ImVec2(760, 320), 0.0, 19999.0, log_y ? -6.0 : -0.5, log_y ? 0.5 : 2.5,
                        false, log_y};
    std::vector<ImVec2> all, reference, fast;
    for (size_t i = 0; i < x.size(); ++i) {
      if (std::isfinite(y[i]) && !(log_y && y[i] <= 0)) all.push_back(ImVec2(m.px(x[i]), m.py(y[i])));
    }
    decimateByColumn(all, reference);
    decimateSeries(s, m, fast);
    ASSERT_EQ(fast.size(), reference.size()) << "log_y=" << log_y;
    for (size_t i = 0; i < fast.size(); ++i) {
      EXPECT_EQ(fast[i].x, reference[i].x) << i;
      EXPECT_EQ(fast[i].y, reference[i].y) << i;
    }
    EXPECT_LT(fast.size(), all.size() / 4);  // and it does decimate
  }
}

// A zig-zag over 700 columns (four points a column) draws as one band: far
// fewer vertices than the line, and the band covers every column's extremes.
TEST(PlotDecimation, DenseColumnsDrawAsOneBandCoveringTheirExtremes) {
  ImGui::CreateContext();
  ImGui::GetIO().Fonts->Build();
  std::vector<double> x(7000), y(7000);
  for (size_t i = 0; i < x.size(); ++i) {
    x[i] = double(i);
    y[i] = (i % 2 ? 1.0 : 0.0) + 0.5 * std::sin(0.001 * double(i));  // a two-pixel-plus zig-zag
  }
  PlotSeries s{"run", IM_COL32_WHITE, x, y};
  const PlotMapping m{ImVec2(60, 20), ImVec2(760, 320), 0.0, 6999.0, -1.0, 2.0};
  std::vector<ImVec2> pts;
  std::vector<DenseColumn> dense;
  decimateSeries(s, m, pts, &dense);
  ASSERT_GE(dense.size(), 690u);
  auto vertices = [&](bool band) {
    ImDrawList dl(ImGui::GetDrawListSharedData());
    dl._ResetForNewFrame();
    dl.PushClipRectFullScreen();
    dl.PushTextureID(ImGui::GetIO().Fonts->TexID);
    if (band) {
      addDecimatedSeries(&dl, pts, dense, IM_COL32_WHITE, 2.0f);
    } else {
      addPolylineChunked(&dl, pts.data(), int(pts.size()), IM_COL32_WHITE, 2.0f);
    }
    float top = 1e9f, bottom = -1e9f;
    for (const ImDrawVert& v : dl.VtxBuffer) {
      if (v.pos.x > 400 && v.pos.x < 401) top = std::min(top, v.pos.y), bottom = std::max(bottom, v.pos.y);
    }
    return std::tuple{dl.VtxBuffer.Size, top, bottom};
  };
  const auto [line_v, line_top, line_bottom] = vertices(false);
  const auto [band_v, band_top, band_bottom] = vertices(true);
  EXPECT_LT(band_v * 3, line_v);  // two vertices a column against eight
  // Column 400's extremes (and the line's half-width) lie inside the band.
  const auto it = std::find_if(dense.begin(), dense.end(), [](const DenseColumn& c) { return c.x == 400.5f; });
  ASSERT_NE(it, dense.end());
  EXPECT_LE(band_top, it->top);
  EXPECT_GE(band_bottom, it->bottom);
  EXPECT_NEAR(band_bottom - band_top, line_bottom - line_top, 2.5f);
  ImGui::DestroyContext();
}

}  // namespace
}  // namespace mulab::gui
