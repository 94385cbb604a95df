package dev.gradex.kfp.rest;

import com.fasterxml.jackson.databind.JsonNode;

/** A pipeline as the API returns it ({@code v2beta1Pipeline}). */
public record KfpPipeline(
    String pipelineId, String name, String displayName, String description, String createdAt) {
  static KfpPipeline from(JsonNode n) {
    return new KfpPipeline(
        Json.text(n, "pipeline_id"),
        Json.text(n, "name"),
        Json.text(n, "display_name"),
        Json.text(n, "description"),
        Json.text(n, "created_at"));
  }
}
