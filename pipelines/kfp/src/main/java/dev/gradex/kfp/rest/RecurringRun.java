package dev.gradex.kfp.rest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.TreeMap;

/** A recurring run as the API returns it ({@code v2beta1RecurringRun}). */
public record RecurringRun(
    String recurringRunId,
    String displayName,
    String status,
    String cron,
    long maxConcurrency,
    boolean noCatchup,
    String experimentId,
    String pipelineId,
    String pipelineVersionId,
    Map<String, Object> parameters) {
  static RecurringRun from(JsonNode n) {
    JsonNode ref = n.path("pipeline_version_reference");
    Map<String, Object> params = new TreeMap<>();
    n.path("runtime_config")
        .path("parameters")
        .fields()
        .forEachRemaining(
            e -> params.put(e.getKey(), KfpHttp.JSON.convertValue(e.getValue(), Object.class)));
    return new RecurringRun(
        Json.text(n, "recurring_run_id"),
        Json.text(n, "display_name"),
        Json.text(n, "status"),
        Json.text(n.path("trigger").path("cron_schedule"), "cron"),
        n.path("max_concurrency").asLong(0),
        n.path("no_catchup").asBoolean(false),
        Json.text(n, "experiment_id"),
        Json.text(ref, "pipeline_id"),
        Json.text(ref, "pipeline_version_id"),
        params);
  }
}
