package dev.gradex.kfp.dsl;

/** KFP system artifact types ({@code artifactType.schemaTitle}); all use schema version 0.0.1. */
public enum ArtifactType {
  ARTIFACT("system.Artifact"),
  DATASET("system.Dataset"),
  MODEL("system.Model"),
  METRICS("system.Metrics"),
  HTML("system.HTML"),
  MARKDOWN("system.Markdown");

  /** The schema version every system type uses in KFP 2.x. */
  public static final String SCHEMA_VERSION = "0.0.1";

  private final String schemaTitle;

  ArtifactType(String schemaTitle) {
    this.schemaTitle = schemaTitle;
  }

  public String schemaTitle() {
    return schemaTitle;
  }
}
