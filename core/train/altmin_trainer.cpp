#include "train/altmin_trainer.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>


namespace mulab {

AltMinTrainer::AltMinTrainer(const AltMinConfig& config, const Dataset& train)
    : MlpTrainer(config, config.activation, train), config_(config) {
  rebuildOptimizers(config.weight_optimizer.lr);
}

void AltMinTrainer::rebuildOptimizers(double lr) {
  OptimizerConfig c = config_.weight_optimizer;
  c.lr = lr;
  // Keep Adam's moments across the halving: only the step size changes.
  if (opt_w_.empty()) {
    for (size_t l = 0; l < net_.layers().size(); ++l) {
      opt_w_.emplace_back(c);
      opt_b_.emplace_back(c);
    }
  } else {
    for (auto& o : opt_w_) o.setLearningRate(lr);
    for (auto& o : opt_b_) o.setLearningRate(lr);
  }
}

void AltMinTrainer::beginEpoch(int epoch) {
  MlpTrainer::beginEpoch(epoch);
  if (epoch > 0 && config_.lr_halving_epochs > 0 && epoch % config_.lr_halving_epochs == 0) {
    const double lr = config_.weight_optimizer.lr * std::pow(0.5, epoch / config_.lr_halving_epochs);
    rebuildOptimizers(lr);
  }
}

std::string AltMinTrainer::describe() const {
  char buf[96];
  std::snprintf(buf, sizeof buf, ", mu %g, %d code steps, batch %d", config_.mu, config_.code_steps,
                config_.batch);
  return "AltMin " + net_.describe() + ", " + mulab::describe(config_.weight_optimizer) + buf;
}

StepStats AltMinTrainer::step(long index) {
  const long B = batches_.gather(index, batch_x_, batch_y_);
  std::vector<DenseLayer>& layers = net_.layers();
  const size_t L = layers.size();  // dense layers; codes are h[1..L-1]
  const Activation act = net_.activation();

  // 1. Forward without gradients; codes c_l = h[l].
  Mlp::Cache cache;
  net_.forward(batch_x_, cache);
  StepStats stats;
  Matrix probs;
  stats.loss_sum = softmaxCrossEntropy(cache.h.back(), batch_y_, probs, stats.correct);
  stats.samples = B;
  std::vector<Matrix> codes(L);  // codes[l] for l = 1..L-1
  for (size_t l = 1; l < L; ++l) codes[l] = cache.h[l];

  // 2. Codes, top-down, each by a few Nesterov-SGD steps from its forward value.
  OptimizerConfig code_opt;
  code_opt.base = BaseOptimizer::kNesterov;
  code_opt.rule = UpdateRule::kAdditive;
  code_opt.lr = config_.code_lr;
  code_opt.momentum = config_.code_momentum;
  const float inv_mu = static_cast<float>(1.0 / config_.mu);
  Matrix a, grad, out, diff;
  for (size_t l = L - 1; l >= 1; --l) {
    const Matrix c0 = codes[l];
    Matrix& c = codes[l];
    const DenseLayer& above = layers[l];  // maps s(c_l) to the next layer
    OptimizerXf opt(code_opt);
    const float mse_code = 2.0f / static_cast<float>(c.size());
    for (int it = 0; it < config_.code_steps; ++it) {
      applyActivation(act, c, a);
      out.noalias() = above.W * a;
      out.colwise() += above.b;
      if (l == L - 1) {
        // d/dout of (1/mu) mean CE = (softmax - onehot) / (mu B)
        long ignored;
        softmaxCrossEntropy(out, batch_y_, diff, ignored);
        for (long j = 0; j < B; ++j) diff(batch_y_[j], j) -= 1.0f;
        diff *= inv_mu / static_cast<float>(B);
      } else {
        // d/dout of mse(out, c_{l+1}^new) = 2 (out - c_{l+1}) / numel
        diff = (out - codes[l + 1]) * (2.0f / static_cast<float>(out.size()));
      }
      grad.noalias() = above.W.transpose() * diff;
      multiplyByDerivative(act, c, a, grad);
      grad += mse_code * (c - c0);
      opt.step(c, grad);
    }
    if (l == 1) break;
  }

  // 3-4. Local weight problems: output layer on CE, hidden layers on mse to their codes.
  for (size_t l = 0; l < L; ++l) {
    const Matrix* input = &batch_x_;
    if (l > 0) {
      applyActivation(act, codes[l], a);
      input = &a;
    }
    out.noalias() = layers[l].W * (*input);
    out.colwise() += layers[l].b;
    if (l == L - 1) {
      long ignored;
      softmaxCrossEntropy(out, batch_y_, diff, ignored);
      for (long j = 0; j < B; ++j) diff(batch_y_[j], j) -= 1.0f;
      diff *= 1.0f / static_cast<float>(B);
    } else {
      diff = (out - codes[l + 1]) * (2.0f / static_cast<float>(out.size()));
    }
    Matrix dW(layers[l].W.rows(), layers[l].W.cols());
    dW.noalias() = diff * input->transpose();
    const Vector db = diff.rowwise().sum();
    opt_w_[l].step(layers[l].W, dW);
    opt_b_[l].step(layers[l].b, db);
  }
  ++updates_;
  return stats;
}

}  // namespace mulab
