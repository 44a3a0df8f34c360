# Issue 12 item 1: compiles SOURCE with `CXX -std=c++20 OPT -fstack-usage` (g++; warnings are
# errors, and none of the project's suppressions apply) and fails when any function in the
# translation unit has a stack frame above LIMIT bytes. The functions are the entry points the TU
# calls and whatever of otawire's they do not inline.
#   cmake -DCXX=g++ -DSOURCE=<tu.cpp> -DINCLUDE_DIR=<include> -DWORK_DIR=<dir> [-DLIMIT=256]
#         [-DOPT=-O2] -P stack_usage_check.cmake
foreach(var CXX SOURCE INCLUDE_DIR WORK_DIR)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "stack_usage_check: ${var} is required")
  endif()
endforeach()
foreach(var SOURCE INCLUDE_DIR WORK_DIR)
  get_filename_component(${var} "${${var}}" ABSOLUTE)
endforeach()
if(NOT DEFINED LIMIT)
  set(LIMIT 256)
endif()
if(NOT DEFINED OPT)
  set(OPT -O2)
endif()

file(REMOVE_RECURSE ${WORK_DIR})
file(MAKE_DIRECTORY ${WORK_DIR})
execute_process(
  COMMAND ${CXX} -std=c++20 ${OPT} -fstack-usage -Wall -Wextra -Wpedantic -Werror -I${INCLUDE_DIR}
          -c ${SOURCE} -o ${WORK_DIR}/tu.o
  WORKING_DIRECTORY ${WORK_DIR}
  RESULT_VARIABLE rc
  OUTPUT_VARIABLE out
  ERROR_VARIABLE out)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "stack_usage_check: compiling ${SOURCE} failed:\n${out}")
endif()
# g++ names the report after the object file.
if(NOT EXISTS ${WORK_DIR}/tu.su)
  message(FATAL_ERROR "stack_usage_check: no ${WORK_DIR}/tu.su (is ${CXX} a g++?)")
endif()

file(STRINGS ${WORK_DIR}/tu.su lines)
list(LENGTH lines count)
if(count EQUAL 0)
  message(FATAL_ERROR "stack_usage_check: empty stack-usage report")
endif()
set(over "")
set(largest 0)
foreach(line IN LISTS lines)
  # <file>:<line>:<column>:<function>\t<bytes>\t<static|dynamic|dynamic,bounded>
  if(NOT line MATCHES "^(.*)\t([0-9]+)\t([a-z,]+)$")
    message(FATAL_ERROR "stack_usage_check: unreadable line: ${line}")
  endif()
  set(function "${CMAKE_MATCH_1}")
  set(bytes "${CMAKE_MATCH_2}")
  set(kind "${CMAKE_MATCH_3}")
  if(bytes GREATER largest)
    set(largest ${bytes})
  endif()
  # An unbounded dynamic frame (alloca, VLA) has no budget at all.
  if(bytes GREATER LIMIT OR kind STREQUAL "dynamic")
    string(APPEND over "  ${bytes} B (${kind}) ${function}\n")
  endif()
endforeach()
if(NOT over STREQUAL "")
  message(FATAL_ERROR "stack_usage_check: frames above ${LIMIT} B in ${SOURCE}:\n${over}")
endif()
message(STATUS "stack_usage_check: ${count} functions, largest frame ${largest} B (limit ${LIMIT} B)")
