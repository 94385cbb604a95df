package dev.gradex.kfp.rest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;

/** A run as the API returns it ({@code v2beta1Run}), reduced to what callers use. */
public record KfpRun(
    String runId,
    String displayName,
    String experimentId,
    String state,
    String createdAt,
    String finishedAt,
    String errorMessage) {
  private static final Set<String> TERMINAL = Set.of("SUCCEEDED", "SKIPPED", "FAILED", "CANCELED");

  /** True once the run can no longer change state. */
  public boolean isTerminal() {
    return state != null && TERMINAL.contains(state);
  }

  public boolean succeeded() {
    return "SUCCEEDED".equals(state);
  }

  static KfpRun from(JsonNode n) {
    return new KfpRun(
        Json.text(n, "run_id"),
        Json.text(n, "display_name"),
        Json.text(n, "experiment_id"),
        Json.text(n, "state"),
        Json.text(n, "created_at"),
        Json.text(n, "finished_at"),
        Json.text(n.path("error"), "message"));
  }
}
