#include "landscape/plane.hpp"

#include <bit>
#include <cstdio>
#include <vector>

#include "util/seeded_random.hpp"

namespace mulab {

const Choices<PlaneKind>& planeKindChoices() {
  static const Choices<PlaneKind> choices{"directions", {"random", "pca"}};
  return choices;
}

std::string_view toString(PlaneKind kind) {
  return planeKindChoices().name(kind);
}

std::string Plane::axisLabel(int axis) const {
  char buf[96];
  if (kind == PlaneKind::kPca) {
    std::snprintf(buf, sizeof buf, "PC%d, %.1f%% of the variance", axis + 1,
                  100.0 * explained[axis]);
  } else {
    std::snprintf(buf, sizeof buf, "random direction %d (filter-normalised)", axis + 1);
  }
  return buf;
}

uint64_t directionHash(const Plane& p) {
  uint64_t h = kFnv1aOffset;
  for (const Vector* d : {&p.d1, &p.d2}) {
    if constexpr (std::endian::native == std::endian::little) {
      h = fnv1a64(d->data(), size_t(d->size()) * sizeof(float), h);
    } else {
      for (Eigen::Index i = 0; i < d->size(); ++i) {
        const uint32_t v = std::bit_cast<uint32_t>((*d)[i]);
        const unsigned char b[4] = {uint8_t(v), uint8_t(v >> 8), uint8_t(v >> 16),
                                    uint8_t(v >> 24)};
        h = fnv1a64(b, 4, h);
      }
    }
  }
  return h;
}

std::string hashText(uint64_t hash) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "fnv1a64:%016llx", static_cast<unsigned long long>(hash));
  return buf;
}

}  // namespace mulab
