package dev.gradex.core.synth;

import dev.gradex.core.InvalidInputException;
import dev.gradex.core.SplitMix64;
import dev.gradex.core.store.ExampleBlock;
import dev.gradex.core.store.HeapExampleBlocks;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A synthetic multi-source problem with planted ground truth, in the spirit of the synthetic check
 * of Li et al. (arXiv 2409.19458): some sources help the target, some are irrelevant, some hurt.
 *
 * <p>Generative model. A unit target direction {@code u} in R^d is drawn at random. Each source
 * task t gets a unit mean direction: HELPFUL tasks {@code cos(phi) u + sin(phi) v_t}, NOISY tasks
 * {@code -cos(phi) u + sin(phi) v_t}, NEUTRAL tasks {@code v_t}, where {@code v_t} is a random unit
 * vector orthogonal to u and phi is uniform in [0, 40 degrees]. An example's projected gradient is
 * its task's mean direction scaled by {@link Builder#optSignal} plus isotropic Gaussian noise of
 * total norm about {@link Builder#optNoise}; its offset b(z) is N(-0.2, 0.5^2); its token count is
 * uniform in 1..64. The target's validation examples have mean {@code signal * u}; its own training
 * examples, as scarce and weak as a target's usually are, only {@code 0.3 * signal * u}, so that
 * aligned sources add real signal. Under the first-order model, training on HELPFUL tasks raises
 * the target margins b(v) + x(v).w, so their subsets have lower estimated loss; NOISY ones lower
 * them. Roles are assigned to tasks by a seeded shuffle, so task order carries no signal.
 *
 * <p>Every row is a pure function of (seed, split, row), so stores of any size can be streamed
 * without holding them in memory.
 */
public final class SyntheticProblem {
  /**
   * Default norm of the mean gradient and of the noise. With the estimator's default lambda it puts
   * the linearised update in a moderate regime (target margins move by about 0.5), neither
   * negligible nor saturating.
   */
  public static final double DEFAULT_SCALE = 0.1;

  /** Strength of the target's own training signal relative to a source's. */
  static final double TARGET_TRAIN_SIGNAL = 0.3;

  /** Name of the target's own training task. */
  public static final String TARGET_TASK = "target";

  private final long seed;
  private final int dim;
  private final int examples;
  private final int targetExamples;
  private final int validationExamples;
  private final double signal;
  private final double noise;
  private final List<String> sourceNames;
  private final TaskRole[] roles;
  private final float[][] means; // per source task, then target at index n
  private final float[] validationMean;
  private final int[] firstRow; // per source task, prefix sums of rows; target rows come first

  private SyntheticProblem(Builder b) {
    this.seed = b.seed;
    this.dim = b.dim;
    this.examples = b.examples;
    this.targetExamples =
        b.targetExamples >= 0 ? b.targetExamples : Math.max(1, b.examples / b.tasks / 2);
    this.validationExamples =
        b.validationExamples > 0
            ? b.validationExamples
            : Math.max(100, Math.min(2000, b.examples / 20));
    this.signal = b.signal;
    this.noise = b.noise;
    int n = b.tasks;
    List<String> names = new ArrayList<>(n);
    for (int t = 0; t < n; t++) {
      names.add(String.format("src-%03d", t));
    }
    this.sourceNames = List.copyOf(names);
    this.roles = assignRoles(n, b.helpful, new SplitMix64(seed ^ 0x5EEDL));
    this.means = new float[n + 1][];
    SplitMix64 rng = new SplitMix64(seed);
    double[] u = unitVector(rng, null);
    for (int t = 0; t < n; t++) {
      double[] v = unitVector(rng, u);
      double phi = Math.toRadians(40) * rng.nextDouble();
      double along =
          switch (roles[t]) {
            case HELPFUL -> Math.cos(phi);
            case NOISY -> -Math.cos(phi);
            case NEUTRAL -> 0.0;
          };
      double across = roles[t] == TaskRole.NEUTRAL ? 1.0 : Math.sin(phi);
      means[t] = new float[dim];
      for (int k = 0; k < dim; k++) {
        means[t][k] = (float) (signal * (along * u[k] + across * v[k]));
      }
    }
    means[n] = new float[dim];
    this.validationMean = new float[dim];
    for (int k = 0; k < dim; k++) {
      means[n][k] = (float) (TARGET_TRAIN_SIGNAL * signal * u[k]);
      validationMean[k] = (float) (signal * u[k]);
    }
    this.firstRow = new int[n + 1];
    int per = examples / n;
    int extra = examples % n;
    int row = targetExamples;
    for (int t = 0; t < n; t++) {
      firstRow[t] = row;
      row += per + (t < extra ? 1 : 0);
    }
    firstRow[n] = row;
  }

  private static TaskRole[] assignRoles(int n, int helpful, SplitMix64 rng) {
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int tmp = order[i];
      order[i] = order[j];
      order[j] = tmp;
    }
    int noisy = (n - helpful + 1) / 2;
    TaskRole[] roles = new TaskRole[n];
    for (int i = 0; i < n; i++) {
      roles[order[i]] =
          i < helpful ? TaskRole.HELPFUL : i < helpful + noisy ? TaskRole.NOISY : TaskRole.NEUTRAL;
    }
    return roles;
  }

  private double[] unitVector(SplitMix64 rng, double[] orthogonalTo) {
    double[] v = new double[dim];
    for (int k = 0; k < dim; k++) {
      v[k] = gaussian(rng);
    }
    if (orthogonalTo != null) {
      double dot = 0;
      for (int k = 0; k < dim; k++) {
        dot += v[k] * orthogonalTo[k];
      }
      for (int k = 0; k < dim; k++) {
        v[k] -= dot * orthogonalTo[k];
      }
    }
    double norm = 0;
    for (double x : v) {
      norm += x * x;
    }
    norm = Math.sqrt(norm);
    for (int k = 0; k < dim; k++) {
      v[k] /= norm;
    }
    return v;
  }

  private static double gaussian(SplitMix64 rng) {
    // Box-Muller; written out so the stream is fixed by this code, not by a JDK version.
    double u1 = 1.0 - rng.nextDouble();
    double u2 = rng.nextDouble();
    return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2.0 * Math.PI * u2);
  }

  /** One generated example; {@code task} is a source index, or {@code sourceNames().size()}. */
  public record Row(int task, String id, float offset, int tokens, float[] features) {}

  /** The generator's seed. */
  public long seed() {
    return seed;
  }

  /** Source task names, {@code src-000} ... */
  public List<String> sourceNames() {
    return sourceNames;
  }

  /** Planted role of source task {@code t}. */
  public TaskRole role(int t) {
    return roles[t];
  }

  public int dim() {
    return dim;
  }

  /** Training rows including the target's own training rows (which come first). */
  public int trainRows() {
    return firstRow[sourceNames.size()];
  }

  public int validationRows() {
    return validationExamples;
  }

  /**
   * Training row {@code i}: rows {@code [0, targetExamples)} belong to the target task, then each
   * source task's rows are contiguous, in task order.
   */
  public Row trainRow(int i) {
    int n = sourceNames.size();
    int task = n;
    if (i >= targetExamples) {
      int pos = Arrays.binarySearch(firstRow, 0, n, i);
      task = pos >= 0 ? pos : -pos - 2;
      while (task + 1 < n && firstRow[task + 1] == i) {
        task++; // skip empty tasks so a row never lands in a task with no rows
      }
    }
    String name = task == n ? TARGET_TASK : sourceNames.get(task);
    return makeRow(task, name + "/" + i, means[task], mix(seed, 1, i));
  }

  /** Target validation row {@code i}. */
  public Row validationRow(int i) {
    return makeRow(
        sourceNames.size(), "validation/" + i, means[sourceNames.size()], mix(seed, 2, i));
  }

  private Row makeRow(int task, String id, float[] mean, long rowSeed) {
    SplitMix64 rng = new SplitMix64(rowSeed);
    float[] x = new float[dim];
    double scale = noise / Math.sqrt(dim);
    for (int k = 0; k < dim; k++) {
      x[k] = (float) (mean[k] + scale * gaussian(rng));
    }
    float offset = (float) (-0.2 + 0.5 * gaussian(rng));
    int tokens = 1 + rng.nextInt(64);
    return new Row(task, id, offset, tokens, x);
  }

  private static long mix(long seed, long stream, long index) {
    long z = seed * 0x9E3779B97F4A7C15L + stream * 0xBF58476D1CE4E5B9L + index;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /**
   * All rows on the heap, grouped by task; the target's training task is the last task, named
   * {@link #TARGET_TASK}. Only for problems that fit in memory.
   */
  public HeapExampleBlocks toBlocks() {
    int n = sourceNames.size();
    List<ExampleBlock> blocks = new ArrayList<>(n + 1);
    for (int t = 0; t < n; t++) {
      blocks.add(block(firstRow[t], t + 1 < n ? firstRow[t + 1] : firstRow[n], true));
    }
    blocks.add(block(0, targetExamples, true));
    List<String> names = new ArrayList<>(sourceNames);
    names.add(TARGET_TASK);
    return new HeapExampleBlocks(names, blocks, block(0, validationExamples, false), n);
  }

  private ExampleBlock block(int from, int to, boolean train) {
    int rows = to - from;
    float[] f = new float[rows * dim];
    float[] o = new float[rows];
    int[] tok = new int[rows];
    for (int i = 0; i < rows; i++) {
      Row r = train ? trainRow(from + i) : validationRow(from + i);
      System.arraycopy(r.features(), 0, f, i * dim, dim);
      o[i] = r.offset();
      tok[i] = r.tokens();
    }
    return new ExampleBlock(rows, dim, f, o, tok);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builder; {@code set...} fields are required, {@code opt...} have defaults. */
  public static final class Builder {
    private long seed;
    private boolean seedSet;
    private int dim = -1;
    private int examples = -1;
    private int tasks = -1;
    private int helpful = -1;
    private int targetExamples = -1;
    private int validationExamples = -1;
    private double signal = DEFAULT_SCALE;
    private double noise = DEFAULT_SCALE;

    public Builder setSeed(long seed) {
      this.seed = seed;
      this.seedSet = true;
      return this;
    }

    public Builder setDim(int dim) {
      this.dim = dim;
      return this;
    }

    public Builder setExamples(int examples) {
      this.examples = examples;
      return this;
    }

    public Builder setTasks(int tasks) {
      this.tasks = tasks;
      return this;
    }

    public Builder setHelpful(int helpful) {
      this.helpful = helpful;
      return this;
    }

    /** Target training rows; default: half the examples of one source task. */
    public Builder optTargetExamples(int targetExamples) {
      this.targetExamples = targetExamples;
      return this;
    }

    /** Target validation rows; default: examples / 20 clamped to [100, 2000]. */
    public Builder optValidationExamples(int validationExamples) {
      this.validationExamples = validationExamples;
      return this;
    }

    /** Norm of each task's mean gradient direction; default {@value #DEFAULT_SCALE}. */
    public Builder optSignal(double signal) {
      this.signal = signal;
      return this;
    }

    /** Expected norm of an example's gradient noise; default {@value #DEFAULT_SCALE}. */
    public Builder optNoise(double noise) {
      this.noise = noise;
      return this;
    }

    /**
     * Checks every field and reports all problems in one exception, each starting with the field's
     * name ({@code seed}, {@code dim}, {@code tasks}, {@code examples}, {@code helpful}, {@code
     * signal}), which a front-end maps to its own flag with {@link InvalidInputException#renamed}.
     */
    public SyntheticProblem build() {
      List<String> problems = new ArrayList<>();
      if (!seedSet) {
        problems.add("seed is required");
      }
      if (dim < 1) {
        problems.add("dim must be >= 1 (got " + dim + ")");
      }
      if (tasks < 1) {
        problems.add("tasks must be >= 1 (got " + tasks + ")");
      }
      if (examples < tasks || examples < 1) {
        problems.add(
            "examples must be >= 1 and >= the number of tasks, "
                + tasks
                + " (got "
                + examples
                + ")");
      }
      if (helpful < 0 || helpful > tasks) {
        problems.add(
            "helpful must be in [0, " + tasks + "], the number of tasks (got " + helpful + ")");
      }
      if (!(signal > 0) || !(noise >= 0) || Double.isInfinite(signal) || Double.isInfinite(noise)) {
        problems.add("signal must be > 0 and noise >= 0, both finite");
      }
      if ((long) examples * Math.max(dim, 1) > Integer.MAX_VALUE * 4L) {
        problems.add(
            "examples x dim = "
                + examples
                + " x "
                + dim
                + " is too large (at most 4 x (2^31 - 1))");
      }
      if (!problems.isEmpty()) {
        throw new InvalidInputException("synthetic problem", String.join("; ", problems));
      }
      return new SyntheticProblem(this);
    }
  }
}
