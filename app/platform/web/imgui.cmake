# Dear ImGui for the browser build: core, GLFW and OpenGL3 (ES 3) backends
# compiled from Debian's imgui source package by app/platform/web/deps and
# found through its pkg-config file; GLFW and WebGL 2 come with emscripten
# (-sUSE_GLFW=3, linked in web.cmake). The desktop build uses libimgui-dev.
find_package(PkgConfig REQUIRED)
pkg_check_modules(IMGUI REQUIRED IMPORTED_TARGET imgui)
pkg_check_modules(STB REQUIRED IMPORTED_TARGET stb)
add_library(imgui_backends INTERFACE)
target_link_libraries(imgui_backends INTERFACE PkgConfig::IMGUI)
