#include "train/bp_trainer.hpp"

#include <algorithm>
#include <numeric>

#include "optim/gamma_schedule.hpp"

namespace mulab {

BpTrainer::BpTrainer(const BpConfig& config, const Dataset& train)
    : MlpTrainer(config, config.activation, train), config_(config) {
  for (size_t l = 0; l < net_.layers().size(); ++l) {
    opt_w_.emplace_back(config.optimizer);
    opt_b_.emplace_back(config.optimizer);
  }
  if (config.feedback_alignment) {
    std::mt19937_64 fa_rng(config.seed + 101);
    for (size_t l = 0; l < net_.layers().size(); ++l) {
      const Matrix& W = net_.layers()[l].W;
      const float bound = 1.0f / std::sqrt(static_cast<float>(W.cols()));
      std::uniform_real_distribution<float> u(-bound, bound);
      Matrix B(W.rows(), W.cols());
      for (Eigen::Index i = 0; i < B.size(); ++i) B.data()[i] = u(fa_rng);
      feedback_.push_back(std::move(B));
    }
  }
}

void BpTrainer::beginEpoch(int epoch) {
  MlpTrainer::beginEpoch(epoch);
  if (config_.schedule.active() && config_.optimizer.rule == UpdateRule::kHybrid) {
    const double gamma = config_.schedule.gammaAt(config_.optimizer.gamma, epoch);
    for (auto& opt : opt_w_) opt.setGamma(gamma);
    for (auto& opt : opt_b_) opt.setGamma(gamma);
  }
}

std::string BpTrainer::describe() const {
  std::string schedule;
  if (config_.schedule.active() && config_.optimizer.rule == UpdateRule::kHybrid) {
    schedule = " (gamma 1 for " + std::to_string(config_.schedule.patience) + " epochs, then gamma^k)";
  }
  return std::string(config_.feedback_alignment ? "FA " : "BP ") + net_.describe() + ", " +
         mulab::describe(config_.optimizer) + schedule + ", batch " + std::to_string(config_.batch);
}

double BpTrainer::lossAndGradients(const Eigen::Ref<const Matrix>& X, std::span<const uint8_t> y,
                                   std::vector<Matrix>& dW, std::vector<Vector>& db) {
  net_.forward(X, cache_);
  long correct = 0;
  const double loss = softmaxCrossEntropy(cache_.h.back(), y, probs_, correct);
  const long B = X.cols();
  // dL/dlogits of the mean loss: (softmax - onehot) / B.
  delta_ = probs_;
  for (long j = 0; j < B; ++j) delta_(y[j], j) -= 1.0f;
  delta_ *= 1.0f / static_cast<float>(B);
  const size_t n = net_.layers().size();
  dW.resize(n);
  db.resize(n);
  for (size_t l = n; l-- > 0;) {
    dW[l].noalias() = delta_ * cache_.a[l].transpose();
    db[l] = delta_.rowwise().sum();
    if (l > 0) {
      const Matrix& back = config_.feedback_alignment ? feedback_[l] : net_.layers()[l].W;
      next_delta_.noalias() = back.transpose() * delta_;
      multiplyByDerivative(net_.activation(), cache_.h[l], cache_.a[l], next_delta_);
      std::swap(delta_, next_delta_);
    }
  }
  return loss / double(B);
}

StepStats BpTrainer::step(long index) {
  const long count = batches_.gather(index, batch_x_, batch_y_);
  const double mean_loss = lossAndGradients(batch_x_, batch_y_, dW_, db_);
  for (size_t l = 0; l < net_.layers().size(); ++l) {
    opt_w_[l].step(net_.layers()[l].W, dW_[l]);
    opt_b_[l].step(net_.layers()[l].b, db_[l]);
  }
  ++updates_;
  StepStats s;
  s.loss_sum = mean_loss * double(count);
  s.samples = count;
  const std::vector<int> pred = argmaxColumns(cache_.h.back());
  for (long j = 0; j < count; ++j) s.correct += pred[j] == batch_y_[j];
  return s;
}

}  // namespace mulab
