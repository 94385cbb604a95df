package dev.gradex.model.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import dev.gradex.model.LanguageModel;
import dev.gradex.model.ModelOutput;
import dev.gradex.model.NamedParameter;
import dev.gradex.model.config.BertConfig;
import dev.gradex.model.config.ModelConfig;
import dev.gradex.model.data.Encoded;
import dev.gradex.model.data.Example;
import dev.gradex.model.lora.LoraAdapter;
import dev.gradex.model.lora.LoraConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EvaluatorClassificationTest {
  /**
   * Ten examples over three labels; token id i's logits put the prediction on PREDICTED[i].
   * Confusion (gold rows, predicted columns): [[3,1,0],[1,2,0],[0,1,2]]. Accuracy 7/10. F1: label 0
   * = 6/8, label 1 = 4/7, label 2 = 4/5; macro = (0.75 + 4/7 + 0.8) / 3.
   */
  private static final int[] GOLD = {0, 0, 0, 0, 1, 1, 1, 2, 2, 2};

  private static final int[] PREDICTED = {0, 0, 0, 1, 0, 1, 1, 1, 2, 2};

  @Test
  void accuracyAndMacroF1MatchTheHandComputedConfusionMatrix() {
    try (FixedClassifier model = new FixedClassifier(3)) {
      List<Encoded> data = new ArrayList<>();
      for (int i = 0; i < GOLD.length; i++) {
        Example e = Example.classification("t/" + i, "t", "x", GOLD[i]);
        data.add(new Encoded(e, new long[] {i, 0}, new long[] {GOLD[i]}, new boolean[] {true}));
      }
      // Batches of 4 split the data unevenly: the matrix must add up across batches.
      EvalResult r = Evaluator.evaluate(model, data, 4);
      assertThat(r.classification()).isTrue();
      assertThat(r.accuracy()).isEqualTo(0.7);
      assertThat(r.macroF1()).isCloseTo((0.75 + 4.0 / 7 + 0.8) / 3, within(1e-12));
      assertThat(r.macroF1()).isCloseTo(0.707143, within(1e-6));
    }
  }

  @Test
  void confusionCountsAndAbsentLabelsAreLeftOutOfTheMacroAverage() {
    Confusion c = new Confusion(4);
    for (int i = 0; i < GOLD.length; i++) {
      c.add(GOLD[i], PREDICTED[i]);
    }
    assertThat(c.count(0, 1)).isEqualTo(1);
    assertThat(c.count(2, 2)).isEqualTo(2);
    assertThat(c.total()).isEqualTo(10);
    // Label 3 is neither gold nor predicted: the mean stays over labels 0-2.
    assertThat(c.macroF1()).isCloseTo((0.75 + 4.0 / 7 + 0.8) / 3, within(1e-12));
    assertThat(new Confusion(2).accuracy()).isNaN();
  }

  /** An encoder whose logits depend only on each example's first token id. */
  private static final class FixedClassifier implements LanguageModel {
    private final NDManager manager = NDManager.newBaseManager();
    private final int labels;

    FixedClassifier(int labels) {
      this.labels = labels;
    }

    @Override
    public ModelConfig config() {
      return new BertConfig(16, 4, 1, 1, 4, 8, 2, 1e-12, "gelu", labels);
    }

    @Override
    public NDManager manager() {
      return manager;
    }

    @Override
    public ModelOutput forward(NDArray tokenIds, NDArray attentionMask, boolean training) {
      long[] ids = tokenIds.toLongArray();
      int b = (int) tokenIds.getShape().get(0);
      int len = (int) tokenIds.getShape().get(1);
      float[] logits = new float[b * labels];
      for (int i = 0; i < b; i++) {
        int first = (int) ids[i * len];
        logits[i * labels + PREDICTED[first]] = 2f;
      }
      NDManager m = tokenIds.getManager();
      return new ModelOutput(m.zeros(new Shape(b, len, 4)), m.create(logits, new Shape(b, labels)));
    }

    @Override
    public Block block() {
      throw new UnsupportedOperationException();
    }

    @Override
    public void applyLora(LoraConfig config, long seed) {
      throw new UnsupportedOperationException();
    }

    @Override
    public LoraConfig loraConfig() {
      return null;
    }

    @Override
    public List<LoraAdapter> loraLayers() {
      return List.of();
    }

    @Override
    public List<NamedParameter> trainableParameters() {
      return List.of();
    }

    @Override
    public long baseParameterCount() {
      return 0;
    }

    @Override
    public void saveAdapter(Path dir, String baseModelNameOrPath) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void loadAdapter(Path dir) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void close() {
      manager.close();
    }
  }
}
