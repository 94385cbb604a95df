package dev.gradex.component.stage;

import dev.gradex.component.ComponentOutputs;
import dev.gradex.component.KfpExecutorInput;
import dev.gradex.core.Json;
import dev.gradex.core.progress.ProgressEvent;
import dev.gradex.core.progress.ProgressListener;
import dev.gradex.tracking.Params;
import dev.gradex.tracking.StageRun;
import dev.gradex.tracking.Tracker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one place a stage is run, for the component programs and the local runner alike: its key,
 * then a complete output under that key is reused ({@link StageResult#reused()} true, the same
 * metrics as the run that wrote it) or the stage runs and its {@link StageManifest} is written
 * last; then, inside the stage's tracking run, the typed settings as parameters, {@link
 * StageResult#metrics()} and {@link StageResult#throughput()} as metrics, its dataset inputs, the
 * stage's series, its warnings as tags, its artifacts and, if asked, the model registration; then
 * the metrics file and the Kubeflow executor output (when running as a component); then the
 * stage-done line.
 */
public final class StageRunner {
  /** The tracking tag holding a stage's warnings, one a line (also set on the parent run). */
  public static final String WARNING_TAG = "gradex.warnings";

  /** The tracking tag on a stage run whose output was reused from an earlier run ({@code true}). */
  public static final String REUSED_TAG = "gradex.reused";

  /**
   * What the caller adds to each stage's run besides the stage's own settings and datasets, by
   * stage name: e.g. the run.yaml settings the stage uses, the data files it reads.
   */
  public interface StageContext {
    /** Parameters of stage {@code stage}'s run. */
    Map<String, String> params(String stage);

    /** Datasets stage {@code stage} reads. */
    List<Stage.DatasetInput> datasets(String stage);
  }

  /**
   * Registers the artifact {@code artifact} of a stage's result as a new version of {@code
   * modelName}, champion only if its metric {@code metric} is lower than the current champion's.
   */
  public record Registration(String modelName, String artifact, String metric) {}

  private final Tracker tracker;
  private final ProgressListener listener;
  private Map<String, String> params = Map.of();
  private StageContext context;
  private Optional<KfpExecutorInput> kfp = Optional.empty();
  private Path metricsOut;
  private List<String> kfpOutputs = List.of();

  /**
   * @param listener receives a {@link ProgressEvent.StageDone} per finished stage: whether it was
   *     reused, its remark and its metrics
   */
  public StageRunner(Tracker tracker, ProgressListener listener) {
    this.tracker = tracker;
    this.listener = listener;
  }

  /** Parameters logged on every stage run besides the stage's own settings (e.g. the run.yaml). */
  public StageRunner optParams(Map<String, String> params) {
    this.params = Map.copyOf(params);
    return this;
  }

  /** Params and datasets added to each stage's run by its name (see {@link StageContext}). */
  public StageRunner optContext(StageContext context) {
    this.context = context;
    return this;
  }

  /**
   * Publishes each result as a component does: its metrics to {@code metricsOut} (if not null) and,
   * under Kubeflow, an executor output listing {@code outputs} and the metrics.
   */
  public StageRunner optComponentOutputs(
      Optional<KfpExecutorInput> kfp, Path metricsOut, List<String> outputs) {
    this.kfp = kfp;
    this.metricsOut = metricsOut;
    this.kfpOutputs = List.copyOf(outputs);
    return this;
  }

  /** Runs {@code stage} as the tracked stage {@code name}. */
  public <S, R extends StageResult> R run(String name, Stage<S, R> stage) throws Exception {
    return run(name, stage, null);
  }

  /** Runs {@code stage}, then registers its artifact as {@code registration} says (if not null). */
  public <S, R extends StageResult> R run(String name, Stage<S, R> stage, Registration registration)
      throws Exception {
    R result =
        tracker.inStage(
            name,
            run -> {
              run.logParams(parameters(name, stage.settings()));
              List<Stage.DatasetInput> datasets = new ArrayList<>(stage.datasets());
              if (context != null) {
                datasets.addAll(context.datasets(name));
              }
              for (Stage.DatasetInput d : datasets) {
                run.logDatasetInput(d.name(), d.digest(), d.source(), d.context());
              }
              R r = runOrReuse(stage);
              record(run, stage, r, registration);
              return r;
            });
    if (metricsOut != null || kfp.isPresent()) {
      ComponentOutputs.publish(
          result.metrics(), metricsOut, kfp, kfpOutputs.toArray(String[]::new));
    }
    listener.on(
        new ProgressEvent.StageDone(
            name,
            (result.reused() ? "(already complete: reused) " : "")
                + result.remark()
                + result.metrics()));
    return result;
  }

  /**
   * The reused result of a complete output, or the stage's fresh one with its manifest written:
   * what {@link #run} does before tracking, for a stage inside another tracked one (e.g. each
   * fine-tune of the fidelity check).
   */
  public static <S, R extends StageResult> R runOrReuse(Stage<S, R> stage) throws Exception {
    Optional<R> done = stage.completed();
    if (done.isPresent()) {
      return done.get();
    }
    R r = stage.run();
    stage.manifest().ifPresent(t -> StageManifest.write(t, stage.kind(), stage.key(), r));
    return r;
  }

  private Map<String, String> parameters(String name, Object settings) {
    Map<String, String> out = new LinkedHashMap<>(params);
    if (context != null) {
      out.putAll(context.params(name));
    }
    if (settings != null) {
      Map<?, ?> flat = Json.JSON.convertValue(settings, Map.class);
      out.putAll(Params.flatten(Map.of("settings", flat)));
    }
    return out;
  }

  private <R extends StageResult> void record(
      StageRun run, Stage<?, R> stage, R r, Registration registration) {
    Map<String, Double> metrics = new LinkedHashMap<>(r.metrics());
    metrics.putAll(r.throughput());
    metrics.values().removeIf(v -> v == null || !Double.isFinite(v));
    run.logMetrics(metrics, 0);
    if (r.reused()) {
      run.setTags(Map.of(REUSED_TAG, "true"));
    }
    List<dev.gradex.tracking.MetricPoint> series = stage.series();
    if (!series.isEmpty()) {
      run.logMetrics(series);
    }
    if (!r.warnings().isEmpty()) {
      Map<String, String> tags = Map.of(WARNING_TAG, String.join("\n", r.warnings()));
      run.setTags(tags);
      tracker.setRunTags(tags);
    }
    r.artifacts()
        .forEach(
            (artifact, path) -> run.logArtifact(path, Files.isDirectory(path) ? artifact : ""));
    if (registration != null) {
      Double loss = metrics.get(registration.metric());
      if (loss != null && r.artifacts().containsKey(registration.artifact())) {
        run.registerModel(
            registration.modelName(), registration.artifact(), registration.metric(), loss);
      }
    }
  }
}
