// A training run's configuration: the method, the network, the optimizer
// and every option of each method (train/run_options.hpp reads and writes
// them), each method's defaults, and the trainer a configuration makes.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "data/dataset.hpp"
#include "nn/mlp.hpp"
#include "optim/optimizer_config.hpp"
#include "train/er_options.hpp"
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

}  // namespace mulab
