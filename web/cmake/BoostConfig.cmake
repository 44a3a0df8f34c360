# Stands in for Debian's Boost CMake package in the WebAssembly build (the `wasm` preset points
# Boost_DIR here). Debian's package names x86-64 libraries and adds /usr/include, whose glibc
# headers must not shadow Emscripten's libc; WebAssembly takes only Boost's headers (Boost.JSON is
# compiled header-only, in examples/inspect/wasm.cpp), through a folder that holds nothing else.
include(${CMAKE_CURRENT_LIST_DIR}/host-headers.cmake)
if(NOT TARGET Boost::json)
  add_library(Boost::json INTERFACE IMPORTED)
  set_target_properties(Boost::json PROPERTIES INTERFACE_INCLUDE_DIRECTORIES ${OTAWIRE_WASM_HOST_HEADERS}
                        INTERFACE_COMPILE_DEFINITIONS "BOOST_JSON_NO_LIB;BOOST_CONTAINER_NO_LIB")
endif()
set(Boost_FOUND TRUE)
set(Boost_json_FOUND TRUE)
