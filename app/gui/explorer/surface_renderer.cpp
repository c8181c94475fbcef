#include "gui/explorer/surface_renderer.hpp"

#include <cmath>

namespace mulab::gui {

float ColorScale::normalise(double v) const {
  const double x = log ? std::log10(std::max(v, double(floor))) : v;
  return static_cast<float>((x - lo) / std::max(double(hi - lo), 1e-20));
}

ColorScale colorScaleFor(const SurfaceGrid& g, bool log, int contours) {
  ColorScale s;
  s.contours = contours;
  // Log needs positive values: f - f* is >= 0; a surface without f* gets linear.
  s.log = log && g.shifted;
  if (s.log) {
    const double hi = std::max(double(g.max), 1e-30);
    const double lo = std::max(double(g.min), hi * 1e-6);
    s.floor = static_cast<float>(lo);
    s.lo = static_cast<float>(std::log10(lo));
    s.hi = static_cast<float>(std::log10(hi));
  } else if (g.min < 0 && g.max > 0) {
    const float m = std::max(-g.min, g.max);  // symmetric about 0 for diverging maps
    s.lo = -m;
    s.hi = m;
  } else {
    s.lo = g.min;
    s.hi = g.max > g.min ? g.max : g.min + 1;
  }
  return s;
}

SurfaceRenderer::~SurfaceRenderer() {
  const GLuint tex[] = {values_tex_, lut_tex_, basin_tex_};
  glDeleteTextures(3, tex);
  if (surface_prog_) glDeleteProgram(surface_prog_);
  if (mesh_prog_) glDeleteProgram(mesh_prog_);
  const GLuint vaos[] = {vao_, mesh_vao_};
  glDeleteVertexArrays(2, vaos);
  const GLuint bufs[] = {mesh_vbo_, mesh_ibo_};
  glDeleteBuffers(2, bufs);
}

std::optional<std::string> SurfaceRenderer::init() {
  auto s = loadProgram("surface");
  if (!s) return s.error();
  surface_prog_ = *s;
  auto m = loadProgram("mesh");
  if (!m) return m.error();
  mesh_prog_ = *m;
  glGenVertexArrays(1, &vao_);
  glGenVertexArrays(1, &mesh_vao_);
  glGenBuffers(1, &mesh_vbo_);
  glGenBuffers(1, &mesh_ibo_);
  GLuint tex[3];
  glGenTextures(3, tex);
  values_tex_ = tex[0];
  lut_tex_ = tex[1];
  basin_tex_ = tex[2];
  for (GLuint t : tex) {
    glBindTexture(GL_TEXTURE_2D, t);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, t == lut_tex_ ? GL_LINEAR : GL_NEAREST);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, t == lut_tex_ ? GL_LINEAR : GL_NEAREST);
  }
  // Values are interpolated between samples so contours stay smooth when zoomed.
  glBindTexture(GL_TEXTURE_2D, values_tex_);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
  setColormap("viridis");
  return std::nullopt;
}

void SurfaceRenderer::setColormap(const std::string& name) {
  const Lut& lut = colormapLut(name);
  glBindTexture(GL_TEXTURE_2D, lut_tex_);
  glTexImage2D(GL_TEXTURE_2D, 0, GL_RGB32F, 256, 1, 0, GL_RGB, GL_FLOAT, lut.data());
}

void SurfaceRenderer::uploadGrid(const SurfaceGrid& grid) {
  grid_ = grid;
  mesh_dirty_ = true;
  glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
  glBindTexture(GL_TEXTURE_2D, values_tex_);
  glTexImage2D(GL_TEXTURE_2D, 0, GL_R32F, grid.nx, grid.ny, 0, GL_RED, GL_FLOAT, grid.values.data());
}

void SurfaceRenderer::uploadBasin(int nx, int ny, const std::vector<float>& steps, float max_steps) {
  glBindTexture(GL_TEXTURE_2D, basin_tex_);
  glTexImage2D(GL_TEXTURE_2D, 0, GL_R32F, nx, ny, 0, GL_RED, GL_FLOAT, steps.data());
  basin_on_ = true;
  basin_max_ = std::max(1.0f, max_steps);
}

void SurfaceRenderer::draw2D(Framebuffer& target, int width, int height, const ColorScale& sc) {
  target.bind(width, height);
  glDisable(GL_DEPTH_TEST);
  glUseProgram(surface_prog_);
  glActiveTexture(GL_TEXTURE0);
  glBindTexture(GL_TEXTURE_2D, values_tex_);
  glActiveTexture(GL_TEXTURE1);
  glBindTexture(GL_TEXTURE_2D, lut_tex_);
  glActiveTexture(GL_TEXTURE2);
  glBindTexture(GL_TEXTURE_2D, basin_tex_);
  glActiveTexture(GL_TEXTURE0);
  auto loc = [&](const char* n) { return glGetUniformLocation(surface_prog_, n); };
  glUniform1i(loc("u_values"), 0);
  glUniform1i(loc("u_lut"), 1);
  glUniform1i(loc("u_basin_steps"), 2);
  glUniform1i(loc("u_log"), sc.log);
  glUniform1f(loc("u_lo"), sc.lo);
  glUniform1f(loc("u_hi"), sc.hi);
  glUniform1f(loc("u_floor"), sc.floor);
  glUniform1i(loc("u_contours"), sc.contours);
  glUniform1i(loc("u_basin"), basin_on_);
  glUniform1f(loc("u_basin_max"), basin_max_);
  glUniform1f(loc("u_basin_alpha"), 0.85f);
  glBindVertexArray(vao_);
  glDrawArrays(GL_TRIANGLES, 0, 3);
  glBindVertexArray(0);
  Framebuffer::unbind();
}

void SurfaceRenderer::buildMesh(const ColorScale& sc) {
  // Vertex: position (3), normal (3), t (1). Heights are the normalised
  // (log-compressed) values, so steep walls do not dwarf the valley floor.
  const int nx = grid_.nx, ny = grid_.ny;
  std::vector<float> v;
  v.reserve(size_t(nx) * ny * 7);
  auto tAt = [&](int i, int j) {
    return std::clamp(sc.normalise(grid_.values[size_t(j) * nx + i]), 0.0f, 1.0f);
  };
  for (int j = 0; j < ny; ++j) {
    for (int i = 0; i < nx; ++i) {
      const float x = -1 + 2.0f * (i + 0.5f) / nx, y = -1 + 2.0f * (j + 0.5f) / ny;
      const float t = tAt(i, j);
      const float dx = meshHeight(tAt(std::min(i + 1, nx - 1), j)) - meshHeight(tAt(std::max(i - 1, 0), j));
      const float dy = meshHeight(tAt(i, std::min(j + 1, ny - 1))) - meshHeight(tAt(i, std::max(j - 1, 0)));
      Eigen::Vector3f n(-dx / (4.0f / nx), -dy / (4.0f / ny), 1.0f);
      n.normalize();
      v.insert(v.end(), {x, y, meshHeight(t), n.x(), n.y(), n.z(), t});
    }
  }
  std::vector<unsigned> idx;
  idx.reserve(size_t(nx - 1) * (ny - 1) * 6);
  for (int j = 0; j + 1 < ny; ++j) {
    for (int i = 0; i + 1 < nx; ++i) {
      const unsigned a = j * nx + i, b = a + 1, c = a + nx, d = c + 1;
      idx.insert(idx.end(), {a, b, d, a, d, c});
    }
  }
  glBindVertexArray(mesh_vao_);
  glBindBuffer(GL_ARRAY_BUFFER, mesh_vbo_);
  glBufferData(GL_ARRAY_BUFFER, GLsizeiptr(v.size() * sizeof(float)), v.data(), GL_STATIC_DRAW);
  glBindBuffer(GL_ELEMENT_ARRAY_BUFFER, mesh_ibo_);
  glBufferData(GL_ELEMENT_ARRAY_BUFFER, GLsizeiptr(idx.size() * sizeof(unsigned)), idx.data(),
               GL_STATIC_DRAW);
  const GLsizei stride = 7 * sizeof(float);
  glEnableVertexAttribArray(0);
  glVertexAttribPointer(0, 3, GL_FLOAT, GL_FALSE, stride, nullptr);
  glEnableVertexAttribArray(1);
  glVertexAttribPointer(1, 3, GL_FLOAT, GL_FALSE, stride, reinterpret_cast<void*>(3 * sizeof(float)));
  glEnableVertexAttribArray(2);
  glVertexAttribPointer(2, 1, GL_FLOAT, GL_FALSE, stride, reinterpret_cast<void*>(6 * sizeof(float)));
  glBindVertexArray(0);
  mesh_indices_ = GLsizei(idx.size());
  mesh_scale_ = sc;
  mesh_dirty_ = false;
}

void SurfaceRenderer::draw3D(Framebuffer& target, int width, int height, const ColorScale& sc,
                             const OrbitCamera& cam) {
  const bool scale_changed = sc.lo != mesh_scale_.lo || sc.hi != mesh_scale_.hi || sc.log != mesh_scale_.log;
  if (mesh_dirty_ || scale_changed) buildMesh(sc);
  target.bind(width, height);
  glClearColor(0.09f, 0.10f, 0.12f, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT | GL_DEPTH_BUFFER_BIT);
  glEnable(GL_DEPTH_TEST);
  glUseProgram(mesh_prog_);
  const Eigen::Matrix4f mvp = cam.viewProjection(float(width) / float(std::max(1, height)));
  auto loc = [&](const char* n) { return glGetUniformLocation(mesh_prog_, n); };
  glUniformMatrix4fv(loc("u_mvp"), 1, GL_FALSE, mvp.data());
  const Eigen::Vector3f eye = cam.eye();
  glUniform3f(loc("u_light"), 0.4f, -0.5f, 1.0f);
  glUniform3f(loc("u_eye"), eye.x(), eye.y(), eye.z());
  glUniform1i(loc("u_contours"), sc.contours);
  glActiveTexture(GL_TEXTURE0);
  glBindTexture(GL_TEXTURE_2D, lut_tex_);
  glUniform1i(loc("u_lut"), 0);
  glBindVertexArray(mesh_vao_);
  glDrawElements(GL_TRIANGLES, mesh_indices_, GL_UNSIGNED_INT, nullptr);
  glBindVertexArray(0);
  glDisable(GL_DEPTH_TEST);
  Framebuffer::unbind();
}

}  // namespace mulab::gui
