package dev.gradex.kfp.ir;

import java.util.Map;
import java.util.Optional;

/**
 * A compiled pipeline as plain maps and lists (JSON-ready).
 *
 * @param pipelineSpec the PipelineSpec document
 * @param platformSpec the {@code platforms} document, absent when no task has platform settings
 * @param header the comment block the SDK writes before the YAML
 */
public record CompiledPipeline(
    Map<String, Object> pipelineSpec, Map<String, Object> platformSpec, String header) {
  public Optional<Map<String, Object>> platform() {
    return Optional.ofNullable(platformSpec);
  }

  /** The two documents as KFP's YAML (what {@code compile-pipeline} writes). */
  public String toYaml() {
    return IrYaml.write(this);
  }
}
