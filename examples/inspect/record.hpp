// otawire-inspect: the record of one captured message line, and the protocol plug-in interface.
#ifndef OTAWIRE_INSPECT_RECORD_HPP
#define OTAWIRE_INSPECT_RECORD_HPP

#include <otawire/error.hpp>

#include <boost/json.hpp>

#include <chrono>
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
  // When the line was captured (its optional leading timestamp), in ms since the Unix epoch or
  // since the capture's start (`@<seconds>`).
  std::optional<std::chrono::milliseconds> time;
  // Decode failure: code (errc name or an inspector code), offset and where. The offset counts
  // bytes of the decoded payload, or characters of the line's text where `offset_unit` says so
  // (a hex digit that is not hex has no byte offset yet).
  std::optional<std::string> error_code;
  std::optional<std::size_t> error_offset;
  std::string offset_unit = "byte";
  std::string error_where;
  // The session validator's state after this message, for the device the message concerns
  // (`session_device`: as the topic or payload names it; empty where the transport connection is
  // the device, as for PCP, LwM2M and CTWing), and its rejection if any.
  std::string session_device;
  std::string session_state;
  std::optional<otawire::error> session_error;

  [[nodiscard]] bool ok() const noexcept { return !error_code && !session_error; }
  void set_error(const otawire::error& e);
  void set_error(std::string code, std::string where, std::optional<std::size_t> offset = {});
  /// A hex payload that did not decode: the offset is a character of the hex text, not a byte.
  void set_text_error(const otawire::error& e);
  [[nodiscard]] boost::json::object to_json() const;
};

/// One capture file's sessions of one protocol: decodes each line and feeds the validator of the
/// device the line concerns (one validator per device the topic or payload names).
class protocol_session {
 public:
  virtual ~protocol_session() = default;
  /// `rest` is the line after the protocol word, with surrounding spaces removed; `out.time` is
  /// set when the line carried a timestamp.
  virtual void inspect(std::string_view rest, record& out) = 0;
  /// A per-file directive, `# <protocol> <name> <value>`. Returns an error text when the
  /// protocol does not know `name` or `value`, nothing when the directive took effect.
  virtual std::optional<std::string> directive(std::string_view name, std::string_view /*value*/) {
    return "unknown directive '" + std::string(name) + "'";
  }
};

/// A line's optional leading timestamp: `@<seconds>[.<fraction>]` (since the capture started) or
/// an ISO 8601 UTC time `YYYY-MM-DDTHH:MM:SS[.fraction]Z`. Returns the time and the rest of the
/// line, nothing when the line does not start with a timestamp, or an error text when it starts
/// like one but is not.
struct timestamp_parse {
  std::optional<std::chrono::milliseconds> time;
  std::string_view rest;
  std::optional<std::string> error;
};
timestamp_parse parse_timestamp(std::string_view line);

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
