package dev.gradex.local;

import dev.gradex.component.stage.Stage;
import dev.gradex.component.stage.StageRunner;
import dev.gradex.core.AtomicFiles;
import dev.gradex.core.Json;
import dev.gradex.estimate.EstimateSubsetsResult;
import dev.gradex.finetune.AdapterRegistration;
import dev.gradex.finetune.FineTuneResult;
import dev.gradex.model.data.SourceSet;
import dev.gradex.tracking.StageRun;
import dev.gradex.tracking.Tracker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What a local run logs on its MLflow parent run and adds to each stage's run: every setting as a
 * param ({@link RunParams}) and the effective configuration as {@code run-config.yaml}; the target
 * splits and the sources as dataset inputs with their SHA-256 (context {@code training}, {@code
 * validation}, {@code test}, {@code source}) on the parent and on the stages that read them; the
 * selection (tags naming the selected and rejected sources, {@code selection.json}, {@code
 * scores.csv}, {@code subsets.csv}); the headline metrics at the end.
 */
final class RunTracking implements StageRunner.StageContext {
  /** Tags naming the selected and rejected sources, comma-separated. */
  static final String SELECTED_TAG = "gradex.selected_sources";

  static final String REJECTED_TAG = "gradex.rejected_sources";
  private static final DateTimeFormatter NAME_STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmm").withZone(ZoneOffset.UTC);

  private final Tracker tracker;
  private final RunConfig config;
  private final SourceSet sources;
  private final Map<String, String> digests;
  private List<String> selected;

  /**
   * @param tracked whether a server is tracked; without one the data files are not hashed and no
   *     stage gets datasets
   */
  RunTracking(Tracker tracker, RunConfig config, Path sourcesDir, boolean tracked) {
    this.tracker = tracker;
    this.config = config;
    this.sources = SourceSet.read(sourcesDir);
    this.digests = tracked ? sources.digests() : Map.of();
  }

  /** {@code gradex-<target>-<yyyymmdd-hhmm>} (UTC): the target named by its training file. */
  static String runName(RunConfig config, Instant start) {
    String file = Path.of(config.target().train()).getFileName().toString();
    String target =
        file.replaceAll("\\.[^.]*$", "")
            .replaceAll("[-_.]?train(ing)?$", "")
            .toLowerCase(Locale.ROOT);
    return "gradex-" + (target.isEmpty() ? "target" : target) + "-" + NAME_STAMP.format(start);
  }

  /** Every setting, the configuration file and the datasets, on the parent run. */
  void started(Path out) {
    StageRun parent = tracker.parentRun();
    parent.logParams(RunParams.all(config));
    Path yaml = out.resolve("run-config.yaml");
    try {
      AtomicFiles.writeString(yaml, Json.YAML.writeValueAsString(config));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    parent.logArtifact(yaml, "");
    for (Stage.DatasetInput d : all()) {
      parent.logDatasetInput(d.name(), d.digest(), d.source(), d.context());
    }
  }

  /**
   * The selection: which sources were selected (by GradEx, or by the baseline of {@code gradex run
   * --select}) and rejected, and the estimate's tables.
   */
  void selected(EstimateSubsetsResult est, List<String> chosen) {
    selected = List.copyOf(chosen);
    List<String> rejected = new ArrayList<>();
    for (RunConfig.SourceEntry s : config.sources()) {
      if (!selected.contains(s.name())) {
        rejected.add(s.name());
      }
    }
    Map<String, String> tags = new LinkedHashMap<>();
    tags.put(SELECTED_TAG, String.join(",", selected));
    tags.put(REJECTED_TAG, String.join(",", rejected));
    StageRun parent = tracker.parentRun();
    parent.setTags(tags);
    for (String f : List.of("selection.json", "scores.csv", "subsets.csv")) {
      if (Files.isRegularFile(est.out().resolve(f))) {
        parent.logArtifact(est.out().resolve(f), "selection");
      }
    }
  }

  /** The run's headline figures on the parent run. */
  void finished(RunSummary summary, double wallSeconds) {
    Map<String, Double> m = new LinkedHashMap<>(summary.metrics());
    m.put("selected_sources", (double) summary.selected().size());
    m.put("estimated_loss_all_sources", summary.estimatedAllSources());
    m.put("estimated_loss_target_only", summary.estimatedTargetOnly());
    m.put("final_validation_loss", summary.validationLoss());
    m.put("total_wall_seconds", wallSeconds);
    m.values().removeIf(v -> v == null || !Double.isFinite(v));
    tracker.parentRun().logMetrics(m, 0);
  }

  /**
   * Registers the final adapter as a loadable MLflow model ({@link AdapterRegistration}, logged on
   * the parent run under {@code model}), judged by its validation loss; the version's tags and
   * description name the sources it was trained on, its test loss and the run.
   */
  void register(Path out, FineTuneResult fine) {
    Path adapter = fine.artifacts().get("adapter");
    if (adapter == null || !Files.isDirectory(adapter)) {
      return;
    }
    List<String> trainedOn = selected == null ? List.of() : selected;
    String target = runName(config, Instant.EPOCH).replaceAll("-19700101-0000$", "");
    Map<String, Double> metrics = new LinkedHashMap<>();
    metrics.put("validation_loss", fine.validationLoss());
    metrics.put("test_loss", fine.testLoss());
    new AdapterRegistration(
            AdapterRegistration.DEFAULT_MODEL,
            target,
            trainedOn,
            AdapterRegistration.DEFAULT_METRIC,
            metrics)
        .register(tracker.parentRun(), tracker.runId(), adapter, out.resolve("model"));
  }

  @Override
  public Map<String, String> params(String stage) {
    return RunParams.forStage(config, stage);
  }

  @Override
  public List<Stage.DatasetInput> datasets(String stage) {
    if (digests.isEmpty()) {
      return List.of();
    }
    if (stage.equals("meta-train") || stage.equals("fine-tune-all-sources")) {
      return withSources(splits(stage.equals("meta-train") ? 2 : 3), names());
    }
    if (stage.equals("extract-gradients")) {
      return withSources(splits(1), names());
    }
    if (stage.equals("fidelity")) {
      return withSources(splits(3), names());
    }
    if (stage.equals("fine-tune-target-only")) {
      return splits(3);
    }
    // the final fine-tune: fine-tune, or fine-tune-METHOD for a baseline's selection
    if (stage.startsWith("fine-tune")) {
      return withSources(splits(3), selected == null ? List.of() : selected);
    }
    return List.of();
  }

  private List<Stage.DatasetInput> all() {
    return withSources(splits(3), names());
  }

  private List<String> names() {
    return config.sources().stream().map(RunConfig.SourceEntry::name).toList();
  }

  /** The first {@code n} of the target's train, validation and test splits. */
  private List<Stage.DatasetInput> splits(int n) {
    List<Stage.DatasetInput> out = new ArrayList<>();
    String[][] splits = {
      {"train", sources.target().train(), "training"},
      {"validation", sources.target().validation(), "validation"},
      {"test", sources.target().test(), "test"}
    };
    for (int i = 0; i < n; i++) {
      String key = "target." + splits[i][0];
      if (splits[i][1] != null && digests.containsKey(key)) {
        out.add(
            new Stage.DatasetInput(
                key, digests.get(key), sources.resolve(splits[i][1]).toString(), splits[i][2]));
      }
    }
    return out;
  }

  private List<Stage.DatasetInput> withSources(List<Stage.DatasetInput> list, List<String> names) {
    List<Stage.DatasetInput> out = new ArrayList<>(list);
    Set<String> wanted = Set.copyOf(names);
    for (SourceSet.Source s : sources.sources()) {
      if (wanted.contains(s.name())) {
        out.add(
            new Stage.DatasetInput(
                s.name(), digests.get(s.name()), sources.resolve(s.path()).toString(), "source"));
      }
    }
    return out;
  }
}
