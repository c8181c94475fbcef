#include "gui/explorer/orbit_camera.hpp"

#include <Eigen/Geometry>
#include <cmath>
#include <numbers>

namespace mulab::gui {

Eigen::Vector3f OrbitCamera::eye() const {
  return distance * Eigen::Vector3f(std::cos(pitch) * std::cos(yaw),
                                    std::cos(pitch) * std::sin(yaw), std::sin(pitch));
}

Eigen::Matrix4f OrbitCamera::viewProjection(float aspect) const {
  const Eigen::Vector3f e = eye(), target(0, 0, 0), up(0, 0, 1);
  const Eigen::Vector3f f = (target - e).normalized();
  const Eigen::Vector3f s = f.cross(up).normalized();
  const Eigen::Vector3f u = s.cross(f);
  Eigen::Matrix4f view = Eigen::Matrix4f::Identity();
  view.block<1, 3>(0, 0) = s.transpose();
  view.block<1, 3>(1, 0) = u.transpose();
  view.block<1, 3>(2, 0) = -f.transpose();
  view(0, 3) = -s.dot(e);
  view(1, 3) = -u.dot(e);
  view(2, 3) = f.dot(e);
  const float fovy = 40.0f * std::numbers::pi_v<float> / 180.0f, n = 0.05f, fa = 50.0f;
  const float t = 1.0f / std::tan(fovy / 2);
  Eigen::Matrix4f proj = Eigen::Matrix4f::Zero();
  proj(0, 0) = t / aspect;
  proj(1, 1) = t;
  proj(2, 2) = (fa + n) / (n - fa);
  proj(2, 3) = 2 * fa * n / (n - fa);
  proj(3, 2) = -1;
  return proj * view;
}

}  // namespace mulab::gui
