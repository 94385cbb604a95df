package dev.gradex.tests;

import ai.djl.Device;
import dev.gradex.core.progress.ProgressEvent;
import dev.gradex.model.LanguageModel;
import dev.gradex.model.ModelRuntime;
import dev.gradex.model.arch.HfModels;
import dev.gradex.model.data.Encoded;
import dev.gradex.model.data.Example;
import dev.gradex.model.data.ExampleEncoder;
import dev.gradex.model.data.SequenceLimit;
import dev.gradex.model.lora.LoraConfig;
import dev.gradex.model.tokenizer.TextTokenizer;
import dev.gradex.model.train.TrainResult;
import dev.gradex.model.train.Trainer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A test-only main, the child JVM of {@link TrainingStressIT}: LoRA training steps (forward and
 * backward through DJL's gradient collector, the AdamW step) of a Hugging Face encoder on tiny
 * batches of short texts, through the production {@link Trainer}, {@code steps} of them in this one
 * JVM, with a {@code System.gc()} after every step when asked. The thread counts come from the JVM
 * options ({@code -Dai.djl.pytorch.num_threads}, {@code num_interop_threads}). Arguments: model
 * directory, steps, {@code gc} or {@code no-gc}, batch size. Prints one result line.
 */
final class StressTrainMain {
  private StressTrainMain() {}

  public static void main(String[] args) throws Exception {
    Path model = Path.of(args[0]);
    long steps = Long.parseLong(args[1]);
    boolean gc = args[2].equals("gc");
    int batch = Integer.parseInt(args[3]);
    long t0 = System.nanoTime();
    try (LanguageModel m = HfModels.load(model, Device.cpu(), 7);
        TextTokenizer tok = TextTokenizer.load(model)) {
      LoraConfig d = LoraConfig.defaults(m.config().family());
      m.applyLora(new LoraConfig(4, 8, d.dropout(), d.targetModules(), d.modulesToSave()), 7);
      ExampleEncoder enc = ExampleEncoder.forModel(m.config(), tok, SequenceLimit.MODEL);
      List<Example> examples = new ArrayList<>();
      for (int i = 0; i < 32; i++) {
        String text = (i % 2 == 1 ? "a good and kind day" : "a bad and cruel day") + " number " + i;
        examples.add(Example.classification("s" + i, "stress", text, i % 2));
      }
      List<Encoded> data = enc.encodeAll(examples);
      long[] seen = {0};
      TrainResult r =
          Trainer.builder()
              .setTrainData(data)
              .setEpochs(1)
              .setLearningRate(1e-4)
              .optBatchSize(batch)
              .optMaxSteps(steps)
              .optWarmupRatio(0)
              .optSeed(7)
              .optListener(
                  e -> {
                    if (e instanceof ProgressEvent.TrainingStep s) {
                      seen[0] = s.step();
                      if (gc) {
                        System.gc();
                      }
                      if (s.step() % 500 == 0) {
                        System.out.printf("stress: step %d, loss %.4f%n", s.step(), s.loss());
                      }
                    }
                  })
              .build()
              .train(m);
      double seconds = (System.nanoTime() - t0) / 1e9;
      System.out.printf(
          "stress result: steps %d, %s, %s, batch %d, %.1f s, %.2f steps/s, last loss %.4f%n",
          r.steps(),
          ModelRuntime.threads(),
          gc ? "System.gc() after every step" : "no GC between steps",
          batch,
          seconds,
          r.steps() / seconds,
          r.curves().steps().get(r.curves().steps().size() - 1).trainLoss());
      if (r.steps() != steps || seen[0] != steps) {
        throw new AssertionError("trained " + r.steps() + " of " + steps + " steps");
      }
    }
  }
}
