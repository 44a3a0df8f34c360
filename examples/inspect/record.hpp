// otawire-inspect: the record of one captured message line, and the protocol plug-in interface.
#ifndef OTAWIRE_INSPECT_RECORD_HPP
#define OTAWIRE_INSPECT_RECORD_HPP

#include <otawire/error.hpp>

#include <boost/json.hpp>

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace otawire::inspect {

/// What the inspector reports for one message line.
struct record {
  std::size_t line = 0;
  std::string protocol;
  std::string type;            // message type, e.g. "query_version_response"
  boost::json::object fields;  // decoded fields, snake_case as in the protocol
  // Decode failure: code (errc name or an inspector code), offset and where.
  std::optional<std::string> error_code;
  std::optional<std::size_t> error_offset;
  std::string error_where;
  // The session validator's state after this message, and its rejection if any.
  std::string session_state;
  std::optional<otawire::error> session_error;

  [[nodiscard]] bool ok() const noexcept { return !error_code && !session_error; }
  void set_error(const otawire::error& e);
  void set_error(std::string code, std::string where, std::optional<std::size_t> offset = {});
  [[nodiscard]] boost::json::object to_json() const;
};

/// One device's session of one protocol: decodes each line and feeds the validator.
class protocol_session {
 public:
  virtual ~protocol_session() = default;
  /// `rest` is the line after the protocol word, with surrounding spaces removed.
  virtual void inspect(std::string_view rest, record& out) = 0;
};

// One factory per protocol (inspect/<protocol>.cpp).
std::unique_ptr<protocol_session> make_pcp_session();
std::unique_ptr<protocol_session> make_lwm2m_session();
std::unique_ptr<protocol_session> make_tencent_session();
std::unique_ptr<protocol_session> make_ctwing_session();
std::unique_ptr<protocol_session> make_jetlinks_session();
std::unique_ptr<protocol_session> make_huawei_session();
std::unique_ptr<protocol_session> make_alibaba_session();

/// Splits "word rest" at the first run of spaces or tabs.
std::pair<std::string_view, std::string_view> split_word(std::string_view s);
std::string_view trim(std::string_view s);

}  // namespace otawire::inspect

#endif
