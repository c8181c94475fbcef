#version 330 core
// The surface as a height field: x, y in [-1, 1], height = log-compressed value.
layout(location = 0) in vec3 a_pos;
layout(location = 1) in vec3 a_normal;
layout(location = 2) in float a_t;
uniform mat4 u_mvp;
out vec3 v_normal;
out float v_t;
out vec3 v_pos;
void main() {
  v_normal = a_normal;
  v_t = a_t;
  v_pos = a_pos;
  gl_Position = u_mvp * vec4(a_pos, 1.0);
}
