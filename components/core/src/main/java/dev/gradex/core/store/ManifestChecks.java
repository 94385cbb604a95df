package dev.gradex.core.store;

import dev.gradex.core.InvalidInputException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Consistency checks of a {@link StoreManifest} that need no data files. */
final class ManifestChecks {
  private static final String M = "manifest.json: ";

  private ManifestChecks() {}

  static void checkHeader(StoreManifest m) {
    if (!StoreManifest.KIND.equals(m.kind())) {
      throw new InvalidInputException(
          M + "kind", "is " + m.kind() + ", expected " + StoreManifest.KIND);
    }
    if (m.formatVersion() != StoreManifest.FORMAT_VERSION) {
      throw new InvalidInputException(
          M + "formatVersion",
          "is " + m.formatVersion() + "; this code reads version " + StoreManifest.FORMAT_VERSION);
    }
    if (m.dim() <= 0) {
      throw new InvalidInputException(M + "dim", "must be > 0, got " + m.dim());
    }
    if (m.projector() == null || m.projector().kind() == null) {
      throw new InvalidInputException(M + "projector", "missing or without kind");
    }
    if (m.projector().dim() != m.dim()) {
      throw new InvalidInputException(
          M + "projector.dim", m.projector().dim() + " != dim " + m.dim());
    }
    if (m.parameterLayout() == null) {
      throw new InvalidInputException(M + "parameterLayout", "missing");
    }
    m.parameterLayout().toLayout();
    if (m.digests() == null) {
      throw new InvalidInputException(M + "digests", "missing");
    }
    checkShard(m);
    checkTasks(m);
  }

  private static void checkShard(StoreManifest m) {
    if (m.shard() == null) {
      throw new InvalidInputException(M + "shard", "missing");
    }
    if (m.shard().count() < 1 || m.shard().index() < 0 || m.shard().index() >= m.shard().count()) {
      throw new InvalidInputException(
          M + "shard",
          "needs 0 <= index < count, got " + m.shard().index() + "/" + m.shard().count());
    }
  }

  private static void checkTasks(StoreManifest m) {
    if (m.tasks() == null || m.tasks().isEmpty()) {
      throw new InvalidInputException(M + "tasks", "missing or empty");
    }
    Set<String> names = new HashSet<>();
    for (StoreManifest.Task t : m.tasks()) {
      if (t == null || t.name() == null || t.name().isEmpty() || !names.add(t.name())) {
        throw new InvalidInputException(
            M + "tasks",
            "task names must be non-empty and unique: "
                + m.tasks().stream().map(x -> x == null ? null : x.name()).toList());
      }
    }
    if (m.targetTask() != null && !names.contains(m.targetTask())) {
      throw new InvalidInputException(
          M + "targetTask", m.targetTask() + " is not among the tasks " + m.taskNames());
    }
  }

  /** Per-task train counts must match the manifest; complete stores have no empty task. */
  static void checkTaskCounts(StoreManifest m, int[] trainTasks) {
    long[] counts = new long[m.tasks().size()];
    for (int t : trainTasks) {
      counts[t]++;
    }
    List<StoreManifest.Task> tasks = m.tasks();
    for (int i = 0; i < counts.length; i++) {
      String name = tasks.get(i).name();
      if (counts[i] != tasks.get(i).trainExamples()) {
        throw new InvalidInputException(
            M + "tasks." + name + ".trainExamples",
            "is " + tasks.get(i).trainExamples() + " but train.tasks.i32 has " + counts[i]);
      }
      if (counts[i] == 0 && m.shard().count() == 1) {
        throw new InvalidInputException(name, "empty task: no training examples in the store");
      }
    }
  }
}
