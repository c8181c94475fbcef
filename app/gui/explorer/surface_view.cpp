#include "gui/explorer/surface_view.hpp"

#include <algorithm>
#include <cmath>

#include "gui/widgets/colormap.hpp"
#include "gui/widgets/ui_style.hpp"
#include "util/nice_ticks.hpp"

namespace mulab::gui {

ViewMapping mapView(const Window& view, ImVec2 a, ImVec2 b, bool equal_scale) {
  ViewMapping m{a, b, view};
  if (!equal_scale) return m;
  // Widen the narrower dimension about its centre: both axes get the larger
  // of the two units-per-pixel.
  const double w = std::max(1.0f, b.x - a.x), h = std::max(1.0f, b.y - a.y);
  const double upp = std::max(view.width() / w, view.height() / h);
  const double cx = 0.5 * (view.xmin + view.xmax), cy = 0.5 * (view.ymin + view.ymax);
  m.window = Window{cx - 0.5 * upp * w, cx + 0.5 * upp * w, cy - 0.5 * upp * h, cy + 0.5 * upp * h};
  return m;
}

// [SECTION] The view: surface image, basin map, overlays

std::optional<std::string> SurfaceView::initGraphics() {
  if (auto err = renderer_.init()) return err;
  ready_ = true;
  colormap_loaded_.clear();
  return std::nullopt;
}

void SurfaceView::draw(ExplorerState& state, ImVec2 size, bool interactive) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 p0 = ImGui::GetCursorScreenPos();
  ImGui::Dummy(size);
  const Scene& sc = state.scene();
  const bool three_d = sc.three_d;
  const float left = ui::px(three_d ? 8 : 56), bottom = ui::px(three_d ? 8 : 38);
  const float right = ui::px(92), top = ui::px(8);
  const ImVec2 a(p0.x + left, p0.y + top), b(p0.x + size.x - right, p0.y + size.y - bottom);
  dl->AddRectFilled(p0, ImVec2(p0.x + size.x, p0.y + size.y), IM_COL32(16, 18, 22, 255));
  const ViewMapping m = mapView(state.view(), a, b, !three_d && state.equalScale());

  if (ready_ && colormap_loaded_ != sc.colormap) {
    renderer_.setColormap(sc.colormap);
    colormap_loaded_ = sc.colormap;
  }
  if (interactive || deterministic) {
    // The basin map follows the view and the focused run's settings.
    BasinKey key{state.version(), state.focus(), sc.basin_resolution,
                 m.window.xmin, m.window.xmax, m.window.ymin, m.window.ymax};
    if (!sc.basin_map) {
      if (basin_) cancelBasin(state);
    } else if (!basin_ || !(key == basin_key_)) {
      basin_key_ = key;
      StopCriteria stop = sc.stop;
      stop.max_steps = std::min<long>(stop.max_steps, 5000);
      if (stop.f_tol <= 0) stop.f_tol = 1e-6;
      basin_.reset();
      if (const ExplorerRun* run = state.focusedRun()) {
        basin_ = std::make_unique<BasinJob>(state.surface(), run->spec.optimizer, stop, m.window,
                                            sc.basin_resolution, sc.basin_resolution);
        basin_uploaded_done_ = false;
      }
    }
  }
  drawImage(state, dl, m);
  if (three_d) {
    drawOverlay3D(state, dl, m);
  } else {
    drawAxes(dl, m);
    drawOverlay2D(state, dl, m);
    if (overlay) {
      overlay(dl, m, [&](double x, double y, double) { return std::optional<ImVec2>(m.toPx(x, y)); }, false);
    }
  }
  drawLegend(state, dl, m);
  drawTitle(state, dl, m);
  drawColorBar(state, dl, ImVec2(b.x + ui::px(14), a.y + ui::px(18)),
               ImVec2(b.x + ui::px(30), b.y - ui::px(basin_ ? 44 : 10)));
  if (interactive) {
    const ImVec2 after = ImGui::GetCursorScreenPos();
    handleInput(state, m);
    ImGui::SetCursorScreenPos(after);  // the input button must not move the layout
  }
}

void SurfaceView::cancelBasin(ExplorerState& state) {
  basin_.reset();
  renderer_.hideBasin();
  state.setBasinMap(false);
  ++basin_version_;
}

void SurfaceView::drawImage(const ExplorerState& state, ImDrawList* dl, const ViewMapping& m) {
  const int w = std::max(16, int(m.b.x - m.a.x)), h = std::max(16, int(m.b.y - m.a.y));
  // About one sample per two pixels, interpolated by the texture unit.
  const int gw = std::clamp(w / 2, 48, 400), gh = std::clamp(h / 2, 48, 400);
  const GridKey gk{state.surface().get(), m.window.xmin, m.window.xmax, m.window.ymin, m.window.ymax, gw, gh};
  if (!(gk == grid_key_)) {
    grid_ = sampleSurface(*state.surface(), m.window, gw, gh);
    grid_key_ = gk;
    if (ready_) renderer_.uploadGrid(grid_);
    ++grid_version_;
  }
  scale_ = colorScaleFor(grid_, state.scene().log_scale, state.scene().contours);
  if (!ready_) return;
  if (basin_) {
    if (deterministic) basin_->wait();
    // Upload while rows arrive, and once more when the map is complete.
    if (!basin_uploaded_done_) {
      const bool done = basin_->done();
      basin_->readCells(basin_cells_);
      renderer_.uploadBasin(basin_->map().nx, basin_->map().ny, basin_cells_, float(basin_->maxSteps()));
      basin_uploaded_done_ = done;
      ++basin_version_;
    }
  } else {
    renderer_.hideBasin();
  }
  // Re-render only when something the image shows changed: on llvmpipe the
  // shader pass costs more than everything else in a frame together.
  const Scene& sc = state.scene();
  const OrbitCamera& cam = state.camera();
  const RenderKey key{grid_version_, w, h, sc.three_d, scale_.log, basin_ != nullptr, sc.colormap,
                      scale_.lo, scale_.hi, cam.yaw, cam.pitch, cam.distance,
                      scale_.contours, basin_version_};
  if (!(key == render_key_)) {
    if (sc.three_d) {
      renderer_.draw3D(fbo_, w, h, scale_, cam);
    } else {
      renderer_.draw2D(fbo_, w, h, scale_);
    }
    render_key_ = key;
  }
  dl->AddImage(reinterpret_cast<ImTextureID>(static_cast<intptr_t>(fbo_.texture())), m.a, m.b,
               ImVec2(0, 1), ImVec2(1, 0));
}

// [SECTION] Axes and colour bar

void SurfaceView::drawAxes(ImDrawList* dl, const ViewMapping& m) const {
  const ImU32 text = IM_COL32(210, 214, 220, 255), tick = IM_COL32(150, 156, 166, 255);
  const Window& w = m.window;
  const Ticks xt = niceTicks(w.xmin, w.xmax, std::max(2, int((m.b.x - m.a.x) / ui::px(80))));
  for (double v : xt.values) {
    const float x = m.toPx(v, 0).x;
    dl->AddLine(ImVec2(x, m.b.y), ImVec2(x, m.b.y + ui::px(5)), tick);
    const std::string l = tickLabel(v, xt.step);
    dl->AddText(ImVec2(x - ImGui::CalcTextSize(l.c_str()).x * 0.5f, m.b.y + ui::px(7)), text, l.c_str());
  }
  const Ticks yt = niceTicks(w.ymin, w.ymax, std::max(2, int((m.b.y - m.a.y) / ui::px(60))));
  for (double v : yt.values) {
    const float y = m.toPx(0, v).y;
    dl->AddLine(ImVec2(m.a.x - ui::px(5), y), ImVec2(m.a.x, y), tick);
    const std::string l = tickLabel(v, yt.step);
    const ImVec2 ts = ImGui::CalcTextSize(l.c_str());
    dl->AddText(ImVec2(m.a.x - ts.x - ui::px(8), y - ts.y * 0.5f), text, l.c_str());
  }
  const char* xl = x_label.empty() ? "x" : x_label.c_str();
  dl->AddText(ImVec2((m.a.x + m.b.x) * 0.5f - ImGui::CalcTextSize(xl).x * 0.5f, m.b.y + ui::px(20)), text, xl);
  dl->AddText(ImVec2(m.a.x - ui::px(52), (m.a.y + m.b.y) * 0.5f - ui::px(7)), text, "y");
  dl->AddRect(m.a, m.b, IM_COL32(90, 96, 106, 255));
}

void SurfaceView::drawColorBar(const ExplorerState& state, ImDrawList* dl, ImVec2 a, ImVec2 b) {
  const Lut& lut = colormapLut(state.scene().colormap);
  const int n = 64;
  for (int i = 0; i < n; ++i) {
    const float t0 = float(i) / n, t1 = float(i + 1) / n;
    const auto& c = lut[std::min(255, int(t0 * 255 + 0.5f))];
    dl->AddRectFilled(ImVec2(a.x, b.y - t1 * (b.y - a.y)), ImVec2(b.x, b.y - t0 * (b.y - a.y) + 0.5f),
                      ImGui::ColorConvertFloat4ToU32(ImVec4(c[0], c[1], c[2], 1)));
  }
  dl->AddRect(a, b, IM_COL32(90, 96, 106, 255));
  const ImU32 text = IM_COL32(210, 214, 220, 255);
  const float half = ImGui::GetTextLineHeight() * 0.5f;
  float last_y = 1e9f;  // labels closer than a line apart are skipped
  auto tickAt = [&](float t, const std::string& label) {
    const float y = b.y - t * (b.y - a.y);
    if (std::abs(y - last_y) < 2 * half + ui::px(2)) return;
    last_y = y;
    dl->AddLine(ImVec2(b.x, y), ImVec2(b.x + ui::px(4), y), text);
    dl->AddText(ImVec2(b.x + ui::px(7), y - half), text, label.c_str());
  };
  if (basin_) {
    // The shader maps steps s to t = 1 - 0.95 log(1 + s) / log(1 + max): fast runs at the top.
    const double max = double(basin_->maxSteps());
    dl->AddText(ImVec2(a.x - ui::px(6), a.y - ui::px(18)), text, "steps");
    for (double s : {1.0, 10.0, 100.0, 1000.0, 10000.0}) {
      if (s > max) break;
      tickAt(float(1.0 - 0.95 * std::log1p(s) / std::log1p(max)), tickLabel(s, s));
    }
    const float k = ui::px(10);
    const ImVec2 p(a.x - ui::px(6), b.y + ui::px(4));
    dl->AddRectFilled(p, ImVec2(p.x + k, p.y + k), IM_COL32(115, 115, 115, 255));
    dl->AddText(ImVec2(p.x + k + ui::px(4), p.y - ui::px(2)), text, "not reached");
    dl->AddRectFilled(ImVec2(p.x, p.y + 1.6f * k), ImVec2(p.x + k, p.y + 2.6f * k), IM_COL32(140, 13, 20, 255));
    dl->AddText(ImVec2(p.x + k + ui::px(4), p.y + 1.4f * k), text, "diverged");
    return;
  }
  dl->AddText(ImVec2(a.x - ui::px(6), a.y - ui::px(18)), text, grid_.shifted ? "f − f*" : "f");
  auto place = [&](double v, const std::string& l) {
    const float t = scale_.normalise(v);
    if (t >= -0.001f && t <= 1.001f) tickAt(t, l);
  };
  if (scale_.log) {
    std::vector<double> ticks = logTicks(std::pow(10.0, scale_.lo), std::pow(10.0, scale_.hi));
    while (ticks.size() > 8) {
      std::vector<double> thin;
      for (size_t i = 0; i < ticks.size(); i += 2) thin.push_back(ticks[i]);
      ticks = thin;
    }
    for (double v : ticks) place(v, tickLabel(v, v));
  } else {
    const Ticks t = niceTicks(scale_.lo, scale_.hi, 6);
    for (double v : t.values) place(v, tickLabel(v, t.step));
  }
}

// [SECTION] Clicks, drags and the hover readout

std::optional<double> SurfaceView::pendingClickIn() const {
  if (!pending_click_) return std::nullopt;
  return std::max(0.0, pending_click_time_ + ImGui::GetIO().MouseDoubleClickTime - ImGui::GetTime());
}

void SurfaceView::handleInput(ExplorerState& state, const ViewMapping& m) {
  ImGui::SetCursorScreenPos(m.a);
  ImGui::InvisibleButton("##view", ImVec2(std::max(1.0f, m.b.x - m.a.x), std::max(1.0f, m.b.y - m.a.y)));
  const ImGuiIO& io = ImGui::GetIO();
  const bool hovered = ImGui::IsItemHovered();
  if (state.scene().three_d) {
    OrbitCamera cam = state.camera();
    if (ImGui::IsItemActive() && ImGui::IsMouseDragging(ImGuiMouseButton_Left, 0)) {
      cam.yaw -= io.MouseDelta.x * 0.01f;
      cam.pitch = std::clamp(cam.pitch + io.MouseDelta.y * 0.01f, 0.05f, 1.55f);
    }
    if (hovered && io.MouseWheel != 0) cam.distance = std::clamp(cam.distance * std::pow(0.9f, io.MouseWheel), 0.8f, 12.0f);
    state.setCamera(cam);
    return;
  }
  drawHover(state, m);
  const double upp_x = m.window.width() / (m.b.x - m.a.x), upp_y = m.window.height() / (m.b.y - m.a.y);
  if (ImGui::IsItemActive() && ImGui::IsMouseDragging(ImGuiMouseButton_Left, 3.0f)) {
    Window v = state.view();
    v.xmin -= io.MouseDelta.x * upp_x;
    v.xmax -= io.MouseDelta.x * upp_x;
    v.ymin += io.MouseDelta.y * upp_y;
    v.ymax += io.MouseDelta.y * upp_y;
    state.setView(v);
  }
  const Vec2 at = m.toWorld(io.MousePos);
  if (hovered && io.MouseWheel != 0) {
    // Zoom about the cursor, in the same proportion on both axes.
    const double k = std::pow(0.85, io.MouseWheel);
    const Window& v = state.view();
    state.setView(Window{at.x() + (v.xmin - at.x()) * k, at.x() + (v.xmax - at.x()) * k,
                         at.y() + (v.ymin - at.y()) * k, at.y() + (v.ymax - at.y()) * k});
  }
  // A double-click only fits: its first click waits out the double-click time
  // before it counts as a click, and the second cancels it.
  if (hovered && ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left)) {
    pending_click_.reset();
    second_click_ = true;  // its release is not a click either
    state.fitView();
    return;
  }
  const ImVec2 moved(io.MousePos.x - io.MouseClickedPos[0].x, io.MousePos.y - io.MouseClickedPos[0].y);
  if (ImGui::IsItemDeactivated() && second_click_) {
    second_click_ = false;
  } else if (ImGui::IsItemDeactivated() && moved.x * moved.x + moved.y * moved.y < 9.0f) {
    pending_click_ = m.toWorld(io.MouseClickedPos[0]);
    pending_click_time_ = ImGui::GetTime();
    pending_click_shift_ = io.KeyShift;
  }
  if (pending_click_ && ImGui::GetTime() - pending_click_time_ > io.MouseDoubleClickTime) {
    // Click: move the selected runs' starts; shift-click: add a run there.
    const Vec2 p = *pending_click_;
    pending_click_.reset();
    if (pending_click_shift_ || state.runs().empty()) {
      state.addRunLikeFocused(p);
    } else {
      state.moveSelectedStarts(p);
    }
  }
}

void SurfaceView::drawHover(const ExplorerState& state, const ViewMapping& m) {
  const ImVec2 p = ImGui::GetIO().MousePos;
  if (!ImGui::IsItemHovered() || ImGui::IsMouseDragging(ImGuiMouseButton_Left)) return;
  if (p.x < m.a.x || p.x > m.b.x || p.y < m.a.y || p.y > m.b.y) return;
  const Vec2 at = m.toWorld(p);
  if (hover && hover(m, at)) return;
  Vec2 g;
  const double f = state.surface()->evaluate(at, &g);
  ImGui::BeginTooltip();
  ImGui::Text("x = %.4f   y = %.4f", at.x(), at.y());
  if (const auto fs = state.fStar()) {
    ImGui::Text("f = %.6g   f − f* = %.4g", f, f - *fs);
  } else {
    ImGui::Text("f = %.6g", f);
  }
  ImGui::Text("|∇f| = %.4g", g.matrix().norm());
  if (basin_ && basin_->done()) {
    const BasinMap& map = basin_->map();
    const int i = std::clamp(int((at.x() - map.window.xmin) / map.window.width() * map.nx), 0, map.nx - 1);
    const int j = std::clamp(int((at.y() - map.window.ymin) / map.window.height() * map.ny), 0, map.ny - 1);
    const long s = map.steps[size_t(j) * map.nx + i];
    if (s >= 0) ImGui::Text("from here: converges in %ld steps", s);
    if (s == BasinMap::kDiverged) ImGui::TextUnformatted("from here: diverges");
    if (s == BasinMap::kNotReached) ImGui::Text("from here: not within %ld steps", basin_->maxSteps());
  }
  ImGui::TextDisabled("click: move the selected starts · shift-click: add a run");
  ImGui::EndTooltip();
}

}  // namespace mulab::gui
