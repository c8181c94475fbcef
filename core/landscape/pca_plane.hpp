// The PCA plane of one or more optimisation paths (Li et al., NeurIPS 2018,
// section 7, "Visualizing optimization paths"): the two principal directions
// of the matrix whose rows are theta_k - theta_centre over the checkpoints,
// centred as sklearn's PCA centres. With K checkpoints and P parameters the
// K x K Gram matrix G = M M^T is formed (2 K^2 P flops in chunks of rows, so
// no K x P copy is ever held), G = U L U^T, and the directions are
// d_i = M^T u_i / sqrt(l_i), unit vectors (not filter-normalised: the grid's
// range is in parameter units). Axes carry the explained variance ratio
// l_i / trace(G). Caveat (Antognini & Sohl-Dickstein 2018): a random walk's
// PCA also puts most of its variance in two components.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "landscape/plane.hpp"
#include "train/checkpoint.hpp"
#include "util/result.hpp"

namespace mulab {

struct PcaDetails {
  std::vector<double> eigenvalues;  // of the centred Gram, descending
  double total_variance = 0;        // trace of the Gram
};

// The plane through `centre` spanned by the first two principal directions of
// `points` - centre. Signs are fixed so that points[0] (the first run's
// initialisation) has negative coordinates. Fails when the points do not
// span a plane (fewer than 3, or all on a line). The Gram and the directions
// are computed on `threads` threads (< 1: the machine's); the result does not
// depend on how many.
Result<Plane> pcaPlane(const NetShape& shape, const Vector& centre,
                       const std::vector<const Vector*>& points, PcaDetails* details = nullptr,
                       int threads = 0);

// Several runs share one PCA plane only if they share their start: the index
// of the first path whose first checkpoint is not step 0 or not bit for bit
// the first path's, or -1 when all start together (same seed and method).
int firstPathWithAnotherStart(const std::vector<std::vector<CheckpointPtr>>& paths);

// The one wording of that rule, for every face: why the paths cannot share a
// PCA plane, naming the first path that starts elsewhere by names[k] (and
// quoting the seeds when both are known), or nullopt when they can.
std::optional<std::string> sharedStartError(const std::vector<std::vector<CheckpointPtr>>& paths,
                                            const std::vector<std::string>& names,
                                            const std::vector<std::optional<uint64_t>>& seeds = {});

}  // namespace mulab
