package dev.gradex.kfp.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A run as the API returns it ({@code v2beta1Run}), reduced to what callers use.
 *
 * @param description the run's description, or null
 * @param parameters the run's {@code runtime_config.parameters}: strings as they are, other values
 *     as JSON text; empty when the server returned none
 */
public record KfpRun(
    String runId,
    String displayName,
    String experimentId,
    String state,
    String createdAt,
    String finishedAt,
    String errorMessage,
    String description,
    Map<String, String> parameters) {
  private static final Set<String> TERMINAL = Set.of("SUCCEEDED", "SKIPPED", "FAILED", "CANCELED");

  public KfpRun {
    parameters = Map.copyOf(parameters);
  }

  /** True once the run can no longer change state. */
  public boolean isTerminal() {
    return state != null && TERMINAL.contains(state);
  }

  public boolean succeeded() {
    return "SUCCEEDED".equals(state);
  }

  static KfpRun from(JsonNode n) {
    Map<String, String> params = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> it = n.path("runtime_config").path("parameters").fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      params.put(
          e.getKey(), e.getValue().isTextual() ? e.getValue().asText() : e.getValue().toString());
    }
    return new KfpRun(
        Json.text(n, "run_id"),
        Json.text(n, "display_name"),
        Json.text(n, "experiment_id"),
        Json.text(n, "state"),
        Json.text(n, "created_at"),
        Json.text(n, "finished_at"),
        Json.text(n.path("error"), "message"),
        Json.text(n, "description"),
        params);
  }

  /** The fields {@link #from} reads back (parameters left out). */
  JsonNode toJson() {
    ObjectNode n = KfpHttp.JSON.createObjectNode();
    n.put("run_id", runId).put("display_name", displayName).put("experiment_id", experimentId);
    n.put("state", state).put("created_at", createdAt).put("finished_at", finishedAt);
    n.put("description", description);
    if (errorMessage != null) {
      n.putObject("error").put("message", errorMessage);
    }
    return n;
  }
}
