package dev.gradex.core.estimate;

import dev.gradex.core.store.ExampleBlocks;

/**
 * Creates the estimators of Li et al., "Scalable Fine-tuning from Multiple Data Sources: A
 * First-Order Approximation Approach", EMNLP Findings 2024 (arXiv 2409.19458), stage 3, over one
 * store. The per-task statistics (one pass over the store, N d^2 work) are computed at most once
 * per instance and shared by every mode that needs them.
 */
public final class SubsetEstimators {
  private final ExampleBlocks blocks;
  private final EstimatorConfig config;
  private final ValidationLoss validation;
  private TaskStatistics stats;
  private ReferenceStatistics referenceStats;

  private SubsetEstimators(ExampleBlocks blocks, EstimatorConfig config) {
    this.blocks = blocks;
    this.config = config;
    this.validation = new ValidationLoss(blocks.validation(), config.tokenWeighted());
  }

  /** A factory over {@code blocks}; create several modes from it to share the statistics. */
  public static SubsetEstimators over(ExampleBlocks blocks, EstimatorConfig config) {
    config.requireAdapterForNorms();
    return new SubsetEstimators(blocks, config);
  }

  /** One estimator, with statistics of its own. */
  public static SubsetEstimator create(
      EstimatorMode mode, ExampleBlocks blocks, EstimatorConfig config) {
    return over(blocks, config).create(mode);
  }

  /** An estimator in {@code mode}; thread-safe. */
  public SubsetEstimator create(EstimatorMode mode) {
    return switch (mode) {
      case FAITHFUL -> new FaithfulEstimator(blocks, statistics(), config, validation);
      case ONE_NEWTON -> new OneNewtonEstimator(blocks, statistics(), config, validation);
      case CLOSED_FORM -> new ClosedFormEstimator(blocks, statistics(), config, validation);
      case REFERENCE -> reference();
    };
  }

  /** The reference-mode estimator, typed so that parity tests can ask for its exact problem. */
  public ReferenceEstimator reference() {
    return new ReferenceEstimator(blocks, referenceStatistics(), config, validation);
  }

  /** fhat of the empty subset under {@code mode}, and fhat at w = 0. */
  public Baseline baseline(EstimatorMode mode) {
    return new Baseline(create(mode).estimate(new int[0]).estimatedLoss(), validation.atZero());
  }

  private synchronized ReferenceStatistics referenceStatistics() {
    if (referenceStats == null) {
      ReferenceLabels labels = new ReferenceLabels(config.seed(), config.labelProbability());
      referenceStats = ReferenceStatistics.compute(blocks, labels);
    }
    return referenceStats;
  }

  private synchronized TaskStatistics statistics() {
    if (stats == null) {
      stats = TaskStatistics.compute(blocks, config.tokenWeighted());
    }
    return stats;
  }
}
