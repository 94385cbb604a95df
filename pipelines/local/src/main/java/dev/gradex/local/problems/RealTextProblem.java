package dev.gradex.local.problems;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.gradex.core.AtomicFiles;
import dev.gradex.core.InvalidInputException;
import dev.gradex.core.Json;
import dev.gradex.core.SplitMix64;
import dev.gradex.local.problems.SourcePlan.Labels;
import dev.gradex.local.problems.SourcePlan.Role;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The real-text selection problem (issue 14): spam filtering on SpamAssassin's {@code spam-1} vs
 * {@code easy-ham-1} as the target (300 training, 200 validation, 300 test examples, balanced) and
 * eight sources of 300 to 600 texts from registry-shipped corpora, with planted roles:
 *
 * <ul>
 *   <li>helpful: the same task on other SpamAssassin collections ({@code ham2-spam2}, {@code
 *       hardham-spam2}, and {@code ham1-spam1} with one spam in six);
 *   <li>unrelated: the party of a State of the Union passage ({@code sotu-party}, Democratic 0 vs
 *       Republican 1) and Brown Corpus genre pairs ({@code brown-news-fiction}, {@code
 *       brown-learned-romance});
 *   <li>harmful: {@code ham2-spam2-flipped}, drawn like {@code ham2-spam2} with its labels flipped,
 *       and {@code ham1-spam2-random}, with a seeded coin for a label.
 * </ul>
 *
 * <p>Every text is cut to {@link TextCut#MAX_CHARS} characters (about 96 MiniLM tokens). No text is
 * in two files, nor twice in one: pools are drawn without replacement after a seeded shuffle, and a
 * text already written (after normalisation) is skipped. The same corpora and seed give
 * byte-identical files. Writes {@code data/*.jsonl}, {@code data/truth.json} (role to source names,
 * for {@code gradex run --truth}), {@code data/problem.json} (what was drawn from where) and {@code
 * run.yaml}, whose {@code model.dir} is the all-MiniLM-L6-v2 directory given.
 */
public final class RealTextProblem {
  private static final ObjectMapper JSON = Json.JSON;

  private final Path corpora;
  private final Path out;
  private final Path modelDir;
  private final long seed;
  private final Integer fidelitySubsets;
  private final RealTextLayout layout;

  private RealTextProblem(Builder b) {
    this.layout = b.layout;
    this.corpora = b.corpora;
    this.out = b.out;
    this.modelDir = b.modelDir;
    this.seed = b.seed;
    this.fidelitySubsets = b.fidelitySubsets;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** One written example. */
  record Row(String id, String text, int label) {}

  /**
   * Writes the problem under the output directory; returns the {@code run.yaml} written. Every file
   * is drawn before the first is written, so a corpus too small leaves nothing behind.
   */
  public Path write() {
    Draw draw = new Draw(new Corpora(corpora), seed, layout.maxChars());
    Path data = out.resolve("data");
    Map<Path, String> files = new LinkedHashMap<>();
    Map<String, Object> drawn = new LinkedHashMap<>();
    SplitMix64 shuffle = new SplitMix64(seed ^ 0x5EEDL);
    int[] sizes = layout.targetSplits();
    int half = (sizes[0] + sizes[1] + sizes[2]) / 2;
    List<Row> target =
        draw.labelled(Pool.EASY_HAM_1, half, Pool.SPAM_1, half, Labels.TRUE, "target");
    List<List<Row>> splits = splitBalanced(target, sizes, shuffle);
    String[] names = {"target-train", "target-validation", "target-test"};
    for (int i = 0; i < 3; i++) {
      files.put(data.resolve(names[i] + ".jsonl"), jsonl(splits.get(i)));
      drawn.put(names[i], counts(splits.get(i)));
    }
    Map<String, List<String>> truth = new LinkedHashMap<>();
    for (Role r : Role.values()) {
      truth.put(r.name().toLowerCase(Locale.ROOT), new ArrayList<>());
    }
    for (SourcePlan s : layout.sources()) {
      List<Row> rows =
          draw.labelled(s.pool0(), s.count0(), s.pool1(), s.count1(), s.labels(), s.name());
      shuffleInPlace(rows, shuffle);
      files.put(data.resolve(s.name() + ".jsonl"), jsonl(rows));
      truth.get(s.role().name().toLowerCase(Locale.ROOT)).add(s.name());
      Map<String, Object> info = new LinkedHashMap<>(counts(rows));
      info.put("role", s.role().name().toLowerCase(Locale.ROOT));
      info.put("from", List.of(s.pool0().name(), s.pool1().name()));
      info.put("labels", s.labels().name().toLowerCase(Locale.ROOT));
      drawn.put(s.name(), info);
    }
    Map<String, Object> problem = new LinkedHashMap<>();
    problem.put("problem", "real-text");
    problem.put("seed", seed);
    problem.put("layout", layout.name());
    problem.put("maxChars", layout.maxChars());
    problem.put(
        "corpora", java.util.Arrays.stream(Pool.Corpus.values()).map(c -> c.npmPackage).toList());
    problem.put("files", drawn);
    files.put(data.resolve("truth.json"), json(truth));
    files.put(data.resolve("problem.json"), json(problem));
    files.forEach(AtomicFiles::writeString);
    return RealTextRun.write(out, modelDir, seed, fidelitySubsets, layout.sourceNames());
  }

  /** Train, validation and test, each with as many ham as spam, in a seeded order. */
  private static List<List<Row>> splitBalanced(List<Row> target, int[] splits, SplitMix64 rng) {
    List<Row> ham = target.stream().filter(r -> r.label() == 0).toList();
    List<Row> spam = target.stream().filter(r -> r.label() == 1).toList();
    List<List<Row>> out = new ArrayList<>();
    int from = 0;
    for (int examples : splits) {
      int size = examples / 2;
      List<Row> split = new ArrayList<>(ham.subList(from, from + size));
      split.addAll(spam.subList(from, from + size));
      shuffleInPlace(split, rng);
      out.add(split);
      from += size;
    }
    return out;
  }

  private static Map<String, Object> counts(List<Row> rows) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("examples", rows.size());
    c.put("label1", rows.stream().filter(r -> r.label() == 1).count());
    return c;
  }

  static <T> void shuffleInPlace(List<T> list, SplitMix64 rng) {
    for (int i = list.size() - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      T t = list.get(i);
      list.set(i, list.get(j));
      list.set(j, t);
    }
  }

  private static String jsonl(List<Row> rows) {
    StringBuilder sb = new StringBuilder();
    try {
      for (Row r : rows) {
        sb.append(JSON.writeValueAsString(r)).append('\n');
      }
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    return sb.toString();
  }

  private static String json(Object value) {
    try {
      return JSON.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(value)
          + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Draws passages from shuffled pools without replacement, skipping texts already drawn. */
  private static final class Draw {
    private final Corpora corpora;
    private final long seed;
    private final Map<Pool, List<Passage>> shuffled = new EnumMap<>(Pool.class);
    private final Map<Pool, Integer> next = new EnumMap<>(Pool.class);
    private final Set<String> seen = new HashSet<>();
    private final SplitMix64 coin;
    private final int maxChars;

    Draw(Corpora corpora, long seed, int maxChars) {
      this.corpora = corpora;
      this.seed = seed;
      this.maxChars = maxChars;
      this.coin = new SplitMix64(seed ^ 0xC01AL);
    }

    List<Row> labelled(Pool p0, int n0, Pool p1, int n1, Labels labels, String what) {
      List<Row> rows = new ArrayList<>();
      for (Passage p : take(p0, n0, what)) {
        rows.add(new Row(p.origin(), p.text(), label(0, labels)));
      }
      for (Passage p : take(p1, n1, what)) {
        rows.add(new Row(p.origin(), p.text(), label(1, labels)));
      }
      return rows;
    }

    private int label(int truth, Labels labels) {
      return switch (labels) {
        case TRUE -> truth;
        case FLIPPED -> 1 - truth;
        case RANDOM -> coin.nextInt(2);
      };
    }

    private List<Passage> take(Pool pool, int n, String what) {
      List<Passage> all =
          shuffled.computeIfAbsent(
              pool,
              p -> {
                List<Passage> copy = new ArrayList<>(corpora.pool(p));
                shuffleInPlace(copy, new SplitMix64(seed * 31 + p.ordinal()));
                return copy;
              });
      int i = next.getOrDefault(pool, 0);
      List<Passage> out = new ArrayList<>();
      while (out.size() < n && i < all.size()) {
        Passage p = all.get(i++);
        String text = TextCut.cut(p.text(), maxChars);
        if (text.length() >= TextCut.MIN_CHARS && seen.add(text)) {
          out.add(new Passage(p.origin(), text));
        }
      }
      next.put(pool, i);
      if (out.size() < n) {
        throw new InvalidInputException(
            pool.corpus.folder + ":" + pool.key,
            String.format(
                Locale.ROOT,
                "%s needs %d more distinct texts than the pool has left (%d passages in all)",
                what,
                n - out.size(),
                all.size()));
      }
      return out;
    }
  }

  /** Builder: {@code set...} required, {@code opt...} optional; {@link #build()} checks all. */
  public static final class Builder {
    private Path corpora;
    private Path out;
    private Path modelDir;
    private long seed = 7;
    private Integer fidelitySubsets;
    private RealTextLayout layout = RealTextLayout.STANDARD;

    /** The directory tests/setup/corpora.sh prints. */
    public Builder setCorpora(Path dir) {
      this.corpora = dir;
      return this;
    }

    /** Where data/ and run.yaml are written. */
    public Builder setOut(Path dir) {
      this.out = dir;
      return this;
    }

    /** The all-MiniLM-L6-v2 directory (tests/setup/model-fixtures.sh prints it). */
    public Builder setModelDir(Path dir) {
      this.modelDir = dir;
      return this;
    }

    public Builder optSeed(long seed) {
      this.seed = seed;
      return this;
    }

    /** {@code fidelity.subsets} of run.yaml; null leaves the run's default. */
    public Builder optFidelitySubsets(Integer subsets) {
      this.fidelitySubsets = subsets;
      return this;
    }

    /** The problem's shape (default {@link RealTextLayout#STANDARD}). */
    public Builder optLayout(RealTextLayout layout) {
      this.layout = layout;
      return this;
    }

    /**
     * @throws InvalidInputException naming every missing or unusable field
     */
    public RealTextProblem build() {
      List<String> bad = new ArrayList<>();
      if (corpora == null) {
        bad.add("corpora is required");
      } else if (!Files.isDirectory(corpora)) {
        bad.add("corpora " + corpora + " is not a directory (tests/setup/corpora.sh makes it)");
      }
      if (out == null) {
        bad.add("out is required");
      }
      if (modelDir == null) {
        bad.add("model is required");
      } else if (!Files.isRegularFile(modelDir.resolve("config.json"))) {
        bad.add("model " + modelDir + " has no config.json (tests/setup/model-fixtures.sh)");
      }
      if (layout == null) {
        bad.add("layout is required");
      }
      if (fidelitySubsets != null && fidelitySubsets < 0) {
        bad.add("fidelity subsets must be >= 0 (got " + fidelitySubsets + ")");
      }
      if (!bad.isEmpty()) {
        throw new InvalidInputException("real-text problem", String.join("; ", bad));
      }
      return new RealTextProblem(this);
    }
  }
}
