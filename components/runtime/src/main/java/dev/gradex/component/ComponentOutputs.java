package dev.gradex.component;

import dev.gradex.core.AtomicFiles;
import dev.gradex.core.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Publishes a component's headline numbers where the orchestrator looks for them: a metrics JSON
 * file ({@code --metrics-out}) and, under Kubeflow, the executor output ({@code
 * --kfp-executor-input}) that lists the outputs and shows the metrics in the KFP UI.
 */
public final class ComponentOutputs {
  /** The name of the {@code system.Metrics} output of every component that has one. */
  public static final String METRICS = "metrics";

  private ComponentOutputs() {}

  /**
   * Writes the numeric entries of {@code results} to {@code metricsOut} (skipped if null) and,
   * under KFP, the executor output listing {@code outputs} (no metadata) and {@link #METRICS} with
   * them as its metadata.
   */
  public static void publish(
      Map<String, ?> results, Path metricsOut, Optional<KfpExecutorInput> kfp, String... outputs) {
    Map<String, Double> metrics = new LinkedHashMap<>();
    results.forEach(
        (k, v) -> {
          if (v instanceof Number n) {
            metrics.put(k, n.doubleValue());
          }
        });
    if (metricsOut != null) {
      try {
        AtomicFiles.writeString(metricsOut, Json.JSON.writeValueAsString(metrics));
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }
    if (kfp.isPresent()) {
      Map<String, Map<String, ?>> listed = new LinkedHashMap<>();
      for (String o : outputs) {
        listed.put(o, Map.of());
      }
      listed.put(METRICS, metrics);
      KfpExecutorOutput.write(kfp.get(), listed);
    }
  }
}
