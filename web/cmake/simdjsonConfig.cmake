# Stands in for Debian's simdjson CMake package in the WebAssembly build (see BoostConfig.cmake).
# The JSON family headers include simdjson.h; with OTAWIRE_INSPECT_BOOST_JSON the inspector calls
# none of it, so the x86-64 library Debian ships is not needed.
include(${CMAKE_CURRENT_LIST_DIR}/host-headers.cmake)
if(NOT TARGET simdjson::simdjson)
  add_library(simdjson::simdjson INTERFACE IMPORTED)
  set_target_properties(simdjson::simdjson PROPERTIES INTERFACE_INCLUDE_DIRECTORIES ${OTAWIRE_WASM_HOST_HEADERS})
endif()
set(simdjson_FOUND TRUE)
