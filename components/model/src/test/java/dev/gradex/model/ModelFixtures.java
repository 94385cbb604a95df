package dev.gradex.model;

import ai.djl.ndarray.NDArray;
import dev.gradex.model.data.Encoded;
import dev.gradex.model.data.Example;
import dev.gradex.model.data.ExampleEncoder;
import dev.gradex.model.tensor.ArrayCopy;
import dev.gradex.model.tokenizer.CharTokenizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Shared test fixtures of the model library: a character tokenizer, examples, LoRA weights. */
public final class ModelFixtures {
  /** Lower-case letters, digits, space, plus and equals. */
  public static final CharTokenizer CHARS =
      new CharTokenizer("abcdefghijklmnopqrstuvwxyz0123456789 +=");

  private ModelFixtures() {}

  /**
   * Sets every trainable tensor to N(0, 0.1^2) draws of {@code seed} (B too, so A gets gradients).
   */
  public static void randomizeTrainable(LanguageModel m, long seed) {
    Random rng = new Random(seed);
    for (NamedParameter p : m.trainableParameters()) {
      NDArray a = p.parameter().getArray();
      float[] v = a.toFloatArray();
      for (int i = 0; i < v.length; i++) {
        v[i] = (float) rng.nextGaussian() * 0.1f;
      }
      a.setRequiresGradient(false);
      // Not NDArray.set(Buffer): on the PyTorch engine it leaves the tensor on freed memory.
      ArrayCopy.into(a, v);
      a.setRequiresGradient(true);
    }
  }

  /** Four prompt/completion examples of different lengths, encoded for decoder {@code m}. */
  public static List<Encoded> lmExamples(LanguageModel m) {
    ExampleEncoder enc = ExampleEncoder.forModel(m.config(), CHARS);
    List<Encoded> out = new ArrayList<>();
    String[][] pc = {{"12+5=", "17"}, {"3+4=", "7"}, {"40+41=", "81 ok"}, {"a", "bcdefg"}};
    for (int i = 0; i < pc.length; i++) {
      out.add(enc.encode(Example.lm("t/" + i, "t", pc[i][0], pc[i][1])));
    }
    return out;
  }
}
