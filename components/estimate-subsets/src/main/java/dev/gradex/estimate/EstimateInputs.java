package dev.gradex.estimate;

import dev.gradex.component.stage.StageManifest;

/**
 * What an estimate-subsets run's content key is computed over, recorded as its manifest's {@code
 * inputs}: the gradient store (by the SHA-256 of its manifest) and the settings. Equal keys mean
 * equal output bytes, which makes the stage idempotent and its journal safe to resume.
 *
 * @param storeManifestSha256 SHA-256 of the store's {@code manifest.json}
 * @param settings the settings that decide the outputs
 */
public record EstimateInputs(String storeManifestSha256, EstimateSubsetsSettings settings) {
  /** The content key: {@link StageManifest#key} over these inputs and the code version. */
  public String key() {
    return StageManifest.key(this);
  }
}
