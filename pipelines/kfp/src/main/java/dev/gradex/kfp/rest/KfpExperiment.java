package dev.gradex.kfp.rest;

import com.fasterxml.jackson.databind.JsonNode;

/** An experiment as the API returns it ({@code v2beta1Experiment}). */
public record KfpExperiment(
    String experimentId, String displayName, String description, String namespace) {
  static KfpExperiment from(JsonNode n) {
    return new KfpExperiment(
        Json.text(n, "experiment_id"),
        Json.text(n, "display_name"),
        Json.text(n, "description"),
        Json.text(n, "namespace"));
  }
}
