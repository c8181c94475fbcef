#include "gui/widgets/gl.hpp"

#include <cstdlib>
#include <vector>

#include "platform/platform.hpp"
#include "util/file_read.hpp"

namespace mulab::gui {
namespace {

Result<std::string> readText(const std::string& path) {
  return readTextFile(path, 1 << 20, "shader source");
}

Result<GLuint> compile(GLenum type, const std::string& path) {
  auto src = readText(path);
  if (!src) return Error{src.error()};
  const std::string source = platform::adaptShader(*src);
  const GLuint sh = glCreateShader(type);
  const char* text = source.c_str();
  glShaderSource(sh, 1, &text, nullptr);
  glCompileShader(sh);
  GLint ok = 0;
  glGetShaderiv(sh, GL_COMPILE_STATUS, &ok);
  if (!ok) {
    GLint len = 0;
    glGetShaderiv(sh, GL_INFO_LOG_LENGTH, &len);
    std::vector<char> log(std::max(1, len));
    glGetShaderInfoLog(sh, len, nullptr, log.data());
    glDeleteShader(sh);
    return Error{path + ": " + std::string(log.data())};
  }
  return sh;
}

}  // namespace

std::string shaderDir() {
  if (const char* env = std::getenv("MULAB_SHADERS"); env && *env) return env;
  return MULAB_SHADER_DIR;
}

Result<GLuint> loadProgram(const std::string& name) {
  const std::string base = shaderDir() + "/" + name;
  auto vs = compile(GL_VERTEX_SHADER, base + ".vert");
  if (!vs) return Error{vs.error()};
  auto fs = compile(GL_FRAGMENT_SHADER, base + ".frag");
  if (!fs) {
    glDeleteShader(*vs);
    return Error{fs.error()};
  }
  const GLuint prog = glCreateProgram();
  glAttachShader(prog, *vs);
  glAttachShader(prog, *fs);
  glLinkProgram(prog);
  glDeleteShader(*vs);
  glDeleteShader(*fs);
  GLint ok = 0;
  glGetProgramiv(prog, GL_LINK_STATUS, &ok);
  if (!ok) {
    char log[1024];
    glGetProgramInfoLog(prog, sizeof log, nullptr, log);
    glDeleteProgram(prog);
    return Error{base + ": link failed: " + log};
  }
  return prog;
}

Framebuffer::~Framebuffer() {
  if (fbo_) glDeleteFramebuffers(1, &fbo_);
  if (color_) glDeleteTextures(1, &color_);
  if (depth_) glDeleteRenderbuffers(1, &depth_);
}

void Framebuffer::bind(int width, int height) {
  width = std::max(1, width);
  height = std::max(1, height);
  if (!fbo_) {
    glGenFramebuffers(1, &fbo_);
    glGenTextures(1, &color_);
    glGenRenderbuffers(1, &depth_);
  }
  if (width != width_ || height != height_) {
    width_ = width;
    height_ = height;
    glBindTexture(GL_TEXTURE_2D, color_);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, width, height, 0, GL_RGBA, GL_UNSIGNED_BYTE, nullptr);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
    glBindRenderbuffer(GL_RENDERBUFFER, depth_);
    glRenderbufferStorage(GL_RENDERBUFFER, GL_DEPTH_COMPONENT24, width, height);
    glBindFramebuffer(GL_FRAMEBUFFER, fbo_);
    glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, color_, 0);
    glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_DEPTH_ATTACHMENT, GL_RENDERBUFFER, depth_);
  }
  glBindFramebuffer(GL_FRAMEBUFFER, fbo_);
  glViewport(0, 0, width_, height_);
}

void Framebuffer::unbind() { glBindFramebuffer(GL_FRAMEBUFFER, 0); }

}  // namespace mulab::gui
