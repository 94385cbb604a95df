package dev.gradex.finetune;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gradex.component.KfpExecutorInput;
import dev.gradex.component.KfpExecutorOutput;
import dev.gradex.component.KfpOptions;
import dev.gradex.core.AtomicFiles;
import dev.gradex.core.InvalidInputException;
import dev.gradex.core.Json;
import dev.gradex.core.SelectedSources;
import dev.gradex.tracking.ModelPromotion;
import dev.gradex.tracking.RunStatus;
import dev.gradex.tracking.StageRun;
import dev.gradex.tracking.Tracker;
import dev.gradex.tracking.TrackingSummary;
import dev.gradex.tracking.mlflow.TrackerConfig;
import dev.gradex.tracking.mlflow.Trackers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Registers the final adapter in MLflow's model registry as {@code gradex run} does ({@link
 * AdapterRegistration}: a loadable package without checkpoints, skipped when its digest already is
 * a version) and moves the {@code champion} alias to it only if its validation loss (or {@code
 * --metric}) beats the current champion's (else it gets {@code challenger}); the test loss is
 * reported, after the final fine-tune (Li et al., arXiv 2409.19458, stage 5;
 * docs/method.md#stage-5-final-fine-tuning).
 */
@Command(
    name = "promote",
    mixinStandardHelpOptions = true,
    description = {
      "Registers the fine-tuned adapter in MLflow; champion only if it beats the current one.",
      "Writes a JSON summary of what happened. Without a tracking URI it records nothing and says so."
    })
public final class PromoteCommand implements Callable<Integer> {
  @Option(names = "--adapter", required = true, description = "The fine-tuned adapter directory.")
  Path adapter;

  @Option(names = "--metrics", required = true, description = "fine-tune's metrics JSON.")
  Path metrics;

  @Option(names = "--selection", description = "estimate-subsets output (logged as artifact).")
  Path selection;

  @Option(
      names = "--mlflow-tracking-uri",
      description = "MLflow server (default: $MLFLOW_TRACKING_URI).")
  String trackingUri = "";

  @Option(
      names = "--registered-model-name",
      description = "Registry name (default: ${DEFAULT-VALUE}).")
  String modelName = AdapterRegistration.DEFAULT_MODEL;

  @Option(
      names = "--alias",
      description = "Alias for a better model; only 'champion' is supported.")
  String alias = "champion";

  @Option(
      names = "--metric",
      description = "Metric compared, lower is better (default: ${DEFAULT-VALUE}).")
  String metric = AdapterRegistration.DEFAULT_METRIC;

  @Option(names = "--source-digests", description = "Digests of the source data (provenance).")
  String sourceDigests = "";

  @Option(
      names = "--target-name",
      description =
          "The target task's name, for the version's description (default: ${DEFAULT-VALUE}).")
  String targetName = "target";

  @Option(names = "--summary-out", description = "Write the outcome as JSON here.")
  Path summaryOut;

  @Mixin KfpOptions kfp = new KfpOptions();

  /** The component's output artifacts (GradexComponents.promote). */
  static final List<String> OUTPUTS = List.of("summary");

  @Override
  public Integer call() throws IOException {
    Optional<KfpExecutorInput> kfpInput = kfp.require(OUTPUTS);
    if (!"champion".equals(alias)) {
      throw new InvalidInputException(
          "--alias",
          "only 'champion' (with 'challenger' for losers) is supported, got '" + alias + "'");
    }
    Map<String, Double> figures = figures();
    List<String> trainedOn =
        selection != null && Files.isRegularFile(selection.resolve(SelectedSources.FILE))
            ? SelectedSources.read(selection)
            : List.of();
    AdapterRegistration registration =
        new AdapterRegistration(modelName, targetName, trainedOn, metric, figures);
    Map<String, String> env = new HashMap<>(System.getenv());
    if (!trackingUri.isBlank()) {
      env.put("MLFLOW_TRACKING_URI", trackingUri);
    }
    Map<String, Object> summary = new LinkedHashMap<>(figures);
    summary.put("metric", metric);
    Path work = Files.createTempDirectory("gradex-promote");
    try (Tracker tracker =
        Trackers.fromEnvironment(env, TrackerConfig.builder().optRunName("gradex promote"))) {
      StageRun run = tracker.startStage("promote");
      run.setTags(Map.of("gradex.source_digests", sourceDigests));
      run.logMetrics(figures, 0);
      if (selection != null) {
        run.logArtifact(selection, "selection");
      }
      Optional<ModelPromotion> p =
          registration.register(run, tracker.runId(), adapter, work.resolve("model"));
      run.end(RunStatus.FINISHED);
      p.ifPresent(x -> describe(x, summary));
      TrackingSummary t = tracker.summary();
      summary.put("tracking", t.message());
      if (t.trackingUri().isPresent() && !t.complete()) {
        System.err.println("gradex: warning: " + t.message());
      }
    } finally {
      AtomicFiles.deleteTree(work);
    }
    String json = Json.PRETTY.writeValueAsString(summary);
    if (summaryOut != null) {
      AtomicFiles.writeString(summaryOut, json);
    }
    System.out.println(json);
    Map<String, Object> shown = new LinkedHashMap<>(summary);
    shown.values().removeIf(java.util.Objects::isNull);
    kfpInput.ifPresent(in -> KfpExecutorOutput.write(in, Map.of("summary", shown)));
    return 0;
  }

  /** The numeric figures of the metrics file the promotion reports: {@code --metric} and test. */
  private Map<String, Double> figures() throws IOException {
    JsonNode m = Json.JSON.readTree(metrics.toFile());
    if (!m.path(metric).isNumber()) {
      throw new InvalidInputException(metrics.toString(), "has no numeric '" + metric + "'");
    }
    Map<String, Double> figures = new LinkedHashMap<>();
    for (String k : List.of(metric, "validation_loss", "test_loss")) {
      if (m.path(k).isNumber()) {
        figures.put(k, m.path(k).asDouble());
      }
    }
    return figures;
  }

  /** Puts the version and alias into the summary and says them on stderr. */
  private static void describe(ModelPromotion x, Map<String, Object> summary) {
    summary.put("model", x.model());
    summary.put("version", x.version());
    summary.put("alias", x.alias());
    summary.put("previousChampion", x.previousChampion().orElse(null));
    summary.put(
        "previousChampionLoss",
        x.previousChampionLoss().isPresent() ? x.previousChampionLoss().getAsDouble() : null);
    System.err.println(
        "gradex: registered " + x.model() + " version " + x.version() + " (" + x.alias() + ")");
  }
}
