// The 3D view's camera: it orbits the surface's mesh (the unit square, with
// heights from SurfaceRenderer::meshHeight) about its centre. Eigen only, so
// the explorer's model (explorer_state.hpp) holds one without OpenGL.
#pragma once

#include <Eigen/Core>

namespace mulab::gui {

struct OrbitCamera {
  float yaw = -0.7f, pitch = 0.65f, distance = 2.8f;
  Eigen::Matrix4f viewProjection(float aspect) const;
  Eigen::Vector3f eye() const;
};

}  // namespace mulab::gui
