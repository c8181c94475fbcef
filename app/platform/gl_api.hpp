// The OpenGL API of this platform: on the desktop the OpenGL 3.3 core entry
// points straight from Mesa's libGL (Linux exports every core function); in
// the browser OpenGL ES 3.0, which emscripten maps onto WebGL 2. The app uses
// only what both have; its shaders are adapted by platform::adaptShader.
#pragma once

#if defined(__EMSCRIPTEN__)
#include <GLES3/gl3.h>
#else
#define GL_GLEXT_PROTOTYPES 1
#include <GL/glcorearb.h>
#endif
