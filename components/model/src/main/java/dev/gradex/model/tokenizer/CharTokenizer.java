package dev.gradex.model.tokenizer;

import dev.gradex.core.InvalidInputException;

/**
 * A character-level tokenizer over a fixed alphabet: id = position in the alphabet + 1, id 0 is the
 * beginning-of-sequence token (added as a special token). For tiny decoders trained from scratch on
 * synthetic tasks (tests, the demo).
 */
public final class CharTokenizer implements TokenEncoder {
  private final String alphabet;

  public CharTokenizer(String alphabet) {
    this.alphabet = alphabet;
  }

  /** Vocabulary size: the alphabet plus BOS. */
  public int vocabSize() {
    return alphabet.length() + 1;
  }

  @Override
  public long[] encode(String text, boolean addSpecialTokens) {
    int off = addSpecialTokens ? 1 : 0;
    long[] ids = new long[text.length() + off];
    for (int i = 0; i < text.length(); i++) {
      int k = alphabet.indexOf(text.charAt(i));
      if (k < 0) {
        throw new InvalidInputException(
            "text",
            "character '" + text.charAt(i) + "' is not in the alphabet \"" + alphabet + "\"");
      }
      ids[i + off] = k + 1;
    }
    return ids;
  }
}
