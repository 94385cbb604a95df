package dev.gradex.core.store;

import java.util.List;
import java.util.Objects;

/** {@link ExampleBlocks} held entirely on the heap; used for stores that fit and in tests. */
public final class HeapExampleBlocks implements ExampleBlocks {
  private final List<String> taskNames;
  private final List<ExampleBlock> blocks;
  private final ExampleBlock validation;
  private final int targetTask;

  /**
   * @param taskNames task names, one per block
   * @param blocks training examples per task
   * @param validation target validation examples
   * @param targetTask index of the target's own training task, or -1
   */
  public HeapExampleBlocks(
      List<String> taskNames, List<ExampleBlock> blocks, ExampleBlock validation, int targetTask) {
    this.taskNames = List.copyOf(taskNames);
    this.blocks = List.copyOf(blocks);
    this.validation = Objects.requireNonNull(validation, "validation");
    this.targetTask = targetTask;
    if (this.taskNames.size() != this.blocks.size()) {
      throw new IllegalArgumentException(
          taskNames.size() + " task names but " + blocks.size() + " blocks");
    }
    if (targetTask < -1 || targetTask >= this.blocks.size()) {
      throw new IllegalArgumentException("targetTask " + targetTask + " out of range");
    }
    for (ExampleBlock b : this.blocks) {
      if (b.dim() != validation.dim()) {
        throw new IllegalArgumentException("block dim " + b.dim() + " != " + validation.dim());
      }
    }
  }

  @Override
  public int dim() {
    return validation.dim();
  }

  @Override
  public List<String> taskNames() {
    return taskNames;
  }

  @Override
  public int targetTask() {
    return targetTask;
  }

  @Override
  public ExampleBlock block(int task) {
    return blocks.get(task);
  }

  @Override
  public int rows(int task) {
    return blocks.get(task).rows();
  }

  @Override
  public ExampleBlock validation() {
    return validation;
  }
}
