package dev.gradex.model.gradients;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import dev.gradex.model.LanguageModel;
import dev.gradex.model.ModelRuntime;
import dev.gradex.model.NamedParameter;
import dev.gradex.model.arch.HfModels;
import dev.gradex.model.arch.TinyDecoder;
import dev.gradex.model.config.BertConfig;
import dev.gradex.model.config.Family;
import dev.gradex.model.data.Batch;
import dev.gradex.model.data.Encoded;
import dev.gradex.model.data.Example;
import dev.gradex.model.data.ExampleEncoder;
import dev.gradex.model.lora.LoraConfig;
import dev.gradex.model.objective.Objectives;
import dev.gradex.model.tokenizer.CharTokenizer;
import java.util.ArrayList;
import java.util.List;

/** Small models and examples for the gradient tests, and the batch-of-one autograd reference. */
final class GradientFixtures {
  static final CharTokenizer CHARS = new CharTokenizer("abcdefghijklmnopqrstuvwxyz0123456789 +=");

  private GradientFixtures() {}

  /** A 2-layer GPT-2 (vocab 40) with LoRA on c_attn and random non-zero B. */
  static LanguageModel decoder() {
    LanguageModel m = TinyDecoder.create(TinyDecoder.config(40, 32, 32, 2, 4), Device.cpu(), 1);
    m.applyLora(LoraConfig.defaults(Family.GPT2), 2);
    randomizeTrainable(m, 3);
    return m;
  }

  /** A 2-layer BERT classifier (3 labels), LoRA on query/value, classifier trained in full. */
  static LanguageModel classifier() {
    BertConfig cfg = new BertConfig(40, 32, 2, 4, 64, 32, 2, 1e-12, "gelu", 3);
    LanguageModel m = HfModels.random(cfg, Device.cpu(), 5, 0.05, 0.01);
    m.applyLora(LoraConfig.defaults(Family.BERT), 6);
    randomizeTrainable(m, 7);
    return m;
  }

  static void randomizeTrainable(LanguageModel m, long seed) {
    dev.gradex.model.ModelFixtures.randomizeTrainable(m, seed);
  }

  static List<Encoded> lmExamples(LanguageModel m) {
    return dev.gradex.model.ModelFixtures.lmExamples(m);
  }

  static List<Encoded> classificationExamples(LanguageModel m) {
    ExampleEncoder enc = ExampleEncoder.forModel(m.config(), CHARS);
    String[] texts = {"good movie", "bad", "so so film here", "fine"};
    List<Encoded> out = new ArrayList<>();
    for (int i = 0; i < texts.length; i++) {
      out.add(enc.encode(Example.classification("c/" + i, "c", texts[i], i % 3)));
    }
    return out;
  }

  /** do(z)/dtheta of one example by autograd on a batch of one, flattened in layout order. */
  static float[] batchOfOneGradient(LanguageModel m, Encoded e) {
    for (NamedParameter p : m.trainableParameters()) {
      NDArray g = p.parameter().getArray().getGradient();
      g.subi(g);
    }
    try (NDManager s = ModelRuntime.newManager(Device.cpu())) {
      Batch b = Batch.of(List.of(e), s);
      try (GradientCollector gc = ModelRuntime.engine().newGradientCollector()) {
        gc.backward(Objectives.exampleOutputs(m.forward(b.ids(), b.mask(), false), b).sum());
      }
    }
    List<float[]> parts = new ArrayList<>();
    int n = 0;
    for (NamedParameter p : m.trainableParameters()) {
      float[] g = p.parameter().getArray().getGradient().toFloatArray();
      parts.add(g);
      n += g.length;
    }
    float[] flat = new float[n];
    int off = 0;
    for (float[] g : parts) {
      System.arraycopy(g, 0, flat, off, g.length);
      off += g.length;
    }
    return flat;
  }

  static double relativeError(float[] reference, float[] ours) {
    double diff = 0;
    double norm = 0;
    for (int i = 0; i < reference.length; i++) {
      diff += Math.pow(reference[i] - ours[i], 2);
      norm += Math.pow(reference[i], 2);
    }
    return Math.sqrt(diff / norm);
  }
}
