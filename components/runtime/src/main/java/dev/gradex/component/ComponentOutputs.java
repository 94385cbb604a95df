package dev.gradex.component;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gradex.core.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Publishes a component's headline numbers where the orchestrator looks for them: a metrics JSON
 * file ({@code --metrics-out}) and, under Kubeflow, the executor output ({@code
 * --kfp-executor-input}) that shows them in the KFP UI.
 */
public final class ComponentOutputs {
  private ComponentOutputs() {}

  /** Writes the numeric entries of {@code results}; either target may be null (skipped). */
  public static void publish(Map<String, ?> results, Path metricsOut, String kfpExecutorInput) {
    Map<String, Double> metrics = new LinkedHashMap<>();
    results.forEach(
        (k, v) -> {
          if (v instanceof Number n) {
            metrics.put(k, n.doubleValue());
          }
        });
    if (metricsOut != null) {
      try {
        AtomicFiles.writeString(metricsOut, new ObjectMapper().writeValueAsString(metrics));
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }
    if (kfpExecutorInput != null) {
      KfpExecutorOutput.writeMetrics(kfpExecutorInput, "metrics", metrics);
    }
  }
}
