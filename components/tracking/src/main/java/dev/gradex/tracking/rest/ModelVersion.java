package dev.gradex.tracking.rest;

import java.util.Map;

/** A registered model version as the registry reports it. */
public record ModelVersion(String name, String version, String runId, Map<String, String> tags) {
  public ModelVersion {
    tags = Map.copyOf(tags);
  }
}
