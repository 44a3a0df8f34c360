// The fuzz seed corpora are the spec's examples (fuzz/corpus/fuzz_alibaba_*/<example>): one byte
// for the topic kind, then the payload; fuzz_alibaba_fast's also holds the fast path's own cases
// (fast_cases.hpp). This test keeps them in step with spec_examples.hpp and fast_cases.hpp; run
// it with OTAWIRE_WRITE_CORPUS=1 to (re)write them.
#include "alibaba/fast_cases.hpp"
#include "alibaba/spec_examples.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

namespace {
using namespace otawire::test::alibaba;

std::string seed_of(const spec_example& e) { return static_cast<char>(e.kind) + std::string(e.text); }

TEST(AlibabaCorpus, SeedsAreTheSpecExamples) {
  const std::filesystem::path root = std::filesystem::path(OTAWIRE_SOURCE_DIR) / "fuzz" / "corpus";
  const bool write = std::getenv("OTAWIRE_WRITE_CORPUS") != nullptr;
  std::vector<std::pair<std::string, std::string>> seeds;
  for (const auto& e : spec_examples) seeds.emplace_back(std::string(e.name), seed_of(e));
  seeds.emplace_back("progress_old_doc_invalid", static_cast<char>(topic_kind::progress) + std::string(progress_old_doc_invalid));
  // Topic-text mode of the decode target (first byte 6): "<topic>\n<payload>", a gateway's child.
  const std::string child = "\x06/ota/device/upgrade/a1pk/child1\n" + std::string(upgrade_process_doc);
  for (const char* target : {"fuzz_alibaba_decode", "fuzz_alibaba_differential", "fuzz_alibaba_fast"}) {
    const auto dir = root / target;
    auto all = seeds;
    if (std::string(target) == "fuzz_alibaba_decode") all.emplace_back("topic_child_upgrade", child);
    if (std::string(target) == "fuzz_alibaba_fast") {
      for (const auto& e : fast_taken) all.emplace_back("taken_" + std::string(e.name), seed_of(e));
      for (const auto& e : fast_declined) all.emplace_back("declined_" + std::string(e.name), seed_of(e));
    }
    for (const auto& [name, bytes] : all) {
      const auto file = dir / name;
      if (write) {
        std::filesystem::create_directories(dir);
        std::ofstream(file, std::ios::binary) << bytes;
      }
      std::ifstream in(file, std::ios::binary);
      ASSERT_TRUE(in) << file;
      const std::string stored((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
      EXPECT_EQ(stored, bytes) << file;
    }
  }
}

}  // namespace
