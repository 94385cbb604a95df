package dev.gradex.component.stage;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What a stage produced, as the {@link StageRunner} logs and publishes it. {@link #metrics()} is
 * every deterministic numeric result under one snake_case naming, the same names and values for a
 * fresh run and for one that found its output complete ({@link #reused()}), so a resumed pipeline
 * logs what an uninterrupted one does. Figures that vary from process to process (rates, seconds,
 * work done by this process) are in {@link #throughput()}: logged to tracking, never written into
 * metrics.json or a manifest.
 */
public interface StageResult {
  /** The deterministic numeric results, snake_case, in a stable order. */
  Map<String, Double> metrics();

  /**
   * Named output files and directories to log (a directory under its name, a file at the root of
   * the stage's artifacts); empty for none.
   */
  Map<String, Path> artifacts();

  /** True when a complete output of the same kind and key was found and nothing was computed. */
  boolean reused();

  /** This process's throughput figures (rates, seconds); empty when it computed nothing. */
  default Map<String, Double> throughput() {
    return Map.of();
  }

  /** Warnings for the user, shown on the stage's and the parent run's tracking tags. */
  default List<String> warnings() {
    return List.of();
  }

  /** A short note for the stage-done line (e.g. that a result was copied, not trained); or "". */
  default String remark() {
    return "";
  }
}
