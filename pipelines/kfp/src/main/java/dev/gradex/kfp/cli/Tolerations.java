package dev.gradex.kfp.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.gradex.core.Json;
import dev.gradex.kfp.dsl.KubernetesSettings.Toleration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Pod-spec tolerations given as JSON ({@code [{"key": ..., "operator": ..., "value": ..., "effect":
 * ...}]}, what Helm's {@code toJson} renders from a values list). As in Kubernetes, the operator
 * defaults to {@code Equal}. KFP's platform spec has no {@code tolerationSeconds} here, so it is
 * refused rather than dropped.
 */
final class Tolerations {
  private static final Set<String> FIELDS = Set.of("key", "operator", "value", "effect");

  private Tolerations() {}

  static List<Toleration> parse(String json) {
    List<Toleration> out = new ArrayList<>();
    if (json == null || json.isBlank() || json.strip().equals("null")) {
      return out;
    }
    JsonNode list;
    try {
      list = Json.JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "--gpu-tolerations is not JSON: " + e.getOriginalMessage());
    }
    if (!list.isArray()) {
      throw new IllegalArgumentException("--gpu-tolerations must be a JSON list, got " + json);
    }
    for (JsonNode t : list) {
      t.fieldNames()
          .forEachRemaining(
              f -> {
                if (!FIELDS.contains(f)) {
                  throw new IllegalArgumentException(
                      "--gpu-tolerations: field '" + f + "' is not supported; use " + FIELDS);
                }
              });
      String operator = text(t, "operator");
      out.add(
          new Toleration(
              text(t, "key"),
              operator == null ? "Equal" : operator,
              text(t, "value"),
              text(t, "effect")));
    }
    return out;
  }

  private static String text(JsonNode t, String field) {
    JsonNode v = t.get(field);
    return v == null || v.isNull() || v.asText().isEmpty() ? null : v.asText();
  }
}
