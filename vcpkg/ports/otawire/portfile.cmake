# Overlay port: vcpkg install otawire --overlay-ports=<otawire>/vcpkg/ports
# Builds from the checkout the overlay lives in (header-only: only the install step matters).
set(SOURCE_PATH "${CMAKE_CURRENT_LIST_DIR}/../../..")

vcpkg_cmake_configure(
  SOURCE_PATH "${SOURCE_PATH}"
  OPTIONS
    -DOTAWIRE_BUILD_TESTS=OFF
    -DOTAWIRE_BUILD_FUZZERS=OFF
    -DOTAWIRE_BUILD_BENCHMARKS=OFF
    -DOTAWIRE_BUILD_EXAMPLES=OFF
)
vcpkg_cmake_install()
vcpkg_cmake_config_fixup(CONFIG_PATH lib/cmake/otawire)
file(REMOVE_RECURSE "${CURRENT_PACKAGES_DIR}/debug" "${CURRENT_PACKAGES_DIR}/lib")
vcpkg_install_copyright(FILE_LIST "${SOURCE_PATH}/LICENSE")
