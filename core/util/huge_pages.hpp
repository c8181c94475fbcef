// Large buffers backed by transparent huge pages where the kernel offers
// them on request (/sys/kernel/mm/transparent_hugepage/enabled = madvise).
// Touching fresh memory costs a page fault per 4 KiB page; on the sandboxed
// machines this project runs on a fault costs about 10 µs, so filling the
// 188 MB of MNIST's training images took 480 ms, and 19 ms with huge pages
// (docs/performance.md, "Loading the data").
#pragma once

#include <cstddef>

namespace mulab {

// Asks for huge pages over the whole 2 MiB pages inside [data, data + bytes),
// before the memory is first written. A hint: nothing happens where the
// platform has none.
void adviseHugePages(void* data, size_t bytes);

}  // namespace mulab
