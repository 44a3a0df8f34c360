// A Wakaama-shaped LwM2M TLV data model, the baseline bench_lwm2m measures otawire against.
//
// Written here from how Eclipse Wakaama's data model behaves (include/liblwm2m.h `lwm2m_data_t`,
// data/tlv.c `tlv_parse`/`tlv_serialize`, data/data.c `lwm2m_data_new`/`_free`/`_encode_*`/
// `_decode_*`), not from its code, so that the baseline costs what Wakaama's costs:
//   * a node is 24 bytes on 64-bit (a C enum type, a 16-bit ID, a 16-byte value union whose
//     buffer and children members are {length/count, pointer});
//   * decoding allocates the value buffer of every leaf (malloc + copy; none for an empty one);
//   * a sibling array grows by one element per entry: a new zeroed array, the old one copied into
//     it and freed (so a level of n entries costs O(n^2));
//   * checks are Wakaama's: truncation only. As in Wakaama, a trailing entry that does not fit is
//     dropped without an error and an empty Object Instance or Multiple Resource fails the parse;
//     values are typed only when read (`decode_int` accepts 1, 2, 4 or 8 bytes);
//   * serializing computes the whole size, allocates the output, and writes; each container's
//     content is serialized into its own allocated buffer first and copied into its parent.
#ifndef OTAWIRE_BENCH_LWM2M_WAKAAMA_SHAPED_HPP
#define OTAWIRE_BENCH_LWM2M_WAKAAMA_SHAPED_HPP

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>

namespace otawire_bench::wakaama_shaped {

// A C enum: int-sized, as in the C library.
enum class data_type : int {
  undefined = 0,
  object,
  object_instance,
  multiple_resource,
  string,
  opaque,
  integer,
  unsigned_integer,
  floating,
  boolean,
  object_link,
  core_link,
};

struct data;
struct buffer_value {
  std::size_t length;
  std::uint8_t* buffer;  // malloc'd copy, or null when empty
};
struct children_value {
  std::size_t count;
  data* array;  // malloc'd array of `count`
};
struct objlnk_value {
  std::uint16_t object_id;
  std::uint16_t instance_id;
};
union value_union {
  bool as_boolean;
  std::int64_t as_integer;
  std::uint64_t as_unsigned;
  double as_float;
  buffer_value as_buffer;
  children_value as_children;
  objlnk_value as_objlnk;
};
struct data {
  data_type type;
  std::uint16_t id;
  value_union value;
};
static_assert(sizeof(void*) != 8 || sizeof(data) == 24, "Wakaama's node is 24 bytes on 64-bit");

// ---- the data model ---------------------------------------------------------------------------

// An array of `size` zeroed nodes (null for 0).
inline data* data_new(std::size_t size) {
  if (size == 0) return nullptr;
  auto* nodes = static_cast<data*>(std::malloc(size * sizeof(data)));
  if (nodes != nullptr) std::memset(nodes, 0, size * sizeof(data));
  return nodes;
}

inline void data_free(std::size_t size, data* nodes) {
  if (size == 0 || nodes == nullptr) return;
  for (std::size_t i = 0; i < size; ++i) {
    switch (nodes[i].type) {
      case data_type::object:
      case data_type::object_instance:
      case data_type::multiple_resource:
        data_free(nodes[i].value.as_children.count, nodes[i].value.as_children.array);
        break;
      case data_type::string:
      case data_type::opaque:
      case data_type::core_link:
        std::free(nodes[i].value.as_buffer.buffer);
        break;
      default:
        break;
    }
  }
  std::free(nodes);
}

// A leaf's value: its own allocated copy (none for an empty value).
inline void encode_opaque(const std::uint8_t* bytes, std::size_t length, data* node) {
  node->value.as_buffer = {0, nullptr};
  if (length > 0) {
    auto* copy = static_cast<std::uint8_t*>(std::malloc(length));
    if (copy == nullptr) {
      node->type = data_type::undefined;
      return;
    }
    std::memcpy(copy, bytes, length);
    node->value.as_buffer = {length, copy};
  }
  node->type = data_type::opaque;
}

inline void encode_nstring(const char* text, std::size_t length, data* node) {
  encode_opaque(reinterpret_cast<const std::uint8_t*>(text), length, node);
  if (node->type == data_type::opaque) node->type = data_type::string;
}

inline void encode_int(std::int64_t v, data* node) {
  node->type = data_type::integer;
  node->value.as_integer = v;
}

inline void encode_uint(std::uint64_t v, data* node) {
  node->type = data_type::unsigned_integer;
  node->value.as_unsigned = v;
}

inline void encode_bool(bool v, data* node) {
  node->type = data_type::boolean;
  node->value.as_boolean = v;
}

// Makes `node` a Multiple Resource / Object Instance that owns `children`.
inline void encode_instances(data* children, std::size_t count, data* node) {
  node->type = data_type::multiple_resource;
  node->value.as_children = {count, children};
}
inline void encode_object_instance(data* children, std::size_t count, data* node) {
  node->type = data_type::object_instance;
  node->value.as_children = {count, children};
}

// Value bytes as a big-endian number (the library swaps bytes into the host's integer).
inline std::uint64_t load_be(const std::uint8_t* bytes, std::size_t n) {
  std::uint64_t x = 0;
  for (std::size_t i = 0; i < n; ++i) x = x << 8 | bytes[i];
  return x;
}

// Integer read from a parsed (opaque) value: 1, 2, 4 or 8 bytes, sign-extended.
inline bool decode_int(const data& node, std::int64_t& out) {
  if (node.type == data_type::integer) {
    out = node.value.as_integer;
    return true;
  }
  if (node.type != data_type::opaque) return false;
  const auto& b = node.value.as_buffer;
  switch (b.length) {
    case 1:
      out = static_cast<std::int8_t>(b.buffer[0]);
      return true;
    case 2:
      out = static_cast<std::int16_t>(load_be(b.buffer, 2));
      return true;
    case 4:
      out = static_cast<std::int32_t>(load_be(b.buffer, 4));
      return true;
    case 8:
      out = static_cast<std::int64_t>(load_be(b.buffer, 8));
      return true;
    default:
      return false;
  }
}

inline bool decode_uint(const data& node, std::uint64_t& out) {
  if (node.type == data_type::unsigned_integer) {
    out = node.value.as_unsigned;
    return true;
  }
  if (node.type != data_type::opaque) return false;
  const auto& b = node.value.as_buffer;
  if (b.length != 1 && b.length != 2 && b.length != 4 && b.length != 8) return false;
  out = load_be(b.buffer, b.length);
  return true;
}

inline bool decode_bool(const data& node, bool& out) {
  if (node.type == data_type::boolean) {
    out = node.value.as_boolean;
    return true;
  }
  if (node.type != data_type::opaque || node.value.as_buffer.length != 1) return false;
  if (node.value.as_buffer.buffer[0] > 1) return false;
  out = node.value.as_buffer.buffer[0] == 1;
  return true;
}

// ---- TLV decode ---------------------------------------------------------------------------------

// One entry's header at `bytes`: 0 when the header or its value does not fit in `size`, else the
// entry's whole size; `value_index` and `value_length` locate its value.
inline std::size_t decode_entry(const std::uint8_t* bytes, std::size_t size, data_type& type, std::uint16_t& id,
                                std::size_t& value_index, std::size_t& value_length) {
  if (size < 2) return 0;
  value_index = 2;
  switch (bytes[0] & 0xC0) {
    case 0x00:
      type = data_type::object_instance;
      break;
    case 0x80:
      type = data_type::multiple_resource;
      break;
    default:  // Resource and Resource Instance alike: an untyped value
      type = data_type::opaque;
      break;
  }
  if (bytes[0] & 0x20) {
    if (size < 3) return 0;
    value_index = 3;
    id = static_cast<std::uint16_t>(bytes[1] << 8 | bytes[2]);
  } else {
    id = bytes[1];
  }
  const std::size_t length_size = (bytes[0] >> 3) & 3;
  if (length_size == 0) {
    value_length = bytes[0] & 7;
  } else {
    if (size < value_index + length_size) return 0;
    value_length = static_cast<std::size_t>(load_be(bytes + value_index, length_size));
    value_index += length_size;
  }
  if (value_index + value_length > size) return 0;
  return value_index + value_length;
}

// Parses a TLV sequence into a new array in `*out`; returns how many entries (0 on failure or
// for an empty input, as the library does).
inline std::size_t parse(const std::uint8_t* bytes, std::size_t size, data** out) {
  *out = nullptr;
  std::size_t count = 0;
  std::size_t index = 0;
  data_type type{};
  std::uint16_t id = 0;
  std::size_t value_index = 0;
  std::size_t value_length = 0;
  while (const std::size_t entry = decode_entry(bytes + index, size - index, type, id, value_index, value_length)) {
    data* grown = data_new(count + 1);
    if (grown == nullptr) {
      data_free(count, *out);
      *out = nullptr;
      return 0;
    }
    if (count > 0) {
      std::memcpy(static_cast<void*>(grown), *out, count * sizeof(data));
      std::free(*out);
    }
    *out = grown;
    data& node = grown[count];
    node.type = type;
    node.id = id;
    if (type == data_type::object_instance || type == data_type::multiple_resource) {
      node.value.as_children.count = parse(bytes + index + value_index, value_length, &node.value.as_children.array);
      if (node.value.as_children.count == 0) {
        data_free(count + 1, *out);
        *out = nullptr;
        return 0;
      }
    } else {
      encode_opaque(bytes + index + value_index, value_length, &node);
    }
    ++count;
    index += entry;
  }
  return count;
}

// ---- TLV encode ---------------------------------------------------------------------------------

inline std::size_t header_length(std::uint16_t id, std::size_t length) {
  std::size_t n = id > 0xFF ? 3 : 2;
  if (length > 0xFFFF) {
    n += 3;
  } else if (length > 0xFF) {
    n += 2;
  } else if (length > 7) {
    n += 1;
  }
  return n;
}

// Minimal signed / unsigned widths (1, 2, 4, 8), written big-endian into `out`.
inline std::size_t put_int(std::int64_t v, std::uint8_t* out) {
  const std::size_t n = v >= INT8_MIN && v <= INT8_MAX     ? 1
                        : v >= INT16_MIN && v <= INT16_MAX ? 2
                        : v >= INT32_MIN && v <= INT32_MAX ? 4
                                                           : 8;
  const auto raw = static_cast<std::uint64_t>(v);
  for (std::size_t i = 0; i < n; ++i) out[i] = static_cast<std::uint8_t>(raw >> (8 * (n - 1 - i)));
  return n;
}
inline std::size_t put_uint(std::uint64_t v, std::uint8_t* out) {
  const std::size_t n = v <= UINT8_MAX ? 1 : v <= UINT16_MAX ? 2 : v <= UINT32_MAX ? 4 : 8;
  for (std::size_t i = 0; i < n; ++i) out[i] = static_cast<std::uint8_t>(v >> (8 * (n - 1 - i)));
  return n;
}

// Bytes `nodes` serialize to, or -1 for a type this model does not write (floats are left out:
// no benchmark message has one).
inline long serialized_length(std::size_t size, const data* nodes) {
  long length = 0;
  std::uint8_t scratch[8];
  for (std::size_t i = 0; i < size; ++i) {
    const data& n = nodes[i];
    std::size_t value_length = 0;
    switch (n.type) {
      case data_type::object_instance:
      case data_type::multiple_resource: {
        const long content = serialized_length(n.value.as_children.count, n.value.as_children.array);
        if (content < 0) return -1;
        value_length = static_cast<std::size_t>(content);
        break;
      }
      case data_type::string:
      case data_type::opaque:
      case data_type::core_link:
        value_length = n.value.as_buffer.length;
        break;
      case data_type::integer:
        value_length = put_int(n.value.as_integer, scratch);
        break;
      case data_type::unsigned_integer:
        value_length = put_uint(n.value.as_unsigned, scratch);
        break;
      case data_type::boolean:
        value_length = 1;
        break;
      case data_type::object_link:
        value_length = 4;
        break;
      default:
        return -1;
    }
    length += static_cast<long>(header_length(n.id, value_length) + value_length);
  }
  return length;
}

inline std::size_t put_header(std::uint8_t* out, bool as_resource_instance, data_type type, std::uint16_t id,
                              std::size_t length) {
  std::uint8_t kind = 0xC0;
  if (as_resource_instance) {
    kind = 0x40;
  } else if (type == data_type::object_instance) {
    kind = 0x00;
  } else if (type == data_type::multiple_resource) {
    kind = 0x80;
  }
  out[0] = kind;
  std::size_t at = 2;
  if (id > 0xFF) {
    out[0] |= 0x20;
    out[1] = static_cast<std::uint8_t>(id >> 8);
    out[2] = static_cast<std::uint8_t>(id);
    at = 3;
  } else {
    out[1] = static_cast<std::uint8_t>(id);
  }
  std::size_t length_size = 0;
  if (length <= 7) {
    out[0] = static_cast<std::uint8_t>(out[0] + length);
  } else if (length <= 0xFF) {
    out[0] |= 0x08;
    length_size = 1;
  } else if (length <= 0xFFFF) {
    out[0] |= 0x10;
    length_size = 2;
  } else {
    out[0] |= 0x18;
    length_size = 3;
  }
  for (std::size_t i = 0; i < length_size; ++i) {
    out[at + i] = static_cast<std::uint8_t>(length >> (8 * (length_size - 1 - i)));
  }
  return at + length_size;
}

// Serializes `nodes` into a new buffer in `*out` (the caller frees it); returns its size, or -1.
inline long serialize(bool as_resource_instances, std::size_t size, const data* nodes, std::uint8_t** out) {
  *out = nullptr;
  const long length = serialized_length(size, nodes);
  if (length <= 0) return length;
  auto* buffer = static_cast<std::uint8_t*>(std::malloc(static_cast<std::size_t>(length)));
  if (buffer == nullptr) return 0;
  std::size_t index = 0;
  for (std::size_t i = 0; i < size; ++i) {
    const data& n = nodes[i];
    switch (n.type) {
      case data_type::object_instance:
      case data_type::multiple_resource: {
        std::uint8_t* content = nullptr;
        const long content_length = serialize(n.type == data_type::multiple_resource, n.value.as_children.count,
                                              n.value.as_children.array, &content);
        if (content_length < 0) {
          std::free(buffer);
          return -1;
        }
        index += put_header(buffer + index, false, n.type, n.id, static_cast<std::size_t>(content_length));
        if (content_length > 0) {
          std::memcpy(buffer + index, content, static_cast<std::size_t>(content_length));
          index += static_cast<std::size_t>(content_length);
          std::free(content);
        }
        break;
      }
      case data_type::string:
      case data_type::opaque:
      case data_type::core_link:
        index += put_header(buffer + index, as_resource_instances, n.type, n.id, n.value.as_buffer.length);
        if (n.value.as_buffer.length > 0) std::memcpy(buffer + index, n.value.as_buffer.buffer, n.value.as_buffer.length);
        index += n.value.as_buffer.length;
        break;
      case data_type::integer:
      case data_type::unsigned_integer: {
        std::uint8_t value[8];
        const std::size_t value_length = n.type == data_type::integer ? put_int(n.value.as_integer, value)
                                                                      : put_uint(n.value.as_unsigned, value);
        index += put_header(buffer + index, as_resource_instances, n.type, n.id, value_length);
        std::memcpy(buffer + index, value, value_length);
        index += value_length;
        break;
      }
      case data_type::boolean:
        index += put_header(buffer + index, as_resource_instances, n.type, n.id, 1);
        buffer[index++] = n.value.as_boolean ? 1 : 0;
        break;
      case data_type::object_link: {
        index += put_header(buffer + index, as_resource_instances, n.type, n.id, 4);
        const std::uint32_t link = static_cast<std::uint32_t>(n.value.as_objlnk.object_id) << 16 |
                                   n.value.as_objlnk.instance_id;
        for (std::size_t k = 0; k < 4; ++k) buffer[index++] = static_cast<std::uint8_t>(link >> (24 - 8 * k));
        break;
      }
      default:
        std::free(buffer);
        return -1;
    }
  }
  *out = buffer;
  return length;
}

}  // namespace otawire_bench::wakaama_shaped

#endif
