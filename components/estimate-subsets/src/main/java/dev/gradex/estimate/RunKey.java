package dev.gradex.estimate;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.gradex.core.Json;
import dev.gradex.core.Sha256;
import dev.gradex.core.Version;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Content key of a run: SHA-256 over the input store's manifest digest, the settings that determine
 * the outputs and the code version. Equal keys mean equal output bytes, which is what makes the
 * step idempotent and its journal safe to resume.
 */
record RunKey(String value, Map<String, Object> inputs) {
  static RunKey of(EstimateSubsetsConfig config, String storeManifestSha256) {
    Map<String, Object> inputs = new LinkedHashMap<>();
    inputs.put("storeManifestSha256", storeManifestSha256);
    inputs.put("config", config.resultKeys());
    inputs.put("codeVersion", Version.get());
    try {
      byte[] canonical = Json.JSON.writeValueAsString(inputs).getBytes(StandardCharsets.UTF_8);
      return new RunKey(Sha256.of(canonical), inputs);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
