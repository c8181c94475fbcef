# The mulab target in the browser build (emscripten; scripts/web.sh sets it
# up with app/platform/web/app.cmake). Everything the browser build changes
# about the app is here:
#   - the web platform's sources,
#   - what it leaves out (features.hpp's MULAB_FEATURE_*, and sources),
#   - the files the page packs, at fixed paths,
#   - the link options (GLFW on the canvas, WebGL 2, threads, exceptions),
#   - the page itself: build-web/page/ = index.html, mulab.js, mulab.wasm,
#     mulab.worker.js, mulab.data (and data/, linked by scripts/web.sh).
set(web_dir ${CMAKE_CURRENT_LIST_DIR}/web)
target_sources(mulab PRIVATE
  ${web_dir}/platform_web.cpp
  ${web_dir}/page_files.cpp
  ${web_dir}/page_url.cpp
  ${web_dir}/page_datasets.cpp
  ${web_dir}/wasm_eh_context.cpp)  # catching exceptions at all, with threads: see the file

# [SECTION] Left out of the browser build
# A feature: MULAB_FEATURE_<NAME>=0 here, and `if constexpr (platform::k<Name>)`
# where it shows (platform/features.hpp). Its sources, if it has its own: add
# them to mulab_web_left_out (paths as app/CMakeLists.txt lists them).
target_compile_definitions(mulab_widgets PUBLIC
  MULAB_FEATURE_QUIT=0
  MULAB_FEATURE_GIF_EXPORT=0
  MULAB_FEATURE_THREADS=$<BOOL:${MULAB_WEB_THREADS}>)
set(mulab_web_left_out gui/shell/gif_encoder.cpp)  # giflib: a stand-in reports it missing
target_sources(mulab PRIVATE ${web_dir}/gif_encoder_unavailable.cpp)
if(mulab_web_left_out)
  get_target_property(sources mulab SOURCES)
  list(REMOVE_ITEM sources ${mulab_web_left_out})
  set_target_properties(mulab PROPERTIES SOURCES "${sources}")
endif()

# [SECTION] Files in the page
# Shaders and assets at fixed paths, so that links (replay paths in a scene)
# and messages do not depend on where the page was built; the font at the
# path the desktop reads it from (Debian's fonts-dejavu-core).
get_target_property(defs mulab COMPILE_DEFINITIONS)
list(TRANSFORM defs REPLACE "^MULAB_SHADER_DIR=.*" "MULAB_SHADER_DIR=\"/shaders\"")
list(TRANSFORM defs REPLACE "^MULAB_ASSET_DIR=.*" "MULAB_ASSET_DIR=\"/assets\"")
list(TRANSFORM defs REPLACE "^MULAB_DEFAULT_DATA_DIR=.*" "MULAB_DEFAULT_DATA_DIR=\"/data\"")
set_target_properties(mulab PROPERTIES COMPILE_DEFINITIONS "${defs}")
set(web_font /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf)
file(GLOB_RECURSE web_packed CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/shaders/* ${PROJECT_SOURCE_DIR}/assets/*)
set_property(TARGET mulab APPEND PROPERTY LINK_DEPENDS ${web_packed} ${web_font})

# [SECTION] Linking
target_link_options(mulab PRIVATE
  -sUSE_GLFW=3 -sMIN_WEBGL_VERSION=2 -sMAX_WEBGL_VERSION=2
  # MNIST as floats is 220 MB; a 500-500 network and its Adam state add 10 MB.
  -sALLOW_MEMORY_GROWTH=1 -sINITIAL_MEMORY=64MB -sMAXIMUM_MEMORY=2GB
  -sENVIRONMENT=web,worker -sEXIT_RUNTIME=0
  "SHELL:--preload-file ${PROJECT_SOURCE_DIR}/shaders@/shaders"
  "SHELL:--preload-file ${PROJECT_SOURCE_DIR}/assets@/assets"
  "SHELL:--preload-file ${web_font}@${web_font}")
if(MULAB_WEB_THREADS)
  # Workers made before main() starts: a background job (a basin map: one
  # thread per core, core/util/background_job.hpp) and training runs start
  # without waiting for one; more are made on demand.
  target_link_options(mulab PRIVATE -sPTHREAD_POOL_SIZE=4)
endif()

# [SECTION] The page
set(web_page ${CMAKE_BINARY_DIR}/page)
set_target_properties(mulab PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${web_page})
configure_file(${PROJECT_SOURCE_DIR}/app/web/index.html ${web_page}/index.html COPYONLY)
