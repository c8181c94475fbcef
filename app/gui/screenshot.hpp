// Reads the default framebuffer and writes it as PNG (via a temporary file
// and a rename, so a failed write never leaves a partial image).
#pragma once

#include <optional>
#include <string>

namespace mulab::gui {

std::optional<std::string> writeFramebufferPng(int width, int height, const std::string& path);

}  // namespace mulab::gui
