package dev.gradex.core.scoring;

import dev.gradex.core.InvalidInputException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;

/**
 * Classic greedy forward stepwise selection on fhat, the baseline of stage 4 of Li, Zhang, Wang and
 * Zhang, "Scalable Fine-tuning from Multiple Data Sources: A First-Order Approximation Approach"
 * (EMNLP Findings 2024, arXiv 2409.19458). Starts from the empty subset, whose loss is evaluated
 * first; each round adds the remaining candidate whose addition gives the lowest loss; stops when
 * no addition lowers the current loss or the optional maximum size is reached.
 *
 * <p>With n candidates and h accepted rounds that end by finding no improvement, the loss is
 * evaluated {@code 1 + n + (n-1) + ... + (n-h)} times. With a parallelism above 1 (or an executor)
 * the loss must be thread-safe; the path is identical to a serial run.
 */
public final class ForwardStepwise extends StepwiseSearch {
  private final int maxSize;

  private ForwardStepwise(Builder b) {
    super(b.loss, b.candidates, b.executor, b.parallelism);
    this.maxSize = b.maxSize;
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  int[] start(int[] candidates) {
    return new int[0];
  }

  @Override
  int[] movable(int[] current, int[] candidates) {
    return Arrays.stream(candidates).filter(t -> Arrays.binarySearch(current, t) < 0).toArray();
  }

  @Override
  int[] move(int[] current, int task) {
    return with(current, task);
  }

  @Override
  boolean mayContinue(int[] current) {
    return current.length < maxSize;
  }

  /** Settings; {@link #build()} reports every missing or invalid one at once. */
  public static final class Builder {
    private SubsetLoss loss;
    private int[] candidates;
    private int maxSize = Integer.MAX_VALUE;
    private int parallelism = 1;
    private ExecutorService executor;

    private Builder() {}

    public Builder setLoss(SubsetLoss loss) {
      this.loss = loss;
      return this;
    }

    /** The tasks that may be added, e.g. all auxiliary tasks. */
    public Builder setCandidates(int[] candidates) {
      this.candidates = candidates.clone();
      return this;
    }

    /** Stop once the subset has this many tasks; unlimited by default. */
    public Builder optMaxSize(int maxSize) {
      this.maxSize = maxSize;
      return this;
    }

    /** Evaluate a round on this many threads, created and shut down by {@link #run()}. */
    public Builder optParallelism(int parallelism) {
      this.parallelism = parallelism;
      return this;
    }

    /** Evaluate rounds on a caller-owned executor (not shut down here). */
    public Builder optExecutor(ExecutorService executor) {
      this.executor = executor;
      return this;
    }

    public ForwardStepwise build() {
      List<String> problems = new ArrayList<>();
      if (loss == null) {
        problems.add("setLoss is required");
      }
      if (candidates == null) {
        problems.add("setCandidates is required");
      }
      if (maxSize < 1) {
        problems.add("optMaxSize(" + maxSize + ") must be at least 1");
      }
      if (parallelism < 1) {
        problems.add("optParallelism(" + parallelism + ") must be at least 1");
      }
      if (!problems.isEmpty()) {
        throw new InvalidInputException("ForwardStepwise", String.join("; ", problems));
      }
      return new ForwardStepwise(this);
    }
  }
}
