package dev.gradex.baselines;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The hashed n-gram features of DSIR (Xie et al. 2023): a text is lower-cased and split into words
 * (maximal runs of letters and digits) and single punctuation characters; each word (unigram) and
 * each pair of adjacent words (bigram) is hashed, 64-bit FNV-1a over its UTF-8 bytes (a bigram as
 * the two words joined by a space, a unigram prefixed by {@code "1 "}, a bigram by {@code "2 "} so
 * the two kinds never share a key), into one of {@value #BUCKETS} buckets.
 */
final class HashedNgrams {
  /** Number of hash buckets. */
  static final int BUCKETS = 10_000;

  private static final long FNV_OFFSET = 0xcbf29ce484222325L;
  private static final long FNV_PRIME = 0x100000001b3L;

  private HashedNgrams() {}

  /** The words and punctuation characters of {@code text}, lower case. */
  static List<String> tokens(String text) {
    List<String> out = new ArrayList<>();
    String s = text.toLowerCase(Locale.ROOT);
    int i = 0;
    while (i < s.length()) {
      int c = s.codePointAt(i);
      int next = i + Character.charCount(c);
      if (Character.isLetterOrDigit(c)) {
        while (next < s.length() && Character.isLetterOrDigit(s.codePointAt(next))) {
          next += Character.charCount(s.codePointAt(next));
        }
        out.add(s.substring(i, next));
      } else if (!Character.isWhitespace(c)) {
        out.add(s.substring(i, next));
      }
      i = next;
    }
    return out;
  }

  /** The bucket of every unigram and then every bigram of {@code text} (repeats kept). */
  static int[] features(String text) {
    List<String> t = tokens(text);
    int[] out = new int[t.size() + Math.max(0, t.size() - 1)];
    for (int i = 0; i < t.size(); i++) {
      out[i] = bucket("1 " + t.get(i));
    }
    for (int i = 1; i < t.size(); i++) {
      out[t.size() + i - 1] = bucket("2 " + t.get(i - 1) + " " + t.get(i));
    }
    return out;
  }

  /** The bucket of one n-gram key. */
  static int bucket(String key) {
    long h = FNV_OFFSET;
    for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
      h ^= b & 0xff;
      h *= FNV_PRIME;
    }
    return (int) Long.remainderUnsigned(h, BUCKETS);
  }
}
