package dev.gradex.local;

import dev.gradex.estimate.EstimateSubsetsResult;
import dev.gradex.model.cli.TrainingMetrics;
import dev.gradex.tracking.Params;
import dev.gradex.tracking.StageRun;
import dev.gradex.tracking.Tracker;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Runs a local run's stages one at a time, each timed and inside its own nested MLflow run: the
 * configuration as params, the stage's numeric results as metrics (a LoRA stage's training curves
 * as step-wise series), the final adapter registered, the run report and fidelity files as
 * artifacts. Tracking never fails a stage (the tracker buffers and retries).
 */
final class Stages {
  private final Tracker tracker;
  private final RunConfig config;
  private final PipelineListener listener;
  private final Map<String, Double> seconds = new LinkedHashMap<>();
  private int planned;
  private int index;

  Stages(Tracker tracker, RunConfig config, PipelineListener listener) {
    this.tracker = tracker;
    this.config = config;
    this.listener = listener;
  }

  /** How many stages the run will start, for the overall position shown with each. */
  Stages optPlanned(int stages) {
    this.planned = stages;
    return this;
  }

  /** Announces the next stage, counted in the run's position. */
  private void next(String name) {
    index++;
    listener.stage(index, Math.max(planned, index), name);
  }

  /** A planned stage that needs no work, e.g. a baseline another stage already fine-tuned. */
  void reused(String name, String why) {
    next(name + ": " + why);
  }

  /** Wall seconds per stage so far, by {@code timeKey}. */
  Map<String, Double> seconds() {
    return seconds;
  }

  /** Times {@code work} without a tracked run (work outside MLflow's view, e.g. pretraining). */
  <T> T untracked(String name, String timeKey, Callable<T> work) throws Exception {
    next(name);
    long t = System.nanoTime();
    T result = work.call();
    seconds.put(timeKey, (System.nanoTime() - t) / 1e9);
    return result;
  }

  /**
   * Runs {@code work} as stage {@code name}; {@code out} is its output directory, whose {@code
   * curves.csv} (if any) is logged as metric series.
   */
  <T> T run(String name, String timeKey, Path out, Callable<T> work) throws Exception {
    next(name);
    long t = System.nanoTime();
    try {
      Logged<T> done =
          tracker.inStage(
              name,
              run -> {
                run.logParams(Params.flatten(Map.of("config", config)));
                T result = work.call();
                Map<String, Double> metrics = metrics(result);
                if (result instanceof EstimateSubsetsResult e) {
                  warn(run, e.warnings());
                  metrics.put("estimate_warnings", (double) e.warnings().size());
                }
                run.logMetrics(metrics, 0);
                if (out != null) {
                  TrainingMetrics.logCurves(run, out);
                }
                if (name.equals("fine-tune") && metrics.containsKey("test_loss")) {
                  run.logArtifact(out, "adapter");
                  run.registerModel(
                      "gradex-adapter", "adapter", "test_loss", metrics.get("test_loss"));
                }
                if (result instanceof RunSummary r) {
                  for (String file : List.of(RunReport.FILE, "fidelity.json", "fidelity.csv")) {
                    run.logArtifact(r.out().resolve(file), "");
                  }
                }
                return new Logged<>(result, metrics);
              });
      boolean reused =
          done.result() instanceof Map<?, ?> m && Boolean.TRUE.equals(m.get("reused"))
              || done.result() instanceof EstimateSubsetsResult e && e.reused();
      boolean theta = done.result() instanceof Map<?, ?> m && m.containsKey("reused_theta");
      listener.stageDone(
          name,
          (reused ? "(already complete: reused) " : "")
              + (theta ? "(theta* reused, not trained again) " : "")
              + done.metrics());
      return done.result();
    } finally {
      seconds.put(timeKey, (System.nanoTime() - t) / 1e9);
    }
  }

  /**
   * The estimate's warnings (e.g. outside the first-order estimate's linear regime) as the {@link
   * #WARNING_TAG} tag of the estimate stage and of the parent run, where a user looks first.
   */
  private void warn(StageRun run, List<String> warnings) {
    if (!warnings.isEmpty()) {
      Map<String, String> tags = Map.of(WARNING_TAG, String.join("\n", warnings));
      run.setTags(tags);
      tracker.setRunTags(tags);
    }
  }

  /** The MLflow tag holding a run's warnings, one a line. */
  static final String WARNING_TAG = "gradex.warnings";

  /** A stage's result and the metrics logged for it. */
  private record Logged<T>(T result, Map<String, Double> metrics) {}

  private static Map<String, Double> metrics(Object result) {
    Map<String, Double> metrics = new LinkedHashMap<>();
    if (result instanceof Map<?, ?> m) {
      m.forEach(
          (k, v) -> {
            if (v instanceof Number n) {
              metrics.put(k.toString(), n.doubleValue());
            }
          });
    } else if (result instanceof EstimateSubsetsResult e) {
      metrics.putAll(e.metrics());
    } else if (result instanceof RunSummary r) {
      metrics.putAll(headline(r));
    } else if (result instanceof List<?> points) {
      metrics.put("fine_tuned_subsets", (double) points.size());
    }
    return metrics;
  }

  /** The metric-name prefix of each fine-tuned model in the parent run. */
  private static final Map<String, String> PREFIX =
      Map.of(
          FineTuned.SELECTION, "final_",
          FineTuned.ALL_SOURCES, "all_sources_",
          FineTuned.TARGET_ONLY, "target_only_");

  /** A run's headline figures: fidelity, and estimated against measured losses. */
  private static Map<String, Double> headline(RunSummary r) {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("fidelity_subsets", (double) r.fidelity().n());
    m.put("fidelity_relative_rss", r.fidelity().relativeRss());
    m.put("fidelity_spearman", r.fidelity().spearman());
    m.put("fidelity_kendall_tau_b", r.fidelity().kendallTauB());
    m.put("estimated_loss_selected", r.estimatedLoss());
    m.put("measured_output_loss_selected", r.measuredLoss());
    m.put("final_test_loss", r.testLoss());
    m.put("all_sources_test_loss", r.allSourcesTestLoss());
    m.put("target_only_test_loss", r.targetOnlyTestLoss());
    for (FineTuned f : r.models()) {
      String prefix = PREFIX.get(f.name());
      if (f.testAccuracy() != null) {
        m.put(prefix + "test_accuracy", f.testAccuracy());
        m.put(prefix + "test_macro_f1", f.testMacroF1());
      }
    }
    m.values().removeIf(v -> !Double.isFinite(v));
    return m;
  }
}
