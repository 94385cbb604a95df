package dev.gradex.cli.bench;

import ai.djl.Device;
import dev.gradex.core.progress.ProgressEvent;
import dev.gradex.core.progress.ProgressListener;
import dev.gradex.model.LanguageModel;
import dev.gradex.model.ModelRuntime;
import dev.gradex.model.arch.HfModels;
import dev.gradex.model.data.Dataset;
import dev.gradex.model.data.Encoded;
import dev.gradex.model.data.ExampleEncoder;
import dev.gradex.model.data.SequenceLimit;
import dev.gradex.model.lora.LoraConfig;
import dev.gradex.model.tokenizer.TextTokenizer;
import dev.gradex.model.train.BatchPlan;
import dev.gradex.model.train.Batching;
import dev.gradex.model.train.Trainer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One measurement of {@code gradex bench train}, in this JVM: LoRA training of a real Hugging Face
 * model (the stages' LoRA defaults) with the real {@link Trainer} on a JSONL file, {@code warmUp}
 * untimed optimizer steps, then {@code steps} timed ones. The tokens of the timed steps come from
 * the same {@link BatchPlan} the trainer follows.
 *
 * @param model Hugging Face model directory
 * @param data JSONL examples ({@code text}/{@code label} or {@code prompt}/{@code completion})
 * @param limit the sequence limit the examples are encoded under
 * @param batchSize examples per step
 * @param warmUp untimed steps first
 * @param steps timed steps
 * @param seed seed of the LoRA initialisation and the batches
 * @param recompute whether the layers are recomputed in the backward pass
 */
record TrainBench(
    Path model,
    Path data,
    SequenceLimit limit,
    int batchSize,
    int warmUp,
    int steps,
    long seed,
    boolean recompute) {

  /** Times {@code batching}; returns the figures (one JSON object's fields). */
  Map<String, Object> run(Batching batching) {
    Device cpu = Device.cpu();
    try (LanguageModel m = HfModels.load(model, cpu, seed);
        TextTokenizer tok = TextTokenizer.load(model)) {
      m.applyLora(LoraConfig.defaults(m.config().family()), seed);
      List<Encoded> train =
          ExampleEncoder.forModel(m.config(), tok, limit)
              .encodeAll(Dataset.read(data, "bench").examples());
      long[] marks = new long[2];
      ProgressListener clock =
          e -> {
            if (e instanceof ProgressEvent.TrainingStep s) {
              if (s.step() == warmUp) {
                marks[0] = System.nanoTime();
              }
              if (s.step() == warmUp + steps) {
                marks[1] = System.nanoTime();
              }
            }
          };
      long start = System.nanoTime();
      Trainer.builder()
          .setTrainData(train)
          .setEpochs(1)
          .setLearningRate(1e-3)
          .optBatchSize(batchSize)
          .optBatching(batching)
          .optMaxSteps(warmUp + steps)
          .optSeed(seed)
          .optRecompute(recompute)
          .optListener(clock)
          .build()
          .train(m);
      if (warmUp == 0) {
        marks[0] = start;
      }
      double seconds = (marks[1] - marks[0]) / 1e9;
      long[] tokens = timedTokens(train, batching);
      ModelRuntime.Threads threads = ModelRuntime.threads();
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("threads", threads.intraOp());
      r.put("interop_threads", threads.interOp());
      r.put("batching", batching.id());
      r.put("examples", train.size());
      r.put("batch_size", batchSize);
      r.put("timed_steps", steps);
      r.put("seconds", seconds);
      r.put("examples_per_s", tokens[0] / seconds);
      r.put("real_tokens_per_s", tokens[1] / seconds);
      r.put("padded_tokens_per_s", tokens[2] / seconds);
      r.put("padding_ratio", (double) tokens[2] / tokens[1]);
      return r;
    }
  }

  /** {examples, real input tokens, padded input tokens} of the timed steps. */
  private long[] timedTokens(List<Encoded> train, Batching batching) {
    List<List<Encoded>> order = new ArrayList<>();
    for (int e = 0; order.size() < warmUp + steps; e++) {
      order.addAll(BatchPlan.of(train, batchSize, batching, seed, e));
    }
    long[] t = new long[3];
    for (List<Encoded> b : order.subList(warmUp, warmUp + steps)) {
      t[0] += b.size();
      t[1] += BatchPlan.inputTokens(b);
      t[2] += BatchPlan.paddedTokens(b);
    }
    return t;
  }
}
