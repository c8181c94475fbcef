// The catalogue's surfaces written as muparser formulas (default parameters),
// for tests that compare a formula surface with its built-in twin.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace mulab::testing_formulas {

inline const std::vector<std::pair<std::string, std::string>>& builtinFormulas() {
  static const std::vector<std::pair<std::string, std::string>> formulas = {
      {"quadratic", "x^2 + y^2"},
      {"booth", "(x + 2*y - 7)^2 + (2*x + y - 5)^2"},
      {"matyas", "0.26*(x^2 + y^2) - 0.48*x*y"},
      {"rosenbrock", "(1 - x)^2 + 100*(y - x^2)^2"},
      {"beale", "(1.5 - x + x*y)^2 + (2.25 - x + x*y^2)^2 + (2.625 - x + x*y^3)^2"},
      {"himmelblau", "(x^2 + y - 11)^2 + (x + y^2 - 7)^2"},
      {"rastrigin", "20 + x^2 - 10*cos(2*pi*x) + y^2 - 10*cos(2*pi*y)"},
      {"ackley",
       "20*(1 - exp(-0.2*sqrt(0.5*(x^2 + y^2)))) + e - exp(0.5*(cos(2*pi*x) + cos(2*pi*y)))"},
      {"six-hump-camel", "(4 - 2.1*x^2 + x^4/3)*x^2 + x*y + (-4 + 4*y^2)*y^2"},
      {"styblinski-tang", "(x^4 - 16*x^2 + 5*x + y^4 - 16*y^2 + 5*y) / 2"},
      {"saddle", "x^2 - y^2"},
      {"two-wells", "x^2 + y^2 - 2*exp(-((x-1)^2 + y^2)/0.2) - 3*exp(-((x+1)^2 + y^2)/0.2)"},
  };
  return formulas;
}

}  // namespace mulab::testing_formulas
