package dev.gradex.kfp.dsl;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs its tasks once per item, at most {@code parallelism} at a time (0 = no limit). Items come
 * from a LIST pipeline parameter or a literal list. Not nestable (GradEx needs one level).
 */
public final class ParallelFor implements Node {
  private final PipelineParameter itemsParameter;
  private final List<Object> rawItems;
  private final int parallelism;
  private final List<Task> tasks;

  private ParallelFor(Builder b) {
    itemsParameter = b.itemsParameter;
    rawItems = b.rawItems == null ? null : List.copyOf(b.rawItems);
    parallelism = b.parallelism;
    tasks = List.copyOf(b.tasks);
  }

  /** A loop over the items of a LIST pipeline parameter. */
  public static Builder over(PipelineParameter items) {
    return new Builder(items, null);
  }

  /** A loop over literal items (numbers or strings). */
  public static Builder overItems(List<?> items) {
    return new Builder(null, new ArrayList<>(items));
  }

  /** Loops are named {@code for-loop-N} by the compiler, in pipeline order. */
  @Override
  public String name() {
    return "for-loop";
  }

  public Optional<PipelineParameter> itemsParameter() {
    return Optional.ofNullable(itemsParameter);
  }

  public Optional<List<Object>> rawItems() {
    return Optional.ofNullable(rawItems);
  }

  public int parallelism() {
    return parallelism;
  }

  public List<Task> tasks() {
    return tasks;
  }

  /** Builder: add at least one task; parallelism is optional. */
  public static final class Builder {
    private final PipelineParameter itemsParameter;
    private final List<Object> rawItems;
    private int parallelism;
    private final List<Task> tasks = new ArrayList<>();

    private Builder(PipelineParameter itemsParameter, List<Object> rawItems) {
      this.itemsParameter = itemsParameter;
      this.rawItems = rawItems;
    }

    /** The current item, to bind to inputs of the loop's tasks. */
    public Value item() {
      return new Value.LoopItem(itemsParameter, rawItems);
    }

    public Builder optParallelism(int parallelism) {
      this.parallelism = parallelism;
      return this;
    }

    public Builder addTask(Task task) {
      tasks.add(task);
      return this;
    }

    public ParallelFor build() {
      new Problems("ParallelFor")
          .check(!tasks.isEmpty(), "needs at least one task")
          .check(parallelism >= 0, "parallelism must be >= 0, got " + parallelism)
          .check(
              itemsParameter == null || itemsParameter.type() == ParameterType.LIST,
              "items parameter must be a LIST")
          .check(rawItems == null || !rawItems.isEmpty(), "items must not be empty")
          .throwIfAny();
      return new ParallelFor(this);
    }
  }
}
