package dev.gradex.core.estimate;

import dev.gradex.core.InvalidInputException;
import java.util.ArrayList;
import java.util.List;

/**
 * Knobs of the subset estimators (Li et al., arXiv 2409.19458, stage 3). Every field has a default,
 * so all builder methods are {@code opt...}; {@link Builder#build()} reports every invalid field in
 * one {@link InvalidInputException} whose subject lists the offending options.
 *
 * <p>Default lambda = 0.01: the per-example objective is a mean, so the data Hessian is at most
 * max||x||^2 / 4; lambda = 0.01 keeps the problem strictly convex with condition number at most 1 +
 * 25 max||x||^2 while leaving the data term dominant for projected gradients of norm above ~0.1,
 * and it bounds ||w|| by ||mean gradient|| / lambda, which keeps theta near the linear regime.
 *
 * @param lambda L2 weight of the faithful objective
 * @param normCap relative norm cap r (||P c w|| <= r ||theta*||), NaN if none
 * @param tolerance relative gradient-norm tolerance of the faithful solver
 * @param maxIterations iteration limit of the solvers
 * @param tokenWeighted weight examples by their target-token counts (faithful and fast paths)
 * @param referenceC liblinear's C in reference mode
 * @param labelProbability P(y = 1) of the reference mode's random labels
 * @param referenceScale reference mode's ||P c w|| / ||theta*||, NaN for no rescaling
 * @param seed seed of the reference mode's labels
 * @param parameterCount trainable parameter count p, 0 if unknown
 * @param adapterNorm ||theta*|| of the trainable parameters, NaN if unknown
 */
public record EstimatorConfig(
    double lambda,
    double normCap,
    double tolerance,
    int maxIterations,
    boolean tokenWeighted,
    double referenceC,
    double labelProbability,
    double referenceScale,
    long seed,
    long parameterCount,
    double adapterNorm) {

  public static final double DEFAULT_LAMBDA = 0.01;

  /**
   * The norm cap the front-ends apply when the user sets none and the store knows ||theta*||: 0.1,
   * the top of the range of relative distances ||P w|| / ||theta*|| at which the paper validates
   * the first-order estimate (stage 3). Measured with {@code gradex bench lambda} (BENCHMARKS.md,
   * "Choice of the default lambda"): without a cap, lambda 0.01 put the mean relative norm at 1.49
   * on the demo with 2.4x the relative RSS of any capped setting; with the cap, the rule selected
   * exactly the helpful sources. The core itself applies no cap unless given one.
   */
  public static final double DEFAULT_NORM_CAP = 0.1;

  public static final double DEFAULT_TOLERANCE = 1e-6;
  public static final int DEFAULT_MAX_ITERATIONS = 200;
  public static final double DEFAULT_REFERENCE_C = 1e-4;
  public static final double DEFAULT_LABEL_PROBABILITY = 0.7;

  /** Defaults for every field. */
  public static EstimatorConfig defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * This configuration with the adapter's size and norm, which come from the gradient store rather
   * than from the user.
   */
  public EstimatorConfig withAdapter(long parameterCount, double adapterNorm) {
    return toBuilder().optParameterCount(parameterCount).optAdapterNorm(adapterNorm).build();
  }

  /** This configuration with relative norm cap {@code normCap} (NaN: none). */
  public EstimatorConfig withNormCap(double normCap) {
    return toBuilder().optNormCap(normCap).build();
  }

  /** A builder holding every field of this configuration. */
  private Builder toBuilder() {
    return new Builder()
        .optLambda(lambda)
        .optNormCap(normCap)
        .optTolerance(tolerance)
        .optMaxIterations(maxIterations)
        .optTokenWeighted(tokenWeighted)
        .optReferenceC(referenceC)
        .optLabelProbability(labelProbability)
        .optReferenceScale(referenceScale)
        .optSeed(seed)
        .optParameterCount(parameterCount)
        .optAdapterNorm(adapterNorm);
  }

  /**
   * Refuses a norm cap or a reference rescaling when the adapter's size or norm is unknown, rather
   * than silently estimating without it.
   */
  void requireAdapterForNorms() {
    if (knowsAdapter()) {
      return;
    }
    String why =
        " needs the trainable parameter count and the adapter norm ||theta*|| (the"
            + " store manifest's parameterLayout and adapterNorm)";
    if (!Double.isNaN(normCap)) {
      throw new InvalidInputException("normCap", "a norm cap" + why);
    }
    if (!Double.isNaN(referenceScale)) {
      throw new InvalidInputException("referenceScale", "rescaling" + why);
    }
  }

  /** Whether p and ||theta*|| are both known, so norms in parameter space can be estimated. */
  public boolean knowsAdapter() {
    return parameterCount > 0 && !Double.isNaN(adapterNorm);
  }

  /** Builder; see the record components for meanings. */
  public static final class Builder {
    private double lambda = DEFAULT_LAMBDA;
    private double normCap = Double.NaN;
    private double tolerance = DEFAULT_TOLERANCE;
    private int maxIterations = DEFAULT_MAX_ITERATIONS;
    private boolean tokenWeighted;
    private double referenceC = DEFAULT_REFERENCE_C;
    private double labelProbability = DEFAULT_LABEL_PROBABILITY;
    private double referenceScale = Double.NaN;
    private long seed;
    private long parameterCount;
    private double adapterNorm = Double.NaN;

    private Builder() {}

    public Builder optLambda(double lambda) {
      this.lambda = lambda;
      return this;
    }

    public Builder optNormCap(double normCap) {
      this.normCap = normCap;
      return this;
    }

    public Builder optTolerance(double tolerance) {
      this.tolerance = tolerance;
      return this;
    }

    public Builder optMaxIterations(int maxIterations) {
      this.maxIterations = maxIterations;
      return this;
    }

    public Builder optTokenWeighted(boolean tokenWeighted) {
      this.tokenWeighted = tokenWeighted;
      return this;
    }

    public Builder optReferenceC(double referenceC) {
      this.referenceC = referenceC;
      return this;
    }

    public Builder optLabelProbability(double labelProbability) {
      this.labelProbability = labelProbability;
      return this;
    }

    public Builder optReferenceScale(double referenceScale) {
      this.referenceScale = referenceScale;
      return this;
    }

    public Builder optSeed(long seed) {
      this.seed = seed;
      return this;
    }

    public Builder optParameterCount(long parameterCount) {
      this.parameterCount = parameterCount;
      return this;
    }

    public Builder optAdapterNorm(double adapterNorm) {
      this.adapterNorm = adapterNorm;
      return this;
    }

    /**
     * @throws InvalidInputException naming every invalid setting at once, by its field name (a
     *     front-end maps the names to its own flags or keys, {@link InvalidInputException#renamed})
     */
    public EstimatorConfig build() {
      List<String> subjects = new ArrayList<>();
      List<String> problems = new ArrayList<>();
      check(
          lambda > 0 && lambda < Double.POSITIVE_INFINITY,
          "lambda",
          lambda,
          "> 0",
          subjects,
          problems);
      check(
          Double.isNaN(normCap) || normCap > 0 && normCap < Double.POSITIVE_INFINITY,
          "normCap",
          normCap,
          "> 0",
          subjects,
          problems);
      check(
          tolerance > 0 && tolerance < 1, "tolerance", tolerance, "in (0, 1)", subjects, problems);
      check(maxIterations >= 1, "maxIterations", maxIterations, ">= 1", subjects, problems);
      check(
          referenceC > 0 && referenceC < Double.POSITIVE_INFINITY,
          "referenceC",
          referenceC,
          "> 0",
          subjects,
          problems);
      check(
          labelProbability > 0 && labelProbability < 1,
          "labelProbability",
          labelProbability,
          "in (0, 1)",
          subjects,
          problems);
      check(
          Double.isNaN(referenceScale) || referenceScale > 0 && referenceScale <= 1,
          "referenceScale",
          referenceScale,
          "in (0, 1]",
          subjects,
          problems);
      check(parameterCount >= 0, "parameterCount", parameterCount, ">= 0", subjects, problems);
      check(
          Double.isNaN(adapterNorm) || adapterNorm > 0 && adapterNorm < Double.POSITIVE_INFINITY,
          "adapterNorm",
          adapterNorm,
          "> 0",
          subjects,
          problems);
      if (!problems.isEmpty()) {
        throw new InvalidInputException(String.join(", ", subjects), String.join("; ", problems));
      }
      return new EstimatorConfig(
          lambda,
          normCap,
          tolerance,
          maxIterations,
          tokenWeighted,
          referenceC,
          labelProbability,
          referenceScale,
          seed,
          parameterCount,
          adapterNorm);
    }

    private static void check(
        boolean ok,
        String subject,
        Object value,
        String expected,
        List<String> subjects,
        List<String> problems) {
      if (!ok) {
        subjects.add(subject);
        problems.add(subject + " must be " + expected + ", got " + value);
      }
    }
  }
}
