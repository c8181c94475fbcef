// The platform's OpenGL entry points (OpenGL 3.3 core, or ES 3.0 in the
// browser), plus the few RAII helpers the views need.
#pragma once

#include "platform/gl_api.hpp"

#include <string>

#include "util/result.hpp"

namespace mulab::gui {

// Directory holding the GLSL sources: $MULAB_SHADERS, else the source tree's.
std::string shaderDir();

// Compiles and links shaders/<name>.vert + shaders/<name>.frag.
Result<GLuint> loadProgram(const std::string& name);

// A colour texture with an optional depth buffer to render a view into.
class Framebuffer {
 public:
  Framebuffer() = default;
  Framebuffer(const Framebuffer&) = delete;
  Framebuffer& operator=(const Framebuffer&) = delete;
  ~Framebuffer();
  // (Re)allocates when the size changed; binds it for drawing.
  void bind(int width, int height);
  static void unbind();
  GLuint texture() const { return color_; }
  int width() const { return width_; }
  int height() const { return height_; }

 private:
  GLuint fbo_ = 0, color_ = 0, depth_ = 0;
  int width_ = 0, height_ = 0;
};

}  // namespace mulab::gui
