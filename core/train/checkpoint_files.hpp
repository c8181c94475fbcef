// Checkpoint folders: what `mulab-cli train --checkpoints DIR` writes and
// `mulab-cli landscape` / `interpolate` read (docs/landscape.md, "Format").
//
//   DIR/manifest.json           the run (architecture, method, optimizer, rule,
//                               seed, dataset and every option) and, per
//                               checkpoint, step, epoch, updates, test error and
//                               its file names
//   DIR/step00000120_W1.npy     W_1 at step 120: float32 '<f4', C order, (out, in)
//   DIR/step00000120_b1.npy     b_1: float32 (out,)
//
// Layer l maps a_{l-1} to h_l = W_l a_{l-1} + b_l; hidden layers apply the
// manifest's activation, the last layer's h are the class scores. Every file
// is written atomically and the manifest last, so a reader never sees a
// checkpoint whose files are not complete.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "train/checkpoint.hpp"
#include "train/run.hpp"
#include "util/result.hpp"

namespace mulab {

inline constexpr const char* kManifestName = "manifest.json";
inline constexpr uint64_t kMaxManifestBytes = uint64_t{16} << 20;
inline constexpr int kCheckpointFormatVersion = 1;

// "step00000120_W1.npy" (layer counted from 1, kind 'W' or 'b').
std::string checkpointFileName(long step, char kind, size_t layer);

// The manifest text for a run and the checkpoints it kept.
std::string checkpointManifestJson(const RunConfig& config, const std::string& description,
                                   const CheckpointSnapshot& snapshot);

// What a manifest says, before any tensor is read (enough to budget a load).
struct CheckpointManifest {
  std::string dir;
  NetShape shape;
  std::string description, method, optimizer, rule, dataset;
  uint64_t seed = 0;
  // How the run was trained: every option (train/run_options.hpp), when the
  // manifest records them.
  std::optional<RunConfig> options;
  struct Entry {
    long step = 0;
    double epoch = 0;
    long updates = 0;
    double test_error = NAN;
    std::vector<std::string> weight_files, bias_files;  // per layer
  };
  std::vector<Entry> entries;
  // "bp Adam + additive (seed 1)" for legends.
  std::string label() const;
};

struct CheckpointFolder {
  CheckpointManifest manifest;
  std::vector<CheckpointPtr> checkpoints;  // as listed, by step
};

// Reads and checks DIR/manifest.json; every error starts with the file it is
// about and names the field.
Result<CheckpointManifest> readCheckpointManifest(const std::string& dir);

// Reads the manifest and every tensor, refusing missing, corrupt, truncated,
// wrongly shaped or non-finite files by name.
Result<CheckpointFolder> loadCheckpoints(const std::string& dir);

// The error for a folder whose architecture differs from the first one's,
// if it does.
std::optional<std::string> architectureMismatch(const CheckpointManifest& first,
                                                const CheckpointManifest& other);

// Writes a run's checkpoints into a folder, incrementally: each call writes
// the tensors of checkpoints not yet written, then the manifest, then removes
// the files of checkpoints the run has thinned away.
class CheckpointFolderWriter {
 public:
  explicit CheckpointFolderWriter(std::string dir) : dir_(std::move(dir)) {}
  std::optional<std::string> write(const RunConfig& config, const std::string& description,
                                   const CheckpointSnapshot& snapshot);

 private:
  std::string dir_;
  std::set<std::string> written_;  // file names written and still listed
};

// Checks before a run that DIR can become a checkpoint folder: it is absent
// (its parent a writable folder) or an empty writable folder. The error
// starts with DIR.
std::optional<std::string> checkCheckpointFolder(const std::string& dir);

}  // namespace mulab
