#!/usr/bin/env bash
# BP training throughput, mulab vs PyTorch, in the same run on the same
# machine: 784-500-500-10 ReLU, Adam lr 1e-3, batch 200, real MNIST, 2 threads.
# Also measures the machine's single-precision GEMM peak and reports mulab's
# training FLOP rate against it, and mulab's peak resident memory.
#
#   bench/bp_vs_torch.sh            (needs python3-torch and libopenblas0-pthread:
#                                    apt-get install python3-torch libopenblas0-pthread)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${MULAB_BUILD_DIR:-$root/build}
data=${MULAB_DATA:-$root/data}
epochs=${EPOCHS:-2}
export OMP_NUM_THREADS=2

echo "== GEMM peak (Eigen, float, $OMP_NUM_THREADS threads)"
gemm=$("$build/bench/gemm_peak" | tee /dev/stderr | sed -n 's/^gemm_gflops=//p')

echo "== mulab: mulab-cli train --method bp --epochs $epochs (samples/s over all epochs)"
mulab_out=$(/usr/bin/time -v "$build/app/mulab-cli" train --method bp --optimizer adam --lr 0.001 \
  --batch 200 --hidden 500,500 --epochs "$epochs" --data-dir "$data" 2>/tmp/mulab_bench_time.txt)
echo "$mulab_out"
mulab=$(sed -n 's/^train_samples_per_s=//p' <<<"$mulab_out")
rss_kb=$(sed -n 's/.*Maximum resident set size (kbytes): //p' /tmp/mulab_bench_time.txt)

echo "== PyTorch: bench/torch_bp.py --epochs $epochs (samples/s of the last epoch)"
torch_out=$(/usr/bin/python3 "$root/bench/torch_bp.py" --data "$data" --epochs "$epochs" --threads 2)
echo "$torch_out"
torch=$(sed -n 's/^torch_samples_per_s=//p' <<<"$torch_out")

# FLOPs per training sample: forward 2*(784*500 + 500*500 + 500*10), the same
# again for the weight gradients, and 2*(500*500 + 500*10) for the input
# gradients of the two upper layers: 3.098 MFLOP.
awk -v m="$mulab" -v t="$torch" -v g="$gemm" -v rss="$rss_kb" 'BEGIN {
  flop = 2*(784*500 + 500*500 + 500*10)*2 + 2*(500*500 + 500*10);
  printf "mulab_samples_per_s=%.0f torch_samples_per_s=%.0f ratio=%.2fx\n", m, t, m / t;
  printf "mulab_gflops=%.1f gemm_peak_gflops=%.1f fraction_of_peak=%.0f%%\n", m*flop/1e9, g, 100*m*flop/1e9/g;
  printf "mulab_peak_rss_mb=%.0f\n", rss/1024;
}'
