#version 330 core
in vec3 v_normal;
in float v_t;
in vec3 v_pos;
out vec4 frag;
uniform sampler2D u_lut;
uniform vec3 u_light;   // direction towards the light
uniform vec3 u_eye;     // camera position
uniform int u_contours;
void main() {
  vec3 n = normalize(v_normal);
  if (!gl_FrontFacing) n = -n;
  vec3 base = texture(u_lut, vec2(clamp(v_t, 0.0, 1.0) * (255.0 / 256.0) + 0.5 / 256.0, 0.5)).rgb;
  float diff = max(dot(n, normalize(u_light)), 0.0);
  vec3 h = normalize(normalize(u_light) + normalize(u_eye - v_pos));
  float spec = pow(max(dot(n, h), 0.0), 40.0) * 0.25;
  vec3 col = base * (0.35 + 0.75 * diff) + vec3(spec);
  if (u_contours > 0) {
    float c = v_t * float(u_contours);
    float w = fwidth(c);
    float d = abs(fract(c - 0.5) - 0.5) / max(w, 1e-6);
    float line = (1.0 - smoothstep(0.0, 1.2, d)) * (1.0 - smoothstep(0.25, 0.6, w));
    col = mix(col, vec3(0.02), 0.35 * line);
  }
  frag = vec4(col, 1.0);
}
