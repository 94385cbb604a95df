package dev.gradex.component;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradex.core.progress.ProgressEvent;
import dev.gradex.core.progress.Work;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.OptionalDouble;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ComponentProgressTest {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final AtomicLong nanos = new AtomicLong();

  private ComponentProgress printer(String name, boolean quiet) {
    return new ComponentProgress(
        new ProgressReporter(
            new PrintStream(bytes, true, StandardCharsets.UTF_8), quiet, false, nanos::get),
        name);
  }

  private String[] lines() {
    return bytes.toString(StandardCharsets.UTF_8).split("\n");
  }

  @Test
  void aResumedTrainingPrintsItsStartEveryTenthOfTheStepsWithEtaAndEachEpoch() {
    ComponentProgress p = printer("meta-train", false);
    p.on(new ProgressEvent.WorkStarted(Work.STEPS, 10, 5, true));
    for (int step = 6; step <= 10; step++) {
      nanos.addAndGet(250_000_000L); // 4 steps/s
      p.on(new ProgressEvent.TrainingStep(step, 10, 1, 0.5, 1e-4, 1.0, 900));
      p.on(new ProgressEvent.CheckpointWritten(step, Path.of("ckpt/state.bin")));
    }
    p.on(new ProgressEvent.EpochEvaluated(1, 0.51234, 0.61234, true));
    p.on(new ProgressEvent.EpochEvaluated(2, 0.4, Double.NaN, false));
    p.on(new ProgressEvent.StageDone("meta-train", "{train_loss=0.4}"));
    assertThat(lines())
        .containsExactly(
            "gradex: meta-train: resumed at step 5 of 10",
            "gradex: meta-train steps 5/10",
            "gradex: meta-train steps 6/10 (4.00/s, ETA 0:01)",
            "gradex: meta-train steps 7/10 (4.00/s, ETA 0:01)",
            "gradex: meta-train steps 8/10 (4.00/s, ETA 0:01)",
            "gradex: meta-train steps 9/10 (4.00/s, ETA 0:00)",
            "gradex: meta-train steps 10/10 (4.00/s, took 0:01)",
            "gradex: meta-train: epoch 2 train loss 0.5123, target validation loss 0.6123 (best)",
            "gradex: meta-train: epoch 3 train loss 0.4000, target validation loss -",
            "gradex: meta-train done: {train_loss=0.4}");
  }

  @Test
  void aGradientShardPrintsItsPlanTruncationAndEachCommittedChunk() {
    ComponentProgress p = printer("extract-gradients", false);
    p.on(new ProgressEvent.Truncated(3, 40, 128));
    p.on(new ProgressEvent.WorkStarted(Work.CHUNKS, 4, 1, true));
    p.on(new ProgressEvent.WorkStarted(Work.EXAMPLES, 40, 0, false));
    p.on(new ProgressEvent.WorkAdvanced(Work.EXAMPLES, 20, 40, OptionalDouble.of(100)));
    p.on(new ProgressEvent.BatchRecomputed("ex-7"));
    p.on(new ProgressEvent.ChunkCommitted(1, 4));
    p.on(new ProgressEvent.WorkFinished(Work.EXAMPLES, 30, 900, 3));
    assertThat(lines())
        .containsExactly(
            "gradex: 3 of 40 examples truncated to 128 tokens",
            "gradex: 40 examples in 4 chunks, 1 already done",
            "gradex: chunk 2/4 written");
  }

  @Test
  void subsetsAdvanceByWhatWasJournaledAndWarningsShowEvenWhenQuiet() {
    ComponentProgress p = printer("estimate-subsets", false);
    p.on(new ProgressEvent.Phase("per-task statistics over 4 tasks"));
    p.on(new ProgressEvent.WorkStarted(Work.SUBSETS, 20, 4, true));
    nanos.addAndGet(1_000_000_000L);
    p.on(new ProgressEvent.WorkAdvanced(Work.SUBSETS, 12, 20, OptionalDouble.empty()));
    nanos.addAndGet(1_000_000_000L);
    p.on(new ProgressEvent.WorkAdvanced(Work.SUBSETS, 20, 20, OptionalDouble.empty()));
    p.on(new ProgressEvent.Warning("discarding a partial run journal"));
    printer("estimate-subsets", true).on(new ProgressEvent.Phase("not shown"));
    printer("estimate-subsets", true).on(new ProgressEvent.Warning("shown"));
    assertThat(lines())
        .containsExactly(
            "gradex: per-task statistics over 4 tasks",
            "gradex: subsets 4/20",
            "gradex: subsets 12/20 (8.00/s, ETA 0:01)",
            "gradex: subsets 20/20 (8.00/s, took 0:02)",
            "gradex: warning: discarding a partial run journal",
            "gradex: warning: shown");
  }
}
