package dev.gradex.kfp.dsl;

/** A node of the pipeline graph: a task, an importer or a ParallelFor group. */
public sealed interface Node permits Task, Importer, ParallelFor {
  /** The task name (a DNS label); a ParallelFor's name is given by the compiler. */
  String name();
}
