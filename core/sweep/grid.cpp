#include "sweep/grid.hpp"

#include <algorithm>
#include <cstdio>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "util/file_read.hpp"
#include "util/option.hpp"
#include "util/parse.hpp"

namespace mulab {
namespace {

using Json = nlohmann::ordered_json;

// Thrown inside the parser and turned into an Error at its edge.
struct GridError {
  std::string message;
};

[[noreturn]] void fail(const std::string& where, const std::string& what) {
  throw GridError{where + ": " + what};
}

// [SECTION] Values and keys

GridValue toValue(const Json& j, const std::string& where) {
  const std::string expected = "expected a number, a string, true/false or a list of numbers, got ";
  // (is_number_integer() holds for unsigned numbers too, so ask that first.)
  if (j.is_number_unsigned()) return {std::to_string(j.get<uint64_t>()), GridValueKind::kNumber};
  if (j.is_number_integer()) return {std::to_string(j.get<int64_t>()), GridValueKind::kNumber};
  if (j.is_number_float()) return {j.dump(), GridValueKind::kNumber};
  if (j.is_string()) return {j.get<std::string>(), GridValueKind::kString};
  if (j.is_boolean()) return {j.get<bool>() ? "true" : "false", GridValueKind::kBool};
  if (j.is_array()) {
    if (j.empty()) fail(where, "expected a list of numbers, got an empty list");
    std::string text;
    for (const Json& e : j) {
      if (!e.is_number())
        fail(where, "expected a list of numbers, got a list holding " + jsonTypeName(e));
      text += (text.empty() ? "" : ",") + toValue(e, where).text;
    }
    return {text, GridValueKind::kNumberList};
  }
  fail(where, expected + jsonTypeName(j));
}

Json toJson(const GridValue& v) {
  switch (v.kind) {
    case GridValueKind::kNumber:
      return Json::parse(v.text);
    case GridValueKind::kBool:
      return v.text == "true";
    case GridValueKind::kNumberList: {
      Json list = Json::array();
      for (const std::string& part : splitList(v.text)) list.push_back(Json::parse(part));
      return list;
    }
    case GridValueKind::kString:
      break;
  }
  return v.text;
}

void checkKey(const std::string& key, const std::string& where,
              const std::vector<std::string>& known) {
  if (known.empty() || std::find(known.begin(), known.end(), key) != known.end()) return;
  std::string names;
  for (const std::string& k : known) names += (names.empty() ? "" : ", ") + k;
  std::string flag = key;
  for (char& c : flag) c = c == '_' ? '-' : c;
  fail(where, "unknown option --" + flag + " (valid keys: " + names + ")");
}

std::vector<GridAxis> readAxes(const Json& obj, const std::string& prefix,
                               const std::vector<std::string>& known) {
  if (!obj.is_object()) fail(prefix, "expected an object of axes, got " + jsonTypeName(obj));
  std::vector<GridAxis> axes;
  std::map<std::string, std::string> seen;  // canonical key -> as written
  for (const auto& [written, list] : obj.items()) {
    GridAxis axis;
    axis.key = canonicalOptionName(written);
    axis.where = prefix + "." + written;
    checkKey(axis.key, axis.where, known);
    if (auto it = seen.find(axis.key); it != seen.end()) {
      fail(axis.where, "the same option as " + prefix + "." + it->second + "; give each axis once");
    }
    seen[axis.key] = written;
    if (!list.is_array()) {
      fail(axis.where, "expected a list of values, got " + jsonTypeName(list) + " (write [" +
                           list.dump() + "] for a single value)");
    }
    if (list.empty()) fail(axis.where, "empty list; an axis needs at least one value");
    if (list.size() > kMaxAxisValues) {
      fail(axis.where, std::to_string(list.size()) + " values, more than the " +
                           std::to_string(kMaxAxisValues) + " an axis may have");
    }
    for (size_t i = 0; i < list.size(); ++i) {
      const std::string at = axis.where + "[" + std::to_string(i) + "]";
      GridValue v = toValue(list[i], at);
      for (size_t k = 0; k < axis.values.size(); ++k) {
        if (axis.values[k].text == v.text) {
          fail(at, "'" + v.text + "' repeats " + axis.where + "[" + std::to_string(k) + "]");
        }
      }
      axis.values.push_back(std::move(v));
    }
    axes.push_back(std::move(axis));
  }
  return axes;
}

// Duplicate keys are legal JSON that nlohmann would silently collapse (the
// last one wins); in a grid they are almost always a mistake, so refuse them.
struct DuplicateKeyCheck {
  struct Frame {
    std::set<std::string> keys;
    std::string name;
    bool object = false;
  };
  std::vector<Frame> frames;
  std::string pending_key, error;

  bool operator()(int, Json::parse_event_t event, Json& parsed) {
    using E = Json::parse_event_t;
    if (event == E::object_start || event == E::array_start) {
      frames.push_back({{}, pending_key, event == E::object_start});
      pending_key.clear();
    } else if (event == E::object_end || event == E::array_end) {
      if (!frames.empty()) frames.pop_back();
    } else if (event == E::key) {
      const std::string key = parsed.get<std::string>();
      if (!frames.empty() && frames.back().object && !frames.back().keys.insert(key).second &&
          error.empty()) {
        const std::string& in = frames.back().name;
        error = (in.empty() ? std::string("top level") : in) + ": key '" + key + "' appears twice";
      }
      pending_key = key;
    } else {
      pending_key.clear();
    }
    return true;
  }
};

SweepGrid readGridJson(const Json& root, const std::vector<std::string>& known) {
  if (!root.is_object()) fail("grid", "expected an object with train options and \"axes\"");
  SweepGrid g;
  std::map<std::string, std::string> seen;
  for (const auto& [written, value] : root.items()) {
    if (written == "axes") {
      if (value.is_array()) {
        g.axes_listed = true;
        if (value.empty()) fail("axes", "empty list; give at least one object of axes");
        if (value.size() > kMaxAxisSets) {
          fail("axes", std::to_string(value.size()) + " axis objects, more than the " +
                           std::to_string(kMaxAxisSets) + " a grid may have");
        }
        for (size_t i = 0; i < value.size(); ++i) {
          g.axis_sets.push_back(readAxes(value[i], "axes[" + std::to_string(i) + "]", known));
        }
      } else {
        g.axis_sets.push_back(readAxes(value, "axes", known));
      }
      continue;
    }
    if (written == "description") {
      if (!value.is_string()) fail(written, "expected a string, got " + jsonTypeName(value));
      g.description = value.get<std::string>();
      if (g.description.size() > 1000) fail(written, "longer than 1000 characters");
      continue;
    }
    GridOption o;
    o.key = canonicalOptionName(written);
    o.where = written;
    checkKey(o.key, written, known);
    if (auto it = seen.find(o.key); it != seen.end()) {
      fail(written, "the same option as " + it->second + "; give each option once");
    }
    seen[o.key] = written;
    o.value = toValue(value, written);
    g.base.push_back(std::move(o));
  }
  std::sort(g.base.begin(), g.base.end(),
            [](const GridOption& a, const GridOption& b) { return a.key < b.key; });
  if (g.axis_sets.empty()) g.axis_sets.emplace_back();  // no axes: the base run alone
  return g;
}

}  // namespace

// [SECTION] Names and ids

const Setting* SweepRun::find(std::string_view key) const {
  for (const Setting& s : settings) {
    if (s.key == key) return &s;
  }
  return nullptr;
}

std::string canonicalOptionName(std::string_view name) {
  std::string out(name);
  for (char& c : out) c = c == '-' ? '_' : c;
  return out;
}

bool affectsResults(std::string_view key) {
  return key != "data_dir" && key != "memory_limit";
}

uint64_t fnv1a64(std::string_view bytes) {
  uint64_t h = 14695981039346656037ull;
  for (unsigned char c : bytes) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

std::string runId(const std::vector<Setting>& settings) {
  std::vector<std::string> lines;
  for (const Setting& s : settings) {
    if (affectsResults(s.key)) lines.push_back(s.key + "=" + s.value + "\n");
  }
  std::sort(lines.begin(), lines.end());
  std::string text;
  for (const std::string& l : lines) text += l;
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(fnv1a64(text)));
  return buf;
}

Result<SweepGrid> parseGrid(std::string_view text, const std::string& name,
                            const std::vector<std::string>& known_options) {
  Json root;
  DuplicateKeyCheck dup;
  try {
    root = Json::parse(text, std::ref(dup));
  } catch (const Json::exception& e) {
    // "[json.exception.parse_error.101] parse error at line 3, column 5: ..."
    const std::string what = e.what();
    const size_t at = what.find("] ");
    return Error{name + ": not valid JSON (" +
                 (at == std::string::npos ? what : what.substr(at + 2)) + ")"};
  }
  if (!dup.error.empty()) return Error{name + ": " + dup.error};
  try {
    return readGridJson(root, known_options);
  } catch (const GridError& e) {
    return Error{name + ": " + e.message};
  } catch (const Json::exception& e) {
    return Error{name + ": " + e.what()};
  }
}

// [SECTION] Reading, writing and expanding

Result<SweepGrid> readGrid(const std::string& path, const std::vector<std::string>& known_options) {
  auto text = readTextFile(path, kMaxGridBytes, "grid file");
  if (!text) return Error{text.error()};
  return parseGrid(*text, path, known_options);
}

std::string gridJson(const SweepGrid& g) {
  Json root = Json::object();
  if (!g.description.empty()) root["description"] = g.description;
  for (const GridOption& o : g.base) root[o.key] = toJson(o.value);
  auto axesJson = [](const std::vector<GridAxis>& axes) {
    Json obj = Json::object();
    for (const GridAxis& a : axes) {
      Json list = Json::array();
      for (const GridValue& v : a.values) list.push_back(toJson(v));
      obj[a.key] = list;
    }
    return obj;
  };
  if (g.axes_listed) {
    Json list = Json::array();
    for (const auto& set : g.axis_sets) list.push_back(axesJson(set));
    root["axes"] = list;
  } else if (!g.axis_sets.empty() && !g.axis_sets[0].empty()) {
    root["axes"] = axesJson(g.axis_sets[0]);
  }
  return root.dump(2) + "\n";
}

Result<std::vector<SweepRun>> expandGrid(const SweepGrid& g, const std::string& name,
                                         size_t max_runs) {
  std::vector<SweepRun> runs;
  std::set<std::string> ids;
  for (const auto& axes : g.axis_sets) {
    double count = 1;
    for (const GridAxis& a : axes) {
      for (const GridOption& o : g.base) {
        if (o.key == a.key) {
          return Error{name + ": " + a.where + ": also set in the base run (" + o.where +
                       "); give it in one place"};
        }
      }
      count *= double(a.values.size());
    }
    if (double(runs.size()) + count > double(max_runs)) {
      std::string sizes;
      for (const GridAxis& a : axes)
        sizes += (sizes.empty() ? "" : " x ") + std::to_string(a.values.size());
      char total[32];
      std::snprintf(total, sizeof total, "%.0f", double(runs.size()) + count);
      return Error{name + ": axes: " + total + " runs (" + (sizes.empty() ? "1" : sizes) +
                   "), more than the " + std::to_string(max_runs) + " a sweep may have"};
    }
    std::vector<size_t> at(axes.size(), 0);
    for (size_t n = 0; n < size_t(count); ++n) {
      SweepRun r;
      for (const GridOption& o : g.base) r.settings.push_back({o.key, o.value.text, o.where});
      for (size_t k = 0; k < axes.size(); ++k) {
        const GridAxis& a = axes[k];
        const std::string& value = a.values[at[k]].text;
        r.settings.push_back({a.key, value, a.where + "[" + std::to_string(at[k]) + "]"});
        r.name += (r.name.empty() ? "" : " ") + a.key + "=" + value;
      }
      if (r.name.empty()) r.name = "base";
      r.id = runId(r.settings);
      if (ids.insert(r.id).second) {
        r.index = runs.size();
        runs.push_back(std::move(r));
      }
      // Odometer: the last axis turns fastest.
      for (size_t k = axes.size(); k-- > 0;) {
        if (++at[k] < axes[k].values.size()) break;
        at[k] = 0;
      }
    }
  }
  return runs;
}

std::vector<SweepAxis> gridAxes(const SweepGrid& g) {
  std::vector<SweepAxis> out;
  for (const auto& axes : g.axis_sets) {
    for (const GridAxis& a : axes) {
      auto it =
          std::find_if(out.begin(), out.end(), [&](const SweepAxis& s) { return s.key == a.key; });
      if (it == out.end()) {
        out.push_back({a.key, {}, true});
        it = out.end() - 1;
      }
      for (const GridValue& v : a.values) {
        if (std::find(it->values.begin(), it->values.end(), v.text) == it->values.end()) {
          it->values.push_back(v.text);
        }
        it->numeric = it->numeric && v.kind == GridValueKind::kNumber;
      }
    }
  }
  return out;
}

}  // namespace mulab
