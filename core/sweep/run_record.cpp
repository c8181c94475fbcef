#include "sweep/run_record.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

namespace mulab {
namespace {

using Json = nlohmann::ordered_json;

Json number(double v) {
  return std::isfinite(v) ? Json(v) : Json(nullptr);
}

double readNumber(const Json& obj, const char* key) {
  if (!obj.contains(key) || obj[key].is_null()) return NAN;
  if (!obj[key].is_number()) throw std::runtime_error(std::string(key) + ": expected a number");
  return obj[key].get<double>();
}

std::string readString(const Json& obj, const char* key) {
  if (!obj.contains(key)) return "";
  if (!obj[key].is_string()) throw std::runtime_error(std::string(key) + ": expected a string");
  return obj[key].get<std::string>();
}

std::string_view toString(RunOutcome::Kind k) {
  switch (k) {
    case RunOutcome::Kind::kFinished:
      return "finished";
    case RunOutcome::Kind::kDiverged:
      return "diverged";
    case RunOutcome::Kind::kFailed:
      return "failed";
  }
  return "?";
}

}  // namespace

std::string_view toString(RunStatus s) {
  return s == RunStatus::kFinished ? "finished" : "diverged";
}

const Setting* RunRecord::find(std::string_view key) const {
  for (const Setting& s : settings) {
    if (s.key == key) return &s;
  }
  return nullptr;
}

RunRecord makeRecord(const SweepRun& run, const RunOutcome& o) {
  RunRecord r;
  r.id = run.id;
  r.name = run.name;
  r.description = o.description;
  for (const Setting& s : run.settings) r.settings.push_back({s.key, s.value, ""});
  r.status = o.kind == RunOutcome::Kind::kDiverged ? RunStatus::kDiverged : RunStatus::kFinished;
  r.error = o.kind == RunOutcome::Kind::kDiverged ? o.error : "";
  r.wall_s = o.wall_s;
  r.samples_per_s = o.samples_per_s;
  double last_acc = NAN, best_acc = NAN;
  for (const MetricPoint& p : o.metrics) {
    if (std::isnan(p.test_acc)) continue;
    last_acc = p.test_acc;
    best_acc = std::isnan(best_acc) ? p.test_acc : std::max(best_acc, p.test_acc);
    if (std::isnan(r.first_epoch_test_error) && p.epoch >= 1.0 - 1e-9) {
      r.first_epoch_test_error = 1.0 - p.test_acc;
    }
  }
  if (r.status == RunStatus::kFinished) r.final_test_error = 1.0 - last_acc;
  r.best_test_error = 1.0 - best_acc;
  if (!o.metrics.empty()) {
    r.epochs = o.metrics.back().epoch;
    r.updates = o.metrics.back().updates;
    r.train_s = o.metrics.back().wall_s;
  }
  return r;
}

std::string recordJson(const RunRecord& r) {
  Json j;
  j["id"] = r.id;
  j["name"] = r.name;
  j["description"] = r.description;
  Json settings = Json::object();
  for (const Setting& s : r.settings) settings[s.key] = s.value;
  j["settings"] = settings;
  j["status"] = std::string(toString(r.status));
  if (!r.error.empty()) j["error"] = r.error;
  j["final_test_error"] = number(r.final_test_error);
  j["best_test_error"] = number(r.best_test_error);
  j["first_epoch_test_error"] = number(r.first_epoch_test_error);
  j["epochs"] = r.epochs;
  j["updates"] = r.updates;
  j["wall_s"] = r.wall_s;
  j["train_s"] = r.train_s;
  j["samples_per_s"] = r.samples_per_s;
  return j.dump(2) + "\n";
}

Result<RunRecord> parseRecord(std::string_view text, const std::string& name) {
  try {
    const Json j = Json::parse(text);
    if (!j.is_object()) return Error{name + ": expected a run record (an object)"};
    RunRecord r;
    r.id = readString(j, "id");
    r.name = readString(j, "name");
    r.description = readString(j, "description");
    if (r.id.size() != 16 || r.id.find_first_not_of("0123456789abcdef") != std::string::npos) {
      return Error{name + ": id: expected 16 hex digits"};
    }
    if (!j.contains("settings") || !j["settings"].is_object()) {
      return Error{name + ": settings: expected an object"};
    }
    for (const auto& [key, value] : j["settings"].items()) {
      if (!value.is_string()) return Error{name + ": settings." + key + ": expected a string"};
      r.settings.push_back({key, value.get<std::string>(), ""});
    }
    const std::string status = readString(j, "status");
    if (status != "finished" && status != "diverged") {
      return Error{name + ": status: expected finished or diverged, got '" + status + "'"};
    }
    r.status = status == "finished" ? RunStatus::kFinished : RunStatus::kDiverged;
    r.error = readString(j, "error");
    r.final_test_error = readNumber(j, "final_test_error");
    r.best_test_error = readNumber(j, "best_test_error");
    r.first_epoch_test_error = readNumber(j, "first_epoch_test_error");
    r.epochs = readNumber(j, "epochs");
    r.updates = long(readNumber(j, "updates"));
    r.wall_s = readNumber(j, "wall_s");
    r.train_s = readNumber(j, "train_s");
    r.samples_per_s = readNumber(j, "samples_per_s");
    return r;
  } catch (const std::exception& e) {
    // nlohmann's messages start "[json.exception.parse_error.101] "; keep the rest.
    std::string what = e.what();
    const size_t at = what.find("] ");
    return Error{name + ": " + (at == std::string::npos ? what : what.substr(at + 2))};
  }
}

std::string outcomeText(const RunOutcome& o) {
  Json j;
  j["index"] = o.index;
  j["kind"] = std::string(toString(o.kind));
  j["error"] = o.error;
  j["description"] = o.description;
  j["where"] = o.where;
  j["wall_s"] = o.wall_s;
  j["samples_per_s"] = o.samples_per_s;
  j["metrics"] = metricsCsv(o.metrics);
  return j.dump();
}

Result<RunOutcome> parseOutcome(std::string_view text) {
  try {
    const Json j = Json::parse(text);
    RunOutcome o;
    o.index = j.at("index").get<size_t>();
    const std::string kind = j.at("kind").get<std::string>();
    o.kind = kind == "finished"   ? RunOutcome::Kind::kFinished
             : kind == "diverged" ? RunOutcome::Kind::kDiverged
                                  : RunOutcome::Kind::kFailed;
    o.error = j.at("error").get<std::string>();
    o.description = j.at("description").get<std::string>();
    o.where = j.at("where").get<std::string>();
    o.wall_s = j.at("wall_s").get<double>();
    o.samples_per_s = j.at("samples_per_s").get<double>();
    auto points = parseMetricsCsv(j.at("metrics").get<std::string>(), "run metrics");
    if (!points) return Error{points.error()};
    o.metrics = std::move(*points);
    return o;
  } catch (const std::exception& e) {
    return Error{std::string("a run's result message: ") + e.what()};
  }
}

}  // namespace mulab
