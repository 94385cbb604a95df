package dev.gradex.core.subsets;

import dev.gradex.core.InvalidInputException;
import dev.gradex.core.SplitMix64;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Draws the m random subsets of the random ensemble, each of {@code k = floor(alpha * n)} tasks
 * chosen uniformly without replacement from n candidate tasks (stage 4 of Li, Zhang, Wang and
 * Zhang, "Scalable Fine-tuning from Multiple Data Sources: A First-Order Approximation Approach",
 * Findings of EMNLP 2024, arXiv 2409.19458).
 *
 * <p>The output is fixed by the seed and this code alone (SplitMix64 with a partial Fisher-Yates
 * shuffle), so a persisted list can always be re-derived. Subsets are always distinct. When C(n, k)
 * <= m every k-subset is returned exactly once, in an order shuffled by the seed, so the list has
 * C(n, k) entries rather than m ({@link #enumerates}): estimating a subset twice adds nothing, as
 * fhat is deterministic, and a random ensemble over every subset is exact rather than a noisy
 * average. Otherwise m distinct subsets are drawn (duplicates rejected).
 */
public final class SubsetSampler {
  /** Above this many draws per requested subset, rejection of duplicates is considered stuck. */
  private static final int MAX_DRAWS_PER_SUBSET = 64;

  private final double alpha;
  private final int count;
  private final long seed;

  private SubsetSampler(Builder builder) {
    this.alpha = builder.alpha;
    this.count = builder.count;
    this.seed = builder.seed;
  }

  public static Builder builder() {
    return new Builder();
  }

  public double alpha() {
    return alpha;
  }

  public int count() {
    return count;
  }

  public long seed() {
    return seed;
  }

  /**
   * The subset size for {@code n} candidates, {@code floor(alpha * n)}. A tolerance of 1e-9 absorbs
   * binary rounding, so that alpha = 0.29 with 100 tasks gives 29 and not 28 (0.29 * 100 is
   * 28.999999999999996 in double).
   */
  public int subsetSize(int n) {
    return (int) Math.floor(alpha * n + 1e-9);
  }

  /** Whether {@link #sample} returns every k-subset of {@code n} candidates once: C(n, k) <= m. */
  public boolean enumerates(int n) {
    return Combinations.count(n, subsetSize(n), count) <= count;
  }

  /**
   * The subset size for {@code n} candidates, checked before anything is sampled (a front-end may
   * call it as soon as it knows n).
   *
   * @throws InvalidInputException naming the field {@code alpha} if floor(alpha n) is 0
   */
  public int requireSubsetSize(int n) {
    int k = subsetSize(n);
    if (k == 0) {
      throw new InvalidInputException(
          "alpha",
          String.format(
              "%s picks floor(%s x %d) = 0 of %d tasks, so no subset holds a task: use at least"
                  + " %.6g",
              alpha, alpha, n, n, 1.0 / n));
    }
    return k;
  }

  /** How many subsets {@link #sample} returns for {@code n} candidates: min(m, C(n, k)). */
  public int subsetCount(int n) {
    return (int) Math.min(count, Combinations.count(n, subsetSize(n), count));
  }

  /**
   * @param candidates distinct task indices to draw from (e.g. all auxiliary tasks), any order
   * @return {@link #subsetCount} distinct subsets, each sorted ascending
   * @throws InvalidInputException if there are no candidates, duplicates among them, or alpha is
   *     too small to pick a single task
   */
  public List<int[]> sample(int[] candidates) {
    int[] pool = validatedPool(candidates);
    int n = pool.length;
    int k = requireSubsetSize(n);
    SplitMix64 random = new SplitMix64(seed);
    long combinations = Combinations.count(n, k, 2L * count);
    if (combinations <= 2L * count) {
      // Nearly every subset is needed (or all of them): shuffle the full list, take min(m, C).
      return Combinations.sampleDistinct(pool, k, (int) Math.min(count, combinations), random);
    }
    return drawDistinct(pool, k, random);
  }

  /** Rejection of duplicates; only used when C(n, k) > 2m so each draw is new with p > 1/2. */
  private List<int[]> drawDistinct(int[] pool, int k, SplitMix64 random) {
    List<int[]> out = new ArrayList<>(count);
    Set<List<Integer>> seen = new HashSet<>();
    long draws = 0;
    long maxDraws = (long) MAX_DRAWS_PER_SUBSET * count + 1000;
    while (out.size() < count) {
      if (++draws > maxDraws) {
        throw new IllegalStateException("no distinct subset after " + maxDraws + " draws");
      }
      int[] subset = draw(pool, k, random);
      if (seen.add(Arrays.stream(subset).boxed().toList())) {
        out.add(subset);
      }
    }
    return out;
  }

  /** Partial Fisher-Yates over a copy of the pool: the first k slots become the subset. */
  static int[] draw(int[] pool, int k, SplitMix64 random) {
    int[] a = pool.clone();
    for (int i = 0; i < k; i++) {
      int j = i + random.nextInt(a.length - i);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
    int[] subset = Arrays.copyOf(a, k);
    Arrays.sort(subset);
    return subset;
  }

  private static int[] validatedPool(int[] candidates) {
    if (candidates == null || candidates.length < 1) {
      throw new InvalidInputException("tasks", "no candidate tasks to sample subsets from");
    }
    int[] sorted = candidates.clone();
    Arrays.sort(sorted);
    for (int i = 1; i < sorted.length; i++) {
      if (sorted[i] == sorted[i - 1]) {
        throw new InvalidInputException("tasks", "candidate task " + sorted[i] + " listed twice");
      }
    }
    // Sorting first makes the result independent of the order the caller listed candidates in.
    return sorted;
  }

  /** Collects the settings; {@link #build()} reports every invalid one at once. */
  public static final class Builder {
    private double alpha = 0.5;
    private int count = 1000;
    private long seed = 0;

    private Builder() {}

    /** Fraction of the candidates in each subset, in (0, 1]; 0.5 by default. */
    public Builder optAlpha(double alpha) {
      this.alpha = alpha;
      return this;
    }

    /** Number of subsets m >= 1; 1000 by default. */
    public Builder optCount(int count) {
      this.count = count;
      return this;
    }

    public Builder optSeed(long seed) {
      this.seed = seed;
      return this;
    }

    public SubsetSampler build() {
      List<String> subjects = new ArrayList<>();
      List<String> problems = new ArrayList<>();
      if (!(alpha > 0 && alpha <= 1)) {
        subjects.add("alpha");
        problems.add("alpha = " + alpha + " is outside (0, 1], e.g. use 0.5");
      }
      if (count < 1) {
        subjects.add("subsets");
        problems.add("subsets = " + count + " must be at least 1, e.g. 1000");
      }
      if (!problems.isEmpty()) {
        throw new InvalidInputException(String.join(", ", subjects), String.join("; ", problems));
      }
      return new SubsetSampler(this);
    }
  }
}
