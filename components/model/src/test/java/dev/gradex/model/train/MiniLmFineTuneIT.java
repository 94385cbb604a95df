package dev.gradex.model.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import dev.gradex.model.LanguageModel;
import dev.gradex.model.TestSupport;
import dev.gradex.model.arch.HfModels;
import dev.gradex.model.config.Family;
import dev.gradex.model.data.Encoded;
import dev.gradex.model.data.Example;
import dev.gradex.model.data.ExampleEncoder;
import dev.gradex.model.lora.LoraConfig;
import dev.gradex.model.tokenizer.TextTokenizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Stage 5 of Li et al. (arXiv 2409.19458) on real pretrained weights: LoRA fine-tuning of
 * all-MiniLM-L6-v2 (LoRA on query/value, classifier head trained in full) on a small labelled
 * sentiment task lowers the validation loss.
 */
class MiniLmFineTuneIT {
  private static final String[] GOOD = {
    "wonderful", "excellent", "delightful", "great", "superb", "lovely", "brilliant", "pleasant"
  };
  private static final String[] BAD = {
    "terrible", "awful", "dreadful", "horrible", "poor", "boring", "disappointing", "nasty"
  };
  private static final String[] THINGS = {"film", "meal", "trip", "book", "service", "concert"};

  private static List<Example> task(int n, long seed) {
    Random rng = new Random(seed);
    List<Example> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int label = rng.nextInt(2);
      String adj = (label == 1 ? GOOD : BAD)[rng.nextInt(8)];
      String text = "the " + THINGS[rng.nextInt(6)] + " was " + adj;
      out.add(Example.classification("s/" + seed + "/" + i, "sentiment", text, label));
    }
    return out;
  }

  @Test
  void loraFineTuningOfPretrainedMiniLmLowersSentimentValidationLossBelowHalfItsStart()
      throws Exception {
    Path dir = TestSupport.miniLmDir();
    TestSupport.require(
        Files.isRegularFile(dir.resolve("model.safetensors")), "MiniLM fixture missing at " + dir);
    try (TextTokenizer tok = TextTokenizer.load(dir);
        LanguageModel m = HfModels.load(dir, Device.cpu(), 7)) {
      m.applyLora(LoraConfig.defaults(Family.BERT), 8);
      ExampleEncoder enc = ExampleEncoder.forModel(m.config(), tok);
      List<Encoded> train = enc.encodeAll(task(96, 1));
      List<Encoded> val = enc.encodeAll(task(48, 2));
      double before = Evaluator.evaluate(m, val, 48).loss();
      TrainResult r =
          Trainer.builder()
              .setTrainData(train)
              .optValidation(val)
              .setEpochs(8)
              .setLearningRate(5e-3)
              .optBatchSize(16)
              .optWarmupRatio(0.1)
              .optSeed(1)
              .build()
              .train(m);
      EvalResult after = Evaluator.evaluate(m, val, 48);
      System.out.printf(
          java.util.Locale.ROOT,
          "MiniLM LoRA: validation loss %.4f -> %.4f (best epoch %d), accuracy %.3f%n",
          before,
          after.loss(),
          r.bestEpoch() + 1,
          after.accuracy());
      assertThat(before).isGreaterThan(0.5); // a fresh 2-way head: about ln 2 = 0.69
      assertThat(r.bestValidationLoss()).isLessThan(before / 2);
      assertThat(after.loss())
          .isEqualTo(r.bestValidationLoss(), org.assertj.core.api.Assertions.within(1e-5));
      assertThat(after.accuracy()).isGreaterThan(0.9);
    }
  }
}
