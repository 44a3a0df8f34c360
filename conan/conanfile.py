from conan import ConanFile
from conan.tools.layout import basic_layout
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
    no_copy_source = True

    def export_sources(self):
        # The recipe lives in conan/; the headers one folder up.
        root = os.path.join(self.recipe_folder, "..")
        copy(self, "*.hpp", os.path.join(root, "include"), os.path.join(self.export_sources_folder, "include"))
        copy(self, "LICENSE", root, self.export_sources_folder)

    def requirements(self):
        # otawire::otawire needs only the C++20 standard library; otawire::json adds these two.
        self.requires("boost/[>=1.81 <2]")
        self.requires("simdjson/[>=3.0 <4]")

    def layout(self):
        basic_layout(self, src_folder=".")

    def package_id(self):
        self.info.clear()

    def package(self):
        copy(self, "*.hpp", os.path.join(self.source_folder, "include"),
             os.path.join(self.package_folder, "include"))
        copy(self, "LICENSE", self.source_folder, os.path.join(self.package_folder, "licenses"))

    def package_info(self):
        self.cpp_info.set_property("cmake_file_name", "otawire")
        self.cpp_info.bindirs = []
        self.cpp_info.libdirs = []
        core = self.cpp_info.components["core"]
        core.set_property("cmake_target_name", "otawire::otawire")
        js = self.cpp_info.components["json"]
        js.set_property("cmake_target_name", "otawire::json")
        js.requires = ["core", "boost::json", "simdjson::simdjson"]
