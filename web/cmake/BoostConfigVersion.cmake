# The Boost the host has (the `wasm` preset's stand-in package, BoostConfig.cmake).
set(PACKAGE_VERSION 1.81.0)
set(PACKAGE_VERSION_COMPATIBLE TRUE)
if(PACKAGE_FIND_VERSION VERSION_GREATER PACKAGE_VERSION)
  set(PACKAGE_VERSION_COMPATIBLE FALSE)
endif()
