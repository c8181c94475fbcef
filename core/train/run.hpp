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

#include "optim/optimizer_config.hpp"
#include "train/checkpoint.hpp"
#include "train/evaluation.hpp"
#include "train/er_options.hpp"
#include "train/metrics.hpp"
#include "train/trainer.hpp"
#include "util/choice.hpp"

namespace mulab {

enum class Method { kBp, kEr, kAltMin, kFa, kDtp };
const Choices<Method>& methodChoices();
std::string_view toString(Method m);
Result<Method> parseMethod(std::string_view name);

inline constexpr size_t kMaxHiddenLayers = 16;

struct RunConfig {
  DatasetKind dataset = DatasetKind::kMnist;
  std::string data_dir;  // as the user gave it (may be empty); resolved with resolveDataDir
  Method method = Method::kBp;
  std::vector<int> hidden{500, 500};
  Activation activation = Activation::kRelu;
  OptimizerConfig optimizer = [] {
    OptimizerConfig c;
    c.lr = 1e-3;
    return c;
  }();
  int batch = 200;
  int epochs = 10;
  uint64_t seed = 1;
  long eval_every = 0;  // steps between test evaluations; 0: once per epoch
  long train_limit = 0; // use only the first N training samples (0: all)
  // Expectation Reflection (train/er_trainer.hpp, docs/er.md)
  double er_ridge = 10.0;
  bool er_incremental = false;
  double er_init_scale = 1.0;
  double er_bias_scale = 0.5;
  double er_hidden_ridge = 10.0;
  RidgeForm er_solve = RidgeForm::kAugmented;
  ErOutputReflection er_output = ErOutputReflection::kTanh;
  ErHiddenUpdate er_hidden_update = ErHiddenUpdate::kPinv;
  ErHiddenInverse er_inverse = ErHiddenInverse::kSecant;
  double er_step = 1.0;  // alpha of the hidden target a* = a + alpha W+ (h* - h)
  ErInputScaling er_input = ErInputScaling::kPixel;
  bool er_random_output_start = false;
  // Difference target propagation (Lee et al. 2015, train/dtp_trainer.hpp)
  double dtp_target_lr = 0.3;  // eta-hat of the top target h* = h - eta-hat dL/dh
  double dtp_noise = 0.3;      // sigma of the inverse's corruption noise
  // Online alternating minimization (train/altmin_trainer.hpp)
  double altmin_mu = 0.003;
  // Peak-memory budget in bytes (train/memory_budget.hpp); 0: the default.
  uint64_t memory_limit = 0;
  // Checkpoints (train/checkpoint.hpp): weights every N steps, 0: none; at
  // most checkpoint_max kept (2..kMaxCheckpoints), thinned by stride doubling.
  long checkpoint_every = 0;
  long checkpoint_max = 100;
  // Hybrid gamma schedule for bp/fa (optim/gamma_schedule.hpp): gamma = 1 for
  // this many epochs, then gamma^k; -1: no schedule.
  int gamma_patience = -1;
  // OpenMP threads for this run's matrix products (util/compute_threads.hpp);
  // 0: OpenMP's default. Sweeps set it so workers x threads fit the cores.
  // Same seed and same thread count give the same numbers.
  int compute_threads = 0;
};

// Each method's defaults, the only place they are set: the CLI, scenes,
// sweep grids and the training lab all start from them (train/run_options.hpp
// reads and writes every option). ER's are the best procedure measured to
// finish within about 5 minutes on the project's 2-core machine (docs/er.md).
RunConfig defaultRunConfig(Method method);

// Whether the run keeps checkpoints for the landscape (train/checkpoint.hpp),
// and keeps them from now on when it did not (every `every` steps).
bool keepsCheckpoints(const RunConfig& config);
void keepCheckpointsEvery(RunConfig& config, long every);

// "784-500-500-10": inputs, hidden widths, 10 classes.
std::string architecture(const RunConfig& config, long inputs = 784);
// "bp 784-500-500-10, Adam + additive, batch 200" for messages and labels.
std::string describeConfig(const RunConfig& config);

std::unique_ptr<Trainer> makeTrainer(const RunConfig& config, const Dataset& train);

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

  // The checkpoints kept so far (none unless config().checkpoint_every > 0):
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
  void body(std::stop_token stop);
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
