// Writes a small checkpoint folder (784-8-10, steps 0 and 10, W[i] = i / 1000
// in C order, b = -index) with core's writer, for numpy_reads_checkpoints.py.
#include <cstdio>

#include "train/checkpoint_files.hpp"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: write_checkpoints DIR\n");
    return 2;
  }
  using namespace mulab;
  CheckpointSnapshot s;
  s.shape = {{784, 8, 10}, Activation::kRelu};
  for (long step : {0L, 10L}) {
    auto c = std::make_shared<Checkpoint>();
    c->step = step;
    c->test_error = step == 0 ? 0.9 : NAN;
    c->theta.resize(s.shape.parameterCount());
    for (size_t l = 0; l < s.shape.layerCount(); ++l) {
      const long w = s.shape.weightOffset(l), b = s.shape.biasOffset(l);
      for (long i = 0; i < b - w; ++i) c->theta[w + i] = float(i) / 1000.0f + float(step);
      for (long i = 0; i < s.shape.sizes[l + 1]; ++i) c->theta[b + i] = -float(i);
    }
    s.items.push_back(c);
  }
  if (auto err = CheckpointFolderWriter(argv[1]).write(RunConfig{}, "numpy check", s)) {
    std::fprintf(stderr, "%s\n", err->c_str());
    return 1;
  }
  return 0;
}
