package dev.gradex.kfp.dsl;

import java.util.List;

/** What a task input is bound to. */
public sealed interface Value {
  /** A literal: String, Number, Boolean or List. */
  record Constant(Object value) implements Value {}

  /** A pipeline input parameter. */
  record PipelineInput(PipelineParameter parameter) implements Value {}

  /** An output artifact of another task or importer. */
  record ArtifactOutput(String producer, String key, ArtifactType type) implements Value {}

  /** An output parameter of another task. */
  record ParameterOutput(String producer, String key, ParameterType type) implements Value {}

  /**
   * The current item of the enclosing ParallelFor; items come from a LIST pipeline parameter or a
   * literal list.
   */
  record LoopItem(PipelineParameter itemsParameter, List<Object> rawItems) implements Value {}

  /** All outputs of a task inside a ParallelFor, as one list (KFP's {@code dsl.Collected}). */
  record Collected(ArtifactOutput inner) implements Value {}

  static Value constant(Object value) {
    return new Constant(value);
  }

  /** All outputs of {@code inner} (a task inside a ParallelFor) as one list. */
  static Value collected(ArtifactOutput inner) {
    return new Collected(inner);
  }
}
