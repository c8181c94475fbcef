// Reading input files without trusting them. Every file the program reads
// (IDX data, scenes, replay CSVs, shaders, grids, checkpoints) goes through
// here, so every reader refuses the same hostile inputs the same way:
//  - a path naming a directory, FIFO, socket or device is refused from stat()
//    before it is opened (a FIFO would block an open() or read() forever), and
//    the open itself is non-blocking and re-checked with fstat(), so a FIFO
//    swapped in between cannot block either;
//  - the size cap is checked from stat() before reading (a sparse multi-GB
//    file costs nothing) and again while reading (a file that grows, or a
//    /proc file whose stat size is 0, cannot make us allocate past the cap).
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/result.hpp"

namespace mulab {

// "a directory", "a FIFO (named pipe)", "a socket", "a character device", ...
std::string fileTypeName(mode_t mode);

// "256 MiB", "1.5 GiB", "812 bytes".
std::string formatBytes(uint64_t bytes);

// Checks with stat() alone (no open) that `path` names an existing regular
// file of at most `max_bytes`. `kind` names what the file should be in the
// message ("IDX file", "scene"). The error starts with the path.
std::optional<std::string> checkInputFile(const std::string& path, uint64_t max_bytes,
                                          std::string_view kind);

// Reads a whole regular file of at most `max_bytes` (see above).
Result<std::string> readTextFile(const std::string& path, uint64_t max_bytes,
                                 std::string_view kind);
Result<std::vector<uint8_t>> readBinaryFile(const std::string& path, uint64_t max_bytes,
                                            std::string_view kind);

// Splits `text` into lines ('\n', a trailing '\r' dropped), refusing any line
// longer than `max_line` bytes; `name` and the 1-based line number prefix the
// error.
Result<std::vector<std::string_view>> splitLines(std::string_view text, size_t max_line,
                                                 const std::string& name);

}  // namespace mulab
