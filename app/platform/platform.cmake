# The platform layer (platform/platform.hpp) in the mulab target: the parts
# every platform shares and the one implementation this build needs.
# Included by app/CMakeLists.txt once the mulab target exists.
target_sources(mulab PRIVATE ${CMAKE_CURRENT_LIST_DIR}/scene_link.cpp)
if(EMSCRIPTEN)
  include(${CMAKE_CURRENT_LIST_DIR}/web.cmake)
else()
  target_sources(mulab PRIVATE ${CMAKE_CURRENT_LIST_DIR}/desktop/platform_desktop.cpp)
  # features.hpp: the desktop has every feature, so it defines none of MULAB_FEATURE_*.
endif()
