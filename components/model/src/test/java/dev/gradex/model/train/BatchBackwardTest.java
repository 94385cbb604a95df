package dev.gradex.model.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.gradex.core.InvalidInputException;
import dev.gradex.model.LanguageModel;
import dev.gradex.model.ModelFixtures;
import dev.gradex.model.ModelRuntime;
import dev.gradex.model.NamedParameter;
import dev.gradex.model.TransientArrays;
import dev.gradex.model.arch.HfModels;
import dev.gradex.model.arch.TinyDecoder;
import dev.gradex.model.config.BertConfig;
import dev.gradex.model.config.LlamaConfig;
import dev.gradex.model.data.Batch;
import dev.gradex.model.data.Encoded;
import dev.gradex.model.lora.LoraConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Layer recomputation must give the plain backward pass's loss and gradients: on a GPT-2 and a
 * Llama decoder (grouped-query attention, rotary, tied and untied heads), with the supervised rows
 * split into chunks of every size from 1 row to all of them, and through the {@link Trainer}.
 */
class BatchBackwardTest {
  @Test
  void gpt2RecomputedGradientsEqualThePlainOnes() {
    check(
        () -> {
          LanguageModel m =
              TinyDecoder.create(TinyDecoder.config(40, 32, 32, 3, 4), Device.cpu(), 1);
          m.applyLora(new LoraConfig(4, 8, 0, List.of("c_attn", "c_proj", "c_fc"), List.of()), 2);
          return m;
        });
  }

  @Test
  void llamaRecomputedGradientsEqualThePlainOnes() {
    check(() -> llama(false));
    check(() -> llama(true));
  }

  @Test
  void trainingWithRecomputationFollowsTheSameCurve() {
    List<TrainingCurves.Step> plain = train(false);
    List<TrainingCurves.Step> recomputed = train(true);
    assertThat(recomputed).hasSameSizeAs(plain).hasSize(6);
    for (int i = 0; i < plain.size(); i++) {
      assertThat(recomputed.get(i).trainLoss()).isCloseTo(plain.get(i).trainLoss(), within(1e-4));
      assertThat(recomputed.get(i).gradNorm()).isCloseTo(plain.get(i).gradNorm(), within(1e-4));
    }
    // The steps moved the weights: the losses are not all the same.
    assertThat(plain.get(5).trainLoss()).isLessThan(plain.get(0).trainLoss() - 0.01);
  }

  @Test
  void anEncoderOrATrainedHeadIsRefusedByName() {
    BertConfig cfg = new BertConfig(40, 32, 2, 4, 64, 32, 2, 1e-12, "gelu", 3);
    try (LanguageModel bert = HfModels.random(cfg, Device.cpu(), 3, 0.05, 0.01)) {
      bert.applyLora(LoraConfig.defaults(cfg.family()), 1);
      assertThat(bert.recomputes()).isFalse();
      assertThatThrownBy(() -> BatchBackward.requireRecompute(bert))
          .isInstanceOf(InvalidInputException.class)
          .hasMessageContaining("recompute")
          .hasMessageContaining("encoder");
    }
    try (LanguageModel m =
        TinyDecoder.create(TinyDecoder.config(40, 32, 32, 2, 4), Device.cpu(), 1)) {
      m.applyLora(new LoraConfig(4, 8, 0.1, List.of("c_attn"), List.of()), 2);
      assertThat(m.recomputes()).isFalse();
      assertThatThrownBy(() -> BatchBackward.requireRecompute(m))
          .hasMessageContaining("LoRA dropout");
    }
  }

  private static LanguageModel llama(boolean tied) {
    LlamaConfig cfg =
        new LlamaConfig("llama", 40, 32, 64, 3, 4, 2, 8, 1e-5, 10000.0, 64, tied, false);
    LanguageModel m = HfModels.random(cfg, Device.cpu(), 3, 0.05, 0.01);
    m.applyLora(
        new LoraConfig(4, 8, 0, List.of("q_proj", "v_proj", "o_proj", "down_proj"), List.of()), 4);
    return m;
  }

  private static void check(Supplier<LanguageModel> factory) {
    try (LanguageModel m = factory.get()) {
      randomizeTrainable(m);
      assertThat(m.recomputes()).isTrue();
      List<Encoded> ex = examples(m);
      long tokens = ex.stream().mapToLong(Encoded::targetTokens).sum();
      Outcome plain = backward(m, ex, tokens, false, 1);
      assertThat(plain.loss()).isGreaterThan(1.0);
      for (int chunk : new int[] {1, 3, 7, (int) tokens}) {
        Outcome r = backward(m, ex, tokens, true, chunk);
        assertThat(r.loss()).as("chunk %d", chunk).isCloseTo(plain.loss(), within(1e-4));
        assertThat(r.gradients()).hasSameSizeAs(plain.gradients());
        double maxAbs = 0;
        for (float g : plain.gradients()) {
          maxAbs = Math.max(maxAbs, Math.abs(g));
        }
        assertThat(maxAbs).isGreaterThan(1e-4);
        for (int i = 0; i < plain.gradients().length; i++) {
          assertThat((double) r.gradients()[i])
              .as("chunk %d, gradient %d", chunk, i)
              .isCloseTo(plain.gradients()[i], within(1e-5 + 1e-4 * maxAbs));
        }
      }
    }
  }

  private record Outcome(double loss, float[] gradients) {}

  private static Outcome backward(
      LanguageModel m, List<Encoded> ex, long tokens, boolean recompute, int chunkRows) {
    double loss;
    try (TransientArrays scope = new TransientArrays(m.manager());
        NDManager s = ModelRuntime.newManager(Device.cpu())) {
      loss = BatchBackward.run(m, Batch.of(ex, s), tokens, recompute, chunkRows);
    }
    List<Float> all = new ArrayList<>();
    try (TransientArrays scope = new TransientArrays(m.manager())) {
      for (NamedParameter p : m.trainableParameters()) {
        NDArray g = p.parameter().getArray().getGradient();
        for (float v : g.toFloatArray()) {
          all.add(v);
        }
        g.subi(g);
      }
    }
    float[] out = new float[all.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = all.get(i);
    }
    return new Outcome(loss, out);
  }

  private static List<TrainingCurves.Step> train(boolean recompute) {
    try (LanguageModel m = llama(true)) {
      randomizeTrainable(m);
      List<Encoded> ex = new ArrayList<>(examples(m));
      ex.addAll(examples(m));
      return Trainer.builder()
          .setTrainData(ex)
          .setEpochs(1)
          .setLearningRate(5e-2)
          .optBatchSize(3)
          .optMaxSteps(6)
          .optSeed(5)
          .optRecompute(recompute)
          .build()
          .train(m)
          .curves()
          .steps();
    }
  }

  private static void randomizeTrainable(LanguageModel m) {
    ModelFixtures.randomizeTrainable(m, 9);
  }

  private static List<Encoded> examples(LanguageModel m) {
    return ModelFixtures.lmExamples(m);
  }
}
