// Peak-memory estimates: the parts add up to the sizes the trainers allocate,
// the dominant option is named, and runs past the limit are refused before
// anything is loaded.
#include <gtest/gtest.h>

#include "train/memory_budget.hpp"

namespace mulab {
namespace {

TEST(MemoryBudget, BpWeightsAndStateMatchTheParameterCount) {
  RunConfig c;  // bp 784-500-500-10, batch 200
  const MemoryEstimate e = estimateRunMemory(c);
  const double params = 784.0 * 500 + 500 + 500.0 * 500 + 500 + 500.0 * 10 + 10;  // 648,010
  bool found = false;
  for (const MemoryPart& p : e.parts) {
    if (p.what == "weights, gradients and optimizer state") {
      EXPECT_DOUBLE_EQ(p.bytes, 5 * 4 * params);  // W, dW, m, v, u in float
      found = true;
    }
  }
  EXPECT_TRUE(found);
  // The default run needs a few hundred MB: far below any sane limit.
  EXPECT_GT(e.total(), 250e6);
  EXPECT_LT(e.total(), 500e6);
  c.memory_limit = uint64_t{1} << 30;
  EXPECT_FALSE(checkMemoryBudget(c).has_value());
}

TEST(MemoryBudget, WideErNamesHiddenAndTheLimit) {
  RunConfig c;
  c.method = Method::kEr;
  c.hidden = {16384};
  c.batch = 2000;
  c.memory_limit = uint64_t{2} << 30;
  const auto over = checkMemoryBudget(c);
  ASSERT_TRUE(over.has_value());
  EXPECT_EQ(over->option, "hidden");
  EXPECT_NE(over->message.find("er 784-16384-10 with batch 2000 needs about"), std::string::npos)
      << over->message;
  EXPECT_NE(over->message.find("Gram matrix and its factor"), std::string::npos) << over->message;
  EXPECT_NE(over->message.find("more than the memory limit of 2 GiB (--memory-limit)"), std::string::npos);
  EXPECT_EQ(over->message.rfind("er 784-16384-10", 0), 0u);
  // The output layer's float Gram and double factor: 12 x 16385^2 bytes = 3.2 GB.
  EXPECT_GT(estimateRunMemory(c).total(), 12 * 16385.0 * 16385.0);
  // The measured default (rf-12000: max RSS 2.0 GB) stays under its estimate.
  c.hidden = {12000};
  EXPECT_GT(estimateRunMemory(c).total(), 2.0e9);
  EXPECT_LT(estimateRunMemory(c).total(), 4.5e9);
}

TEST(MemoryBudget, HugeBatchNamesBatch) {
  RunConfig c;
  c.hidden = {4096, 4096};
  c.batch = 60000;
  c.memory_limit = uint64_t{4} << 30;
  const auto over = checkMemoryBudget(c);
  ASSERT_TRUE(over.has_value());
  EXPECT_EQ(over->option, "batch");
}

TEST(MemoryBudget, TrainLimitShrinksTheDatasetPart) {
  RunConfig c;
  const double full = estimateRunMemory(c).parts[0].bytes;
  c.train_limit = 1000;
  EXPECT_NEAR(estimateRunMemory(c).parts[0].bytes, full * 11000.0 / 70000.0, 1.0);
}

TEST(MemoryBudget, DefaultLimitIsBelowPhysicalMemory) {
  const uint64_t limit = defaultMemoryLimit();
  EXPECT_GT(limit, uint64_t{100} << 20);
  EXPECT_LT(limit, uint64_t{1} << 50);
}

}  // namespace
}  // namespace mulab
