package dev.gradex.local.problems;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Normalises whitespace and cuts texts to at most {@link #MAX_CHARS} characters at a word boundary,
 * so that every example of the real-text problem fits in about 96 MiniLM tokens and a fine-tune of
 * one subset stays about a minute on 2 cores.
 */
final class TextCut {
  /** The longest text written, in characters. */
  static final int MAX_CHARS = 400;

  /** Shorter passages carry too little to classify and are dropped. */
  static final int MIN_CHARS = 60;

  private static final Pattern SPACE = Pattern.compile("\\s+");
  private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?])\\s+(?=[A-Z\"'(])");

  private TextCut() {}

  /** Whitespace runs to one space, trimmed. */
  static String normalise(String text) {
    return SPACE.matcher(text).replaceAll(" ").strip();
  }

  /** The normalised text, cut at the last space at or before {@link #MAX_CHARS}. */
  static String cut(String text) {
    return cut(text, MAX_CHARS);
  }

  /** The normalised text, cut at the last space at or before {@code max} characters. */
  static String cut(String text, int max) {
    String t = normalise(text);
    if (t.length() <= max) {
      return t;
    }
    int space = t.lastIndexOf(' ', max);
    return (space > max / 2 ? t.substring(0, space) : t.substring(0, max)).strip();
  }

  /**
   * Consecutive sentences of {@code text} joined into passages of at most {@link #MAX_CHARS}
   * characters (a longer sentence is cut); passages under {@link #MIN_CHARS} are dropped.
   */
  static List<String> passages(String text) {
    List<String> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String sentence : SENTENCE_END.split(normalise(text))) {
      if (current.length() > 0 && current.length() + 1 + sentence.length() > MAX_CHARS) {
        add(out, current.toString());
        current.setLength(0);
      }
      current.append(current.length() > 0 ? " " : "").append(sentence);
    }
    add(out, current.toString());
    return out;
  }

  private static void add(List<String> out, String passage) {
    String p = cut(passage);
    if (p.length() >= MIN_CHARS) {
      out.add(p);
    }
  }
}
