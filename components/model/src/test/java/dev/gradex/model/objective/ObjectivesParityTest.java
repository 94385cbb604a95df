package dev.gradex.model.objective;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.gradex.model.LanguageModel;
import dev.gradex.model.ModelFixtures;
import dev.gradex.model.ModelOutput;
import dev.gradex.model.ModelRuntime;
import dev.gradex.model.NamedParameter;
import dev.gradex.model.arch.HfModels;
import dev.gradex.model.arch.TinyDecoder;
import dev.gradex.model.config.Family;
import dev.gradex.model.config.LlamaConfig;
import dev.gradex.model.data.Batch;
import dev.gradex.model.data.Encoded;
import dev.gradex.model.gradients.PerExampleGradients;
import dev.gradex.model.lora.LoraConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The memory-lean objectives (issue 17: the LM head applied to the supervised rows only, the
 * logit-odds without a (rows, V) mask) equal the full-logits ones of {@link LegacyObjectives}:
 * losses, example outputs, training gradients and stage 2's per-example gradients.
 */
class ObjectivesParityTest {

  @Test
  void gpt2LossOutputsAndGradientsEqualTheFullLogitsObjectives() {
    check(
        () -> {
          LanguageModel m =
              TinyDecoder.create(TinyDecoder.config(40, 32, 32, 2, 4), Device.cpu(), 1);
          m.applyLora(LoraConfig.defaults(Family.GPT2), 2);
          return m;
        });
  }

  @Test
  void untiedLlamaLossOutputsAndGradientsEqualTheFullLogitsObjectives() {
    check(() -> llama(List.of("q_proj", "v_proj", "down_proj")));
  }

  @Test
  void llamaWithLoraOnItsLmHeadKeepsPerExampleGradientsExact() {
    check(() -> llama(List.of("q_proj", "lm_head")));
  }

  @Test
  void logitOddsAndTheirGradientEqualTheMaskedFormulaAlsoWhenTheGoldIsTheTopLogit() {
    try (NDManager m = ModelRuntime.newManager(Device.cpu())) {
      Random rng = new Random(5);
      int rows = 64;
      int v = 50;
      float[] z = new float[rows * v];
      long[] y = new long[rows];
      for (int r = 0; r < rows; r++) {
        int top = 0;
        for (int k = 0; k < v; k++) {
          z[r * v + k] = (float) rng.nextGaussian() * 4f;
          top = z[r * v + k] > z[r * v + top] ? k : top;
        }
        // Even rows: the gold is the top logit (by 0 to 9 for the first 20); odd rows: random.
        y[r] = r % 2 == 0 ? top : rng.nextInt(v);
        if (r % 2 == 0 && r < 40) {
          z[r * v + top] += r / 4f;
        }
      }
      float[][] ours = valueAndGradient(m, z, y, rows, v, Objectives::logitOdds);
      float[][] legacy = valueAndGradient(m, z, y, rows, v, LegacyObjectives::logitOdds);
      for (int i = 0; i < rows; i++) {
        assertThat(ours[0][i]).as("u of row %d", i).isCloseTo(legacy[0][i], within(1e-5f));
      }
      for (int i = 0; i < rows * v; i++) {
        assertThat(ours[1][i]).as("du/dz %d", i).isCloseTo(legacy[1][i], within(1e-5f));
      }
      assertThat(ours[0][0]).isGreaterThan(0f);
    }
  }

  @Test
  void logitOddsOfAConfidentGoldTokenAreExact() {
    try (NDManager m = ModelRuntime.newManager(Device.cpu())) {
      // p = 1 - 2 e^-16: log(p / (1 - p)) = 16 - log 2, below the clamp.
      NDArray z = m.create(new float[] {16f, 0f, 0f}).reshape(1, 3);
      NDArray y = m.create(new long[] {0});
      assertThat((double) Objectives.logitOdds(z, y).getFloat(0))
          .isCloseTo(16 - Math.log(2), within(1e-5));
    }
  }

  @Test
  void aDecoderOutputProjectsOnlyTheSupervisedRows() {
    try (LanguageModel model =
            TinyDecoder.create(TinyDecoder.config(40, 32, 32, 2, 4), Device.cpu(), 1);
        NDManager s = ModelRuntime.newManager(Device.cpu())) {
      Batch b = Batch.of(examples(model), s);
      ModelOutput full = model.forward(b.ids(), b.mask(), false);
      List<Shape> projected = new ArrayList<>();
      ModelOutput lean =
          ModelOutput.withHead(
              full.hidden(),
              h -> {
                projected.add(h.getShape());
                return full.logitsAt(
                    s.arange(0, h.getShape().get(0), 1, ai.djl.ndarray.types.DataType.INT64));
              });
      Objectives.lossSum(lean, b);
      Objectives.exampleOutputs(lean, b);
      long n = b.targetTokens();
      assertThat(n).isLessThan(b.ids().getShape().size());
      assertThat(projected).containsExactly(new Shape(n, 32), new Shape(n, 32));
    }
  }

  private static LanguageModel llama(List<String> targets) {
    LlamaConfig cfg =
        new LlamaConfig("llama", 40, 32, 64, 2, 4, 2, 8, 1e-5, 10000.0, 64, false, false);
    LanguageModel m = HfModels.random(cfg, Device.cpu(), 3, 0.05, 0.01);
    m.applyLora(new LoraConfig(4, 8, 0, targets, List.of()), 4);
    return m;
  }

  private static void check(java.util.function.Supplier<LanguageModel> factory) {
    try (LanguageModel m = factory.get();
        NDManager s = ModelRuntime.newManager(Device.cpu())) {
      randomizeTrainable(m);
      List<Encoded> ex = examples(m);
      Batch b = Batch.of(ex, s);
      ModelOutput out = m.forward(b.ids(), b.mask(), false);
      assertThat(Objectives.lossSum(out, b).getFloat())
          .isCloseTo(LegacyObjectives.lossSum(out, b).getFloat(), within(1e-4f));
      float[] o = Objectives.exampleOutputs(out, b).toFloatArray();
      float[] legacyO = LegacyObjectives.exampleOutputs(out, b).toFloatArray();
      assertThat(o).hasSize(ex.size());
      for (int i = 0; i < o.length; i++) {
        assertThat(o[i]).as("o(z_%d)", i).isCloseTo(legacyO[i], within(1e-5f));
      }
      // Evaluation in chunks of 3 supervised rows: the same loss and outputs.
      Objectives.Evaluation e = Objectives.evaluate(out, b, 3);
      assertThat(b.targetTokens()).isGreaterThan(6);
      assertThat(e.lossSum()).isCloseTo(LegacyObjectives.lossSum(out, b).getFloat(), within(1e-4));
      for (int i = 0; i < o.length; i++) {
        assertThat(e.outputs()[i]).as("chunked o(z_%d)", i).isCloseTo(legacyO[i], within(1e-5f));
      }
      assertClose(
          trainingGradient(m, b, (mo, bb) -> Objectives.lossSum(mo, bb)),
          trainingGradient(m, b, LegacyObjectives::lossSum));
      PerExampleGradients.Result r = new PerExampleGradients(m).compute(b);
      for (int i = 0; i < ex.size(); i++) {
        assertClose(flatRow(r.gradients(), i), legacyExampleGradient(m, ex.get(i)));
      }
    }
  }

  private static float[][] valueAndGradient(
      NDManager m,
      float[] z,
      long[] y,
      int rows,
      int v,
      java.util.function.BiFunction<NDArray, NDArray, NDArray> f) {
    NDArray logits = m.create(z, new Shape(rows, v));
    logits.setRequiresGradient(true);
    float[] u;
    try (GradientCollector gc = ModelRuntime.engine().newGradientCollector()) {
      NDArray out = f.apply(logits, m.create(y));
      u = out.toFloatArray();
      gc.backward(out.sum());
    }
    return new float[][] {u, logits.getGradient().toFloatArray()};
  }

  private static float[] trainingGradient(
      LanguageModel m, Batch b, java.util.function.BiFunction<ModelOutput, Batch, NDArray> loss) {
    zeroGrads(m);
    try (GradientCollector gc = ModelRuntime.engine().newGradientCollector()) {
      gc.backward(loss.apply(m.forward(b.ids(), b.mask(), true), b));
    }
    return flatGradients(m, p -> p.getGradient().toFloatArray());
  }

  private static float[] legacyExampleGradient(LanguageModel m, Encoded e) {
    zeroGrads(m);
    try (NDManager s = ModelRuntime.newManager(Device.cpu())) {
      Batch one = Batch.of(List.of(e), s);
      try (GradientCollector gc = ModelRuntime.engine().newGradientCollector()) {
        gc.backward(
            LegacyObjectives.exampleOutputs(m.forward(one.ids(), one.mask(), false), one).sum());
      }
      return flatGradients(m, p -> p.getGradient().toFloatArray());
    }
  }

  private static float[] flatRow(List<NDArray> perParameter, int row) {
    List<float[]> parts = new ArrayList<>();
    for (NDArray g : perParameter) {
      parts.add(g.get(row).toFloatArray());
    }
    return concat(parts);
  }

  private static float[] flatGradients(LanguageModel m, Function<NDArray, float[]> read) {
    List<float[]> parts = new ArrayList<>();
    for (NamedParameter p : m.trainableParameters()) {
      parts.add(read.apply(p.parameter().getArray()));
    }
    return concat(parts);
  }

  private static float[] concat(List<float[]> parts) {
    int n = parts.stream().mapToInt(a -> a.length).sum();
    float[] flat = new float[n];
    int off = 0;
    for (float[] a : parts) {
      System.arraycopy(a, 0, flat, off, a.length);
      off += a.length;
    }
    return flat;
  }

  private static void assertClose(float[] ours, float[] legacy) {
    assertThat(ours).hasSameSizeAs(legacy);
    double norm = 0;
    for (float x : legacy) {
      norm = Math.max(norm, Math.abs(x));
    }
    assertThat(norm).as("gradient is not all zero").isGreaterThan(1e-4);
    for (int i = 0; i < ours.length; i++) {
      assertThat(ours[i]).as("gradient entry %d", i).isCloseTo(legacy[i], within(1e-5f));
    }
  }

  private static void zeroGrads(LanguageModel m) {
    for (NamedParameter p : m.trainableParameters()) {
      NDArray g = p.parameter().getArray().getGradient();
      g.subi(g);
    }
  }

  private static void randomizeTrainable(LanguageModel m) {
    ModelFixtures.randomizeTrainable(m, 9);
  }

  private static List<Encoded> examples(LanguageModel m) {
    return ModelFixtures.lmExamples(m);
  }
}
