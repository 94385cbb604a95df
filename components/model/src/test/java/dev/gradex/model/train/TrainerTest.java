package dev.gradex.model.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import dev.gradex.core.InvalidInputException;
import dev.gradex.core.progress.ProgressEvent;
import dev.gradex.model.LanguageModel;
import dev.gradex.model.arch.TinyDecoder;
import dev.gradex.model.data.Encoded;
import dev.gradex.model.data.Example;
import dev.gradex.model.data.ExampleEncoder;
import dev.gradex.model.lora.LoraConfig;
import dev.gradex.model.tokenizer.CharTokenizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainerTest {
  private static final CharTokenizer CHARS = new CharTokenizer("abcdef=");
  @TempDir Path dir;

  /** The copy task: "abc=" -> "abc" over 3 letters of 6; 216 strings, every 4th held out. */
  private static List<List<Encoded>> copyTask(LanguageModel m) {
    ExampleEncoder enc = ExampleEncoder.forModel(m.config(), CHARS);
    List<Encoded> train = new ArrayList<>();
    List<Encoded> val = new ArrayList<>();
    String letters = "abcdef";
    int i = 0;
    for (char a : letters.toCharArray()) {
      for (char b : letters.toCharArray()) {
        for (char c : letters.toCharArray()) {
          String s = "" + a + b + c;
          Encoded e = enc.encode(Example.lm("copy/" + i, "copy", s + "=", s));
          (i++ % 4 == 0 ? val : train).add(e);
        }
      }
    }
    return List.of(train, val);
  }

  /** A 2-layer GPT-2 trained in full (every module in modules_to_save) from scratch. */
  private static LanguageModel fromScratch() {
    LanguageModel m = TinyDecoder.create(TinyDecoder.config(8, 8, 32, 2, 4), Device.cpu(), 3);
    m.applyLora(
        new LoraConfig(
            2,
            4,
            0,
            List.of("c_attn"),
            List.of("wte", "wpe", "ln_1", "ln_2", "ln_f", "c_attn", "c_proj", "c_fc")),
        4);
    return m;
  }

  private static TrainerConfig config(List<List<Encoded>> data, int epochs) {
    return Trainer.builder()
        .setTrainData(data.get(0))
        .optValidation(data.get(1))
        .setEpochs(epochs)
        .setLearningRate(1e-2)
        .optWeightDecay(0.01)
        .optSchedule(Schedule.COSINE)
        .optWarmupRatio(0.05)
        .optBatchSize(16)
        .optAccumulation(2)
        .optSeed(5);
  }

  @Test
  @Tag("slow")
  void tinyDecoderFromScratchLearnsTheCopyTaskToValidationLossBelow0point1() {
    try (LanguageModel m = fromScratch()) {
      List<List<Encoded>> data = copyTask(m);
      AtomicInteger epochs = new AtomicInteger();
      TrainResult r =
          config(data, 25)
              .optListener(
                  e -> {
                    if (e instanceof ProgressEvent.EpochEvaluated) {
                      epochs.incrementAndGet();
                    }
                  })
              .build()
              .train(m);
      System.out.printf(
          java.util.Locale.ROOT,
          "copy task from scratch: validation loss %.4f after epoch 1, best %.4f (epoch %d)%n",
          r.validationLosses().get(0),
          r.bestValidationLoss(),
          r.bestEpoch() + 1);
      assertThat(epochs.get()).isEqualTo(25);
      // Uniform guessing over 8 tokens costs ln 8 = 2.08 nats per token.
      assertThat(r.validationLosses().get(0)).isGreaterThan(0.5);
      assertThat(r.bestValidationLoss()).isLessThan(0.1);
      assertThat(Evaluator.evaluate(m, data.get(1), 64).loss())
          .as("best weights restored")
          .isCloseTo(r.bestValidationLoss(), within(1e-6));
    }
  }

  @Test
  @Tag("slow")
  void killedTrainingResumedFromItsCheckpointEndsBitwiseEqualToTheUninterruptedRun() {
    double uninterrupted;
    TrainingCurves uninterruptedCurves;
    try (LanguageModel m = fromScratch()) {
      TrainResult u = config(copyTask(m), 3).build().train(m);
      uninterrupted = u.validationLosses().get(2);
      uninterruptedCurves = u.curves();
    }
    Path ckpt = dir.resolve("ckpt");
    try (LanguageModel m = fromScratch()) {
      TrainerConfig crashing =
          config(copyTask(m), 3)
              .optCheckpointDir(ckpt)
              .optCheckpointEvery(2)
              .optListener(
                  e -> {
                    if (e instanceof ProgressEvent.TrainingStep s && s.step() == 9) {
                      throw new IllegalStateException("killed at step 9");
                    }
                  });
      assertThatThrownBy(() -> crashing.build().train(m)).hasMessageContaining("killed");
    }
    assertThat(ckpt.resolve("last.safetensors")).exists();
    try (LanguageModel m = fromScratch()) {
      AtomicInteger firstStep = new AtomicInteger(-1);
      TrainResult r =
          config(copyTask(m), 3)
              .optCheckpointDir(ckpt)
              .optCheckpointEvery(2)
              .optListener(
                  e -> {
                    if (e instanceof ProgressEvent.WorkStarted w) {
                      firstStep.set((int) w.alreadyDone());
                    }
                  })
              .build()
              .train(m);
      assertThat(firstStep.get()).isEqualTo(8); // the last checkpoint before the crash
      System.out.printf(
          java.util.Locale.ROOT,
          "resume: final validation loss %.7f, uninterrupted %.7f%n",
          r.validationLosses().get(2),
          uninterrupted);
      // Bitwise: the same kernels on the same values (a tolerance here once hid wrong gradients).
      assertThat(r.validationLosses().get(2)).isEqualTo(uninterrupted);
      assertThat(Files.isRegularFile(ckpt.resolve("best/adapter_model.safetensors"))).isTrue();
      assertCurvesWholeAndEqual(r, uninterruptedCurves);
    }
  }

  /** Every step once, in order (none lost before the crash, none repeated after), every epoch. */
  private void assertCurvesWholeAndEqual(TrainResult resumed, TrainingCurves uninterrupted) {
    TrainingCurves c = resumed.curves();
    assertThat(c.steps())
        .extracting(TrainingCurves.Step::step)
        .containsExactlyElementsOf(
            java.util.stream.LongStream.rangeClosed(1, resumed.steps()).boxed().toList());
    assertThat(c.steps()).hasSameSizeAs(uninterrupted.steps());
    for (int i = 0; i < c.steps().size(); i++) {
      assertThat(c.steps().get(i).trainLoss())
          .as("step %d", i + 1)
          .isEqualTo(uninterrupted.steps().get(i).trainLoss());
      assertThat(c.steps().get(i).gradNorm())
          .as("step %d gradient norm", i + 1)
          .isEqualTo(uninterrupted.steps().get(i).gradNorm());
      assertThat(c.steps().get(i).lr()).isEqualTo(uninterrupted.steps().get(i).lr());
    }
    assertThat(c.epochs()).extracting(TrainingCurves.Epoch::epoch).containsExactly(0, 1, 2);
    assertThat(c.epochs())
        .extracting(TrainingCurves.Epoch::validationLoss)
        .containsExactlyElementsOf(resumed.validationLosses());
    c.write(dir.resolve("curves.csv"));
    assertThat(TrainingCurves.read(dir.resolve("curves.csv"))).isEqualTo(c);
  }

  @Test
  void outputLossEqualsTokenLossWhenEveryExampleHasOneSupervisedToken() {
    // sigma(u) = p for the gold token's logit-odds u, so log(1 + exp(-u)) = -log p: with one
    // supervised token per example, f in fhat's units and the token cross-entropy coincide.
    try (LanguageModel m = fromScratch()) {
      ExampleEncoder enc = ExampleEncoder.forModel(m.config(), CHARS);
      List<Encoded> data = new ArrayList<>();
      for (char a : "abcdef".toCharArray()) {
        data.add(enc.encode(Example.lm("one/" + a, "one", a + "=", String.valueOf(a))));
      }
      EvalResult r = Evaluator.evaluate(m, data, 4);
      assertThat(r.outputLoss()).isCloseTo(r.loss(), within(1e-5));
    }
  }

  @Test
  void missingSettingsAreReportedTogether() {
    assertThatThrownBy(() -> Trainer.builder().optAccumulation(0).build())
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("training data")
        .hasMessageContaining("epochs")
        .hasMessageContaining("learning rate")
        .hasMessageContaining("accumulation");
  }

  @Test
  void scheduleWarmsUpLinearlyThenDecaysToZero() {
    assertThat(Schedule.LINEAR.rate(1, 0, 4, 10)).isEqualTo(0.25);
    assertThat(Schedule.LINEAR.rate(1, 3, 4, 10)).isEqualTo(1.0);
    assertThat(Schedule.LINEAR.rate(1, 7, 4, 10)).isEqualTo(0.5);
    assertThat(Schedule.COSINE.rate(1, 7, 4, 10)).isCloseTo(0.5, within(1e-12));
    assertThat(Schedule.COSINE.rate(1, 10, 4, 10)).isCloseTo(0, within(1e-12));
  }
}
