// The explorer's undo history (explorer_state.hpp): every user edit records
// the experiment as it was (the runs with their selection, and the surface,
// stop criteria and title they ran under) and undo puts it back. Display
// preferences are not recorded, so undo never moves the camera or the cursor;
// the view comes back only with the surface it was fitted to.
#include <algorithm>

#include "gui/explorer/explorer_state.hpp"

namespace mulab::gui {

ExplorerState::Snapshot ExplorerState::snapshot() const {
  Snapshot s;
  for (const ExplorerRun& r : runs_) {
    s.specs.push_back(r.spec);
    s.selected.push_back(r.selected);
  }
  s.focus = focus_;
  s.surface_id = surface_id_;
  s.surface = surface_;
  s.surface_name = scene_.surface;
  s.surface_params = scene_.surface_params;
  s.formula = scene_.formula;
  s.formula_window = scene_.formula_window;
  s.formula_minima = scene_.formula_minima;
  s.view = view_;
  s.stop = scene_.stop;
  s.stop_carried_over = stop_carried_over_;
  s.title = scene_.title;
  s.description = scene_.description;
  return s;
}

void ExplorerState::restore(const Snapshot& s) {
  // A landscape's new levels keep the id: undoing a run edit made over a
  // landscape leaves its latest level in place.
  const bool surface_back = s.surface_id != surface_id_;
  const bool same_paths = !surface_back && s.stop == scene_.stop;
  if (surface_back) {
    surface_ = s.surface;
    surface_id_ = s.surface_id;
    scene_.surface = s.surface_name;
    scene_.surface_params = s.surface_params;
    scene_.formula = s.formula;
    scene_.formula_window = s.formula_window;
    scene_.formula_minima = s.formula_minima;
    view_ = s.view;
    cursor_ = 0;  // as a new surface does: its runs play from the start
  }
  scene_.stop = s.stop;
  stop_carried_over_ = s.stop_carried_over;
  scene_.title = s.title;
  scene_.description = s.description;

  // Runs whose settings did not change keep their identity and hidden state
  // (display preferences), and their computed previews when the surface and
  // the stop test are the same too.
  std::vector<ExplorerRun> old = std::move(runs_);
  std::vector<bool> taken(old.size(), false);
  runs_.clear();
  for (size_t i = 0; i < s.specs.size(); ++i) {
    ExplorerRun r{s.specs[i], nullptr, {}, {}, 1, s.selected[i], false, 0};
    for (size_t k = 0; k < old.size(); ++k) {
      const ExplorerRun& o = old[k];
      if (taken[k] || !(o.spec.optimizer == r.spec.optimizer) ||
          !(o.spec.start == r.spec.start).all()) {
        continue;
      }
      taken[k] = true;
      r.id = o.id;
      r.hidden = o.hidden;
      if (same_paths) {
        r.preview = std::move(old[k].preview);
        r.plot_x = std::move(old[k].plot_x);
        r.plot_y = std::move(old[k].plot_y);
        r.plot_stride = o.plot_stride;
      }
      break;
    }
    if (r.id == 0) r.id = next_id_++;
    if (!r.preview) resetPreview(r);
    runs_.push_back(std::move(r));
  }
  focus_ = std::clamp(s.focus, 0, std::max(0, int(runs_.size()) - 1));
  ++version_;
}

void ExplorerState::pushUndo() {
  undo_.push_back(snapshot());
  if (undo_.size() > kMaxUndo) undo_.pop_front();
  redo_.clear();
}

void ExplorerState::clearHistory() {
  undo_.clear();
  redo_.clear();
}

bool ExplorerState::travel(std::deque<Snapshot>& from, std::deque<Snapshot>& to) {
  if (from.empty()) return false;
  to.push_back(snapshot());  // undo's entry is redo's way back, and the other way round
  restore(from.back());
  from.pop_back();
  return true;
}

bool ExplorerState::undo() {
  return travel(undo_, redo_);
}

bool ExplorerState::redo() {
  return travel(redo_, undo_);
}

}  // namespace mulab::gui
