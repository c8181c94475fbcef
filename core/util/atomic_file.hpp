// Writing a file so that it is either complete or absent: the content goes to
// PATH.part, which is renamed over PATH only when the writer succeeded.
#pragma once

#include <functional>
#include <optional>
#include <string>

namespace mulab {

// `write` fills the temporary path it is given and returns false on failure.
// Returns an error naming `path`, or nothing on success.
std::optional<std::string> writeAtomically(const std::string& path,
                                           const std::function<bool(const std::string&)>& write);

}  // namespace mulab
