// Test-set evaluation: accuracy, the confusion matrix and, for the training
// lab, some misclassified digits of every (true, predicted) pair with the
// model's confidence in its wrong answer, so a click on a confusion cell can
// show that pair's mistakes.
#pragma once

#include <array>
#include <vector>

#include "train/trainer.hpp"

namespace mulab {

struct Misclassified {
  int index = 0;             // in the evaluated set
  int truth = 0, predicted = 0;
  float confidence = 0;      // softmax probability of the predicted class
};

struct Evaluation {
  double accuracy = 0;
  std::array<std::array<long, 10>, 10> confusion{};  // [true][predicted]
  std::vector<Misclassified> misclassified;          // at most per_pair of each pair, in data order
};

// Evaluates in chunks of 2000 samples to bound memory.
Evaluation evaluate(const Trainer& trainer, const Dataset& data, int per_pair = 6);

// Fraction of correct argmax predictions.
double accuracy(const Trainer& trainer, const Dataset& data);

}  // namespace mulab
