#include "train/run_config.hpp"

#include "train/altmin_trainer.hpp"
#include "train/bp_trainer.hpp"
#include "train/dtp_trainer.hpp"
#include "train/er_trainer.hpp"

namespace mulab {

const Choices<Method>& methodChoices() {
  static const Choices<Method> choices{
      "method",
      {"bp", "er", "altmin", "fa", "dtp"},
      {"BP (backprop)", "ER (expectation reflection)", "AltMin", "FA (feedback alignment)", "DTP (target propagation)"}};
  return choices;
}

std::string_view toString(Method m) { return methodChoices().name(m); }

Result<Method> parseMethod(std::string_view name) { return methodChoices().parse(name); }

RunConfig defaultRunConfig(Method method) {
  RunConfig c;
  c.method = method;
  if (method == Method::kEr) {
    // Measured best within about 5 minutes (docs/er.md, row rf-12000: 2.01%
    // test error, 262 s): one ridge readout solve on 12,000 random tanh
    // features of globally scaled pixels. The hidden ER solve did not beat
    // its own random start at equal width (docs/er.md), so it is off here.
    c.hidden = {12000};
    c.batch = 2000;
    c.epochs = 1;
    c.activation = Activation::kTanh;
    c.er_hidden_update = ErHiddenUpdate::kNone;
    c.er_input = ErInputScaling::kGlobal;
    c.er_init_scale = 0.5;
    c.er_ridge = 1.0;
    c.er_hidden_ridge = 1.0;
  } else if (method == Method::kDtp) {
    c.activation = Activation::kTanh;  // the DTP paper's networks are tanh
  } else if (method == Method::kAltMin) {
    c.optimizer.lr = kAltMinLearningRate;
  }
  return c;
}

bool keepsCheckpoints(const RunConfig& c) { return c.checkpoint_every > 0; }

void keepCheckpointsEvery(RunConfig& c, long every) {
  if (!keepsCheckpoints(c)) c.checkpoint_every = every;
}

std::string architecture(const RunConfig& c, long inputs) {
  std::string arch = std::to_string(inputs);
  for (int h : c.hidden) {
    arch += '-';
    arch += std::to_string(h);
  }
  arch += "-10";
  return arch;
}

std::string describeConfig(const RunConfig& c) {
  std::string s(toString(c.method));
  s += ' ';
  s += architecture(c);
  if (c.method != Method::kEr) s += ", " + describe(c.optimizer);
  s += ", batch " + std::to_string(c.batch);
  if (c.dataset == DatasetKind::kFashionMnist) s += " (fashion)";
  return s;
}

namespace {

// The network and batches of the gradient-style trainers.
MlpTrainerConfig mlpConfig(const RunConfig& c, const Dataset& train) {
  MlpTrainerConfig m;
  m.sizes = {static_cast<int>(train.images.rows())};
  m.sizes.insert(m.sizes.end(), c.hidden.begin(), c.hidden.end());
  m.sizes.push_back(10);
  m.activation = c.activation;
  m.batch = c.batch;
  m.seed = c.seed;
  return m;
}

std::unique_ptr<Trainer> makeErTrainer(const RunConfig& c, const Dataset& train) {
  ErConfig ec;
  ec.hidden = c.hidden;
  ec.ridge = c.er_ridge;
  ec.batch = c.batch;
  ec.seed = c.seed;
  ec.incremental = c.er_incremental;
  ec.init_scale = c.er_init_scale;
  ec.bias_scale = c.er_bias_scale;
  ec.hidden_ridge = c.er_hidden_ridge;
  ec.ridge_form = c.er_solve;
  ec.output = c.er_output;
  ec.hidden_update = c.er_hidden_update;
  ec.hidden_rule.inverse = c.er_inverse;
  ec.hidden_rule.step = c.er_step;
  ec.input = c.er_input;
  ec.random_output_start = c.er_random_output_start;
  return std::make_unique<ErTrainer>(ec, train);
}

}  // namespace

std::unique_ptr<Trainer> makeTrainer(const RunConfig& c, const Dataset& train) {
  switch (c.method) {
    case Method::kBp:
    case Method::kFa: {
      BpConfig bc;
      static_cast<MlpTrainerConfig&>(bc) = mlpConfig(c, train);
      bc.optimizer = c.optimizer;
      bc.feedback_alignment = c.method == Method::kFa;
      bc.schedule.patience = c.gamma_patience;
      return std::make_unique<BpTrainer>(bc, train);
    }
    case Method::kEr: return makeErTrainer(c, train);
    case Method::kDtp: {
      DtpConfig dc;
      static_cast<MlpTrainerConfig&>(dc) = mlpConfig(c, train);
      dc.optimizer = c.optimizer;
      dc.target_lr = c.dtp_target_lr;
      dc.noise = c.dtp_noise;
      return std::make_unique<DtpTrainer>(dc, train);
    }
    case Method::kAltMin: {
      AltMinConfig ac;
      static_cast<MlpTrainerConfig&>(ac) = mlpConfig(c, train);
      ac.mu = c.altmin_mu;
      ac.weight_optimizer = c.optimizer;
      return std::make_unique<AltMinTrainer>(ac, train);
    }
  }
  return nullptr;
}

}  // namespace mulab
