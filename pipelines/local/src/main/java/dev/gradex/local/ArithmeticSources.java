package dev.gradex.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gradex.core.AtomicFiles;
import dev.gradex.core.Json;
import dev.gradex.core.SplitMix64;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The demo's multi-source problem, after the synthetic check of Li et al. (arXiv 2409.19458):
 * multi-digit addition written out with chain-of-thought steps. The target is 3-digit addition with
 * little training data. Every source is 3-digit addition in the same notation, so sources differ
 * only in how their steps are computed (with operands of other lengths, the gradients mostly
 * measure how alike the notation is). Sources are <em>clean</em> (correct steps: they help),
 * <em>noisy</em> (the same format with random step results: they hurt) or <em>conflicting</em> (a
 * different rule written in the same notation, digit differences without carries: they teach the
 * wrong thing). Measured on the demo's tiny decoder (BENCHMARKS.md): fine-tuning on the target plus
 * the clean sources beats target plus clean and noisy, which beats target plus every source.
 *
 * <p>An example: prompt {@code 347+265=}, completion {@code 7+5=12;4+6+1=11;3+2+1=6;612}. Every
 * character is in {@link #ALPHABET}, so a character-level tokenizer suffices.
 *
 * <p>For the paper benchmark there are also <em>irrelevant</em> sources: other text in the same
 * alphabet (a list of digits and the list sorted, {@code 3;9;1=} then {@code 1;3;9}), which shares
 * the notation but not the task.
 */
public final class ArithmeticSources {
  /** Every character the examples use. */
  public static final String ALPHABET = "0123456789+=;\n";

  /** Role of a source, as written to truth.json. */
  public enum Kind {
    CLEAN,
    NOISY,
    CONFLICTING,
    /**
     * Other text in the same alphabet (digit lists and their sorted order): neither help nor rule.
     */
    IRRELEVANT
  }

  /** One generated source. */
  public record Source(String name, Kind kind, int digits) {}

  private final long seed;
  private final List<Source> sources;
  private final int perSource;
  private final int targetTrain;
  private final int targetValidation;
  private final int targetTest;

  /**
   * @param seed generator seed
   * @param clean number of clean sources
   * @param noisy number of noisy sources
   * @param conflicting number of conflicting sources
   * @param perSource examples per source
   * @param targetTrain target training examples
   * @param targetEval target validation and test examples (each)
   */
  public ArithmeticSources(
      long seed,
      int clean,
      int noisy,
      int conflicting,
      int perSource,
      int targetTrain,
      int targetEval) {
    this(seed, clean, noisy, conflicting, 0, perSource, targetTrain, targetEval);
  }

  /**
   * With {@code irrelevant} sources of other text in the same alphabet besides the three kinds.
   *
   * @param seed generator seed
   * @param clean number of clean sources
   * @param noisy number of noisy sources
   * @param conflicting number of conflicting sources
   * @param irrelevant number of irrelevant sources
   * @param perSource examples per source
   * @param targetTrain target training examples
   * @param targetEval target validation and test examples (each)
   */
  public ArithmeticSources(
      long seed,
      int clean,
      int noisy,
      int conflicting,
      int irrelevant,
      int perSource,
      int targetTrain,
      int targetEval) {
    this.seed = seed;
    this.perSource = perSource;
    this.targetTrain = targetTrain;
    this.targetValidation = targetEval;
    this.targetTest = targetEval;
    List<Source> list = new ArrayList<>();
    for (int i = 0; i < clean; i++) {
      list.add(new Source(String.format("clean-%02d", i), Kind.CLEAN, 3));
    }
    for (int i = 0; i < noisy; i++) {
      list.add(new Source(String.format("noisy-%02d", i), Kind.NOISY, 3));
    }
    for (int i = 0; i < conflicting; i++) {
      list.add(new Source(String.format("conflict-%02d", i), Kind.CONFLICTING, 3));
    }
    for (int i = 0; i < irrelevant; i++) {
      list.add(new Source(String.format("irrelevant-%02d", i), Kind.IRRELEVANT, 3));
    }
    this.sources = List.copyOf(list);
  }

  public List<Source> sources() {
    return sources;
  }

  /**
   * Writes {@code <name>.jsonl} per source, {@code target-train.jsonl}, {@code
   * target-validation.jsonl}, {@code target-test.jsonl} and {@code truth.json} into {@code dir}.
   */
  public void write(Path dir) {
    SplitMix64 rng = new SplitMix64(seed);
    for (Source s : sources) {
      AtomicFiles.writeString(
          dir.resolve(s.name() + ".jsonl"), jsonl(s.name(), s.kind(), s.digits(), perSource, rng));
    }
    AtomicFiles.writeString(
        dir.resolve("target-train.jsonl"), jsonl("target", Kind.CLEAN, 3, targetTrain, rng));
    AtomicFiles.writeString(
        dir.resolve("target-validation.jsonl"),
        jsonl("target", Kind.CLEAN, 3, targetValidation, rng));
    AtomicFiles.writeString(
        dir.resolve("target-test.jsonl"), jsonl("target", Kind.CLEAN, 3, targetTest, rng));
    Map<String, List<String>> truth = new LinkedHashMap<>();
    for (Kind k : Kind.values()) {
      if (k == Kind.IRRELEVANT && sources.stream().noneMatch(s -> s.kind() == k)) {
        continue; // truth.json of problems without irrelevant sources stays as it was
      }
      truth.put(
          k.name().toLowerCase(java.util.Locale.ROOT),
          sources.stream().filter(s -> s.kind() == k).map(Source::name).toList());
    }
    try {
      AtomicFiles.writeString(dir.resolve("truth.json"), Json.PRETTY.writeValueAsString(truth));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Writes a pretraining corpus of {@code count} examples in the task's format but with random
   * digits (2 to 4 digit operands): it teaches a base model the notation, not the arithmetic.
   */
  public void writeFormatCorpus(Path file, int count) {
    SplitMix64 rng = new SplitMix64(seed ^ 0xC0FFEEL);
    StringBuilder sb = new StringBuilder();
    for (int d = 2; d <= 4; d++) {
      sb.append(jsonl("pretrain-" + d, Kind.NOISY, d, count / 3, rng));
    }
    AtomicFiles.writeString(file, sb.toString());
  }

  private static String jsonl(String task, Kind kind, int digits, int count, SplitMix64 rng) {
    ObjectMapper json = Json.JSON;
    StringBuilder sb = new StringBuilder();
    int lo = (int) Math.pow(10, digits - 1);
    int hi = (int) Math.pow(10, digits);
    for (int i = 0; i < count; i++) {
      int a = lo + rng.nextInt(hi - lo);
      int b = lo + rng.nextInt(hi - lo);
      Map<String, String> rec = new LinkedHashMap<>();
      rec.put("id", task + "/" + i);
      if (kind == Kind.IRRELEVANT) {
        int[] list = new int[3 + rng.nextInt(3)];
        for (int j = 0; j < list.length; j++) {
          list[j] = rng.nextInt(10);
        }
        rec.put("prompt", digitList(list) + "=");
        java.util.Arrays.sort(list);
        rec.put("completion", digitList(list));
      } else {
        rec.put("prompt", a + "+" + b + "=");
        rec.put("completion", completion(a, b, kind, rng));
      }
      try {
        sb.append(json.writeValueAsString(rec)).append('\n');
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
    }
    return sb.toString();
  }

  private static String digitList(int[] digits) {
    StringBuilder sb = new StringBuilder();
    for (int d : digits) {
      sb.append(sb.length() == 0 ? "" : ";").append(d);
    }
    return sb.toString();
  }

  /** The chain of thought: one step per digit from the right, then the answer. */
  static String completion(int a, int b, Kind kind, SplitMix64 rng) {
    StringBuilder steps = new StringBuilder();
    StringBuilder answer = new StringBuilder();
    int carry = 0;
    while (a > 0 || b > 0 || carry > 0) {
      int da = a % 10;
      int db = b % 10;
      int sum = kind == Kind.CONFLICTING ? Math.abs(da - db) : da + db + carry;
      if (kind == Kind.NOISY) {
        sum = rng.nextInt(19);
      }
      steps.append(da).append('+').append(db);
      if (carry > 0 && kind != Kind.CONFLICTING) {
        steps.append('+').append(carry);
      }
      steps.append('=').append(sum).append(';');
      answer.insert(0, sum % 10);
      carry = kind == Kind.CONFLICTING ? 0 : sum / 10;
      a /= 10;
      b /= 10;
      if (a == 0 && b == 0 && carry > 0) {
        answer.insert(0, carry);
        break;
      }
    }
    return steps.append(answer).toString();
  }
}
