package dev.gradex.core.scoring;

import dev.gradex.core.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;

/**
 * Backward elimination on fhat, the counterpart of {@link ForwardStepwise} named in stage 4 of Li,
 * Zhang, Wang and Zhang, "Scalable Fine-tuning from Multiple Data Sources: A First-Order
 * Approximation Approach" (EMNLP Findings 2024, arXiv 2409.19458). Starts from all candidates; each
 * round removes the task whose removal gives the lowest loss; stops when no removal lowers the
 * current loss or the subset is empty. The same threading rules as forward selection apply.
 */
public final class BackwardElimination extends StepwiseSearch {
  private BackwardElimination(Builder b) {
    super(b.loss, b.candidates, b.executor, b.parallelism);
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  int[] start(int[] candidates) {
    return candidates.clone();
  }

  @Override
  int[] movable(int[] current, int[] candidates) {
    return current;
  }

  @Override
  int[] move(int[] current, int task) {
    return without(current, task);
  }

  @Override
  boolean mayContinue(int[] current) {
    return current.length > 0;
  }

  /** Settings; {@link #build()} reports every missing or invalid one at once. */
  public static final class Builder {
    private SubsetLoss loss;
    private int[] candidates;
    private int parallelism = 1;
    private ExecutorService executor;

    private Builder() {}

    public Builder setLoss(SubsetLoss loss) {
      this.loss = loss;
      return this;
    }

    /** The starting subset, e.g. all auxiliary tasks. */
    public Builder setCandidates(int[] candidates) {
      this.candidates = candidates.clone();
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

    public BackwardElimination build() {
      List<String> problems = new ArrayList<>();
      if (loss == null) {
        problems.add("setLoss is required");
      }
      if (candidates == null) {
        problems.add("setCandidates is required");
      }
      if (parallelism < 1) {
        problems.add("optParallelism(" + parallelism + ") must be at least 1");
      }
      if (!problems.isEmpty()) {
        throw new InvalidInputException("BackwardElimination", String.join("; ", problems));
      }
      return new BackwardElimination(this);
    }
  }
}
