package dev.gradex.model.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import dev.gradex.core.InvalidInputException;
import dev.gradex.core.progress.ProgressEvent;
import dev.gradex.core.progress.Work;
import dev.gradex.model.LanguageModel;
import dev.gradex.model.arch.TinyDecoder;
import dev.gradex.model.data.Encoded;
import dev.gradex.model.data.Example;
import dev.gradex.model.data.ExampleEncoder;
import dev.gradex.model.lora.LoraConfig;
import dev.gradex.model.tokenizer.CharTokenizer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The step budget, length-bucketed batching and the throughput record of {@link Trainer}. */
class TrainerBudgetTest {
  private static final CharTokenizer CHARS = new CharTokenizer("abcd=");
  @TempDir Path dir;

  /** Copy strings of 1 to 4 letters, so lengths vary from 3 to 9 tokens; every 5th held out. */
  private static List<List<Encoded>> copyTask(LanguageModel m) {
    ExampleEncoder enc = ExampleEncoder.forModel(m.config(), CHARS);
    List<Encoded> train = new ArrayList<>();
    List<Encoded> val = new ArrayList<>();
    List<String> words = new ArrayList<>(List.of(""));
    for (int len = 1; len <= 4; len++) {
      List<String> next = new ArrayList<>();
      for (String w : words) {
        for (char c : "abcd".toCharArray()) {
          next.add(w + c);
        }
      }
      words = next;
      int i = 0;
      for (String w : next) {
        if (len < 4 || i % 4 == 0) {
          Encoded e = enc.encode(Example.lm("copy/" + w, "copy", w + "=", w));
          (i % 5 == 0 ? val : train).add(e);
        }
        i++;
      }
    }
    return List.of(train, val);
  }

  private static LanguageModel model() {
    LanguageModel m = TinyDecoder.create(TinyDecoder.config(6, 12, 16, 1, 2), Device.cpu(), 3);
    m.applyLora(new LoraConfig(2, 4, 0, List.of("c_attn"), List.of()), 4);
    return m;
  }

  private static TrainerConfig config(List<List<Encoded>> data) {
    return Trainer.builder()
        .setTrainData(data.get(0))
        .optValidation(data.get(1))
        .setEpochs(1)
        .setLearningRate(1e-2)
        .optSchedule(Schedule.COSINE)
        .optWarmupRatio(0.1)
        .optBatchSize(8)
        .optAccumulation(2)
        .optBatching(Batching.BY_LENGTH)
        .optSeed(5);
  }

  @Test
  void trainerEmitsEveryStepAndEvaluatedEpochWithTheFiguresOfItsCurves() {
    try (LanguageModel m = model()) {
      List<ProgressEvent> events = new ArrayList<>();
      TrainResult r = config(copyTask(m)).optMaxSteps(17).optListener(events::add).build().train(m);
      assertThat(events.get(0)).isEqualTo(new ProgressEvent.WorkStarted(Work.STEPS, 17, 0, false));
      List<ProgressEvent.TrainingStep> steps =
          events.stream()
              .filter(ProgressEvent.TrainingStep.class::isInstance)
              .map(ProgressEvent.TrainingStep.class::cast)
              .toList();
      assertThat(steps).hasSize(17);
      for (int i = 0; i < 17; i++) {
        ProgressEvent.TrainingStep s = steps.get(i);
        TrainingCurves.Step c = r.curves().steps().get(i);
        assertThat(s.step()).isEqualTo(i + 1);
        assertThat(s.total()).isEqualTo(17);
        assertThat(s.epoch()).isEqualTo(c.epoch());
        assertThat(s.loss()).isEqualTo(c.trainLoss()).isBetween(0.01, 10.0);
        assertThat(s.learningRate()).isEqualTo(c.lr()).isPositive();
        assertThat(s.gradNorm()).isEqualTo(c.gradNorm()).isPositive();
        assertThat(s.tokensPerSecond()).isPositive();
      }
      List<ProgressEvent.EpochEvaluated> epochs =
          events.stream()
              .filter(ProgressEvent.EpochEvaluated.class::isInstance)
              .map(ProgressEvent.EpochEvaluated.class::cast)
              .toList();
      // Two full passes of 8 steps and the partial third ending at the budget.
      assertThat(epochs).extracting(ProgressEvent.EpochEvaluated::epoch).containsExactly(0, 1, 2);
      assertThat(epochs)
          .extracting(ProgressEvent.EpochEvaluated::validationLoss)
          .containsExactlyElementsOf(r.validationLosses());
      assertThat(epochs)
          .extracting(ProgressEvent.EpochEvaluated::trainLoss)
          .containsExactlyElementsOf(
              r.curves().epochs().stream().map(TrainingCurves.Epoch::trainLoss).toList());
      assertThat(epochs.get(0).best()).isTrue();
      assertThat(epochs.get(r.bestEpoch()).best()).isTrue();
      // The epoch events come after their pass's last step: 8, 16, 17.
      assertThat(events.indexOf(epochs.get(1))).isGreaterThan(events.indexOf(steps.get(15)));
      assertThat(events.indexOf(epochs.get(1))).isLessThan(events.indexOf(steps.get(16)));
    }
  }

  @Test
  void stepBudgetRunsExactlyThatManyStepsOverRepeatedPassesAndEvaluatesAtEachPassAndTheEnd() {
    try (LanguageModel m = model()) {
      List<List<Encoded>> data = copyTask(m);
      assertThat(data.get(0)).hasSize(117); // 15 micro-batches of 8: 8 steps per pass
      AtomicLong announced = new AtomicLong();
      TrainResult r =
          config(data)
              .optMaxSteps(17)
              .optListener(
                  e -> {
                    if (e instanceof ProgressEvent.WorkStarted w) {
                      announced.set(w.total());
                    }
                  })
              .build()
              .train(m);
      assertThat(announced.get()).isEqualTo(17);
      assertThat(r.steps()).isEqualTo(17);
      assertThat(r.curves().steps())
          .extracting(TrainingCurves.Step::step)
          .containsExactlyElementsOf(LongStream.rangeClosed(1, 17).boxed().toList());
      // Two full passes (8 steps each) and the partial third ending at the budget.
      assertThat(r.curves().epochs())
          .extracting(TrainingCurves.Epoch::step)
          .containsExactly(8L, 16L, 17L);
      assertThat(r.validationLosses()).hasSize(3);
      // The cosine decay spans the budget: the last step's rate is that of step 16 of 17.
      double last = r.curves().steps().get(16).lr();
      assertThat(last).isEqualTo(Schedule.COSINE.rate(1e-2, 16, 2, 17)).isLessThan(1e-3);
      Throughput t = r.throughput();
      List<List<Encoded>> third = BatchPlan.of(data.get(0), 8, Batching.BY_LENGTH, 5, 2);
      assertThat(t.examples()).isEqualTo(117 * 2 + third.get(0).size() + third.get(1).size());
      assertThat(t.paddedTokens()).isGreaterThanOrEqualTo(t.inputTokens());
      assertThat(t.realTokensPerSecond()).isPositive();
      assertThat(r.throughput().metrics())
          .containsKeys("train_input_tokens_per_s", "train_padded_tokens_per_s")
          .containsEntry("train_supervised_tokens", (double) t.supervisedTokens());
    }
  }

  @Test
  void byLengthBatchingPadsLessThanRandomOnTheSameData() {
    try (LanguageModel a = model();
        LanguageModel b = model()) {
      Throughput random =
          config(copyTask(a)).optBatching(Batching.RANDOM).build().train(a).throughput();
      Throughput byLength = config(copyTask(b)).build().train(b).throughput();
      assertThat(byLength.inputTokens()).isEqualTo(random.inputTokens());
      assertThat(byLength.paddingRatio()).isLessThan(random.paddingRatio());
      assertThat(byLength.paddingRatio()).isLessThan(1.1);
    }
  }

  @Test
  void killedBudgetedByLengthRunResumesToTheSameStepsBitForBit() {
    TrainResult uninterrupted;
    try (LanguageModel m = model()) {
      uninterrupted = config(copyTask(m)).optMaxSteps(17).build().train(m);
    }
    Path ckpt = dir.resolve("ckpt");
    try (LanguageModel m = model()) {
      TrainerConfig crashing =
          config(copyTask(m))
              .optMaxSteps(17)
              .optCheckpointDir(ckpt)
              .optCheckpointEvery(3)
              .optListener(
                  e -> {
                    if (e instanceof ProgressEvent.TrainingStep s && s.step() == 11) {
                      throw new IllegalStateException("killed at step 11");
                    }
                  });
      assertThatThrownBy(() -> crashing.build().train(m)).hasMessageContaining("killed");
    }
    try (LanguageModel m = model()) {
      AtomicLong from = new AtomicLong(-1);
      TrainResult r =
          config(copyTask(m))
              .optMaxSteps(17)
              .optCheckpointDir(ckpt)
              .optCheckpointEvery(3)
              .optListener(
                  e -> {
                    if (e instanceof ProgressEvent.WorkStarted w) {
                      from.set(w.alreadyDone());
                    }
                  })
              .build()
              .train(m);
      assertThat(from.get()).isEqualTo(9); // the last checkpoint before the crash
      assertThat(r.steps()).isEqualTo(17);
      assertThat(r.curves().steps()).hasSize(17);
      for (int i = 0; i < 17; i++) {
        assertThat(r.curves().steps().get(i).trainLoss())
            .as("step %d", i + 1)
            .isEqualTo(uninterrupted.curves().steps().get(i).trainLoss());
      }
      assertThat(r.validationLosses()).isEqualTo(uninterrupted.validationLosses());
      // This process trained steps 10 to 17 only.
      assertThat(r.throughput().examples()).isLessThan(uninterrupted.throughput().examples());
    }
  }

  @Test
  void checkpointOfTheRandomPlanIsNotResumedByLength() {
    Path ckpt = dir.resolve("ckpt");
    try (LanguageModel m = model()) {
      config(copyTask(m)).optBatching(Batching.RANDOM).optCheckpointDir(ckpt).build().train(m);
    }
    try (LanguageModel m = model()) {
      assertThatThrownBy(() -> config(copyTask(m)).optCheckpointDir(ckpt).build().train(m))
          .isInstanceOf(InvalidInputException.class)
          .hasMessageContaining("another training plan (117x1/8*2@5 vs 117x1/8*2@5+by-length)");
    }
  }

  @Test
  void negativeBudgetIsRefusedWithTheOtherProblems() {
    assertThatThrownBy(() -> Trainer.builder().optMaxSteps(-3).optBatching(null).build())
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("maxSteps must be >= 0")
        .hasMessageContaining("got -3")
        .hasMessageContaining("batching must be random or by-length");
  }
}
