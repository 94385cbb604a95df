package dev.gradex.core.store;

import java.util.ArrayList;
import java.util.List;

/**
 * {@link ExampleBlocks} over a memory-mapped {@link GradientStore}, for stores larger than the heap
 * budget: each {@link #block(int)} call gathers that task's rows (which need not be contiguous in
 * the file) from the mapping into fresh arrays. The validation block is gathered once and kept.
 */
public final class MappedExampleBlocks implements ExampleBlocks {
  private final GradientStore store;
  private final int[][] rowsOfTask;
  private final ExampleBlock validation;

  MappedExampleBlocks(GradientStore store) {
    this.store = store;
    int tasks = store.taskNames().size();
    int[] column = store.taskColumn(Split.TRAIN);
    int[] counts = new int[tasks];
    for (int t : column) {
      counts[t]++;
    }
    rowsOfTask = new int[tasks][];
    for (int t = 0; t < tasks; t++) {
      rowsOfTask[t] = new int[counts[t]];
    }
    int[] filled = new int[tasks];
    for (int i = 0; i < column.length; i++) {
      rowsOfTask[column[i]][filled[column[i]]++] = i;
    }
    int[] all = new int[store.size(Split.VALIDATION)];
    for (int i = 0; i < all.length; i++) {
      all[i] = i;
    }
    validation = store.gather(Split.VALIDATION, all, Split.VALIDATION.key());
  }

  /** Gathers every task block now: the heap form used when the store fits the budget. */
  HeapExampleBlocks toHeap() {
    List<ExampleBlock> blocks = new ArrayList<>();
    for (int t = 0; t < rowsOfTask.length; t++) {
      blocks.add(block(t));
    }
    return new HeapExampleBlocks(taskNames(), blocks, validation, targetTask());
  }

  @Override
  public int dim() {
    return store.dim();
  }

  @Override
  public List<String> taskNames() {
    return store.taskNames();
  }

  @Override
  public int targetTask() {
    return store.targetTask();
  }

  @Override
  public ExampleBlock block(int task) {
    return store.gather(Split.TRAIN, rowsOfTask[task], store.taskNames().get(task));
  }

  @Override
  public int rows(int task) {
    return rowsOfTask[task].length;
  }

  @Override
  public ExampleBlock validation() {
    return validation;
  }
}
