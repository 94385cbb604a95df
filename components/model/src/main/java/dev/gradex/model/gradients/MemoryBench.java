package dev.gradex.model.gradients;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import dev.gradex.core.InvalidInputException;
import dev.gradex.model.LanguageModel;
import dev.gradex.model.ModelRuntime;
import dev.gradex.model.TransientArrays;
import dev.gradex.model.data.Batch;
import dev.gradex.model.data.Encoded;
import dev.gradex.model.train.AdamW;
import dev.gradex.model.train.BatchBackward;
import dev.gradex.model.train.Evaluator;
import java.util.List;
import java.util.Locale;

/**
 * Peak native memory per padded token of one batch of a {@link BenchModel} (the synthetic
 * GPT-2-shaped decoder with LoRA on every linear layer, or a real model directory): the growth of
 * the process's resident set (VmHWM, reset before the batch) over the resident set after loading
 * and a one-example warm-up, divided by the batch's padded tokens. One phase per process, so that
 * memory the allocator keeps from an earlier phase does not hide the next one's. A large {@code
 * vocab} shows the vocabulary-sized terms of the objective (issue 17).
 *
 * @param model the model (the synthetic decoder or a real directory)
 * @param batch examples per batch
 * @param seq tokens per example (the first 8 are an unsupervised prompt)
 * @param phase what the batch runs through
 * @param recompute whether a training step recomputes the layers ({@link BatchBackward})
 */
public record MemoryBench(BenchModel model, int batch, int seq, Phase phase, boolean recompute) {

  /** What the measured batch runs through. */
  public enum Phase {
    /** A LoRA training step: forward, backward of the token loss ({@link BatchBackward}), AdamW. */
    TRAIN,
    /** Evaluation: loss and example outputs without gradients ({@link Evaluator}). */
    EVAL,
    /** Stage 2's per-example outputs and gradients ({@link PerExampleGradients}). */
    EXTRACT;

    /** The phase named {@code id} (case-insensitive). */
    public static Phase parse(String id) {
      for (Phase p : values()) {
        if (p.id().equalsIgnoreCase(id)) {
          return p;
        }
      }
      throw new InvalidInputException(
          "--memory", "'" + id + "' is not a phase (train, eval or extract)");
    }

    /** The lower-case name used on the command line. */
    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * One measurement.
   *
   * @param phase what the batch ran through
   * @param paddedTokens batch x seq
   * @param supervisedTokens supervised target tokens of the batch
   * @param baselineMb resident set before the batch (model, warm-up)
   * @param peakMb peak resident set during the batch
   * @param resetPeak whether the peak was reset before the batch (else it is the process's)
   */
  public record Result(
      Phase phase,
      long paddedTokens,
      long supervisedTokens,
      double baselineMb,
      double peakMb,
      boolean resetPeak) {
    /** Peak growth per padded token, in MiB. */
    public double mbPerPaddedToken() {
      return (peakMb - baselineMb) / paddedTokens;
    }
  }

  /** Loads the model, warms up on one short example, then measures one batch. */
  public Result run() {
    Device cpu = Device.cpu();
    int vocab = model.vocab();
    try (LanguageModel m = model.open(cpu)) {
      try (AdamW opt = new AdamW(m.trainableParameters(), 0.0)) {
        PerExampleGradients peg = new PerExampleGradients(m);
        List<Encoded> examples = GradientBench.examples(batch, seq, vocab);
        runPhase(m, opt, peg, GradientBench.examples(1, 9, vocab));
        double baseline = ProcessMemory.rssMb();
        boolean reset = ProcessMemory.resetPeak();
        runPhase(m, opt, peg, examples);
        double peak = ProcessMemory.peakRssMb();
        long supervised = examples.stream().mapToLong(Encoded::targetTokens).sum();
        return new Result(phase, (long) batch * seq, supervised, baseline, peak, reset);
      }
    }
  }

  private void runPhase(LanguageModel m, AdamW opt, PerExampleGradients peg, List<Encoded> ex) {
    switch (phase) {
      case TRAIN -> {
        try (NDManager s = ModelRuntime.newManager(Device.cpu())) {
          GradientBench.trainStep(m, opt, Batch.of(ex, s), recompute);
        }
      }
      case EVAL -> Evaluator.evaluate(m, ex, ex.size());
      case EXTRACT -> {
        try (TransientArrays scope = new TransientArrays(m.manager());
            NDManager s = ModelRuntime.newManager(Device.cpu())) {
          peg.compute(Batch.of(ex, s)).outputs().toFloatArray();
        }
      }
    }
  }
}
