// GofauOptimizer: every base optimizer x every update rule, written once over
// Eigen arrays. The same template steps a 2D point (Eigen::Array2d, fixed
// size, no allocation) in the surface explorer and a weight matrix
// (Eigen::MatrixXf / ArrayXXf) in network training.
//
// Kirtas, Passalis, Tefas, arXiv 2307.07189 (GOFAU; docs/algorithms.md, §1):
//   u_t = m_t (.) l_t                                   (phi, psi of the base)
//   additive:       xi = eta u_t
//   multiplicative: xi = eta_out |theta| (.) tanh(eta_in u_t)
//   hybrid:         xi = gamma * multiplicative + (1 - gamma) * additive
//   theta_t = theta_{t-1} - xi
#pragma once

#include <Eigen/Core>
#include <vector>

#include "optim/optimizer_config.hpp"
#include "optim/tanh.hpp"

namespace mulab {

template <class ArrayT>
class GofauOptimizer {
 public:
  using Scalar = typename ArrayT::Scalar;

  explicit GofauOptimizer(const OptimizerConfig& config) : config_(config) { setRuleShares(); }

  const OptimizerConfig& config() const { return config_; }
  long steps() const { return t_; }

  // Forgets all accumulated state (momentum, squared-gradient averages, t).
  void reset() {
    t_ = 0;
    beta1_pow_ = beta2_pow_ = Scalar(1);
    m_.setZero();
    v_.setZero();
  }

  // Step sizes may change between steps (schedules); state is kept.
  void setLearningRate(double lr) {
    config_.lr = lr;
    setRuleShares();
  }

  // Hybrid share may change between steps (gamma schedules in training).
  void setGamma(double gamma) {
    config_.gamma = gamma;
    setRuleShares();
  }

  // Keeps only the listed columns of the per-parameter state (m, v), in that
  // order, for a batch of runs stored as columns (TrajectoryBatch) that drops
  // its finished runs. t and the bias corrections are shared by all columns
  // and stay as they are.
  void keepColumns(const std::vector<Eigen::Index>& columns) {
    if (m_.cols() == 0) return;  // no state yet (before the first step)
    m_ = m_(Eigen::all, columns).eval();
    v_ = v_(Eigen::all, columns).eval();
    u_.resize(u_.rows(), Eigen::Index(columns.size()));
  }

  // One GOFAU step. `theta` is any writable dense Eigen object (Array or
  // Matrix, passed as an lvalue or as a block/map expression); `grad` has the
  // same shape.
  template <class Theta, class Grad>
  void step(Theta&& theta, const Grad& grad) {
    auto&& th = theta.array();
    const auto& g = grad.array();
    if (t_ == 0 || m_.rows() != th.rows() || m_.cols() != th.cols()) initState(th);
    ++t_;
    const OptimizerConfig& c = config_;
    switch (c.base) {
      case BaseOptimizer::kSgd:  // m = g, l = 1
        applyRule(th, g);
        break;
      case BaseOptimizer::kMomentum:  // heavy ball: m = mu m + g, l = 1
        m_ = Scalar(c.momentum) * m_ + g;
        applyRule(th, m_);
        break;
      case BaseOptimizer::kNesterov:  // m = mu m + g; use g + mu m
        m_ = Scalar(c.momentum) * m_ + g;
        u_ = g + Scalar(c.momentum) * m_;
        applyRule(th, u_);
        break;
      case BaseOptimizer::kAdagrad:  // l = 1 / (sqrt(sum g^2) + eps)
        v_ += g.square();
        u_ = g / (v_.sqrt() + Scalar(c.eps));
        applyRule(th, u_);
        break;
      case BaseOptimizer::kRmsProp:  // v = a v + (1-a) g^2, l = 1 / (sqrt(v) + eps)
        v_ = Scalar(c.alpha) * v_ + Scalar(1 - c.alpha) * g.square();
        u_ = g / (v_.sqrt() + Scalar(c.eps));
        applyRule(th, u_);
        break;
      case BaseOptimizer::kAdam: {  // bias-corrected moments
        m_ = Scalar(c.beta1) * m_ + Scalar(1 - c.beta1) * g;
        v_ = Scalar(c.beta2) * v_ + Scalar(1 - c.beta2) * g.square();
        beta1_pow_ *= Scalar(c.beta1);
        beta2_pow_ *= Scalar(c.beta2);
        const Scalar m_scale = Scalar(1) / (Scalar(1) - beta1_pow_);
        const Scalar v_scale = Scalar(1) / (Scalar(1) - beta2_pow_);
        u_ = (m_ * m_scale) / ((v_ * v_scale).sqrt() + Scalar(c.eps));
        applyRule(th, u_);
        break;
      }
    }
  }

 // The terms of the last step, for showing why it went where it went: the
  // momentum term m_t (phi; the gradient itself for bases without momentum,
  // bias-corrected for Adam) and the adaptive rate l_t (psi; 1 for bases
  // without one). `g` is the gradient the last step used.
  template <class Grad>
  void lastTerms(const Grad& g, ArrayT& m, ArrayT& l) const {
    const auto& ga = g.array();
    const OptimizerConfig& c = config_;
    l.setOnes(ga.rows(), ga.cols());
    switch (c.base) {
      case BaseOptimizer::kSgd: m = ga; break;
      case BaseOptimizer::kMomentum:
      case BaseOptimizer::kNesterov: m = m_; break;
      case BaseOptimizer::kAdagrad:
      case BaseOptimizer::kRmsProp:
        m = ga;
        l = Scalar(1) / (v_.sqrt() + Scalar(c.eps));
        break;
      case BaseOptimizer::kAdam:
        m = m_ / (Scalar(1) - beta1_pow_);
        l = Scalar(1) / ((v_ / (Scalar(1) - beta2_pow_)).sqrt() + Scalar(c.eps));
        break;
    }
  }

  // Per coordinate, the largest move the multiplicative share of the rule can
  // make from theta: gamma * eta_out * |theta| (the rule's "trust box"; 0 for
  // the additive rule). A step may leave it only through the additive share.
  template <class Theta>
  ArrayT trustRadius(const Theta& theta) const {
    return mult_coeff_ * theta.array().abs();
  }

 private:
  template <class ThetaArr>
  void initState(const ThetaArr& th) {
    m_.setZero(th.rows(), th.cols());
    v_.setZero(th.rows(), th.cols());
    u_.resize(th.rows(), th.cols());
    t_ = 0;
    beta1_pow_ = beta2_pow_ = Scalar(1);
  }

  void setRuleShares() {
    switch (config_.rule) {
      case UpdateRule::kAdditive:
        mult_share_ = 0;
        add_share_ = 1;
        break;
      case UpdateRule::kMultiplicative:
        mult_share_ = 1;
        add_share_ = 0;
        break;
      case UpdateRule::kHybrid:
        mult_share_ = config_.gamma;
        add_share_ = 1 - config_.gamma;
        break;
    }
    // Shares fold into the step sizes once; a share of exactly 1 leaves the
    // step size bit-identical, so hybrid(0) == additive and hybrid(1) ==
    // multiplicative bit for bit. A share of exactly 0 drops the term, so an
    // infinite u never turns into 0 * inf = NaN.
    mult_coeff_ = Scalar(mult_share_ * config_.lr_out);
    add_coeff_ = Scalar(add_share_ * config_.lr);
    lr_in_ = Scalar(config_.lr_in);
  }

  template <class ThetaArr, class U>
  void applyRule(ThetaArr& th, const U& u) {
    if (mult_share_ == 0) {
      th -= add_coeff_ * u;
    } else if (add_share_ == 0) {
      th -= mult_coeff_ * th.abs() * gofauTanh(lr_in_ * u);
    } else {
      th -= mult_coeff_ * th.abs() * gofauTanh(lr_in_ * u) + add_coeff_ * u;
    }
  }

  OptimizerConfig config_;
  double mult_share_ = 0, add_share_ = 1;
  Scalar mult_coeff_ = 0, add_coeff_ = 0, lr_in_ = 1;
  ArrayT m_, v_, u_;
  long t_ = 0;
  Scalar beta1_pow_ = 1, beta2_pow_ = 1;
};

using Vec2 = Eigen::Array2d;
using Optimizer2d = GofauOptimizer<Eigen::Array2d>;
using OptimizerXf = GofauOptimizer<Eigen::ArrayXXf>;

}  // namespace mulab
