package dev.gradex.model.data;

import dev.gradex.core.InvalidInputException;
import dev.gradex.model.config.BertConfig;
import dev.gradex.model.config.Gpt2Config;
import dev.gradex.model.config.LlamaConfig;
import dev.gradex.model.config.ModelConfig;
import dev.gradex.model.tokenizer.TokenEncoder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;

/**
 * Encodes examples for a decoder (prompt with special tokens, then completion without; labels
 * shifted by one; only completion tokens supervised) or for a classifier (text with special tokens;
 * the label is the single target), as stage 2 of Li et al., arXiv 2409.19458 prescribes.
 *
 * <p><b>End of sequence.</b> With {@link SequenceLimit#appendEos()} and a model whose config.json
 * names an {@code eos_token_id}, each completion ends with that token, supervised like the rest of
 * the completion (the last supervised target is EOS), so a fine-tuned model learns to stop. A model
 * without one (the demo's character decoder) encodes as without the setting.
 *
 * <p><b>Length.</b> An example longer than the limit is refused, naming it, unless the encoder
 * truncates ({@link SequenceLimit#truncate()}). Truncation keeps the tokenizer's special tokens
 * (e.g. [CLS] ... [SEP], BOS) and cuts text tokens:
 *
 * <ul>
 *   <li>classification: the text's end is cut (its first tokens are kept);
 *   <li>prompt/completion: the supervised completion is kept whole and the prompt's <em>start</em>
 *       is cut, so the context nearest the completion stays; only if the completion alone does not
 *       fit is the prompt reduced to its special tokens and the completion's end cut.
 * </ul>
 *
 * A truncated example records its full length ({@link Encoded#truncated()}), so stages count it.
 */
public final class ExampleEncoder {
  private static final long NO_EOS = -1;

  private final TokenEncoder tokenizer;
  private final boolean decoder;
  private final int maxLength;
  private final int numLabels;
  private final boolean truncate;
  private final String limitName;
  private final long eos;
  private long[] specials;

  /**
   * A refusing encoder.
   *
   * @param tokenizer the model's tokenizer
   * @param decoder whether the model is a causal decoder (else a classifier)
   * @param maxLength longest token sequence the model accepts
   * @param numLabels the classifier's label count (ignored for decoders)
   */
  public ExampleEncoder(TokenEncoder tokenizer, boolean decoder, int maxLength, int numLabels) {
    this(tokenizer, decoder, maxLength, numLabels, false, "the model's limit", NO_EOS);
  }

  private ExampleEncoder(
      TokenEncoder tokenizer,
      boolean decoder,
      int maxLength,
      int numLabels,
      boolean truncate,
      String limitName,
      long eos) {
    this.tokenizer = tokenizer;
    this.decoder = decoder;
    this.maxLength = maxLength;
    this.numLabels = numLabels;
    this.truncate = truncate;
    this.limitName = limitName;
    this.eos = eos;
  }

  /** An encoder for {@code config}'s kind (decoder or classifier) and limits. */
  public static ExampleEncoder forModel(ModelConfig config, TokenEncoder tokenizer) {
    return forModel(config, tokenizer, SequenceLimit.MODEL);
  }

  /**
   * An encoder for {@code config}'s kind whose limit is {@code limit}'s (at most the model's
   * context), which truncates if {@code limit} says so and ends completions with {@code config}'s
   * EOS token if {@code limit} says so and the model has one.
   */
  public static ExampleEncoder forModel(
      ModelConfig config, TokenEncoder tokenizer, SequenceLimit limit) {
    int model = modelLimit(config);
    int max = limit.effective(model);
    String name =
        max < model ? "the limit of maxSeqLength = " + max : "the model's limit of " + model;
    int labels = config instanceof BertConfig c ? c.numLabels() : 0;
    boolean decoder = !(config instanceof BertConfig);
    long eos =
        decoder && limit.appendEos() && config.eosTokenId().isPresent()
            ? config.eosTokenId().getAsLong()
            : NO_EOS;
    return new ExampleEncoder(tokenizer, decoder, max, labels, limit.truncate(), name, eos);
  }

  /** The longest sequence {@code config}'s model accepts (its position count). */
  public static int modelLimit(ModelConfig config) {
    if (config instanceof Gpt2Config c) {
      return c.nPositions();
    }
    if (config instanceof LlamaConfig c) {
      return c.maxPositions();
    }
    return ((BertConfig) config).maxPositions();
  }

  /**
   * Encodes one example; a record that does not fit the model is an InvalidInputException (a too
   * long one only when not truncating).
   */
  public Encoded encode(Example e) {
    if (decoder != !e.isClassification()) {
      throw new InvalidInputException(
          e.id(),
          decoder
              ? "a decoder needs \"prompt\"/\"completion\" records, got \"text\"/\"label\""
              : "a classifier needs \"text\"/\"label\" records, got \"prompt\"/\"completion\"");
    }
    return decoder ? encodeLm(e) : encodeClassification(e);
  }

  private Encoded encodeLm(Example e) {
    long[] prompt = tokenizer.encode(e.prompt(), true);
    long[] completion = tokenizer.encode(e.completion(), false);
    if (eos != NO_EOS) {
      completion = Arrays.copyOf(completion, completion.length + 1);
      completion[completion.length - 1] = eos;
    }
    int full = prompt.length + completion.length;
    if (full > maxLength) {
      refuse(e, full);
      int[] split = split(prompt);
      int specialCount = split[0] + split[1];
      int room = maxLength - specialCount - completion.length;
      if (room >= 0) {
        int body = prompt.length - specialCount;
        prompt = join(prompt, split, split[0] + body - room, room);
      } else {
        if (maxLength - specialCount < 1) {
          throw new InvalidInputException(e.id(), "a limit of " + maxLength + " leaves no room");
        }
        prompt = join(prompt, split, split[0], 0);
        completion = Arrays.copyOf(completion, maxLength - specialCount);
      }
    }
    int n = prompt.length + completion.length;
    long[] ids = new long[n];
    System.arraycopy(prompt, 0, ids, 0, prompt.length);
    System.arraycopy(completion, 0, ids, prompt.length, completion.length);
    long[] targets = new long[n];
    boolean[] supervised = new boolean[n];
    for (int t = 0; t + 1 < n; t++) {
      targets[t] = ids[t + 1];
      supervised[t] = t + 1 >= prompt.length;
    }
    Encoded enc = new Encoded(e, ids, targets, supervised, full);
    if (enc.targetTokens() == 0) {
      throw new InvalidInputException(e.id(), "the completion has no token to supervise");
    }
    return enc;
  }

  private Encoded encodeClassification(Example e) {
    if (e.label() >= numLabels) {
      throw new InvalidInputException(
          e.id(), "label " + e.label() + " is outside [0, " + numLabels + ")");
    }
    long[] ids = tokenizer.encode(e.text(), true);
    int full = ids.length;
    if (full > maxLength) {
      refuse(e, full);
      int[] split = split(ids);
      int keep = maxLength - split[0] - split[1];
      if (keep < 1) {
        throw new InvalidInputException(e.id(), "a limit of " + maxLength + " leaves no room");
      }
      ids = join(ids, split, split[0], keep);
    }
    if (ids.length == 0) {
      throw new InvalidInputException(e.id(), "the text encodes to no tokens");
    }
    return new Encoded(e, ids, new long[] {e.label()}, new boolean[] {true}, full);
  }

  private void refuse(Example e, int n) {
    if (!truncate) {
      throw new InvalidInputException(
          e.id(),
          n
              + " tokens exceed "
              + limitName
              + " (set a larger maxSeqLength, or truncate: true / --truncate to cut such examples)");
    }
  }

  /**
   * How many of {@code ids}' first and last tokens are the tokenizer's special tokens: the split of
   * {@code encode("", true)} into a prefix and a suffix that {@code ids} starts and ends with.
   */
  private int[] split(long[] ids) {
    if (specials == null) {
      specials = tokenizer.encode("", true);
    }
    int k = specials.length;
    for (int p = k; p >= 0; p--) {
      int s = k - p;
      if (ids.length >= k
          && Arrays.equals(ids, 0, p, specials, 0, p)
          && Arrays.equals(ids, ids.length - s, ids.length, specials, p, k)) {
        return new int[] {p, s};
      }
    }
    return new int[] {0, 0};
  }

  /** {@code ids}' special prefix, {@code count} tokens from {@code from}, its special suffix. */
  private static long[] join(long[] ids, int[] split, int from, int count) {
    long[] out = new long[split[0] + count + split[1]];
    System.arraycopy(ids, 0, out, 0, split[0]);
    System.arraycopy(ids, from, out, split[0], count);
    System.arraycopy(ids, ids.length - split[1], out, split[0] + count, split[1]);
    return out;
  }

  /** Encodes every example of {@code examples}, in order. */
  public List<Encoded> encodeAll(List<Example> examples) {
    List<Encoded> out = new ArrayList<>(examples.size());
    for (Example e : examples) {
      out.add(encode(e));
    }
    return out;
  }

  /** Whether this encoder is for a decoder. */
  public boolean decoder() {
    return decoder;
  }

  /** The longest sequence this encoder emits. */
  public int maxLength() {
    return maxLength;
  }

  /** Whether longer examples are cut (else refused). */
  public boolean truncates() {
    return truncate;
  }

  /** The token that ends each completion; empty if none is appended. */
  public OptionalLong eosTokenId() {
    return eos == NO_EOS ? OptionalLong.empty() : OptionalLong.of(eos);
  }

  /** The classifier's label count (0 for a decoder). */
  public int numLabels() {
    return numLabels;
  }

  /**
   * Checks that {@code labels} fits this classifier's head (a no-op for integer labels, which are
   * checked example by example, and for decoders).
   */
  public void requireLabels(LabelMap labels) {
    if (!decoder && labels.named()) {
      labels.requireFits(numLabels);
    }
  }
}
