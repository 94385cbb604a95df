package dev.gradex.kfp.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/** Shared request-building and checking helpers. */
final class Requests {
  private Requests() {}

  static void required(List<String> problems, String field, String value) {
    if (value == null || value.isBlank()) {
      problems.add(field + " is required");
    }
  }

  static void throwIfAny(String what, List<String> problems) {
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(what + ": " + String.join("; ", problems));
    }
  }

  static void putIfSet(ObjectNode node, String field, String value) {
    if (value != null && !value.isBlank()) {
      node.put(field, value);
    }
  }

  static ObjectNode reference(String pipelineId, String versionId) {
    ObjectNode ref = KfpHttp.JSON.createObjectNode().put("pipeline_id", pipelineId);
    putIfSet(ref, "pipeline_version_id", versionId);
    return ref;
  }

  static ObjectNode runtimeConfig(Map<String, Object> parameters, String pipelineRoot) {
    ObjectNode config = KfpHttp.JSON.createObjectNode();
    config.set("parameters", KfpHttp.JSON.valueToTree(parameters));
    putIfSet(config, "pipeline_root", pipelineRoot);
    return config;
  }
}
