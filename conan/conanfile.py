from conan import ConanFile
from conan.tools.cmake import CMake, CMakeToolchain, cmake_layout
from conan.tools.files import copy
import os


class OtawireConan(ConanFile):
    name = "otawire"
    version = "0.1.0"
    description = "Typed codecs and session validators for IoT OTA upgrade wire formats"
    license = "BSL-1.0"
    topics = ("iot", "ota", "lwm2m", "codec", "header-only")
    package_type = "header-library"
    settings = "os", "arch", "compiler", "build_type"
    exports_sources = "../include/*", "../CMakeLists.txt", "../cmake/*"
    no_copy_source = True

    def requirements(self):
        # otawire::otawire needs only Boost.Endian (header-only); otawire::json adds these two.
        self.requires("boost/[>=1.81 <2]")
        self.requires("simdjson/[>=3.0 <4]")

    def layout(self):
        cmake_layout(self)

    def package_id(self):
        self.info.clear()

    def package(self):
        copy(self, "*.hpp", os.path.join(self.source_folder, "include"),
             os.path.join(self.package_folder, "include"))

    def package_info(self):
        self.cpp_info.set_property("cmake_file_name", "otawire")
        self.cpp_info.bindirs = []
        self.cpp_info.libdirs = []
        core = self.cpp_info.components["core"]
        core.set_property("cmake_target_name", "otawire::otawire")
        core.requires = ["boost::headers"]
        js = self.cpp_info.components["json"]
        js.set_property("cmake_target_name", "otawire::json")
        js.requires = ["core", "boost::json", "simdjson::simdjson"]
