// A realistic mixed stream of CTWing FOTA messages (for the allocation test and the benchmark):
// devices that report their version, receive an upgrade, report progress in steps (some fail)
// and report the new version. Mostly the compact form the device SDK sends; some messages as a
// person or another SDK would write them (spaces, other key order, the step as a string).
#ifndef OTAWIRE_TESTS_CTWING_STREAM_HPP
#define OTAWIRE_TESTS_CTWING_STREAM_HPP

#include <otawire/ctwing/topic.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace otawire::test::ctwing {

struct stream_message {
  otawire::ctwing::topic topic;
  std::string text;
};

inline std::vector<stream_message> mixed_stream(int devices = 40) {
  using otawire::ctwing::topic;
  std::vector<stream_message> out;
  std::uint32_t seed = 12345;
  const auto next = [&seed] {
    seed = seed * 1103515245u + 12345u;
    return (seed >> 16) & 0x7FFF;
  };
  for (int d = 0; d < devices; ++d) {
    const int task = 147000 + d;
    const std::string from = "1.0." + std::to_string(d % 7);
    const std::string to = "2.0." + std::to_string(d % 5);
    const bool spaced = d % 5 == 0;
    out.push_back({topic::inform, spaced ? R"({ "taskId": -1, "params": { "version": ")" + from + R"(", "module": "MCU" } })"
                                         : R"({"taskId":-1,"params":{"version":")" + from + R"(","module":"MCU"}})"});
    out.push_back({topic::upgrade, R"({"taskId":)" + std::to_string(task) +
                                       R"(,"payload":{"size":)" + std::to_string(200000 + 977 * d) + R"(,"version":")" +
                                       to + R"(","url":"https://dmfile.ctwing.cn/file/upgrade/32128a6e8c3e15aea1c7/)" +
                                       std::to_string(task) +
                                       R"(","md5":"93230c3bde425a9d7984a594ac55ea1e","token":"a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6","module":"MCU"}})"});
    int step = 0;
    const bool fails = d % 6 == 5;
    while (step < 100) {
      step += 5 + static_cast<int>(next() % 11);
      if (step > 100) step = 100;
      if (fails && step > 60) {
        out.push_back({topic::progress, R"({"taskId":)" + std::to_string(task) +
                                            R"(,"params":{"step":-3,"module":"MCU","desc":"固件校验失败: md5 mismatch"}})"});
        break;
      }
      // (Built by appending: g++ 12 -O3 warns falsely (-Wrestrict) on `"\"" + std::string`.)
      std::string step_text = std::to_string(step);
      if (d % 4 == 3) {
        step_text.insert(step_text.begin(), '"');
        step_text.push_back('"');
      }
      if (d % 3 == 2) {
        out.push_back({topic::progress, R"({"params":{"desc":"downloading","step":)" + step_text +
                                            R"(,"module":"MCU"},"taskId":)" + std::to_string(task) + "}"});
      } else {
        out.push_back({topic::progress, R"({"taskId":)" + std::to_string(task) + R"(,"params":{"step":)" + step_text +
                                            R"(,"module":"MCU","desc":"正在下载固件"}})"});
      }
    }
    if (!fails) {
      out.push_back({topic::inform, R"({"taskId":)" + std::to_string(task) + R"(,"params":{"version":")" + to +
                                        R"(","module":"MCU"}})"});
    }
  }
  return out;
}

}  // namespace otawire::test::ctwing

#endif
