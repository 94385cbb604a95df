package dev.gradex.core.estimate;

import dev.gradex.core.store.ExampleBlocks;

/** Turns a subset S into the task list of D_S (Li et al., arXiv 2409.19458, stage 3). */
final class SubsetTasks {
  private SubsetTasks() {}

  /**
   * @return the tasks of S in the given order, then the target task if the store has one
   * @throws IllegalArgumentException for an index out of range, repeated or equal to the target
   */
  static int[] withTarget(int[] tasks, ExampleBlocks blocks) {
    int n = blocks.taskNames().size();
    int target = blocks.targetTask();
    boolean[] seen = new boolean[n];
    for (int t : tasks) {
      if (t < 0 || t >= n) {
        throw new IllegalArgumentException("task index " + t + " out of range [0, " + n + ")");
      }
      if (t == target) {
        throw new IllegalArgumentException(
            "task " + t + " is the target task, which every estimate includes");
      }
      if (seen[t]) {
        throw new IllegalArgumentException("task index " + t + " repeated");
      }
      seen[t] = true;
    }
    if (target < 0) {
      return tasks.clone();
    }
    int[] all = new int[tasks.length + 1];
    System.arraycopy(tasks, 0, all, 0, tasks.length);
    all[tasks.length] = target;
    return all;
  }
}
