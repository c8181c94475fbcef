// Random, filter-normalised directions (Li et al., NeurIPS 2018, section 4,
// eq. 2: d_{i,j} <- d_{i,j} ||theta_{i,j}|| / ||d_{i,j}||). For a fully
// connected layer a "filter" is one output neuron's row of W; every row of a
// direction gets the norm of the same row of the centre's W. Bias directions
// are zero, as in the paper's code (ignore='biasbn'). The entries are drawn
// N(0, 1) from our own SplitMix64 + Box-Muller (util/seeded_random.hpp), so a
// seed names the same plane on every machine. The two directions are not
// orthogonalised: in 650k dimensions their cosine is about 1/sqrt(P) = 0.001.
#pragma once

#include "landscape/plane.hpp"
#include "util/seeded_random.hpp"

namespace mulab {

// One direction around `centre`: W rows N(0, 1), scaled to the centre's row
// norms (+1e-10 in the denominator, as the paper's code); biases zero.
Vector filterNormalisedDirection(const NetShape& shape, const Vector& centre, SplitMix64& rng);

// d1 then d2 from one generator seeded with `seed`.
Plane randomPlane(const NetShape& shape, const Vector& centre, uint64_t seed);

}  // namespace mulab
