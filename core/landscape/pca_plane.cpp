#include "landscape/pca_plane.hpp"

#include <Eigen/Eigenvalues>
#include <algorithm>

#include "util/compute_threads.hpp"
#include "util/parallel_for.hpp"

namespace mulab {
namespace {

// Rows per chunk: 8192 x K floats (9.8 MB at K = 300) fits the caches' next
// level and keeps each Gram product large enough to run at GEMM speed.
constexpr long kChunkRows = 8192;
// Chunks per group: each group's Gram is one thread's, and the groups' are
// summed in order, so the result does not depend on the number of threads.
constexpr long kChunksPerGroup = 4;

// The centred chunk: column k = points[k] - centre over rows [first, first + n),
// minus the mean over k of each row.
void centredChunk(const Vector& centre, const std::vector<const Vector*>& points, long first,
                  long n, Matrix& m) {
  const long K = long(points.size());
  m.resize(n, K);
  for (long k = 0; k < K; ++k) m.col(k) = points[k]->segment(first, n) - centre.segment(first, n);
  const Vector mean = m.rowwise().mean();
  m.colwise() -= mean;
}

double dot(const Vector& a, const Vector& b) {
  return a.cast<double>().dot(b.cast<double>());
}

}  // namespace

Result<Plane> pcaPlane(const NetShape& shape, const Vector& centre,
                       const std::vector<const Vector*>& points, PcaDetails* details, int threads) {
  const long K = long(points.size()), P = centre.size();
  if (K < 3) {
    return Error{"a PCA plane needs at least 3 checkpoints, got " + std::to_string(K)};
  }
  const long chunks = (P + kChunkRows - 1) / kChunkRows;
  const long groups = (chunks + kChunksPerGroup - 1) / kChunksPerGroup;
  if (threads < 1) threads = availableCores();
  std::vector<Eigen::MatrixXd> partial(size_t(groups), Eigen::MatrixXd::Zero(K, K));
  parallelFor(groups, threads, [&](long group) {
    Matrix m, g(K, K);
    for (long c = group * kChunksPerGroup; c < std::min(chunks, (group + 1) * kChunksPerGroup);
         ++c) {
      const long first = c * kChunkRows, n = std::min(kChunkRows, P - first);
      centredChunk(centre, points, first, n, m);
      // m^T m by a symmetric rank update: half the flops of a general product.
      g.setZero();
      g.selfadjointView<Eigen::Lower>().rankUpdate(m.transpose());
      partial[size_t(group)] += g.cast<double>();  // lower triangle, summed in double
    }
  });
  Eigen::MatrixXd gram = Eigen::MatrixXd::Zero(K, K);
  for (const Eigen::MatrixXd& g : partial) gram += g;
  gram = gram.selfadjointView<Eigen::Lower>();
  Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eig(gram);
  if (eig.info() != Eigen::Success) return Error{"the PCA eigen-decomposition failed"};
  // Eigenvalues come ascending; a Gram's are >= 0 up to rounding.
  const Eigen::VectorXd lambda = eig.eigenvalues().cwiseMax(0.0);
  const double total = lambda.sum();
  const double l1 = lambda[K - 1], l2 = lambda[K - 2];
  // The float Gram carries relative errors near 1e-7 of l1: below 1e-6 the
  // second direction would be rounding noise, not a direction of the path.
  if (!(total > 0) || l2 <= 1e-6 * l1) {
    return Error{"the checkpoints do not span a plane (they lie on a line or coincide)"};
  }
  Plane p;
  p.shape = shape;
  p.centre = centre;
  p.kind = PlaneKind::kPca;
  p.explained = {l1 / total, l2 / total};
  p.d1.resize(P);
  p.d2.resize(P);
  Matrix u(K, 2);
  u.col(0) = (eig.eigenvectors().col(K - 1) / std::sqrt(l1)).cast<float>();
  u.col(1) = (eig.eigenvectors().col(K - 2) / std::sqrt(l2)).cast<float>();
  parallelFor(chunks, threads, [&](long c) {
    const long first = c * kChunkRows, n = std::min(kChunkRows, P - first);
    Matrix m, d;
    centredChunk(centre, points, first, n, m);
    d.noalias() = m * u;
    p.d1.segment(first, n) = d.col(0);
    p.d2.segment(first, n) = d.col(1);
  });
  // Unit length in double (the float products leave them off by ~1e-7), and
  // the sign that puts the first point at negative coordinates.
  const Vector start = *points.front() - centre;
  for (Vector* d : {&p.d1, &p.d2}) {
    *d /= float(std::sqrt(dot(*d, *d)));
    if (dot(*d, start) > 0) *d = -*d;
  }
  if (details) {
    details->eigenvalues.assign(lambda.data(), lambda.data() + K);
    std::reverse(details->eigenvalues.begin(), details->eigenvalues.end());
    details->total_variance = total;
  }
  return p;
}

int firstPathWithAnotherStart(const std::vector<std::vector<CheckpointPtr>>& paths) {
  for (size_t k = 0; k < paths.size(); ++k) {
    if (paths[k].empty() || paths[k].front()->step != 0) return int(k);
    const Vector& start = paths[k].front()->theta;
    if (k > 0 &&
        (start.size() != paths[0].front()->theta.size() || start != paths[0].front()->theta)) {
      return int(k);
    }
  }
  return -1;
}

std::optional<std::string> sharedStartError(const std::vector<std::vector<CheckpointPtr>>& paths,
                                            const std::vector<std::string>& names,
                                            const std::vector<std::optional<uint64_t>>& seeds) {
  const int k = firstPathWithAnotherStart(paths);
  if (k < 0) return std::nullopt;
  const std::string& name = names[size_t(k)];
  if (paths[size_t(k)].empty() || paths[size_t(k)].front()->step != 0) {
    return name +
           " has no step-0 checkpoint (the initialisation); a joint PCA plane needs runs that "
           "share theirs";
  }
  std::string seed;
  if (size_t(k) < seeds.size() && seeds[size_t(k)] && seeds.front()) {
    seed = " (seed " + std::to_string(*seeds[size_t(k)]) + " vs " + std::to_string(*seeds.front()) +
           ")";
  }
  return name + " starts from another initialisation than " + names.front() + seed +
         "; a joint PCA plane needs runs with the same seed and architecture";
}

}  // namespace mulab
