#include "train/run.hpp"

#include <chrono>
#include <cmath>

#include "train/memory_budget.hpp"
#include "train/run_options.hpp"
#include "util/compute_threads.hpp"
#include "util/float_env.hpp"

namespace mulab {
namespace {

using Clock = std::chrono::steady_clock;

double seconds(Clock::duration d) { return std::chrono::duration<double>(d).count(); }

}  // namespace

std::string_view toString(RunState s) {
  static const Choices<RunState> names{"state", {"loading", "running", "paused", "finished", "stopped", "failed"}};
  return names.name(s);
}

// [SECTION] A run and what the UI reads of it

TrainingRun::TrainingRun(int id, RunConfig config) : id_(id), config_(std::move(config)) {
  if (keepsCheckpoints(config_)) {
    checkpoints_ =
        std::make_unique<CheckpointStore>(config_.checkpoint_every, config_.checkpoint_max);
  }
}

CheckpointSnapshot TrainingRun::checkpoints() const {
  return checkpoints_ ? checkpoints_->snapshot() : CheckpointSnapshot{};
}

long TrainingRun::checkpointVersion() const { return checkpoints_ ? checkpoints_->version() : 0; }

// The copy (about 1 ms for 650k weights) is made on the training thread
// between steps; the store's lock is held only to append a pointer.
void TrainingRun::keepCheckpoint(const Trainer& trainer, long step, double epoch,
                                 const Evaluation* ev) {
  std::vector<DenseLayer> layers = trainer.networkLayers();
  if (layers.empty()) return;
  auto c = std::make_shared<Checkpoint>();
  c->step = step;
  c->epoch = epoch;
  c->updates = trainer.weightUpdates();
  if (ev) c->test_error = 1.0 - ev->accuracy;
  c->theta = flatten(layers);
  checkpoints_->add(shapeOf(layers, trainer.networkActivation()), std::move(c));
}

TrainingRun::~TrainingRun() {
  requestStop();
  join();
}

RunInspection TrainingRun::inspection() const {
  std::lock_guard lock(inspection_mutex_);
  return inspection_;
}

long TrainingRun::inspectionVersion() const {
  std::lock_guard lock(inspection_mutex_);
  return inspection_.version;
}

// Copies are prepared outside the lock; the lock only guards the swap.
void TrainingRun::publishInspection(const Trainer& trainer, const Dataset& test,
                                    const Evaluation* ev) {
  const Matrix& w = trainer.firstLayerWeights();
  Matrix tiles = w.topRows(std::min<Eigen::Index>(64, w.rows()));
  std::vector<Vector> images;
  if (ev) {
    for (const Misclassified& m : ev->misclassified) images.push_back(test.images.col(m.index));
  }
  std::lock_guard lock(inspection_mutex_);
  ++inspection_.version;
  inspection_.image_rows = test.rows;
  inspection_.image_cols = test.cols;
  inspection_.first_layer = std::move(tiles);
  if (ev) {
    inspection_.evaluated = true;
    inspection_.confusion = ev->confusion;
    inspection_.misclassified = ev->misclassified;
    inspection_.misclassified_images = std::move(images);
  }
}

RunProgress TrainingRun::progress() const {
  std::lock_guard lock(mutex_);
  return progress_;
}

// [SECTION] Start, pause, stop

void TrainingRun::start() {
  thread_ = std::jthread([this](std::stop_token st) { body(st); });
}

// pause() only asks; the training thread reports kPaused once it is actually
// waiting between steps, so a paused run publishes nothing more.
void TrainingRun::pause() {
  std::lock_guard lock(mutex_);
  paused_ = true;
}

void TrainingRun::resume() {
  {
    std::lock_guard lock(mutex_);
    paused_ = false;
  }
  pause_cv_.notify_all();
}

void TrainingRun::requestStop() {
  if (thread_.joinable()) thread_.request_stop();
}

void TrainingRun::join() {
  if (thread_.joinable()) thread_.join();
}

bool TrainingRun::finished() const {
  const RunState s = progress().state;
  return s == RunState::kFinished || s == RunState::kStopped || s == RunState::kFailed;
}

double TrainingRun::trainSamplesPerSecond() const {
  const double t = train_seconds_.load();
  return t > 0 ? double(train_samples_.load()) / t : 0.0;
}

void TrainingRun::setState(RunState s, const std::string& error) {
  std::lock_guard lock(mutex_);
  progress_.state = s;
  if (!error.empty()) progress_.error = error;
}

bool TrainingRun::waitWhilePaused(std::stop_token& stop) {
  std::unique_lock lock(mutex_);
  if (paused_) {
    progress_.state = RunState::kPaused;
    pause_cv_.wait(lock, stop, [this] { return !paused_; });
    progress_.state = RunState::kRunning;
  }
  return !stop.stop_requested();
}

// [SECTION] The training thread

void TrainingRun::body(std::stop_token stop) {
  // The team size first: flushing subnormals starts this thread's OpenMP team.
  if (config_.compute_threads > 0) setComputeThreads(config_.compute_threads);
  flushSubnormalsToZero();
  try {
    std::optional<DataSplit> data = loadData(stop);
    if (!data) return;
    std::unique_ptr<Trainer> trainer = makeTrainer(config_, data->train);
    {
      std::lock_guard lock(mutex_);
      progress_.description = trainer->describe();
      progress_.steps_per_epoch = trainer->stepsPerEpoch();
      progress_.state = RunState::kRunning;
    }
    if (checkpoints_) {
      // The first checkpoint is the initialisation, with its test error.
      const Evaluation ev = evaluate(*trainer, data->test, 0);
      keepCheckpoint(*trainer, 0, 0.0, &ev);
    }
    setState(train(stop, *trainer, *data));
  } catch (const std::bad_alloc&) {
    // The estimate said it fits, but the machine had less free memory.
    setState(RunState::kFailed, "out of memory while training " + describeConfig(config_) +
                                    " (try a smaller --hidden or --batch)");
  } catch (const std::exception& e) {
    setState(RunState::kFailed, std::string("internal error: ") + e.what());
  }
}

// The configuration checked, the data loaded (and cut to train_limit); nullopt
// once the state says why not.
std::optional<DataSplit> TrainingRun::loadData(std::stop_token& stop) {
  if (auto err = checkRunConfig(config_, plainKey)) {
    setState(RunState::kFailed, *err);
    return std::nullopt;
  }
  // Loading takes a second or more: a stop is seen between its files.
  auto data = loadDataset(config_.dataset, resolveDataDir(config_.data_dir), dataDirIsImplicit(config_.data_dir),
                          [&stop] { return stop.stop_requested(); });
  if (!data) {
    setState(stop.stop_requested() ? RunState::kStopped : RunState::kFailed,
             stop.stop_requested() ? "" : data.error());
    return std::nullopt;
  }
  if (config_.train_limit > 0 && config_.train_limit < data->train.size()) {
    data->train.images.conservativeResize(Eigen::NoChange, config_.train_limit);
    data->train.labels.resize(config_.train_limit);
  }
  if (stop.stop_requested()) {
    setState(RunState::kStopped);
    return std::nullopt;
  }
  return std::move(*data);
}

// Steps through the epochs, publishing a point now and then; returns how the
// run ended (its state is set to failed here when the loss diverged).
RunState TrainingRun::train(std::stop_token& stop, Trainer& trainer, const DataSplit& data) {
  const long steps = trainer.stepsPerEpoch();
  Window w;
  w.test_every = config_.eval_every > 0 ? config_.eval_every : steps;
  w.publish_every = std::max(1L, std::min(w.test_every, steps / 50));
  w.all_steps = steps * config_.epochs;
  for (int epoch = 0; epoch < config_.epochs; ++epoch) {
    trainer.beginEpoch(epoch);
    for (long i = 0; i < steps; ++i) {
      if (stop.stop_requested() || !waitWhilePaused(stop)) {
        keepLastCheckpoint(trainer, w);
        return RunState::kStopped;
      }
      const auto t0 = Clock::now();
      const StepStats s = trainer.step(i);
      w.train_s += seconds(Clock::now() - t0);
      ++w.total_steps;
      w.samples += s.samples;
      train_seconds_ = w.train_s;
      train_samples_ = w.samples;
      if (!std::isfinite(s.loss_sum)) {
        {
          std::lock_guard lock(mutex_);
          progress_.diverged = true;
        }
        setState(RunState::kFailed, "training loss became " + std::string(std::isnan(s.loss_sum) ? "NaN" : "infinite") +
                                        " at epoch " + std::to_string(epoch + 1) + ", step " + std::to_string(i + 1) +
                                        " (try a smaller learning rate)");
        return RunState::kFailed;
      }
      w.loss += s.loss_sum;
      w.correct += s.correct;
      w.seen += s.samples;
      w.epoch_now = epoch + double(i + 1) / double(steps);
      const bool last_step = i + 1 == steps || trainer.done();
      const bool run_ends = last_step && (epoch + 1 == config_.epochs || trainer.done());
      publish(trainer, data, w, epoch, i, last_step, run_ends);
      if (trainer.done()) return RunState::kFinished;
    }
  }
  return RunState::kFinished;
}

// A point of the series (and a test evaluation and a checkpoint when due).
void TrainingRun::publish(const Trainer& trainer, const DataSplit& data, Window& w, int epoch, long i,
                          bool last_step, bool run_ends) {
  const bool eval_now = w.total_steps % w.test_every == 0 || last_step || trainer.evaluateNow();
  // Checkpoints on the stride, and always the run's last step.
  const bool keep_now = checkpoints_ && (checkpoints_->due(w.total_steps) || run_ends);
  if (!eval_now && !keep_now && w.total_steps % w.publish_every != 0) return;
  MetricPoint p;
  p.epoch = w.epoch_now;
  p.step = w.total_steps;
  p.samples = w.samples;
  p.updates = trainer.weightUpdates();
  p.wall_s = w.train_s;
  // Steps that see no samples (ER's solves) carry the last window forward.
  if (w.seen > 0) {
    w.last_loss = w.loss / w.seen;
    w.last_acc = double(w.correct) / w.seen;
    w.loss = 0;
    w.correct = w.seen = 0;
  }
  p.train_loss = w.last_loss;
  p.train_acc = w.last_acc;
  std::optional<Evaluation> ev;
  if (eval_now) {
    ev = evaluate(trainer, data.test);
    p.test_acc = ev->accuracy;
  }
  publishInspection(trainer, data.test, ev ? &*ev : nullptr);
  if (keep_now) keepCheckpoint(trainer, w.total_steps, p.epoch, ev ? &*ev : nullptr);
  metrics_.append(p);
  RunProgress snapshot;
  {
    std::lock_guard lock(mutex_);
    progress_.epoch = epoch;
    progress_.step_in_epoch = i + 1;
    progress_.samples_per_s = w.train_s > 0 ? w.samples / w.train_s : 0;
    progress_.eta_s = w.train_s / w.total_steps * double(w.all_steps - w.total_steps);
    snapshot = progress_;
  }
  if (eval_now) final_test_acc_ = p.test_acc;
  if (on_point) on_point(p, snapshot);
}

// A stopped run keeps where it got to, as its latest checkpoint.
void TrainingRun::keepLastCheckpoint(const Trainer& trainer, const Window& w) {
  if (!checkpoints_ || w.total_steps == 0) return;
  const CheckpointSnapshot kept = checkpoints_->snapshot();
  if (kept.items.empty() || kept.items.back()->step < w.total_steps) {
    keepCheckpoint(trainer, w.total_steps, w.epoch_now, nullptr);
  }
}

// [SECTION] The run manager

RunManager::~RunManager() { stopAll(); }

int RunManager::start(const RunConfig& config) {
  std::lock_guard lock(mutex_);
  const int id = next_id_++;
  auto run = std::make_shared<TrainingRun>(id, config);
  runs_[id] = run;
  run->start();
  return id;
}

std::shared_ptr<TrainingRun> RunManager::get(int id) const {
  std::lock_guard lock(mutex_);
  auto it = runs_.find(id);
  return it == runs_.end() ? nullptr : it->second;
}

std::vector<std::shared_ptr<TrainingRun>> RunManager::runs() const {
  std::lock_guard lock(mutex_);
  std::vector<std::shared_ptr<TrainingRun>> out;
  for (const auto& [id, run] : runs_) out.push_back(run);
  return out;
}

void RunManager::pause(int id) {
  if (auto r = get(id)) r->pause();
}
void RunManager::resume(int id) {
  if (auto r = get(id)) r->resume();
}
void RunManager::stop(int id) {
  if (auto r = get(id)) r->requestStop();
}

void RunManager::remove(int id) {
  std::shared_ptr<TrainingRun> run;
  {
    std::lock_guard lock(mutex_);
    auto it = runs_.find(id);
    if (it == runs_.end()) return;
    run = it->second;
    runs_.erase(it);
  }
  run->requestStop();
  run->join();
}

void RunManager::stopAll() {
  for (auto& run : runs()) run->requestStop();
  for (auto& run : runs()) run->join();
}

}  // namespace mulab
