package dev.gradex.model.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import dev.gradex.model.LanguageModel;
import dev.gradex.model.ModelOutput;
import dev.gradex.model.ModelRuntime;
import dev.gradex.model.NamedParameter;
import dev.gradex.model.arch.HfModels;
import dev.gradex.model.arch.TinyDecoder;
import dev.gradex.model.config.BertConfig;
import dev.gradex.model.config.Family;
import dev.gradex.model.config.LlamaConfig;
import dev.gradex.model.data.Batch;
import dev.gradex.model.data.Encoded;
import dev.gradex.model.data.Example;
import dev.gradex.model.data.ExampleEncoder;
import dev.gradex.model.lora.LoraConfig;
import dev.gradex.model.objective.Objectives;
import dev.gradex.model.tokenizer.CharTokenizer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Gradients do not depend on what happens to freed memory between the forward and the backward
 * pass. Between the two, the test runs the garbage collector and then fills thousands of fresh
 * small native buffers with NaN, so that any tensor autograd saved over memory that Java has since
 * released (DJL's {@code mul(Number)} did this: see {@link Scalars}) would read NaN. Every
 * architecture's trainable gradients (LoRA, full heads) must come out bitwise equal to an
 * undisturbed pass, for both training objectives (token loss and the logit-odds outputs of
 * extraction).
 */
class GradientsSurviveMemoryReuseTest {
  private static final CharTokenizer CHARS =
      new CharTokenizer("abcdefghijklmnopqrstuvwxyz0123456789 +=");

  @Test
  void scalarProductKeepsItsGradientWhenTheMemoryIsReused() {
    ModelRuntime.engine();
    for (int trial = 0; trial < 5; trial++) {
      try (NDManager m = ModelRuntime.newManager(Device.cpu())) {
        NDArray x = m.create(new float[] {1f, 2f, 3f});
        x.setRequiresGradient(true);
        List<ByteBuffer> held;
        try (GradientCollector gc = ModelRuntime.engine().newGradientCollector()) {
          NDArray y = Scalars.div(Scalars.pow(Scalars.mul(x, 2.5), 2), 5).sum();
          held = reuseFreedMemory();
          gc.backward(y);
        }
        // d/dx (2.5 x)^2 / 5 = 2.5 x
        assertThat(x.getGradient().toFloatArray()).containsExactly(2.5f, 5f, 7.5f);
        assertThat(held).isNotEmpty();
      }
    }
  }

  @Test
  void gpt2DecoderWithLoraOnEveryLinearLayer() {
    check(
        () -> {
          LanguageModel m =
              TinyDecoder.create(TinyDecoder.config(40, 32, 32, 2, 4), Device.cpu(), 1);
          m.applyLora(
              new LoraConfig(4, 8, 0, List.of("c_attn", "c_proj", "c_fc"), List.of("ln_f")), 2);
          return m;
        },
        true);
  }

  @Test
  void llamaDecoderWithRotaryEmbeddingsAndRmsNorm() {
    check(
        () -> {
          LlamaConfig cfg =
              new LlamaConfig("llama", 40, 32, 64, 2, 4, 2, 8, 1e-5, 10000.0, 64, false, false);
          LanguageModel m = HfModels.random(cfg, Device.cpu(), 3, 0.05, 0.01);
          m.applyLora(
              new LoraConfig(4, 8, 0, List.of("q_proj", "v_proj", "down_proj"), List.of()), 4);
          return m;
        },
        true);
  }

  @Test
  void bertClassifierWithTrainedHead() {
    check(
        () -> {
          BertConfig cfg = new BertConfig(40, 32, 2, 4, 64, 32, 2, 1e-12, "gelu", 3);
          LanguageModel m = HfModels.random(cfg, Device.cpu(), 5, 0.05, 0.01);
          m.applyLora(LoraConfig.defaults(Family.BERT), 6);
          return m;
        },
        false);
  }

  private static void check(Supplier<LanguageModel> model, boolean decoder) {
    try (LanguageModel m = model.get()) {
      randomizeTrainable(m);
      List<Encoded> ex = examples(m, decoder);
      float[] undisturbed = gradients(m, ex, false);
      float[] disturbed = gradients(m, ex, true);
      assertThat(undisturbed).isNotEmpty();
      double norm = 0;
      for (float g : undisturbed) {
        norm += g * (double) g;
      }
      assertThat(norm).as("a real gradient").isGreaterThan(1e-12).isFinite();
      assertThat(disturbed).containsExactly(undisturbed);
    }
  }

  /** d(token loss + sum of o(z)) / d(trainable), flattened, after a forward at batch size 4. */
  private static float[] gradients(LanguageModel m, List<Encoded> ex, boolean reuseMemory) {
    for (NamedParameter p : m.trainableParameters()) {
      ArrayCopy.zero(p.parameter().getArray().getGradient());
    }
    List<ByteBuffer> held = List.of();
    try (NDManager s = ModelRuntime.newManager(Device.cpu())) {
      Batch b = Batch.of(ex, s);
      try (GradientCollector gc = ModelRuntime.engine().newGradientCollector()) {
        ModelOutput out = m.forward(b.ids(), b.mask(), true);
        NDArray loss =
            Scalars.div(Objectives.lossSum(out, b), b.targetTokens())
                .add(Objectives.exampleOutputs(out, b).sum());
        if (reuseMemory) {
          held = reuseFreedMemory();
        }
        gc.backward(loss);
      }
    }
    List<Float> all = new ArrayList<>();
    for (NamedParameter p : m.trainableParameters()) {
      for (float g : p.parameter().getArray().getGradient().toFloatArray()) {
        all.add(g);
      }
    }
    float[] out = new float[all.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = all.get(i);
    }
    assertThat(held).isNotNull();
    return out;
  }

  /**
   * Lets the collector free unreachable direct buffers, then takes small native blocks (the size of
   * scalars and short index vectors) and fills them with NaN; returns them to keep them held.
   */
  private static List<ByteBuffer> reuseFreedMemory() {
    for (int i = 0; i < 2; i++) {
      System.gc();
      try {
        Thread.sleep(50); // the cleaner thread frees the buffers' memory
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    List<ByteBuffer> held = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      ByteBuffer b = ByteBuffer.allocateDirect(4 * (1 + i % 16)).order(ByteOrder.nativeOrder());
      while (b.remaining() >= 4) {
        b.putFloat(Float.NaN);
      }
      held.add(b);
    }
    return held;
  }

  private static void randomizeTrainable(LanguageModel m) {
    Random rng = new Random(9);
    for (NamedParameter p : m.trainableParameters()) {
      NDArray a = p.parameter().getArray();
      float[] v = new float[Math.toIntExact(a.size())];
      for (int i = 0; i < v.length; i++) {
        v[i] = (float) rng.nextGaussian() * 0.1f;
      }
      a.setRequiresGradient(false);
      ArrayCopy.into(a, v);
      a.setRequiresGradient(true);
    }
  }

  private static List<Encoded> examples(LanguageModel m, boolean decoder) {
    ExampleEncoder enc = ExampleEncoder.forModel(m.config(), CHARS);
    List<Encoded> out = new ArrayList<>();
    String[][] pc = {{"12+5=", "17"}, {"3+4=", "7"}, {"40+41=", "81 ok"}, {"a", "bcdefg"}};
    for (int i = 0; i < pc.length; i++) {
      out.add(
          enc.encode(
              decoder
                  ? Example.lm("t/" + i, "t", pc[i][0], pc[i][1])
                  : Example.classification("c/" + i, "c", pc[i][0] + pc[i][1], i % 3)));
    }
    return out;
  }
}
