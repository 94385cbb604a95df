package dev.gradex.kfp.rest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Reading helpers for API responses (absent fields are null, as proto3 JSON omits defaults). */
final class Json {
  private Json() {}

  static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  static <T> List<T> list(JsonNode n, String field, Function<JsonNode, T> from) {
    List<T> out = new ArrayList<>();
    n.path(field).forEach(e -> out.add(from.apply(e)));
    return out;
  }
}
