package dev.gradex.local.problems;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.gradex.core.AtomicFiles;
import dev.gradex.core.Json;
import dev.gradex.core.SplitMix64;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * A small language-modelling selection problem for a causal LM (problem 3 of {@code gradex bench
 * paper}, SmolLM2-135M): two-digit addition asked in English, {@code "What is 23 plus
 * 45?\nAnswer:"} completed by {@code " 68"}, with 8 sources of prompt/completion records in the
 * lm-mini problem's style (tests/problems/lm-mini), all drawn from one seed:
 *
 * <ul>
 *   <li>helpful: {@code addition-more-1}, {@code addition-more-2} (the target's question on other
 *       pairs) and {@code addition-reworded} ("What is the sum of a and b?", "Add a and b.");
 *   <li>unrelated: {@code letters} (first or last letter of a word) and {@code word-length} (how
 *       many letters a word has);
 *   <li>harmful: {@code addition-off} (the sum off by 1 to 9), {@code addition-reversed} (its
 *       digits reversed) and {@code addition-concat} (the two numbers written together).
 * </ul>
 *
 * No number pair is used twice across the files. Writes {@code data/*.jsonl} and {@code
 * data/truth.json}.
 */
public final class LmAdditionProblem {
  private static final String QUESTION = "What is %d plus %d?\nAnswer:";
  private static final String[] REWORDED = {
    "What is the sum of %d and %d?\nAnswer:", "Add %d and %d.\nAnswer:"
  };
  private static final List<String> WORDS =
      List.of(
          ("apple bread chair dance eagle flame grape house island jacket kettle lemon market needle"
                  + " orange pencil quiet river silver table uncle violet window yellow zebra basket"
                  + " candle garden hammer ladder mirror pillow rabbit saddle ticket wallet butter"
                  + " copper doctor forest ginger honey kitten meadow nickel planet rocket summer"
                  + " anchor button carpet dragon engine feather guitar helmet insect jungle kitchen"
                  + " lantern magnet napkin oyster parrot quartz ribbon shadow tunnel velvet walnut")
              .split(" "));

  /** The target's splits and the records of every source. */
  private final int train;

  private final int validation;
  private final int test;
  private final int perSource;

  /**
   * @param train target training records
   * @param validation target validation records
   * @param test target test records
   * @param perSource records of each source (at most half the word list for the word sources)
   */
  public LmAdditionProblem(int train, int validation, int test, int perSource) {
    if (train < 1 || validation < 1 || test < 1 || perSource < 1 || perSource > WORDS.size()) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "sizes must be positive and perSource <= %d: %d/%d/%d, %d",
              WORDS.size(),
              train,
              validation,
              test,
              perSource));
    }
    this.train = train;
    this.validation = validation;
    this.test = test;
    this.perSource = perSource;
  }

  /** The sources' names, in the order of run.yaml. */
  public static List<String> sourceNames() {
    return List.of(
        "addition-more-1",
        "addition-more-2",
        "addition-reworded",
        "letters",
        "word-length",
        "addition-off",
        "addition-reversed",
        "addition-concat");
  }

  /** Writes {@code dir/*.jsonl} and {@code dir/truth.json} from {@code seed}. */
  public void write(Path dir, long seed) {
    SplitMix64 rng = new SplitMix64(seed);
    Set<Long> used = new HashSet<>();
    Map<String, List<Map<String, String>>> files = new LinkedHashMap<>();
    IntFunction<String> ask = i -> QUESTION;
    files.put("target-train", addition(rng, used, train, ask, Answer.RIGHT));
    files.put("target-validation", addition(rng, used, validation, ask, Answer.RIGHT));
    files.put("target-test", addition(rng, used, test, ask, Answer.RIGHT));
    files.put("addition-more-1", addition(rng, used, perSource, ask, Answer.RIGHT));
    files.put("addition-more-2", addition(rng, used, perSource, ask, Answer.RIGHT));
    files.put(
        "addition-reworded", addition(rng, used, perSource, i -> REWORDED[i % 2], Answer.RIGHT));
    files.put("letters", letters(rng, perSource));
    files.put("word-length", wordLength(rng, perSource));
    files.put("addition-off", addition(rng, used, perSource, ask, Answer.OFF));
    files.put("addition-reversed", addition(rng, used, perSource, ask, Answer.REVERSED));
    files.put("addition-concat", addition(rng, used, perSource, ask, Answer.CONCAT));
    Map<String, List<String>> truth = new LinkedHashMap<>();
    truth.put("helpful", List.of("addition-more-1", "addition-more-2", "addition-reworded"));
    truth.put("unrelated", List.of("letters", "word-length"));
    truth.put("harmful", List.of("addition-off", "addition-reversed", "addition-concat"));
    try {
      for (Map.Entry<String, List<Map<String, String>>> e : files.entrySet()) {
        StringBuilder sb = new StringBuilder();
        for (Map<String, String> r : e.getValue()) {
          sb.append(Json.JSON.writeValueAsString(r)).append('\n');
        }
        AtomicFiles.writeString(dir.resolve(e.getKey() + ".jsonl"), sb.toString());
      }
      AtomicFiles.writeString(
          dir.resolve("truth.json"),
          Json.JSON.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(truth)
              + "\n");
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** How a source answers "a plus b". */
  private enum Answer {
    RIGHT,
    OFF,
    REVERSED,
    CONCAT
  }

  private static List<Map<String, String>> addition(
      SplitMix64 rng, Set<Long> used, int n, IntFunction<String> prompt, Answer answer) {
    List<Map<String, String>> out = new ArrayList<>();
    while (out.size() < n) {
      int a = 10 + rng.nextInt(90);
      int b = 10 + rng.nextInt(90);
      String sum = String.valueOf(a + b);
      String reversed = new StringBuilder(sum).reverse().toString();
      if (answer == Answer.REVERSED && (sum.equals(reversed) || sum.endsWith("0"))) {
        continue; // a reversed sum must be another number
      }
      if (!used.add(a * 100L + b)) {
        continue;
      }
      String completion =
          switch (answer) {
            case RIGHT -> sum;
            case OFF -> String.valueOf(a + b + offset(rng));
            case REVERSED -> reversed;
            case CONCAT -> a + "" + b;
          };
      out.add(record(String.format(Locale.ROOT, prompt.apply(out.size()), a, b), completion));
    }
    return out;
  }

  /** -9..-1 or 1..9. */
  private static int offset(SplitMix64 rng) {
    int d = 1 + rng.nextInt(9);
    return rng.nextInt(2) == 0 ? d : -d;
  }

  private static List<Map<String, String>> letters(SplitMix64 rng, int n) {
    List<Map<String, String>> out = new ArrayList<>();
    List<String> words = sample(rng, n);
    for (int i = 0; i < words.size(); i++) {
      String w = words.get(i);
      out.add(
          i % 2 == 0
              ? record("What is the first letter of \"" + w + "\"?\nAnswer:", w.substring(0, 1))
              : record(
                  "What is the last letter of \"" + w + "\"?\nAnswer:",
                  w.substring(w.length() - 1)));
    }
    return out;
  }

  private static List<Map<String, String>> wordLength(SplitMix64 rng, int n) {
    List<Map<String, String>> out = new ArrayList<>();
    for (String w : sample(rng, n)) {
      out.add(
          record(
              "How many letters are in the word \"" + w + "\"?\nAnswer:",
              String.valueOf(w.length())));
    }
    return out;
  }

  private static List<String> sample(SplitMix64 rng, int n) {
    List<String> copy = new ArrayList<>(WORDS);
    RealTextProblem.shuffleInPlace(copy, rng);
    return copy.subList(0, n);
  }

  private static Map<String, String> record(String prompt, String completion) {
    Map<String, String> r = new LinkedHashMap<>();
    r.put("prompt", prompt);
    r.put("completion", " " + completion);
    return r;
  }
}
