# A folder with links to the host's Boost and simdjson headers and nothing else, so that the
# WebAssembly build sees them without /usr/include (glibc's headers would shadow Emscripten's).
set(OTAWIRE_WASM_HOST_HEADERS ${CMAKE_BINARY_DIR}/host-headers)
if(NOT EXISTS ${OTAWIRE_WASM_HOST_HEADERS}/boost)
  file(MAKE_DIRECTORY ${OTAWIRE_WASM_HOST_HEADERS})
  file(CREATE_LINK /usr/include/boost ${OTAWIRE_WASM_HOST_HEADERS}/boost SYMBOLIC)
  file(CREATE_LINK /usr/include/simdjson.h ${OTAWIRE_WASM_HOST_HEADERS}/simdjson.h SYMBOLIC)
endif()
