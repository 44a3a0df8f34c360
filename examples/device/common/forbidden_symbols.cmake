# Fails the device image's build when it contains a symbol a firmware image must not carry
# (heap, abort, exception or RTTI machinery). Run after the link with -DELF=... -DNM=....
execute_process(COMMAND ${NM} ${ELF} OUTPUT_VARIABLE symbols COMMAND_ERROR_IS_FATAL ANY)
string(REGEX MATCHALL "[^\n]* [TtDdBbRrWwU] (malloc|free|calloc|realloc|_malloc_r|_free_r|_sbrk|abort|__cxa_[A-Za-z_]*|_ZTI[A-Za-z0-9_]*|_ZTS[A-Za-z0-9_]*|__gxx_personality_v0|_Unwind_[A-Za-z_]*|__aeabi_unwind_cpp_pr[0-9])\n"
       found "${symbols}")
if(found)
  message(FATAL_ERROR "${ELF} contains symbols a device image must not carry:\n${found}")
endif()
