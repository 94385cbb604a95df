package dev.gradex.baselines.representation;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.gradex.core.InvalidInputException;
import dev.gradex.model.LanguageModel;
import dev.gradex.model.ModelRuntime;
import dev.gradex.model.arch.HfModels;
import dev.gradex.model.data.ExampleEncoder;
import dev.gradex.model.tokenizer.TextTokenizer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The base pretrained model's representation of texts: each text's last hidden layer (an encoder's
 * last hidden state, a decoder's final hidden state before its LM head), mean-pooled over the
 * text's tokens (special tokens included, padding excluded), and the mean of those vectors over a
 * set of texts. Texts longer than the model's positions are cut to fit. Holds the model and its
 * tokenizer in native memory until {@link #close}; every batch's tensors live in a scope closed
 * after the batch.
 */
public final class HiddenStates implements AutoCloseable {
  private static final int BATCH = 16;

  private final LanguageModel model;
  private final TextTokenizer tokenizer;
  private final Device device;
  private final int limit;

  private HiddenStates(LanguageModel model, TextTokenizer tokenizer, Device device) {
    this.model = model;
    this.tokenizer = tokenizer;
    this.device = device;
    this.limit = ExampleEncoder.modelLimit(model.config());
  }

  /** Loads the model and tokenizer in {@code modelDir} onto the CPU. */
  public static HiddenStates open(Path modelDir) {
    Device cpu = Device.cpu();
    TextTokenizer tok = TextTokenizer.load(modelDir);
    try {
      return new HiddenStates(HfModels.load(modelDir, cpu, 0), tok, cpu);
    } catch (RuntimeException e) {
      tok.close();
      throw e;
    }
  }

  /** The hidden size H. */
  public int size() {
    return model.config().hiddenSize();
  }

  /**
   * The mean over {@code texts} of their mean-pooled last hidden states (H values).
   *
   * @param what names the texts in errors (e.g. the source)
   */
  public double[] mean(List<String> texts, String what) {
    double[] sum = new double[size()];
    int n = 0;
    for (int from = 0; from < texts.size(); from += BATCH) {
      n += addBatch(texts.subList(from, Math.min(texts.size(), from + BATCH)), sum);
    }
    if (n == 0) {
      throw new InvalidInputException(what, "has no text that tokenises to a token");
    }
    for (int j = 0; j < sum.length; j++) {
      sum[j] /= n;
    }
    return sum;
  }

  /** Adds each text's pooled state to {@code sum}; returns how many texts were added. */
  private int addBatch(List<String> texts, double[] sum) {
    long[][] ids = new long[texts.size()][];
    int width = 0;
    int used = 0;
    for (int i = 0; i < texts.size(); i++) {
      long[] t = tokenizer.encode(texts.get(i), true);
      ids[i] = t.length > limit ? Arrays.copyOf(t, limit) : t;
      width = Math.max(width, ids[i].length);
      used += ids[i].length > 0 ? 1 : 0;
    }
    if (width == 0) {
      return 0;
    }
    long[][] padded = new long[texts.size()][width];
    long[][] mask = new long[texts.size()][width];
    for (int i = 0; i < ids.length; i++) {
      System.arraycopy(ids[i], 0, padded[i], 0, ids[i].length);
      Arrays.fill(mask[i], 0, ids[i].length, 1);
    }
    try (NDManager scope = ModelRuntime.newManager(device)) {
      NDArray m = scope.create(mask);
      NDArray hidden = model.forward(scope.create(padded), m, false).hidden();
      NDArray weights = m.toType(hidden.getDataType(), false).expandDims(2);
      NDArray tokens = m.sum(new int[] {1}).toType(hidden.getDataType(), false).maximum(1f);
      float[] pooled =
          hidden.mul(weights).sum(new int[] {1}).div(tokens.expandDims(1)).toFloatArray();
      int h = sum.length;
      for (int i = 0; i < ids.length; i++) {
        if (ids[i].length == 0) {
          continue;
        }
        for (int j = 0; j < h; j++) {
          sum[j] += pooled[i * h + j];
        }
      }
    }
    return used;
  }

  @Override
  public void close() {
    try {
      model.close();
    } finally {
      tokenizer.close();
    }
  }
}
