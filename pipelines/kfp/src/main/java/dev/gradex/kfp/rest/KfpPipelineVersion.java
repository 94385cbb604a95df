package dev.gradex.kfp.rest;

import com.fasterxml.jackson.databind.JsonNode;

/** A pipeline version as the API returns it ({@code v2beta1PipelineVersion}). */
public record KfpPipelineVersion(
    String pipelineId,
    String pipelineVersionId,
    String name,
    String displayName,
    String createdAt) {
  static KfpPipelineVersion from(JsonNode n) {
    return new KfpPipelineVersion(
        Json.text(n, "pipeline_id"),
        Json.text(n, "pipeline_version_id"),
        Json.text(n, "name"),
        Json.text(n, "display_name"),
        Json.text(n, "created_at"));
  }
}
