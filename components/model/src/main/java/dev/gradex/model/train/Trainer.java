package dev.gradex.model.train;

import ai.djl.ndarray.NDManager;
import dev.gradex.core.InvalidInputException;
import dev.gradex.core.progress.ProgressEvent;
import dev.gradex.core.progress.Work;
import dev.gradex.model.LanguageModel;
import dev.gradex.model.ModelRuntime;
import dev.gradex.model.NamedParameter;
import dev.gradex.model.NativeExitGuard;
import dev.gradex.model.TransientArrays;
import dev.gradex.model.data.Batch;
import dev.gradex.model.data.Encoded;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;

/**
 * The training loop of GradEx's meta-training (stage 1: multitask LoRA fine-tuning on all tasks,
 * keeping the epoch with the best target validation loss) and final fine-tuning (stage 5) in Li,
 * Zhang, Wang, Zhang, "Scalable Fine-tuning from Multiple Data Sources: A First-Order Approximation
 * Approach", EMNLP Findings 2024, arXiv 2409.19458.
 *
 * <p>Minimises the mean token cross-entropy of the supervised tokens with {@link AdamW}, warm-up
 * then linear or cosine decay, global-norm clipping and gradient accumulation; each epoch visits
 * the examples in batches cut by {@link BatchPlan} (a seeded shuffle, grouped by length with {@link
 * Batching#BY_LENGTH}). The length is {@code epochs} passes, or with {@link
 * TrainerConfig#optMaxSteps} exactly that many optimizer steps (passes repeat until it is spent;
 * the target validation loss is evaluated after every full pass and at the last step). With a
 * checkpoint directory it writes {@code last.safetensors} (weights, moments, loop position) at
 * epoch ends and every {@code checkpointEvery} steps, resumes from it when present, and keeps the
 * best adapter in {@code best/}.
 */
public final class Trainer {
  private final TrainerConfig c;

  Trainer(TrainerConfig config) {
    this.c = config;
  }

  /** A new configuration builder. */
  public static TrainerConfig builder() {
    return new TrainerConfig();
  }

  /** Optimizer steps per epoch. */
  long stepsPerEpoch() {
    long micro = (c.train.size() + c.batchSize - 1) / c.batchSize;
    return (micro + c.accumulation - 1) / c.accumulation;
  }

  /** Optimizer steps of the whole run: the step budget, or the epochs' steps without one. */
  long totalSteps() {
    return c.maxSteps > 0 ? c.maxSteps : stepsPerEpoch() * c.epochs;
  }

  /**
   * The plan a checkpoint must match to be resumed. Batching and the budget are appended only when
   * not the original plain shuffle over epochs, so checkpoints written before they existed resume.
   */
  private String plan() {
    String plan =
        c.train.size() + "x" + c.epochs + "/" + c.batchSize + "*" + c.accumulation + "@" + c.seed;
    if (c.batching != Batching.RANDOM) {
      plan += "+" + c.batching.id();
    }
    return c.maxSteps > 0 ? plan + "+max" + c.maxSteps : plan;
  }

  /** Trains {@code model}'s trainable parameters in place (LoRA applied or loaded). */
  public TrainResult train(LanguageModel model) {
    List<NamedParameter> params = model.trainableParameters();
    if (params.isEmpty()) {
      throw new IllegalStateException("the model has no trainable parameters; apply LoRA first");
    }
    if (c.recompute) {
      BatchBackward.requireRecompute(model);
    }
    long total = totalSteps();
    long warmup = (long) Math.ceil(c.warmupRatio * total);
    String plan = plan();
    try (AdamW opt = new AdamW(params, c.weightDecay)) {
      TrainState s = new TrainState();
      s.plan = plan;
      boolean resumed = false;
      float[][][] best = {null};
      if (c.checkpointDir != null
          && Files.isRegularFile(c.checkpointDir.resolve(Checkpoint.FILE))) {
        try (NativeExitGuard.Section load = NativeExitGuard.enter()) {
          s = Checkpoint.load(c.checkpointDir.resolve(Checkpoint.FILE), params, opt, best);
        }
        if (!plan.equals(s.plan)) {
          throw new InvalidInputException(
              c.checkpointDir.toString(),
              "checkpoint is of another training plan (" + s.plan + " vs " + plan + ")");
        }
        resumed = true;
      }
      opt.zeroGradients();
      c.listener.on(new ProgressEvent.WorkStarted(Work.STEPS, total, s.step, resumed));
      Throughput done = Throughput.NONE;
      while (c.maxSteps > 0 ? s.step < c.maxSteps : s.epoch < c.epochs) {
        List<List<Encoded>> micro = BatchPlan.of(c.train, c.batchSize, c.batching, c.seed, s.epoch);
        while (s.microBatch < micro.size() && !budgetSpent(s)) {
          long t0 = System.nanoTime();
          int end = Math.min(micro.size(), s.microBatch + c.accumulation);
          List<List<Encoded>> group = micro.subList(s.microBatch, end);
          long groupTokens = 0;
          for (List<Encoded> b : group) {
            for (Encoded e : b) {
              groupTokens += e.targetTokens();
            }
          }
          double lossSum = 0;
          long examples = 0;
          long input = 0;
          long padded = 0;
          double lr = c.schedule.rate(c.learningRate, s.step, warmup, total);
          double norm;
          // one optimizer step is one native section: the JVM never exits inside it (issue 18)
          try (NativeExitGuard.Section step = NativeExitGuard.enter()) {
            for (List<Encoded> b : group) {
              lossSum += forwardBackward(model, b, groupTokens, c.recompute);
              examples += b.size();
              input += BatchPlan.inputTokens(b);
              padded += BatchPlan.paddedTokens(b);
            }
            try (TransientArrays scope = new TransientArrays(model.manager())) {
              norm = opt.step(lr, c.clip);
            }
          }
          done = done.plus(examples, input, padded, groupTokens, (System.nanoTime() - t0) / 1e9);
          s.step++;
          s.microBatch = end;
          s.epochLossSum += lossSum;
          s.epochTokens += groupTokens;
          s.steps.add(
              new TrainingCurves.Step(
                  s.step, s.epoch, lossSum / groupTokens, lr, norm, System.currentTimeMillis()));
          if (c.checkpointDir != null
              && c.checkpointEvery > 0
              && s.step % c.checkpointEvery == 0
              && s.microBatch < micro.size()
              && !budgetSpent(s)) {
            checkpoint(s, params, opt, best[0]);
          }
          c.listener.on(
              new ProgressEvent.TrainingStep(
                  s.step,
                  total,
                  s.epoch,
                  lossSum / groupTokens,
                  lr,
                  norm,
                  done.realTokensPerSecond()));
        }
        best[0] = endEpoch(model, s, params, best[0]);
        s.epoch++;
        s.microBatch = 0;
        s.epochLossSum = 0;
        s.epochTokens = 0;
        if (c.checkpointDir != null) {
          checkpoint(s, params, opt, best[0]);
        }
      }
      if (c.restoreBest && best[0] != null) {
        try (NativeExitGuard.Section restore = NativeExitGuard.enter()) {
          for (int i = 0; i < params.size(); i++) {
            Checkpoint.set(params.get(i), best[0][i]);
          }
        }
      }
      double lastTrain =
          s.epochs.isEmpty() ? Double.NaN : s.epochs.get(s.epochs.size() - 1).trainLoss();
      return new TrainResult(
          s.step,
          lastTrain,
          List.copyOf(s.validationLosses),
          s.bestEpoch,
          s.bestLoss,
          new TrainingCurves(s.steps, s.epochs),
          done);
    }
  }

  private boolean budgetSpent(TrainState s) {
    return c.maxSteps > 0 && s.step >= c.maxSteps;
  }

  private float[][] endEpoch(
      LanguageModel model, TrainState s, List<NamedParameter> params, float[][] best) {
    double trainLoss = s.epochLossSum / Math.max(1, s.epochTokens);
    EvalResult val = null;
    boolean isBest = false;
    if (c.validation != null) {
      val = Evaluator.evaluate(model, c.validation, c.evalBatchSize);
      s.validationLosses.add(val.loss());
      isBest = Double.isFinite(val.loss()) && (Double.isNaN(s.bestLoss) || val.loss() < s.bestLoss);
      if (isBest) {
        s.bestLoss = val.loss();
        s.bestEpoch = s.epoch;
        best = new float[params.size()][];
        try (NativeExitGuard.Section copy = NativeExitGuard.enter()) {
          for (int i = 0; i < params.size(); i++) {
            best[i] = Checkpoint.values(params.get(i));
          }
          if (c.checkpointDir != null) {
            saveBest(model);
          }
        }
      }
    }
    s.epochs.add(
        new TrainingCurves.Epoch(
            s.epoch, s.step, trainLoss, val == null ? Double.NaN : val.loss()));
    c.listener.on(
        new ProgressEvent.EpochEvaluated(
            s.epoch, trainLoss, val == null ? Double.NaN : val.loss(), isBest));
    return best;
  }

  private void saveBest(LanguageModel model) {
    try {
      model.saveAdapter(c.checkpointDir.resolve("best"), c.baseModelName);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot save the best adapter in " + c.checkpointDir, e);
    }
  }

  private void checkpoint(TrainState s, List<NamedParameter> params, AdamW opt, float[][] best) {
    try (NativeExitGuard.Section save = NativeExitGuard.enter()) {
      Checkpoint.save(c.checkpointDir, s, params, opt, best);
    }
    c.listener.on(
        new ProgressEvent.CheckpointWritten(s.step, c.checkpointDir.resolve(Checkpoint.FILE)));
  }

  /** Sum of token losses of a micro-batch; backpropagates its share of the group's mean. */
  private static double forwardBackward(
      LanguageModel model, List<Encoded> b, long groupTokens, boolean recompute) {
    try (TransientArrays scope = new TransientArrays(model.manager());
        NDManager m = ModelRuntime.newManager(model.manager().getDevice())) {
      return BatchBackward.run(model, Batch.of(b, m), groupTokens, recompute);
    }
  }
}
