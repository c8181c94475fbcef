#include "train/checkpoint_files.hpp"

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <limits>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "train/run_options.hpp"
#include "util/atomic_file.hpp"
#include "util/file_read.hpp"
#include "util/npy.hpp"

namespace mulab {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

constexpr int kMaxWidth = 16384;
constexpr size_t kMaxLayers = 17;          // kMaxHiddenLayers + 1
constexpr uint64_t kNpySlack = 64 * 1024;  // header and a little more
// Steps and updates a manifest may list: 1e12, or what a long holds (wasm32: 2^31 - 1).
constexpr long long kMaxStep = std::min<long long>(1000000000000LL, std::numeric_limits<long>::max());

std::string join(const std::string& dir, const std::string& name) {
  return (fs::path(dir) / name).string();
}

json number(double v) {
  return std::isnan(v) ? json(nullptr) : json(v);
}

// Field access with errors that name the manifest and the field.
struct Reader {
  const std::string& file;
  std::string err;

  const json* get(const json& obj, const char* key, const std::string& where) {
    if (!err.empty()) return nullptr;
    auto it = obj.find(key);
    if (it == obj.end()) {
      err = file + ": " + where + key + ": missing";
      return nullptr;
    }
    return &*it;
  }
  std::string text(const json& obj, const char* key, const std::string& where = "") {
    const json* v = get(obj, key, where);
    if (!v) return "";
    if (!v->is_string()) {
      err = file + ": " + where + key + ": expected a string";
      return "";
    }
    return v->get<std::string>();
  }
  double real(const json& obj, const char* key, const std::string& where, bool nullable) {
    const json* v = get(obj, key, where);
    if (!v) return NAN;
    if (nullable && v->is_null()) return NAN;
    if (!v->is_number() || !std::isfinite(v->get<double>())) {
      err = file + ": " + where + key + ": expected a finite number";
      return NAN;
    }
    return v->get<double>();
  }
  long whole(const json& obj, const char* key, const std::string& where, long lo, long long hi) {
    const json* v = get(obj, key, where);
    if (!v) return 0;
    if (!v->is_number_integer() || v->get<double>() < double(lo) || v->get<double>() > double(hi)) {
      err = file + ": " + where + key + ": expected a whole number in " + std::to_string(lo) +
            ".." + std::to_string(hi);
      return 0;
    }
    return v->get<long>();
  }
};

// A file name from the manifest must name a file inside the folder.
bool plainName(const std::string& name) {
  return !name.empty() && name.size() <= 255 && name.find('/') == std::string::npos &&
         name != "." && name != ".." && name.find('\0') == std::string::npos;
}

// "W1", "b2": the tensor's key in the manifest. (snprintf rather than
// "W" + to_string, which trips GCC 12's false -Wrestrict.)
std::string tensorName(char kind, size_t layer) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%c%zu", kind, layer);
  return buf;
}

}  // namespace

// [SECTION] Writing a manifest

std::string checkpointFileName(long step, char kind, size_t layer) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "step%08ld_%c%zu.npy", step, kind, layer);
  return buf;
}

std::string checkpointManifestJson(const RunConfig& config, const std::string& description,
                                   const CheckpointSnapshot& s) {
  json list = json::array();
  for (const CheckpointPtr& c : s.items) {
    json files = json::object();
    for (size_t l = 0; l < s.shape.layerCount(); ++l) {
      for (char kind : {'W', 'b'})
        files[tensorName(kind, l + 1)] = checkpointFileName(c->step, kind, l + 1);
    }
    list.push_back({{"step", c->step},
                    {"epoch", c->epoch},
                    {"updates", c->updates},
                    {"test_error", number(c->test_error)},
                    {"files", files}});
  }
  json m = {
      {"format", "mulab-checkpoints"},
      {"format_version", kCheckpointFormatVersion},
      {"layout",
       "W<l>.npy: float32 (out, in), C order; b<l>.npy: float32 (out,); h_l = W_l a_{l-1} + b_l, "
       "a_0 = pixels in [0, 1], hidden a_l = activation(h_l), last h = class scores (softmax)"},
      {"architecture",
       {{"sizes", s.shape.sizes},
        {"activation", std::string(toString(s.shape.activation))},
        {"parameters", s.shape.parameterCount()}}},
      {"description", description},
      {"method", std::string(toString(config.method))},
      {"optimizer", std::string(toString(config.optimizer.base))},
      {"rule", std::string(toString(config.optimizer.rule))},
      {"seed", config.seed},
      {"dataset", std::string(toString(config.dataset))},
      {"options", runConfigJson(config, kStoreManifest)},
      {"stride", s.stride},
      {"checkpoints", list}};
  return m.dump(1) + "\n";
}

std::string CheckpointManifest::label() const {
  if (method == "er") return "er (seed " + std::to_string(seed) + ")";
  return method + " " + optimizer + " + " + rule + " (seed " + std::to_string(seed) + ")";
}

// [SECTION] Reading a folder

Result<CheckpointManifest> readCheckpointManifest(const std::string& dir) {
  if (dir.empty()) return Error{"expected a checkpoint folder, got an empty value"};
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    if (!fs::exists(dir, ec)) return Error{dir + ": not found"};
    return Error{dir + ": is not a folder of checkpoints (expected a folder with manifest.json)"};
  }
  const std::string file = join(dir, kManifestName);
  auto text = readTextFile(file, kMaxManifestBytes, "checkpoint manifest");
  if (!text) return Error{text.error()};
  json m;
  try {
    m = json::parse(*text);
  } catch (const json::parse_error& e) {
    return Error{file + ": not valid JSON (byte " + std::to_string(e.byte) + ")"};
  }
  if (!m.is_object()) return Error{file + ": expected a JSON object"};
  Reader r{file, {}};
  if (r.text(m, "format") != "mulab-checkpoints" && r.err.empty()) {
    return Error{file + ": format: expected \"mulab-checkpoints\""};
  }
  const long version = r.whole(m, "format_version", "", 1, 1000);
  if (r.err.empty() && version != kCheckpointFormatVersion) {
    return Error{file + ": format_version " + std::to_string(version) + " is not supported (1)"};
  }
  CheckpointManifest out;
  out.dir = dir;
  const json* arch = r.get(m, "architecture", "");
  if (arch && !arch->is_object()) r.err = file + ": architecture: expected an object";
  if (!r.err.empty()) return Error{r.err};
  const json* sizes = r.get(*arch, "sizes", "architecture.");
  if (sizes && (!sizes->is_array() || sizes->size() < 2 || sizes->size() > kMaxLayers + 1)) {
    r.err = file + ": architecture.sizes: expected 2 to 18 layer widths";
  }
  if (!r.err.empty()) return Error{r.err};
  for (const json& w : *sizes) {
    if (!w.is_number_integer() || w.get<long>() < 1 || w.get<long>() > kMaxWidth) {
      return Error{file + ": architecture.sizes: widths must be whole numbers in 1..16384"};
    }
    out.shape.sizes.push_back(w.get<int>());
  }
  auto act = parseActivation(r.text(*arch, "activation", "architecture."));
  if (!r.err.empty()) return Error{r.err};
  if (!act) return Error{file + ": architecture.activation: " + act.error()};
  out.shape.activation = *act;
  if (m.contains("description")) out.description = r.text(m, "description");
  out.method = r.text(m, "method");
  out.optimizer = r.text(m, "optimizer");
  out.rule = r.text(m, "rule");
  out.dataset = r.text(m, "dataset");
  const json* seed = r.get(m, "seed", "");
  if (seed && !seed->is_number_unsigned() &&
      !(seed->is_number_integer() && seed->get<long>() >= 0)) {
    r.err = file + ": seed: expected a whole number >= 0";
  }
  if (!r.err.empty()) return Error{r.err};
  out.seed = seed->get<uint64_t>();
  if (!parseDatasetKind(out.dataset))
    return Error{file + ": dataset: unknown '" + out.dataset + "'"};
  // Every option the run was trained with (manifests written before the
  // options were recorded have none).
  if (auto it = m.find("options"); it != m.end()) {
    auto config = runConfigFromJson(*it, kStoreManifest, "options");
    if (!config) return Error{file + ": " + config.error()};
    out.options = std::move(*config);
  }

  const json* list = r.get(m, "checkpoints", "");
  if (!r.err.empty()) return Error{r.err};
  if (!list->is_array() || list->empty())
    return Error{file + ": checkpoints: expected a non-empty list"};
  if (list->size() > size_t(kMaxCheckpoints)) {
    return Error{file + ": checkpoints: " + std::to_string(list->size()) + " listed, at most " +
                 std::to_string(kMaxCheckpoints)};
  }
  for (size_t k = 0; k < list->size(); ++k) {
    const json& c = (*list)[k];
    const std::string where = "checkpoints[" + std::to_string(k) + "].";
    if (!c.is_object())
      return Error{file + ": checkpoints[" + std::to_string(k) + "]: expected an object"};
    CheckpointManifest::Entry e;
    e.step = r.whole(c, "step", where, 0, kMaxStep);
    e.epoch = r.real(c, "epoch", where, false);
    e.updates = r.whole(c, "updates", where, 0, kMaxStep);
    e.test_error = r.real(c, "test_error", where, true);
    const json* files = r.get(c, "files", where);
    if (!r.err.empty()) return Error{r.err};
    if (!files->is_object()) return Error{file + ": " + where + "files: expected an object"};
    for (size_t l = 1; l <= out.shape.layerCount(); ++l) {
      for (char kind : {'W', 'b'}) {
        const std::string key = tensorName(kind, l);
        const std::string name = r.text(*files, key.c_str(), where + "files.");
        if (!r.err.empty()) return Error{r.err};
        if (!plainName(name)) {
          return Error{file + ": " + where + "files." + key + ": '" + name +
                       "' is not a file name inside the folder"};
        }
        (kind == 'W' ? e.weight_files : e.bias_files).push_back(name);
      }
    }
    if (!out.entries.empty() && e.step <= out.entries.back().step) {
      return Error{file + ": " + where + "step: steps must increase"};
    }
    out.entries.push_back(std::move(e));
  }
  return out;
}

Result<CheckpointFolder> loadCheckpoints(const std::string& dir) {
  auto manifest = readCheckpointManifest(dir);
  if (!manifest) return Error{manifest.error()};
  CheckpointFolder folder{std::move(*manifest), {}};
  const NetShape& shape = folder.manifest.shape;
  for (const CheckpointManifest::Entry& e : folder.manifest.entries) {
    auto c = std::make_shared<Checkpoint>();
    c->step = e.step;
    c->epoch = e.epoch;
    c->updates = e.updates;
    c->test_error = e.test_error;
    c->theta.resize(shape.parameterCount());
    for (size_t l = 0; l < shape.layerCount(); ++l) {
      for (char kind : {'W', 'b'}) {
        const std::string path = join(dir, (kind == 'W' ? e.weight_files : e.bias_files)[l]);
        std::vector<long> want{shape.sizes[l + 1]};
        if (kind == 'W') want.push_back(shape.sizes[l]);
        const long count = kind == 'W' ? want[0] * want[1] : want[0];
        const std::string what = tensorName(kind, l + 1);
        auto bytes = readBinaryFile(path, uint64_t(count) * 4 + kNpySlack,
                                    "NPY file for " + what + " " + shapeString(want));
        if (!bytes) return Error{bytes.error()};
        auto array = decodeNpy(*bytes, path);
        if (!array) return Error{array.error()};
        if (array->shape != want) {
          return Error{path + ": shape " + shapeString(array->shape) + ", expected " +
                       shapeString(want) + " for " + what + " of " + shape.describe()};
        }
        for (size_t i = 0; i < array->data.size(); ++i) {
          if (!std::isfinite(array->data[i])) {
            return Error{path + ": holds a non-finite value at index " + std::to_string(i)};
          }
        }
        const long at = kind == 'W' ? shape.weightOffset(l) : shape.biasOffset(l);
        std::copy(array->data.begin(), array->data.end(), c->theta.data() + at);
      }
    }
    folder.checkpoints.push_back(std::move(c));
  }
  return folder;
}

std::optional<std::string> architectureMismatch(const CheckpointManifest& first,
                                                const CheckpointManifest& other) {
  if (first.shape == other.shape) return std::nullopt;
  return join(other.dir, kManifestName) + ": architecture " + other.shape.describe() +
         " differs from " + first.shape.describe() + " in " + first.dir +
         "; one landscape needs one architecture";
}

// [SECTION] Writing a folder

std::optional<std::string> CheckpointFolderWriter::write(const RunConfig& config,
                                                         const std::string& description,
                                                         const CheckpointSnapshot& s) {
  std::error_code ec;
  if (!fs::is_directory(dir_, ec) && !fs::create_directory(dir_, ec) && ec) {
    return dir_ + ": cannot create the folder (" + ec.message() + ")";
  }
  std::set<std::string> listed;
  for (const CheckpointPtr& c : s.items) {
    for (size_t l = 0; l < s.shape.layerCount(); ++l) {
      for (char kind : {'W', 'b'}) {
        const std::string name = checkpointFileName(c->step, kind, l + 1);
        listed.insert(name);
        if (written_.count(name)) continue;
        const Vector& t = c->theta;
        std::vector<long> shape{s.shape.sizes[l + 1]};
        if (kind == 'W') shape.push_back(s.shape.sizes[l]);
        const float* data =
            t.data() + (kind == 'W' ? s.shape.weightOffset(l) : s.shape.biasOffset(l));
        if (auto err = writeFileAtomically(join(dir_, name), encodeNpy(shape, data))) return err;
        written_.insert(name);
      }
    }
  }
  if (auto err = writeFileAtomically(join(dir_, kManifestName),
                                     checkpointManifestJson(config, description, s))) {
    return err;
  }
  // Files of thinned checkpoints go only once the manifest no longer lists them.
  for (auto it = written_.begin(); it != written_.end();) {
    if (listed.count(*it)) {
      ++it;
      continue;
    }
    fs::remove(join(dir_, *it), ec);
    it = written_.erase(it);
  }
  return std::nullopt;
}

std::optional<std::string> checkCheckpointFolder(const std::string& dir) {
  if (dir.empty()) return "expected a folder, got an empty value";
  std::error_code ec;
  const fs::file_status st = fs::status(dir, ec);
  if (fs::exists(st)) {
    if (!fs::is_directory(st)) return dir + ": exists and is not a folder";
    if (!fs::is_empty(dir, ec)) {
      return dir + ": is not empty; checkpoints go to a new or empty folder";
    }
    if (::access(dir.c_str(), W_OK) != 0) return dir + ": folder is not writable";
    return std::nullopt;
  }
  // Absent: the folder is made when the first checkpoint is written (so a run
  // that fails early leaves nothing); its parent must be a writable folder now.
  fs::path path = fs::path(dir).lexically_normal();
  if (!path.has_filename()) path = path.parent_path();  // "out/ck/"
  std::string parent = path.parent_path().string();
  if (parent.empty()) parent = ".";
  if (!fs::is_directory(parent, ec))
    return dir + ": its parent folder " + parent + " does not exist";
  if (::access(parent.c_str(), W_OK) != 0) {
    return dir + ": its parent folder " + parent + " is not writable";
  }
  return std::nullopt;
}

}  // namespace mulab
