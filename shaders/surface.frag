#version 330 core
// Colours values sampled by core (f - f*, or f) with a perceptual lookup table,
// optional log scaling, anti-aliased contour lines and an optional basin map.
// No surface formula lives here: the shader only colours numbers.
in vec2 v_uv;
out vec4 frag;

uniform sampler2D u_values;  // R32F grid over the view
uniform sampler2D u_lut;     // 256 x 1 colour map
uniform bool u_log;
uniform float u_lo;          // colour range (log10 of values when u_log)
uniform float u_hi;
uniform float u_floor;       // smallest value shown in log mode
uniform int u_contours;      // number of contour levels over the range (0: none)

uniform bool u_basin;        // basin map overlay
uniform sampler2D u_basin_steps;  // R32F: steps to converge; -1 diverged; -2 not reached; -3 pending
uniform float u_basin_max;
uniform float u_basin_alpha;

float normalised(float v) {
  float x = u_log ? log(max(v, u_floor)) / log(10.0) : v;
  return (x - u_lo) / max(u_hi - u_lo, 1e-20);
}

void main() {
  float v = texture(u_values, v_uv).r;
  float t = clamp(normalised(v), 0.0, 1.0);
  vec3 col = texture(u_lut, vec2(t * (255.0 / 256.0) + 0.5 / 256.0, 0.5)).rgb;
  if (isnan(v) || isinf(v)) col = vec3(0.25);

  if (u_contours > 0) {
    float c = normalised(v) * float(u_contours);
    float w = fwidth(c);
    float d = abs(fract(c - 0.5) - 0.5) / max(w, 1e-6);  // distance to a level in pixels
    float line = 1.0 - smoothstep(0.0, 1.2, d);
    line *= 1.0 - smoothstep(0.25, 0.6, w);  // fade where levels crowd closer than ~2 px
    col = mix(col, vec3(0.02), 0.45 * line);
  }

  if (u_basin) {
    float s = texture(u_basin_steps, v_uv).r;
    vec3 b;
    if (s < -2.5) {
      b = col;                        // not computed yet
    } else if (s < -1.5) {
      b = vec3(0.45);                 // not reached within the budget
    } else if (s < -0.5) {
      b = vec3(0.55, 0.05, 0.08);     // diverged
    } else {
      float q = clamp(log(1.0 + s) / log(1.0 + u_basin_max), 0.0, 1.0);
      b = texture(u_lut, vec2(1.0 - q * 0.95, 0.5)).rgb;  // fast = bright
    }
    col = mix(col, b, u_basin_alpha);
  }
  frag = vec4(col, 1.0);
}
