// The cluster layer of a build without MPI (sweep_cluster.hpp): sweeps run
// locally; under mpirun each rank would run the whole sweep into the same
// folder, so that is refused with the way out.
#include <cstdlib>
#include <string>

#include "cli/flags.hpp"
#include "cli/sweep_cluster.hpp"

namespace mulab::cli {

std::unique_ptr<Cluster> joinClusterIfLaunched() {
  for (const char* var : {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE"}) {
    const char* size = std::getenv(var);
    if (size && std::atoi(size) >= 2) {
      throw UsageError{
          "started by mpirun, but this mulab-cli was built without MPI (install libopenmpi-dev, "
          "then reconfigure and rebuild); run it without mpirun for a local sweep"};
    }
  }
  return nullptr;
}

}  // namespace mulab::cli
