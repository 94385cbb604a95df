package dev.gradex.model.data;

import dev.gradex.core.InvalidInputException;
import dev.gradex.model.config.BertConfig;
import dev.gradex.model.config.Gpt2Config;
import dev.gradex.model.config.LlamaConfig;
import dev.gradex.model.config.ModelConfig;
import dev.gradex.model.tokenizer.TokenEncoder;
import java.util.ArrayList;
import java.util.List;

/**
 * Encodes examples for a decoder (prompt with special tokens, then completion without; labels
 * shifted by one; only completion tokens supervised) or for a classifier (text with special tokens;
 * the label is the single target), as stage 2 of Li et al., arXiv 2409.19458 prescribes.
 */
public final class ExampleEncoder {
  private final TokenEncoder tokenizer;
  private final boolean decoder;
  private final int maxLength;
  private final int numLabels;

  /**
   * @param tokenizer the model's tokenizer
   * @param decoder whether the model is a causal decoder (else a classifier)
   * @param maxLength longest token sequence the model accepts
   * @param numLabels the classifier's label count (ignored for decoders)
   */
  public ExampleEncoder(TokenEncoder tokenizer, boolean decoder, int maxLength, int numLabels) {
    this.tokenizer = tokenizer;
    this.decoder = decoder;
    this.maxLength = maxLength;
    this.numLabels = numLabels;
  }

  /** An encoder for {@code config}'s kind (decoder or classifier) and limits. */
  public static ExampleEncoder forModel(ModelConfig config, TokenEncoder tokenizer) {
    if (config instanceof Gpt2Config c) {
      return new ExampleEncoder(tokenizer, true, c.nPositions(), 0);
    }
    if (config instanceof LlamaConfig c) {
      return new ExampleEncoder(tokenizer, true, c.maxPositions(), 0);
    }
    BertConfig c = (BertConfig) config;
    return new ExampleEncoder(tokenizer, false, c.maxPositions(), c.numLabels());
  }

  /** Encodes one example; a record that does not fit the model is an InvalidInputException. */
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
    int n = prompt.length + completion.length;
    checkLength(e, n);
    long[] ids = new long[n];
    System.arraycopy(prompt, 0, ids, 0, prompt.length);
    System.arraycopy(completion, 0, ids, prompt.length, completion.length);
    long[] targets = new long[n];
    boolean[] supervised = new boolean[n];
    for (int t = 0; t + 1 < n; t++) {
      targets[t] = ids[t + 1];
      supervised[t] = t + 1 >= prompt.length;
    }
    Encoded enc = new Encoded(e, ids, targets, supervised);
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
    checkLength(e, ids.length);
    if (ids.length == 0) {
      throw new InvalidInputException(e.id(), "the text encodes to no tokens");
    }
    return new Encoded(e, ids, new long[] {e.label()}, new boolean[] {true});
  }

  private void checkLength(Example e, int n) {
    if (n > maxLength) {
      throw new InvalidInputException(
          e.id(), n + " tokens exceed the model's limit of " + maxLength);
    }
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
}
