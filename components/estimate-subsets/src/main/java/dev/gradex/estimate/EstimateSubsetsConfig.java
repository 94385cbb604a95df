package dev.gradex.estimate;

import dev.gradex.component.settings.Settings;
import dev.gradex.core.InvalidInputException;
import dev.gradex.core.estimate.EstimatorConfig;
import dev.gradex.core.estimate.EstimatorMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The effective configuration of an estimate-subsets run. The estimator's knobs live in {@link
 * EstimatorConfig} (their defaults and validation are written there once); the run's own defaults
 * are in {@link Defaults}. {@link #settings()} is what determines the outputs' bytes (and so the
 * idempotency key); thread count and heap budget are deliberately not part of it.
 */
public record EstimateSubsetsConfig(
    Path store,
    Path out,
    int subsets,
    double alpha,
    long seed,
    int threads,
    String mode,
    EstimatorConfig estimator,
    String select,
    String scoring,
    List<String> exclude,
    int fastPathSample,
    int pseudoTasks,
    String sourceDigests,
    long heapBudgetBytes,
    double defaultNormCap) {

  /** Defaults of the run's own settings: the settings catalog's (the CLI's help shows them). */
  public static final class Defaults {
    public static final int SUBSETS = Settings.ESTIMATE_SUBSETS.defaultValue();
    public static final double ALPHA = Settings.ESTIMATE_ALPHA.defaultValue();
    public static final long SEED = Settings.SEED.defaultValue();
    public static final String MODE = Settings.ESTIMATE_MODE.defaultValue();
    public static final String SELECT = Settings.ESTIMATE_SELECT.defaultValue();
    public static final String SCORING = Settings.ESTIMATE_SCORING.defaultValue();
    public static final int FAST_PATH_SAMPLE = 20;

    private Defaults() {}
  }

  public EstimateSubsetsConfig {
    exclude = List.copyOf(exclude);
  }

  /**
   * The estimator actually used on a store: the configured one, plus {@link #defaultNormCap} as its
   * norm cap when it has none and the store knows the adapter (its parameter count and ||theta*||);
   * a store without them gets no default cap (an explicit cap is refused there).
   */
  public EstimatorConfig effectiveEstimator(EstimatorConfig withAdapter) {
    if (Double.isNaN(withAdapter.normCap())
        && !Double.isNaN(defaultNormCap)
        && withAdapter.knowsAdapter()) {
      return withAdapter.withNormCap(defaultNormCap);
    }
    return withAdapter;
  }

  /**
   * Why {@code alpha} cannot be the fraction of sources in each sampled subset, or null if it can:
   * a subset holds floor(alpha n) sources, so alpha must be in (0, 1] (Li et al., arXiv 2409.19458,
   * stage 4; docs/method.md#stage-4-sampling-scoring-selection).
   */
  public static String alphaProblem(double alpha) {
    return alpha > 0 && alpha <= 1 ? null : "must be in (0, 1] (got " + alpha + ")";
  }

  /** Why {@code mode} names no estimator, or null if it does (the run's own parser decides). */
  public static String modeProblem(String mode) {
    try {
      EstimatorMode.fromName(mode);
      return null;
    } catch (InvalidInputException e) {
      return e.detail();
    }
  }

  /**
   * Why {@code select} is not a selection rule, or null if it is (the run's own parser decides).
   */
  public static String selectProblem(String select) {
    try {
      SelectionPlan.parse(select);
      return null;
    } catch (InvalidInputException e) {
      return e.detail();
    }
  }

  /** The settings that determine the outputs (the stage's settings and part of its key). */
  public EstimateSubsetsSettings settings() {
    return new EstimateSubsetsSettings(
        subsets,
        alpha,
        seed,
        mode,
        estimator,
        select,
        scoring,
        exclude,
        fastPathSample,
        pseudoTasks,
        sourceDigests,
        Double.isNaN(defaultNormCap) ? null : defaultNormCap);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builder: {@code set...} required, {@code opt...} optional; build() reports every problem. */
  public static final class Builder {
    private Path store;
    private Path out;
    private int subsets = Defaults.SUBSETS;
    private double alpha = Defaults.ALPHA;
    private long seed = Defaults.SEED;
    private int threads = Runtime.getRuntime().availableProcessors();
    private String mode = Defaults.MODE;
    private EstimatorConfig estimator = EstimatorConfig.defaults();
    private String select = Defaults.SELECT;
    private String scoring = Defaults.SCORING;
    private List<String> exclude = List.of();
    private int fastPathSample = Defaults.FAST_PATH_SAMPLE;
    private int pseudoTasks;
    private String sourceDigests = "";
    private long heapBudgetBytes = Runtime.getRuntime().maxMemory() / 2;
    private double defaultNormCap = EstimatorConfig.DEFAULT_NORM_CAP;

    /**
     * The norm cap used when the estimator sets none and the store knows ||theta*|| (default {@link
     * EstimatorConfig#DEFAULT_NORM_CAP}); NaN turns the default off (no cap at all).
     */
    public Builder optDefaultNormCap(double defaultNormCap) {
      this.defaultNormCap = defaultNormCap;
      return this;
    }

    public Builder setStore(Path store) {
      this.store = store;
      return this;
    }

    public Builder setOut(Path out) {
      this.out = out;
      return this;
    }

    public Builder optSubsets(int subsets) {
      this.subsets = subsets;
      return this;
    }

    public Builder optAlpha(double alpha) {
      this.alpha = alpha;
      return this;
    }

    public Builder optSeed(long seed) {
      this.seed = seed;
      return this;
    }

    public Builder optThreads(int threads) {
      this.threads = threads;
      return this;
    }

    public Builder optMode(String mode) {
      this.mode = mode;
      return this;
    }

    /** The estimator's knobs (lambda, norm cap, tolerance, reference mode settings...). */
    public Builder optEstimator(EstimatorConfig estimator) {
      this.estimator = Objects.requireNonNull(estimator, "estimator");
      return this;
    }

    public Builder optSelect(String select) {
      this.select = select;
      return this;
    }

    public Builder optScoring(String scoring) {
      this.scoring = scoring;
      return this;
    }

    public Builder optExclude(List<String> exclude) {
      this.exclude = exclude == null ? List.of() : exclude;
      return this;
    }

    public Builder optFastPathSample(int fastPathSample) {
      this.fastPathSample = fastPathSample;
      return this;
    }

    /** Cluster the source examples into this many pseudo-tasks (0 = use the store's tasks). */
    public Builder optPseudoTasks(int pseudoTasks) {
      this.pseudoTasks = pseudoTasks;
      return this;
    }

    /** Digests of the source data as the orchestrator passed them (provenance and run key). */
    public Builder optSourceDigests(String sourceDigests) {
      this.sourceDigests = sourceDigests == null ? "" : sourceDigests;
      return this;
    }

    public Builder optHeapBudgetBytes(long heapBudgetBytes) {
      this.heapBudgetBytes = heapBudgetBytes;
      return this;
    }

    /** Validates every field at once; the message names each bad option. */
    public EstimateSubsetsConfig build() {
      List<String> bad = new ArrayList<>();
      if (store == null) {
        bad.add("--store is required");
      }
      if (out == null) {
        bad.add("--out is required");
      }
      if (subsets < 1) {
        bad.add("--subsets must be >= 1 (got " + subsets + ")");
      }
      if (alphaProblem(alpha) != null) {
        bad.add("--alpha " + alphaProblem(alpha));
      }
      if (modeProblem(mode) != null) {
        bad.add("--mode: " + modeProblem(mode));
      }
      if (selectProblem(select) != null) {
        bad.add("--select: " + selectProblem(select));
      }
      if (threads < 1) {
        bad.add("--threads must be >= 1 (got " + threads + ")");
      }
      if (!List.of("ensemble", "ridge").contains(scoring)) {
        bad.add("--scoring must be ensemble or ridge (got '" + scoring + "')");
      }
      if (fastPathSample < 0) {
        bad.add("--fast-path-sample must be >= 0 (got " + fastPathSample + ")");
      }
      if (pseudoTasks < 0 || pseudoTasks == 1) {
        bad.add("--pseudo-tasks must be 0 (off) or >= 2 (got " + pseudoTasks + ")");
      }
      if (!Double.isNaN(defaultNormCap) && !(defaultNormCap > 0 && defaultNormCap < 1e300)) {
        bad.add("default norm cap must be > 0 or NaN for none (got " + defaultNormCap + ")");
      }
      if (heapBudgetBytes < 0) {
        bad.add("heap budget must be >= 0");
      }
      if (!bad.isEmpty()) {
        throw new InvalidInputException("options", String.join("; ", bad));
      }
      return new EstimateSubsetsConfig(
          Objects.requireNonNull(store).toAbsolutePath().normalize(),
          Objects.requireNonNull(out).toAbsolutePath().normalize(),
          subsets,
          alpha,
          seed,
          threads,
          mode,
          estimator,
          select,
          scoring,
          exclude,
          fastPathSample,
          pseudoTasks,
          sourceDigests,
          heapBudgetBytes,
          defaultNormCap);
    }
  }
}
