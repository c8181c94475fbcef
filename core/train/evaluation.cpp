#include "train/evaluation.hpp"

#include <algorithm>
#include <cmath>

namespace mulab {

Evaluation evaluate(const Trainer& trainer, const Dataset& data, int per_pair) {
  constexpr long kChunk = 2000;
  Evaluation e;
  std::array<std::array<int, 10>, 10> kept{};
  long correct = 0;
  for (long first = 0; first < data.size(); first += kChunk) {
    const long n = std::min(kChunk, data.size() - first);
    const Matrix scores = trainer.scores(data.images.middleCols(first, n));
    const std::vector<int> pred = argmaxColumns(scores);
    for (long j = 0; j < n; ++j) {
      const int truth = data.labels[first + j], p = pred[j];
      ++e.confusion[truth][p];
      if (p == truth) {
        ++correct;
        continue;
      }
      if (kept[truth][p] >= per_pair) continue;
      ++kept[truth][p];
      // Softmax of the scores, stably: exp(s_p - max) / sum exp(s - max) with max = s_p.
      const auto col = scores.col(j).array();
      const float confidence = 1.0f / (col - col(p)).exp().sum();
      e.misclassified.push_back({int(first + j), truth, p, confidence});
    }
  }
  e.accuracy = data.size() ? double(correct) / double(data.size()) : 0.0;
  return e;
}

double accuracy(const Trainer& trainer, const Dataset& data) { return evaluate(trainer, data, 0).accuracy; }

}  // namespace mulab
