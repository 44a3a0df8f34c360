# Cortex-M3 bare-metal cross build with Debian's gcc-arm-none-eabi + libstdc++-arm-none-eabi-newlib.
# Used by examples/device (scripts/device-size.sh): the flags a firmware project builds with, so the
# sizes we report are the sizes a device team would see.
set(CMAKE_SYSTEM_NAME Generic)
set(CMAKE_SYSTEM_PROCESSOR arm)
set(CMAKE_C_COMPILER arm-none-eabi-gcc)
set(CMAKE_CXX_COMPILER arm-none-eabi-g++)
set(CMAKE_ASM_COMPILER arm-none-eabi-gcc)
# No host executable can be linked without a startup file: probe with a static library instead.
set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)

set(otawire_arm_flags "-mcpu=cortex-m3 -mthumb -ffunction-sections -fdata-sections")
set(CMAKE_C_FLAGS_INIT "${otawire_arm_flags}")
set(CMAKE_CXX_FLAGS_INIT "${otawire_arm_flags} -fno-exceptions -fno-rtti -fno-threadsafe-statics -fno-use-cxa-atexit")
set(CMAKE_CXX_FLAGS_MINSIZEREL_INIT "-Os -DNDEBUG")
set(CMAKE_EXE_LINKER_FLAGS_INIT "-nostartfiles --specs=nano.specs -Wl,--gc-sections")

set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
