package dev.gradex.local;

import dev.gradex.component.stage.Stage;
import dev.gradex.component.stage.StageResult;
import dev.gradex.component.stage.StageRunner;
import dev.gradex.core.progress.ProgressEvent;
import dev.gradex.core.progress.ProgressListener;
import dev.gradex.tracking.Tracker;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * Runs a local run's stages one at a time through the one {@link StageRunner}, each announced with
 * its position in the run, timed, and inside its own nested MLflow run (the run.yaml settings the
 * stage uses and the datasets it reads, from a {@link StageRunner.StageContext}, besides the
 * stage's own settings). Tracking never fails a stage (the tracker buffers and retries).
 */
final class Stages {
  private final StageRunner runner;
  private final ProgressListener listener;
  private final Map<String, Double> seconds = new LinkedHashMap<>();
  private final Map<String, Double> thisRun = new LinkedHashMap<>();
  private Map<String, Double> previous = Map.of();
  private Path record;
  private int planned;
  private int index;

  Stages(Tracker tracker, StageRunner.StageContext context, ProgressListener listener) {
    this.listener = listener;
    this.runner = new StageRunner(tracker, listener).optContext(context);
  }

  /** How many stages the run will start, for the overall position shown with each. */
  Stages optPlanned(int stages) {
    this.planned = stages;
    return this;
  }

  /** Announces the next stage, counted in the run's position. */
  private void next(String name) {
    index++;
    listener.on(new ProgressEvent.StageStarted(index, Math.max(planned, index), name));
  }

  /** A planned stage that needs no work, e.g. a baseline another stage already fine-tuned. */
  void reused(String name, String why) {
    next(name + ": " + why);
  }

  /**
   * The seconds each stage's work took, by {@code timeKey}: this run's wall time, or for a stage
   * reused from an earlier run (complete output, nothing recomputed) that run's figure from {@link
   * #optPrevious}, so rerunning a finished run keeps the real timings.
   */
  Map<String, Double> seconds() {
    return seconds;
  }

  /** Wall seconds per stage in this invocation, reused stages included (their check). */
  Map<String, Double> thisRunSeconds() {
    return thisRun;
  }

  /**
   * The {@link #seconds()} earlier runs of this directory recorded ({@link PreviousTimings}), the
   * figures a reused stage reports.
   */
  Stages optPrevious(Map<String, Double> seconds) {
    this.previous = Map.copyOf(seconds);
    return this;
  }

  /**
   * Records the seconds of each stage that did its work in {@code file} ({@link
   * PreviousTimings#STAGE_SECONDS}) as soon as it finishes, so a run killed before its summary
   * keeps them for the next run that reuses the stage.
   */
  Stages optRecord(Path file) {
    this.record = file;
    return this;
  }

  /** Times a stage; {@code done} when it finished (a failed stage's seconds are not recorded). */
  private void time(String timeKey, double took, boolean reused, boolean done) {
    thisRun.put(timeKey, took);
    seconds.put(timeKey, reused && previous.containsKey(timeKey) ? previous.get(timeKey) : took);
    if (done && !reused && record != null) {
      Map<String, Double> all = new LinkedHashMap<>(previous);
      all.putAll(seconds);
      PreviousTimings.write(record, all);
    }
  }

  /** Times {@code work} without a tracked run (work outside MLflow's view, e.g. pretraining). */
  <T> T untracked(String name, String timeKey, Callable<T> work) throws Exception {
    next(name);
    long t = System.nanoTime();
    T result = work.call();
    time(timeKey, (System.nanoTime() - t) / 1e9, false, true);
    return result;
  }

  /** Runs {@code stage} as the tracked stage {@code name}, timed under {@code timeKey}. */
  <S, R extends StageResult> R run(String name, String timeKey, Stage<S, R> stage)
      throws Exception {
    return run(name, timeKey, stage, null);
  }

  /** Like {@link #run(String, String, Stage)}, then registers the stage's model. */
  <S, R extends StageResult> R run(
      String name, String timeKey, Stage<S, R> stage, StageRunner.Registration registration)
      throws Exception {
    next(name);
    long t = System.nanoTime();
    R result = null;
    try {
      result = runner.run(name, stage, registration);
      return result;
    } finally {
      time(
          timeKey,
          (System.nanoTime() - t) / 1e9,
          result != null && result.reused(),
          result != null);
    }
  }

  /**
   * Work of the local run that is a stage of its own in MLflow but has no output directory or key
   * of its own (the fidelity check, whose fine-tunes are stages each; the report).
   */
  record Step<R extends StageResult>(String kind, Callable<R> work) implements Stage<Void, R> {
    @Override
    public Void settings() {
      return null;
    }

    @Override
    public String key() {
      return "";
    }

    @Override
    public Optional<R> completed() {
      return Optional.empty();
    }

    @Override
    public R run() throws Exception {
      return work.call();
    }
  }
}
