#include "train/dtp_trainer.hpp"

#include <cmath>

namespace mulab {
namespace {

// tanh(V h + c) for a column batch h.
Matrix applyInverse(const DenseLayer& g, const Matrix& h) {
  Matrix z = g.W * h;
  z.colwise() += g.b;
  return z.array().tanh();
}

}  // namespace

DtpTrainer::DtpTrainer(const DtpConfig& config, const Dataset& train)
    : MlpTrainer(config, Activation::kTanh, train), config_(config), noise_rng_(config.seed + 7) {
  const size_t M = net_.layers().size();
  for (size_t l = 0; l < M; ++l) {
    opt_w_.emplace_back(config.optimizer);
    opt_b_.emplace_back(config.optimizer);
  }
  // g_l: h_l -> h_{l-1} for l = 2..M-1, initialised like a layer of that shape.
  inverse_.resize(M);
  std::mt19937_64 rng(config.seed + 13);
  for (size_t l = 2; l < M; ++l) {
    const int in = config.sizes[l], out = config.sizes[l - 1];
    const float bound = 1.0f / std::sqrt(static_cast<float>(in));
    std::uniform_real_distribution<float> u(-bound, bound);
    inverse_[l].W.resize(out, in);
    inverse_[l].b.resize(out);
    for (Eigen::Index i = 0; i < inverse_[l].W.size(); ++i) inverse_[l].W.data()[i] = u(rng);
    for (Eigen::Index i = 0; i < inverse_[l].b.size(); ++i) inverse_[l].b[i] = u(rng);
  }
  for (size_t l = 0; l < M; ++l) {
    opt_v_.emplace_back(config.optimizer);
    opt_c_.emplace_back(config.optimizer);
  }
}

std::string DtpTrainer::describe() const {
  char buf[96];
  std::snprintf(buf, sizeof buf, ", target lr %g, noise %g, batch %d", config_.target_lr,
                config_.noise, config_.batch);
  return "DTP " + net_.describe() + ", " + mulab::describe(config_.optimizer) + buf;
}

StepStats DtpTrainer::step(long index) {
  const long B = batches_.gather(index, batch_x_, batch_y_);
  net_.forward(batch_x_, cache_);
  long correct = 0;
  const double loss = softmaxCrossEntropy(cache_.h.back(), batch_y_, probs_, correct);
  std::vector<DenseLayer>& f = net_.layers();
  const size_t M = f.size();
  const std::vector<Matrix>& h = cache_.a;  // h[0] = x, h[l] = tanh fields of hidden layer l
  const float inv_b = 1.0f / static_cast<float>(B);

  // Per-sample dL/dlogits = softmax - onehot.
  Matrix dz = probs_;
  for (long j = 0; j < B; ++j) dz(batch_y_[j], j) -= 1.0f;

  // Targets, top down, all from the forward pass before any update.
  std::vector<Matrix> target(M);
  target[M - 1] = h[M - 1] - static_cast<float>(config_.target_lr) * (f[M - 1].W.transpose() * dz);
  for (size_t l = M - 1; l >= 2; --l) {
    target[l - 1] =
        h[l - 1] + applyInverse(inverse_[l], target[l]) - applyInverse(inverse_[l], h[l]);
  }

  // Inverses: reconstruct a corrupted h_{l-1} from f_l of it.
  std::normal_distribution<float> noise(0.0f, static_cast<float>(config_.noise));
  double inv_loss = 0;
  for (size_t l = 2; l < M; ++l) {
    Matrix corrupted = h[l - 1];
    for (Eigen::Index i = 0; i < corrupted.size(); ++i) corrupted.data()[i] += noise(noise_rng_);
    Matrix up = f[l - 1].W * corrupted;
    up.colwise() += f[l - 1].b;
    up = up.array().tanh();
    const Matrix rec = applyInverse(inverse_[l], up);
    // d/dz of 0.5 ||tanh(z) - target||^2 / B.
    Matrix d = ((rec - corrupted).array() * (1.0f - rec.array().square()) * inv_b).matrix();
    inv_loss += (rec - corrupted).squaredNorm() * inv_b;
    const Matrix dV = d * up.transpose();
    const Vector dc = d.rowwise().sum();
    opt_v_[l].step(inverse_[l].W, dV);
    opt_c_[l].step(inverse_[l].b, dc);
  }
  inverse_loss_ = inv_loss;

  // Forward mappings: layer-local losses; the output layer descends L itself.
  for (size_t l = 1; l <= M; ++l) {
    Matrix d;
    if (l == M) {
      d = dz * inv_b;
    } else {
      d = ((h[l] - target[l]).array() * (1.0f - h[l].array().square()) * inv_b).matrix();
    }
    const Matrix dW = d * h[l - 1].transpose();
    const Vector db = d.rowwise().sum();
    opt_w_[l - 1].step(f[l - 1].W, dW);
    opt_b_[l - 1].step(f[l - 1].b, db);
  }
  ++updates_;
  StepStats s;
  s.loss_sum = loss;
  s.samples = B;
  s.correct = correct;
  return s;
}

}  // namespace mulab
