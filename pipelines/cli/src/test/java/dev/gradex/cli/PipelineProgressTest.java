package dev.gradex.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradex.cli.progress.PipelineProgress;
import dev.gradex.component.ProgressReporter;
import dev.gradex.core.progress.ProgressEvent;
import dev.gradex.core.progress.Work;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.OptionalDouble;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class PipelineProgressTest {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final AtomicLong nanos = new AtomicLong();
  private final PipelineProgress printer =
      new PipelineProgress(
          new ProgressReporter(
              new PrintStream(bytes, true, StandardCharsets.UTF_8), false, false, nanos::get));

  private String[] lines() {
    return bytes.toString(StandardCharsets.UTF_8).split("\n");
  }

  @Test
  void aResumedRunShowsItsPositionTheResumePointsRatesEtaAndStageDoneLines() {
    printer.on(new ProgressEvent.StageStarted(2, 8, "meta-train"));
    printer.on(new ProgressEvent.WorkStarted(Work.STEPS, 4, 2, true));
    for (int step = 3; step <= 4; step++) {
      nanos.addAndGet(500_000_000L); // 2 steps/s
      printer.on(new ProgressEvent.TrainingStep(step, 4, 0, 0.7, 1e-4, 2.0, 500));
    }
    printer.on(new ProgressEvent.EpochEvaluated(0, 0.70001, 0.80004, true));
    printer.on(new ProgressEvent.StageDone("meta-train", "{train_loss=0.7}"));
    printer.on(new ProgressEvent.StageStarted(3, 8, "extract-gradients"));
    printer.on(new ProgressEvent.Truncated(1, 10, 64));
    printer.on(new ProgressEvent.WorkStarted(Work.CHUNKS, 5, 2, true));
    printer.on(new ProgressEvent.WorkStarted(Work.EXAMPLES, 10, 0, false));
    nanos.addAndGet(1_000_000_000L);
    printer.on(new ProgressEvent.WorkAdvanced(Work.EXAMPLES, 6, 10, OptionalDouble.of(80)));
    printer.on(new ProgressEvent.ChunkCommitted(2, 5));
    nanos.addAndGet(1_000_000_000L);
    printer.on(new ProgressEvent.WorkAdvanced(Work.EXAMPLES, 10, 10, OptionalDouble.of(80)));
    printer.on(new ProgressEvent.Completed("gradient store", "10 training examples, d=8"));
    printer.on(ProgressEvent.StageStarted.step("fidelity 1/2: s1 (fhat 0.5000, a b)"));
    printer.on(new ProgressEvent.WorkStarted(Work.STEPS, 3, 0, false));
    printer.on(new ProgressEvent.EpochEvaluated(0, 0.5, Double.NaN, false));
    printer.on(new ProgressEvent.Phase("per-task statistics over 2 tasks"));
    printer.on(new ProgressEvent.WorkStarted(Work.SUBSETS, 4, 0, false));
    printer.on(new ProgressEvent.WorkAdvanced(Work.SUBSETS, 4, 4, OptionalDouble.empty()));
    printer.on(new ProgressEvent.Warning("tracking is behind"));
    assertThat(lines())
        .containsExactly(
            "gradex: stage 2/8: meta-train",
            "gradex: meta-train: resuming from its checkpoint at step 2",
            "gradex: meta-train steps 2/4",
            "gradex: meta-train steps 3/4 (2.00/s, ETA 0:01)",
            "gradex: meta-train steps 4/4 (2.00/s, took 0:01)",
            "gradex: meta-train epoch 1: train loss 0.7000, target validation loss 0.8000 (best)",
            "gradex: meta-train done {train_loss=0.7}",
            "gradex: stage 3/8: extract-gradients",
            "gradex: gradients: resuming, 2 of 5 chunks committed",
            "gradex: gradients 0/10",
            "gradex: gradients 6/10 (6.00/s, ETA 0:01)",
            "gradex: gradients 10/10 (5.00/s, took 0:02)",
            "gradex: gradient store complete",
            "gradex: fidelity 1/2: s1 (fhat 0.5000, a b)",
            "gradex: fidelity 1/2: s1 (fhat 0.5000, a b) steps 0/3",
            "gradex: fidelity 1/2: s1 (fhat 0.5000, a b) epoch 1: train loss 0.5000,"
                + " target validation loss -",
            "gradex: per-task statistics over 2 tasks",
            "gradex: subsets 0/4",
            "gradex: subsets 4/4",
            "gradex: warning: tracking is behind");
  }
}
