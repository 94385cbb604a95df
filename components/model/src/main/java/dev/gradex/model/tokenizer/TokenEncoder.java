package dev.gradex.model.tokenizer;

/** Turns text into token ids; the data layer needs nothing else of a tokenizer. */
public interface TokenEncoder {
  /**
   * Token ids of {@code text}, with the tokenizer's special tokens (e.g. BOS, [CLS] ... [SEP]) when
   * {@code addSpecialTokens}.
   */
  long[] encode(String text, boolean addSpecialTokens);
}
