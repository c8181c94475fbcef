// A training run: configuration -> data -> trainer -> metrics, on one thread.
// RunManager puts each run on its own std::jthread; the loop checks stop and
// pause between steps, so a stop is honoured within one step.
#pragma once

#include <atomic>
#include <condition_variable>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <stop_token>
#include <string>
#include <thread>

#include "train/checkpoint.hpp"
#include "train/evaluation.hpp"
#include "train/metrics.hpp"
#include "train/run_config.hpp"

namespace mulab {

enum class RunState { kLoading, kRunning, kPaused, kFinished, kStopped, kFailed };
std::string_view toString(RunState s);

// Progress the UI and the CLI show beside the series.
struct RunProgress {
  RunState state = RunState::kLoading;
  int epoch = 0;
  long step_in_epoch = 0, steps_per_epoch = 0;
  double samples_per_s = 0;
  double eta_s = NAN;
  std::string error;  // why it failed
  bool diverged = false;  // failed because the loss became NaN or infinite (a result, not a fault)
  std::string description;
};

// What the training lab shows of the selected run beyond its curves: the
// first hidden units' input weights (live) and, from the latest test
// evaluation, the confusion matrix and some misclassified digits.
struct RunInspection {
  long version = 0;                      // bumps on every publish
  int image_rows = 28, image_cols = 28;
  Matrix first_layer;                    // up to 64 units x pixels
  std::array<std::array<long, 10>, 10> confusion{};
  bool evaluated = false;
  std::vector<Misclassified> misclassified;  // a few of every (true, predicted) pair
  std::vector<Vector> misclassified_images;  // pixels in [0, 1], one per misclassified
};

class TrainingRun {
 public:
  TrainingRun(int id, RunConfig config);
  ~TrainingRun();  // requests stop and joins

  int id() const { return id_; }
  const RunConfig& config() const { return config_; }
  const MetricsSeries& metrics() const { return metrics_; }
  RunProgress progress() const;

  void start();
  void pause();
  void resume();
  void requestStop();
  void join();
  bool finished() const;

  // Copy of the latest inspection snapshot (taken under a short lock).
  RunInspection inspection() const;
  long inspectionVersion() const;

  // The checkpoints kept so far (none unless keepsCheckpoints(config())):
  // pointers to immutable weights, copied under a short lock, so polling
  // every frame is cheap. The version bumps whenever the list changes.
  CheckpointSnapshot checkpoints() const;
  long checkpointVersion() const;

  // Final test accuracy and throughput, valid once finished.
  double finalTestAccuracy() const { return final_test_acc_.load(); }
  double trainSamplesPerSecond() const;

  // Called on the training thread after each published point (CLI progress line).
  std::function<void(const MetricPoint&, const RunProgress&)> on_point;

 private:
  // What the training loop sums between published points, and its pace.
  struct Window {
    long test_every = 1, publish_every = 1, all_steps = 0;
    long total_steps = 0, samples = 0;
    double train_s = 0, epoch_now = 0;
    double loss = 0;  // summed since the last point, over `seen` samples
    long correct = 0, seen = 0;
    double last_loss = NAN, last_acc = NAN;
  };
  void body(std::stop_token stop);
  std::optional<DataSplit> loadData(std::stop_token& stop);
  RunState train(std::stop_token& stop, Trainer& trainer, const DataSplit& data);
  void publish(const Trainer& trainer, const DataSplit& data, Window& w, int epoch, long i, bool last_step,
               bool run_ends);
  void keepLastCheckpoint(const Trainer& trainer, const Window& w);
  void setState(RunState s, const std::string& error = {});
  bool waitWhilePaused(std::stop_token& stop);
  void publishInspection(const Trainer& trainer, const Dataset& test, const Evaluation* ev);
  void keepCheckpoint(const Trainer& trainer, long step, double epoch, const Evaluation* ev);

  int id_;
  RunConfig config_;
  MetricsSeries metrics_;
  std::jthread thread_;
  mutable std::mutex mutex_;  // guards progress_
  std::condition_variable_any pause_cv_;
  bool paused_ = false;       // guarded by mutex_
  RunProgress progress_;
  std::atomic<double> final_test_acc_{NAN};
  mutable std::mutex inspection_mutex_;
  RunInspection inspection_;
  std::atomic<double> train_seconds_{0};
  std::atomic<long> train_samples_{0};
  std::unique_ptr<CheckpointStore> checkpoints_;  // set at construction when enabled
};

// Owns runs; thread-safe. Destruction stops and joins every run.
class RunManager {
 public:
  ~RunManager();
  int start(const RunConfig& config);
  std::shared_ptr<TrainingRun> get(int id) const;
  std::vector<std::shared_ptr<TrainingRun>> runs() const;
  void pause(int id);
  void resume(int id);
  void stop(int id);
  void remove(int id);  // stops, joins and forgets
  void stopAll();

 private:
  mutable std::mutex mutex_;
  std::map<int, std::shared_ptr<TrainingRun>> runs_;
  int next_id_ = 1;
};

}  // namespace mulab
