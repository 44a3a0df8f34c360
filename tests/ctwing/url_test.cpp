// CTWing download URL (§B.3): builder for both delivered shapes, parser, validation, escaping.
#include <otawire/ctwing/url.hpp>

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <string>
#include <vector>

namespace {
namespace cw = otawire::ctwing;
using otawire::errc;

constexpr std::string_view doc_url =
    "https://dmfile.ctwing.cn/file/upgrade?fileId=32128a6e8c3e15aea1c7&taskId=147589&deviceId=device10001&accessToken=token";

TEST(CtwingUrl, PathShapeBuildsTheDocsAssembledUrl) {
  auto u = cw::build_download_url("https://dmfile.ctwing.cn/file/upgrade/32128a6e8c3e15aea1c7/147589", "device10001", "token");
  ASSERT_TRUE(u);
  EXPECT_EQ(*u, doc_url);
}

TEST(CtwingUrl, QueryShapeAppendsAsTheFirmwareDoes) {
  // [C2]: sprintf("%s&deviceId=%s%s&accessToken=%s", payload.url, productId, IMEI, token)
  const std::string device = std::string("15012345") + "869012345678901";  // <productId><IMEI>
  auto u = cw::build_download_url("https://dmfile.ctwing.cn/file/upgrade?fileId=32128a6e8c3e15aea1c7&taskId=147589",
                                  device, "token");
  ASSERT_TRUE(u);
  EXPECT_EQ(*u, "https://dmfile.ctwing.cn/file/upgrade?fileId=32128a6e8c3e15aea1c7&taskId=147589&deviceId=" + device +
                    "&accessToken=token");
  // A query ending in '&' or '?' gets no second separator.
  auto amp = cw::build_download_url("https://h/f?fileId=a&taskId=1&", "d", "t");
  ASSERT_TRUE(amp);
  EXPECT_EQ(*amp, "https://h/f?fileId=a&taskId=1&deviceId=d&accessToken=t");
}

TEST(CtwingUrl, ReservedBytesInAddedValuesArePercentEncoded) {
  auto u = cw::build_download_url("https://h/file/upgrade/f%2F1/7", "dev ice", "a+b/c=d&e");
  ASSERT_TRUE(u);
  EXPECT_EQ(*u, "https://h/file/upgrade?fileId=f%2F1&taskId=7&deviceId=dev%20ice&accessToken=a%2Bb%2Fc%3Dd%26e");
  auto back = cw::parse_download_url(*u);
  ASSERT_TRUE(back);
  EXPECT_EQ(back->file_id, "f/1");
  EXPECT_EQ(back->device_id, "dev ice");
  EXPECT_EQ(back->access_token, "a+b/c=d&e");
}

TEST(CtwingUrl, ParserDecodesEscapesKeepsPlusAndIgnoresOtherParameters) {
  auto u = cw::parse_download_url("HTTPS://h:8443/p?x=1&accessToken=a+b%2f&fileId=F&&deviceId=%E5%8D%87&taskId=0#frag");
  ASSERT_TRUE(u);
  EXPECT_EQ(u->base, "HTTPS://h:8443/p");
  EXPECT_EQ(u->access_token, "a+b/");
  EXPECT_EQ(u->file_id, "F");
  EXPECT_EQ(u->device_id, "升");
  EXPECT_EQ(u->task_id, 0);
}

struct url_case {
  std::string url;
  errc code;
  std::string_view where;
  std::size_t offset;
};

TEST(CtwingUrl, ParserRejectionsNameThePartAndTheByte) {
  const std::string q = "https://h/p?";
  const std::vector<url_case> cases{
      {"ftp://h/p?fileId=a&taskId=1&deviceId=d&accessToken=t", errc::invalid_value, "url.scheme", 0},
      {"dmfile.ctwing.cn/p?fileId=a", errc::invalid_value, "url.scheme", 0},
      {"https:///p?fileId=a&taskId=1&deviceId=d&accessToken=t", errc::invalid_value, "url.host", 8},
      {"https://h/p ?fileId=a&taskId=1&deviceId=d&accessToken=t", errc::bad_string, "url", 11},
      {"https://h/p?fileId=\xE5&taskId=1&deviceId=d&accessToken=t", errc::bad_string, "url", 19},
      {"https://h/file/upgrade/a/1", errc::missing_field, "url.query", 26},
      {q + "taskId=1&deviceId=d&accessToken=t", errc::missing_field, "url.fileId", 45},
      {q + "fileId=a&deviceId=d&accessToken=t", errc::missing_field, "url.taskId", 45},
      {q + "fileId=a&taskId=1&accessToken=t", errc::missing_field, "url.deviceId", 43},
      {q + "fileId=a&taskId=1&deviceId=d", errc::missing_field, "url.accessToken", 40},
      {q + "fileId=a&fileId=b&taskId=1&deviceId=d&accessToken=t", errc::duplicate, "url.fileId", 21},
      {q + "fileId=&taskId=1&deviceId=d&accessToken=t", errc::invalid_value, "url.fileId", 19},
      {q + "fileId&taskId=1&deviceId=d&accessToken=t", errc::invalid_value, "url.fileId", 18},
      {q + "fileId=a&taskId=x1&deviceId=d&accessToken=t", errc::invalid_value, "url.taskId", 28},
      {q + "fileId=a&taskId=-1&deviceId=d&accessToken=t", errc::invalid_value, "url.taskId", 28},
      {q + "fileId=a&taskId=2147483648&deviceId=d&accessToken=t", errc::out_of_range, "url.taskId", 28},
      {q + "fileId=a&taskId=1&deviceId=d%2&accessToken=t", errc::bad_string, "url.deviceId", 40},
      {q + "fileId=a&taskId=1&deviceId=d&accessToken=%zz", errc::bad_string, "url.accessToken", 53},
  };
  for (const auto& c : cases) {
    auto r = cw::parse_download_url(c.url);
    ASSERT_FALSE(r) << c.url;
    EXPECT_EQ(r.error().code(), c.code) << c.url << " got " << otawire::name(r.error().code());
    EXPECT_EQ(r.error().where(), c.where) << c.url;
    EXPECT_EQ(r.error().offset(), c.offset) << c.url;
  }
}

TEST(CtwingUrl, BuilderRejections) {
  struct build_case {
    std::string_view payload_url, device, token;
    errc code;
    std::string_view where;
  };
  const std::vector<build_case> cases{
      {"https://h/file/upgrade/a/1", "", "t", errc::invalid_value, "url.deviceId"},
      {"https://h/file/upgrade/a/1", "d", "", errc::invalid_value, "url.accessToken"},
      {"https://h/1", "d", "t", errc::invalid_value, "url.path"},        // one segment
      {"https://h", "d", "t", errc::invalid_value, "url.path"},          // none
      {"https://h/file//1", "d", "t", errc::invalid_value, "url.fileId"},
      {"https://h/file/a/", "d", "t", errc::invalid_value, "url.taskId"},
      {"https://h/file/a/b7", "d", "t", errc::invalid_value, "url.taskId"},
      {"https://h/file/a%zz/7", "d", "t", errc::bad_string, "url.fileId"},
      {"https://h/f?fileId=a", "d", "t", errc::missing_field, "url.taskId"},
      {"https://h/f?fileId=a&taskId=1&deviceId=x", "d", "t", errc::duplicate, "url.deviceId"},
      {"mqtt://h/file/a/1", "d", "t", errc::invalid_value, "url.scheme"},
  };
  for (const auto& c : cases) {
    auto r = cw::build_download_url(c.payload_url, c.device, c.token);
    ASSERT_FALSE(r) << c.payload_url;
    EXPECT_EQ(r.error().code(), c.code) << c.payload_url << " got " << otawire::name(r.error().code());
    EXPECT_EQ(r.error().where(), c.where) << c.payload_url;
  }
}

TEST(CtwingUrl, FormatterRejectsABaseWithAQueryOrFragment) {
  cw::download_url d{"https://h/p?x=1", "f", 1, "d", "t"};
  auto r = cw::format_download_url(d);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().where(), "url.base");
  d.base = "https://h/p#x";
  EXPECT_FALSE(cw::format_download_url(d));
  d.base = "https://h/p";
  d.task_id = -1;
  EXPECT_FALSE(cw::format_download_url(d));
}

RC_GTEST_PROP(CtwingUrl, FormatThenParseIsIdentity, ()) {
  const auto value = rc::gen::nonEmpty(rc::gen::string<std::string>());
  cw::download_url d;
  d.base = *rc::gen::element<std::string>("https://dmfile.ctwing.cn/file/upgrade", "http://10.0.0.1:8080", "HTTPS://h/a/b");
  d.file_id = *value;
  d.task_id = *rc::gen::inRange<std::int64_t>(0, cw::max_task_id + 1);
  d.device_id = *value;
  d.access_token = *value;
  auto text = cw::format_download_url(d);
  RC_ASSERT(text.has_value());
  auto back = cw::parse_download_url(*text);
  RC_ASSERT(back.has_value());
  RC_ASSERT(*back == d);
}

RC_GTEST_PROP(CtwingUrl, BuildFromEitherShapeGivesTheSameParameters, ()) {
  const auto file_id = *rc::gen::nonEmpty(rc::gen::string<std::string>());
  const auto task_id = *rc::gen::inRange<std::int64_t>(0, cw::max_task_id + 1);
  const auto device = *rc::gen::nonEmpty(rc::gen::string<std::string>());
  const auto token = *rc::gen::nonEmpty(rc::gen::string<std::string>());
  std::string encoded_file;
  cw::detail::percent_encode(file_id, encoded_file);
  const std::string base = "https://dmfile.ctwing.cn/file/upgrade";
  auto from_path = cw::build_download_url(base + "/" + encoded_file + "/" + std::to_string(task_id), device, token);
  auto from_query =
      cw::build_download_url(base + "?fileId=" + encoded_file + "&taskId=" + std::to_string(task_id), device, token);
  RC_ASSERT(from_path.has_value());
  RC_ASSERT(from_query.has_value());
  RC_ASSERT(*from_path == *from_query);
  auto parsed = cw::parse_download_url(*from_path);
  RC_ASSERT(parsed.has_value());
  RC_ASSERT(parsed->file_id == file_id);
  RC_ASSERT(parsed->task_id == task_id);
  RC_ASSERT(parsed->device_id == device);
  RC_ASSERT(parsed->access_token == token);
}

RC_GTEST_PROP(CtwingUrl, ParserNeverFailsOnArbitraryBytesWithoutAnError, (const std::string& junk)) {
  auto r = cw::parse_download_url("https://h/p?" + junk);
  if (!r) RC_ASSERT(!r.error().where().empty());
  auto b = cw::build_download_url("https://h/p/" + junk, "d", "t");
  if (b) RC_ASSERT(cw::parse_download_url(*b).has_value());
}

}  // namespace
