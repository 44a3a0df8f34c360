# Helpers shared by tests/, fuzz/, bench/ and examples/. Each protocol folder calls these from
# its own CMakeLists.txt, so adding a protocol never edits another protocol's build.

set(OTAWIRE_PROTOCOLS pcp lwm2m tencent ctwing jetlinks huawei alibaba)

# Warnings for otawire's own programs (never forced on consumers of the INTERFACE targets).
function(otawire_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic)
  if(OTAWIRE_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()

# Adds the CMakeLists.txt of every protocol folder below `dir` that has one.
function(otawire_add_protocol_dirs dir)
  foreach(p core json ${OTAWIRE_PROTOCOLS} detect)
    if(EXISTS ${dir}/${p}/CMakeLists.txt)
      add_subdirectory(${dir}/${p})
    endif()
  endforeach()
endfunction()

# otawire_add_test(<name> SOURCES ... [LIBS ...])
# A GoogleTest + rapidcheck binary registered with ctest (tests discovered individually).
function(otawire_add_test name)
  cmake_parse_arguments(ARG "" "" "SOURCES;LIBS" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE otawire::otawire otawire_test_support ${ARG_LIBS}
                        rapidcheck GTest::gtest GTest::gtest_main)
  otawire_warnings(${name})
  # The test frameworks (and the JSON libraries, for JSON families) are the bulk of every test
  # translation unit: parse them once per target. gtest comes first, as rapidcheck/gtest.h needs.
  set(pch <gtest/gtest.h> <rapidcheck.h> <rapidcheck/gtest.h> <array> <string> <string_view> <vector>)
  if("otawire::json" IN_LIST ARG_LIBS)
    list(APPEND pch <simdjson.h> <boost/json.hpp>)
  endif()
  list(LENGTH ARG_SOURCES source_count)
  if(source_count GREATER 1)
    target_precompile_headers(${name} PRIVATE ${pch})
  endif()
  include(GoogleTest)
  gtest_discover_tests(${name} DISCOVERY_TIMEOUT 60 PROPERTIES TIMEOUT 300)
endfunction()

# otawire_add_fuzzer(<name> SOURCES ... [LIBS ...])
# With OTAWIRE_FUZZ_ENGINE: a libFuzzer binary with ASan+UBSan; otherwise the same entry point
# linked with a replay main(). Either way ctest replays fuzz/corpus/<name> and
# fuzz/regressions/<name> once (libFuzzer with -runs=0 runs each input and stops), so the asan
# preset's one clang build serves both its test stage and scripts/fuzz.sh.
function(otawire_add_fuzzer name)
  cmake_parse_arguments(ARG "" "" "SOURCES;LIBS" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE otawire::otawire ${ARG_LIBS})
  otawire_warnings(${name})
  set(replay_inputs ${PROJECT_SOURCE_DIR}/fuzz/corpus/${name})
  if(OTAWIRE_FUZZ_ENGINE)
    target_compile_options(${name} PRIVATE -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer)
    target_link_options(${name} PRIVATE -fsanitize=fuzzer,address,undefined)
    # The asan preset builds everything at -O0 (clang compiles the sanitized tests ~5x faster
    # than at -O1); a fuzzer there still needs -O1 to run enough inputs in its CI seconds.
    if(CMAKE_BUILD_TYPE STREQUAL "Debug")
      target_compile_options(${name} PRIVATE -O1)
    endif()
    set(replay_command ${name} -runs=0)
  else()
    target_sources(${name} PRIVATE ${PROJECT_SOURCE_DIR}/fuzz/replay_main.cpp)
    set(replay_command ${name})
  endif()
  # libFuzzer refuses a missing directory; a target may have no regressions yet.
  if(EXISTS ${PROJECT_SOURCE_DIR}/fuzz/regressions/${name})
    list(APPEND replay_inputs ${PROJECT_SOURCE_DIR}/fuzz/regressions/${name})
  endif()
  if(OTAWIRE_BUILD_TESTS)
    add_test(NAME fuzz_replay.${name} COMMAND ${replay_command} ${replay_inputs})
  endif()
  set_property(GLOBAL APPEND PROPERTY OTAWIRE_FUZZ_TARGETS ${name})
endfunction()

# otawire_add_bench(<name> SOURCES ... [LIBS ...] [BASELINE_PACKAGES ...])
# Google Benchmark program; scripts/bench.sh runs every one of them and pairs
# `<case>/otawire` with `<case>/baseline_<name>`. BASELINE_PACKAGES are CMake packages only that
# program's baselines use (nlohmann_json, …): a missing one skips that program, loudly, instead of
# failing every benchmark's configuration.
function(otawire_add_bench name)
  cmake_parse_arguments(ARG "" "" "SOURCES;LIBS;BASELINE_PACKAGES" ${ARGN})
  foreach(package ${ARG_BASELINE_PACKAGES})
    find_package(${package} CONFIG QUIET)
    if(NOT ${package}_FOUND)
      message(WARNING "${name} is not built: its baseline package ${package} is missing (scripts/deps.sh --bench installs it)")
      return()
    endif()
  endforeach()
  add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE otawire::otawire ${ARG_LIBS} benchmark::benchmark benchmark::benchmark_main)
  if(TARGET otawire_bench_support)
    target_link_libraries(${name} PRIVATE otawire_bench_support)
  endif()
  otawire_warnings(${name})
  set_property(GLOBAL APPEND PROPERTY OTAWIRE_BENCH_TARGETS ${name})
endfunction()
