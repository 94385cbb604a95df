package dev.gradex.local;

import dev.gradex.estimate.EstimateListener;
import dev.gradex.model.gradients.ExtractionListener;
import dev.gradex.model.train.EvalResult;
import dev.gradex.model.train.TrainingListener;

/**
 * Everything a local run reports: stage boundaries plus the events of training, gradient extraction
 * and estimation, so one front-end object can show progress for the whole pipeline.
 */
public interface PipelineListener extends TrainingListener, ExtractionListener, EstimateListener {
  /** A stage starts (or a step within one, e.g. one fidelity subset). */
  default void stage(String name) {}

  /**
   * Stage {@code index} of the {@code total} this run plans starts: the run's overall position. By
   * default the same as {@link #stage(String)}.
   */
  default void stage(int index, int total, String name) {
    stage(name);
  }

  /** A stage ends with a one-line summary. */
  default void stageDone(String name, String summary) {}

  @Override
  default void epoch(int epoch, double trainLoss, EvalResult validation, boolean best) {}
}
