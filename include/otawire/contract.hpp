// otawire — the protocol contract's vocabulary: which way a message travels and whose it is.
//
// Every protocol folder speaks of these with the same types, so a gateway that handles several
// families writes one switch, not seven (docs/contract.md is the whole contract). Device-safe:
// no allocation, no JSON, no exceptions.
#ifndef OTAWIRE_CONTRACT_HPP
#define OTAWIRE_CONTRACT_HPP

#include <otawire/bytes.hpp>

#include <cstdint>
#include <string_view>

namespace otawire {

/// Which way a message travels. Some protocols need it to decode at all: a PCP 22 request with
/// status 00 and a 22 response with result 00 are the same bytes, told apart only by direction.
enum class direction : std::uint8_t {
  platform_to_device,  ///< downlink: the platform (or a gateway acting as one) sent it
  device_to_platform,  ///< uplink: the device sent it
};

/// The direction a reply travels in, given its request's (and vice versa).
[[nodiscard]] constexpr direction opposite(direction d) noexcept {
  return d == direction::device_to_platform ? direction::platform_to_device : direction::device_to_platform;
}

/// `"up"` (device → platform) or `"down"` (platform → device): the inspector's and the logs' words.
[[nodiscard]] constexpr std::string_view name(direction d) noexcept {
  return d == direction::device_to_platform ? "up" : "down";
}

/// A device as the wire names it: views into the topic (or the message) it was read from, each
/// empty where the protocol does not carry that part:
///
/// | family   | product          | device                                   | child                          |
/// |----------|------------------|------------------------------------------|--------------------------------|
/// | tencent  | `${productID}`   | `${deviceName}` (a sub-device: its own)  | —                              |
/// | ctwing   | —                | — (the MQTT connection is the device)    | —                              |
/// | jetlinks | `{productId}`    | `{deviceId}`, or the gateway's id        | `{childDeviceId}` (child forms) |
/// | huawei   | —                | `{device_id}` (the gateway in gateway mode) | the payload's `object_device_id` |
/// | alibaba  | `${productKey}`  | `${deviceName}` (a sub-device: its own)  | —                              |
///
/// PCP and LwM2M carry no identity: the CoAP endpoint is the device.
struct device_identity {
  std::string_view product;  ///< product the device belongs to; empty when the wire has none
  std::string_view device;   ///< the device's own name or id (the gateway's in a child form)
  std::string_view child;    ///< child device behind a gateway; empty for a direct device

  /// The device a message is about: the child when there is one, else the device.
  [[nodiscard]] constexpr std::string_view message_device() const noexcept { return child.empty() ? device : child; }

  /// Identities are equal when every part is.
  friend constexpr bool operator==(const device_identity&, const device_identity&) noexcept = default;
};

// --- the MQTT transport: what the five JSON families decode from and to ---------------------------

/// One MQTT publish as a client library or broker hook hands it over: the topic name and the
/// payload text. Views: the caller keeps both alive while a decoded envelope is in use. Every
/// MQTT JSON family decodes it with `<family>::decode(parser, publish)`; the zero-copy form for a
/// payload with simdjson's padding after it is `json::padded_publish` (otawire/json/simd.hpp).
struct mqtt_publish {
  std::string_view topic;    ///< the topic name the message was published on
  std::string_view payload;  ///< the payload, JSON text
};

namespace detail {
/// The identity an envelope reports when its family has no hook of its own: the topic's.
template <class Topic, class Message>
  requires requires(const Topic& t) { t.identity(); }
[[nodiscard]] constexpr device_identity identity_of(const Topic& t, const Message&) noexcept {
  return t.identity();
}
}  // namespace detail

/// What every MQTT JSON family's `decode(parser, publish)` returns (`<family>::envelope` is this
/// with the family's topic and message): the parsed topic, the decoded message, and from them
/// the direction and the device.
///
/// A family provides, found by argument-dependent lookup: `direction_of(const topic&)`, and
/// `identity_of(const topic&, const message&)` where the topic alone does not name the device
/// (Huawei's child is in the payload; CTWing names none).
template <class Topic, class Message>
struct mqtt_envelope {
  Topic topic;      ///< where it was published, parsed
  Message message;  ///< the decoded payload: the family's message variant

  /// Which way it travels, as the topic says.
  [[nodiscard]] constexpr direction dir() const noexcept { return direction_of(topic); }
  /// The device it is from or for.
  [[nodiscard]] constexpr device_identity identity() const noexcept {
    using detail::identity_of;
    return identity_of(topic, message);
  }
  /// Envelopes are equal when topic and message are.
  friend bool operator==(const mqtt_envelope&, const mqtt_envelope&) = default;
};

// --- the CoAP transports: what PCP and LwM2M decode from ----------------------------------------

/// One PCP frame as a gateway or device holds it: the payload of the CoAP message that carried it
/// (PCP rides in LwM2M / CoAP payloads, object 19 on Huawei's platforms) and the way that message
/// travelled, which PCP needs in order to decode at all. A view: the caller keeps the bytes alive
/// while a decoded envelope is in use. `pcp::decode(payload)` decodes it.
struct coap_payload {
  byte_view bytes;  ///< the CoAP payload: one whole PCP frame
  direction dir;    ///< which way the CoAP message travelled
};

/// What a CoAP message carrying an LwM2M payload does to the resource its path names (LwM2M's
/// operations over CoAP). The operation fixes who sent it: the server writes and executes, the
/// device answers reads and sends notifications.
enum class coap_operation : std::uint8_t {
  read_response,  ///< 2.05 Content answering a GET (Read): the resources' values; device → server
  notify,         ///< 2.05 Content of an Observe notification: device → server
  write,          ///< PUT (Write, replace): server → device
  write_partial,  ///< POST with a payload on an object or instance (Write, partial update): server → device
  execute,        ///< POST on one resource (Execute): its payload, if any, is the arguments; server → device
};

/// Which way a message doing `op` travels.
[[nodiscard]] constexpr direction direction_of(coap_operation op) noexcept {
  return op == coap_operation::read_response || op == coap_operation::notify ? direction::device_to_platform
                                                                             : direction::platform_to_device;
}

/// The operation's name, for logs and the inspector.
[[nodiscard]] constexpr std::string_view name(coap_operation op) noexcept {
  switch (op) {
    case coap_operation::read_response: return "read_response";
    case coap_operation::notify: return "notify";
    case coap_operation::write: return "write";
    case coap_operation::write_partial: return "write_partial";
    case coap_operation::execute: return "execute";
  }
  return "?";
}

/// One CoAP message of an LwM2M exchange as a CoAP stack hands it over: the operation, the
/// resource path (the Uri-Path options joined, `/5/0/1`), the Content-Format option's number (0
/// when absent) and the payload. Views, as `coap_payload`. `lwm2m::decode(exchange)` decodes it.
struct coap_exchange {
  coap_operation operation;        ///< what the message does (and so which way it travels)
  std::string_view path;           ///< `/O`, `/O/I`, `/O/I/R` or `/O/I/R/RI`
  std::uint16_t content_format{};  ///< the Content-Format option (11542 TLV, 0 text/plain, 42 opaque, …)
  byte_view payload;               ///< the payload (an Execute's arguments; may be empty)
};

}  // namespace otawire

#endif
