// Writing output files so that they are either complete or absent, and
// checking output paths before any long work starts, so a run never computes
// for an hour and then finds it cannot save.
//
// A file is written to a unique temporary name in the same folder
// (".NAME.XXXXXX", created exclusively, so an existing file is never
// clobbered), flushed and fsync()ed, and only then renamed over NAME. Every
// write, flush and close is checked: a full disk or a file-size limit gives an
// error naming the file, never a truncated file.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace mulab {

// Checks that `path` can be written: not empty, not too long, its folder
// exists and is writable, and it is not an existing directory, FIFO, device
// or other non-regular file (renaming over /dev/null as root would replace
// it). The error starts with the path.
std::optional<std::string> checkOutputPath(const std::string& path);

// Writes `bytes` to `path` atomically (see above); the error names the path.
std::optional<std::string> writeFileAtomically(const std::string& path, std::string_view bytes);

}  // namespace mulab
